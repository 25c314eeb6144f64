import { createHash } from 'node:crypto';

// RFC 9562 UUID version 5 (SHA-1, name-based): the same name always gives the same id, so a
// statement sent again carries the id the LRS already has and is not stored twice.

/** Seekh's namespace for xAPI statement ids (a fixed, random v4 UUID). */
export const STATEMENT_NAMESPACE = '6f1c3b0e-5a7d-4c2e-9b1f-2d8e4a6c0b35';

/**
 * @param {string} name
 * @param {string} namespace
 */
export function uuidv5(name, namespace = STATEMENT_NAMESPACE) {
	const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
	const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
	const bytes = hash.subarray(0, 16);
	bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
	bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
