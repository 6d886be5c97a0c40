/**
 * On demand (not part of `npm run bench`): where the main thread's time goes while answering
 * questions and opening the full assessment, CPU throttled 4× as in the bench.
 *
 *   npm run bench -- --only answer --port 4443     # builds the snapshot the profile serves
 *   npx tsx bench/profile-interview.ts --port 4444 [--answers 30] [--open 5] [--json out.json] [--exact] [--top 200]
 *
 * It drives the page as the bench's answer and open figures do (the same instrumentation, the
 * same fixtures), records a Chromium trace (devtools timeline + V8 sampling profiler) and splits
 * each timed window into main-thread work by kind (script, style, layout, paint and compositing,
 * GC, other) and the time the main thread was idle (waiting for IndexedDB, a frame or a timer),
 * then lists the script functions with the most self time. Function names are the build's: a
 * build without minification (`npx vite build --minify false`, copied into the snapshot) names
 * them.
 *
 * An answer's window runs from the marker before the key press until Playwright has the result
 * back, so it also holds the idle work that follows "Saved". `--exact` cuts it to what the bench
 * times instead: from the `keydown` event's dispatch for the instrument's own time (key press →
 * "Saved" painted, plus one task).
 */
import { writeFileSync } from 'node:fs';
import { loadBankFromDisk } from '../scripts/lib/bank-node';
import type { Assessment } from '../src/lib/domain/types';
import { BrowserBench, CPU_SLOWDOWN } from './browser-figures';
import { fullAssessment, manyAssessments } from './fixtures';
import { serve } from './lib/site';
import {
	cpuSamples,
	kindOf,
	mark,
	markers,
	numberArg,
	startTrace,
	textArg,
	timeByFunction,
	top,
	windowOf,
	type TraceEvent
} from './lib/trace';

const FULL_ID = '0b3e5c1a-9f7d-4c2e-8a61-5d4f3b2a1c09';
const STATUS_SEL = '[data-testid="save-status"]';
const ANSWER_RADIO = 'input[type="radio"][name^="answer-"]';

interface Window {
	label: string;
	from: number;
	to: number;
}

/** Self time per kind on the main thread within each window, and idle time. */
function splitWindows(events: TraceEvent[], windows: Window[], pid: number, tid: number) {
	const main = events
		.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
		.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
	// Self time of each complete event (its duration less its children's).
	const self = new Map<TraceEvent, number>();
	const stack: TraceEvent[] = [];
	const topLevel: TraceEvent[] = [];
	for (const e of main) {
		while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts)
			stack.pop();
		const parent = stack[stack.length - 1];
		if (!parent) topLevel.push(e);
		if (parent) self.set(parent, (self.get(parent) ?? 0) - e.dur!);
		self.set(e, (self.get(e) ?? 0) + e.dur!);
		stack.push(e);
	}
	const perWindow = windows.map((w) => {
		const kinds: Record<string, number> = {};
		const names: Record<string, number> = {};
		let busy = 0;
		for (const e of main) {
			const s = Math.max(e.ts, w.from);
			const t = Math.min(e.ts + e.dur!, w.to);
			if (t <= s) continue;
			// Pro rata for events cut by the window's edges.
			const part = ((t - s) / e.dur!) * (self.get(e) ?? 0);
			const k =
				e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'
					? 'task'
					: kindOf(e.name);
			kinds[k] = (kinds[k] ?? 0) + part;
			names[e.name] = (names[e.name] ?? 0) + part;
			busy += part;
		}
		let cpu = 0;
		for (const e of topLevel) {
			const s = Math.max(e.ts, w.from);
			const t = Math.min(e.ts + e.dur!, w.to);
			if (t <= s || !e.tdur) continue;
			cpu += ((t - s) / e.dur!) * e.tdur;
		}
		return {
			label: w.label,
			total: (w.to - w.from) / 1000,
			kinds,
			names,
			busy: busy / 1000,
			cpu: cpu / 1000
		};
	});
	return perWindow;
}

/** Self and inclusive time per function (V8 sampling profiler) on one thread within the windows. */
/** How many functions the lists show (`--top n`; default 30 by self time, 45 inclusive). */
const TOP = numberArg(process.argv, '--top', 0);

