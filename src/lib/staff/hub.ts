import { call } from './api';
import type { StaffGrant } from './types';

/** The signed-in person's staff roles, per organisation (GET /api/staff/roles). */
export const loadGrants = () => call<StaffGrant[]>('/api/staff/roles');

export interface OrgChoice {
	org_id: string;
	code: string;
	names: Record<string, string>;
	is_sample: boolean;
	roles: StaffGrant['role'][];
}

/** Grants grouped by organisation, in a stable order (by code). */
export function byOrganisation(grants: StaffGrant[]): OrgChoice[] {
	const map = new Map<string, OrgChoice>();
	for (const g of grants) {
		const entry = map.get(g.org_id) ?? {
			org_id: g.org_id,
			code: g.code,
			names: g.names,
			is_sample: g.is_sample,
			roles: []
		};
		if (!entry.roles.includes(g.role)) entry.roles.push(g.role);
		map.set(g.org_id, entry);
	}
	return [...map.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** A unit's name in the reader's language, else English, else its code. */
export const unitName = (names: Record<string, string>, lang: string, code = '') =>
	names[lang] || names.en || code;
