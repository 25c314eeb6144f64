import { getDb } from '$lib/db/db';
import { call } from '$lib/staff/api';
import type { ErrorCode } from '$lib/result';
import type { TrainerRequirements } from './requirements';

/**
 * The learner's Certified Trainer checklist: asked from the server when online and kept in
 * Dexie `meta`, so the page still shows the last answer (with its date) without a network.
 */
const KEY = 'trainer-requirements';

export interface StoredRequirements {
	at: string;
	value: TrainerRequirements;
}

export async function storedRequirements(): Promise<StoredRequirements | null> {
	const entry = await getDb().meta.get(KEY);
	const v = entry?.value as StoredRequirements | undefined;
	return v && Array.isArray(v.value?.requirements) ? v : null;
}

export async function refreshRequirements(): Promise<{
	stored: StoredRequirements | null;
	error: ErrorCode | null;
}> {
	const got = await call<TrainerRequirements>('/api/certified-trainer');
	if (!got.ok) return { stored: await storedRequirements(), error: got.error };
	const stored = { at: new Date().toISOString(), value: got.value };
	await getDb().meta.put({ key: KEY, value: stored });
	return { stored, error: null };
}
