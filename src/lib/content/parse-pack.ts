import { PACK_FORMAT, type Catalogue, type CoursePack } from './pack-types';

/**
 * Cheap structural checks on JSON read from the network or the cache. A damaged pack must
 * become a clear "download again" message, never a crash half-way through a lesson.
 */
export function parseCoursePack(text: string): CoursePack | null {
	const value = parseJson(text) as Partial<CoursePack> | null;
	if (
		!value ||
		value.format !== PACK_FORMAT ||
		typeof value.course !== 'string' ||
		!Array.isArray(value.lessons)
	)
		return null;
	const lessonsOk = value.lessons.every(
		(l) => l && typeof l.id === 'string' && typeof l.title === 'string' && Array.isArray(l.blocks)
	);
	return lessonsOk ? (value as CoursePack) : null;
}

export function parseCatalogue(text: string): Catalogue | null {
	const value = parseJson(text) as Partial<Catalogue> | null;
	if (!value || value.format !== PACK_FORMAT || !Array.isArray(value.courses)) return null;
	return value.courses.every((c) => c && typeof c.id === 'string' && typeof c.packs === 'object')
		? (value as Catalogue)
		: null;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}
