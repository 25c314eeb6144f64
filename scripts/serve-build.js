import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { waitForServer } from './wait-for-server.js';

/**
 * Serves a build the way `npm start` does (scripts/serve.js: production's headers, whose
 * Cross-Origin-Opener-Policy alone moves Lighthouse's TBT; docs/performance.md, session 17) on a
 * free loopback port, for the measuring scripts. Resolves once the server answers.
 * @param {string} buildDir
 * @param {number} [port] a fixed port; a free one if not given
 * @returns {Promise<{ base: string, stop: () => void }>}
 */
export async function serveBuild(buildDir, port) {
	const at = port ?? (await freePort());
	const server = spawn(process.execPath, [fileURLToPath(new URL('./serve.js', import.meta.url)), buildDir], {
		env: { ...process.env, PORT: String(at), HOST: '127.0.0.1' },
		stdio: 'ignore'
	});
	const base = `http://127.0.0.1:${at}`;
	try {
		await waitForServer(base);
	} catch (error) {
		server.kill();
		throw error;
	}
	return { base, stop: () => server.kill() };
}
