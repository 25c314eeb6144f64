#!/usr/bin/env node
// Cuts Noto Nastaliq Urdu into the two files Seekh serves (npm run fonts:nastaliq).
//
//   static/fonts/noto-nastaliq-urdu-ur-400.woff2  every character Urdu text in the app uses
//                                                  (scripts/fonts/urdu-text.ts): Urdu readers
//   static/fonts/noto-nastaliq-urdu-400.woff2     all of Arabic and Arabic Supplement: Punjabi
//                                                  (Shahmukhi) and Saraiki readers, and the odd
//                                                  letter outside the Urdu cut
//
// Source: scripts/fonts/noto-nastaliq-urdu-400.full.woff2, Noto Nastaliq Urdu 3.007 (Google
// Noto fonts, github.com/notofonts/nastaliq, SIL Open Font License 1.1: static/fonts/OFL-LICENSE.txt).
// Needs fontTools' pyftsubset (dev only: `pip install fonttools brotli`); the cut files are
// committed, CI does not run this. Re-run after content adds a letter: urdu-cut.test.ts fails then.
//
// All OpenType layout features are kept (`*`) with the glyphs their closure reaches: Nastaliq's
// joins, its cascading baseline and mark placement are all GSUB/GPOS work. Hinting is dropped
// (phones do not use it for this face; it was 17 KB).
//
// Then rewrites the `unicode-range` of the Urdu faces in src/lib/styles/fonts.css from the cut's
// own cmap, so the browser asks the Urdu cut only for what it has and the full face only for
// the rest.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runnerImport } from 'vite';
import { cmapOf, NASTALIQ_RANGE, rangeString, inRange } from './cmap.js';

const root = new URL('../../', import.meta.url).pathname;
const full = join(root, 'scripts/fonts/noto-nastaliq-urdu-400.full.woff2');
const urduFile = join(root, 'static/fonts/noto-nastaliq-urdu-ur-400.woff2');
const broadFile = join(root, 'static/fonts/noto-nastaliq-urdu-400.woff2');

const { module } = await runnerImport(join(root, 'scripts/fonts/urdu-text.ts'), {
	configFile: false,
	// @ts-expect-error -- an Oxc option Vite's types do not list (see scripts/courses/run.js)
	oxc: { tsconfig: false },
	logLevel: 'error'
});
const text = [...new Set(/** @type {string} */ (module.urduText(root)))]
	.filter((c) => inRange(c.codePointAt(0) ?? 0, NASTALIQ_RANGE))
	.join('');
const textFile = join(mkdtempSync(join(tmpdir(), 'nastaliq-')), 'urdu.txt');
writeFileSync(textFile, text);

const common = ['--layout-features=*', '--no-hinting', '--flavor=woff2', '--notdef-outline'];
const subset = (/** @type {string[]} */ args) =>
	execFileSync('pyftsubset', [full, ...common, ...args], { stdio: 'inherit' });
subset([`--text-file=${textFile}`, `--output-file=${urduFile}`]);
subset([`--unicodes=${rangeString(NASTALIQ_RANGE)}`, `--output-file=${broadFile}`]);

const urdu = (await cmapOf(readFileSync(urduFile))).filter((c) => inRange(c, NASTALIQ_RANGE));
const broad = (await cmapOf(readFileSync(broadFile))).filter((c) => inRange(c, NASTALIQ_RANGE));
const rest = broad.filter((c) => !urdu.includes(c));

const css = join(root, 'src/lib/styles/fonts.css');
const updated = readFileSync(css, 'utf8')
	.replace(/(\/\* urdu-cut \*\/[^}]*?unicode-range:)[^;]*;/, `$1 ${rangeString(urdu)};`)
	.replace(/(\/\* urdu-rest \*\/[^}]*?unicode-range:)[^;]*;/, `$1 ${rangeString(rest)};`);
writeFileSync(css, updated);
execFileSync('npx', ['prettier', '--write', css], { cwd: root, stdio: 'ignore' });

const kb = (/** @type {string} */ f) => `${(readFileSync(f).length / 1024).toFixed(1)} KB`;
console.log(`Urdu cut: ${urdu.length} code points, ${kb(urduFile)}`);
console.log(`full Arabic face: ${broad.length} code points, ${kb(broadFile)} (from ${kb(full)})`);
