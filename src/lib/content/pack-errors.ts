/** Why a catalogue or pack could not be fetched or kept; each kind has its own message. */
export type PackErrorKind = 'offline' | 'not-found' | 'server' | 'quota' | 'corrupt' | 'storage';

export class PackError extends Error {
	constructor(
		readonly kind: PackErrorKind,
		readonly status?: number
	) {
		super(`pack ${kind}${status ? ` (${status})` : ''}`);
	}
}

export function isQuotaError(error: unknown): boolean {
	return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
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
	if (response.status === 404) throw new PackError('not-found', 404);
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
