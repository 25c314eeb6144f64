import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '$lib/i18n/i18n.svelte';
import { AccessibilitySettings } from '$lib/settings/accessibility.svelte';
import { createSafeStorage } from '$lib/settings/safe-storage';
import AccessibilitySection from '../../routes/settings/AccessibilitySection.svelte';
import FirstRunOptions from './FirstRunOptions.svelte';
import { accessibilitySettings } from '$lib/settings/accessibility.svelte';

beforeAll(async () => {
	await i18n.setLanguage('ur');
});

describe('settings page: accessibility section', () => {
	it('renders in Urdu with every control labelled', async () => {
		render(AccessibilitySection);
		expect(await screen.findByRole('heading', { level: 2, name: 'رسائی' })).toBeInTheDocument();
		expect(screen.getByRole('group', { name: 'رنگ' })).toBeInTheDocument();
		expect(screen.getByRole('radio', { name: 'زیادہ واضح (سیاہ اور پیلا)' })).toBeInTheDocument();
		expect(
			screen.getByRole('checkbox', { name: 'آسان مطالعہ: جہاں کورس میں موجود ہوں، چھوٹے اور آسان اسباق' })
		).toBeInTheDocument();
		expect(screen.getByRole('combobox', { name: 'پڑھنے کی رفتار' })).toBeInTheDocument();
		expect(screen.getAllByRole('radio', { name: /٪|%/ })).toHaveLength(5);
	});

	it('stores a change and puts it on <html>', async () => {
		const settings = accessibilitySettings();
		render(AccessibilitySection);
		await fireEvent.click(await screen.findByRole('radio', { name: 'زیادہ واضح (سیاہ اور پیلا)' }));
		await fireEvent.click(
			screen.getByRole('checkbox', { name: 'حروف، الفاظ اور سطروں کے درمیان زیادہ فاصلہ' })
		);
		await fireEvent.click(screen.getByRole('radio', { name: 'وقت کی کوئی حد نہیں' }));
		expect(settings.modes).toMatchObject({ theme: 'high-contrast', spacedReading: true, timing: 'off' });
		expect(JSON.parse(localStorage.getItem('seekh.a11y') ?? '{}')).toMatchObject({
			theme: 'high-contrast',
			timing: 'off'
		});
		await fireEvent.click(screen.getByRole('button', { name: 'رسائی کی سہولتیں پہلے جیسی کریں' }));
		expect(settings.modes.theme).toBe('system');
	});

	it('falls back to defaults when the stored value is corrupt', async () => {
		localStorage.setItem('seekh.a11y', '{"theme": 7, "textScale": 200');
		const settings = new AccessibilitySettings(createSafeStorage());
		expect(settings.modes.theme).toBe('system');
		expect(settings.modes.textScale).toBe(100);
	});
});

describe('first-run options', () => {
	it('labels every switch in Urdu and English, each marked with its language', () => {
		const { container } = render(FirstRunOptions);
		const checkbox = screen.getByRole('checkbox', { name: /پڑھ کر سنانے.*Show read-aloud controls/s });
		expect(checkbox).toBeInTheDocument();
		expect(container.querySelector('[lang="ur"]')?.getAttribute('dir')).toBe('rtl');
		expect(container.querySelector('[lang="en"]')?.getAttribute('dir')).toBe('ltr');
		// Compact: the timing and speed controls wait for the settings page.
		expect(screen.queryByRole('combobox')).toBeNull();
		expect(screen.queryByRole('group', { name: /Time limits/ })).toBeNull();
	});
});
