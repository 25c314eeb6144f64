// Summarises a Chromium performance trace of the cohort page (BENCH_TRACE=<file> with
// `npm run bench:cohort -- --phone`): where the main thread's time went between navigation and
// the roster on screen — the long tasks in order, each script's own CPU time (V8's samples)
// and each function that cost more than a few milliseconds. Usage:
//   node scripts/bench-cohort-trace.js <trace.json> [until-ms]
// Times are ms from the cohort page's navigation start, as the phone felt them (4× CPU).
import { readFileSync } from 'node:fs';

const [file, untilArg] = process.argv.slice(2);
if (!file) {
	console.error('usage: node scripts/bench-cohort-trace.js <trace.json> [until-ms]');
	process.exit(2);
}
const raw = JSON.parse(readFileSync(file, 'utf8'));
const events = /** @type {any[]} */ (Array.isArray(raw) ? raw : raw.traceEvents);

// The renderer's main thread that navigated to the cohort page.
const nav = events.find(
	(e) =>
		e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').includes('/staff/cohorts')
);
if (!nav) throw new Error('no navigationStart for /staff/cohorts in the trace');
const { pid, tid } = nav;
const t0 = nav.ts;
const until = Number(untilArg ?? Infinity);
const ms = (/** @type {number} */ ts) => (ts - t0) / 1000;
const short = (/** @type {string} */ url) => (url ? (url.split('/').pop() ?? url).split('?')[0] : '(no url)');

const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= t0);
const tasks = main.filter((e) => e.name === 'RunTask' && ms(e.ts) < until);
console.log(`Main-thread tasks of 4 ms or more from navigation to ${untilArg ?? 'the end'} ms:`);
for (const task of tasks.filter((e) => e.dur >= 4000)) {
	// What the task did: its slices by name (and script URL), largest first.
	const inside = main.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task);
	const what = new Map();
	for (const e of inside) {
		const url = e.args?.data?.url ?? e.args?.data?.scriptName ?? '';
		if (
			![
				'EvaluateScript',
				'FunctionCall',
				'v8.compileModule',
				'v8.evaluateModule',
				'Layout',
				'UpdateLayoutTree',
				'Paint',
				'ParseHTML',
				'TimerFire',
				'FireAnimationFrame',
				'EventDispatch',
				'v8.compile',
				'ResourceReceivedData',
				'MajorGC',
				'MinorGC',
				'V8.GC_SCAVENGER',
				'BlinkGC.AtomicPhase',
				'PrePaint',
				'Commit'
			].includes(e.name)
		)
			continue;
		const key = `${e.name}${url ? ' ' + short(url) : ''}${e.args?.data?.functionName ? ':' + e.args.data.functionName : ''}`;
		what.set(key, (what.get(key) ?? 0) + e.dur / 1000);
	}
	const top = [...what.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 4)
		.map(([k, v]) => `${k} ${v.toFixed(0)}`)
		.join('; ');
	console.log(
		`  ${ms(task.ts).toFixed(0).padStart(6)} +${(task.dur / 1000).toFixed(0).padStart(4)} ms  ${top}`
	);
}
const busy = tasks.reduce((n, e) => n + e.dur / 1000, 0);
console.log(`  main thread busy ${busy.toFixed(0)} ms in ${tasks.length} tasks`);

// V8's samples: self time per script and per function.
const nodes = new Map();
const selfByUrl = new Map();
const selfByFn = new Map();
/** Each profile's clock: chunks carry time deltas from the previous sample. */
const clocks = new Map();
for (const e of events.filter((x) => x.pid === pid && (x.name === 'Profile' || x.name === 'ProfileChunk'))) {
	const profile = e.args?.data?.cpuProfile;
	let ts = e.name === 'Profile' ? e.args?.data?.startTime : undefined;
	for (const n of profile?.nodes ?? []) nodes.set(n.id, n);
	if (ts !== undefined) clocks.set(e.id, ts);
	if (!profile?.samples) continue;
	const deltas = e.args.data.timeDeltas ?? [];
	// Chunks continue the clock of the profile they belong to.
	let clock = clocks.get(e.id) ?? 0;
	for (let i = 0; i < profile.samples.length; i++) {
		const delta = deltas[i] ?? 0;
		clock += delta;
		const at = ms(clock);
		if (at < 0 || at > until) continue;
		const node = nodes.get(profile.samples[i]);
		if (!node) continue;
		const frame = node.callFrame;
		const url = frame.url ? short(frame.url) : `(${frame.functionName || 'program'})`;
		const step = Math.min(delta, 10_000) / 1000;
		selfByUrl.set(url, (selfByUrl.get(url) ?? 0) + step);
		const fn = `${url}:${frame.functionName || '(anonymous)'}`;
		selfByFn.set(fn, (selfByFn.get(fn) ?? 0) + step);
	}
	clocks.set(e.id, clock);
}
const table = (/** @type {Map<string, number>} */ m, n, min) =>
	[...m.entries()]
		.sort((a, b) => b[1] - a[1])
		.filter(([, v]) => v >= min)
		.slice(0, n)
		.map(([k, v]) => `  ${v.toFixed(0).padStart(6)} ms  ${k}`)
		.join('\n');
console.log(`\nCPU self time by script (V8 samples):\n${table(selfByUrl, 25, 2)}`);
console.log(`\nCPU self time by function (3 ms or more):\n${table(selfByFn, 40, 3)}`);
