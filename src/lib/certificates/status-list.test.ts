import { describe, expect, it } from 'vitest';
import {
	bitstringWith,
	decodeStatusList,
	encodeStatusList,
	getBit,
	randomStatusIndex,
	STATUS_LIST_BITS
} from './status-list';

describe('bitstring status list', () => {
	it('round-trips through GZIP and multibase base64url, keeping exactly the revoked bits', async () => {
		const revoked = [0, 7, 8, 4242, STATUS_LIST_BITS - 1];
		const encoded = await encodeStatusList(bitstringWith(revoked));
		expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
		expect(encoded.length).toBeLessThan(400);
		const bits = await decodeStatusList(encoded);
		expect(bits.length * 8).toBe(STATUS_LIST_BITS);
		for (const i of revoked) expect(getBit(bits, i)).toBe(true);
		expect(getBit(bits, 1)).toBe(false);
		expect(getBit(bits, 4243)).toBe(false);
	});

	it('orders bits from the most significant bit of the first byte', () => {
		const bits = bitstringWith([0, 9]);
		expect(bits[0]).toBe(0x80);
		expect(bits[1]).toBe(0x40);
	});

	it('rejects lists that are too short, not gzip or not multibase', async () => {
		await expect(decodeStatusList(await encodeStatusList(new Uint8Array(1024)))).rejects.toThrow(/131,072/);
		await expect(decodeStatusList('uAAAA')).rejects.toThrow();
		await expect(decodeStatusList('H4sI')).rejects.toThrow(/multibase/);
	});

	it('refuses a compressed list that inflates past the limit', async () => {
		const huge = await encodeStatusList(new Uint8Array(4 << 20));
		await expect(decodeStatusList(huge)).rejects.toThrow(/too large/);
	});

	it('allocates indexes at random across the whole list, skipping taken ones', () => {
		const taken = new Set<number>();
		for (let i = 0; i < 500; i++) taken.add(randomStatusIndex((x) => taken.has(x)));
		expect(taken.size).toBe(500);
		expect(Math.max(...taken)).toBeGreaterThan(STATUS_LIST_BITS / 2);
		expect(Math.min(...taken)).toBeLessThan(STATUS_LIST_BITS / 2);
	});
});
