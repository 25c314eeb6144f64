// `npm run exercises:size`: gzip size of the JavaScript each exercise adds when a lesson opens
// it, and of all exercise pictures together. Fails above the budgets (15 KB per exercise,
// 300 KB of pictures). Builds first; `--no-build` reads the last build output instead.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const JS_BUDGET = 15 * 1024;
const MEDIA_BUDGET = 300 * 1024;
const CLIENT = '.svelte-kit/output/client';
const MANIFEST = join(CLIENT, '.vite/manifest.json');
const MEDIA = 'static/exercise-media';

if (!process.argv.includes('--no-build') || !existsSync(MANIFEST)) {
	execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** @typedef {{ file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean }} Chunk */
/** @type {Record<string, Chunk>} */
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));

/**
 * Every chunk key statically reachable from `keys`.
 * @param {string[]} keys
 */
function reachable(keys) {
	/** @type {Set<string>} */
	const seen = new Set();
	/** @param {string} key */
	const visit = (key) => {
		const chunk = manifest[key];
		if (seen.has(key) || !chunk) return;
		seen.add(key);
		for (const next of chunk.imports ?? []) visit(next);
	};
	keys.forEach(visit);
	return seen;
}

// The app shell (entries and the root layout) is loaded on every page anyway: not counted.
const shellKeys = Object.keys(manifest).filter((k) => manifest[k]?.isEntry || k.endsWith('/nodes/0.js'));
const shell = reachable(shellKeys);
/** @param {string} file */
const gz = (file) => gzipSync(readFileSync(join(CLIENT, file)), { level: 9 }).length;
/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let failed = false;
const exercises = Object.keys(manifest).filter((k) =>
	/^src\/lib\/exercises\/[^/]+\/[A-Z]\w+\.svelte$/.test(k)
);
const rows = exercises
	.filter((k) => Object.values(manifest).some((c) => c.dynamicImports?.includes(k)))
	.map((key) => {
		const chunks = [...reachable([key])].filter((k) => !shell.has(k));
		const bytes = chunks.reduce((sum, k) => sum + gz(manifest[k]?.file ?? ''), 0);
		const over = bytes > JS_BUDGET;
		failed ||= over;
		return {
			exercise: key.split('/')[3],
			chunks: chunks.length,
			gzip: kb(bytes),
			budget: over ? 'OVER' : 'ok'
		};
	});
if (rows.length === 0) {
	console.error('No exercise chunks found in the build manifest.');
	process.exit(1);
}
console.table(rows);

let mediaBytes = 0;
/** @param {string} dir */
const walk = (dir) =>
	readdirSync(dir).forEach((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) walk(path);
		else mediaBytes += statSync(path).size;
	});
if (existsSync(MEDIA)) walk(MEDIA);
console.log(`Exercise pictures: ${kb(mediaBytes)} (budget ${kb(MEDIA_BUDGET)})`);
if (mediaBytes > MEDIA_BUDGET) failed = true;

if (failed) {
	console.error(
		`Over budget: at most ${kb(JS_BUDGET)} gzip JavaScript per exercise, ${kb(MEDIA_BUDGET)} pictures.`
	);
	process.exit(1);
}
