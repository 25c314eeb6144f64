import { call, post, query } from './api';
import type { KeyUse, PartnerKey, PartnerScope } from './types';

/** The partner tool's calls: the unit's API keys, and creating, rotating and revoking one. */
export const listPartnerKeys = (org: string, after: string | null = null) =>
	call<{ items: PartnerKey[]; next: string | null }>(`/api/staff/partner${query({ org, after })}`);

export const createPartnerKey = (org: string, name: string, scopes: PartnerScope[], days: number) =>
	post<PartnerKey & { key: string }>('/api/staff/partner', { action: 'create', org, name, scopes, days });

export const rotatePartnerKey = (key: string, overlapHours: number) =>
	post<PartnerKey & { key: string }>('/api/staff/partner', {
		action: 'rotate',
		key,
		overlap_hours: overlapHours
	});

export const revokePartnerKey = (key: string) =>
	post<PartnerKey>('/api/staff/partner', { action: 'revoke', key });

export const listKeyUses = (key: string, before: string | null = null) =>
	call<{ items: KeyUse[]; next: string | null }>(`/api/staff/partner/uses${query({ key, before })}`);
