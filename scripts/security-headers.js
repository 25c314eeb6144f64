// The security headers every response of Seekh carries (scripts/serve.js), and that
// `npm run smoke` expects. HSTS only when the public origin is https: a browser that saw HSTS on
// a plain-http test address would refuse it afterwards.

/**
 * @param {string | undefined} origin the public origin (ORIGIN)
 * @returns {[string, string][]}
 */
export function securityHeaders(origin) {
	/** @type {[string, string][]} */
	const headers = [
		['X-Content-Type-Options', 'nosniff'],
		['Referrer-Policy', 'strict-origin-when-cross-origin'],
		// Prerendered pages carry their CSP in a <meta> tag, which cannot say frame-ancestors.
		['X-Frame-Options', 'DENY'],
		['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
		['Cross-Origin-Opener-Policy', 'same-origin']
	];
	if (origin?.startsWith('https://'))
		headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
	return headers;
}
