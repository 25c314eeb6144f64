import type { LanguageCode } from '$lib/i18n/languages';
import { localized, type LocalizedText } from './localized';
import { loadCatalogue } from './pack-store';

/**
 * Course titles in the learner's language, from the catalogue (kept for offline use). Server
 * records (certificates, graded attempts) carry the English title; pages show this instead, and
 * the English only while the catalogue is loading or for a course it no longer lists.
 */
class CourseTitles {
	private titles = $state.raw<Record<string, Record<string, string>> | null>(null);
	private loading: Promise<void> | null = null;

	load(): Promise<void> {
		this.loading ??= loadCatalogue()
			.then(({ catalogue }) => {
				this.titles = Object.fromEntries(catalogue.courses.map((c) => [c.id, c.title]));
			})
			.catch(() => {
				this.loading = null; // offline with nothing saved: try again next time
			});
		return this.loading;
	}

	/** The title in `lang` (or its content fallback), else the given English one. */
	of(courseId: string, lang: LanguageCode, english: string): LocalizedText {
		const titles = this.titles?.[courseId];
		return titles ? localized(titles, lang) : { text: english, lang: 'en', fallback: lang !== 'en' };
	}
}

export const courseTitles = new CourseTitles();
