import { call, query } from './api';
import type { AuditEntry, Page } from './types';

/** The audit-log tool's calls (src/lib/server/staff/audit.ts answers them). */
export interface AuditFilter {
	action: string;
	since: string;
	until: string;
}
export const listAudit = (org: string, filter: AuditFilter, before: string | null) =>
	call<Page<AuditEntry>>(`/api/staff/audit${query({ org, ...filter, before })}`);
