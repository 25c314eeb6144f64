import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startStack } from '../../scripts/stack/stack.js';
import { startSwitchableProxy } from './switchable-proxy';
import { findChromium } from './chromium';
import { freePort } from '../../scripts/free-port.js';
import { E2E_SIGNATORIES } from './signatories';
import { buildAppFor } from '../../scripts/stack/build-app.js';

/**
 * End-to-end setup: the embedded backend (the same `startStack` as `npm run stack`), the app
 * built once against it (PUBLIC_SUPABASE_* are static, so they are baked in at build time),
 * served with adapter-node and the service key, behind a small proxy that can publish a "new
 * version" of the service worker and cut the app's network. Without Chromium the browser
 * suites are skipped with a clear message — except in CI, where a missing browser is a failure.
 */
export interface E2eBackend {
	url: string;
	anonKey: string;
	serviceKey: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		chromiumPath: string | null;
		backend: E2eBackend;
	}
}

/** Written next to the build: which stack it was built for, so E2E_SKIP_BUILD can reuse it. */
const BUILT_FOR = 'build/e2e-backend.json';

export default async function setup(project: TestProject) {
	const chromiumPath = findChromium();
	if (!chromiumPath) {
		const message =
			'Chromium not found at /usr/bin/chromium (or $CHROMIUM_PATH): browser tests are SKIPPED.\n' +
			'Install it with: sudo apt-get install -y chromium';
		if (process.env.CI) throw new Error(`${message}\nCI is set, so a missing browser is a failure.`);
		console.warn(`\n⚠️  ${message}\n`);
		project.provide('chromiumPath', null);
		project.provide('baseURL', '');
		project.provide('backend', { url: '', anonKey: '', serviceKey: '' });
		return;
	}
	// The certificate suites use a tiny fixture course: the stack seeds its pool and key.
	process.env.SEEKH_EXTRA_COURSES = fileURLToPath(new URL('../fixtures/cert-courses', import.meta.url));
	// Real answer keys are sealed; the stack seeds made-up keys for real pools (assessment-seed.js).
	process.env.SEEKH_TEST_STAND_IN_KEYS = '1';
	const stack = await startBackend();
	const stops: (() => Promise<unknown>)[] = [() => stack.stop()];
	let port = 0;
	let stopping = false;
	try {
		const keyDir = mkdtempSync(join(tmpdir(), 'seekh-e2e-keys-'));
		stops.push(async () => rmSync(keyDir, { recursive: true, force: true }));
		port = Number(process.env.E2E_PORT ?? (await freePort()));
		const appPort = Number(await freePort());
		const server = spawn(process.execPath, ['build'], {
			env: {
				...process.env,
				PORT: String(appPort),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${port}`,
				// The proxy passes on who is asking, so per-IP limits can be tested in isolation.
				ADDRESS_HEADER: 'x-forwarded-for',
				PUBLIC_SUPABASE_URL: stack.url,
				PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
				SUPABASE_SERVICE_ROLE_KEY: stack.serviceKey,
				CERT_DEV_KEY_FILE: join(keyDir, 'keys.json'),
				// Tests may make a throw-away signing key; production never does (keyring.ts).
				SEEKH_DEV_KEYS: '1',
				CERT_SIGNATORIES: JSON.stringify(E2E_SIGNATORIES)
			},
			stdio: ['ignore', 'ignore', 'inherit']
		});
		server.once('exit', (code, signal) => {
			if (!stopping) console.error(`[e2e] the app server stopped early: exit code ${code}, signal ${signal}`);
		});
		stops.unshift(() => stopProcess(server));
		await waitFor(`http://127.0.0.1:${appPort}/`);
		const closeProxy = await startSwitchableProxy(port, appPort);
		stops.unshift(closeProxy);
	} catch (error) {
		for (const stop of stops) await stop().catch(() => undefined);
		throw error;
	}
	project.provide('chromiumPath', chromiumPath);
	project.provide('baseURL', `http://127.0.0.1:${port}`);
	project.provide('backend', { url: stack.url, anonKey: stack.anonKey, serviceKey: stack.serviceKey });
	return async () => {
		stopping = true;
		for (const stop of stops) await stop().catch((e) => console.error('[e2e] stop:', e));
	};
}

/**
 * Starts the stack and builds the app for it. With E2E_SKIP_BUILD and a build made for a
 * stack, the stack comes back on the same port and JWT secret (same URL and anon key).
 */
async function startBackend() {
	const quiet = () => {};
	if (process.env.E2E_SKIP_BUILD && existsSync('build/index.js') && existsSync(BUILT_FOR)) {
		const { port, jwtSecret } = JSON.parse(readFileSync(BUILT_FOR, 'utf8')) as {
			port: number;
			jwtSecret: string;
		};
		const reused = await startStack({ port, jwtSecret, log: quiet }).catch(() => null);
		if (reused) return reused;
	}
	const stack = await startStack({ port: 0, log: quiet });
	// vitest sets NODE_ENV=test, which would make Vite build a development bundle (no SW).
	buildAppFor(stack.url, stack.anonKey);
	writeFileSync(
		BUILT_FOR,
		JSON.stringify({ port: Number(new URL(stack.url).port), jwtSecret: stack.jwtSecret })
	);
	return stack;
}

function stopProcess(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null) return resolve();
		child.once('exit', () => resolve());
		child.kill();
	});
}

async function waitFor(url: string, timeoutMs = 20_000) {
	const start = Date.now();
	while (Date.now() - start < timeoutMs) {
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`App server did not start at ${url}`);
}
