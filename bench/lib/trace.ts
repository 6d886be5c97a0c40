/**
 * The trace loop of the on-demand profiles (`bench/profile-interview.ts`,
 * `bench/profile-results.ts`): a Chromium trace (devtools timeline + the V8 sampling profiler)
 * recorded through a page's CDP session, markers the profile drops into it
 * (`console.timeStamp('prof:…')`), the names of its threads, the V8 samples per thread, and the
 * kind of work each trace event stands for.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface TraceEvent {
	name: string;
	cat: string;
	ph: string;
	ts: number;
	dur?: number;
	/** Thread (CPU) time of a complete event: not stretched by other processes' load. */
	tdur?: number;
	pid: number;
	tid: number;
	args?: Record<string, unknown>;
	id?: string;
}

export const TRACE_CATEGORIES = [
	'toplevel',
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'disabled-by-default-devtools.timeline.frame',
	'v8.execute',
	'v8',
	'blink.user_timing',
	'disabled-by-default-v8.cpu_profiler',
	'disabled-by-default-v8.gc'
];

/** Starts tracing; the returned function stops it and resolves with every event. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
	const events: TraceEvent[] = [];
	cdp.on('Tracing.dataCollected', (d) => {
		events.push(...(d.value as unknown as TraceEvent[]));
	});
	await cdp.send('Tracing.start', {
		transferMode: 'ReportEvents',
		traceConfig: { includedCategories: TRACE_CATEGORIES }
	});
	return async () => {
		const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
		await cdp.send('Tracing.end');
		await done;
		return events;
	};
}

/** A marker in the trace (`prof:` + label), on the page's main thread. */
export async function mark(page: Page, label: string): Promise<void> {
	await page.evaluate((l) => console.timeStamp(l), `prof:${label}`);
}

export interface Marker {
	label: string;
	ts: number;
	pid: number;
	tid: number;
}

/** The markers dropped by `mark`, in time order, without their `prof:` prefix. */
export function markers(events: readonly TraceEvent[]): Marker[] {
	return events
		.filter((e) => e.name === 'TimeStamp')
		.map((e) => ({
			msg: String((e.args?.data as { message?: string } | undefined)?.message ?? ''),
			ts: e.ts,
			pid: e.pid,
			tid: e.tid
		}))
		.filter((m) => m.msg.startsWith('prof:'))
		.map(({ msg, ...m }) => ({ label: msg.slice(5), ...m }))
		.sort((a, b) => a.ts - b.ts);
}

/** The window between the markers `<label>:start` and `<label>:end` (null when one is missing). */
export function windowOf(
	ms: readonly Marker[],
	label: string
): { from: number; to: number; pid: number; tid: number } | null {
	const s = ms.find((m) => m.label === `${label}:start`);
	const e = ms.find((m) => m.label === `${label}:end`);
	return s && e ? { from: s.ts, to: e.ts, pid: s.pid, tid: s.tid } : null;
}

/** Thread names by `pid:tid` (CrRendererMain, DedicatedWorker thread, …). */
export function threadNames(events: readonly TraceEvent[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const e of events)
		if (e.ph === 'M' && e.name === 'thread_name')
			names.set(`${e.pid}:${e.tid}`, String((e.args as { name?: string } | undefined)?.name ?? ''));
	return names;
}

export interface Sample {
	ts: number;
	/** The sampled function (self): `name file:line`. */
	fn: string;
	/** It and its callers, innermost first, each once. */
	stack: string[];
}

/**
 * The V8 sampling profiler's samples by thread (`pid:tid`), in time order. Each profile (one per
 * thread: the page and each worker) numbers its call-tree nodes on its own, so nodes are kept per
 * profile; sample times accumulate the profile's deltas from its start.
 */
