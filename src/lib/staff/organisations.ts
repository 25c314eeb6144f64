import { call, post, query } from './api';
import type { OrgUnit, Page } from './types';

/** The organisations tool's calls (src/lib/server/staff/organisations.ts answers them). */
export const listUnits = (root: string, search: string, after: string | null) =>
	call<Page<OrgUnit>>(`/api/staff/organisations${query({ root, q: search.trim(), after })}`);

export interface NewUnit {
	parent_code: string;
	kind: string;
	code: string;
	name_en: string;
	name_ur: string;
	province: string;
	district: string;
}
export const createUnit = (unit: NewUnit) =>
	post<{ id: string }>('/api/staff/organisations', { action: 'create', ...unit });

export const moveUnit = (org: string, newParentCode: string) =>
	post<{ moved: string }>('/api/staff/organisations', {
		action: 'move',
		org,
		new_parent_code: newParentCode
	});
