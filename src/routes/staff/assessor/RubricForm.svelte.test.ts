import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { ComponentProps } from 'svelte';
import RubricForm from './RubricForm.svelte';

beforeAll(async () => {
	await i18n.setLanguage('en');
	await i18n.use('staff');
});

const levels: Record<string, number> = {
	'Plans the session': 4,
	'Explains clearly': 3,
	'Checks understanding': 3,
	'Includes everyone': 4,
	'Assesses fairly': 3
};

async function choose(criterion: string, level: number) {
	const group = screen.getByRole('radiogroup', { name: criterion });
	await fireEvent.click(within(group).getByRole('radio', { name: new RegExp(`^${level} ·`) }));
}

type Submit = ComponentProps<typeof RubricForm>['onsubmit'];

function renderForm(onsubmit = vi.fn<Submit>(async () => ({ ok: true, decision: 'approved' }))) {
	render(RubricForm, { name: 'Ali Raza', onsubmit });
	return onsubmit;
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Record the evaluation' }));
const outcome = () => screen.getByRole('status');

describe('RubricForm', () => {
	it('labels every control and names each criterion group', () => {
		renderForm();
		expect(screen.getAllByRole('radiogroup')).toHaveLength(5);
		expect(screen.getAllByRole('radio')).toHaveLength(20);
		expect(screen.getByRole('textbox', { name: 'Notes (optional)' })).toBeInTheDocument();
	});

	it('refuses an incomplete rubric, announcing every missing criterion, and sends nothing', async () => {
		const onsubmit = renderForm();
		await choose('Plans the session', 4);
		await submit();
		expect(onsubmit).not.toHaveBeenCalled();
		const alert = document.querySelector('[aria-live="assertive"]')!;
		expect(alert).toHaveTextContent('Choose a level for “Explains clearly”.');
		expect(alert).toHaveTextContent('Choose a level for “Assesses fairly”.');
		expect(alert).not.toHaveTextContent('Plans the session');
		expect(alert).toHaveFocus();
		expect(screen.getByRole('radiogroup', { name: 'Assesses fairly' })).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		expect(screen.getByRole('radiogroup', { name: 'Plans the session' })).not.toHaveAttribute('aria-invalid');
	});

	it('shows approval only when every criterion is at level 3 or more', async () => {
		renderForm();
		expect(outcome()).toHaveTextContent('Choose a level for every criterion');
		for (const [criterion, level] of Object.entries(levels)) await choose(criterion, level);
		expect(outcome()).toHaveTextContent('Result: approved');
		await choose('Assesses fairly', 2);
		expect(outcome()).toHaveTextContent('Result: not yet — below level 3: Assesses fairly.');
		await choose('Plans the session', 1);
		expect(outcome()).toHaveTextContent('below level 3: Plans the session, Assesses fairly.');
	});

	it('sends the rubric and notes, then shows what was recorded', async () => {
		const onsubmit = renderForm(vi.fn<Submit>(async () => ({ ok: true, decision: 'not_yet' })));
		for (const [criterion, level] of Object.entries(levels)) await choose(criterion, level);
		await choose('Explains clearly', 2);
		await fireEvent.input(screen.getByRole('textbox', { name: 'Notes (optional)' }), {
			target: { value: '  Practise checking questions.  ' }
		});
		await submit();
		const sent = onsubmit.mock.calls[0]![0];
		expect(sent.rubric).toEqual({
			'plans-session': 4,
			'explains-clearly': 2,
			'checks-understanding': 3,
			'includes-everyone': 4,
			'assesses-fairly': 3
		});
		expect(sent.notes).toBe('Practise checking questions.');
		expect(await screen.findByText(/Recorded: not yet/)).toBeInTheDocument();
	});

	it('keeps over-long notes and says why it cannot record them', async () => {
		const onsubmit = renderForm();
		for (const [criterion, level] of Object.entries(levels)) await choose(criterion, level);
		const notes = screen.getByRole('textbox', { name: 'Notes (optional)' });
		await fireEvent.input(notes, { target: { value: 'x'.repeat(2001) } });
		await submit();
		expect(onsubmit).not.toHaveBeenCalled();
		expect(notes).toHaveValue('x'.repeat(2001));
		expect(notes).toHaveAttribute('aria-invalid', 'true');
		expect(document.querySelector('[aria-live="assertive"]')).toHaveTextContent('at most 2000 characters');
	});

	it('announces a refusal from the server and keeps the choices', async () => {
		renderForm(vi.fn<Submit>(async () => ({ ok: false, error: 'forbidden' })));
		for (const [criterion, level] of Object.entries(levels)) await choose(criterion, level);
		await submit();
		expect(await screen.findByText('Your account is not allowed to do this.')).toBeInTheDocument();
		expect(screen.getAllByRole('radio', { checked: true })).toHaveLength(5);
	});
});
