// A small stand-in for Supabase Auth (GoTrue) for the local stack: the endpoints supabase-js
// calls, answering in GoTrue's shapes, issuing HS256 JWTs with the stack's secret — exactly
// what PostgREST verifies. Development and tests only: it refuses to run in production.
import { createHash, randomBytes, randomInt, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { jwtVerify } from 'jose';
import { secretKey, signJwt } from './keys.js';

const scryptAsync = /** @type {(p: string, s: Buffer, n: number) => Promise<Buffer>} */ (promisify(scrypt));

/** @typedef {{ status: number, body?: unknown }} AuthReply */

class AuthError extends Error {
	/** @param {number} status @param {string} code @param {string} message */
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

/** @param {string} password */
async function hashPassword(password) {
	const salt = randomBytes(16);
	const hash = await scryptAsync(password, salt, 32);
	return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** @param {string} password @param {string | null} stored */
async function passwordMatches(password, stored) {
	const [kind, salt, hash] = (stored ?? '').split('$');
	if (kind !== 'scrypt' || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64');
	const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
	return timingSafeEqual(actual, expected);
}

/** @param {string} value */
const sha256 = (value) => createHash('sha256').update(value).digest('hex');

/** @param {unknown} value */
const text = (value) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** @param {unknown} value */
function normalPhone(value) {
	const phone = text(value)?.replace(/[\s-]/g, '');
	return phone && /^\+?\d{7,15}$/.test(phone) ? phone.replace(/^\+/, '') : undefined;
}

/**
 * @param {{
 *   store: ReturnType<typeof import('./auth-store.js').authStore>,
 *   jwtSecret: string, issuer: string, accessTtl?: number,
 *   onOtp?: (target: string, code: string) => void
 * }} options
 */
export function createAuthHandler({ store, jwtSecret, issuer, accessTtl = 3600, onOtp }) {
	if (process.env.NODE_ENV === 'production')
		throw new Error(
			'The local auth stand-in is for development and tests only; use Supabase Auth in production.'
		);

	/**
	 * A new session, as GoTrue starts one: its `amr` names how the person signed in ('password',
	 * 'otp' for a one-time code or magic link, 'anonymous') and when; refreshes repeat it.
	 * @param {any} user @param {string} method
	 */
	async function session(user, method) {
		const sessionId = randomUUID();
		const refresh = randomBytes(24).toString('base64url');
		const amr = [{ method, timestamp: Math.floor(Date.now() / 1000) }];
		await store.issueRefresh(user.id, sessionId, sha256(refresh), amr);
		return sessionReply(user, amr, sessionId, refresh);
	}

	/**
	 * @param {any} user @param {Array<{ method: string, timestamp: number }>} amr
	 * @param {string} sessionId @param {string} refresh
	 */
	async function sessionReply(user, amr, sessionId, refresh) {
		const now = Math.floor(Date.now() / 1000);
		const access = await signJwt(
			jwtSecret,
			{
				iss: issuer,
				aud: 'authenticated',
				sub: user.id,
				email: user.email,
				phone: user.phone,
				app_metadata: user.app_metadata,
				user_metadata: user.user_metadata,
				role: 'authenticated',
				aal: 'aal1',
				amr,
				session_id: sessionId,
				is_anonymous: user.is_anonymous
			},
			accessTtl
		);
		return {
			access_token: access,
			token_type: 'bearer',
			expires_in: accessTtl,
			expires_at: now + accessTtl,
			refresh_token: refresh,
			user: publicUser(user)
		};
	}

	/** @param {any} user */
	function publicUser(user) {
		const { password_hash: _hidden, ...rest } = user;
		return rest;
	}

	/** @param {string | undefined} header */
	async function caller(header) {
		const token = header?.replace(/^Bearer\s+/i, '');
		if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a Bearer token');
		try {
			const { payload } = await jwtVerify(token, secretKey(jwtSecret), { audience: 'authenticated' });
			const user = await store.findUser({ id: String(payload.sub) });
			if (!user) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
			return { user, sessionId: String(payload.session_id ?? '') };
		} catch (error) {
			if (error instanceof AuthError) throw error;
			throw new AuthError(
				403,
				'bad_jwt',
				'invalid JWT: unable to parse or verify signature, token has expired'
			);
		}
	}

	/** @param {any} body */
	async function checkPassword(body) {
		const password = typeof body.password === 'string' ? body.password : '';
		if (password.length < 6)
			throw new AuthError(422, 'weak_password', 'Password should be at least 6 characters.');
		return hashPassword(password);
	}

	/** @param {any} body */
	async function signUp(body) {
		const email = text(body.email)?.toLowerCase();
		const phone = normalPhone(body.phone);
		const meta = typeof body.data === 'object' && body.data ? body.data : {};
		if (!email && !phone) {
			if (body.email !== undefined || body.phone !== undefined)
				throw new AuthError(400, 'validation_failed', 'Unable to validate email address or phone number');
			const user = await store.createUser({ meta, anonymous: true });
			return session(user, 'anonymous');
		}
		const passwordHash = await checkPassword(body);
		const user = await store.createUser({ email, phone, passwordHash, meta });
		if (!user) throw new AuthError(422, 'user_already_exists', 'User already registered');
		return session(user, 'password');
	}

	/** @param {any} body */
	async function passwordGrant(body) {
		const email = text(body.email)?.toLowerCase();
		const phone = normalPhone(body.phone);
		const user = email || phone ? await store.findUser({ email, phone }) : null;
		const ok = user && (await passwordMatches(String(body.password ?? ''), user.password_hash));
		if (!ok) throw new AuthError(400, 'invalid_credentials', 'Invalid login credentials');
		await store.touchSignIn(user.id);
		return session(user, 'password');
	}

	/** @param {any} body */
	async function refreshGrant(body) {
		const old = text(body.refresh_token);
		if (!old)
			throw new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
		const next = randomBytes(24).toString('base64url');
		const rotated = await store.rotateRefresh(sha256(old), sha256(next));
		if (!rotated)
			throw new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
		const user = await store.findUser({ id: rotated.user_id });
		if (!user) throw new AuthError(400, 'user_not_found', 'User not found');
		// GoTrue keeps the session's sign-in methods and their original times on refresh.
		return sessionReply(user, rotated.amr ?? [], rotated.session_id, next);
	}

	/** @param {any} body */
	async function sendOtp(body) {
		const email = text(body.email)?.toLowerCase();
		const phone = normalPhone(body.phone);
		const target = email ?? phone;
		if (!target)
			throw new AuthError(400, 'validation_failed', 'Unable to validate email address or phone number');
		const existing = await store.findUser({ email, phone });
		if (!existing && body.create_user === false)
			throw new AuthError(422, 'otp_disabled', 'Signups not allowed for otp');
		const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
		await store.putOtp(target, sha256(code), 600);
		// No SMS or mail here: the code goes to the console (and to tests through onOtp).
		console.log(`[auth] one-time code for ${target}: ${code}`);
		onOtp?.(target, code);
		return {};
	}

	/** @param {any} body */
	async function verifyOtp(body) {
		const email = text(body.email)?.toLowerCase();
		const phone = normalPhone(body.phone);
		const target = email ?? phone;
		const token = text(body.token);
		if (!target || !token || !(await store.takeOtp(target, sha256(token))))
			throw new AuthError(403, 'otp_expired', 'Token has expired or is invalid');
		const user =
			(await store.findUser({ email, phone })) ??
			(await store.createUser({ email, phone, meta: typeof body.data === 'object' ? body.data : {} }));
		await store.touchSignIn(user.id);
		return session(user, 'otp');
	}

	/** @param {string | undefined} authorization @param {any} body */
	async function updateUser(authorization, body) {
		const { user } = await caller(authorization);
		const passwordHash = body.password !== undefined ? await checkPassword(body) : undefined;
		const email = text(body.email)?.toLowerCase();
		const phone = normalPhone(body.phone);
		if ((email && email !== user.email) || (phone && phone !== user.phone)) {
			const taken = await store.findUser({ email, phone });
			if (taken && taken.id !== user.id)
				throw new AuthError(
					422,
					'email_exists',
					'A user with this email address has already been registered'
				);
		}
		const meta = typeof body.data === 'object' && body.data ? body.data : undefined;
		return publicUser(await store.updateUser(user.id, { email, phone, passwordHash, meta }));
	}

	/**
	 * GoTrue's admin API (supabase-js `auth.admin.*`): only with the service_role key.
	 * @param {string | undefined} header
	 */
	async function requireServiceRole(header) {
		const token = header?.replace(/^Bearer\s+/i, '');
		const payload = token
			? await jwtVerify(token, secretKey(jwtSecret)).then(
					(r) => r.payload,
					() => null
				)
			: null;
		if (payload?.role !== 'service_role')
			throw new AuthError(403, 'not_admin', 'User not allowed: the admin API needs the service_role key');
	}

	/**
	 * @param {{ method: string, path: string, query: URLSearchParams, authorization?: string, body: any }} req
	 * @returns {Promise<AuthReply>}
	 */
	return async function handle({ method, path, query, authorization, body }) {
		try {
			const route = `${method} ${path}`;
			if (route === 'GET /health') return { status: 200, body: { name: 'seekh-local-auth', version: '1' } };
			if (route === 'GET /settings')
				return {
					status: 200,
					body: { external: { email: true, phone: true, anonymous_users: true }, mailer_autoconfirm: true }
				};
			if (route === 'POST /signup') return { status: 200, body: await signUp(body) };
			if (route === 'POST /token') {
				const grant = query.get('grant_type');
				if (grant === 'password') return { status: 200, body: await passwordGrant(body) };
				if (grant === 'refresh_token') return { status: 200, body: await refreshGrant(body) };
				throw new AuthError(400, 'unsupported_grant_type', `grant_type ${grant} is not supported here`);
			}
			if (route === 'POST /otp') return { status: 200, body: await sendOtp(body) };
			if (route === 'POST /verify') return { status: 200, body: await verifyOtp(body) };
			if (route === 'GET /user') return { status: 200, body: publicUser((await caller(authorization)).user) };
			if (route === 'PUT /user') return { status: 200, body: await updateUser(authorization, body) };
			if (route === 'POST /logout') {
				const { sessionId } = await caller(authorization);
				if (sessionId) await store.endSession(sessionId);
				return { status: 204 };
			}
			const adminUser = /^\/admin\/users\/([0-9a-f-]{36})$/.exec(path)?.[1];
			if (method === 'DELETE' && adminUser) {
				await requireServiceRole(authorization);
				if (!(await store.deleteUser(adminUser)))
					throw new AuthError(404, 'user_not_found', 'User not found');
				return { status: 200, body: {} };
			}
			throw new AuthError(404, 'not_found', `${route} is not served by the local auth stand-in`);
		} catch (error) {
			if (error instanceof AuthError)
				return {
					status: error.status,
					body: { code: error.code, error_code: error.code, msg: error.message, message: error.message }
				};
			console.error('[auth]', error);
			return { status: 500, body: { code: 'unexpected_failure', message: 'Unexpected failure' } };
		}
	};
}
