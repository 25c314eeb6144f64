import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { acceptedEncoding, compressHandle, compressed } from './compress';

const big = JSON.stringify({
	rows: Array.from({ length: 300 }, (_, i) => ({ name: `Learner ${i}`, done: i % 10 }))
});
const json = (body: string, headers: Record<string, string> = {}) =>
	new Response(body, {
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }
	});

describe('compressing the app server’s JSON', () => {
	it('reads what the phone accepts, preferring brotli and honouring q=0', () => {
		expect(acceptedEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(acceptedEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
		expect(acceptedEncoding('identity')).toBeNull();
		expect(acceptedEncoding('*')).toBe('br');
		expect(acceptedEncoding(null)).toBeNull();
	});

	it('sends a large answer compressed, byte for byte the same once unpacked, headers kept', async () => {
		const br = await compressed(json(big), 'br');
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('vary')).toMatch(/accept-encoding/);
		expect(br.headers.get('cache-control')).toBe('no-store');
		const packed = Buffer.from(await br.arrayBuffer());
		expect(packed.length).toBeLessThan(big.length / 4);
		expect(Number(br.headers.get('content-length'))).toBe(packed.length);
		expect(brotliDecompressSync(packed).toString()).toBe(big);

		const gz = await compressed(json(big, { 'content-type': 'application/problem+json' }), 'gzip');
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(big);
	});

	it('leaves small answers, other types, and callers that accept nothing as they are', async () => {
		expect((await compressed(json('{"ok":true}'), 'br')).headers.get('content-encoding')).toBeNull();
		expect((await compressed(json(big), null)).headers.get('content-encoding')).toBeNull();
		const csv = new Response(big, { headers: { 'content-type': 'text/csv' } });
		expect(await compressed(csv, 'br')).toBe(csv);
		const already = json(big, { 'content-encoding': 'gzip' });
		expect(await compressed(already, 'br')).toBe(already);
	});

	it('compresses /api answers only, as the hook', async () => {
		const run = (path: string, accept: string) =>
			compressHandle({
				event: {
					url: new URL(`http://x${path}`),
					request: new Request(`http://x${path}`, { headers: { 'accept-encoding': accept } })
				},
				resolve: async () => json(big)
			} as unknown as Parameters<typeof compressHandle>[0]);
		expect((await run('/api/staff/cohorts', 'gzip')).headers.get('content-encoding')).toBe('gzip');
		expect((await run('/staff/cohorts', 'gzip')).headers.get('content-encoding')).toBeNull();
		expect((await run('/api/staff/cohorts', '')).headers.get('content-encoding')).toBeNull();
	});
});
