// `npm start`: the production server. It is adapter-node's own handler (build/handler.js: static
// files, prerendered pages, SvelteKit) with the security headers that must be on EVERY response —
// adapter-node serves static files and prerendered pages before any SvelteKit hook runs, so a
// hook could not cover them. Put it behind a TLS reverse proxy (docs/deploy.md); the
// Content-Security-Policy itself comes from SvelteKit (svelte.config.js `kit.csp`).
import { createServer } from 'node:http';
import { securityHeaders } from './security-headers.js';

const { handler } = await import(new URL('../build/handler.js', import.meta.url).href);

const headers = securityHeaders(process.env.ORIGIN);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

const server = createServer((req, res) => {
	for (const [name, value] of headers) res.setHeader(name, value);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.listen(port, host, () => console.log(`Seekh listening on http://${host}:${port}`));

// Stop taking new connections on SIGTERM/SIGINT (container stop, systemd), finish the open ones.
for (const signal of ['SIGTERM', 'SIGINT'])
	process.once(signal, () => {
		server.close(() => process.exit(0));
		setTimeout(() => process.exit(0), Number(process.env.SHUTDOWN_TIMEOUT ?? 30) * 1000).unref();
		server.closeIdleConnections();
	});
