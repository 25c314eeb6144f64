import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '$lib/i18n/i18n.svelte';
import ShareLinks from './ShareLinks.svelte';

/**
 * Sharing a lesson (issue 17, "reach"): the phone's share sheet where the browser has one,
 * else WhatsApp and SMS links carrying the text and the link, in the learner's language.
 */
const props = {
	title: 'اے آئی کیا ہے؟',
	text: 'سیکھ پر اے آئی کا مفت سبق: اے آئی کیا ہے؟',
	url: 'https://seekh.example.pk/courses/ai-awareness/what-is-ai?lang=ur'
};

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('ShareLinks', () => {
	it('without a share sheet: WhatsApp and SMS links with the Urdu text and the link', async () => {
		await i18n.setLanguage('ur');
		vi.stubGlobal('navigator', { ...navigator, share: undefined });
		render(ShareLinks, props);
		const message = encodeURIComponent(`${props.text}\n${props.url}`);
		expect(screen.getByRole('link', { name: 'واٹس ایپ پر شیئر کریں' })).toHaveAttribute(
			'href',
			`https://wa.me/?text=${message}`
		);
		expect(screen.getByRole('link', { name: 'ایس ایم ایس سے بھیجیں' })).toHaveAttribute(
			'href',
			`sms:?&body=${message}`
		);
		expect(screen.queryByRole('button')).toBeNull();
	});

	it('with a share sheet: one button that hands the phone the title, text and link', async () => {
		await i18n.setLanguage('ur');
		const share = vi.fn(async () => undefined);
		vi.stubGlobal('navigator', { ...navigator, share });
		render(ShareLinks, props);
		await fireEvent.click(screen.getByRole('button', { name: 'شیئر کریں' }));
		expect(share).toHaveBeenCalledWith(props);
		expect(screen.queryByRole('link')).toBeNull();
	});
});
