import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import LanguageChooser from './LanguageChooser.svelte';

describe('LanguageChooser', () => {
	it('names every language in its own script, with its own lang and direction', () => {
		render(LanguageChooser, { onchoose: () => {} });
		const urdu = screen.getByRole('button', { name: /اردو/ });
		expect(urdu).toHaveAttribute('lang', 'ur');
		expect(urdu).toHaveAttribute('dir', 'rtl');
		expect(screen.getByRole('button', { name: /سنڌي/ })).toHaveAttribute('lang', 'sd');
		expect(screen.getByRole('button', { name: /^English$/ })).toHaveAttribute('dir', 'ltr');
		expect(screen.getAllByRole('button')).toHaveLength(7);
	});

	it('reports the chosen code', async () => {
		const onchoose = vi.fn();
		render(LanguageChooser, { onchoose });
		await fireEvent.click(screen.getByRole('button', { name: /پښتو/ }));
		expect(onchoose).toHaveBeenCalledWith('ps');
	});
});
