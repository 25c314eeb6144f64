import { createSafeStorage } from '$lib/settings/safe-storage';
import type { PublicProgress } from './types';

/**
 * Loads /api/progress and keeps the last answer on the device, so the page reads offline after
 * one visit and says how old the figures are. The figures are public and already suppressed.
 */
export interface Loaded {
	data: PublicProgress | null;
	fromDevice: boolean;
}

const SAVED_KEY = 'seekh.progress';

export async function loadPublicProgress(fetchImpl: typeof fetch = fetch): Promise<Loaded> {
	const storage = createSafeStorage();
	try {
		const response = await fetchImpl('/api/progress', { cache: 'no-cache' });
		if (!response.ok) throw new Error(String(response.status));
		const data = (await response.json()) as PublicProgress;
		if (!Array.isArray(data.tables)) throw new Error('not a publication');
		storage.set(SAVED_KEY, JSON.stringify(data));
		return { data, fromDevice: false };
	} catch {
		try {
			const saved = JSON.parse(storage.get(SAVED_KEY) ?? 'null') as PublicProgress | null;
			return { data: saved && Array.isArray(saved.tables) ? saved : null, fromDevice: true };
		} catch {
			return { data: null, fromDevice: true };
		}
	}
}
