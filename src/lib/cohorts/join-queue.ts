import { joinCohort } from '$lib/staff/cohorts';

/**
 * Joins made with no signal wait here (localStorage: a list of codes) and are sent when the
 * device is next online. A code is dropped once the server answers, with a value or with a
 * refusal (wrong code, full, removed), which is kept for the learner to read; only "offline"
 * keeps it queued.
 */
const KEY = 'seekh-cohort-joins';

export interface QueuedJoin {
	code: string;
	at: string;
	/** Set when the server refused it (translated as cohorts:problems.<code>). */
	refused?: string;
}

export function queuedJoins(storage: Storage | undefined = globalThis.localStorage): QueuedJoin[] {
	try {
		const list = JSON.parse(storage?.getItem(KEY) ?? '[]') as unknown;
		return Array.isArray(list) ? (list as QueuedJoin[]) : [];
	} catch {
		return [];
	}
}

function save(list: QueuedJoin[], storage: Storage | undefined = globalThis.localStorage) {
	try {
		storage?.setItem(KEY, JSON.stringify(list));
	} catch {
		// Nothing else to do: the learner sees the join was not kept.
	}
}

export function queueJoin(code: string): void {
	const list = queuedJoins().filter((j) => j.code !== code);
	save([...list, { code, at: new Date().toISOString() }]);
}

export function dismissJoin(code: string): void {
	save(queuedJoins().filter((j) => j.code !== code));
}

/** Sends every waiting join; returns how many went through. Safe to call often (joins are idempotent). */
export async function flushJoins(): Promise<number> {
	let joined = 0;
	for (const job of queuedJoins().filter((j) => !j.refused)) {
		const got = await joinCohort(job.code);
		if (!got.ok && (got.error === 'offline' || got.error === 'sign_in' || got.error === 'server')) continue;
		const rest = queuedJoins().filter((j) => j.code !== job.code);
		if (got.ok) joined++;
		save(got.ok ? rest : [...rest, { ...job, refused: got.error }]);
	}
	return joined;
}

const joinedListeners = new Set<() => void>();
let started = false;

/**
 * Flush now and whenever the device comes back online, for the rest of the visit (started by
 * the layout when joins are waiting, or by the join page). `onJoined` hears of each success.
 */
export function startJoinQueue(onJoined?: () => void): () => void {
	if (onJoined) joinedListeners.add(onJoined);
	const run = () =>
		void flushJoins().then((n) => {
			if (n > 0) for (const listener of joinedListeners) listener();
		});
	if (!started) {
		started = true;
		globalThis.addEventListener?.('online', run);
	}
	run();
	return () => void (onJoined && joinedListeners.delete(onJoined));
}
