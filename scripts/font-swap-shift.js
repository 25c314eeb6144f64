// What the Nastaliq swap moves, on a slow link where the font arrives after the text is drawn
// (issue 17): node scripts/font-swap-shift.js [--build-dir=build] [--screenshots=DIR].
// Serves a production build, opens the Urdu pages at 360×640 with Nastaliq held back (see
// scripts/fonts/swap-probe.js), and prints per page the layout shift of the swap, how much the
// text blocks' heights and tops changed, and the LCP candidates the page reported.
// Needs a build (`npm run build`); a copy of main's build in another directory compares the two.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freePort } from './free-port.js';
import { blockChanges, probeSwap } from './fonts/swap-probe.js';

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? null;
const buildDir = arg('build-dir') ?? 'build';
const shotsDir = arg('screenshots');
const width = Number(arg('width') ?? 360);
const only = arg('pages')?.split(',') ?? null;
if (shotsDir) mkdirSync(shotsDir, { recursive: true });
const PORT = await freePort();
const server = spawn(process.execPath, [buildDir], {
	env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' },
	stdio: 'ignore'
});
const base = `http://127.0.0.1:${PORT}`;
for (let i = 0; ; i++) {
	try {
		if ((await fetch(base)).ok) break;
	} catch {
		if (i > 200) throw new Error('server did not start');
		await new Promise((r) => setTimeout(r, 100));
	}
}
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
});

const pages = [
	['home', '/?lang=ur'],
	['catalogue', '/courses?lang=ur'],
	['course', '/courses/ai-awareness?lang=ur'],
	['lesson', '/courses/ai-awareness/what-is-ai?lang=ur']
];
// When the font arrives: on the painted page alone (the app's code held back: what a slow phone
// shows for seconds), before the app takes over, or after it has taken over.
const modes = ['painted', 'handover', 'app'];
console.log(
	`build ${buildDir}, ${width} px, fallback from local fonts, load ${(await import('node:os'))
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}`
);
for (const [name, path] of pages.filter(([n]) => !only || only.includes(n)))
	for (const ready of modes) {
		const context = await browser.newContext({ baseURL: base, viewport: { width, height: 640 } });
		const r = await probeSwap(context, path, {
			ready: /** @type {'painted' | 'handover' | 'app'} */ (ready),
			screenshots: shotsDir ? `${shotsDir}/${name}-ur-${ready}` : null
		});
		await context.close();
		const face = (n) => (n ? 'Nastaliq' : 'fallback');
		const changes = blockChanges(r.before, r.after);
		const moved = changes.filter((c) => Math.abs(c.height) >= 1 || Math.abs(c.top) >= 1);
		const maxHeight = Math.max(0, ...changes.map((c) => Math.abs(c.height)));
		console.log(
			`\n${name}-ur ${ready}: swap CLS ${r.swapCls.toFixed(4)}, page ${r.before.pageHeight} → ${r.after.pageHeight} px, ` +
				(ready === 'handover'
					? 'painted page → app'
					: `${moved.length} of ${changes.length} blocks moved (largest height change ${maxHeight} px)`) +
				`, drawn in ${face(r.inNastaliq.before)} → ${face(r.inNastaliq.after)}` +
				(r.fontWasHeld ? '' : ' [font was not held: nothing measured]')
		);
		if (ready !== 'handover')
			for (const c of moved.slice(0, 8))
				console.log(`  ${c.block.padEnd(40)} height ${c.height} top ${c.top}`);
		for (const s of r.swapShifts)
			console.log(
				`  shift ${s.value.toFixed(4)}: ${s.sources.map((x) => `${x.node} ${x.from}→${x.to}`).join('; ')}`
			);
		for (const l of r.lcp) console.log(`  LCP ${Math.round(l.at)} ms ${l.size} px² ${l.node}`);
	}
await browser.close();
server.kill();
