import { createServer, request } from 'node:http';
import { Transform } from 'node:stream';

/** `/__e2e/network/slow`: one shared 400 kbit/s link with 400 ms round trips, as in issue 17. */
const SLOW = { bytesPerMs: 400_000 / 8 / 1000, rttMs: 400 };

/**
 * Forwards everything to the app server, except that after `POST /__e2e/new-version` it serves
 * a byte-different service worker — exactly what a deploy looks like to a browser that already
 * has the app. `POST /__e2e/network/off` drops every other request (as a lost connection) until
 * `/__e2e/network/on`: Chromium's offline emulation does not cover service-worker fetches.
 * `/__e2e/network/slow` puts every response (the worker's precache too) through one slow link
 * until `/__e2e/network/fast`.
 * `x-forwarded-for` is the caller's own if it sent one, so a test can be "another IP". Test-only.
 */
export async function startSwitchableProxy(port: number, targetPort: number): Promise<() => Promise<void>> {
	let version = 0;
	let networkOff = false;
	let slow = false;
	// When the shared slow link is next free: chunks queue behind each other, like one phone link.
	let linkFreeAt = 0;
	const throttled = () =>
		new Transform({
			transform(chunk: Buffer, _encoding, done) {
				const now = Date.now();
				linkFreeAt = Math.max(now, linkFreeAt) + chunk.length / SLOW.bytesPerMs;
				setTimeout(() => done(null, chunk), linkFreeAt - now);
			}
		});
	const server = createServer((req, res) => {
		if (req.url?.startsWith('/__e2e/network/') && req.method === 'POST' && /slow|fast/.test(req.url)) {
			slow = req.url === '/__e2e/network/slow';
			linkFreeAt = 0;
			res.writeHead(204).end();
			return;
		}
		if (req.url === '/__e2e/new-version' && req.method === 'POST') {
			version++;
			res.writeHead(204).end();
			return;
		}
		if (req.url?.startsWith('/__e2e/network/') && req.method === 'POST') {
			networkOff = req.url === '/__e2e/network/off';
			res.writeHead(204).end();
			return;
		}
		if (networkOff) {
			req.socket.destroy();
			return;
		}
		const isWorker = req.url?.split('?')[0] === '/service-worker.js';
		const headers = { ...req.headers };
		headers['x-forwarded-for'] ??= req.socket.remoteAddress ?? '127.0.0.1';
		if (isWorker) {
			// Always fetch the full worker: a 304 or a compressed body can't be appended to.
			for (const name of ['accept-encoding', 'if-none-match', 'if-modified-since']) delete headers[name];
		}
		const upstream = request(
			{ host: '127.0.0.1', port: targetPort, path: req.url, method: req.method, headers },
			(up) => {
				if (!isWorker || version === 0) {
					res.writeHead(up.statusCode ?? 502, up.headers);
					if (slow) setTimeout(() => up.pipe(throttled()).pipe(res), SLOW.rttMs);
					else up.pipe(res);
					return;
				}
				const chunks: Buffer[] = [];
				up.on('data', (c: Buffer) => chunks.push(c));
				up.on('end', () => {
					const body = Buffer.concat([...chunks, Buffer.from(`\n// e2e deploy ${version}\n`)]);
					const { 'content-length': _length, etag: _etag, ...rest } = up.headers;
					res.writeHead(up.statusCode ?? 200, {
						...rest,
						'content-length': body.length,
						'cache-control': 'no-cache'
					});
					res.end(body);
				});
			}
		);
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return () =>
		new Promise((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
}
