import { fromBase64Url, toBase64Url } from './base64url';

/**
 * W3C Bitstring Status List (v1.0): one bit per certificate, 1 = revoked. The list is at least
 * 131,072 bits (16 KB) and each certificate's index is drawn at random, so a verifier that
 * downloads the list to check one certificate learns nothing about which others exist or
 * were revoked (herd privacy). Compressed with GZIP it is ~100 bytes while mostly zeros.
 */
export const STATUS_LIST_BITS = 131_072;

/** Bit `index` is the most significant bit of byte `index >> 3`, as the spec orders them. */
export function setBit(bits: Uint8Array, index: number, value: boolean): void {
	checkIndex(bits, index);
	const mask = 0x80 >> (index & 7);
	bits[index >> 3] = value ? bits[index >> 3]! | mask : bits[index >> 3]! & ~mask;
}

export function getBit(bits: Uint8Array, index: number): boolean {
	checkIndex(bits, index);
	return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

function checkIndex(bits: Uint8Array, index: number) {
	if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8)
		throw new RangeError(`status index ${index} out of range`);
}

/** An empty list with the given indexes set. */
export function bitstringWith(indexes: Iterable<number>, size = STATUS_LIST_BITS): Uint8Array {
	const bits = new Uint8Array(size / 8);
	for (const index of indexes) setBit(bits, index, true);
	return bits;
}

/** `encodedList`: multibase `u` + base64url(no padding) of the GZIP-compressed bitstring. */
export async function encodeStatusList(bits: Uint8Array): Promise<string> {
	return 'u' + toBase64Url(await pipe(bits, new CompressionStream('gzip')));
}

/** The inverse; throws on anything that is not a GZIP'd list of at least 131,072 bits. */
export async function decodeStatusList(encoded: string, maxBytes = 1 << 20): Promise<Uint8Array> {
	if (!encoded.startsWith('u')) throw new Error('encodedList must be multibase base64url');
	const bits = await pipe(fromBase64Url(encoded.slice(1)), new DecompressionStream('gzip'), maxBytes);
	if (bits.length * 8 < STATUS_LIST_BITS) throw new Error('status list shorter than 131,072 entries');
	return bits;
}

/** Runs bytes through a (de)compression stream; stops at `maxBytes` to refuse zip bombs. */
async function pipe(
	input: Uint8Array,
	stream: CompressionStream | DecompressionStream,
	maxBytes = Infinity
): Promise<Uint8Array> {
	const writer = stream.writable.getWriter();
	void writer.write(input as Uint8Array<ArrayBuffer>).catch(() => {});
	void writer.close().catch(() => {});
	const chunks: Uint8Array[] = [];
	let total = 0;
	const reader = stream.readable.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > maxBytes) {
			await reader.cancel();
			throw new Error('status list too large');
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

/** A random index for a new certificate, avoiding ones already taken. */
export function randomStatusIndex(taken: (index: number) => boolean, size = STATUS_LIST_BITS): number {
	const buf = new Uint32Array(1);
	for (let tries = 0; tries < 1000; tries++) {
		crypto.getRandomValues(buf);
		const index = buf[0]! % size; // size is a power of two: no modulo bias
		if (!taken(index)) return index;
	}
	throw new Error('status list is full');
}
