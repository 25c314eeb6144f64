import { createClient } from '@supabase/supabase-js';
import type { Database } from '$lib/db/database.types';
import type { SeekhClient } from '$lib/db/typed-client';
import { backendConfig, SESSION_KEY, type BackendConfig } from './config';
import { gzipFetch } from './gzip-fetch';

export { backendConfig, type BackendConfig };

export interface ClientOptions {
	storageKey?: string;
	/** Where the session is kept; the browser's localStorage by default. */
	storage?: {
		getItem(k: string): string | null;
		setItem(k: string, v: string): void;
		removeItem(k: string): void;
	};
	/** Node needs `ws` here (supabase-js's realtime on Node 20); browsers have WebSocket. */
	realtimeTransport?: unknown;
	fetch?: typeof fetch;
}

/** A supabase-js client as the app configures it (gzip for sync bodies, session kept). */
export function makeClient(config: BackendConfig, options: ClientOptions = {}): SeekhClient {
	return createClient<Database>(config.url, config.anonKey, {
		auth: {
			persistSession: true,
			autoRefreshToken: true,
			storageKey: options.storageKey ?? SESSION_KEY,
			...(options.storage ? { storage: options.storage } : {})
		},
		global: { fetch: gzipFetch(options.fetch) },
		...(options.realtimeTransport ? { realtime: { transport: options.realtimeTransport as never } } : {})
	});
}

let client: SeekhClient | null | undefined;

/** The page's one client, or null in local-only mode. Only src/lib/sync uses it. */
export function getSupabase(): SeekhClient | null {
	if (client === undefined) {
		const config = backendConfig();
		client = config ? makeClient(config) : null;
	}
	return client;
}
