import type { SeekhDatabase } from './db';

/**
 * Asks the browser to keep this site's storage (Safari otherwise may erase IndexedDB after
 * seven days without a visit). Asked once, after the first saved progress — not on the first
 * visit, when the learner has nothing to lose yet. The answer is remembered in `meta`.
 */
export async function askPersistenceOnce(db: SeekhDatabase): Promise<boolean | null> {
	const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	if (!storage?.persist) return null;
	const asked = await db.meta.get('persist_asked');
	if (asked) return asked.value === true;
	const granted = await storage.persist().catch(() => false);
	await db.meta.put({ key: 'persist_asked', value: granted });
	return granted;
}
