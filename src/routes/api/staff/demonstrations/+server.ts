import type { RequestHandler } from '@sveltejs/kit';
import { asCaller } from '$lib/server/staff/respond';
import { pendingDemonstrations } from '$lib/server/staff/staff';

export const prerender = false;

/** Learners awaiting a skill demonstration (assessors only; `?q=` part of an email or an id). */
export const GET: RequestHandler = (event) =>
	asCaller(event, (client) => pendingDemonstrations(client, event.url.searchParams.get('q')));
