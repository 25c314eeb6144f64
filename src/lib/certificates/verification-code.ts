/**
 * Short verification codes printed under a certificate's QR code. 16 Crockford base32
 * characters carry 80 random bits: guessing one valid code among millions of certificates
 * would take more requests than the rate limit allows in centuries. Crockford's alphabet
 * has no I, L, O or U, so a code read aloud or copied from paper survives O/0 and I/1 mix-ups.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16;

/** A new code from 10 random bytes (80 bits), e.g. `7K3M9QXR2B4T8VWZ`. */
export function generateVerificationCode(
	random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)
): string {
	const bytes = random(new Uint8Array(10));
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out += ALPHABET[(value >> bits) & 31];
		}
		value &= (1 << bits) - 1;
	}
	return out;
}

/** `7K3M9QXR2B4T8VWZ` → `7K3M-9QXR-2B4T-8VWZ`, for print and screen. */
export function formatVerificationCode(code: string): string {
	return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * Reads what a person typed: any case, with spaces or dashes, O for 0 and I/L for 1.
 * Returns the canonical 16-character code, or null when it cannot be one.
 */
export function parseVerificationCode(input: string): string | null {
	if (input.length > 64) return null;
	const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
	if (cleaned.length !== CODE_LENGTH) return null;
	for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
	return cleaned;
}
