/**
 * The catalogue comes from the offline store (Dexie, about 100 KB of code): imported when the
 * titles are asked for, so the cohort page draws its roster without loading it first.
 */
const loadCatalogue = () => import('$lib/content/pack-store').then((m) => m.loadCatalogue());

/** Course id → title in the reader's language (English if missing), from the catalogue (offline copy if need be). */
export async function courseTitles(lang: string): Promise<Record<string, string>> {
	try {
		const { catalogue } = await loadCatalogue();
		return Object.fromEntries(catalogue.courses.map((c) => [c.id, c.title[lang] ?? c.title.en ?? c.id]));
	} catch {
		return {};
	}
}

/** Lesson ids of each course in order, with titles, for the roster's per-lesson columns. */
export async function courseLessons(lang: string): Promise<Record<string, { id: string; title: string }[]>> {
	try {
		const { catalogue } = await loadCatalogue();
		return Object.fromEntries(
			catalogue.courses.map((c) => [
				c.id,
				c.lessons.map((l) => ({ id: l.id, title: l.title[lang] ?? l.title.en ?? l.id }))
			])
		);
	} catch {
		return {};
	}
}
