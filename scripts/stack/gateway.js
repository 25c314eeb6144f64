// One origin like Supabase's API gateway: /rest/v1 → PostgREST, /auth/v1 → the auth stand-in,
// so createClient(url, anonKey) works unchanged against local or hosted Supabase. It also
// accepts gzip request bodies (PostgREST does not), capped against zip bombs.
import { createServer } from 'node:http';
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

/** Largest body accepted, before and after decompression: over it the client must split. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Deepest JSON nesting forwarded. Learner events are a few levels deep; one 20 KB body nested
 * 10,000 deep wedged PGlite (its one session stuck in the JSON parser) until restart, so it
 * is refused here, before anything reaches PostgREST or the database.
 */
export const MAX_JSON_DEPTH = 64;

/** Header the gateway sets from the TCP peer; the database reads the client IP from it only. */
export const CLIENT_IP_HEADER = 'x-seekh-client-ip';

/**
 * Nesting depth of a JSON text, scanning bytes (strings skipped), stopping once over `limit`.
 * @param {Buffer} body @param {number} limit @returns {boolean} true = deeper than limit
 */
export function tooDeep(body, limit = MAX_JSON_DEPTH) {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: skip the escaped byte
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > limit) return true;
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
	return false;
}

const CORS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
	'access-control-allow-headers':
		'authorization, apikey, content-type, content-encoding, x-client-info, accept-profile, content-profile, prefer, range, x-supabase-api-version',
	'access-control-expose-headers': 'content-range, x-supabase-api-version',
	'access-control-max-age': '86400'
};

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Buffer | null>} null = too large */
async function readBody(req) {
	const chunks = [];
	let size = 0;
	for await (const chunk of req) {
		size += chunk.length;
		if (size > MAX_BODY_BYTES) return null;
		chunks.push(chunk);
	}
	const raw = Buffer.concat(chunks);
	if (req.headers['content-encoding'] !== 'gzip') return raw;
	try {
		return await gunzipAsync(raw, { maxOutputLength: MAX_BODY_BYTES });
	} catch {
		return null;
	}
}

/**
 * @param {{ port: number, restUrl: string, auth: ReturnType<typeof import('./auth-server.js').createAuthHandler> }} options
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export async function startGateway({ port, restUrl, auth }) {
	const server = createServer(async (req, res) => {
		try {
			const url = new URL(req.url ?? '/', 'http://gateway');
			if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
			const body = await readBody(req);
			if (body === null) return send(res, 413, { message: 'Request body too large: send smaller batches' });
			if (tooDeep(body)) return send(res, 413, { message: 'Request body nested too deeply' });
			if (url.pathname.startsWith('/auth/v1/')) {
				const reply = await auth({
					method: req.method ?? 'GET',
					path: url.pathname.slice('/auth/v1'.length),
					query: url.searchParams,
					authorization: req.headers.authorization,
					body: body.length ? safeJson(body) : {}
				});
				return send(res, reply.status, reply.body, { 'x-supabase-api-version': '2024-01-01' });
			}
			if (url.pathname.startsWith('/rest/v1/') || url.pathname === '/rest/v1') {
				const headers = new Headers();
				for (const [name, value] of Object.entries(req.headers)) {
					if (['host', 'content-length', 'content-encoding', 'connection', 'accept-encoding'].includes(name))
						continue;
					if (typeof value === 'string') headers.set(name, value);
				}
				// Whatever the client sent under this name is replaced: rate limits trust only this.
				headers.set(CLIENT_IP_HEADER, req.socket.remoteAddress ?? 'unknown');
				const upstream = await fetch(
					`${restUrl}${url.pathname.slice('/rest/v1'.length) || '/'}${url.search}`,
					{
						method: req.method,
						headers,
						body: ['GET', 'HEAD'].includes(req.method ?? 'GET') ? undefined : new Uint8Array(body)
					}
				);
				const out = Buffer.from(await upstream.arrayBuffer());
				/** @type {Record<string, string>} */
				const outHeaders = { ...CORS };
				upstream.headers.forEach((value, name) => {
					if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
						outHeaders[name] = value;
				});
				const wantsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
				if (wantsGzip && out.length > 512) {
					const packed = await gzipAsync(out);
					res.writeHead(upstream.status, {
						...outHeaders,
						'content-encoding': 'gzip',
						'content-length': String(packed.length),
						vary: 'accept-encoding'
					});
					return void res.end(packed);
				}
				res.writeHead(upstream.status, { ...outHeaders, 'content-length': String(out.length) });
				return void res.end(out);
			}
			return send(res, 404, { message: 'not found' });
		} catch (error) {
			console.error('[gateway]', error);
			if (!res.headersSent) send(res, 502, { message: 'Bad gateway' });
			else res.destroy();
		}
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(undefined));
	});
	const address = server.address();
	const actual = typeof address === 'object' && address ? address.port : port;
	return {
		url: `http://127.0.0.1:${actual}`,
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

/** @param {Buffer} body */
function safeJson(body) {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return {};
	}
}

/**
 * @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body, headers = {}) {
	if (status === 204 || body === undefined) return void res.writeHead(status, { ...CORS, ...headers }).end();
	res.writeHead(status, { ...CORS, ...headers, 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}
