import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadStrings } from '../shared/test-setup';
import RealOrFake from './RealOrFake.svelte';

beforeAll(() => loadStrings('en'));

describe('RealOrFake', () => {
	it('gives a tell and a check after each answer and scores the set', async () => {
		const oncomplete = vi.fn();
		render(RealOrFake, {
			settings: { type: 'real-or-fake', set: 'text', items: ['bisp-prize', 'bank-otp'] },
			lang: 'en',
			oncomplete
		});
		expect(screen.getByText(/BISP Ehsaas programme for Rs 25,000/)).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Fake' }));
		expect(screen.getByText(/Correct!/)).toBeInTheDocument();
		expect(screen.getByText(/Real BISP messages come only from 8171/)).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Next' }));

		await fireEvent.click(screen.getByRole('button', { name: 'Fake' }));
		expect(screen.getByText(/This one is real/)).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
		expect(oncomplete).toHaveBeenCalledWith({ score: 50, details: { items: 2, correct: 1 } });
		expect(screen.getByText('You got 1 of 2 right.')).toBeInTheDocument();
	});

	it('shows pictures with alt text that describes what to look for', async () => {
		render(RealOrFake, {
			settings: { type: 'real-or-fake', set: 'images' },
			lang: 'en',
			oncomplete: () => {}
		});
		const img = screen.getByRole('img');
		expect(img).toHaveAttribute('alt', expect.stringContaining('six fingers'));
		expect(img.getAttribute('src')).toMatch(/exercise-media\/real-or-fake\/six-fingers\.svg$/);
	});
});
