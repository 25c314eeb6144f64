import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '$lib/i18n/i18n.svelte';
import { accessibilitySettings } from '$lib/settings/accessibility.svelte';
import ReadAloud from './ReadAloud.svelte';

interface Spoken {
	text: string;
	lang: string;
	rate: number;
	voice: unknown;
	onend: (() => void) | null;
}

/** A Web Speech API stand-in: jsdom (like headless Chromium) has no voices. */
function stubSpeech(voices: { name: string; lang: string }[]) {
	const spoken: Spoken[] = [];
	class Utterance {
		lang = '';
		rate = 1;
		voice: unknown = null;
		onend: (() => void) | null = null;
		onerror: ((e: { error: string }) => void) | null = null;
		constructor(public text: string) {}
	}
	Object.assign(globalThis, { SpeechSynthesisUtterance: Utterance });
	Object.defineProperty(window, 'speechSynthesis', {
		configurable: true,
		value: {
			getVoices: () => voices.map((v) => ({ ...v, localService: true, default: false })),
			speak: (u: Spoken) => spoken.push(u),
			cancel: () => {},
			addEventListener: () => {},
			removeEventListener: () => {}
		}
	});
	return spoken;
}

function lesson(html: string) {
	const article = document.createElement('article');
	article.innerHTML = html;
	document.body.append(article);
	return article;
}

beforeAll(async () => {
	await i18n.setLanguage('ur');
});
afterEach(() => {
	document.body.innerHTML = '';
	accessibilitySettings().reset();
});

describe('ReadAloud', () => {
	it('reads Urdu sentence by sentence with the Urdu voice, highlighting each', async () => {
		const spoken = stubSpeech([
			{ name: 'English', lang: 'en-US' },
			{ name: 'Urdu', lang: 'ur-PK' }
		]);
		const content = lesson('<h1>سبق</h1><p>پہلا جملہ۔ دوسرا جملہ؟</p>');
		render(ReadAloud, { content, lang: 'ur' });
		await fireEvent.click(await screen.findByRole('button', { name: 'پڑھ کر سنائیں' }));
		expect(spoken.map((u) => [u.text, u.lang])).toEqual([['سبق', 'ur-PK']]);
		spoken[0]?.onend?.();
		await waitFor(() => expect(spoken).toHaveLength(2));
		expect(content.querySelector('.read-aloud-current')?.textContent).toBe('پہلا جملہ۔ دوسرا جملہ؟');
		expect(screen.getByTestId('read-aloud-progress')).toHaveTextContent(/جملہ .* از /);
		await fireEvent.click(screen.getByRole('button', { name: 'روکیں' }));
		expect(screen.getByRole('button', { name: 'پڑھنا جاری رکھیں' })).toBeInTheDocument();
	});

	it('says plainly when there is no Pashto voice, and never offers English', async () => {
		stubSpeech([
			{ name: 'English', lang: 'en-US' },
			{ name: 'Urdu', lang: 'ur-PK' }
		]);
		render(ReadAloud, { content: lesson('<p>سلام.</p>'), lang: 'ps' });
		expect(await screen.findByText(/پشتو کی آواز موجود نہیں/)).toBeInTheDocument();
		expect(screen.queryByRole('button', { name: 'پڑھ کر سنائیں' })).toBeNull();
		expect(screen.queryByRole('button', { name: 'اردو آواز استعمال کریں' })).toBeNull();
	});

	it('offers the Urdu voice for Saraiki only as an explicit choice', async () => {
		const spoken = stubSpeech([{ name: 'Urdu', lang: 'ur-PK' }]);
		render(ReadAloud, { content: lesson('<p>سرائیکی جملہ۔</p>'), lang: 'skr' });
		await fireEvent.click(await screen.findByRole('button', { name: 'اردو آواز استعمال کریں' }));
		expect(accessibilitySettings().modes.urduVoiceForRegional).toBe(true);
		await fireEvent.click(await screen.findByRole('button', { name: 'پڑھ کر سنائیں' }));
		expect(spoken[0]?.lang).toBe('ur-PK');
		expect(screen.getByText('اردو آواز میں پڑھا جا رہا ہے۔')).toBeInTheDocument();
	});

	it('plays a recorded reading instead of synthesis when the course has one', async () => {
		const spoken = stubSpeech([{ name: 'Urdu', lang: 'ur-PK' }]);
		const { container } = render(ReadAloud, {
			content: lesson('<p>جملہ۔</p>'),
			lang: 'ur',
			recording: { url: '/packs/a.opus' }
		});
		await screen.findByText('اس سبق کی ریکارڈ شدہ آواز');
		expect(container.querySelector('audio')?.getAttribute('src')).toBe('/packs/a.opus');
		expect(screen.queryByRole('button', { name: 'پڑھ کر سنائیں' })).toBeNull();
		expect(spoken).toEqual([]);
	});
});
