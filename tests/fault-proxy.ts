import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * An HTTP proxy in front of the stack that misbehaves on request: for the next request whose
 * path contains `match`, it can drop the connection, delay, answer with a status of its own
 * (500, 401, 413…), or forward the request and cut the connection after the server has
 * committed — the "response lost" case. Every request that reaches upstream is counted.
 */
export type Fault =
	| { kind: 'drop' }
	| { kind: 'delay'; ms: number }
	| { kind: 'status'; status: number; body?: unknown }
	| { kind: 'cut-after-commit' };

export interface FaultProxy {
	url: string;
	/** Queue faults for the next matching requests (first in, first out). */
	fail(match: string, ...faults: Fault[]): void;
	/** Every request forwarded upstream, by path. */
	forwarded: string[];
	stop(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
	const target = new URL(upstream);
	const queue: { match: string; fault: Fault }[] = [];
	const forwarded: string[] = [];

	function forward(req: IncomingMessage, body: Buffer, res: ServerResponse, cut: boolean) {
		forwarded.push(req.url ?? '');
		const out = request(
			{
				hostname: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: target.host }
			},
			(up) => {
				if (cut) {
					// The server has answered, so it has committed; the client never hears it.
					up.resume();
					up.on('end', () => res.socket?.destroy());
					return;
				}
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
			}
		);
		out.on('error', () => res.socket?.destroy());
		out.end(body);
	}

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const i = queue.findIndex((q) => (req.url ?? '').includes(q.match));
			const fault = i >= 0 ? queue.splice(i, 1)[0]?.fault : undefined;
			if (!fault) return forward(req, body, res, false);
			if (fault.kind === 'drop') return void req.socket.destroy();
			if (fault.kind === 'delay') return void setTimeout(() => forward(req, body, res, false), fault.ms);
			if (fault.kind === 'cut-after-commit') return forward(req, body, res, true);
			res.writeHead(fault.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(fault.body ?? { message: `injected ${fault.status}` }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		fail: (match, ...faults) => queue.push(...faults.map((fault) => ({ match, fault }))),
		forwarded,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
