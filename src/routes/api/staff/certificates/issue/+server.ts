import type { RequestHandler } from '@sveltejs/kit';
import { certificateOrigin } from '$lib/server/certificates/config';
import { getKeyring } from '$lib/server/certificates/keyring';
import { body, staffEndpoint } from '$lib/server/staff/endpoint';
import { issueAtCentre } from '$lib/server/staff/certificates';
import { getAdminClient } from '$lib/server/supabase-admin';
import { failure, ok } from '$lib/result';
import type { Keyring } from '$lib/server/certificates/signing-keys';

export const prerender = false;

/**
 * A centre's coe_admin or assessor issues a learner's certificate there. The database decides
 * the scope and the learner's eligibility as the caller; the server signs with the centre's
 * keys and records who issued it (audited).
 */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, ['coe_admin', 'assessor'], async (s) => {
		let origin: string;
		let keyring: Keyring;
		try {
			origin = certificateOrigin();
			keyring = await getKeyring();
		} catch {
			// No public origin or no signing key: this server issues nothing (docs/certification.md).
			return failure('not_configured');
		}
		const input = await body(event);
		const issued = await issueAtCentre(s.client, getAdminClient(), keyring, s.user.id, origin, {
			contact: input?.contact,
			courseId: input?.course_id,
			name: input?.name,
			centre: input?.centre
		});
		return issued.ok ? ok({ certificate: issued.value.certificate, created: issued.value.created }) : issued;
	});
