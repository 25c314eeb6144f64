import { describe, expect, it } from 'vitest';
import { accountErrorKey } from './auth-errors';

describe('accountErrorKey', () => {
	it('names the learner’s mistake when the server says what it was', () => {
		expect(accountErrorKey({ code: 'invalid_credentials', status: 400 })).toBe('sync:errors.wrongPassword');
		expect(accountErrorKey({ code: 'user_already_exists', status: 422 })).toBe('sync:errors.accountExists');
		expect(accountErrorKey({ code: 'weak_password', status: 422 })).toBe('sync:errors.weakPassword');
		expect(accountErrorKey({ code: 'otp_expired', status: 403 })).toBe('sync:errors.badCode');
		expect(accountErrorKey({ code: '23514', status: 400 })).toBe('sync:errors.invalidInput');
	});

	it('tells an expired session, a server fault and no connection apart', () => {
		expect(accountErrorKey({ code: 'PGRST301', status: 401 })).toBe('sync:errors.sessionExpired');
		expect(accountErrorKey({ code: 'refresh_token_already_used', status: 400 })).toBe(
			'sync:errors.sessionExpired'
		);
		expect(accountErrorKey({ name: 'AuthRetryableFetchError', status: 500 })).toBe('sync:errors.server');
		expect(accountErrorKey({ name: 'AuthRetryableFetchError', status: 0 })).toBe('sync:errors.offline');
		expect(accountErrorKey(new TypeError('fetch failed'))).toBe('sync:errors.offline');
		expect(accountErrorKey('??')).toBe('sync:errors.offline');
	});
});
