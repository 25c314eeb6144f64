import * as publicEnv from '$env/static/public';

/**
 * Which backend this build talks to. PUBLIC_SUPABASE_URL + PUBLIC_SUPABASE_ANON_KEY set at
 * build (or by `npm run dev`, which points them at the embedded stack) → that server.
 * Unset → local-only mode: the app works fully, progress stays on this device.
 * Kept apart from client.ts so reading it never loads supabase-js.
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

/** Where supabase-js keeps the session in localStorage. */
export const SESSION_KEY = 'seekh-auth';

/** True when a session is stored: only then is the sync engine worth loading. */
export function hasStoredSession(): boolean {
	try {
		return typeof localStorage !== 'undefined' && localStorage.getItem(SESSION_KEY) !== null;
	} catch {
		return false;
	}
}
