import { json, type RequestHandler } from '@sveltejs/kit';
import { parseVerificationCode } from '$lib/certificates/verification-code';
import { guarded } from '$lib/server/certificates/context';
import { revokeCertificate } from '$lib/server/certificates/revocation';
import { bearerToken } from '$lib/server/ids';
import { userClient } from '$lib/server/supabase-admin';

export const prerender = false;

const STATUS = { forbidden: 403, not_found: 404, sign_in: 401 } as const;

/**
 * A CoE-AI admin revokes a certificate by its code; the status list changes at once. Runs as
 * the admin (their token): the database checks their role's scope against the issuing centre.
 */
export const POST: RequestHandler = (event) =>
	guarded(async () => {
		const token = bearerToken(event.request);
		if (!token) return json({ error: 'sign_in' }, { status: 401 });
		const body = (await event.request.json().catch(() => null)) as {
			code?: unknown;
			reason?: unknown;
		} | null;
		const code = typeof body?.code === 'string' ? parseVerificationCode(body.code) : null;
		if (!code) return json({ error: 'bad_code' }, { status: 400 });
		const result = await revokeCertificate(userClient(token), {
			code,
			reason: typeof body?.reason === 'string' ? body.reason : ''
		});
		if (!result.ok) return json({ error: result.reason }, { status: STATUS[result.reason] });
		return json({ revoked: code });
	});
