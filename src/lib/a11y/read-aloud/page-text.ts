import { splitSentences } from './sentences';

/**
 * Finds what to read on the page and where each sentence is, as DOM Ranges for highlighting.
 * Reads block elements in document order (headings, paragraphs, list items, quiz prompts and
 * options); anything marked `data-read-aloud-skip` (the controls themselves) or hidden is left out.
 */
export interface PageSentence {
	text: string;
	block: Element;
	range: Range;
}

const BLOCKS = 'h1, h2, h3, h4, p, li, dt, dd, blockquote, figcaption, legend, label, td, th';

function readableBlocks(container: Element): Element[] {
	return [...container.querySelectorAll(BLOCKS)].filter(
		(el) =>
			!el.closest('[data-read-aloud-skip], [aria-hidden="true"], [hidden], script, style') &&
			// A list item holding paragraphs is read through those paragraphs.
			!el.querySelector(BLOCKS)
	);
}

function textNodes(block: Element): Text[] {
	const nodes: Text[] = [];
	const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
		acceptNode: (node) =>
			node.parentElement?.closest('[aria-hidden="true"], [data-read-aloud-skip]')
				? NodeFilter.FILTER_REJECT
				: NodeFilter.FILTER_ACCEPT
	});
	for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
	return nodes;
}

/** A Range covering [start, end) of the text made by joining `nodes`. */
function rangeFor(nodes: Text[], start: number, end: number): Range {
	const range = (nodes[0] as Text).ownerDocument.createRange();
	let offset = 0;
	let startSet = false;
	for (const node of nodes) {
		const length = node.data.length;
		if (!startSet && start < offset + length) {
			range.setStart(node, start - offset);
			startSet = true;
		}
		if (end <= offset + length) {
			range.setEnd(node, end - offset);
			break;
		}
		offset += length;
	}
	return range;
}

const INLINE = /^(inline|contents|ruby)/;

/**
 * Splits a block's text nodes into runs that are read as separate texts: a span laid out as a
 * block (e.g. a flex item, like a quiz's "Question 1 of 3" above its prompt) has no full stop
 * before the next line, so joining it would glue two sentences together.
 */
function runs(block: Element, nodes: Text[]): Text[][] {
	const view = block.ownerDocument.defaultView;
	const boxOf = (node: Text): Element => {
		for (let el = node.parentElement; el && el !== block; el = el.parentElement) {
			if (view && !INLINE.test(view.getComputedStyle(el).display)) return el;
		}
		return block;
	};
	const result: Text[][] = [];
	let previous: Element | undefined;
	for (const node of nodes) {
		const box = boxOf(node);
		if (box !== previous || result.length === 0) result.push([]);
		(result.at(-1) as Text[]).push(node);
		previous = box;
	}
	return result;
}

export function pageSentences(container: Element): PageSentence[] {
	const result: PageSentence[] = [];
	for (const block of readableBlocks(container)) {
		for (const run of runs(block, textNodes(block))) {
			const text = run.map((n) => n.data).join('');
			for (const sentence of splitSentences(text)) {
				result.push({ text: sentence.text, block, range: rangeFor(run, sentence.start, sentence.end) });
			}
		}
	}
	return result;
}

const HIGHLIGHT = 'read-aloud';
const FALLBACK_CLASS = 'read-aloud-current';

/**
 * Marks the sentence being read: the CSS Custom Highlight API where the browser has it (no DOM
 * change, exact sentence), otherwise the whole block gets a class. `null` clears it.
 */
export function highlightSentence(sentence: PageSentence | null, doc: Document = document): void {
	doc.querySelectorAll(`.${FALLBACK_CLASS}`).forEach((el) => el.classList.remove(FALLBACK_CLASS));
	const registry = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : undefined;
	registry?.delete(HIGHLIGHT);
	if (!sentence) return;
	if (registry && typeof Highlight === 'function') registry.set(HIGHLIGHT, new Highlight(sentence.range));
	else sentence.block.classList.add(FALLBACK_CLASS);
	const box = sentence.block.getBoundingClientRect?.();
	if (box && (box.top < 0 || box.bottom > (doc.defaultView?.innerHeight ?? Infinity))) {
		sentence.block.scrollIntoView?.({ block: 'center' });
	}
}
