// `npm start`: the production server. It is adapter-node's own handler (build/handler.js: static
// files, prerendered pages, SvelteKit) with the security headers that must be on EVERY response —
// adapter-node serves static files and prerendered pages before any SvelteKit hook runs, so a
// hook could not cover them. Put it behind a TLS reverse proxy (docs/deploy.md); the
// Content-Security-Policy itself comes from SvelteKit (svelte.config.js `kit.csp`).
//
//   node scripts/serve.js [BUILD_DIR]
//
// BUILD_DIR (default `build`) lets `npm run budget -- --build-dir=…` measure another build served
// exactly as production serves it, headers included (issue 17).
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { securityHeaders } from './security-headers.js';

const buildDir = resolve(process.argv[2] ?? fileURLToPath(new URL('../build', import.meta.url)));
const { handler } = await import(pathToFileURL(`${buildDir}/handler.js`).href);

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
