// CI: `npm run smoke` against the built app, started the way production starts it (`npm start`,
// NODE_ENV=production, real signing keys and signatories, the service key on the server only),
// over the embedded backend. Reuses the build the e2e suite made (build/e2e-backend.json says
// which stack port and secret it was built for) or builds one.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { freePort } from './free-port.js';
import { startStack } from './stack/stack.js';
import { buildAppFor } from './stack/build-app.js';

const BUILT_FOR = 'build/e2e-backend.json';
const quiet = () => {};

let stack;
if (existsSync('build/handler.js') && existsSync(BUILT_FOR)) {
	const { port, jwtSecret } = JSON.parse(readFileSync(BUILT_FOR, 'utf8'));
	stack = await startStack({ port, jwtSecret, log: quiet }).catch(() => null);
}
if (!stack) {
	stack = await startStack({ port: 0, log: quiet });
	console.log('== building the app for the smoke test');
	buildAppFor(stack.url, stack.anonKey);
}

const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
const jwk = await exportJWK(privateKey);
const keys = JSON.stringify([{ ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' }]);

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const app = spawn(process.execPath, ['scripts/serve.js'], {
	env: {
		PATH: process.env.PATH,
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		PUBLIC_SUPABASE_URL: stack.url,
		PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
		SUPABASE_SERVICE_ROLE_KEY: stack.serviceKey,
		CERT_SIGNING_KEYS: keys,
		CERT_SIGNATORIES: JSON.stringify({ islamabad: { name: 'Smoke Test', title: 'Director' } })
	},
	stdio: ['ignore', 'inherit', 'inherit']
});
let code = 1;
try {
	const start = Date.now();
	for (;;) {
		if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode}`);
		const up = await fetch(origin).then(
			(r) => r.ok,
			() => false
		);
		if (up) break;
		if (Date.now() - start > 30_000) throw new Error('the app did not start within 30 s');
		await new Promise((r) => setTimeout(r, 200));
	}
	// Asynchronously: the backend runs in this process and must keep answering meanwhile.
	const smoke = spawn(process.execPath, ['scripts/smoke.js', origin, '--browser'], { stdio: 'inherit' });
	code = await new Promise((resolve) => smoke.once('exit', (c) => resolve(c ?? 1)));
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
} finally {
	app.kill();
	await stack.stop();
}
process.exit(code);
