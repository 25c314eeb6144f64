import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import InlineRuns from './InlineRuns.svelte';

describe('InlineRuns', () => {
	// A spreadsheet formula inside an Urdu sentence: without its own direction the bidi
	// algorithm moves the leading "=" to the far end, and the learner types a broken formula.
	it('sets code runs left-to-right so formulas read correctly inside Urdu text', () => {
		const { container } = render(InlineRuns, {
			runs: [
				{ t: 'text', v: 'یہ فارمولا لکھیں: ' },
				{ t: 'code', v: '=SUMIF(C2:C500,"Swat",E2:E500)' },
				{ t: 'text', v: '۔' }
			],
			courseId: 'ai-foundations-ethics'
		});
		const code = container.querySelector('code');
		expect(code?.textContent).toBe('=SUMIF(C2:C500,"Swat",E2:E500)');
		expect(code?.getAttribute('dir')).toBe('ltr');
	});
});
