/**
 * On demand (not part of `npm run bench`): where the time goes while the results page of the full
 * assessment loads, CPU throttled 4× as in the bench's results figure.
 *
 *   npm run bench -- --only results --port 4453   # builds the snapshot the profile serves
 *   npx tsx bench/profile-results.ts --port 4454 [--loads 4] [--json out.json]
 *
 * It loads `/results?id=…` as the figure does (the same fixtures, the same instrumentation: from
 * navigation start until the "Open all sections" button of the computed report is shown, plus one
 * task), records a Chromium trace (devtools timeline + V8 sampling profiler) and prints, per load
 * after the first, a timeline of the tasks of the page's main thread and of its workers (start
 * relative to the navigation, duration, the functions with the most self time in each), and the
 * main thread's time by kind over the window. Function names are the build's: a build without
 * minification (`npx vite build --minify false`, copied into the snapshot) names them.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import { loadBankFromDisk } from '../scripts/lib/bank-node';
import type { Assessment } from '../src/lib/domain/types';
import { BrowserBench, CPU_SLOWDOWN } from './browser-figures';
import { fullAssessment } from './fixtures';
import { serve } from './lib/site';

const FULL_ID = '0b3e5c1a-9f7d-4c2e-8a61-5d4f3b2a1c09';
const READY = 'nav.toc button';

interface TraceEvent {
	name: string;
	cat: string;
	ph: string;
	ts: number;
	dur?: number;
	tdur?: number;
	pid: number;
	tid: number;
	args?: Record<string, unknown>;
}

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(name);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const KIND: [RegExp, string][] = [
	[/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet)$/, 'style'],
	[/^(Layout|UpdateLayout|HitTest)$/, 'layout'],
	[/^(PrePaint|Paint|RasterTask|Layerize|UpdateLayer|UpdateLayerTree|Commit|PaintSetup)$/, 'paint'],
	[/GC|Scavenge/, 'gc'],
	[/^(v8\.compile|CompileScript|CompileCode|v8\.compileModule|V8\.CompileCode)$/, 'compile'],
	[
		/^(FunctionCall|EvaluateScript|v8\.run|v8\.callFunction|V8\.Execute|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|v8\.evaluateModule|FireIdleCallback|V8\.RunMicrotasks)$/,
		'script'
	],
	[/^(ParseHTML)$/, 'parse-html'],
	[/Deserialize|StructuredClone|PostMessage|HandleMessage/i, 'message']
];

function kindOf(name: string): string {
	for (const [re, k] of KIND) if (re.test(name)) return k;
	return 'other';
}

async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
	const events: TraceEvent[] = [];
	cdp.on('Tracing.dataCollected', (d: { value: TraceEvent[] }) => events.push(...d.value));
	await cdp.send('Tracing.start', {
		transferMode: 'ReportEvents',
		traceConfig: {
			includedCategories: [
				'toplevel',
				'devtools.timeline',
				'disabled-by-default-devtools.timeline',
				'v8.execute',
				'v8',
				'blink.user_timing',
				'disabled-by-default-v8.cpu_profiler',
				'disabled-by-default-v8.gc'
			]
		}
	} as never);
	return async () => {
		const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
		await cdp.send('Tracing.end');
		await done;
		return events;
	};
}

async function mark(page: Page, label: string) {
	await page.evaluate((l) => console.timeStamp(l), label);
}

/** V8 samples per thread: timestamp and the sampled function (self). */
function samplesOf(events: TraceEvent[]) {
	const nodes = new Map<string, { name: string; url: string; line: number }>();
	const byThread = new Map<string, { ts: number; fn: string }[]>();
	const starts = new Map<string, number>();
	const chunks = events
		.filter((e) => e.name === 'Profile' || e.name === 'ProfileChunk')
		.sort((a, b) => a.ts - b.ts);
	const id = (e: TraceEvent) => `${e.pid}:${(e as unknown as { id?: string }).id ?? ''}`;
	const thread = new Map<string, string>();
	for (const c of chunks) {
		const data = (c.args?.data ?? {}) as {
			startTime?: number;
			cpuProfile?: {
				nodes?: {
					id: number;
					callFrame: { functionName: string; url?: string; lineNumber?: number };
				}[];
				samples?: number[];
			};
			timeDeltas?: number[];
		};
		const key = id(c);
		if (c.name === 'Profile') {
			starts.set(key, data.startTime ?? c.ts);
			thread.set(key, `${c.pid}:${c.tid}`);
			continue;
		}
		const th = thread.get(key) ?? `${c.pid}:${c.tid}`;
		for (const n of data.cpuProfile?.nodes ?? [])
			nodes.set(`${key}:${n.id}`, {
				name: n.callFrame.functionName || '(anonymous)',
				url: (n.callFrame.url ?? '').split('/').pop() ?? '',
				line: (n.callFrame.lineNumber ?? 0) + 1
			});
		let t = starts.get(key) ?? 0;
		const ids = data.cpuProfile?.samples ?? [];
		const deltas = data.timeDeltas ?? [];
		const list = byThread.get(th) ?? [];
		for (let i = 0; i < ids.length; i++) {
			t += deltas[i] ?? 0;
			const n = nodes.get(`${key}:${ids[i]}`);
			list.push({ ts: t, fn: n ? `${n.name} ${n.url}:${n.line}` : '?' });
		}
		starts.set(key, t);
		byThread.set(th, list);
	}
	for (const l of byThread.values()) l.sort((a, b) => a.ts - b.ts);
	return byThread;
}

