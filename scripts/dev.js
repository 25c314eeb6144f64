// `npm run dev`: the app AND its backend. With PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY
// set, the app talks to that (hosted) Supabase and no local backend starts. Otherwise the
// embedded stack starts first and vite gets its URL and anon key through the environment.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runStack } from './stack/cli.js';

const env = { ...process.env };
// A developer's machine: the server may make its own certificate signing key under .data/.
// Only here and in the test setups; a production server without CERT_SIGNING_KEYS issues nothing.
env.SEEKH_DEV_KEYS = '1';
// Credentials name their origin from configuration only, never from a request's Host header.
env.CERT_PUBLIC_ORIGIN ??= 'http://localhost:5173';
/** @type {Awaited<ReturnType<typeof runStack>> | undefined} */
let stack;
if (!env.PUBLIC_SUPABASE_URL || !env.PUBLIC_SUPABASE_ANON_KEY) {
	stack = await runStack();
	env.PUBLIC_SUPABASE_URL = stack.url;
	env.PUBLIC_SUPABASE_ANON_KEY = stack.anonKey;
	// Server-only: certificate issuance and public verification use the service role.
	env.SUPABASE_SERVICE_ROLE_KEY = stack.serviceKey;
	console.log(`Local backend: ${stack.url} (${stack.db}, data in .data/)`);
}

const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
const child = spawn(process.execPath, [vite, 'dev', ...process.argv.slice(2)], { stdio: 'inherit', env });
const stopAll = () => {
	child.kill('SIGTERM');
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
child.on('exit', (code) => {
	void (stack ? stack.stop() : Promise.resolve()).then(() => process.exit(code ?? 0));
});
