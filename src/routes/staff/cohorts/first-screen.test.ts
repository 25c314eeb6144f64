// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { firstScreenOf } from './first-screen';

/** Lays out `html` with the given boxes (jsdom lays out nothing): `data-top`/`data-height` in px. */
function laidOut(html: string): HTMLElement {
	const root = document.createElement('main');
	root.innerHTML = html;
	for (const el of [root, ...root.querySelectorAll<HTMLElement>('*')]) {
		const top = Number(el.dataset.top ?? 0);
		const height = Number(el.dataset.height ?? 0);
		el.getBoundingClientRect = () =>
			({ top, height, width: height ? 360 : 0, bottom: top + height, left: 0, right: 360 }) as DOMRect;
	}
	return root;
}

describe('the kept first screen', () => {
	it('keeps the blocks that start above the limit and leaves out those below, as laid out', () => {
		const live = laidOut(`
			<div class="frame">
				<p class="back" data-top="100" data-height="44">back</p>
				<h2 data-top="150" data-height="40">title</h2>
				<section class="join" data-top="700" data-height="500">
					<h3 data-top="700" data-height="30">join</h3>
					<p class="code" data-top="800" data-height="50">ABCD-1234</p>
					<div class="qr" data-top="960" data-height="220"></div>
				</section>
				<section class="dashboard" data-top="1300" data-height="900"><h3 data-top="1300" data-height="30">d</h3></section>
				<ol class="roster" data-top="2300" data-height="5000"><li data-top="2300" data-height="200">card</li></ol>
			</div>`);
		// The frame has no box of its own here (display: contents): its children decide.
		const copy = firstScreenOf(live, 960);
		expect([...copy.querySelectorAll('.back, h2, .join, .join h3, .code')].length).toBe(5);
		// Starts at the limit or below: left out, even inside a block that straddles it.
		expect(copy.querySelector('.qr')).toBeNull();
		expect(copy.querySelector('.dashboard')).toBeNull();
		expect(copy.querySelector('ol.roster')).toBeNull();
		// The page itself is untouched.
		expect(live.querySelectorAll('.qr, .dashboard, ol.roster > li').length).toBe(3);
	});

	it('keeps more where the phone shows more (a taller screen, a larger limit)', () => {
		const live = laidOut(
			`<h2 data-top="100" data-height="40">t</h2><section class="dashboard" data-top="1300" data-height="900"></section>`
		);
		expect(firstScreenOf(live, 960).querySelector('.dashboard')).toBeNull();
		expect(firstScreenOf(live, 1400).querySelector('.dashboard')).not.toBeNull();
	});
});
