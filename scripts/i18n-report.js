// Prints UI-string coverage per language and namespace (npm run i18n:report).
import { coverage, LANGS } from './i18n-coverage.js';

const rows = coverage();
/** @type {Map<string, { present: number; total: number; untranslated: number }>} */
const byLang = new Map(LANGS.map((l) => [l, { present: 0, total: 0, untranslated: 0 }]));
console.log('UI string coverage (keys present in each language / keys in English)\n');
console.log(['namespace'.padEnd(12), ...LANGS.map((l) => l.padStart(9))].join(''));
const nsNames = [...new Set(rows.map((r) => r.ns))];
for (const ns of nsNames) {
	const cells = LANGS.map((lang) => {
		const row = rows.find((r) => r.ns === ns && r.lang === lang);
		const totals = byLang.get(lang);
		if (!row || !totals) return ''.padStart(9);
		totals.present += row.present;
		totals.total += row.total;
		totals.untranslated += row.untranslated.length;
		return `${row.present}/${row.total}`.padStart(9);
	});
	console.log([ns.padEnd(12), ...cells].join(''));
}
console.log(
	[
		'TOTAL %'.padEnd(12),
		...LANGS.map((l) => {
			const t = byLang.get(l) ?? { present: 0, total: 0 };
			return `${t.total ? Math.floor((t.present / t.total) * 100) : 100}%`.padStart(9);
		})
	].join('')
);
const copies = LANGS.filter((l) => (byLang.get(l)?.untranslated ?? 0) > 0);
if (copies.length) {
	console.log('\nValues identical to English (possible untranslated copies):');
	for (const l of copies) console.log(`  ${l}: ${byLang.get(l)?.untranslated}`);
}
