// Plain-Node scripts (the seeds, the stack) reach the TypeScript course compiler through Vite's
// module runner, as scripts/courses/run.js does: one compiler, nothing extra to install.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

/** @type {Promise<typeof import('./server-seed')> | undefined} */
let seedModule;

/** @returns {Promise<typeof import('./server-seed')>} */
export function loadServerSeedReader() {
	seedModule ??= runnerImport(fileURLToPath(new URL('./server-seed.ts', import.meta.url)), {
		configFile: false,
		// No .svelte-kit/tsconfig.json on a fresh clone (see run.js); `tsconfig: false` is Oxc's.
		// @ts-expect-error -- an Oxc option Vite's types do not list
		oxc: { tsconfig: false },
		logLevel: 'error'
	}).then(({ module }) => /** @type {typeof import('./server-seed')} */ (module));
	return seedModule;
}