function functionsIn(events: TraceEvent[], windows: Window[], thread: string) {
	const { self, inclusive } = timeByFunction(cpuSamples(events).get(thread) ?? [], windows);
	return { self: top(self, Math.max(40, TOP)), inclusive: top(inclusive, Math.max(60, TOP)) };
}

function summarise(title: string, rows: ReturnType<typeof splitWindows>) {
	const n = rows.length;
	const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0) / n;
	const kinds = new Set(rows.flatMap((r) => Object.keys(r.kinds)));
	const names: Record<string, number> = {};
	for (const r of rows)
		for (const [k, v] of Object.entries(r.names)) names[k] = (names[k] ?? 0) + v / 1000 / n;
	console.log(`\n== ${title}: ${n} windows, mean per window ==`);
	console.log(
		`window ${sum((r) => r.total).toFixed(1)} ms, main thread busy ${sum((r) => r.busy).toFixed(1)} ms, idle ${sum((r) => r.total - r.busy).toFixed(1)} ms; main-thread CPU time ${sum((r) => r.cpu).toFixed(1)} ms (unthrottled, load-independent)`
	);
	for (const k of [...kinds].sort())
		console.log(`  ${k.padEnd(16)} ${sum((r) => (r.kinds[k] ?? 0) / 1000).toFixed(2)} ms`);
	console.log('  top trace events (self):');
	for (const [k, v] of Object.entries(names)
		.sort((a, b) => b[1] - a[1])
		.slice(0, 18))
		console.log(`    ${k.padEnd(44)} ${v.toFixed(2)} ms`);
	const totals = rows.map((r) => r.total).sort((a, b) => a - b);
	console.log(
		`  windows: median ${totals[Math.floor(n / 2)]?.toFixed(0)} ms, max ${totals[n - 1]?.toFixed(0)} ms`
	);
}

