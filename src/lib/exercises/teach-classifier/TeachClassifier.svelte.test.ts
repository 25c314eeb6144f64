import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadStrings } from '../shared/test-setup';
import TeachClassifier from './TeachClassifier.svelte';

beforeAll(() => loadStrings('en'));

const ring = [1, 2, 8, 11, 16, 19, 25, 26]; // a small ring in the top corner
const x = [0, 3, 9, 10, 17, 18, 24, 27];

async function draw(cells: number[]) {
	const grid = screen.getAllByRole('group').at(-1)!;
	const buttons = within(grid).getAllByRole('button');
	for (const i of cells) await fireEvent.click(buttons[i]!);
}

describe('TeachClassifier', () => {
	it(
		'draws without Svelte development warnings (binding_property_non_reactive came from the grid)',
		{ timeout: 20_000 },
		async () => {
			const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
			try {
				render(TeachClassifier, { settings: { type: 'teach-classifier' }, lang: 'en', oncomplete: () => {} });
				await draw(ring);
				const svelteWarnings = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('[svelte]'));
				expect(svelteWarnings).toEqual([]);
			} finally {
				warn.mockRestore();
			}
		}
	);

	it('moves between squares with arrow keys and toggles them', async () => {
		render(TeachClassifier, { settings: { type: 'teach-classifier' }, lang: 'en', oncomplete: () => {} });
		const cell = screen.getByRole('button', { name: 'Row 1, column 1' });
		expect(cell).toHaveAttribute('tabindex', '0');
		cell.focus();
		await fireEvent.keyDown(cell, { key: 'ArrowDown' });
		const below = screen.getByRole('button', { name: 'Row 2, column 1' });
		expect(below).toHaveFocus();
		expect(below).toHaveAttribute('tabindex', '0');
		await fireEvent.click(below);
		expect(below).toHaveAttribute('aria-pressed', 'true');
	});

	it(
		'collects examples, trains with a hold-out, explains a guess and reports the score',
		{ timeout: 20_000 },
		async () => {
			const oncomplete = vi.fn();
			render(TeachClassifier, {
				settings: { type: 'teach-classifier', labels: ['circle', 'cross'], min_examples: 3 },
				lang: 'en',
				oncomplete
			});
			const train = screen.getByRole('button', { name: 'Train the computer' });
			for (let i = 0; i < 3; i++) {
				await draw(ring);
				await fireEvent.click(screen.getByRole('button', { name: 'Add as an example of “circle”' }));
			}
			expect(train).toBeDisabled();
			await fireEvent.click(screen.getByRole('radio', { name: 'cross' }));
			for (let i = 0; i < 3; i++) {
				await draw(x);
				await fireEvent.click(screen.getByRole('button', { name: 'Add as an example of “cross”' }));
			}
			expect(screen.getByText(/You now have 3 examples of “cross”/)).toBeInTheDocument();
			await fireEvent.click(train);
			expect(screen.getAllByText(/Trained on 4 of your examples.*it got 2 of 2 right/)).not.toHaveLength(0);

			await draw(x);
			await fireEvent.click(screen.getByRole('button', { name: 'What is this?' }));
			expect(
				screen.getByRole('heading', { name: 'The computer thinks this is a “cross”.' })
			).toBeInTheDocument();
			expect(screen.getAllByText(/“cross” — 0 squares different/)).toHaveLength(2);

			await fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
			expect(oncomplete).toHaveBeenCalledWith({ score: 100, details: { examples: 6, labels: 2 } });
		}
	);

	it('shows label names given per language', async () => {
		render(TeachClassifier, {
			settings: { type: 'teach-classifier', labels: [{ en: 'Mango', ur: 'آم' }, 'cross'] },
			lang: 'en',
			oncomplete: () => {}
		});
		expect(screen.getByRole('radio', { name: 'Mango' })).toBeChecked();
	});

	it('speaks of kinds, not shapes, when a lesson names its own labels (healthy and damaged leaves)', async () => {
		render(TeachClassifier, {
			settings: {
				type: 'teach-classifier',
				labels: [
					{ en: 'healthy leaf', ur: 'صحت مند پتا' },
					{ en: 'damaged leaf', ur: 'خراب پتا' }
				],
				min_examples: 4
			},
			lang: 'en',
			oncomplete: () => {}
		});
		expect(
			screen.getByRole('heading', { name: 'Teach a computer to tell things apart' })
		).toBeInTheDocument();
		expect(screen.getByText(/Draw at least 4 examples of each kind/)).toBeInTheDocument();
		expect(screen.getByRole('group', { name: 'Which kind are you drawing?' })).toBeInTheDocument();
		expect(screen.getByRole('columnheader', { name: 'Kind' })).toBeInTheDocument();
		expect(screen.getByText('Add at least 4 examples of every kind to train.')).toBeInTheDocument();
		expect(document.body.textContent).not.toMatch(/shape/i);
	});

	it('keeps the shape wording when every label is a shape', async () => {
		render(TeachClassifier, {
			settings: { type: 'teach-classifier', labels: ['circle', 'triangle', 'square'] },
			lang: 'en',
			oncomplete: () => {}
		});
		expect(screen.getByText(/Draw at least 3 examples of each shape/)).toBeInTheDocument();
		expect(screen.getByRole('columnheader', { name: 'Shape' })).toBeInTheDocument();
		expect(screen.getByRole('group', { name: 'Which shape are you drawing?' })).toBeInTheDocument();
	});
});
