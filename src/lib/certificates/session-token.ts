/**
 * The signed-in learner's access token, read from where supabase-js keeps the session
 * (storage key `seekh-auth`, set by src/lib/sync/client.ts). Null when nobody is signed in.
 * Kept here, not imported from sync, so certificates work with any sign-in flow that stores a
 * supabase-js session; expired tokens get a 401 and the page asks the learner to sign in.
 */
export function accessToken(
	storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage
): string | null {
	try {
		const raw = storage?.getItem('seekh-auth');
		if (!raw) return null;
		const session = JSON.parse(raw) as {
			access_token?: unknown;
			currentSession?: { access_token?: unknown };
		};
		const token = session.access_token ?? session.currentSession?.access_token;
		return typeof token === 'string' && token.length > 0 ? token : null;
	} catch {
		return null;
	}
}
