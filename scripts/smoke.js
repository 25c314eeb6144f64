// `npm run smoke -- <url> [--origin https://public.origin] [--browser]`
// Checks a running Seekh deployment from the outside, the way a learner's phone and a verifier
// reach it: pages and manifest answer, security headers and a Content-Security-Policy are there,
// the certificate keys and revocation list are served and name the right origin, a bad
// verification code is refused; with --browser (Chromium: /usr/bin/chromium or CHROMIUM_PATH)
// also that the service worker installs and the main pages run with no CSP violation.
// Prints one line per check and exits 1 if any failed.
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const target = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--origin');
if (!target) {
	console.error('usage: npm run smoke -- <url> [--origin <public origin>] [--browser]');
	process.exit(2);
}
const base = new URL(target);
// The origin credentials must name: the public one (behind a proxy it differs from the URL checked).
const expectedOrigin = (option('--origin') ?? base.origin).replace(/\/$/, '');
const https = expectedOrigin.startsWith('https://');

const PAGES = ['/', '/courses', '/about', '/privacy', '/terms', '/verify', '/account', '/certificates'];
let failures = 0;

/** @param {string} name @param {() => Promise<string | void>} run */
async function check(name, run) {
	try {
		const note = await run();
		console.log(`ok    ${name}${note ? ` — ${note}` : ''}`);
	} catch (error) {
		failures++;
		console.log(`FAIL  ${name} — ${error instanceof Error ? error.message : String(error)}`);
	}
}

/** @param {boolean} condition @param {string} message */
function expect(condition, message) {
	if (!condition) throw new Error(message);
}

/** @param {string} path @param {RequestInit} [init] */
async function get(path, init) {
	return fetch(new URL(path, base), { redirect: 'manual', ...init });
}

/** @param {string} jwt */
function jwtPayload(jwt) {
	const part = jwt.split('.')[1];
	expect(!!part, 'not a JWT');
	return JSON.parse(Buffer.from(/** @type {string} */ (part), 'base64url').toString('utf8'));
}

/** The CSP of a page: its header, else the <meta http-equiv> SvelteKit writes into prerendered pages. */
function cspOf(response, html) {
	const header = response.headers.get('content-security-policy');
	if (header) return header;
	const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html);
	return meta
		? meta[1]
				.replace(/&#39;/g, "'")
				.replace(/&quot;/g, '"')
				.replace(/&amp;/g, '&')
		: null;
}

console.log(`Seekh smoke test: ${base.href} (credentials must name ${expectedOrigin})`);

for (const path of PAGES)
	await check(`page ${path}`, async () => {
		const response = await get(path);
		expect(response.status === 200, `HTTP ${response.status}`);
		expect(/text\/html/.test(response.headers.get('content-type') ?? ''), 'not HTML');
		const html = await response.text();
		const csp = cspOf(response, html);
		expect(!!csp, 'no Content-Security-Policy (header or meta)');
		expect(/default-src 'self'/.test(csp ?? ''), `CSP without default-src 'self': ${csp}`);
		const scripts = /script-src ([^;]*)/.exec(csp ?? '')?.[1] ?? '';
		expect(!/unsafe-inline|unsafe-eval/.test(scripts), `script-src allows unsafe code: ${scripts}`);
	});

await check('security headers on a page and on a static file', async () => {
	const page = await get('/');
	const manifest = await get('/manifest.webmanifest');
	for (const response of [page, manifest]) {
		const h = response.headers;
		expect(h.get('x-content-type-options') === 'nosniff', `${response.url}: X-Content-Type-Options missing`);
		expect(!!h.get('referrer-policy'), `${response.url}: Referrer-Policy missing`);
		if (https)
			expect(
				/max-age=\d{7,}/.test(h.get('strict-transport-security') ?? ''),
				`${response.url}: HSTS missing`
			);
	}
	return https ? 'HSTS present' : 'HSTS not expected on plain http';
});

await check('web app manifest', async () => {
	const response = await get('/manifest.webmanifest');
	expect(response.status === 200, `HTTP ${response.status}`);
	const manifest = await response.json();
	expect(manifest.start_url === '/' && Array.isArray(manifest.icons), 'manifest without start_url or icons');
	return manifest.name;
});

