import type { RequestHandler } from '@sveltejs/kit';
import { parseVerificationCode } from '$lib/certificates/verification-code';
import { guarded } from '$lib/server/certificates/context';
import { revokeCertificate } from '$lib/server/certificates/revocation';
import { fail, respond } from '$lib/server/http';
import { bearerToken } from '$lib/server/ids';
import { userClient } from '$lib/server/supabase-admin';

export const prerender = false;

/**
 * A CoE-AI admin revokes a certificate by its code; the status list changes at once. Runs as
 * the admin (their token): the database checks their role's scope against the issuing centre.
 */
export const POST: RequestHandler = (event) =>
	guarded(async () => {
		const token = bearerToken(event.request);
		if (!token) return fail('sign_in');
		const body = (await event.request.json().catch(() => null)) as {
			code?: unknown;
			reason?: unknown;
		} | null;
		const code = typeof body?.code === 'string' ? parseVerificationCode(body.code) : null;
		if (!code) return fail('invalid');
		return respond(
			await revokeCertificate(userClient(token), {
				code,
				reason: typeof body?.reason === 'string' ? body.reason : ''
			})
		);
	});
