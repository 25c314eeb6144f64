import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { Catalogue } from '$lib/content/pack-types';
import type { StoredResult } from '$lib/certificates/my-certificates';
import AssessmentResult from './AssessmentResult.svelte';

/**
 * A failed final assessment (issue 17): attempts left, and links straight to the lessons that
 * teach the topics to revise (pool.yaml `revise`, carried by the catalogue), in Urdu.
 */
const catalogue = {
	format: 1,
	courses: [
		{
			id: 'train-the-trainer',
			title: { en: 'Train the Trainer', ur: 'تربیت کاروں کی تربیت' },
			lessons: [
				{ id: 'teaching-ai-to-adults', minutes: 9, title: { en: 'Teaching adults', ur: 'بالغوں کو سکھانا' } },
				{ id: 'running-hybrid-cohorts', minutes: 9, title: { en: 'Hybrid cohorts', ur: 'ہائبرڈ کلاسیں' } },
				{ id: 'assessing-fairly', minutes: 9, title: { en: 'Assessing fairly', ur: 'منصفانہ جانچ' } }
			],
			revise: {
				'adult-learning': ['teaching-ai-to-adults'],
				'fair-assessment': ['assessing-fairly']
			},
			packs: {}
		}
	]
} as unknown as Catalogue;

const failed: StoredResult = {
	event_id: '0192f0c4-6b1e-7a2b-9c3d-4e5f60718299',
	course_id: 'train-the-trainer',
	status: 'failed',
	reason: null,
	pass_mark: 70,
	revise_topics: ['fair-assessment', 'adult-learning'],
	graded_at: new Date().toISOString(),
	attempts_left: 1
};

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('AssessmentResult', { timeout: 30_000 }, () => {
	it('shows attempts left and links to the lessons of the topics to revise, in Urdu', async () => {
		await i18n.setLanguage('ur');
		await i18n.use('cert');
		vi.stubGlobal('fetch', async (url: string) =>
			String(url).endsWith('/packs/index.json')
				? new Response(JSON.stringify(catalogue), { headers: { 'content-type': 'application/json' } })
				: new Response('', { status: 404 })
		);
		render(AssessmentResult, { result: failed, onclaimed: () => {} });
		const lessons = await screen.findByRole('navigation', { name: 'یہ اسباق دوبارہ پڑھیں:' });
		const links = [...lessons.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
		expect(links).toEqual([
			['بالغوں کو سکھانا', '/courses/train-the-trainer/teaching-ai-to-adults'],
			['منصفانہ جانچ', '/courses/train-the-trainer/assessing-fairly']
		]);
		expect(screen.getByText(/کوششیں/)).toBeInTheDocument();
		await i18n.setLanguage('en');
		await i18n.use('cert');
	});

	it('links to the course when the catalogue cannot be read (offline, never saved)', async () => {
		await i18n.setLanguage('en');
		await i18n.use('cert');
		vi.stubGlobal('fetch', async () => {
			throw new TypeError('offline');
		});
		render(AssessmentResult, { result: failed, onclaimed: () => {} });
		expect(await screen.findByText('Attempts left before a pause: 1.')).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Revise in the course lessons' })).toHaveAttribute(
			'href',
			'/courses/train-the-trainer'
		);
		expect(screen.queryByTestId('revise-lessons')).toBeNull();
	});
});
