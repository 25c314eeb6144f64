import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadStrings } from '../shared/test-setup';
import Recommender from './Recommender.svelte';

beforeAll(() => loadStrings('en'));

const likeButtonFor = (text: string) =>
	within(screen.getByText(text).closest('li')!).getByRole('button', { name: /Like/ });

describe('Recommender', () => {
	it('narrows the feed as the learner likes cricket, and widens it on request', async () => {
		const oncomplete = vi.fn();
		render(Recommender, { settings: { type: 'recommender' }, lang: 'en', oncomplete });
		const meter = screen.getByRole('meter', { name: 'Variety in your feed' });
		expect(meter).toHaveAttribute('value', '100');

		await fireEvent.click(likeButtonFor('PSL final tonight: who will lift the trophy?'));
		await fireEvent.click(likeButtonFor('A brilliant century in yesterday’s match'.replace('’', "'")));
		expect(meter).toHaveAttribute('value', '60');
		const table = screen.getByRole('table', { name: 'Topics in your feed now' });
		expect(within(table).getByRole('row', { name: /Cricket/ })).toHaveTextContent('Cricket22');

		const widen = screen.getByRole('button', { name: 'Show me more variety' });
		await fireEvent.click(widen);
		expect(widen).toHaveAttribute('aria-pressed', 'true');
		expect(meter).toHaveAttribute('value', '100');

		for (let i = 0; i < 4; i++) await fireEvent.click(screen.getAllByRole('button', { name: /Dislike/ })[0]!);
		await fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
		expect(oncomplete).toHaveBeenCalledWith({ details: { ratings: 6, lowest: 40, widened: true } });
	});
});
