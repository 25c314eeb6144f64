import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SeekhDatabase } from '$lib/db/db';
import { recordEvent } from '$lib/db/learner-events';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { PracticeQuiz as Quiz } from '../pack-types';
import PracticeQuiz from './PracticeQuiz.svelte';

const quiz: Quiz = {
	lang: 'en',
	questions: [
		{
			id: 'what-is-ai',
			type: 'single',
			prompt: 'What is AI?',
			options: [
				{ id: 'a', text: 'Magic' },
				{ id: 'b', text: 'A program that learns patterns' }
			],
			answer: ['b'],
			explanation: 'AI learns patterns from data.'
		},
		{
			id: 'which-learn',
			type: 'multiple',
			prompt: 'Which learn from examples?',
			options: [
				{ id: 'a', text: 'A spam filter' },
				{ id: 'b', text: 'A calculator' },
				{ id: 'c', text: 'A keyboard' }
			],
			answer: ['a', 'c'],
			explanation: 'Spam filters and keyboards learned from examples.'
		},
		{
			id: 'ai-is-magic',
			type: 'true-false',
			prompt: 'AI is magic.',
			options: [],
			answer: ['false'],
			explanation: 'It is mathematics and data.'
		}
	]
};

let db: SeekhDatabase;

beforeAll(async () => {
	await i18n.setLanguage('en');
	await i18n.use('course');
});

beforeEach(async () => {
	db = new SeekhDatabase(`quiz-test-${crypto.randomUUID()}`);
	await db.open();
});

function renderQuiz() {
	return render(PracticeQuiz, {
		quiz,
		courseId: 'mini',
		lessonId: 'first-steps',
		record: async (event) => {
			await recordEvent({ ...event, lessonIds: ['first-steps', 'second-steps'] }, db);
		}
	});
}

const feedback = () => screen.getByRole('status');
const check = () => fireEvent.click(screen.getByRole('button', { name: 'Check my answer' }));
const events = () => db.events.orderBy('id').toArray();

describe('PracticeQuiz', () => {
	it('asks for a choice before checking', async () => {
		renderQuiz();
		await check();
		expect(feedback()).toHaveTextContent('Choose an answer first.');
		expect(await events()).toHaveLength(0);
	});

	it('single choice: a wrong answer says so in words, gives the right one and the explanation, and is recorded', async () => {
		renderQuiz();
		expect(screen.getByRole('group', { name: /What is AI\?/ })).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('radio', { name: 'Magic' }));
		await check();
		const live = feedback();
		expect(live).toHaveAttribute('aria-live', 'polite');
		expect(live).toHaveTextContent('✗ Not quite');
		expect(live).toHaveTextContent('The right answer: A program that learns patterns');
		expect(live).toHaveTextContent('AI learns patterns from data.');
		expect(screen.getByRole('radio', { name: 'Magic' })).toBeDisabled();
		await expect.poll(events).toHaveLength(1);
		const [event] = await events();
		expect(event).toMatchObject({
			type: 'quiz_answered',
			course_id: 'mini',
			lesson_id: 'first-steps',
			payload: { question_id: 'what-is-ai', chosen: ['a'], correct: false },
			sync: 0
		});
	});

	it('multiple choice needs exactly the right set; true/false uses True and False', async () => {
		renderQuiz();
		await fireEvent.click(screen.getByRole('radio', { name: 'A program that learns patterns' }));
		await check();
		expect(feedback()).toHaveTextContent('✓ Correct');
		await fireEvent.click(screen.getByRole('button', { name: 'Next question' }));

		expect(screen.getByText('Choose every answer that is right.')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('checkbox', { name: 'A spam filter' }));
		await fireEvent.click(screen.getByRole('checkbox', { name: 'A keyboard' }));
		await check();
		expect(feedback()).toHaveTextContent('✓ Correct');
		expect(feedback()).not.toHaveTextContent('The right answer');
		await fireEvent.click(screen.getByRole('button', { name: 'Next question' }));

		const group = screen.getByRole('group', { name: /AI is magic\./ });
		expect(
			within(group)
				.getAllByRole('radio')
				.map((r) => r.closest('label')?.textContent?.trim())
		).toEqual(['True', 'False']);
		await fireEvent.click(within(group).getByRole('radio', { name: 'True' }));
		await check();
		expect(feedback()).toHaveTextContent('✗ Not quite');
		expect(feedback()).toHaveTextContent('The right answer: False');
		expect(feedback()).toHaveTextContent('It is mathematics and data.');
	});

	it('records the score when finished and derives the best score into progress', async () => {
		renderQuiz();
		await fireEvent.click(screen.getByRole('radio', { name: 'A program that learns patterns' }));
		await check();
		await fireEvent.click(screen.getByRole('button', { name: 'Next question' }));
		await fireEvent.click(screen.getByRole('checkbox', { name: 'A spam filter' }));
		await check();
		await fireEvent.click(screen.getByRole('button', { name: 'Next question' }));
		await fireEvent.click(screen.getByRole('radio', { name: 'False' }));
		await check();
		await fireEvent.click(screen.getByRole('button', { name: 'See my score' }));

		expect(await screen.findByText('You got 2 of 3 right (67%).')).toBeInTheDocument();
		await expect
			.poll(async () => (await events()).map((e) => e.type))
			.toEqual(['quiz_answered', 'quiz_answered', 'quiz_answered', 'quiz_completed']);
		const completed = (await events())[3]!;
		expect(completed.payload).toEqual({ score: 67, total: 3 });
		const progress = await db.progress.toArray();
		expect(progress[0]?.lessons['first-steps']?.bestQuizScore).toBe(67);
		expect(screen.getByRole('button', { name: 'Try the quiz again' })).toBeInTheDocument();
	});
});
