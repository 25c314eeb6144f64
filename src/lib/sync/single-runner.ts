/**
 * One syncing tab at a time. Web Locks where available; otherwise a short lease in
 * localStorage that the holder renews; otherwise (Node, tests) just run.
 */
const LOCK = 'seekh-sync';
const LEASE_MS = 30_000;

export async function asSingleRunner<T>(
	task: () => Promise<T>
): Promise<{ ran: true; value: T } | { ran: false }> {
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	if (locks) {
		return locks.request(LOCK, { ifAvailable: true }, async (lock) =>
			lock ? { ran: true as const, value: await task() } : { ran: false as const }
		);
	}
	if (typeof localStorage === 'undefined') return { ran: true, value: await task() };
	return withLease(task);
}

const tabId = Math.random().toString(36).slice(2);

async function withLease<T>(task: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
	const key = `${LOCK}-lease`;
	const now = Date.now();
	let lease: { tab?: string; until?: number } = {};
	try {
		lease = JSON.parse(localStorage.getItem(key) ?? '{}') as typeof lease;
	} catch {
		lease = {};
	}
	if (lease.tab && lease.tab !== tabId && (lease.until ?? 0) > now) return { ran: false };
	const renew = () => localStorage.setItem(key, JSON.stringify({ tab: tabId, until: Date.now() + LEASE_MS }));
	renew();
	const timer = setInterval(renew, LEASE_MS / 3);
	try {
		return { ran: true, value: await task() };
	} finally {
		clearInterval(timer);
		localStorage.removeItem(key);
	}
}
