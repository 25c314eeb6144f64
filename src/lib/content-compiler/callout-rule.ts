import type { MarkdownIt, StateBlock } from 'markdown-it';

/**
 * `:::kind` … `:::` callouts as a markdown-it block rule (the idea of markdown-it-container,
 * kept to what our format needs). The opening token carries the kind in `info`; an unclosed
 * callout runs to the end of the document and is flagged with `meta.unclosed`.
 */
const OPEN = /^:::\s*([A-Za-z0-9-]+)\s*$/;
const CLOSE = /^:::\s*$/;

function lineText(state: StateBlock, line: number): string {
	return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
}

function callout(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
	const open = OPEN.exec(lineText(state, startLine));
	if (!open) return false;
	if (silent) return true;
	let next = startLine + 1;
	let closed = false;
	for (; next < endLine; next++) {
		if (state.sCount[next]! < state.blkIndent) break;
		if (CLOSE.test(lineText(state, next))) {
			closed = true;
			break;
		}
	}
	const parent = state.parentType;
	const lineMax = state.lineMax;
	state.parentType = 'reference' as typeof state.parentType;
	state.lineMax = next;
	const token = state.push('callout_open', 'aside', 1);
	token.info = open[1] ?? '';
	token.map = [startLine, next];
	token.meta = { unclosed: !closed };
	state.md.block.tokenize(state, startLine + 1, next);
	state.push('callout_close', 'aside', -1);
	state.parentType = parent;
	state.lineMax = lineMax;
	state.line = closed ? next + 1 : next;
	return true;
}

export const calloutPlugin = (md: MarkdownIt): void => {
	md.block.ruler.before('fence', 'callout', callout, {
		alt: ['paragraph', 'reference', 'blockquote', 'list']
	});
};
