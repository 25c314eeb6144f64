// What Lighthouse's own trace of a page holds (issue 17): its score and TBT, then every
// main-thread task whose duration ×4 is over 40 ms, with what ran in it, and every layout over
// 20 ms ×4 with how much of the page it laid out. Lighthouse's mobile run observes the page
// without throttling and multiplies by 4, so these are the tasks its TBT is simulated from.
//
//   node scripts/lighthouse-trace-tasks.js URL [--painted-only]
//
// `--painted-only` blocks the app's code (/_app/), as `npm run budget -- --painted-only` does:
// what is left is the server's painted page on its own.
//
// Serve a build first (`PORT=4310 node scripts/serve.js`). One run; compare builds by
// alternating runs at the same machine load.
import { lighthouseOnce } from './lighthouse-budget.js';

const url = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!url) {
	console.error('usage: node scripts/lighthouse-trace-tasks.js URL [--painted-only]');
	process.exit(2);
}
const { lhr, artifacts } = await lighthouseOnce(
	url,
	process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	process.argv.includes('--painted-only') ? { blockedUrlPatterns: ['*/_app/*'] } : {}
);

const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
console.log(
	`score ${Math.round(lhr.categories.performance.score * 100)}, TBT ${Math.round(audit('total-blocking-time'))} ms, CLS ${audit('cumulative-layout-shift').toFixed(3)}, LCP ${Math.round(audit('largest-contentful-paint'))} ms`
);

const events = artifacts.Trace.traceEvents;
const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame)?.ts;
// The page's main thread: the renderer thread with the most events.
const counts = new Map();
for (const e of events)
	if (e.name === 'thread_name' && e.args.name === 'CrRendererMain') counts.set(`${e.pid}:${e.tid}`, 0);
for (const e of events) {
	const key = `${e.pid}:${e.tid}`;
	if (counts.has(key)) counts.set(key, counts.get(key) + 1);
}
const main = [...counts].sort((a, b) => b[1] - a[1])[0][0];
const mine = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur);
const at = (e) => String(Math.round((e.ts - start) / 1000)).padStart(6);
const x4 = (us) => Math.round((us * 4) / 1000);
const KINDS = [
	'Layout',
	'UpdateLayoutTree',
	'ParseHTML',
	'EvaluateScript',
	'FunctionCall',
	'TimerFire',
	'RunMicrotasks',
	'Paint',
	'FireAnimationFrame',
	'v8.evaluateModule',
	'MinorGC',
	'MajorGC'
];

console.log('\ntasks over 40 ms ×4: start (observed ms), duration ×4, the first URL in it, what ran (ms ×4)');
for (const task of mine.filter((e) => e.name === 'RunTask' && x4(e.dur) > 40)) {
	const inside = mine.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
	const kinds = {};
	for (const e of inside) if (KINDS.includes(e.name)) kinds[e.name] = (kinds[e.name] ?? 0) + e.dur;
	const first = inside.find((e) => e.args?.data?.url)?.args.data.url.replace(/^https?:\/\/[^/]+/, '') ?? '';
	const what = Object.entries(kinds)
		.sort((a, b) => b[1] - a[1])
		.slice(0, 4)
		.map(([k, v]) => `${k} ${x4(v)}`)
		.join(', ');
	console.log(`${at(task)} ${String(x4(task.dur)).padStart(5)}  ${first.slice(0, 48).padEnd(48)} ${what}`);
}

console.log('\nlayouts over 20 ms ×4: start, duration ×4, objects laid out / all');
for (const e of mine.filter((e) => e.name === 'Layout' && x4(e.dur) > 20)) {
	const d = e.args?.beginData ?? {};
	console.log(`${at(e)} ${String(x4(e.dur)).padStart(5)}  ${d.dirtyObjects}/${d.totalObjects}`);
}
