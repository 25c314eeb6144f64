/** Who signs certificates in the e2e app (a test configuration, not real people). */
export const E2E_SIGNATORIES = {
	karachi: {
		name: 'ڈاکٹر ثنا مرزا',
		title: { en: 'Director, CoE-AI Karachi', ur: 'ڈائریکٹر، CoE-AI کراچی', sd: 'ڊائريڪٽر، CoE-AI ڪراچي' }
	}
};
