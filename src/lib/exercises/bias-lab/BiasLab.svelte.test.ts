import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadStrings } from '../shared/test-setup';
import BiasLab from './BiasLab.svelte';

beforeAll(() => loadStrings('en'));

describe('BiasLab', () => {
	it('shows the learned gap, closes it when the proxy goes, and reports both gaps', async () => {
		const oncomplete = vi.fn();
		render(BiasLab, { settings: { type: 'bias-lab', scenario: 'loan' }, lang: 'en', oncomplete });
		expect(screen.getByText(/a gap of 30 points/)).toBeInTheDocument();

		await fireEvent.click(screen.getByRole('button', { name: 'Train and judge new applicants' }));
		expect(screen.getByText('Gap between the groups: 37 points.')).toBeInTheDocument();
		expect(
			screen.getByRole('table', { name: 'The computer’s decisions (using score and area)'.replace('’', "'") })
		).toBeInTheDocument();
		expect(screen.queryByRole('button', { name: 'Finish' })).toBeNull();

		await fireEvent.click(
			screen.getByRole('checkbox', { name: 'Let the computer use the area where people live' })
		);
		await fireEvent.click(screen.getByRole('button', { name: 'Train and judge new applicants' }));
		expect(screen.getByText('Gap between the groups: 0 points.')).toBeInTheDocument();
		expect(screen.getByRole('table', { name: 'All your training runs' })).toBeInTheDocument();

		await fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
		expect(oncomplete).toHaveBeenCalledWith({
			details: { scenario: 'loan', gapBefore: 37, gapAfter: 0, runs: 2 }
		});
	});

	it('tells the hiring story with its own numbers', async () => {
		render(BiasLab, { settings: { type: 'bias-lab', scenario: 'hiring' }, lang: 'en', oncomplete: () => {} });
		expect(screen.getByText(/shortlist job applicants/)).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Train and judge new applicants' }));
		expect(screen.getByText('Gap between the groups: 37 points.')).toBeInTheDocument();
	});
});
