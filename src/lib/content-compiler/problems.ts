/** One thing wrong with the content, reported as `path:line: message` for authors. */
export interface Problem {
	file: string;
	line: number;
	message: string;
	/**
	 * 'translation': a declared language lacks a file or text. `courses:check` fails on it, but
	 * `courses:build` still writes packs (the missing parts fall back to Urdu, then English),
	 * so translators can work while the app keeps building.
	 * 'pool': a final-assessment pool too small or too narrow for safe draws (docs/certification.md).
	 * `courses:check` fails on it; packs do not depend on it, so `courses:build` still writes them.
	 */
	kind?: 'translation' | 'pool' | 'quality';
}

/**
 * 'quality' problems (reading time, sentence length, fair questions, glossary terms) also
 * fail `courses:check`, but like missing translations they do not stop `courses:build`: the
 * content is still safe to show, and an unfinished rewrite must not break the app's build.
 */
export const isBlocking = (p: Problem) => p.kind === undefined;

export function formatProblem(p: Problem): string {
	return `${p.file}:${p.line}: ${p.message}`;
}

/** Stable order: by file, then line, so authors read problems top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
	const unique = [...new Map(problems.map((p) => [formatProblem(p), p])).values()];
	return unique.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

/** Collects problems for one file. */
export class Reporter {
	constructor(
		readonly file: string,
		private readonly sink: Problem[]
	) {}

	/** A reporter for another file, feeding the same list. */
	forFile(file: string): Reporter {
		return new Reporter(file, this.sink);
	}

	report(line: number, message: string, kind?: Problem['kind']): void {
		this.sink.push({ file: this.file, line: Math.max(1, line), message, ...(kind ? { kind } : {}) });
	}
}
