import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '$lib/db/db';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { TicketBundle } from '$lib/assessment/offline-assessment';
import Page from './+page.svelte';

vi.mock('$app/state', () => ({ page: { params: { course: 'cert-sample' } } }));

/**
 * The final-assessment page offline (issue 17), from what the device saved: a way in for
 * learners without an account, a confirmation before submitting blanks, attempts left.
 */
const bundle: TicketBundle = {
	course_id: 'cert-sample',
	title: 'Certification Sample Course',
	topics: {},
	rules: { pass_mark: 60, draw: 2, attempts: 2, cooldown_hours: 24, requires_demonstration: false },
	passed: false,
	locked_until: null,
	attempts_left: 2,
	fetchedAt: new Date().toISOString(),
	tickets: [
		{
			ticket_id: '0192f0c4-6b1e-7a2b-9c3d-4e5f60718293',
			owner: '0192f0c4-6b1e-7a2b-9c3d-4e5f60718294',
			course_id: 'cert-sample',
			questions: ['q-basics-1', 'q-safety-1'],
			expires_at: new Date(Date.now() + 86_400_000).toISOString(),
			sig: 'f'.repeat(64),
			content: [
				{
					id: 'q-basics-1',
					type: 'single',
					options: ['a', 'b'],
					text: { en: { prompt: 'Which uses AI?', options: { a: 'A switch', b: 'A keyboard' } } }
				},
				{
					id: 'q-safety-1',
					type: 'single',
					options: ['a', 'b'],
					text: { en: { prompt: 'Share your OTP?', options: { a: 'Never', b: 'Yes' } } }
				}
			]
		}
	]
};

beforeEach(async () => {
	await getDb().meta.clear();
	await getDb().events.clear();
	vi.stubGlobal('navigator', { ...navigator, onLine: false });
});

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('/assessment/[course]', { timeout: 30_000 }, () => {
	it('without attempts on the device, links straight to sign-in (Urdu)', async () => {
		await i18n.setLanguage('ur');
		render(Page);
		const link = await screen.findByRole('link', { name: 'سائن اِن کریں' });
		expect(link).toHaveAttribute('href', '/account');
		await i18n.setLanguage('en');
	});

	it('asks an anonymous learner to make an account first, with a direct link', async () => {
		await i18n.setLanguage('en');
		localStorage.setItem('seekh-auth', JSON.stringify({ access_token: 'anonymous-session' }));
		vi.stubGlobal('navigator', { ...navigator, onLine: true });
		// What GET /api/assessment/tickets answers an anonymous account (tested against the real
		// stack in tests/integration/cert-hardening.test.ts).
		vi.stubGlobal(
			'fetch',
			async () => new Response(JSON.stringify({ error: 'verify_account' }), { status: 403 })
		);
		try {
			render(Page);
			const alert = await screen.findByText(/need an account with a confirmed email or phone/);
			expect(alert).toBeInTheDocument();
			expect(screen.getByRole('link', { name: 'Make an account' })).toHaveAttribute('href', '/account');
			expect(screen.queryByRole('button', { name: 'Start the assessment' })).toBeNull();
		} finally {
			localStorage.removeItem('seekh-auth');
		}
	});

	it('asks a permanent account that never proved its email to confirm it, in Urdu (no "make an account")', async () => {
		await i18n.setLanguage('ur');
		localStorage.setItem('seekh-auth', JSON.stringify({ access_token: 'password-session' }));
		vi.stubGlobal('navigator', { ...navigator, onLine: true });
		// What GET /api/assessment/tickets answers such an account (tests/integration/verified-contact.test.ts).
		vi.stubGlobal(
			'fetch',
			async () => new Response(JSON.stringify({ error: 'verify_contact' }), { status: 403 })
		);
		try {
			render(Page);
			expect(
				await screen.findByRole(
					'heading',
					{ name: 'آخری امتحان دینے کے لیے اپنی ای میل کی تصدیق کریں' },
					// The confirm step is its own chunk (kept off other pages), loaded on demand.
					{ timeout: 15_000 }
				)
			).toBeInTheDocument();
			expect(screen.queryByRole('link', { name: 'اکاؤنٹ بنائیں' })).toBeNull();
			expect(screen.queryByRole('button', { name: 'امتحان شروع کریں' })).toBeNull();
		} finally {
			localStorage.removeItem('seekh-auth');
			await i18n.setLanguage('en');
		}
	});

	it('shows attempts left and asks before submitting unanswered questions', async () => {
		await i18n.setLanguage('en');
		await getDb().meta.put({ key: 'assessment-tickets:cert-sample', value: bundle });
		render(Page);
		expect(await screen.findByText('Attempts left before a pause: 2.')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Start the assessment' }));
		await fireEvent.click(await screen.findByRole('radio', { name: 'A keyboard' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Submit my answers' }));
		expect(
			await screen.findByText('1 of 2 questions are not answered. Unanswered questions count as wrong.')
		).toBeInTheDocument();
		// Going back keeps the answers; nothing was submitted.
		await fireEvent.click(screen.getByRole('button', { name: 'Go back to the questions' }));
		expect(screen.getByRole('radio', { name: 'A keyboard' })).toBeChecked();
		expect(await getDb().events.where('type').equals('assessment_submitted').count()).toBe(0);
		await fireEvent.click(screen.getByRole('button', { name: 'Submit my answers' }));
		await fireEvent.click(await screen.findByRole('button', { name: 'Submit anyway' }));
		expect(await screen.findByRole('status')).toHaveTextContent('Your answers are saved');
		expect(await getDb().events.where('type').equals('assessment_submitted').count()).toBe(1);
	});
});
