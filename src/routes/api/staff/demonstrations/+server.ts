import type { RequestHandler } from '@sveltejs/kit';
import { pendingDemonstrations } from '$lib/server/staff/assessor';
import { staffEndpoint } from '$lib/server/staff/endpoint';

export const prerender = false;

/** Learners awaiting a skill demonstration (assessors; `?q=` part of an email or an id). */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ['assessor'], (s) => pendingDemonstrations(s.client, event.url.searchParams.get('q')));