function topFns(samples: { ts: number; fn: string }[], from: number, to: number, n = 3): string {
	const m = new Map<string, number>();
	for (let i = 0; i < samples.length - 1; i++) {
		const s = samples[i]!;
		if (s.ts < from || s.ts >= to) continue;
		if (s.fn.startsWith('(idle)') || s.fn.startsWith('(program)')) continue;
		const dt = Math.min(samples[i + 1]!.ts - s.ts, 5000);
		m.set(s.fn, (m.get(s.fn) ?? 0) + dt);
	}
	return [...m.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, n)
		.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
		.join(' | ');
}

async function main() {
	const port = arg('--port', 4454);
	const loads = arg('--loads', 4);
	const jsonOut = process.argv.includes('--json')
		? process.argv[process.argv.indexOf('--json') + 1]
		: null;
	const bank = loadBankFromDisk('questions');
	const full: Assessment = fullAssessment(bank, {
		id: FULL_ID,
		organisation: 'Halcyon Health Analytics GmbH'
	});
	const server = await serve(port);
	const bench = new BrowserBench({
		url: server.url,
		bank,
		full,
		others: [],
		many: [],
		log: console.log
	});
	const out: unknown[] = [];
	try {
		await bench.start();
		const ctx = await bench.context();
		await bench.seed(ctx, [full]);
		const page = await ctx.newPage();
		const cdp = await ctx.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
		await page.goto(`${server.url}/`);
		const stop = await startTrace(cdp);
		const timed: number[] = [];
		const whole: number[] = [];
		for (let i = 0; i < loads; i++) {
			await bench.arm(page, 'navigation', { kind: 'interactive', sel: READY });
			await mark(page, `prof:r${i}:start`);
			await page.goto(`${server.url}/results?id=${full.id}`);
			timed.push(await bench.result(page, 20_000));
			await mark(page, `prof:r${i}:end`);
			// When the whole dashboard is drawn (its last part, the disclaimer), from navigation start.
			whole.push(
				// A string: the tsx build would wrap named functions in a helper the page lacks.
				await page.evaluate<number>(`new Promise((done) => {
					const seen = () => !!document.querySelector('footer.disclaimer');
					if (seen()) return done(performance.now());
					new MutationObserver((_, o) => {
						if (!seen()) return;
						o.disconnect();
						done(performance.now());
					}).observe(document, { subtree: true, childList: true });
				})`)
			);
		}
		const events = await stop();
		const names = new Map<string, string>();
		for (const e of events)
			if (e.ph === 'M' && e.name === 'thread_name')
				names.set(`${e.pid}:${e.tid}`, String((e.args as { name?: string })?.name ?? ''));
		const marks = events
			.filter((e) => e.name === 'TimeStamp')
			.map((e) => ({
				msg: String((e.args?.data as { message?: string })?.message ?? ''),
				ts: e.ts
			}));
		const navs = events
			.filter((e) => e.name === 'navigationStart' || e.name === 'NavigationStart')
			.map((e) => e.ts)
			.sort((a, b) => a - b);
		const samples = samplesOf(events);
		console.log(`loads timed by the instrument: ${timed.map((t) => t.toFixed(0)).join(', ')} ms`);
		console.log(
			`whole dashboard drawn (at most, from navigation start): ${whole.map((t) => t.toFixed(0)).join(', ')} ms`
		);
		// The first load computes the report in the worker (an empty cache); the later ones may not.
		for (let i = process.argv.includes('--first') ? 0 : 1; i < loads; i++) {
			const s = marks.find((m) => m.msg === `prof:r${i}:start`)?.ts;
			const e = marks.find((m) => m.msg === `prof:r${i}:end`)?.ts;
			if (s === undefined || e === undefined) continue;
			const nav = navs.find((t) => t >= s) ?? s;
			const end = nav + timed[i]! * 1000;
			console.log(`\n== load ${i}: ${timed[i]!.toFixed(0)} ms (navigation → ready) ==`);
			const tasks = events
				.filter(
					(x) =>
						x.ph === 'X' &&
						x.name === 'ThreadControllerImpl::RunTask' &&
						x.ts + (x.dur ?? 0) > nav &&
						x.ts < end &&
						(x.dur ?? 0) >= 4000
				)
				.sort((a, b) => a.ts - b.ts);
			const rows: unknown[] = [];
			const kinds: Record<string, number> = {};
			for (const t of tasks) {
				const th = `${t.pid}:${t.tid}`;
				const tn = names.get(th) ?? th;
				if (!/CrRendererMain|DedicatedWorker/.test(tn)) continue;
				const fns = topFns(samples.get(th) ?? [], t.ts, t.ts + t.dur!, t.dur! >= 100_000 ? 14 : 3);
				console.log(
					`  ${((t.ts - nav) / 1000).toFixed(0).padStart(5)} ms  ${(t.dur! / 1000).toFixed(1).padStart(6)} ms  ${tn.startsWith('Cr') ? 'main  ' : 'worker'}  ${fns}`
				);
				if (t.dur! >= 60_000) {
					// The trace events inside a long task, by name (inclusive, ≥ 2 ms).
					const inside = new Map<string, number>();
					for (const x of events) {
						if (x.ph !== 'X' || x.pid !== t.pid || x.tid !== t.tid || x === t || !x.dur) continue;
						if (x.ts < t.ts || x.ts + x.dur > t.ts + t.dur!) continue;
						inside.set(x.name, (inside.get(x.name) ?? 0) + x.dur / 1000);
					}
					console.log(
						'           events: ' +
							[...inside.entries()]
								.filter(([, v]) => v >= 2)
								.sort((a, b) => b[1] - a[1])
								.slice(0, 12)
								.map(([k, v]) => `${k} ${v.toFixed(1)}`)
								.join(', ')
					);
				}
				rows.push({ at: (t.ts - nav) / 1000, dur: t.dur! / 1000, thread: tn, fns });
			}
			// Main thread by kind (self time, top-level children of tasks), within the window.
			const mainTh = [...names.entries()].find(([, n]) => n === 'CrRendererMain')?.[0];
			for (const x of events) {
				if (x.ph !== 'X' || `${x.pid}:${x.tid}` !== mainTh || !x.dur) continue;
				if (x.ts < nav || x.ts > end) continue;
				const k = kindOf(x.name);
				if (k === 'other') continue;
				kinds[k] = (kinds[k] ?? 0) + x.dur / 1000;
			}
			// CPU time of the main thread's tasks in the window (thread time: less stretched by the
			// machine's load than wall time).
			let cpu = 0;
			for (const x of events)
				if (
					x.ph === 'X' &&
					x.name === 'ThreadControllerImpl::RunTask' &&
					`${x.pid}:${x.tid}` === mainTh &&
					x.ts >= nav &&
					x.ts < end &&
					x.tdur
				)
					cpu += x.tdur / 1000;
			console.log(`  main-thread CPU time in tasks: ${cpu.toFixed(0)} ms`);
			console.log(
				'  main thread (inclusive, overlapping kinds): ' +
					Object.entries(kinds)
						.map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
						.join(', ')
			);
			out.push({ load: i, ms: timed[i], rows, kinds, cpu });
		}
		await ctx.close();
	} finally {
		await bench.stop();
		await server.stop();
	}
	if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, null, 1));
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
