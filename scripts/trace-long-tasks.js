// Long tasks on a page's main thread, named by the code that ran them (issue 17).
//
//   node scripts/trace-long-tasks.js URL [--build-dir=build] [--save=trace.json] [--cpu=4] [--wait=3000] [--top=6] [--net=slow4g] [--files=N [--in=PKG]] [--paths]
//
// Opens URL in a fresh phone-sized Chromium with the CPU slowed (4× by default, like
// Lighthouse's mobile run), records a performance trace until the network is idle and 3 s
// more (`--wait`: a lesson drawn in small steps finishes later), and prints every task over 50 ms: when it started, how long it took, what the browser
// did in it (layout, style, script, microtasks) and which code ran. With a build made by
// `SEEKH_SOURCEMAP=1 npm run build` (hidden source maps) the minified frames are named by
// source file, and each task's samples are grouped by the nearest frame in src/. The last line
// is the sum over tasks after the first contentful paint of (task − 50 ms): Lighthouse's total
// blocking time, before its simulation. A figure for comparing two builds at the same machine
// load (print `uptime` with it), not a pass mark.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const { SourceMapConsumer } = require('source-map-js');

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const url = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!url) {
	console.error(
		'usage: node scripts/trace-long-tasks.js URL [--build-dir=build] [--save=trace.json] [--cpu=4]'
	);
	process.exit(2);
}
const buildDir = arg('build-dir') ?? 'build';
const ms = (us) => Math.round(us / 1000);
// `--top=N`: how many lines of each list to print per task.
const TOP = Number(arg('top') ?? 6);

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
// Lighthouse's mobile screen (Moto G Power).
const context = await browser.newContext({
	viewport: { width: 412, height: 823 },
	deviceScaleFactor: 1.75,
	isMobile: true,
	hasTouch: true
});
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(arg('cpu') ?? 4) });
// `--net=slow4g`: Lighthouse's slow 4G as DevTools applies it (562.5 ms RTT, 1.47 Mbit/s down),
// so the app's code arrives after the first paint, as in Lighthouse's simulation, and its tasks
// are counted after FCP; on an unthrottled localhost they run before it and look free.
if (arg('net') === 'slow4g') {
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 562.5,
		downloadThroughput: (1474.56 * 1024) / 8,
		uploadThroughput: (675 * 1024) / 8
	});
}
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
await cdp.send('Tracing.start', {
	categories: [
		'devtools.timeline',
		'disabled-by-default-devtools.timeline',
		'v8.execute',
		'toplevel',
		'loading',
		'disabled-by-default-v8.cpu_profiler'
	].join(','),
	transferMode: 'ReportEvents'
});
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(Number(arg('wait') ?? 3000));
await cdp.send('Tracing.end');
await complete;
await browser.close();
const save = arg('save');
if (save) writeFileSync(save, JSON.stringify({ traceEvents: events }));

// The page's main thread: the CrRendererMain that ran the app's code. Not simply the busiest:
// headless Chromium sometimes has an internal chrome:// page busier than a short page load.
const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const count = (t) =>
	events.filter(
		(e) => e.pid === t.pid && e.tid === t.tid && JSON.stringify(e.args?.data ?? '').includes('/_app/')
	).length;
const thread = mains.sort((a, b) => count(b) - count(a))[0];
const main = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
const navigation = events.find(
	(e) => e.name === 'navigationStart' && /^http/.test(e.args?.data?.documentLoaderURL ?? '')
);
const request = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url === url);
const start = (navigation ?? request ?? main.find((e) => e.ts > 0)).ts;
const fcp = main.find((e) => e.name === 'firstContentfulPaint')?.ts ?? start;

// Top-level tasks (the outermost RunTask), over 50 ms.
const runs = main
	.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
	.sort((a, b) => a.ts - b.ts);
const tasks = [];
let until = 0;
for (const e of runs) {
	if (e.ts < until) continue;
	until = e.ts + e.dur;
	if (e.dur > 50_000) tasks.push(e);
}

// The CPU profile of the main thread: samples with their stacks.
const profile = events.find((e) => e.name === 'Profile' && e.pid === thread.pid && e.tid === thread.tid);
const nodes = new Map();
const samples = [];
let clock = profile?.args?.data?.startTime ?? 0;
// Profile ids are per process: another renderer's profile can share this one's id.
for (const chunk of events.filter(
	(e) => e.name === 'ProfileChunk' && e.id === profile?.id && e.pid === thread.pid
)) {
	const { cpuProfile = {}, timeDeltas = [] } = chunk.args.data;
	for (const n of cpuProfile.nodes ?? []) nodes.set(n.id, n);
	(cpuProfile.samples ?? []).forEach((id, i) => {
		clock += timeDeltas[i] ?? 0;
		samples.push({ ts: clock, id });
	});
}

