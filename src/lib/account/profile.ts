import type { SeekhClient } from '$lib/db/typed-client';
import { LANGUAGES } from '$lib/i18n/languages';
import { accountErrorKey, type AccountErrorKey } from './auth-errors';

/** The learner's profile as the server keeps it (table public.profiles). */
export interface Profile {
	display_name: string;
	preferred_language: string;
	province: string;
	district: string;
	gender: string;
	disability: string;
	/** Self-described, optional: '' is "not stated", its own category in the figures. */
	age_band: string;
	consent_terms: boolean;
	consent_progress_sharing: boolean;
	consent_programme_statistics: boolean;
	consent_contact: boolean;
}

export const PROVINCES = [
	'punjab',
	'sindh',
	'khyber-pakhtunkhwa',
	'balochistan',
	'islamabad',
	'gilgit-baltistan',
	'azad-kashmir'
] as const;

/** The bands the database accepts (profiles.age_band) and the monitoring figures count. */
export const AGE_BANDS = ['under-18', '18-24', '25-34', '35-44', '45-54', '55-64', '65-plus'] as const;

export const LIMITS = { display_name: 120, district: 80, gender: 60, disability: 200 } as const;

export function emptyProfile(): Profile {
	return {
		display_name: '',
		preferred_language: '',
		province: '',
		district: '',
		gender: '',
		disability: '',
		age_band: '',
		consent_terms: false,
		consent_progress_sharing: false,
		consent_programme_statistics: false,
		consent_contact: false
	};
}

/** Trims and checks a profile the way the database will; returns the fields at fault. */
export function checkProfile(
	p: Profile
): (keyof typeof LIMITS | 'province' | 'preferred_language' | 'age_band')[] {
	const bad: ReturnType<typeof checkProfile> = [];
	for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[])
		if (p[key].trim().length > LIMITS[key]) bad.push(key);
	if (p.province && !(PROVINCES as readonly string[]).includes(p.province)) bad.push('province');
	if (p.age_band && !(AGE_BANDS as readonly string[]).includes(p.age_band)) bad.push('age_band');
	if (p.preferred_language && !LANGUAGES.some((l) => l.code === p.preferred_language))
		bad.push('preferred_language');
	return bad;
}

/** Empty optional text becomes null on the server, so "not answered" stays distinct. */
function toRow(id: string, p: Profile) {
	const text = (v: string) => (v.trim() === '' ? null : v.trim());
	return {
		id,
		display_name: text(p.display_name),
		preferred_language: text(p.preferred_language),
		province: text(p.province),
		district: text(p.district),
		gender: text(p.gender),
		disability: text(p.disability),
		age_band: text(p.age_band),
		consent_terms: p.consent_terms,
		consent_progress_sharing: p.consent_progress_sharing,
		consent_programme_statistics: p.consent_programme_statistics,
		consent_contact: p.consent_contact
	};
}

export async function loadProfile(
	client: SeekhClient,
	id: string
): Promise<Profile | { error: AccountErrorKey }> {
	const { data, error, status } = await client.from('profiles').select('*').eq('id', id).maybeSingle();
	// With the status, a 5xx says "the server has a problem", not "no connection".
	if (error) return { error: accountErrorKey({ ...error, status }) };
	const profile = emptyProfile();
	if (!data) return profile;
	for (const key of Object.keys(profile) as (keyof Profile)[]) {
		const value: unknown = data[key];
		if (typeof profile[key] === 'boolean') (profile[key] as boolean) = value === true;
		else (profile[key] as string) = typeof value === 'string' ? value : '';
	}
	return profile;
}

export async function saveProfile(
	client: SeekhClient,
	id: string,
	p: Profile
): Promise<{ error: AccountErrorKey } | null> {
	if (checkProfile(p).length > 0) return { error: 'sync:errors.invalidInput' };
	const { error, status } = await client.from('profiles').upsert(toRow(id, p));
	return error ? { error: accountErrorKey({ ...error, status }) } : null;
}
