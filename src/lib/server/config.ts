import * as v from 'valibot';
import { CENTRE_IDS } from '$lib/certificates/centres';
import { parseSignatories } from '$lib/certificates/signatory';

/**
 * The server's configuration, checked once when it starts (the `init` hook), so a deployment
 * with a missing or malformed variable refuses to start with the whole list of problems instead
 * of failing later at some learner's request. `.env.example` lists every variable; docs/deploy.md
 * explains them.
 *
 * With NODE_ENV=production everything a deployment needs is required. Otherwise (`npm run dev`,
 * the test suites, `npm run budget`) only the values that are set are checked, because those
 * runs get their backend and a development signing key from the local stack.
 */
export type Vars = Record<string, string | undefined>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An origin the browser will use: scheme + host (+ port), no path; https unless on this machine. */
const origin = v.pipe(
	v.string(),
	v.url('must be an absolute URL such as https://seekh.example.pk'),
	v.check((value) => {
		const u = new URL(value);
		return (u.pathname === '/' || u.pathname === '') && !u.search && !u.hash;
	}, 'must be an origin only (no path, query or #)'),
	v.check((value) => {
		const u = new URL(value);
		return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
	}, 'must use https:// (plain http is only accepted for localhost)')
);

const httpUrl = v.pipe(
	v.string(),
	v.url('must be an absolute URL such as https://<project-ref>.supabase.co'),
	v.check((value) => /^https?:$/.test(new URL(value).protocol), 'must be an http(s) URL')
);

/** Supabase keys are JWTs (three base64url parts) or the newer `sb_publishable_…`/`sb_secret_…`. */
const supabaseKey = (kind: 'publishable' | 'secret') =>
	v.pipe(
		v.string(),
		v.regex(
			new RegExp(`^([\\w-]+\\.[\\w-]+\\.[\\w-]+|sb_${kind}_[\\w-]+)$`),
			`must be the project's ${kind === 'secret' ? 'service_role (secret)' : 'anon (publishable)'} key`
		)
	);

const positiveInt = (max: number) =>
	v.pipe(
		v.string(),
		v.regex(/^\d+$/, 'must be a whole number'),
		v.check((value) => Number(value) >= 1 && Number(value) <= max, `must be between 1 and ${max}`)
	);

/** `CERT_SIGNING_KEYS`: a JSON array (or `{ keys }`) of RSA JWKs, one of them with its private part. */
const signingKeys = v.pipe(
	v.string(),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const problem = signingKeysProblem(dataset.value);
		if (problem) addIssue({ message: problem });
	})
);

export function signingKeysProblem(text: string): string | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return 'is not valid JSON (run `npm run keys:generate` and paste its output)';
	}
	const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown } | null)?.keys;
	if (!Array.isArray(keys) || keys.length === 0) return 'must be a non-empty JSON array of JWKs';
	for (const [i, key] of keys.entries()) {
		const k = key as Record<string, unknown> | null;
		if (!k || k.kty !== 'RSA' || typeof k.n !== 'string' || typeof k.e !== 'string')
			return `key ${i + 1} is not an RSA public or private JWK`;
	}
	if (!keys.some((k) => typeof (k as Record<string, unknown>).d === 'string'))
		return 'holds no private key, so nothing could sign (the first key with "d" signs)';
	return null;
}

/** `CERT_SIGNATORIES`: per centre, who signs its certificates (name, title in English and more). */
const signatories = v.pipe(
	v.string(),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const parsed = parseSignatories(dataset.value, CENTRE_IDS);
		if (!parsed.ok) addIssue({ message: parsed.detail });
	})
);

