import MarkdownIt, { type Token } from 'markdown-it';
import { validateExerciseSettings } from '../exercises/registry';
import { calloutPlugin } from './callout-rule';
import { CALLOUT_KINDS, type Block, type CalloutKind, type Inline } from '../content/pack-types';
import type { Reporter } from './problems';
import { isRecord } from './yaml-checks';
import { YamlSource } from './yaml-source';

/**
 * Lesson Markdown → block tree. Only the constructs in docs/content-format.md are accepted;
 * everything else (raw HTML and comments, `#` headings, code, tables, remote images…) is a
 * problem at its line. HTML parsing is switched ON precisely so that HTML can be found and
 * rejected rather than silently shown as text.
 */
export interface LessonContext {
	reporter: Reporter;
	/** File line of the Markdown body's first line. */
	bodyLine: number;
	lessonIds: ReadonlySet<string>;
	/** Resolves an image path relative to the lesson file; a string result is a problem. */
	resolveImage(src: string): { dataUri: string } | string;
}

const md = new MarkdownIt('commonmark', { html: true, linkify: false }).use(calloutPlugin);

export function compileLessonMarkdown(body: string, ctx: LessonContext): Block[] {
	const tokens = md.parse(body, {});
	const out: Block[] = [];
	walk(tokens, 0, tokens.length, out, ctx);
	return out;
}

function lineOf(token: Token, ctx: LessonContext): number {
	return (token.map?.[0] ?? 0) + ctx.bodyLine;
}

/** Index of the token that closes the one opened at `i` (same nesting level). */
function closing(tokens: Token[], i: number): number {
	let depth = 0;
	for (let j = i; j < tokens.length; j++) {
		depth += tokens[j]!.nesting;
		if (depth === 0) return j;
	}
	return tokens.length - 1;
}

function walk(tokens: Token[], from: number, to: number, out: Block[], ctx: LessonContext): void {
	for (let i = from; i < to; i++) {
		const tok = tokens[i]!;
		const line = lineOf(tok, ctx);
		const end = tok.nesting === 1 ? closing(tokens, i) : i;
		switch (tok.type) {
			case 'heading_open': {
				const level = Number(tok.tag.slice(1));
				if (level === 1)
					ctx.reporter.report(
						line,
						'do not use "#" headings: the lesson title is the page heading; use "##"'
					);
				else if (level > 3)
					ctx.reporter.report(line, `heading level ${level} is not allowed; use "##" or "###"`);
				else out.push({ t: 'heading', level: level as 2 | 3, c: inline(tokens[i + 1]!, ctx) });
				break;
			}
			case 'paragraph_open':
				paragraph(tokens[i + 1]!, out, ctx);
				break;
			case 'bullet_list_open':
			case 'ordered_list_open': {
				const items: Block[][] = [];
				for (let j = i + 1; j < end; j++) {
					if (tokens[j]!.type !== 'list_item_open') continue;
					const itemEnd = closing(tokens, j);
					const item: Block[] = [];
					walk(tokens, j + 1, itemEnd, item, ctx);
					items.push(item);
					j = itemEnd;
				}
				out.push({ t: 'list', ordered: tok.type === 'ordered_list_open', items });
				break;
			}
			case 'callout_open': {
				const meta = tok.meta as { unclosed?: boolean } | null;
				if (meta?.unclosed) ctx.reporter.report(line, `callout ":::${tok.info}" is never closed with ":::"`);
				const children: Block[] = [];
				walk(tokens, i + 1, end, children, ctx);
				if (!(CALLOUT_KINDS as readonly string[]).includes(tok.info))
					ctx.reporter.report(
						line,
						`unknown callout ":::${tok.info}" (allowed: ${CALLOUT_KINDS.join(', ')})`
					);
				else out.push({ t: 'callout', kind: tok.info as CalloutKind, c: children });
				break;
			}
			case 'fence':
				if (tok.info.trim() === 'exercise') exercise(tok, out, ctx);
				else ctx.reporter.report(line, 'code blocks are not allowed (only ```exercise blocks)');
				break;
			case 'html_block':
				ctx.reporter.report(
					line,
					tok.content.trimStart().startsWith('<!--')
						? 'HTML comments are not allowed'
						: 'raw HTML is not allowed'
				);
				break;
			case 'code_block':
				ctx.reporter.report(line, 'indented code is not allowed (remove the leading spaces)');
				break;
			case 'blockquote_open':
				ctx.reporter.report(line, 'quotes (">") are not allowed; use a callout such as :::example');
				break;
			case 'hr':
				ctx.reporter.report(line, 'horizontal rules ("---") are not allowed; use a "##" heading');
				break;
			default:
				if (tok.nesting === 1 && !tok.type.startsWith('list_item'))
					ctx.reporter.report(line, `"${tok.type}" is not allowed`);
		}
		i = end;
	}
}

