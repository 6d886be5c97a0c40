/**
 * On demand (not part of `npm run bench`): where the time goes while the results page of the full
 * assessment loads, CPU throttled 4× as in the bench's results figure.
 *
 *   npm run bench -- --only results --port 4453   # builds the snapshot the profile serves
 *   npx tsx bench/profile-results.ts --port 4454 [--loads 4] [--cold] [--first] [--json out.json]
 *
 * It loads `/results?id=…` as the figure does (the same fixtures, the same instrumentation: from
 * navigation start until the "Open all sections" button of the computed report is shown, plus one
 * task), records a Chromium trace (devtools timeline + V8 sampling profiler) and prints, per load
 * after the first, a timeline of the tasks of the page's main thread and of its workers (start
 * relative to the navigation, duration, the functions with the most self time in each), and the
 * main thread's time by kind over the window. With `--cold`, one answer is changed in the interview
 * before each load (as the bench's cold figure does), so every load misses the report cache and
 * the worker computes the report. Function names are the build's: a build without
 * minification (`npx vite build --minify false`, copied into the snapshot) names them.
 */
import { writeFileSync } from 'node:fs';
import { loadBankFromDisk } from '../scripts/lib/bank-node';
import type { Assessment } from '../src/lib/domain/types';
import { BrowserBench, CPU_SLOWDOWN, RESULTS_READY } from './browser-figures';
import { fullAssessment } from './fixtures';
import { coldEdits } from './lib/cold';
import { serve } from './lib/site';
import {
	cpuSamples,
	kindOf,
	mark,
	markers,
	numberArg,
	startTrace,
	textArg,
	threadNames,
	timeByFunction,
	top,
	windowOf,
	type Sample
} from './lib/trace';

const FULL_ID = '0b3e5c1a-9f7d-4c2e-8a61-5d4f3b2a1c09';

/** The functions with the most self time within [from, to), as one line. */
function topFns(samples: readonly Sample[], from: number, to: number, n = 3): string {
	return top(timeByFunction(samples, [{ from, to }]).self, n)
		.map((f) => `${f.fn} ${f.ms.toFixed(1)}`)
		.join(' | ');
}

async function main() {
	const port = numberArg(process.argv, '--port', 4454);
	const loads = numberArg(process.argv, '--loads', 4);
	const cold = process.argv.includes('--cold');
	const jsonOut = textArg(process.argv, '--json');
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
		const edits = cold
			? coldEdits(
					bank.questions.map((q) => q.id),
					full.answers,
					loads
				)
			: [];
		for (let i = 0; i < loads; i++) {
			// Cold: an answer changed first, so the report cache has no report of the assessment.
			if (cold) await bench.answerInInterview(page, full.id, edits[i]!);
			await bench.arm(page, 'navigation', { kind: 'interactive', sel: RESULTS_READY });
			await mark(page, `r${i}:start`);
			await page.goto(`${server.url}/results?id=${full.id}`);
			timed.push(await bench.result(page, 20_000));
			await mark(page, `r${i}:end`);
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
		// After the last load: when the closed sections are drawn in idle time (find-in-page), and
		// the main thread's tasks over 50 ms from navigation until then.
		const idle = await page.evaluate<{
			drawnAt: number;
			tasks: { startTime: number; duration: number }[];
			draws: { name: string; start: number; duration: number }[];
		}>(`new Promise((done) => {
			const all = () => [...document.querySelectorAll('section.rs > .body')].every((b) => b.childElementCount > 0);
			const finish = () => done({
				drawnAt: performance.now(),
				tasks: window.__bench_longtasks || [],
				draws: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('idle draw'))
					.map((m) => ({ name: m.name.slice(10), start: m.startTime, duration: m.duration }))
			});
			if (all()) return finish();
			new MutationObserver((_, o) => { if (all()) { o.disconnect(); setTimeout(finish, 100); } })
				.observe(document, { subtree: true, childList: true });
		})`);
		console.log(
			`last load: every closed section drawn ${idle.drawnAt.toFixed(0)} ms after navigation; main-thread tasks over 50 ms from navigation: ${idle.tasks.map((t) => `${t.startTime.toFixed(0)}+${t.duration.toFixed(0)}`).join(', ') || 'none'}`
		);
		console.log(
			`  closed sections drawn in idle time: ${idle.draws.map((d) => `${d.name} at ${d.start.toFixed(0)} ms, ${d.duration.toFixed(0)} ms`).join('; ')}`
		);
		const events = await stop();
		const names = threadNames(events);
		const marks = markers(events);
		const navs = events
			.filter((e) => e.name === 'navigationStart' || e.name === 'NavigationStart')
			.map((e) => e.ts)
			.sort((a, b) => a - b);
		const samples = cpuSamples(events);
		console.log(`loads timed by the instrument: ${timed.map((t) => t.toFixed(0)).join(', ')} ms`);
		console.log(
			`whole dashboard drawn (at most, from navigation start): ${whole.map((t) => t.toFixed(0)).join(', ')} ms`
		);
		// The first load computes the report in the worker (an empty cache); the later ones do
		// only with --cold.
		for (let i = process.argv.includes('--first') ? 0 : 1; i < loads; i++) {
			const w = windowOf(marks, `r${i}`);
			if (!w) continue;
			const nav = navs.find((t) => t >= w.from) ?? w.from;
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
