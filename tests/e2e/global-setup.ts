import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startSwitchableProxy } from './switchable-proxy';
import { findChromium } from './chromium';
import { freePort } from '../../scripts/free-port.js';

/**
 * End-to-end setup: build the app once, serve it with adapter-node, and put a small proxy in
 * front that can publish a "new version" of the service worker (for the update-prompt test).
 * Without Chromium the browser suites are skipped with a clear message — except in CI, where a
 * missing browser is a failure.
 */
declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		chromiumPath: string | null;
	}
}

let server: ChildProcess | undefined;
let closeProxy: (() => Promise<void>) | undefined;

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
		return;
	}
	if (!process.env.E2E_SKIP_BUILD || !existsSync('build/index.js')) {
		// vitest sets NODE_ENV=test, which would make Vite build a development bundle (no SW).
		execSync('npm run build', {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, NODE_ENV: 'production' }
		});
	}
	const port = Number(process.env.E2E_PORT ?? (await freePort()));
	const appPort = Number(await freePort());
	server = spawn(process.execPath, ['build'], {
		env: { ...process.env, PORT: String(appPort), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}` },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	await waitFor(`http://127.0.0.1:${appPort}/`);
	closeProxy = await startSwitchableProxy(port, appPort);
	project.provide('chromiumPath', chromiumPath);
	project.provide('baseURL', `http://127.0.0.1:${port}`);
	return async () => {
		await closeProxy?.();
		server?.kill();
	};
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