/** A paragraph that is only an image becomes an image block; images elsewhere are rejected. */
function paragraph(tok: Token, out: Block[], ctx: LessonContext): void {
	const children = (tok.children ?? []).filter(
		(c) => !(c.type === 'text' && c.content.trim() === '') && c.type !== 'softbreak'
	);
	if (children.length === 1 && children[0]!.type === 'image') {
		const image = children[0]!;
		const line = lineOf(tok, ctx);
		const alt = image.content.trim();
		const src = String(image.attrGet('src') ?? '');
		if (!alt)
			ctx.reporter.report(line, `image "${src}" has no alt text: describe the picture in the [brackets]`);
		const resolved = ctx.resolveImage(src);
		if (typeof resolved === 'string') ctx.reporter.report(line, resolved);
		else if (alt) out.push({ t: 'image', src: resolved.dataUri, alt });
		return;
	}
	const runs = inline(tok, ctx);
	if (runs.length > 0) out.push({ t: 'paragraph', c: runs });
}

function inline(tok: Token, ctx: LessonContext): Inline[] {
	const root: Inline[] = [];
	const stack: Inline[][] = [root];
	let line = lineOf(tok, ctx);
	const top = () => stack[stack.length - 1]!;
	for (const child of tok.children ?? []) {
		switch (child.type) {
			case 'text':
				if (child.content) pushText(top(), child.content);
				break;
			case 'softbreak':
				pushText(top(), ' ');
				line++;
				break;
			case 'hardbreak':
				top().push({ t: 'br' });
				line++;
				break;
			case 'code_inline':
				top().push({ t: 'code', v: child.content });
				break;
			case 'em_open':
			case 'strong_open': {
				const node: Extract<Inline, { t: 'em' | 'strong' }> = {
					t: child.type === 'em_open' ? 'em' : 'strong',
					c: []
				};
				top().push(node);
				stack.push(node.c);
				break;
			}
			case 'link_open': {
				const node = link(String(child.attrGet('href') ?? ''), line, ctx);
				top().push(node);
				stack.push(node.c);
				break;
			}
			case 'em_close':
			case 'strong_close':
			case 'link_close':
				if (stack.length > 1) stack.pop();
				break;
			case 'image':
				ctx.reporter.report(line, 'an image must stand alone in its own paragraph (blank lines around it)');
				break;
			case 'html_inline':
				ctx.reporter.report(
					line,
					child.content.startsWith('<!--') ? 'HTML comments are not allowed' : 'raw HTML is not allowed'
				);
				break;
			default:
				ctx.reporter.report(line, `"${child.type}" is not allowed`);
		}
	}
	return root;
}

function pushText(runs: Inline[], text: string): void {
	const last = runs[runs.length - 1];
	if (last?.t === 'text') last.v += text;
	else runs.push({ t: 'text', v: text });
}

function link(href: string, line: number, ctx: LessonContext): Extract<Inline, { c: Inline[] }> {
	if (href.startsWith('lesson:')) {
		const lesson = href.slice('lesson:'.length);
		if (!ctx.lessonIds.has(lesson)) ctx.reporter.report(line, `link to unknown lesson "${lesson}"`);
		return { t: 'lesson-link', lesson, c: [] };
	}
	if (/^(https:|mailto:|tel:)/i.test(href)) return { t: 'link', href, c: [] };
	if (/^http:/i.test(href)) ctx.reporter.report(line, `external links must use https: "${href}"`);
	else ctx.reporter.report(line, `link "${href}" must be https://…, tel:, mailto: or lesson:<lesson-id>`);
	return { t: 'link', href: 'about:blank', c: [] };
}

function exercise(tok: Token, out: Block[], ctx: LessonContext): void {
	const line = lineOf(tok, ctx);
	const src = new YamlSource(tok.content, ctx.reporter, line + 1);
	if (src.failed) return;
	const problems = validateExerciseSettings(src.value);
	for (const problem of problems) ctx.reporter.report(line, problem);
	if (problems.length === 0 && isRecord(src.value)) {
		// Settings keep their `type`: the exercise component receives the block as written.
		out.push({ t: 'exercise', type: String(src.value.type), settings: src.value });
	}
}