/** Every variable, all optional: used as is outside production, and for the format checks. */
const shape = {
	NODE_ENV: v.optional(
		v.picklist(['production', 'development', 'test'], 'must be production, development or test')
	),
	ORIGIN: v.optional(origin),
	CERT_PUBLIC_ORIGIN: v.optional(origin),
	PORT: v.optional(positiveInt(65535)),
	PUBLIC_SUPABASE_URL: v.optional(httpUrl),
	SUPABASE_URL: v.optional(httpUrl),
	PUBLIC_SUPABASE_ANON_KEY: v.optional(supabaseKey('publishable')),
	SUPABASE_SERVICE_ROLE_KEY: v.optional(supabaseKey('secret')),
	CERT_SIGNING_KEYS: v.optional(signingKeys),
	CERT_SIGNATORIES: v.optional(signatories),
	CERT_LOOKUPS_PER_MINUTE: v.optional(positiveInt(100_000))
};

const required = (schema: v.GenericSchema<string>, why: string) =>
	v.pipe(v.string(`is required: ${why}`), v.minLength(1, `is required: ${why}`), schema);

const productionShape = {
	...shape,
	ORIGIN: required(origin, 'the public https address learners open (adapter-node checks forms against it)'),
	PUBLIC_SUPABASE_URL: required(httpUrl, 'the Supabase project URL (same value as at build time)'),
	PUBLIC_SUPABASE_ANON_KEY: required(
		supabaseKey('publishable'),
		'the anon key (same value as at build time)'
	),
	SUPABASE_SERVICE_ROLE_KEY: required(
		supabaseKey('secret'),
		'the service_role key, for issuing and verifying certificates (server only)'
	),
	CERT_SIGNATORIES: required(signatories, "who signs each centre's certificates (name and title)")
};

const REQUIRED = [
	'ORIGIN',
	'PUBLIC_SUPABASE_URL',
	'PUBLIC_SUPABASE_ANON_KEY',
	'SUPABASE_SERVICE_ROLE_KEY',
	'CERT_SIGNATORIES'
];

export interface ConfigReport {
	ok: boolean;
	production: boolean;
	/** One line per problem: `NAME: what is wrong`. Never the value itself (it may be a secret). */
	problems: string[];
}

/** Blank values count as unset, as in a shell `FOO=` line. */
function present(vars: Vars): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(vars))
		if (value !== undefined && value.trim() !== '') out[key] = value.trim();
	return out;
}

export function checkConfig(vars: Vars): ConfigReport {
	const values = present(vars);
	const production = values.NODE_ENV === 'production';
	// A missing required variable is checked as an empty one, so it gets its own "is required: why".
	if (production) for (const key of REQUIRED) values[key] ??= '';
	const result = v.safeParse(v.looseObject(production ? productionShape : shape), values, {
		abortPipeEarly: true
	});
	const problems = (result.issues ?? []).map((issue) => `${v.getDotPath(issue) ?? '?'}: ${issue.message}`);
	if (production) {
		// Signing keys: required unless the operator explicitly allows development keys.
		const devKeys = values.SEEKH_DEV_KEYS === '1' || values.CERT_DEV_KEYS === '1';
		if (!values.CERT_SIGNING_KEYS && !devKeys)
			problems.push('CERT_SIGNING_KEYS: is required: the certificate signing keys (`npm run keys:generate`)');
		if (
			values.SUPABASE_SERVICE_ROLE_KEY &&
			values.SUPABASE_SERVICE_ROLE_KEY === values.PUBLIC_SUPABASE_ANON_KEY
		)
			problems.push('SUPABASE_SERVICE_ROLE_KEY: is the same as the anon key; use the service_role key');
	}
	return { ok: problems.length === 0, production, problems: problems.sort() };
}

/** For the `init` hook: throws one error listing every problem; warns when not in production. */
export function assertConfig(vars: Vars, log: (line: string) => void = console.warn): void {
	const report = checkConfig(vars);
	if (!report.ok)
		throw new Error(
			`Seekh cannot start: its configuration has ${report.problems.length} problem(s):\n` +
				report.problems.map((p) => `  - ${p}`).join('\n') +
				'\nSee .env.example and docs/deploy.md.'
		);
	if (!report.production)
		log('[config] NODE_ENV is not "production": only the variables that are set were checked.');
}
