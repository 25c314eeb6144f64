import { getDb, type PackRecord } from '$lib/db/db';
import { nextTask } from '$lib/start-up';
import { PackError, fetchText, isQuotaError } from './pack-errors';
import { parseCatalogue, parseCoursePack } from './parse-pack';
import type { Catalogue, CoursePack, PackRef } from './pack-types';

/**
 * Course packs on the device. The JSON lives in the Cache API (`seekh-packs`, which the
 * service worker also answers /packs/ requests from, so a stored pack is served offline);
 * a Dexie `packs` row says which pack of a course the learner chose to keep. Packs have
 * content-hashed names, so a cached copy is never stale — only index.json is re-fetched.
 */
export const PACK_CACHE = 'seekh-packs';
const CATALOGUE_URL = '/packs/index.json';

async function openCache(): Promise<Cache | null> {
	if (typeof caches === 'undefined') return null;
	try {
		return await caches.open(PACK_CACHE);
	} catch {
		return null;
	}
}

/** The catalogue: fresh from the network when possible, else the copy kept from last time. */
export async function loadCatalogue(): Promise<{ catalogue: Catalogue; saved: boolean }> {
	const cache = await openCache();
	try {
		const text = await fetchText(CATALOGUE_URL, undefined, { cache: 'no-store' });
		const catalogue = parseCatalogue(text);
		if (!catalogue) throw new PackError('corrupt');
		// Kept for offline use in a task of its own: storing the text (the whole catalogue,
		// encoded again) with its parse was one long task on a page's start (issue 17).
		await nextTask();
		await cache?.put(CATALOGUE_URL, jsonResponse(text)).catch(() => undefined);
		return { catalogue, saved: false };
	} catch (error) {
		const cached = await cache?.match(CATALOGUE_URL);
		const catalogue = cached ? parseCatalogue(await cached.text()) : null;
		if (catalogue) return { catalogue, saved: true };
		throw error instanceof PackError ? error : new PackError('offline');
	}
}

/** Downloads a pack and keeps it for offline use; `onProgress` gets bytes received. */
export async function downloadPack(
	courseId: string,
	lang: string,
	ref: PackRef,
	onProgress?: (received: number) => void
): Promise<CoursePack> {
	const cache = await openCache();
	if (!cache) throw new PackError('storage');
	// A damaged copy in the cache would be served again by the service worker: drop it first.
	await cache.delete(ref.url);
	const text = await fetchText(ref.url, onProgress, { cache: 'no-store' });
	const pack = parseCoursePack(text);
	if (!pack) {
		// An older service worker may have cached what it fetched: never keep a damaged copy.
		await cache.delete(ref.url).catch(() => undefined);
		throw new PackError('corrupt');
	}
	try {
		await cache.put(ref.url, jsonResponse(text));
		const db = getDb();
		const old = await db.packs.where('course_id').equals(courseId).toArray();
		await db.packs.put({
			course_id: courseId,
			lang,
			hash: ref.hash,
			bytes: ref.bytes,
			stored_at: new Date().toISOString()
		});
		// Keep one language per course: an older or other-language copy is space wasted.
		for (const row of old) if (row.lang !== lang || row.hash !== ref.hash) await cache.delete(packUrl(row));
		await db.packs
			.where('[course_id+lang]')
			.anyOf(old.filter((r) => r.lang !== lang).map((r) => [r.course_id, r.lang]))
			.delete();
	} catch (error) {
		await cache.delete(ref.url).catch(() => undefined);
		throw new PackError(isQuotaError(error) ? 'quota' : 'storage');
	}
	return pack;
}

export function packUrl(row: Pick<PackRecord, 'course_id' | 'lang' | 'hash'>): string {
	return `/packs/${row.course_id}/${row.lang}.${row.hash}.json`;
}

/** Stored pack rows for a course (empty when IndexedDB is unavailable). */
export async function storedPacks(courseId?: string): Promise<PackRecord[]> {
	try {
		const db = getDb();
		return courseId ? await db.packs.where('course_id').equals(courseId).toArray() : await db.packs.toArray();
	} catch {
		return [];
	}
}

/**
 * A course's pack for reading: the stored one (any language, the wanted one first), else the
 * network. Throws PackError('offline') when neither is possible, 'corrupt' when damaged.
 * A damaged stored copy can never be read again: it is dropped (file and row), so the course
 * page offers the download again instead of claiming the course is stored.
 */
export async function openPack(
	courseId: string,
	wanted: string,
	ref: PackRef | undefined
): Promise<{ pack: CoursePack; stored: boolean }> {
	const cache = await openCache();
	const rows = (await storedPacks(courseId)).sort(
		(a, b) => Number(b.lang === wanted) - Number(a.lang === wanted)
	);
	const urls = [...rows.map(packUrl), ...(ref ? [ref.url] : [])];
	let damaged = false;
	for (const url of new Set(urls)) {
		const cached = await cache?.match(url);
		if (!cached) continue;
		const pack = parseCoursePack(await cached.text());
		if (pack) return { pack, stored: rows.some((r) => packUrl(r) === url) };
		damaged = true;
		await forgetDamaged(
			url,
			rows.find((r) => packUrl(r) === url)
		);
	}
	if (!ref) throw new PackError(damaged ? 'corrupt' : 'offline');
	let text: string;
	try {
		text = await fetchText(ref.url);
	} catch (error) {
		throw damaged ? new PackError('corrupt') : error;
	}
	const pack = parseCoursePack(text);
	if (!pack) throw new PackError('corrupt');
	return { pack, stored: false };
}

async function forgetDamaged(url: string, row: PackRecord | undefined): Promise<void> {
	try {
		await (await openCache())?.delete(url);
		if (row) await getDb().packs.delete([row.course_id, row.lang]);
	} catch {
		/* storage unusable: nothing more to clean up */
	}
}

/** Frees the space a course takes: its cached packs and their rows. */
export async function removeCourse(courseId: string): Promise<void> {
	const cache = await openCache();
	for (const request of (await cache?.keys()) ?? [])
		if (new URL(request.url).pathname.startsWith(`/packs/${courseId}/`)) await cache?.delete(request);
	await getDb().packs.where('course_id').equals(courseId).delete();
}

function jsonResponse(text: string): Response {
	return new Response(text, { headers: { 'content-type': 'application/json' } });
}
