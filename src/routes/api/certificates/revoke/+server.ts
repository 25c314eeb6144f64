import { json, type RequestHandler } from '@sveltejs/kit';
import { parseVerificationCode } from '$lib/certificates/verification-code';
import { guarded } from '$lib/server/certificates/context';
import { revokeCertificate } from '$lib/server/certificates/revocation';
import { getAdminClient, userFromRequest } from '$lib/server/supabase-admin';

export const prerender = false;

/** A CoE-AI admin revokes a certificate by its code; the status list changes at once. */
export const POST: RequestHandler = (event) =>
	guarded(async () => {
		const admin = getAdminClient();
		const user = await userFromRequest(admin, event.request);
		if (!user) return json({ error: 'sign_in' }, { status: 401 });
		const body = (await event.request.json().catch(() => null)) as {
			code?: unknown;
			reason?: unknown;
		} | null;
		const code = typeof body?.code === 'string' ? parseVerificationCode(body.code) : null;
		if (!code) return json({ error: 'bad_code' }, { status: 400 });
		const result = await revokeCertificate(admin, {
			adminId: user.id,
			code,
			reason: typeof body?.reason === 'string' ? body.reason : ''
		});
		if (!result.ok)
			return json({ error: result.reason }, { status: result.reason === 'forbidden' ? 403 : 404 });
		return json({ revoked: code });
	});
