import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Problem, Reporter } from './problems';

/**
 * A parsed YAML file that remembers where each value came from, so every problem can name
 * its line. Malformed YAML never throws: the parser's errors become problems and the value
 * is whatever could be read (often null).
 */
export class YamlSource {
	readonly value: unknown;
	/** True when the YAML itself is broken: its errors are reported, nothing else should be. */
	readonly failed: boolean;
	private readonly doc: Document;
	private readonly lines: LineCounter;

	constructor(
		text: string,
		readonly reporter: Reporter,
		/** Line of the text's first line in the file (front matter starts at 2). */
		private readonly firstLine = 1
	) {
		this.lines = new LineCounter();
		this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false });
		for (const error of this.doc.errors) {
			let line = this.lines.linePos(error.pos[0]).line;
			// The parser notices a missing closing quote at the end of the file; point at
			// the line that opened it instead, which is where the author has to look.
			if (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) line = openingQuoteLine(text, line);
			reporter.report(line + firstLine - 1, `invalid YAML: ${firstSentence(error.message)}`);
		}
		let failed = this.doc.errors.length > 0;
		let value: unknown = null;
		if (!failed) {
			// Well-formed YAML can still refuse to become a value: an alias "bomb" (aliases of
			// aliases, billions of nodes) makes the library throw. Bad input, not a crash.
			try {
				value = this.doc.toJS();
			} catch (error) {
				failed = true;
				const message = error instanceof Error ? error.message : String(error);
				reporter.report(firstLine, `invalid YAML: ${firstSentence(message)}`);
			}
		}
		this.failed = failed;
		this.value = value;
	}

	/** Line of the key at `path` (or of the value, or of the nearest parent that exists). */
	lineOf(path: readonly (string | number)[]): number {
		for (let depth = path.length; depth > 0; depth--) {
			const line = this.keyLine(path.slice(0, depth));
			if (line !== null) return line;
		}
		return this.firstLine;
	}

	/** Report at the line of `path`. */
	report(path: readonly (string | number)[], message: string, kind?: Problem['kind']): void {
		this.reporter.report(this.lineOf(path), message, kind);
	}

	private keyLine(path: readonly (string | number)[]): number | null {
		const parent = path.length === 1 ? this.doc.contents : this.doc.getIn(path.slice(0, -1), true);
		const last = path[path.length - 1];
		let node: Node | null | undefined = null;
		if (isMap(parent)) {
			const pair = parent.items.find(
				(p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(last)
			);
			node = (pair?.key as Node | undefined) ?? null;
		} else if (isSeq(parent) && typeof last === 'number') {
			node = parent.items[last] as Node | undefined;
		}
		const offset = node?.range?.[0];
		return offset === undefined ? null : this.lines.linePos(offset).line + this.firstLine - 1;
	}
}

function openingQuoteLine(text: string, fallback: number): number {
	const lines = text.split('\n');
	for (let i = 0; i < lines.length && i < fallback; i++) {
		const line = lines[i]!.replace(/#.*$/, '');
		if ((line.match(/"/g)?.length ?? 0) % 2 === 1) return i + 1;
	}
	return fallback;
}

function firstSentence(message: string): string {
	return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}
