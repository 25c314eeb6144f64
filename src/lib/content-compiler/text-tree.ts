import { reportTypedContacts, resolveContacts, type Contact } from './contacts';
import { checkTerms, type GlossaryTerm } from './glossary';
import { Reporter, type Problem } from './problems';
import { displayPath, type SourceTree } from './source-tree';

/**
 * A view of the course tree in which every text a learner reads (lesson, easy-read,
 * transcript, quiz and pool text) has its contact placeholders resolved and its terms
 * checked against the language's glossary. Doing it here, where files are read, means every
 * reader of the tree sees the same resolved text and problems keep their source lines.
 */
const LANG = '([a-z]{2,3}(?:-[A-Za-z]{4})?)';
const TEXT_FILE = new RegExp(
	`(?:^|/)(?:${LANG}(?:\\.easy|\\.transcript)?\\.md|(?:quiz|pool)\\.${LANG}\\.yaml)$`
);

export function textLanguage(path: string): string | null {
	const m = TEXT_FILE.exec(path);
	return m ? (m[1] ?? m[2] ?? null) : null;
}

export function withTextRules(
	tree: SourceTree,
	contacts: Map<string, Contact>,
	glossaries: Map<string, GlossaryTerm[]>,
	problems: Problem[]
): SourceTree {
	return {
		label: tree.label,
		list: (dir) => tree.list(dir),
		readBytes: (path) => tree.readBytes(path),
		readText(path) {
			const text = tree.readText(path);
			const lang = text === null || path.startsWith('_') ? null : textLanguage(path);
			if (text === null || !lang) return text;
			const reporter = new Reporter(displayPath(tree, path), problems);
			reportTypedContacts(text, contacts, reporter);
			const resolved = resolveContacts(text, lang, contacts, reporter);
			checkTerms(resolved, glossaries.get(lang), reporter);
			return resolved;
		}
	};
}
