/**
 * A full disk shows up as `QuotaExceededError`, or (Safari, Dexie) as an `AbortError` whose
 * inner error is one. Both become StorageFullError, which the UI explains in the learner's
 * language; nothing already saved is lost.
 */
export class StorageFullError extends Error {
	constructor(cause: unknown) {
		super('The device storage is full', { cause });
		this.name = 'StorageFullError';
	}
}

function named(error: unknown): { name?: unknown; inner?: unknown; cause?: unknown } | null {
	return typeof error === 'object' && error !== null ? (error as { name?: unknown }) : null;
}

export function isQuotaError(error: unknown, depth = 0): boolean {
	const e = named(error);
	if (!e || depth > 3) return false;
	if (e.name === 'QuotaExceededError' || e.name === 'StorageFullError') return true;
	return isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1);
}

const listeners = new Set<(error: StorageFullError) => void>();

/** The status component listens here to show the "storage full" message. */
export function onStorageFull(listener: (error: StorageFullError) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** Rethrows quota errors as StorageFullError (telling listeners); other errors unchanged. */
export function rethrowStorage(error: unknown): never {
	if (isQuotaError(error)) {
		const full = error instanceof StorageFullError ? error : new StorageFullError(error);
		for (const listener of listeners) listener(full);
		throw full;
	}
	throw error;
}
