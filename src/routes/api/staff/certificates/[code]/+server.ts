import type { RequestHandler } from '@sveltejs/kit';
import { parseVerificationCode } from '$lib/certificates/verification-code';
import { failure } from '$lib/result';
import { certificateForAdmin } from '$lib/server/staff/certificates';
import { staffEndpoint } from '$lib/server/staff/endpoint';

export const prerender = false;

/** A certificate's holder, course, date and status (RLS: learners under the caller's units, or issued at their centre). */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ['coe_admin', 'assessor', 'auditor'], async (s) => {
		const code = parseVerificationCode(event.params.code ?? '');
		return code ? certificateForAdmin(s.client, code) : failure('invalid');
	});