export function cpuSamples(events: readonly TraceEvent[]): Map<string, Sample[]> {
	interface Node {
		fn: string;
		parent?: number;
	}
	const nodes = new Map<string, Map<number, Node>>();
	const clock = new Map<string, number>();
	const thread = new Map<string, string>();
	const raw = new Map<string, { ts: number; profile: string; node: number }[]>();
	const chunks = events
		.filter((e) => e.name === 'Profile' || e.name === 'ProfileChunk')
		.sort((a, b) => a.ts - b.ts);
	for (const c of chunks) {
		const profile = `${c.pid}:${c.id ?? ''}`;
		const data = (c.args?.data ?? {}) as {
			startTime?: number;
			cpuProfile?: {
				nodes?: {
					id: number;
					parent?: number;
					callFrame: { functionName: string; url?: string; lineNumber?: number };
				}[];
				samples?: number[];
			};
			timeDeltas?: number[];
		};
		if (c.name === 'Profile') {
			clock.set(profile, data.startTime ?? c.ts);
			thread.set(profile, `${c.pid}:${c.tid}`);
			continue;
		}
		const own = nodes.get(profile) ?? new Map<number, Node>();
		nodes.set(profile, own);
		for (const n of data.cpuProfile?.nodes ?? [])
			own.set(n.id, {
				fn: `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').split('/').pop() ?? ''}:${(n.callFrame.lineNumber ?? 0) + 1}`,
				parent: n.parent
			});
		const th = thread.get(profile) ?? `${c.pid}:${c.tid}`;
		const list = raw.get(th) ?? [];
		raw.set(th, list);
		let t = clock.get(profile) ?? c.ts;
		const ids = data.cpuProfile?.samples ?? [];
		const deltas = data.timeDeltas ?? [];
		for (let i = 0; i < ids.length; i++) {
			t += deltas[i] ?? 0;
			list.push({ ts: t, profile, node: ids[i]! });
		}
		clock.set(profile, t);
	}
	const out = new Map<string, Sample[]>();
	for (const [th, list] of raw) {
		const samples = list
			.map(({ ts, profile, node }) => {
				const own = nodes.get(profile);
				const stack: string[] = [];
				let id: number | undefined = node;
				while (id !== undefined) {
					const n: Node | undefined = own?.get(id);
					if (!n) break;
					if (!stack.includes(n.fn)) stack.push(n.fn);
					id = n.parent;
				}
				return { ts, fn: stack[0] ?? '?', stack };
			})
			.sort((a, b) => a.ts - b.ts);
		out.set(th, samples);
	}
	return out;
}

/**
 * Time per function within [from, to) (µs, each sample lasting until the next, at most 5 ms):
 * `self` by the sampled function, `inclusive` by every function on its stack. Idle and
 * "(program)" samples are left out.
 */
export function timeByFunction(
	samples: readonly Sample[],
	windows: readonly { from: number; to: number }[]
): { self: Map<string, number>; inclusive: Map<string, number> } {
	const self = new Map<string, number>();
	const inclusive = new Map<string, number>();
	for (let i = 0; i < samples.length - 1; i++) {
		const s = samples[i]!;
		if (!windows.some((w) => s.ts >= w.from && s.ts < w.to)) continue;
		if (/^\((idle|program)\)/.test(s.fn)) continue;
		const dt = Math.min(samples[i + 1]!.ts - s.ts, 5000);
		self.set(s.fn, (self.get(s.fn) ?? 0) + dt);
		for (const f of s.stack) inclusive.set(f, (inclusive.get(f) ?? 0) + dt);
	}
	return { self, inclusive };
}

/** The `n` largest entries, as `{ fn, ms }` (µs to ms, two decimals). */
export function top(m: ReadonlyMap<string, number>, n: number): { fn: string; ms: number }[] {
	return [...m.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, n)
		.map(([fn, us]) => ({ fn, ms: Math.round(us / 10) / 100 }));
}

const KIND: [RegExp, string][] = [
	[
		/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|InvalidateLayout|ScheduleStyleRecalculation)$/,
		'style'
	],
	[
		/^(Layout|UpdateLayout|IntersectionObserverController::computeIntersections|HitTest)$/,
		'layout'
	],
	[
		/^(PrePaint|Paint|PaintImage|RasterTask|CompositeLayers|Layerize|UpdateLayer|UpdateLayerTree|Commit|PaintSetup|Decode.*|ScrollLayer|LocalFrameView::RunPostLifecycleSteps)$/,
		'paint+composite'
	],
	[/GC|Scavenge/, 'gc'],
	[
		/^(v8\.compile|CompileScript|CompileCode|v8\.compileModule|V8\.CompileCode|v8\.produceCache)$/,
		'compile'
	],
	[
		/^(FunctionCall|EvaluateScript|v8\.run|v8\.callFunction|V8\.Execute|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|v8\.evaluateModule|FireIdleCallback|V8\.RunMicrotasks|XHRReadyStateChange)$/,
		'script'
	],
	[/^(ParseHTML)$/, 'parse-html'],
	[/Deserialize|StructuredClone|PostMessage|HandleMessage/i, 'message']
];

/** The kind of work a trace event stands for ('other' when none applies). */
export function kindOf(name: string): string {
	for (const [re, k] of KIND) if (re.test(name)) return k;
	return 'other';
}

/** A numeric command-line option (`--name 12`), or the fallback. */
export function numberArg(argv: readonly string[], name: string, fallback: number): number {
	const i = argv.indexOf(name);
	if (i < 0) return fallback;
	const v = Number(argv[i + 1]);
	if (!Number.isFinite(v))
		throw new Error(`${name} needs a number, not ${argv[i + 1] ?? 'nothing'}`);
	return v;
}

/** A text command-line option (`--json out.json`), or null. */
export function textArg(argv: readonly string[], name: string): string | null {
	const i = argv.indexOf(name);
	return i >= 0 ? (argv[i + 1] ?? null) : null;
}
