import { isQuotaError as isStorageQuotaError } from '$lib/db/storage-errors';

/** Why a catalogue or pack could not be fetched or kept; each kind names its message, `course:error.<kind>`. */
export const PACK_ERROR_KINDS = ['offline', 'notFound', 'server', 'quota', 'corrupt', 'storage'] as const;
export type PackErrorKind = (typeof PACK_ERROR_KINDS)[number];

export class PackError extends Error {
	constructor(
		readonly kind: PackErrorKind,
		readonly status?: number
	) {
		super(`pack ${kind}${status ? ` (${status})` : ''}`);
	}
}

/**
 * A full disk, in any of its shapes: the Cache API's DOMException, Dexie's QuotaExceededError,
 * or an AbortError whose `inner` (at any depth) is one.
 */
export function isQuotaError(error: unknown): boolean {
	return (error instanceof DOMException && error.code === 22) || isStorageQuotaError(error);
}

/** Fetches text, streaming the body to report progress. Maps failures to PackError kinds. */
export async function fetchText(
	url: string,
	onProgress?: (received: number) => void,
	init?: RequestInit
): Promise<string> {
	let response: Response;
	try {
		response = await fetch(url, init);
	} catch {
		throw new PackError('offline');
	}
	if (response.status === 404) throw new PackError('notFound', 404);
	if (!response.ok) throw new PackError('server', response.status);
	if (!response.body || !onProgress) return response.text();
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let text = '';
	let received = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			received += value.byteLength;
			text += decoder.decode(value, { stream: true });
			onProgress(received);
		}
	} catch {
		throw new PackError('offline');
	}
	return text + decoder.decode();
}
