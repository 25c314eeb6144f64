import { fromBase64Url } from '$lib/certificates/base64url';
import { decodeStatusList, getBit } from '$lib/certificates/status-list';
import { call, post, query } from './api';
import type { CertificateCentre, Page, StaffCertificate } from './types';

/** The certificate tool's calls: centres, a centre's list, look up, issue, revoke, the published status. */
export const myCentres = () => call<CertificateCentre[]>('/api/staff/certificates/centres');

export const centreCertificates = (centre: string, after: string | null) =>
	call<Page<StaffCertificate>>(`/api/staff/certificates${query({ centre, after })}`);

export const issueCertificate = (input: {
	contact: string;
	course_id: string;
	name: string;
	centre: string;
}) => post<{ certificate: StaffCertificate; created: boolean }>('/api/staff/certificates/issue', input);

export const lookupCertificate = (code: string) =>
	call<StaffCertificate>(`/api/staff/certificates/${encodeURIComponent(code)}`);

export const revokeCertificate = (code: string, reason: string) =>
	post<{ revoked: string }>('/api/certificates/revoke', { code, reason });

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
