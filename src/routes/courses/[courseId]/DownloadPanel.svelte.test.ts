import { readFileSync } from 'node:fs';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '$lib/i18n/i18n.svelte';
import { updateState } from '$lib/pwa/update-state.svelte';
import type { CatalogueCourse } from '$lib/content/pack-types';
import DownloadPanel from './DownloadPanel.svelte';

/** Issue 17: "works without internet" only when the worker is active AND the course is stored. */
const ur = JSON.parse(readFileSync('locales/ur/course.json', 'utf8')) as { course: Record<string, string> };
const ref = { url: '/packs/a/ur.abc.json', hash: 'abc', bytes: 20_000, gzipBytes: 8000, status: 'complete' as const, lessonsTranslated: 1, lessonsReviewed: 1 };
const course = { id: 'a', packs: { ur: ref } } as unknown as CatalogueCourse;
const stored = { course_id: 'a', lang: 'ur', hash: 'abc', bytes: 20_000, stored_at: '2026-12-01T00:00:00Z' };

beforeAll(async () => {
	await i18n.setLanguage('ur');
	await i18n.use('course');
});
beforeEach(() => {
	Object.assign(updateState, { supported: true, shellReady: false, stored: 0, total: 0, languageReady: null });
});

describe('DownloadPanel', () => {
	it('says it is getting ready, with progress, while the app is not yet stored', () => {
		updateState.stored = 30;
		updateState.total = 120;
		render(DownloadPanel, { course, lang: 'ur', stored });
		expect(screen.queryByText(ur.course.downloadedNote!, { exact: false })).toBeNull();
		expect(screen.getByTestId('offline-getting-ready')).toHaveTextContent('25٪');
		expect(screen.getByRole('progressbar')).toHaveAttribute('value', '25');
	});

	it('still says getting ready when the worker is active but the language is not stored yet', () => {
		updateState.shellReady = true;
		render(DownloadPanel, { course, lang: 'ur', stored });
		expect(screen.queryByTestId('offline-ready')).toBeNull();
		expect(screen.getByTestId('offline-getting-ready')).toBeInTheDocument();
	});

	it('says "works without internet" once the worker is active and the language and course are stored', () => {
		updateState.shellReady = true;
		updateState.languageReady = 'ur';
		render(DownloadPanel, { course, lang: 'ur', stored });
		flushSync();
		expect(screen.getByTestId('offline-ready')).toHaveTextContent(ur.course.downloadedNote!);
	});

	it('never claims offline use without a service worker', () => {
		updateState.supported = false;
		render(DownloadPanel, { course, lang: 'ur', stored });
		expect(screen.queryByTestId('offline-ready')).toBeNull();
		expect(screen.getByText(ur.course.noOffline!)).toBeInTheDocument();
	});
});
