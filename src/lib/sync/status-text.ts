/**
 * What the header says about saving. Pure: a snapshot in, a translation key and its values out,
 * so the wording rules are tested without a browser.
 */
export type SyncPhase =
	'local-only' | 'signed-out' | 'idle' | 'syncing' | 'offline' | 'retrying' | 'storage-full';

export interface SyncSnapshot {
	phase: SyncPhase;
	/** Events on this device the server has not yet confirmed. */
	pending: number;
	/** When the server last confirmed everything (ms since epoch), if ever. */
	lastSyncedAt: number | null;
	/** Events the server refused for good, kept in deadLetters. */
	quarantined: number;
}

export interface StatusText {
	key: string;
	values: Record<string, string | number>;
	tone: 'ok' | 'waiting' | 'problem';
}

/** Whole minutes, hours or days since `then`, for "2 min ago" (formatted by the caller). */
export function elapsed(
	then: number,
	now: number
): { unit: 'minute' | 'hour' | 'day'; value: number } | null {
	const minutes = Math.floor((now - then) / 60_000);
	if (minutes < 1) return null;
	if (minutes < 60) return { unit: 'minute', value: minutes };
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return { unit: 'hour', value: hours };
	return { unit: 'day', value: Math.floor(hours / 24) };
}

export function statusText(s: SyncSnapshot): StatusText {
	const count = s.pending;
	switch (s.phase) {
		case 'local-only':
			return { key: 'status:localOnly', values: {}, tone: 'ok' };
		case 'storage-full':
			return { key: 'status:storageFull', values: {}, tone: 'problem' };
		case 'signed-out':
			return { key: 'status:signedOut', values: { count }, tone: 'waiting' };
		case 'offline':
			return count > 0
				? { key: 'status:waitingOffline', values: { count }, tone: 'waiting' }
				: { key: 'status:offlineAllSaved', values: {}, tone: 'ok' };
		case 'retrying':
			return { key: 'status:retrying', values: { count }, tone: 'problem' };
		case 'syncing':
			return { key: 'status:syncing', values: { count }, tone: 'waiting' };
		case 'idle':
			if (count > 0) return { key: 'status:waiting', values: { count }, tone: 'waiting' };
			return s.lastSyncedAt === null
				? { key: 'status:allSaved', values: {}, tone: 'ok' }
				: { key: 'status:allSavedAgo', values: {}, tone: 'ok' };
	}
}
