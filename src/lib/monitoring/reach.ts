import { createSafeStorage, type SafeStorage } from '$lib/settings/safe-storage';
import { backendConfig, hasStoredSession, type BackendConfig } from '$lib/sync/config';

/**
 * The anonymous awareness reach count (opt-in, off until the learner turns it on in Settings).
 * A learner without an account finishes a lesson; this device adds one to a tally of
 * day × course × lesson × language × the province they chose, and sends the day's tallies once
 * a day. Nothing identifies the device: no id, no account, no time finer than a day. Learners
 * with an account are not counted here (their synced progress is counted already).
 */
export const REACH_SETTING_KEY = 'seekh.reach';
const TALLY_KEY = 'seekh.reach.tally';

export const PROVINCES = [
	'punjab',
	'sindh',
	'khyber-pakhtunkhwa',
	'balochistan',
	'islamabad',
	'gilgit-baltistan',
	'azad-kashmir',
	'not-stated'
] as const;
export type Province = (typeof PROVINCES)[number];

export interface ReachSetting {
	on: boolean;
	province: Province;
}

interface Entry {
	day: string;
	course: string;
	lesson: string;
	language: string;
	province: Province;
	n: number;
}

const OFF: ReachSetting = { on: false, province: 'not-stated' };

export function readSetting(storage: SafeStorage = createSafeStorage()): ReachSetting {
	try {
		const raw = JSON.parse(storage.get(REACH_SETTING_KEY) ?? 'null') as Partial<ReachSetting> | null;
		if (!raw || raw.on !== true) return { ...OFF, province: validProvince(raw?.province) };
		return { on: true, province: validProvince(raw.province) };
	} catch {
		return OFF;
	}
}

export function saveSetting(setting: ReachSetting, storage: SafeStorage = createSafeStorage()): void {
	storage.set(
		REACH_SETTING_KEY,
		JSON.stringify({ on: setting.on, province: validProvince(setting.province) })
	);
	// Turning it off also forgets what was waiting to be sent.
	if (!setting.on) storage.remove(TALLY_KEY);
}

const validProvince = (p: unknown): Province =>
	PROVINCES.includes(p as Province) ? (p as Province) : 'not-stated';

const today = (now: Date) => now.toISOString().slice(0, 10);

function readTally(storage: SafeStorage): Entry[] {
	try {
		const raw = JSON.parse(storage.get(TALLY_KEY) ?? '[]') as unknown;
		return Array.isArray(raw) ? (raw as Entry[]).filter((e) => e && typeof e.n === 'number') : [];
	} catch {
		return [];
	}
}

/** Adds a finished lesson to today's tally, if the learner opted in and has no account here. */
export function noteCompletion(
	course: string,
	lesson: string,
	language: string,
	now = new Date(),
	storage: SafeStorage = createSafeStorage(),
	signedIn = hasStoredSession()
): boolean {
	const setting = readSetting(storage);
	if (!setting.on || signedIn) return false;
	const tally = readTally(storage);
	const day = today(now);
	const same = tally.find(
		(e) =>
			e.day === day &&
			e.course === course &&
			e.lesson === lesson &&
			e.language === language &&
			e.province === setting.province
	);
	if (same) same.n = Math.min(20, same.n + 1);
	else tally.push({ day, course, lesson, language, province: setting.province, n: 1 });
	// A week of tallies at most: what could not be sent by then is dropped, never piled up.
	const weekAgo = today(new Date(now.getTime() - 7 * 86_400_000));
	storage.set(TALLY_KEY, JSON.stringify(tally.filter((e) => e.day >= weekAgo).slice(-60)));
	return true;
}

/**
 * Sends the tallies of days that are over (today's keeps growing until tomorrow), once per day
 * at most. Returns how many completions the server counted, or null when nothing was sent.
 */
export async function sendFinishedDays(
	now = new Date(),
	storage: SafeStorage = createSafeStorage(),
	backend: BackendConfig | null = backendConfig(),
	fetchImpl: typeof fetch = fetch
): Promise<number | null> {
	if (!backend || !readSetting(storage).on) return null;
	const tally = readTally(storage);
	const finished = tally.filter((e) => e.day < today(now));
	if (finished.length === 0) return null;
	const response = await fetchImpl(`${backend.url.replace(/\/$/, '')}/rest/v1/rpc/record_reach`, {
		method: 'POST',
		headers: {
			apikey: backend.anonKey,
			authorization: `Bearer ${backend.anonKey}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify({ entries: finished })
	}).catch(() => null);
	if (!response?.ok) return null; // kept for the next try
	storage.set(TALLY_KEY, JSON.stringify(tally.filter((e) => e.day >= today(now))));
	return Number(await response.json().catch(() => 0));
}
