import { accessToken } from '$lib/certificates/session-token';
import { fromBase64Url } from '$lib/certificates/base64url';
import { decodeStatusList, getBit } from '$lib/certificates/status-list';
import type { Rubric } from '$lib/certificates/rubric';
import type { StaffCertificate, StaffRole, WaitingLearner } from './staff-types';

/**
 * The staff screens' calls to the app server (/api/staff/*, /api/certificates/revoke) with the
 * signed-in person's token. Every answer is a value or a problem key the page translates;
 * nothing throws. The server and the database decide who may do what.
 */
export type StaffProblem = 'sign-in' | 'forbidden' | 'not-found' | 'invalid' | 'offline' | 'server';
export type Answer<T> = { ok: true; value: T } | { ok: false; problem: StaffProblem };

const PROBLEM_BY_STATUS: Record<number, StaffProblem> = {
	400: 'invalid',
	401: 'sign-in',
	403: 'forbidden',
	404: 'not-found'
};

async function call<T>(path: string, init: RequestInit = {}): Promise<Answer<T>> {
	const token = accessToken();
	if (!token) return { ok: false, problem: 'sign-in' };
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), 15_000);
	try {
		const response = await fetch(path, {
			...init,
			cache: 'no-store',
			signal: controller.signal,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
		});
		if (!response.ok) return { ok: false, problem: PROBLEM_BY_STATUS[response.status] ?? 'server' };
		return { ok: true, value: (await response.json()) as T };
	} catch {
		return { ok: false, problem: 'offline' };
	} finally {
		clearTimeout(timer);
	}
}

export async function loadRoles(): Promise<Answer<StaffRole[]>> {
	const got = await call<string[]>('/api/staff/roles');
	if (!got.ok) return got;
	return { ok: true, value: got.value.filter((r): r is StaffRole => r === 'assessor' || r === 'coe_admin') };
}

export const findWaiting = (search: string) =>
	call<WaitingLearner[]>(`/api/staff/demonstrations?q=${encodeURIComponent(search.trim())}`);

export const saveEvaluation = (input: {
	learner: string;
	course_id: string;
	rubric: Rubric;
	notes: string;
}) =>
	call<{ id: string; decision: 'approved' | 'not_yet'; created_at: string }>('/api/staff/evaluations', {
		method: 'POST',
		body: JSON.stringify(input)
	});

export const lookupCertificate = (code: string) =>
	call<StaffCertificate>(`/api/staff/certificates/${encodeURIComponent(code)}`);

export const revokeCertificate = (code: string, reason: string) =>
	call<{ revoked: string }>('/api/certificates/revoke', {
		method: 'POST',
		body: JSON.stringify({ code, reason })
	});

/**
 * The published status list's bit for one certificate: what every verifier will see. Read
 * without checking the signature (the admin only needs to see the change has been published).
 */
export async function publishedStatus(index: number): Promise<'revoked' | 'good' | 'unknown'> {
	try {
		const response = await fetch('/api/certificates/status-list', { cache: 'no-store' });
		if (!response.ok) return 'unknown';
		const payload = (await response.text()).split('.')[1] ?? '';
		const list = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as {
			credentialSubject?: { encodedList?: unknown };
		};
		const encoded = list.credentialSubject?.encodedList;
		if (typeof encoded !== 'string') return 'unknown';
		return getBit(await decodeStatusList(encoded), index) ? 'revoked' : 'good';
	} catch {
		return 'unknown';
	}
}
