// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { highlightSentence, pageSentences } from './page-text';

function page(html: string) {
	document.body.innerHTML = `<article>${html}</article>`;
	return document.querySelector('article') as Element;
}

describe('pageSentences', () => {
	it('reads blocks in order, sentence by sentence, across inline markup', () => {
		const root = page(
			'<h2>کیا ہے؟</h2><p>یہ <strong>اہم</strong> ہے۔ دوسرا جملہ۔</p><ul><li><p>Item one.</p></li></ul>'
		);
		const sentences = pageSentences(root);
		expect(sentences.map((s) => s.text)).toEqual(['کیا ہے؟', 'یہ اہم ہے۔', 'دوسرا جملہ۔', 'Item one.']);
		expect(sentences[1]?.range.toString()).toBe('یہ اہم ہے۔');
		expect(sentences[3]?.block.tagName).toBe('P');
	});

	it('skips the controls, hidden and aria-hidden parts', () => {
		const root = page(
			'<p>Read me.</p><div data-read-aloud-skip><p>Play</p></div><p hidden>Secret.</p><p>A <span aria-hidden="true">★</span>star.</p>'
		);
		expect(pageSentences(root).map((s) => s.text)).toEqual(['Read me.', 'A star.']);
	});
});

describe('pageSentences with layout', () => {
	it('reads a span laid out as a block on its own, so a label and a prompt are not glued', () => {
		const root = page(
			'<fieldset><legend><span style="display:block">Question 1 of 3</span><span style="display:block">Which uses AI?</span></legend></fieldset>'
		);
		expect(pageSentences(root).map((s) => s.text)).toEqual(['Question 1 of 3', 'Which uses AI?']);
	});
});

describe('highlightSentence', () => {
	it('marks the block when the highlight API is missing (jsdom), and clears it', () => {
		const root = page('<p>One. Two.</p><p>Three.</p>');
		const sentences = pageSentences(root);
		highlightSentence(sentences[2] ?? null);
		expect(root.querySelectorAll('.read-aloud-current')).toHaveLength(1);
		expect(root.querySelector('.read-aloud-current')?.textContent).toBe('Three.');
		highlightSentence(null);
		expect(root.querySelectorAll('.read-aloud-current')).toHaveLength(0);
	});
});
