import type { Handle, RequestEvent } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import { userClient } from './supabase-admin';
import { bearerToken } from './http';
import type { StaffGrant } from '$lib/staff/types';

/**
 * What `handle` (src/hooks.server.ts) learns once per request that carries a bearer token:
 * who is calling and the staff roles they hold, per organisation. Endpoints read
 * `event.locals`; none parses a token itself. The roles only decide which tools to offer and
 * which endpoints to even try: the database checks scope again on every query (RLS, SQL).
 */
export interface Session {
	user: { id: string; email: string | null };
	/** The caller's own token, for queries made as them (RLS applies). */
	token: string;
	client: SupabaseClient;
	grants: StaffGrant[];
}

interface GrantRow {
	org_id: string;
	role: StaffGrant['role'];
	organisations: { code: string; names: Record<string, string>; is_sample: boolean; kind: string } | null;
}

export async function loadSession(
	request: Request,
	clientFor: (token: string) => SupabaseClient = userClient
): Promise<Session | null> {
	const token = bearerToken(request);
	if (!token) return null;
	const client = clientFor(token);
	const { data, error } = await client.auth.getUser(token);
	if (error || !data.user) return null;
	const rows = await client
		.from('org_roles')
		.select('org_id, role, organisations(code, names, is_sample, kind)')
		.eq('user_id', data.user.id)
		.order('org_id');
	if (rows.error) throw new Error(`loading staff roles: ${rows.error.message}`);
	const grants = ((rows.data ?? []) as unknown as GrantRow[]).map((r) => ({
		org_id: r.org_id,
		role: r.role,
		code: r.organisations?.code ?? '',
		names: r.organisations?.names ?? {},
		kind: r.organisations?.kind ?? '',
		is_sample: r.organisations?.is_sample ?? false
	}));
	return { user: { id: data.user.id, email: data.user.email ?? null }, token, client, grants };
}

/** The `handle` hook: API requests with a token get `locals.session` (or null), once. */
export function sessionHandle(clientFor?: (token: string) => SupabaseClient): Handle {
	return async ({ event, resolve }) => {
		event.locals.session = null;
		// The partner API's bearer is an API key, not a session: its own gate checks it in SQL.
		if (
			event.url.pathname.startsWith('/api/') &&
			!event.url.pathname.startsWith('/api/partner/') &&
			event.request.headers.has('authorization')
		)
			event.locals.session = await loadSession(event.request, clientFor).catch((failure) => {
				console.error('[session]', failure);
				return null;
			});
		return resolve(event);
	};
}

export type { RequestEvent };
