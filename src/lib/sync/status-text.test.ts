import { describe, expect, it } from 'vitest';
import { elapsed, statusText, type SyncSnapshot } from './status-text';

const base: SyncSnapshot = { phase: 'idle', pending: 0, lastSyncedAt: null, quarantined: 0 };

describe('statusText', () => {
	it('says everything is saved, with when, once the server confirmed it', () => {
		expect(statusText({ ...base, lastSyncedAt: 1 }).key).toBe('status:allSavedAgo');
		expect(statusText(base).key).toBe('status:allSaved');
	});

	it('counts changes waiting for a connection when offline', () => {
		const text = statusText({ ...base, phase: 'offline', pending: 12 });
		expect(text).toEqual({ key: 'status:waitingOffline', values: { count: 12 }, tone: 'waiting' });
		expect(statusText({ ...base, phase: 'offline' }).tone).toBe('ok');
	});

	it('flags a problem while retrying and says so in local-only mode', () => {
		expect(statusText({ ...base, phase: 'retrying', pending: 3 }).tone).toBe('problem');
		expect(statusText({ ...base, phase: 'local-only', pending: 3 }).key).toBe('status:localOnly');
		expect(statusText({ ...base, phase: 'idle', pending: 2 }).key).toBe('status:waiting');
	});
});

describe('elapsed', () => {
	it('rounds down to whole minutes, hours and days', () => {
		expect(elapsed(0, 59_000)).toBeNull();
		expect(elapsed(0, 2 * 60_000 + 5)).toEqual({ unit: 'minute', value: 2 });
		expect(elapsed(0, 3 * 3600_000)).toEqual({ unit: 'hour', value: 3 });
		expect(elapsed(0, 50 * 3600_000)).toEqual({ unit: 'day', value: 2 });
	});
});
