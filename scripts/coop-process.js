// Does Cross-Origin-Opener-Policy put a page in a new renderer process (issue 17)? Lighthouse
// loads each page into a tab already at about:blank: without COOP the page commits in that tab's
// running process, with COOP in a new, cold one, and its TBT rises by 100–450 ms
// (docs/performance.md, session 17). A link opened from another app opens a new tab instead.
//
//   node scripts/coop-process.js [--rounds=3]
//
// Serves one small page twice (with and without `Cross-Origin-Opener-Policy: same-origin`), opens
// it in Chromium both ways (an existing about:blank tab; a tab created at the URL), and prints how
// many renderer processes the browser-wide trace saw and how long V8's context creation took.
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 3);
const PAGE = '<!doctype html><html lang="en"><meta charset="utf-8"><title>t</title><h1>Hello</h1>';

/** @param {boolean} coop */
function serve(coop) {
	const server = createServer((_req, res) => {
		if (coop) res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
		res.setHeader('content-type', 'text/html');
		res.end(PAGE);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const servers = { coop: await serve(true), none: await serve(false) };
try {
	for (let round = 1; round <= rounds; round++)
		for (const [header, server] of Object.entries(servers))
			for (const mode of ['existing tab', 'new tab']) {
				const browser = await chromium.launch({
					executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
					args: ['--headless', '--no-sandbox', '--disable-gpu']
				});
				const context = await browser.newContext();
				const tab = await context.newPage();
				await tab.goto('about:blank');
				await browser.startTracing(undefined, {
					categories: ['devtools.timeline', 'loading', 'blink', 'v8', 'toplevel']
				});
				const url = `http://127.0.0.1:${server.address().port}/`;
				if (mode === 'existing tab') await tab.goto(url, { waitUntil: 'load' });
				else await (await browser.newBrowserCDPSession()).send('Target.createTarget', { url });
				await new Promise((r) => setTimeout(r, 1500));
				const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
				await browser.close();
				const renderers = new Set(
					events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => e.pid)
				);
				const contexts = events
					.filter((e) => e.name === 'LocalWindowProxy::CreateContext' && e.dur)
					.map((e) => (e.dur / 1000).toFixed(1));
				console.log(
					`round ${round}  ${header === 'coop' ? 'COOP   ' : 'no COOP'}  ${mode.padEnd(12)}  renderer processes ${renderers.size}  context creation ms ${contexts.join(', ')}`
				);
			}
} finally {
	for (const server of Object.values(servers)) server.close();
}
