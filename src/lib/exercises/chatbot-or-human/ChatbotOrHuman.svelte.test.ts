import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadStrings } from '../shared/test-setup';
import ChatbotOrHuman from './ChatbotOrHuman.svelte';

beforeAll(() => loadStrings('en'));

describe('ChatbotOrHuman', () => {
	it('chats for the set number of turns, asks for a guess and reveals the rules', async () => {
		const oncomplete = vi.fn();
		render(ChatbotOrHuman, { settings: { type: 'chatbot-or-human', turns: 3 }, lang: 'en', oncomplete });
		const input = screen.getByLabelText('Your message (3 left)');
		await fireEvent.input(input, { target: { value: 'I am worried about my exams' } });
		await fireEvent.submit(input.closest('form')!);
		expect(screen.getByRole('log')).toHaveTextContent('Why do you feel worried?');

		await fireEvent.click(screen.getByRole('button', { name: 'Hello' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Are you a real person?' }));
		expect(screen.queryByRole('textbox')).toBeNull();

		await fireEvent.click(screen.getByRole('button', { name: 'A person' }));
		expect(screen.getByText('It was a chatbot, not a person.')).toBeInTheDocument();
		const table = screen.getByRole('table', { name: 'Which rule made each reply' });
		expect(table).toHaveTextContent('Feeling rule');
		expect(table).toHaveTextContent('Greeting rule');
		expect(table).toHaveTextContent('“Are you human?” rule');

		await fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
		expect(oncomplete).toHaveBeenCalledWith({ score: 0, details: { turns: 3 } });
	});

	it('chats in Urdu with Urdu rules, right to left', async () => {
		await loadStrings('ur');
		render(ChatbotOrHuman, { settings: { type: 'chatbot-or-human' }, lang: 'ur', oncomplete: () => {} });
		await fireEvent.click(screen.getByRole('button', { name: 'السلام علیکم' }));
		expect(screen.getByRole('log')).toHaveAttribute('dir', 'rtl');
		expect(screen.getByRole('log')).toHaveTextContent('وعلیکم السلام!');
		await loadStrings('en');
	});

	it('chats in Sindhi with Sindhi rules (no silent switch to Urdu)', async () => {
		await loadStrings('sd');
		render(ChatbotOrHuman, { settings: { type: 'chatbot-or-human' }, lang: 'sd', oncomplete: () => {} });
		expect(screen.getByRole('log')).toHaveTextContent('مان ڳالهائڻ لاءِ حاضر آهيان');
		await fireEvent.click(screen.getByRole('button', { name: 'مون کي ڪرڪيٽ پسند آهي' }));
		expect(screen.getByRole('log')).toHaveAttribute('dir', 'rtl');
		expect(screen.getByRole('log')).toHaveTextContent('ڪرڪيٽ ۾ اوهان کي سڀ کان سٺو ڇا ٿو لڳي؟');
		await loadStrings('en');
	});
});
