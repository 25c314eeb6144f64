// The auth stand-in's storage calls: RPCs in schema local_auth, through PostgREST with the
// service key (see supabase/local/auth-stand-in.sql for why not a direct connection).

/** @typedef {{ method: string, timestamp: number }} AmrEntry */

/**
 * @param {string} restUrl
 * @param {string} serviceKey
 */
export function authStore(restUrl, serviceKey) {
	/** @param {string} fn @param {Record<string, unknown>} args @returns {Promise<any>} */
	async function rpc(fn, args) {
		const res = await fetch(`${restUrl}/rpc/${fn}`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${serviceKey}`,
				'content-type': 'application/json',
				'content-profile': 'local_auth',
				'accept-profile': 'local_auth'
			},
			body: JSON.stringify(args)
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`local_auth.${fn}: ${res.status} ${text}`);
		return text ? JSON.parse(text) : null;
	}
	return {
		/** @param {{ email?: string | null, phone?: string | null, passwordHash?: string | null, meta?: object, anonymous?: boolean }} u */
		createUser: (u) =>
			rpc('create_user', {
				p_email: u.email ?? null,
				p_phone: u.phone ?? null,
				p_password_hash: u.passwordHash ?? null,
				p_meta: u.meta ?? {},
				p_anonymous: u.anonymous ?? false
			}),
		/** @param {{ id?: string, email?: string, phone?: string }} by */
		findUser: (by) =>
			rpc('find_user', { p_id: by.id ?? null, p_email: by.email ?? null, p_phone: by.phone ?? null }),
		/** @param {string} id @param {{ email?: string, phone?: string, passwordHash?: string, meta?: object }} u */
		updateUser: (id, u) =>
			rpc('update_user', {
				p_id: id,
				p_email: u.email ?? null,
				p_phone: u.phone ?? null,
				p_password_hash: u.passwordHash ?? null,
				p_meta: u.meta ?? null
			}),
		/** @param {string} id @returns {Promise<boolean>} */
		deleteUser: (id) => rpc('delete_user', { p_id: id }),
		/** @param {string} id */
		touchSignIn: (id) => rpc('touch_sign_in', { p_id: id }),
		/** @param {string} user @param {string} session @param {string} hash @param {AmrEntry[]} amr */
		issueRefresh: (user, session, hash, amr) =>
			rpc('issue_refresh', { p_user: user, p_session: session, p_hash: hash, p_amr: amr }),
		/** @param {string} oldHash @param {string} newHash @returns {Promise<{ user_id: string, session_id: string, amr: AmrEntry[] } | null>} */
		rotateRefresh: (oldHash, newHash) => rpc('rotate_refresh', { p_old: oldHash, p_new: newHash }),
		/** @param {string} session */
		endSession: (session) => rpc('end_session', { p_session: session }),
		/** @param {string} target @param {string} hash @param {number} ttl */
		putOtp: (target, hash, ttl) => rpc('put_otp', { p_target: target, p_hash: hash, p_ttl_seconds: ttl }),
		/** @param {string} target @param {string} hash @returns {Promise<boolean>} */
		takeOtp: (target, hash) => rpc('take_otp', { p_target: target, p_hash: hash })
	};
}
