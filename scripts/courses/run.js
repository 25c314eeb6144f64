#!/usr/bin/env node
/**
 * Entry point for `npm run courses:check|build|report`. The compiler is TypeScript shared with
 * the app; Node 20 cannot run TypeScript itself, so Vite's module runner (already a
 * dependency) loads it — nothing extra to install on a fresh clone.
 *
 *   node scripts/courses/run.js check  [dir]
 *   node scripts/courses/run.js build  [dir] [--out static/packs] [--allow-problems]
 *   node scripts/courses/run.js report [dir]
 *   node scripts/courses/run.js minutes [dir]   (set declared minutes to the computed ones)
 */
import { runnerImport } from 'vite';

const [command, ...rest] = process.argv.slice(2);
const flags = new Set(rest.filter((a) => a.startsWith('--') && !a.includes('=')));
const outIndex = rest.indexOf('--out');
const out = outIndex >= 0 ? rest[outIndex + 1] : undefined;
const positional = rest.filter((a, i) => !a.startsWith('--') && rest[i - 1] !== '--out');
const dir = positional[0];

const { module: commands } = await runnerImport(new URL('./commands.ts', import.meta.url).pathname, {
	configFile: false,
	// A fresh clone has no .svelte-kit/tsconfig.json yet (the root tsconfig extends it), so
	// Oxc must not look for one. `tsconfig: false` is an Oxc option Vite's types do not list.
	// @ts-expect-error -- see above
	oxc: { tsconfig: false },
	logLevel: 'error'
});

let code;
if (command === 'check') {
	// Sealed answer keys are opened here, natively (age-encryption), only in memory.
	const { keysIdentity, readSealedKeys } = await import('../answer-keys.js');
	const { resolve } = await import('node:path');
	const { keys } = await readSealedKeys(resolve(dir ?? 'courses'), keysIdentity());
	code = commands.check(dir, keys);
}
else if (command === 'build') code = commands.build(dir, out, flags.has('--allow-problems'));
else if (command === 'report') code = commands.report(dir);
else if (command === 'minutes') code = commands.minutes(dir);
else {
	console.error('usage: run.js check|build|report|minutes [dir]');
	code = 2;
}
process.exitCode = code;
