/**
 * Opaque cursors: the keyset position of the last item, as base64url JSON. Partners pass them
 * back unchanged; anything else is refused as `bad_cursor` (never an offset: lists are keyset).
 */
export function encodeCursor(position: unknown[]): string {
	return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null, length: number): unknown[] | null | 'bad' {
	if (!cursor) return null;
	try {
		const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
		if (!Array.isArray(value) || value.length !== length) return 'bad';
		if (!value.every((v) => typeof v === 'string')) return 'bad';
		return value;
	} catch {
		return 'bad';
	}
}

/** The same request with `cursor` set: the `next` link. */
export function nextLink(url: URL, cursor: string): string {
	const next = new URL(url);
	next.searchParams.set('cursor', cursor);
	return `${next.pathname}${next.search}`;
}
