// Lighthouse on hand-edited copies of one painted page, alternating (issue 17).
//
//   node scripts/lighthouse-variants.js PATH DIR [--runs=5] [--app] [--build-dir=build]
//
// What would the painted page cost without its inline scripts, with less text, without COOP?
// Such questions are answered on a copy of the page's HTML before changing the app. The build is
// served as `npm start` serves it, and in front of it a small server answers `PATH&v=NAME` with
// DIR/NAME.html, with production's headers (a NAME that starts `nocoop-` uses DIR/<rest>.html
// without Cross-Origin-Opener-Policy); everything else (fonts, the app's code) comes from the
// build. DIR/base.html is saved from the build's own answer when it is missing: copy it, edit the
// copy, run. The variants run in turn, `--runs` rounds, so each round sees the same machine load;
// the medians are printed at the end. Without `--app` the app's code is blocked (the painted page
// alone); with it the app starts too, at the page's real path. PATH has the language, e.g.
// `/courses/ai-awareness/what-is-ai?lang=ur`. This host's Lighthouse moves by 100 ms and more of
// TBT between runs of the same page: 5 rounds or more.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { serveBuild } from './serve-build.js';
import { lighthouseOnce } from './lighthouse-budget.js';
import { securityHeaders } from './security-headers.js';

const [path, dir] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!path?.includes('?') || !dir) {
	console.error(
		'usage: node scripts/lighthouse-variants.js PATH?lang=.. DIR [--runs=5] [--app] [--build-dir=build]'
	);
	process.exit(2);
}
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const runs = Number(arg('runs') ?? 5);
const withApp = process.argv.includes('--app');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const app = await serveBuild(arg('build-dir') ?? 'build');
const appPort = Number(new URL(app.base).port);
try {
	if (!existsSync(join(dir, 'base.html'))) {
		// A document request, so the server paints it (src/lib/server/first-paint/handle.ts).
		const page = await fetch(`http://127.0.0.1:${appPort}${path}`, {
			headers: { 'sec-fetch-dest': 'document' }
		});
		writeFileSync(join(dir, 'base.html'), await page.text());
		console.log(`saved ${join(dir, 'base.html')}`);
	}
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.html'))
		.map((f) => f.slice(0, -5));
	const variants = arg('variants')?.split(',') ?? ['base', ...files.filter((f) => f !== 'base')];

	const headers = securityHeaders(undefined);
	const proxyPort = await freePort();
	const proxy = createServer((req, res) => {
		const name = /[?&]v=([\w-]+)/.exec(req.url ?? '')?.[1];
		if (name) {
			const coop = !name.startsWith('nocoop-');
			for (const [key, value] of headers)
				if (coop || key !== 'Cross-Origin-Opener-Policy') res.setHeader(key, value);
			res.setHeader('content-type', 'text/html; charset=utf-8');
			res.setHeader('cache-control', 'no-store');
			res.end(readFileSync(join(dir, `${name.replace(/^nocoop-/, '')}.html`)));
			return;
		}
		const upstream = request(
			{ host: '127.0.0.1', port: appPort, path: req.url, method: req.method, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			}
		);
		req.pipe(upstream);
	});
	await new Promise((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));

	console.log(
		`${path}: ${variants.join(', ')}; ${runs} rounds, ${withApp ? 'with the app' : 'painted page alone'}`
	);
	/** @type {Record<string, { score: number, tbt: number, lcp: number, fcp: number }[]>} */
	const results = Object.fromEntries(variants.map((v) => [v, []]));
	for (let round = 1; round <= runs; round++)
		for (const variant of variants) {
			const { lhr } = await lighthouseOnce(
				`http://127.0.0.1:${proxyPort}${path}&v=${variant}`,
				chromiumPath,
				withApp ? {} : { blockedUrlPatterns: ['*/_app/*'] }
			);
			const value = (id) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
			const row = {
				score: Math.round((lhr.categories.performance.score ?? 0) * 100),
				tbt: value('total-blocking-time'),
				lcp: value('largest-contentful-paint'),
				fcp: value('first-contentful-paint')
			};
			results[variant].push(row);
			console.log(
				`  round ${round} ${variant.padEnd(20)} score ${row.score}, TBT ${row.tbt} ms, LCP ${row.lcp} ms, FCP ${row.fcp} ms, host ${Math.round(lhr.environment?.benchmarkIndex ?? NaN)}`
			);
		}
	console.log('\nmedians');
	for (const variant of variants) {
		const median = (key) => {
			const sorted = results[variant].map((r) => r[key]).sort((a, b) => a - b);
			return sorted[Math.floor(sorted.length / 2)];
		};
		console.log(
			`  ${variant.padEnd(20)} score ${median('score')}, TBT ${median('tbt')} ms, LCP ${median('lcp')} ms, FCP ${median('fcp')} ms`
		);
	}
	proxy.close();
} finally {
	app.stop();
}
