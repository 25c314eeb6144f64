import type { CentreId } from './centres';
import type { Explained } from '$lib/result';

/**
 * Who signs a centre's certificates: a person's name and title, configured per centre by the
 * operator (CERT_SIGNATORIES) and written into the signed credential when it is issued, so the
 * printed certificate shows them offline and they cannot be changed afterwards. In the credential
 * they sit on the issuing centre's Profile: `official` (Open Badges 3.0) is the name; the title,
 * which OB 3.0 has no field for, is `officialTitle`: a language → text map (at least `en`).
 */
export interface Signatory {
	name: string;
	title: Record<string, string> & { en: string };
}

export type Signatories = Partial<Record<CentreId, Signatory>>;

const LANGS = new Set(['en', 'ur', 'pa-Arab', 'sd', 'ps', 'bal', 'skr']);

/**
 * Parses CERT_SIGNATORIES: the map, or `invalid` with a `detail` for the operator (the startup
 * check prints it; no learner ever sees it).
 */
export function parseSignatories(text: string, centres: readonly string[]): Explained<Signatories> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { ok: false, error: 'invalid', detail: 'is not valid JSON' };
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		return { ok: false, error: 'invalid', detail: 'must be a JSON object keyed by centre id' };
	const out: Signatories = {};
	for (const [centre, raw] of Object.entries(parsed)) {
		if (!centres.includes(centre))
			return { ok: false, error: 'invalid', detail: `unknown centre "${centre}"` };
		const entry = raw as { name?: unknown; title?: unknown } | null;
		const name = typeof entry?.name === 'string' ? entry.name.normalize('NFC').trim() : '';
		if (!name || name.length > 120)
			return { ok: false, error: 'invalid', detail: `${centre}: "name" must be 1–120 characters` };
		const title = typeof entry?.title === 'string' ? { en: entry.title } : entry?.title;
		if (!title || typeof title !== 'object')
			return { ok: false, error: 'invalid', detail: `${centre}: "title" is missing` };
		const clean: Record<string, string> = {};
		for (const [lang, text] of Object.entries(title as Record<string, unknown>)) {
			if (!LANGS.has(lang))
				return {
					ok: false,
					error: 'invalid',
					detail: `${centre}: title language "${lang}" is not one of Seekh's`
				};
			if (typeof text !== 'string' || !text.trim() || text.length > 160)
				return { ok: false, error: 'invalid', detail: `${centre}: title.${lang} must be 1–160 characters` };
			clean[lang] = text.normalize('NFC').trim();
		}
		if (!clean.en)
			return {
				ok: false,
				error: 'invalid',
				detail: `${centre}: title needs at least an English ("en") version`
			};
		out[centre as CentreId] = { name, title: clean as Signatory['title'] };
	}
	return { ok: true, value: out };
}

/** The signatory as the credential carries it (on the issuer Profile), or null if not set. */
export function readSignatory(profile: object | undefined): Signatory | null {
	const issuer = profile as { official?: unknown; officialTitle?: unknown } | undefined;
	if (!issuer || typeof issuer.official !== 'string' || !issuer.official) return null;
	const title = issuer.officialTitle;
	if (!title || typeof title !== 'object' || typeof (title as { en?: unknown }).en !== 'string') return null;
	return { name: issuer.official, title: title as Signatory['title'] };
}
