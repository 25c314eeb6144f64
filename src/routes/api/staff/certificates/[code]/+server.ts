import { json, type RequestHandler } from '@sveltejs/kit';
import { parseVerificationCode } from '$lib/certificates/verification-code';
import { asCaller } from '$lib/server/staff/respond';
import { certificateForAdmin } from '$lib/server/staff/staff';

export const prerender = false;

/** A certificate's holder, course, date and status, for CoE-AI admins only. */
export const GET: RequestHandler = (event) => {
	const code = parseVerificationCode(event.params.code ?? '');
	if (!code) return Promise.resolve(json({ error: 'invalid' }, { status: 400 }));
	return asCaller(event, (client) => certificateForAdmin(client, code));
};
