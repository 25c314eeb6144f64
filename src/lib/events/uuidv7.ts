/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Made on the device when the
 * action happens; time-ordered, so the server's index on it stays compact, and globally unique
 * without coordination — the idempotency key for sync.
 */
let lastMs = 0;
let counter = 0;

export function uuidv7(
	now: number = Date.now(),
	random: (bytes: Uint8Array) => Uint8Array = fillRandom
): string {
	const bytes = random(new Uint8Array(16));
	// Keep ids monotonic within one millisecond on this device (12-bit counter in rand_a).
	if (now === lastMs) counter = (counter + 1) & 0xfff;
	else {
		lastMs = now;
		counter = ((bytes[6] ?? 0) << 4) & 0x7ff;
	}
	const ms = BigInt(now);
	for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
	bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
	bytes[7] = counter & 0xff;
	bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function fillRandom(bytes: Uint8Array): Uint8Array {
	return crypto.getRandomValues(bytes);
}