const maps = new Map();
/** Where a minified frame comes from, through the build's hidden source maps. */
function original(frame) {
	if (!frame.url?.includes('/_app/')) return null;
	const path = new URL(frame.url).pathname;
	if (!maps.has(path)) {
		const file = `${buildDir}/client${path}.map`;
		maps.set(path, existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8'))) : null);
	}
	const at = maps.get(path)?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
	if (!at?.source) return null;
	const source = at.source.replace(/^(\.\.\/)+/, '');
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1] ?? null;
	// `--paths`: a package's frames by their file in it, not just the package's name.
	const file = pkg && !process.argv.includes('--paths') ? pkg : source.replace(/^.*node_modules\//, '');
	return { file, pkg, name: at.name, line: at.line };
}
function stack(id) {
	const out = [];
	for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) out.push(n);
	return out;
}
function nameOf(node) {
	const at = original(node.callFrame);
	const fn = node.callFrame.functionName || at?.name || '(anonymous)';
	if (at) return `${fn} ${at.file}:${at.line}`;
	return node.callFrame.url ? `${fn} ${node.callFrame.url.replace(/^https?:\/\/[^/]+/, '')}` : fn;
}
/** The innermost frame of a stack that is the app's own code (src/, not a package): `file:line`. */
function nearestOurs(frames) {
	const ours = frames.find((n) => {
		const at = original(n.callFrame);
		return at && !at.pkg && !at.file.includes('.svelte-kit');
	});
	return ours ? `${original(ours.callFrame).file}:${original(ours.callFrame).line}` : '(no frame in src/)';
}

function top(counts, n, total) {
	return Object.entries(counts)
		.sort((a, b) => b[1] - a[1])
		.slice(0, n)
		.map(([k, v]) => `     ${String(Math.round((100 * v) / total)).padStart(3)}% ${k}`)
		.join('\n');
}

const WORK =
	/^(Layout|UpdateLayoutTree|Paint|PrePaint|ParseHTML|EvaluateScript|v8\.evaluateModule|FunctionCall|TimerFire|RunMicrotasks|FireAnimationFrame|EventDispatch|MinorGC|MajorGC)$/;
console.log(`${url}\nFCP ${ms(fcp - start)} ms`);
let blocking = 0;
for (const task of tasks) {
	const end = task.ts + task.dur;
	if (task.ts > fcp) blocking += task.dur / 1000 - 50;
	console.log(
		`\ntask at ${ms(task.ts - start)} ms: ${ms(task.dur)} ms${task.ts > fcp ? '' : ' (before FCP)'}`
	);
	const work = {};
	for (const e of main)
		if (e.ph === 'X' && e.ts >= task.ts && e.ts < end && e !== task && WORK.test(e.name)) {
			const what = e.args?.data?.url ? ` ${String(e.args.data.url).replace(/^https?:\/\/[^/]+/, '')}` : '';
			work[e.name + what] = (work[e.name + what] ?? 0) + e.dur;
		}
	for (const [k, v] of Object.entries(work)
		.sort((a, b) => b[1] - a[1])
		.slice(0, TOP))
		if (v >= 1000) console.log(`   ${String(ms(v)).padStart(5)} ms ${k}`);
	const inTask = samples.filter((s) => s.ts >= task.ts && s.ts < end);
	if (!inTask.length) continue;
	const self = {};
	const owner = {};
	for (const s of inTask) {
		const frames = stack(s.id);
		const leaf = frames[0] ? nameOf(frames[0]) : '?';
		self[leaf] = (self[leaf] ?? 0) + 1;
		const key = nearestOurs(frames);
		owner[key] = (owner[key] ?? 0) + 1;
	}
	console.log(`   self time:\n${top(self, TOP, inTask.length)}`);
	console.log(`   nearest frame in src/:\n${top(owner, TOP, inTask.length)}`);
}
console.log(
	`\nafter FCP: ${tasks.filter((t) => t.ts > fcp).length} tasks over 50 ms, sum of (task − 50 ms) ${Math.round(blocking)} ms`
);

// `--files=N`: the main thread's time by file or package over the whole trace, from the CPU
// samples (each sample is the time to the next): what a change to one module bought, when the
// tasks themselves move too much from run to run to say.
if (arg('files')) {
	const byFile = {};
	for (let i = 0; i < samples.length - 1; i++) {
		const leaf = nodes.get(samples[i].id);
		if (!leaf) continue;
		const at = original(leaf.callFrame);
		const name =
			at?.file ??
			(leaf.callFrame.url
				? leaf.callFrame.url.replace(/^https?:\/\/[^/]+/, '')
				: leaf.callFrame.functionName || '(native)');
		byFile[name] = (byFile[name] ?? 0) + (samples[i + 1].ts - samples[i].ts);
	}
	console.log('\nself time by file (ms, whole trace):');
	for (const [name, us] of Object.entries(byFile)
		.sort((a, b) => b[1] - a[1])
		.slice(0, Number(arg('files'))))
		console.log(`${String(ms(us)).padStart(7)} ${name}`);
}

// `--in=PKG` (with `--files`): inside one file or package (e.g. `--in=dexie`), its functions'
// self time and the code in src/ that called them: what to change when a library is the cost.
if (arg('files') && arg('in')) {
	const fns = {};
	const callers = {};
	for (let i = 0; i < samples.length - 1; i++) {
		const frames = stack(samples[i].id);
		const leaf = frames[0];
		if (!leaf) continue;
		const at = original(leaf.callFrame);
		if ((at?.file ?? leaf.callFrame.url) !== arg('in') && at?.pkg !== arg('in')) continue;
		const us = samples[i + 1].ts - samples[i].ts;
		fns[nameOf(leaf)] = (fns[nameOf(leaf)] ?? 0) + us;
		const key = nearestOurs(frames);
		callers[key] = (callers[key] ?? 0) + us;
	}
	for (const [title, counts] of [
		[`${arg('in')}: self time by function (ms)`, fns],
		[`${arg('in')}: by the nearest frame in src/ (ms)`, callers]
	]) {
		console.log(`\n${title}`);
		for (const [name, us] of Object.entries(counts)
			.sort((a, b) => b[1] - a[1])
			.slice(0, Number(arg('files'))))
			console.log(`${String(ms(us)).padStart(7)} ${name}`);
	}
}
