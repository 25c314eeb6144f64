import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import * as publicEnv from '$env/static/public';
import { gzipFetch } from './gzip-fetch';

/**
 * Which backend this build talks to. PUBLIC_SUPABASE_URL + PUBLIC_SUPABASE_ANON_KEY set at
 * build (or by `npm run dev`, which points them at the embedded stack) → that server.
 * Unset → local-only mode: the app works fully, progress stays on this device.
 */
export interface BackendConfig {
	url: string;
	anonKey: string;
}

export function backendConfig(env: Record<string, string | undefined> = publicEnv): BackendConfig | null {
	const url = env.PUBLIC_SUPABASE_URL?.trim();
	const anonKey = env.PUBLIC_SUPABASE_ANON_KEY?.trim();
	return url && anonKey ? { url, anonKey } : null;
}

export interface ClientOptions {
	storageKey?: string;
	/** Where the session is kept; the browser's localStorage by default. */
	storage?: { getItem(k: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void };
	/** Node needs `ws` here (supabase-js's realtime on Node 20); browsers have WebSocket. */
	realtimeTransport?: unknown;
	fetch?: typeof fetch;
}

/** A supabase-js client as the app configures it (gzip for sync bodies, session kept). */
export function makeClient(config: BackendConfig, options: ClientOptions = {}): SupabaseClient {
	return createClient(config.url, config.anonKey, {
		auth: {
			persistSession: true,
			autoRefreshToken: true,
			storageKey: options.storageKey ?? 'seekh-auth',
			...(options.storage ? { storage: options.storage } : {})
		},
		global: { fetch: gzipFetch(options.fetch) },
		...(options.realtimeTransport
			? { realtime: { transport: options.realtimeTransport as never } }
			: {})
	});
}

let client: SupabaseClient | null | undefined;

/** The page's one client, or null in local-only mode. Only src/lib/sync uses it. */
export function getSupabase(): SupabaseClient | null {
	if (client === undefined) {
		const config = backendConfig();
		client = config ? makeClient(config) : null;
	}
	return client;
}
