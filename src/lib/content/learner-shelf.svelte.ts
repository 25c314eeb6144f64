import { liveQuery, type Subscription } from 'dexie';
import { getDb, type PackRecord, type ProgressRecord } from '$lib/db/db';
import { loadIdentity } from '$lib/db/identity';

/**
 * What this learner has on the device — downloaded packs and derived course progress — kept
 * live from Dexie, so every page updates the moment an event or a download is written.
 * If IndexedDB is blocked or damaged, `available` turns false and pages say that progress
 * cannot be kept; reading still works.
 */
export class LearnerShelf {
	// Raw: each is replaced whole by its live query, never changed in place, so pages read
	// plain objects rather than deep proxies (issue 17: reading through them cost the start).
	packs = $state.raw<PackRecord[]>([]);
	progress = $state.raw<Record<string, ProgressRecord>>({});
	available = $state(true);
	ready = $state(false);

	/** Starts watching; returns the clean-up for onMount. */
	watch(): () => void {
		const subs: Subscription[] = [];
		let stopped = false;
		const fail = () => {
			this.available = false;
			this.ready = true;
		};
		void (async () => {
			try {
				const db = getDb();
				const { owner } = await loadIdentity(db);
				if (stopped) return;
				subs.push(
					liveQuery(() => db.packs.toArray()).subscribe({ next: (rows) => (this.packs = rows), error: fail }),
					liveQuery(() => db.progress.where('owner').equals(owner).toArray()).subscribe({
						next: (rows) => {
							this.progress = Object.fromEntries(rows.map((r) => [r.course_id, r]));
							this.ready = true;
						},
						error: fail
					})
				);
			} catch {
				fail();
			}
		})();
		return () => {
			stopped = true;
			for (const s of subs) s.unsubscribe();
		};
	}

	storedPack(courseId: string): PackRecord | undefined {
		return this.packs.find((p) => p.course_id === courseId);
	}
}
