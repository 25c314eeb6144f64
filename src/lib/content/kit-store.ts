import { contentFallbacks, type LanguageCode } from '$lib/i18n/languages';
import { PackError, fetchText, isQuotaError } from './pack-errors';
import { KIT_FORMAT, type KitCatalogue, type KitPack, type KitPackRef } from './kit-types';
// The same cache as course packs (pack-store.ts): the service worker answers /packs/ from it.
const PACK_CACHE = 'seekh-packs';

/**
 * The trainer kit on a trainer's device. Like course packs, the JSON sits in the `seekh-packs`
 * cache (the service worker answers /packs/ from it), but nothing about it is in a learner's
 * precache or catalogue: it is stored only when a trainer presses "Save for offline". Which
 * copy is stored is remembered in localStorage — written only after the cache holds a copy
 * that parses, so the page never claims a kit is saved when it is not.
 */
const CATALOGUE_URL = '/packs/trainer-kit/index.json';
const RECORD_KEY = 'seekh-trainer-kit';

export interface StoredKit {
	lang: string;
	url: string;
	hash: string;
	bytes: number;
	storedAt: string;
}

async function openCache(): Promise<Cache | null> {
	if (typeof caches === 'undefined') return null;
	try {
		return await caches.open(PACK_CACHE);
	} catch {
		return null;
	}
}

function readRecord(): StoredKit | null {
	try {
		const raw = localStorage.getItem(RECORD_KEY);
		const v = raw ? (JSON.parse(raw) as Partial<StoredKit>) : null;
		return v && typeof v.url === 'string' && typeof v.lang === 'string' && typeof v.storedAt === 'string'
			? (v as StoredKit)
			: null;
	} catch {
		return null;
	}
}

export function parseKitPack(text: string): KitPack | null {
	try {
		const v = JSON.parse(text) as Partial<KitPack>;
		return v.format === KIT_FORMAT &&
			v.kind === 'trainer-kit' &&
			Array.isArray(v.guides) &&
			Array.isArray(v.safeguarding)
			? (v as KitPack)
			: null;
	} catch {
		return null;
	}
}

function parseKitCatalogue(text: string): KitCatalogue | null {
	try {
		const v = JSON.parse(text) as Partial<KitCatalogue>;
		return v.format === KIT_FORMAT && v.packs && typeof v.packs === 'object' ? (v as KitCatalogue) : null;
	} catch {
		return null;
	}
}

/** The kit's own catalogue, or null when offline (the stored copy is then all there is). */
export async function loadKitCatalogue(): Promise<KitCatalogue | null> {
	try {
		return parseKitCatalogue(await fetchText(CATALOGUE_URL, undefined, { cache: 'no-store' }));
	} catch {
		return null;
	}
}

/** The kit language to show for a UI language: itself, else Urdu, else English. */
export function kitLanguageFor(available: readonly string[], lang: LanguageCode): string | null {
	return contentFallbacks(lang).find((l) => available.includes(l)) ?? null;
}

/** The stored kit, if its copy is really in the cache and parses. */
export async function storedKit(): Promise<{ record: StoredKit; pack: KitPack } | null> {
	const record = readRecord();
	const cached = record ? await (await openCache())?.match(record.url) : undefined;
	const pack = cached ? parseKitPack(await cached.text()) : null;
	return record && pack ? { record, pack } : null;
}

/**
 * A kit pack to read: the stored copy when it is in the wanted language (or there is no
 * network), else the network. Throws PackError('offline') when neither is possible.
 */
export async function openKit(
	catalogue: KitCatalogue | null,
	lang: LanguageCode
): Promise<{ pack: KitPack; stored: boolean }> {
	const stored = await storedKit();
	const wanted = catalogue ? kitLanguageFor(Object.keys(catalogue.packs), lang) : null;
	const ref = wanted ? catalogue?.packs[wanted] : undefined;
	if (stored && (!ref || stored.record.hash === ref.hash)) return { pack: stored.pack, stored: true };
	if (!ref) throw new PackError('offline');
	const pack = parseKitPack(await fetchText(ref.url));
	if (!pack) throw new PackError('corrupt');
	return { pack, stored: false };
}

/** Downloads the kit in one language and keeps it; `onProgress` gets bytes received. */
export async function saveKit(
	lang: string,
	ref: KitPackRef,
	onProgress?: (received: number) => void
): Promise<StoredKit> {
	const cache = await openCache();
	if (!cache) throw new PackError('storage');
	await cache.delete(ref.url);
	const text = await fetchText(ref.url, onProgress, { cache: 'no-store' });
	if (!parseKitPack(text)) throw new PackError('corrupt');
	const old = readRecord();
	try {
		await cache.put(ref.url, new Response(text, { headers: { 'content-type': 'application/json' } }));
		// Read it back: "saved" is said only about a copy the cache really gives back.
		const back = await cache.match(ref.url);
		if (!back || !parseKitPack(await back.text())) throw new PackError('storage');
		const record: StoredKit = {
			lang,
			url: ref.url,
			hash: ref.hash,
			bytes: ref.bytes,
			storedAt: new Date().toISOString()
		};
		localStorage.setItem(RECORD_KEY, JSON.stringify(record));
		if (old && old.url !== ref.url) await cache.delete(old.url);
		return record;
	} catch (error) {
		await cache.delete(ref.url).catch(() => undefined);
		if (error instanceof PackError) throw error;
		throw new PackError(isQuotaError(error) ? 'quota' : 'storage');
	}
}

/** Frees the space: the stored copy and the record of it. */
export async function removeKit(): Promise<void> {
	const record = readRecord();
	if (record) await (await openCache())?.delete(record.url);
	localStorage.removeItem(RECORD_KEY);
}
