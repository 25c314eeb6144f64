import { describe, expect, it } from 'vitest';
import { generateSigningJwk } from './certificates/signing-keys';
import { assertConfig, checkConfig } from './config';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl';
const serviceJwt = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl';

async function productionVars() {
	return {
		NODE_ENV: 'production',
		ORIGIN: 'https://seekh.example.pk',
		PUBLIC_SUPABASE_URL: 'https://abc.supabase.co',
		PUBLIC_SUPABASE_ANON_KEY: jwt,
		SUPABASE_SERVICE_ROLE_KEY: serviceJwt,
		CERT_SIGNING_KEYS: JSON.stringify([await generateSigningJwk()]),
		CERT_SIGNATORIES: JSON.stringify({
			islamabad: { name: 'Dr. Ayesha Siddiqui', title: { en: 'Director', ur: 'ڈائریکٹر' } }
		})
	};
}

describe('server configuration at start', () => {
	it('accepts a complete production configuration', async () => {
		expect(checkConfig(await productionVars())).toEqual({ ok: true, production: true, problems: [] });
	});

	it('lists every missing production variable at once, by name', () => {
		const report = checkConfig({ NODE_ENV: 'production', PORT: '3000' });
		expect(report.ok).toBe(false);
		expect(report.problems).toContain(
			'SUPABASE_SERVICE_ROLE_KEY: is required: the service_role key, for issuing and verifying certificates (server only)'
		);
		expect(report.problems.map((p) => p.split(':')[0])).toEqual([
			'CERT_SIGNATORIES',
			'CERT_SIGNING_KEYS',
			'ORIGIN',
			'PUBLIC_SUPABASE_ANON_KEY',
			'PUBLIC_SUPABASE_URL',
			'SUPABASE_SERVICE_ROLE_KEY'
		]);
	});

	it('rejects malformed values with a reason and never echoes a secret', async () => {
		const vars = {
			...(await productionVars()),
			ORIGIN: 'http://seekh.example.pk/app',
			PORT: '99999',
			SUPABASE_SERVICE_ROLE_KEY: 'not a key',
			CERT_SIGNING_KEYS: JSON.stringify([{ kty: 'RSA', n: 'x', e: 'AQAB' }])
		};
		const report = checkConfig(vars);
		expect(report.problems).toHaveLength(4);
		expect(report.problems.join('\n')).toMatch(/ORIGIN: must be an origin only/);
		expect(report.problems.join('\n')).toMatch(/PORT: must be between 1 and 65535/);
		expect(report.problems.join('\n')).toMatch(/CERT_SIGNING_KEYS: holds no private key/);
		expect(report.problems.join('\n')).not.toContain('not a key');
	});

	it('requires https for a public origin but accepts plain http on this machine', async () => {
		const base = await productionVars();
		expect(checkConfig({ ...base, CERT_PUBLIC_ORIGIN: 'http://seekh.example.pk' }).problems).toEqual([
			'CERT_PUBLIC_ORIGIN: must use https:// (plain http is only accepted for localhost)'
		]);
		expect(checkConfig({ ...base, ORIGIN: 'http://127.0.0.1:3000' }).ok).toBe(true);
	});

	it('checks the signatories: known centres, a name, a title with English', async () => {
		const base = await productionVars();
		const bad = (value: unknown) =>
			checkConfig({ ...base, CERT_SIGNATORIES: JSON.stringify(value) }).problems.join();
		expect(bad({ gilgit: { name: 'A', title: 'Director' } })).toMatch(/unknown centre "gilgit"/);
		expect(bad({ lahore: { name: '', title: 'Director' } })).toMatch(/lahore: "name"/);
		expect(bad({ lahore: { name: 'A', title: { ur: 'ڈائریکٹر' } } })).toMatch(/at least an English/);
		expect(bad({ lahore: { name: 'A', title: 'Director' } })).toBe('');
	});

	it('refuses the anon key in place of the service key', async () => {
		const base = await productionVars();
		expect(checkConfig({ ...base, SUPABASE_SERVICE_ROLE_KEY: jwt }).problems).toEqual([
			'SUPABASE_SERVICE_ROLE_KEY: is the same as the anon key; use the service_role key'
		]);
	});

	it('allows development signing keys in production only when asked to explicitly', async () => {
		const { CERT_SIGNING_KEYS: _keys, ...rest } = await productionVars();
		expect(checkConfig(rest).ok).toBe(false);
		expect(checkConfig({ ...rest, SEEKH_DEV_KEYS: '1' }).ok).toBe(true);
	});

	it('outside production checks only what is set, so dev and tests start', () => {
		expect(checkConfig({}).ok).toBe(true);
		expect(checkConfig({ NODE_ENV: 'test', PORT: 'eighty' }).problems).toEqual([
			'PORT: must be a whole number'
		]);
		const lines: string[] = [];
		assertConfig({ NODE_ENV: 'development' }, (l) => lines.push(l));
		expect(lines[0]).toMatch(/not "production"/);
	});

	it('throws one error that names every problem', () => {
		expect(() => assertConfig({ NODE_ENV: 'production' })).toThrow(
			/6 problem\(s\):\n {2}- CERT_SIGNATORIES[\s\S]*ORIGIN[\s\S]*\.env\.example/
		);
	});
});
