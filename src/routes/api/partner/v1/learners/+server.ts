import type { RequestHandler } from '@sveltejs/kit';
import { callPartner, jsonResponse, partnerGuarded } from '$lib/server/partner/gate';
import { decodeCursor, encodeCursor, nextLink } from '$lib/server/partner/cursor';
import { problem } from '$lib/server/partner/problem';

export const prerender = false;

/** The roster as Seekh holds it, by the partner's sourcedId (scope roster:write). */
export const GET: RequestHandler = (event) =>
	partnerGuarded(event, async () => {
		const instance = event.url.pathname;
		const limit = Number(event.url.searchParams.get('limit') ?? 100);
		if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
			return problem(400, 'bad_query', instance, 'limit is 1 to 1000.');
		const cursor = decodeCursor(event.url.searchParams.get('cursor'), 1);
		if (cursor === 'bad') return problem(400, 'bad_cursor', instance);
		const answer = await callPartner(event, 'partner_roster_list', {
			after_sid: (cursor?.[0] as string | undefined) ?? undefined,
			lim: limit
		});
		if (!answer.ok) return answer.response;
		const page = answer.body as { items: { sourced_id: string }[]; limit: number };
		const last = page.items.at(-1);
		const next =
			last && page.items.length === page.limit ? nextLink(event.url, encodeCursor([last.sourced_id])) : null;
		return jsonResponse({ items: page.items, next }, next ? { link: `<${next}>; rel="next"` } : {});
	});
