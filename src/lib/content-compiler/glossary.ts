import { LANGUAGE_CODES } from '../i18n/languages';
import { Reporter, type Problem } from './problems';
import { checkMapping, checkString, isRecord } from './yaml-checks';
import { displayPath, type SourceTree } from './source-tree';
import { YamlSource } from './yaml-source';

/**
 * One chosen word per concept and language (`_glossary/<lang>.yaml`). A learner who meets
 * "اے آئی" in one lesson and "آرٹیفیشل انٹیلیجنس" in the next may think they are two
 * things; the checker flags the variants the glossary lists under `avoid`.
 */
export interface GlossaryTerm {
	concept: string;
	use: string;
	avoid: { word: string; pattern: RegExp }[];
}

export const GLOSSARY_DIR = '_glossary';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word match: not inside a longer word of any script. */
function wordPattern(word: string): RegExp {
	return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escape(word)}(?![\\p{L}\\p{M}\\p{N}])`, 'iu');
}

export function readGlossaries(tree: SourceTree, problems: Problem[]): Map<string, GlossaryTerm[]> {
	const out = new Map<string, GlossaryTerm[]>();
	for (const entry of tree.list(GLOSSARY_DIR) ?? []) {
		const path = `${GLOSSARY_DIR}/${entry.name}`;
		const rep = new Reporter(displayPath(tree, path), problems);
		const lang = /^(.+)\.yaml$/.exec(entry.name)?.[1];
		if (entry.dir || !lang || !(LANGUAGE_CODES as readonly string[]).includes(lang)) {
			rep.report(
				1,
				`unexpected "${entry.name}": glossary files are <language>.yaml (${LANGUAGE_CODES.join(', ')})`
			);
			continue;
		}
		const src = new YamlSource(tree.readText(path) ?? '', rep);
		if (!checkMapping(src, [], src.value, ['terms'])) continue;
		const terms = src.value.terms;
		if (!isRecord(terms)) {
			src.report(['terms'], '"terms" must map each concept to its words');
			continue;
		}
		const list: GlossaryTerm[] = [];
		for (const [concept, t] of Object.entries(terms)) {
			const path = ['terms', concept];
			if (!checkMapping(src, path, t, ['use'], ['also', 'avoid', 'note'])) continue;
			if (!checkString(src, [...path, 'use'], t.use)) continue;
			const words = (key: string): string[] => {
				const v = t[key];
				if (v === undefined || v === null) return [];
				if (!Array.isArray(v) || !v.every((w) => typeof w === 'string' && w.trim() !== '')) {
					src.report([...path, key], `"${concept}.${key}" must be a list of words`);
					return [];
				}
				return v.map((w: string) => w.trim());
			};
			const avoid = words('avoid');
			words('also');
			for (const w of avoid)
				if (w === t.use.trim())
					src.report([...path, 'avoid'], `"${w}" is both the chosen word and one to avoid`);
			list.push({
				concept,
				use: t.use.trim(),
				avoid: avoid.map((word) => ({ word, pattern: wordPattern(word) }))
			});
		}
		out.set(lang, list);
	}
	return out;
}

/** Flags every avoided variant in a file's text, at its line. */
export function checkTerms(text: string, terms: GlossaryTerm[] | undefined, reporter: Reporter): void {
	if (!terms || terms.length === 0) return;
	text.split('\n').forEach((line, i) => {
		for (const term of terms)
			for (const { word, pattern } of term.avoid)
				if (pattern.test(line))
					reporter.report(
						i + 1,
						`glossary: write "${term.use}" for ${term.concept}, not "${word}"`,
						'quality'
					);
	});
}
