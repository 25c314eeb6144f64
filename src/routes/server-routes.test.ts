import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Route handlers read configuration through SvelteKit's $env modules: here, process.env.
vi.mock('$env/dynamic/private', () => ({ env: process.env }));
vi.mock('$env/dynamic/public', () => ({ env: process.env }));

/**
 * Defect 10: a 17,000-character course id reached PostgREST and came back as a 500. Every
 * `+server.ts` is walked: ids that are too long or malformed (and absurd bearer tokens) get a
 * 4xx before any query is made — the backend URL points nowhere and any fetch is counted.
 */
const routesDir = fileURLToPath(new URL('.', import.meta.url));

/** What each route takes as an id; a new route must be added here (the walk checks). */
const ROUTES: Record<string, { query?: string[]; body?: string[]; auth: boolean }> = {
	'.well-known/jwks.json': { auth: false },
	'api/assessment/tickets': { query: ['course'], auth: true },
	'api/certificates/[code]': { auth: false },
	'api/certificates/claim': { body: ['course_id'], auth: true },
	'api/certificates/mine': { auth: true },
	'api/certificates/revoke': { body: ['code'], auth: true },
	'api/certificates/status-list': { auth: false },
	'api/staff/certificates': { query: ['centre', 'after'], auth: true },
	'api/staff/certificates/centres': { auth: true },
	'api/staff/certificates/issue': { body: ['contact', 'course_id'], auth: true },
	'api/staff/certificates/[code]': { auth: true },
	'api/staff/demonstrations': { auth: true },
	'api/staff/evaluations': { body: ['learner', 'course_id'], auth: true },
	'api/staff/roles': { auth: true },
	'api/progress': { auth: false },
	'api/cohorts': { query: ['code'], auth: true },
	'api/staff/cohorts': { query: ['cohort'], auth: true },
	'staff/compliance/export': { query: ['unit'], auth: true },
	'api/account/delete': { auth: true },
	'api/staff/audit': { query: ['org'], auth: true },
	'api/staff/organisations': { query: ['org'], auth: true },
	'api/staff/people': { query: ['org'], auth: true },
	'api/staff/monitoring': { query: ['course'], auth: true },
	'api/staff/partner': { query: ['org'], auth: true },
	'api/staff/partner/uses': { query: ['key'], auth: true },
	'api/partner/docs': { auth: false },
	'api/partner/docs/scalar.js': { auth: false },
	'api/partner/v1/openapi.json': { auth: false },
	'api/partner/v1/key': { auth: true },
	'api/partner/v1/learners': { auth: true },
	'api/partner/v1/rosters': { auth: true },
	'api/partner/v1/rosters/check': { auth: true },
	'api/partner/v1/completions': { query: ['course'], auth: true },
	'api/partner/v1/certificates': { query: ['course'], auth: true },
	'api/partner/v1/webhooks': { body: ['url'], auth: true },
	'api/partner/v1/webhooks/[id]': { auth: true },
	'api/partner/v1/webhooks/[id]/enable': { auth: true },
	'api/partner/v1/lrs': { body: ['endpoint'], auth: true },
	'api/partner/v1/deliveries': { query: ['cursor'], auth: true },
	'api/partner/v1/deliveries/[id]/redeliver': { auth: true },
	'api/staff/partner-deliveries': { query: ['org'], auth: true },
	'api/staff/partner-deliveries/webhooks': { body: ['org'], auth: true },
	'api/staff/partner-deliveries/webhooks/[id]': { auth: true },
	'api/staff/partner-deliveries/lrs': { body: ['org'], auth: true },
	'api/staff/partner-deliveries/log': { query: ['org'], auth: true },
	'api/staff/partner-deliveries/log/[id]': { auth: true },
	'api/certified-trainer': { auth: true }
};

const BAD_IDS = [
	'x'.repeat(17_000),
	'a'.repeat(65),
	'../../etc/passwd',
	"cert-sample' or '1'='1",
	'cert sample',
	'CERT-SAMPLE',
	'%00',
	'کورس'.repeat(50),
	''
];
const PLAUSIBLE_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
const RUBRIC = {
	'plans-session': 3,
	'explains-clearly': 3,
	'checks-understanding': 3,
	'includes-everyone': 3,
	'assesses-fairly': 3
};

