import type { RequestHandler } from '@sveltejs/kit';
import { callPartner, jsonResponse, partnerGuarded } from '$lib/server/partner/gate';

export const prerender = false;

/** The calling key: its organisation, scopes and expiry (any scope). */
export const GET: RequestHandler = (event) =>
	partnerGuarded(event, async () => {
		const answer = await callPartner(event, 'partner_whoami', {});
		return answer.ok ? jsonResponse(answer.body) : answer.response;
	});
