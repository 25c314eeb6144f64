import { call, post, query } from './api';
import type { Page, Person, StaffRole } from './types';

/** The people-and-roles tool's calls (src/lib/server/staff/people.ts answers them). */
export const listPeople = (org: string, search: string, after: string | null) =>
	call<Page<Person>>(`/api/staff/people${query({ org, q: search.trim(), after })}`);

export const addMember = (org: string, contact: string) =>
	post<{ done: string }>('/api/staff/people', { action: 'add', org, contact });

export const removeMember = (org: string, person: string) =>
	post<{ done: string }>('/api/staff/people', { action: 'remove', org, person });

export const changeRole = (action: 'grant' | 'revoke', org: string, person: string, role: StaffRole) =>
	post<{ done: string }>('/api/staff/people', { action, org, person, role });
