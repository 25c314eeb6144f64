// Cuts the self-hosted Naskh font down to what Seekh's languages use (npm run fonts).
//
// The full faces (Noto, SIL OFL) are kept in scripts/fonts/; the served subset in static/fonts/
// drops Arabic presentation-form code points (shaping goes through OpenType features, which are
// kept) and unrelated blocks, roughly halving Naskh. Run after changing the character set.
// Nastaliq has its own script with an Urdu cut: scripts/fonts/subset-nastaliq.js.
import subsetFont from 'subset-font';
import { readFileSync, writeFileSync } from 'node:fs';

const range = (from, to) =>
	String.fromCodePoint(...Array.from({ length: to - from + 1 }, (_, i) => from + i));
// Arabic + Arabic Supplement (Saraiki ݙ, Balochi ۏ…), ASCII, joiners and direction marks.
const text =
	range(0x0600, 0x06ff) +
	range(0x0750, 0x077f) +
	range(0x20, 0x7e) +
	'\u200c\u200d\u200e\u200f\u2018\u2019\u201c\u201d';

for (const name of ['noto-naskh-arabic-400']) {
	const full = readFileSync(new URL(`./fonts/${name}.full.woff2`, import.meta.url));
	const subset = await subsetFont(full, text, { targetFormat: 'woff2' });
	writeFileSync(new URL(`../static/fonts/${name}.woff2`, import.meta.url), subset);
	console.log(`${name}: ${full.length} → ${subset.length} bytes`);
}