function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? serverFiles(join(dir, e.name)) : e.name === '+server.ts' ? [join(dir, e.name)] : []
	);
}

let fetches = 0;
let address = 0;

beforeAll(() => {
	Object.assign(process.env, {
		PUBLIC_SUPABASE_URL: 'http://127.0.0.1:9',
		PUBLIC_SUPABASE_ANON_KEY: 'anon',
		SUPABASE_SERVICE_ROLE_KEY: 'service',
		CERT_PUBLIC_ORIGIN: 'https://seekh.test',
		SEEKH_DEV_KEYS: '1',
		CERT_DEV_KEY_FILE: join(tmpdir(), `seekh-route-keys-${process.pid}.json`)
	});
	vi.stubGlobal('fetch', async () => {
		fetches++;
		throw new Error('no query may be made for this request');
	});
});

afterAll(() => {
	vi.unstubAllGlobals();
});

type Handler = (event: unknown) => Promise<Response>;

async function call(
	handler: Handler,
	route: string,
	method: string,
	id: string,
	token: string | null
): Promise<Response> {
	const spec = ROUTES[route]!;
	const url = new URL(`https://seekh.test/${route}`);
	for (const name of spec.query ?? []) url.searchParams.set(name, id);
	const params = Object.fromEntries([...route.matchAll(/\[(\w+)\]/g)].map((m) => [m[1], id]));
	const body =
		method === 'GET'
			? undefined
			: JSON.stringify({
					...Object.fromEntries((spec.body ?? []).map((name) => [name, id])),
					name: 'Ali Raza',
					centre: 'lahore',
					reason: 'test',
					rubric: RUBRIC,
					notes: ''
				});
	const request = new Request(url, {
		method,
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body
	});
	try {
		return await handler({
			request,
			url,
			params,
			// No session: handle() (hooks.server.ts) is not run here, as for a refused token.
			locals: {},
			getClientAddress: () => `198.51.100.${address++ % 250}`
		});
	} catch (thrown) {
		// SvelteKit's error() throws an HttpError carrying the status.
		if (thrown && typeof thrown === 'object' && 'status' in thrown)
			return new Response(null, { status: (thrown as { status: number }).status });
		throw thrown;
	}
}

describe('every server route', () => {
	const files = serverFiles(routesDir).map((f) =>
		relative(routesDir, f)
			.replace(/\/\+server\.ts$/, '')
			.replaceAll('\\', '/')
	);

	it('is listed with the ids it takes', () => {
		expect(files.sort()).toEqual(Object.keys(ROUTES).sort());
	});

	for (const route of Object.keys(ROUTES)) {
		const spec = ROUTES[route]!;
		const takesIds = Boolean(spec.query || spec.body || route.includes('['));
		it(`${route}: oversized and malformed ids → 4xx, no query`, async () => {
			const mod = (await import(/* @vite-ignore */ `./${route}/+server.ts`)) as Record<string, Handler>;
			const methods = ['GET', 'POST', 'PUT', 'DELETE'].filter((m) => typeof mod[m] === 'function');
			expect(methods.length).toBeGreaterThan(0);
			for (const method of methods) {
				if (takesIds)
					for (const id of BAD_IDS) {
						fetches = 0;
						const res = await call(mod[method]!, route, method, id, PLAUSIBLE_TOKEN);
						expect(
							res.status,
							`${method} ${route} id=${id.slice(0, 20)}…(${id.length})`
						).toBeGreaterThanOrEqual(400);
						expect(res.status, `${method} ${route} id=${id.slice(0, 20)}`).toBeLessThan(500);
						expect(fetches, `${method} ${route} queried for a bad id`).toBe(0);
					}
				if (spec.auth) {
					fetches = 0;
					const res = await call(mod[method]!, route, method, 'cert-sample', 'x'.repeat(17_000));
					const status = res.status;
					expect(
						status >= 400 && status < 500,
						`${method} ${route} with a 17,000-character token: ${status}`
					).toBe(true);
					expect(fetches).toBe(0);
				}
			}
		});
	}
});