await check('service worker script', async () => {
	const response = await get('/service-worker.js');
	expect(response.status === 200, `HTTP ${response.status}`);
	expect(/javascript/.test(response.headers.get('content-type') ?? ''), 'not JavaScript');
});

await check('certificate keys (/.well-known/jwks.json)', async () => {
	const response = await get('/.well-known/jwks.json');
	expect(response.status === 200, `HTTP ${response.status}`);
	const { keys } = await response.json();
	expect(Array.isArray(keys) && keys.length > 0, 'no keys');
	for (const key of keys) {
		expect(key.kty === 'RSA' && !!key.kid, 'a key is not an RSA key with a kid');
		expect(!('d' in key) && !('p' in key), 'a PRIVATE key is published');
	}
	return `${keys.length} key(s)`;
});

await check('revocation list names the public origin', async () => {
	const response = await get('/api/certificates/status-list');
	expect(response.status === 200, `HTTP ${response.status}`);
	const payload = jwtPayload(await response.text());
	const vc = payload.vc ?? payload;
	const id = String(vc.id ?? payload.jti ?? '');
	const issuer = String(typeof vc.issuer === 'object' ? vc.issuer.id : (vc.issuer ?? payload.iss));
	expect(id.startsWith(`${expectedOrigin}/`), `list id ${id} is not under ${expectedOrigin}`);
	expect(issuer.startsWith(`${expectedOrigin}/`), `issuer ${issuer} is not under ${expectedOrigin}`);
});

await check('a bad verification code is refused', async () => {
	const unknown = await get('/api/certificates/0000000000000000');
	expect(unknown.status === 404, `unknown code: HTTP ${unknown.status}, expected 404`);
	const malformed = await get('/api/certificates/not-a-code');
	expect(malformed.status === 400, `malformed code: HTTP ${malformed.status}, expected 400`);
	const page = await get('/verify/0000-0000-0000-0000');
	expect(page.status === 200, `/verify/<code> page: HTTP ${page.status}`);
});

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
if (flag('--browser') && !chromium) {
	failures++;
	console.log('FAIL  browser checks — no Chromium at /usr/bin/chromium or CHROMIUM_PATH');
} else if (chromium && flag('--browser')) {
	const { chromium: launcher } = await import('playwright-core');
	const browser = await launcher.launch({
		executablePath: chromium,
		args: ['--headless', '--no-sandbox', '--disable-gpu'],
		headless: true
	});
	try {
		const context = await browser.newContext({
			viewport: { width: 360, height: 640 },
			serviceWorkers: 'allow'
		});
		await context.addInitScript(() => {
			localStorage.setItem('seekh.lang', 'ur');
			/** @type {string[]} */
			const seen = [];
			Object.defineProperty(window, '__cspViolations', { value: seen });
			document.addEventListener('securitypolicyviolation', (e) =>
				seen.push(`${e.violatedDirective} ${e.blockedURI || '(inline)'}`)
			);
		});
		const page = await context.newPage();
		/** @type {string[]} */
		const refused = [];
		page.on('console', (m) => {
			if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
		});
		for (const path of PAGES)
			await check(`browser: ${path} runs with no CSP violation`, async () => {
				await page.goto(new URL(path, base).href);
				await page.waitForFunction(() => !!document.querySelector('main#main h1'), undefined, {
					timeout: 30_000
				});
				await page.waitForLoadState('networkidle').catch(() => undefined);
				const violations = [
					...(await page.evaluate(() => /** @type {any} */ (window).__cspViolations)),
					...refused
				];
				refused.length = 0;
				expect(violations.length === 0, violations.join('; '));
			});
		await check('browser: the service worker installs and controls the page', async () => {
			await page.goto(base.href);
			await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 90_000 });
		});
	} finally {
		await browser.close();
	}
} else console.log('skip  browser checks (add --browser; needs Chromium)');

console.log(failures === 0 ? 'Smoke test passed.' : `Smoke test FAILED: ${failures} check(s).`);
process.exit(failures === 0 ? 0 : 1);
