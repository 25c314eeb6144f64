import { describe, expect, it } from 'vitest';
import { ticketsForDownload } from './tickets-on-download';

// The fetch itself runs against the real server in tests/e2e/certificate-journey.test.ts;
// here: no request at all when there is nothing to fetch.
describe('ticketsForDownload', () => {
	it('does nothing for a course without a final assessment', async () => {
		await expect(
			ticketsForDownload({ id: 'ai-awareness', assessment: 'practice' }, 'token')
		).resolves.toBeNull();
	});

	it('does nothing when nobody is signed in', async () => {
		await expect(
			ticketsForDownload({ id: 'ai-public-servants', assessment: 'final' }, null)
		).resolves.toBeNull();
	});
});
