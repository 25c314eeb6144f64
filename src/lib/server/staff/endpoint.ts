import type { RequestEvent } from '@sveltejs/kit';
import { failure, type Result } from '$lib/result';
import type { StaffRole } from '$lib/staff/types';
import { fail, guarded, respond } from '../http';
import type { Session } from '../session';

/**
 * A staff endpoint: declares the roles it needs (any one of them, in any organisation) and
 * runs as the caller. The session comes from `handle` (src/hooks.server.ts): no token → 401
 * `sign_in`; no such role anywhere → 403 `forbidden`. Holding the role somewhere is only the
 * door: which units and learners it reaches is decided by the database on every query.
 */
export function staffEndpoint<T>(
	event: Pick<RequestEvent, 'locals'>,
	roles: readonly StaffRole[] | 'any',
	run: (session: Session) => Promise<Result<T>>
): Promise<Response> {
	return guarded(async () => {
		const session = event.locals.session;
		if (!session) return fail('sign_in');
		if (roles !== 'any' && !session.grants.some((g) => roles.includes(g.role)))
			return respond(failure('forbidden'));
		return respond(await run(session));
	});
}

/** The JSON body of a request, or null when it is not JSON. */
export const body = (event: Pick<RequestEvent, 'request'>) =>
	event.request.json().catch(() => null) as Promise<Record<string, unknown> | null>;
