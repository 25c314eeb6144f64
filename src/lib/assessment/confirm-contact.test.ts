import { describe, expect, it } from 'vitest';
import { CODE_LIFETIME_MS, confirmProblem } from './confirm-contact';

/** What the learner is told when the email/phone code step fails (every branch). */
describe('confirmProblem', () => {
	const sentAt = 1_000_000;
	it('tells a wrong code from an expired one by the time since sending (GoTrue says otp_expired for both)', () => {
		const error = { code: 'otp_expired', status: 403, name: 'AuthApiError' };
		expect(confirmProblem(error, sentAt, sentAt + 60_000)).toBe('wrongCode');
		expect(confirmProblem(error, sentAt, sentAt + CODE_LIFETIME_MS + 1)).toBe('expiredCode');
		expect(confirmProblem(error, null)).toBe('wrongCode');
	});
	it('too many attempts: 429 and GoTrue’s over_* limits', () => {
		expect(confirmProblem({ status: 429, name: 'AuthApiError' }, sentAt)).toBe('tooMany');
		expect(confirmProblem({ code: 'over_email_send_rate_limit', status: 429 }, null)).toBe('tooMany');
		expect(confirmProblem({ code: 'over_request_rate_limit' }, sentAt)).toBe('tooMany');
	});
	it('offline: a failed fetch', () => {
		expect(confirmProblem({ name: 'AuthRetryableFetchError', status: 0 }, sentAt)).toBe('offline');
		expect(confirmProblem(new TypeError('Failed to fetch'), sentAt)).toBe('offline');
	});
	it('the database saw no fresh code in the session: send a new one', () => {
		expect(confirmProblem({ code: 'PT403', hint: 'otp_required' }, sentAt)).toBe('expiredCode');
	});
	it('anything else is a server problem', () => {
		expect(confirmProblem({ code: 'PT403', hint: 'no_contact' }, sentAt)).toBe('server');
		expect(confirmProblem({ status: 500, name: 'AuthApiError' }, sentAt)).toBe('server');
		expect(confirmProblem(undefined, null)).toBe('server');
	});
});