async function main() {
	const port = numberArg(process.argv, '--port', 4444);
	const answers = numberArg(process.argv, '--answers', 30);
	const opens = numberArg(process.argv, '--open', 5);
	const jsonOut = textArg(process.argv, '--json');
	const exact = process.argv.includes('--exact');
	const bank = loadBankFromDisk('questions');
	const full: Assessment = fullAssessment(bank, {
		id: FULL_ID,
		organisation: 'Halcyon Health Analytics GmbH'
	});
	const others = manyAssessments(bank, 8, 3).map((a) => ({ ...a, interview: null }));
	const server = await serve(port);
	const bench = new BrowserBench({
		url: server.url,
		bank,
		full,
		others,
		many: [],
		log: console.log
	});
	const out: Record<string, unknown> = {};
	try {
		await bench.start();
		// ---- answering
		if (answers > 0) {
			const ctx = await bench.context();
			const a = { ...full, interview: null };
			await bench.seed(ctx, [a]);
			const page = await ctx.newPage();
			const cdp = await ctx.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
			const first = bank.questions[0]!.id;
			await page.goto(`${server.url}/interview?id=${a.id}&q=${first}`);
			await page.waitForSelector(ANSWER_RADIO);
			const stop = await startTrace(cdp);
			const timed: number[] = [];
			const inOrder: number[] = [];
			for (let i = 0; i < answers + 5; i++) {
				const name = (await page.locator(ANSWER_RADIO).first().getAttribute('name'))!;
				const value = String(i % 6);
				const checked = await page.locator(`input[name="${name}"][value="${value}"]`).isChecked();
				const next = checked ? String((i + 1) % 6) : value;
				await bench.arm(page, 'keydown', {
					kind: 'saved',
					status: STATUS_SEL,
					checked: `input[type="radio"][name="${name}"][value="${next}"]`
				});
				await mark(page, `a${i}:start`);
				await page.keyboard.press(next);
				const ms = await bench.resultInPage(page, 10_000);
				await mark(page, `a${i}:end`);
				if (i >= 5) timed.push(ms);
				inOrder.push(ms);
				await page.keyboard.press('ArrowRight');
				await page.waitForFunction(
					(n) =>
						document.querySelector('input[type="radio"][name^="answer-"]')?.getAttribute('name') !==
						n,
					name,
					{ polling: 10 }
				);
			}
			const events = await stop();
			const ms = markers(events);
			const pid = ms[0]!.pid;
			const tid = ms[0]!.tid;
			const windows: Window[] = [];
			for (let i = 5; i < answers + 5; i++) {
				const w = windowOf(ms, `a${i}`);
				if (!w) continue;
				const keydown = exact
					? events.find(
							(e) =>
								e.name === 'EventDispatch' &&
								e.ts >= w.from &&
								e.ts <= w.to &&
								(e.args?.data as { type?: string } | undefined)?.type === 'keydown'
						)
					: undefined;
				if (keydown)
					windows.push({ label: `a${i}`, from: keydown.ts, to: keydown.ts + inOrder[i]! * 1000 });
				else windows.push({ label: `a${i}`, ...w });
			}
			const split = splitWindows(events, windows, pid, tid);
			timed.sort((x, y) => x - y);
			console.log(
				`answers timed by the instrument: median ${timed[Math.floor(timed.length / 2)]?.toFixed(1)} ms, p95 ${timed[Math.floor(timed.length * 0.95)]?.toFixed(1)} ms`
			);
			summarise(
				exact
					? 'answer (keydown → result, as the bench times it)'
					: 'answer (start marker → result seen)',
				split
			);
			const fns = functionsIn(events, windows, `${pid}:${tid}`);
			console.log('  functions, self time (sum over windows, ms):');
			for (const f of fns.self.slice(0, TOP || 30))
				console.log(`    ${f.ms.toFixed(1).padStart(7)}  ${f.fn}`);
			console.log('  functions, inclusive (sum over windows, ms):');
			for (const f of fns.inclusive.slice(0, TOP || 45))
				console.log(`    ${f.ms.toFixed(1).padStart(7)}  ${f.fn}`);
			out.answer = { timed, split, fns };
			await ctx.close();
		}
		// ---- opening
		if (opens > 0) {
			const ctx = await bench.context();
			await bench.seed(ctx, [full, ...others]);
			const page = await ctx.newPage();
			const resume = bank.questions[Math.floor(bank.questions.length / 2)]!.id;
			await page.goto(`${server.url}/interview?id=${full.id}&q=${resume}`);
			await page.waitForSelector(`input[name="answer-${resume}"]`);
			const cdp = await ctx.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
			const stop = await startTrace(cdp);
			const timed: number[] = [];
			for (let i = 0; i < opens + 1; i++) {
				await page.goto(server.url + '/');
				const entry = bench.entryFor(page, full);
				await entry.waitFor({ state: 'visible' });
				await bench.arm(page, 'pointerdown', { kind: 'interactive', sel: ANSWER_RADIO });
				await mark(page, `o${i}:start`);
				await entry.click();
				const ms = await bench.result(page, 15_000);
				await mark(page, `o${i}:end`);
				if (i > 0) timed.push(ms);
			}
			const events = await stop();
			const ms = markers(events);
			const pid = ms[0]!.pid;
			const tid = ms[0]!.tid;
			const windows: Window[] = [];
			for (let i = 1; i < opens + 1; i++) {
				const w = windowOf(ms, `o${i}`);
				if (w) windows.push({ label: `o${i}`, ...w });
			}
			timed.sort((x, y) => x - y);
			console.log(
				`\nopens timed by the instrument: ${timed.map((x) => x.toFixed(0)).join(', ')} ms`
			);
			summarise('open (click → question interactive)', splitWindows(events, windows, pid, tid));
			const fns = functionsIn(events, windows, `${pid}:${tid}`);
			console.log('  functions, self time (sum over windows, ms):');
			for (const f of fns.self.slice(0, TOP || 30))
				console.log(`    ${f.ms.toFixed(1).padStart(7)}  ${f.fn}`);
			console.log('  functions, inclusive (sum over windows, ms):');
			for (const f of fns.inclusive.slice(0, TOP || 45))
				console.log(`    ${f.ms.toFixed(1).padStart(7)}  ${f.fn}`);
			out.open = { timed, fns };
			await ctx.close();
		}
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
