/**
 * Figures measured in headless Debian Chromium (Playwright, the flags of playwright.config.ts)
 * against the served snapshot of the build. Service workers are blocked in these contexts so
 * that every figure measures the app itself (the precache is analysed separately); the browser
 * cannot resolve any host but the local one.
 */
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { Assessment, Bank } from '../src/lib/domain/types';
import { CHROMIUM_PATH, E2E_FLAGS, OFFLINE_FLAGS, isLocalUrl } from './lib/chromium';
import { measuredFigure, notMeasured, type Figure } from './lib/figures';
import { INSTRUMENT_SCRIPT, type ArmEvent, type WaitCondition } from './lib/instrument';
import {
	LONGTASK_SCRIPT,
	pageJs,
	tasksWithin,
	workerNames,
	type PageJs,
	type ScriptResponse,
	type TaskEntry
} from './lib/page-js';
import { SITE_BUILD } from './lib/site';
import { summarize, type Summary } from './lib/stats';
import { expectedMatches, SEARCH_WORDS } from './fixtures';
import { coldEdits, withEdits, type ColdEdit } from './lib/cold';
import { buildReportModel } from '../src/lib/domain/engine/index';
import { localIsoDate } from '../src/lib/domain/dates';

export interface BrowserInput {
	url: string;
	bank: Bank;
	/** The full assessment (all categories, every question answered, notes everywhere). */
	full: Assessment;
	/** A few other assessments shown next to it in the list. */
	others: Assessment[];
	/** 1,000 assessments for the scale figures. */
	many: Assessment[];
	log: (s: string) => void;
}

const STATUS_SEL = '[data-testid="save-status"]';
const ANSWER_RADIO = 'input[type="radio"][name^="answer-"]';
/** The results page is interactive: its "Open all sections" button is enabled and visible. */
export const RESULTS_READY = 'nav.toc button';
/** Chromium's CPU throttling for the "mid-range phone" figures. */
export const CPU_SLOWDOWN = 4;

/** The routes whose initial JavaScript is budgeted, and when each is ready. */
export const ROUTES = ['/', '/interview', '/present', '/results', '/export', '/library'] as const;
export type Route = (typeof ROUTES)[number];

function fmt(ms: number): string {
	return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

function stats(s: Summary): string {
	return `median ${fmt(s.median)}, p95 ${fmt(s.p95)}, max ${fmt(s.max)}, n=${s.n}`;
}

function errText(e: unknown): string {
	return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'error';
}

/** True when the built site has a prerendered page for the route. */
export function hasRoute(route: string): boolean {
	return existsSync(resolve(SITE_BUILD, `${route}.html`));
}

export class BrowserBench {
	browser!: Browser;
	offMachine = new Set<string>();
	consoleErrors: string[] = [];
	stopping = false;
	constructor(private input: BrowserInput) {}

	async start(): Promise<void> {
		this.browser = await chromium.launch({
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: [...E2E_FLAGS, ...OFFLINE_FLAGS]
		});
		this.browser.on('disconnected', () => {
			if (!this.stopping) this.input.log('Chromium disconnected unexpectedly (crashed or killed)');
		});
	}

	async stop(): Promise<void> {
		this.stopping = true;
		await this.browser?.close();
	}

	async context(): Promise<BrowserContext> {
		const ctx = await this.browser.newContext({
			serviceWorkers: 'block',
			acceptDownloads: true,
			viewport: { width: 1280, height: 800 }
		});
		await ctx.addInitScript({ content: INSTRUMENT_SCRIPT });
		await ctx.addInitScript({ content: LONGTASK_SCRIPT });
		ctx.on('request', (req) => {
			if (!isLocalUrl(req.url())) this.offMachine.add(req.url());
		});
		ctx.on('page', (p) =>
			p.on('console', (m) => {
				if (m.type() === 'error' && !p.url().includes('/__bench/'))
					this.consoleErrors.push(`${p.url()}: ${m.text()}`);
			})
		);
		return ctx;
	}

	/** Open the harness page of a context and replace the database content with `list`. */
	async seed(ctx: BrowserContext, list: Assessment[]): Promise<void> {
		const page = await ctx.newPage();
		await page.goto(`${this.input.url}/__bench/index.html`);
		await page.waitForSelector('body[data-ready="true"]');
		await page.evaluate(() => window.__bench!.clearAll());
		for (let i = 0; i < list.length; i += 20) {
			const batch = list.slice(i, i + 20);
			await page.evaluate((b) => window.__bench!.seed(b), batch);
		}
		const n = await page.evaluate(() => window.__bench!.count());
		if (n.assessments !== list.length) throw new Error(`seeded ${n.assessments} of ${list.length}`);
		await page.close();
	}

	/** Slow the page's CPU down (Chromium's `Emulation.setCPUThrottlingRate`; kept across navigations). */
	async throttle(page: Page, rate: number): Promise<void> {
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
	}

	// -------------------------------------------------------------------------------------------
	// Timing primitives
	// -------------------------------------------------------------------------------------------

	/** Arm a measurement: the next `event` starts it, `until` ends it. */
	async arm(page: Page, event: ArmEvent, until: WaitCondition): Promise<void> {
		await page.evaluate(
			([e, w]) =>
				(window as unknown as { __bench_instrument: Instrument }).__bench_instrument.arm(e, w),
			[event, until] as const
		);
	}

	/** Wait for the armed measurement to complete; returns t1 − t0 in ms. */
	async result(page: Page, timeout = 10_000): Promise<number> {
		const handle = await page.waitForFunction(
			() => (window as unknown as { __bench_instrument: Instrument }).__bench_instrument.result(),
			undefined,
			{
				timeout,
				polling: 10
			}
		);
		const ms = (await handle.jsonValue()) as number;
		await page.evaluate(() =>
			(window as unknown as { __bench_instrument: Instrument }).__bench_instrument.done()
		);
		return ms;
	}

	/**
	 * As `result`, for a measurement that stays in one document (an answer): the page tells the
	 * bench at t1 (one call awaiting a promise) instead of being polled every 10 ms.
	 */
	async resultInPage(page: Page, timeout = 10_000): Promise<number> {
		const ms = await page.evaluate(
			(t) => (window as unknown as { __bench_instrument: Instrument }).__bench_instrument.wait(t),
			timeout
		);
		await page.evaluate(() =>
			(window as unknown as { __bench_instrument: Instrument }).__bench_instrument.done()
		);
		return ms;
	}

	// -------------------------------------------------------------------------------------------
	// Initial JavaScript
	// -------------------------------------------------------------------------------------------

	/** The URL of a route for the full assessment (the interview views at their first question). */
	routePath(route: Route): string {
		const id = this.input.full.id;
		const q = this.input.bank.questions[0]?.id ?? '';
		if (route === '/' || route === '/library') return route;
		if (route === '/interview' || route === '/present') return `${route}?id=${id}&q=${q}`;
		return `${route}?id=${id}`;
	}

	/** Wait until the route shows what it is for (then the page is left to settle). */
	async routeReady(page: Page, route: Route): Promise<void> {
		const timeout = 20_000;
		if (route === '/') await page.waitForSelector('a[href*="interview?id="]', { timeout });
		else if (route === '/interview' || route === '/present')
			await page.waitForSelector(ANSWER_RADIO, { timeout });
		else if (route === '/results') await page.waitForSelector(RESULTS_READY, { timeout });
		else if (route === '/library')
			// The library (or the offer to start one) is shown once it has been read.
			await page.getByRole('heading', { level: 2 }).first().waitFor({ state: 'visible', timeout });
		else
			await page
				.getByRole('button', { name: /download pdf/i })
				.first()
				.waitFor({ state: 'visible', timeout });
	}

	/**
	 * All JS the page loads before any interaction (each response gzip-compressed, zlib level 6):
	 * a fresh load of the route, or (`fromStart`) what loads when the user arrives from the start
	 * page through a link (client-side navigation; what the start page had loaded not counted).
	 * Scripts a Web Worker loads (the report-model worker of the results and export pages, the PDF
	 * worker the export page warms) are reported apart, with the workers the page started.
	 */
	async initialJs(
		route: Route,
		fromStart: boolean
	): Promise<PageJs & { dataKb: number; dataInWorkerKb: number; workers: string[] }> {
		const ctx = await this.context();
		try {
			await this.seed(ctx, [this.input.full]);
			const page = await ctx.newPage();
			const pending: Promise<ScriptResponse | null>[] = [];
			const data: Promise<ScriptResponse | null>[] = [];
			const workers = new Set<string>();
			page.on('worker', (w) => workers.add(w.url()));
			page.on('response', (res) => {
				const url = res.url();
				const type = res.request().resourceType();
				if (/\.json(\?|$)/.test(url))
					data.push(
						res.body().then(
							(body) => ({ url, raw: body.length, gzip: gzipSync(body).length }),
							() => null
						)
					);
				if (type !== 'script' && !/\.m?js(\?|$)/.test(url)) return;
				pending.push(
					res.body().then(
						(body) => ({ url, raw: body.length, gzip: gzipSync(body).length }),
						() => null
					)
				);
			});
			const settle = async () => {
				await page.waitForLoadState('networkidle');
				await page.waitForTimeout(500);
			};
			const pageUrls = async () =>
				new Set(
					await page.evaluate(() => [
						location.href,
						...performance.getEntriesByType('resource').map((e) => e.name)
					])
				);
			const path = this.routePath(route);
			let before = new Set<string>();
			if (fromStart) {
				await page.goto(this.input.url + '/', { waitUntil: 'load' });
				await this.routeReady(page, '/');
				await settle();
				before = await pageUrls();
				// A link to the route, followed like any link (SvelteKit navigates in the page).
				await page.evaluate((href) => {
					(window as unknown as { __benchSameDocument: boolean }).__benchSameDocument = true;
					const a = document.createElement('a');
					a.href = href;
					a.textContent = 'bench';
					document.body.append(a);
					a.click();
				}, path);
				await page.waitForURL((u) => u.pathname === route, { timeout: 15_000 });
				await this.routeReady(page, route);
				const same = await page.evaluate(
					() => (window as unknown as { __benchSameDocument?: boolean }).__benchSameDocument
				);
				if (!same) throw new Error(`the link to ${route} reloaded the page`);
			} else {
				await page.goto(this.input.url + path, { waitUntil: 'load' });
				await this.routeReady(page, route);
			}
			await settle();
			const responses = (await Promise.all(pending)).filter((f) => f !== null);
			const urls = await pageUrls();
			const js = pageJs(responses, urls, before, workers);
			const json = pageJs(
				(await Promise.all(data)).filter((f) => f !== null),
				urls,
				before
			);
			const strip = (f: ScriptResponse) => ({ ...f, url: f.url.replace(this.input.url, '') });
			return {
				...js,
				files: js.files.map(strip),
				workerFiles: js.workerFiles.map(strip),
				dataKb: json.kb,
				dataInWorkerKb: json.workerFiles.reduce((n, f) => n + f.gzip, 0) / 1024,
				workers: [...workers].map((u) => u.replace(this.input.url, ''))
			};
		} finally {
			await ctx.close();
		}
	}

	async initialJsFigures(): Promise<Figure[]> {
		const out: Figure[] = [];
		for (const route of ROUTES) {
			for (const fromStart of route === '/' ? [false] : [false, true]) {
				const how = fromStart ? 'arriving from /' : 'fresh load';
				const base = {
					id: `initial-js-${route === '/' ? 'start' : route.slice(1)}${fromStart ? '-from-start' : ''}`,
					label: `Initial JS of ${route}, ${how} (gzip)`,
					unit: 'KB' as const,
					budget: { kind: 'max' as const, value: 100 }
				};
				if (route !== '/' && !hasRoute(route.slice(1))) {
					out.push(notMeasured(base, `no ${route} page in the build yet`));
					continue;
				}
				try {
					const r = await this.initialJs(route, fromStart);
					const worker = r.workerFiles.reduce((s, f) => s + f.gzip, 0) / 1024;
					out.push(
						measuredFigure(
							{
								...base,
								detail: `${r.files.length} files, ${r.rawKb.toFixed(0)} KB uncompressed; largest ${r.files
									.slice(0, 3)
									.map((f) => `${f.url.split('/').pop()} ${(f.gzip / 1024).toFixed(1)} KB`)
									.join(
										', '
									)}${r.workerFiles.length ? `; not counted: ${r.workerFiles.length} files (${worker.toFixed(1)} KB) run by ${workerNames(r.workers)} off the main thread (each worker's own script, which the page fetches to start it, and what it loads)` : ''}${r.dataKb ? `; plus ${r.dataKb.toFixed(1)} KB of JSON data (the question bank)` : ''}${r.dataInWorkerKb ? `; plus ${r.dataInWorkerKb.toFixed(1)} KB of JSON data (the question bank) fetched by ${workerNames(r.workers.filter((u) => /model\.worker/.test(u)))}` : ''}`,
								data: r
							},
							r.kb
						)
					);
				} catch (e) {
					out.push(notMeasured(base, errText(e)));
				}
			}
		}
		return out;
	}

	// -------------------------------------------------------------------------------------------
	// Answering questions
	// -------------------------------------------------------------------------------------------

	async answerFigure(): Promise<Figure> {
		const base = {
			id: 'answer',
			label: `Answer → saved + UI updated, CPU ${CPU_SLOWDOWN}× slower (p95 of 200)`,
			unit: 'ms' as const,
			budget: { kind: 'max' as const, value: 50 }
		};
		if (!hasRoute('interview')) return this.provisionalAnswer(base, 'no /interview page yet');
		const ctx = await this.context();
		try {
			const a = { ...this.input.full, interview: null };
			await this.seed(ctx, [a]);
			const page = await ctx.newPage();
			const path = this.input.bank.questions.map((q) => q.id);
			const first = path[0] as string;
			await this.throttle(page, CPU_SLOWDOWN);
			await page.goto(`${this.input.url}/interview?id=${a.id}&q=${first}`);
			await page.waitForSelector(ANSWER_RADIO, { timeout: 15_000 });
			if ((await page.locator(STATUS_SEL).count()) === 0) {
				return this.provisionalAnswer(base, `the interview has no ${STATUS_SEL} live region`);
			}
			// A connection of the bench's own to the app's database, to read answer rows directly.
			const openDb = () =>
				page.evaluate(() => {
					const w = window as unknown as { __benchDb?: Promise<IDBDatabase> };
					w.__benchDb = new Promise((res, rej) => {
						const r = indexedDB.open('soc2-readiness');
						r.onsuccess = () => res(r.result);
						r.onerror = () => rej(r.error);
					});
				});
			await openDb();
			const storedValue = (qid: string) =>
				page.evaluate(
					async ([id, q]) => {
						const w = window as unknown as { __benchDb: Promise<IDBDatabase> };
						const d = await w.__benchDb;
						return new Promise<unknown>((res) => {
							const r = d.transaction('answers').objectStore('answers').get([id, q]);
							r.onsuccess = () => res((r.result as { value?: unknown } | undefined)?.value ?? null);
							r.onerror = () => res(null);
						});
					},
					[a.id, qid] as const
				);
			const samples: number[] = [];
			const warmSamples: number[] = [];
			let dbMismatch = 0;
			const warmup = 10;
			// One visit: past the last question the bench goes back to the questions on the same
			// page (the stage key, as a user would) and answers them the other way round, so every
			// timed answer is one of a page already in use; a reload would add a second visit's
			// first answers to the figure (the first visit's are the warm-up, reported apart).
			let dir: 'ArrowRight' | 'ArrowLeft' = 'ArrowRight';
			let bounces = 0;
			await page.evaluate(() => ((window as unknown as { __benchVisit: number }).__benchVisit = 1));
			for (let i = 0; i < 200 + warmup; i++) {
				const name = await page.locator(ANSWER_RADIO).first().getAttribute('name');
				if (!name) throw new Error('no answer radio on the page');
				const qid = name.replace(/^answer-/, '');
				// The stored value (not the radios: see the report about radios kept across questions).
				const current = await storedValue(qid);
				// A new level each time (after "don't know" or N/A, start again at 0).
				const next = /^[0-5]$/.test(String(current)) ? String((Number(current) + 1) % 6) : '0';
				await this.arm(page, 'keydown', {
					kind: 'saved',
					status: STATUS_SEL,
					checked: `input[type="radio"][name="${name}"][value="${next}"]`
				});
				await page.keyboard.press(next);
				let ms: number;
				try {
					ms = await this.resultInPage(page, 5_000);
				} catch (e) {
					const status = (await page.locator(STATUS_SEL).first().textContent())?.trim() ?? '';
					const alert = (await page.getByRole('alert').allTextContents()).join(' ').trim();
					throw new Error(
						`answer ${i + 1} (${qid} = ${next}) never showed "Saved": status "${status}"${alert ? `, alert "${alert.slice(0, 200)}"` : ''} (${errText(e)})`
					);
				}
				(i >= warmup ? samples : warmSamples).push(ms);
				// The write must have committed by the time "Saved" shows: check the row itself.
				const stored = await storedValue(qid);
				if (String(stored) !== next) dbMismatch++;
				// Next question (not timed); at either end of the questions, back and the other way.
				await page.keyboard.press(dir);
				await page.waitForFunction(
					(n) => {
						const r = document.querySelector('input[type="radio"][name^="answer-"]');
						return !r || r.getAttribute('name') !== n;
					},
					name,
					{ timeout: 5_000, polling: 10 }
				);
				if ((await page.locator(ANSWER_RADIO).count()) === 0) {
					// Past the last (or before the first) question: the stage key goes back to it.
					await page.keyboard.press(dir === 'ArrowRight' ? 'Alt+PageUp' : 'Alt+PageDown');
					await page.waitForSelector(ANSWER_RADIO, { timeout: 15_000 });
					dir = dir === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
					bounces++;
				}
			}
			const visit = await page.evaluate(
				() => (window as unknown as { __benchVisit?: number }).__benchVisit
			);
			if (visit !== 1) throw new Error('the page was reloaded during the answers');
			const s = summarize(samples);
			const w = summarize(warmSamples);
			const f = measuredFigure(
				{
					...base,
					detail: `${stats(s)} (after ${warmup} warm-up: the visit's first answers, median ${fmt(w.median)}, max ${fmt(w.max)}); CPU throttled ${CPU_SLOWDOWN}×; one page, back through the questions at either end (${bounces}×); keypress → "Saved" in the live region + radio checked; DB row checked after each: ${dbMismatch ? `${dbMismatch} MISMATCHES` : 'all committed'}`,
					data: {
						...s,
						dbMismatch,
						samples: samples.map((x) => Math.round(x * 10) / 10),
						warmup: warmSamples.map((x) => Math.round(x * 10) / 10)
					}
				},
				s.p95
			);
			if (dbMismatch)
				return {
					...f,
					status: 'fail',
					reason: `${dbMismatch} answers showed "Saved" before the row was stored`
				};
			return f;
		} catch (e) {
			return notMeasured(base, `interview answering failed: ${errText(e)}`);
		} finally {
			await ctx.close();
		}
	}

	/** Until the interview exists: time the db module's saveAnswer in the page (labelled provisional). */
	async provisionalAnswer(
		base: Omit<Figure, 'status' | 'measured' | 'detail'>,
		why: string
	): Promise<Figure> {
		const ctx = await this.context();
		try {
			await this.seed(ctx, [this.input.full]);
			const page = await ctx.newPage();
			await page.goto(`${this.input.url}/__bench/index.html`);
			await page.waitForSelector('body[data-ready="true"]');
			const ids = this.input.bank.questions.map((q) => q.id);
			await page.evaluate(([id, q]) => window.__bench!.timeSaveAnswer(id, q, 10), [
				this.input.full.id,
				ids
			] as const);
			const samples = await page.evaluate(([id, q]) => window.__bench!.timeSaveAnswer(id, q, 200), [
				this.input.full.id,
				ids
			] as const);
			const s = summarize(samples);
			return {
				...base,
				measured: s.p95,
				status: 'provisional',
				detail: `db saveAnswer only (no UI), ${stats(s)}`,
				reason: why,
				data: s
			};
		} catch (e) {
			return notMeasured(base, `${why}; provisional saveAnswer timing failed: ${errText(e)}`);
		} finally {
			await ctx.close();
		}
	}

	// -------------------------------------------------------------------------------------------
	// The assessment list: opening the full assessment, and 200 assessments
	// -------------------------------------------------------------------------------------------

	/** The list entry that opens an assessment (a link to its interview, or its name). */
	entryFor(page: Page, a: Assessment) {
		return page
			.locator(`a[href*="interview?id=${a.id}"]`)
			.or(page.getByRole('link', { name: a.meta.organisation, exact: false }))
			.first();
	}

	async openFigure(): Promise<Figure> {
		const base = {
			id: 'open-full',
			label: `Open full assessment from the list → question interactive, CPU ${CPU_SLOWDOWN}× slower`,
			unit: 'ms' as const,
			budget: { kind: 'max' as const, value: 300 }
		};
		if (!hasRoute('interview')) return notMeasured(base, 'no /interview page yet');
		const ctx = await this.context();
		try {
			const full = this.input.full;
			await this.seed(ctx, [full, ...this.input.others]);
			const page = await ctx.newPage();
			// Leave the interview at a question in the middle (as a consultant who stopped there).
			const resumeAt =
				this.input.bank.questions[Math.floor(this.input.bank.questions.length / 2)]?.id ?? '';
			await page.goto(`${this.input.url}/interview?id=${full.id}&q=${resumeAt}`);
			await page.waitForSelector(`input[name="answer-${resumeAt}"]`, { timeout: 15_000 });
			const stage = await page.evaluate(
				(id) =>
					new Promise<string | null>((res) => {
						const r = indexedDB.open('soc2-readiness');
						r.onsuccess = () => {
							const g = r.result.transaction('assessments').objectStore('assessments').get(id);
							g.onsuccess = () =>
								res(
									(
										g.result as {
											interview?: { snapshot?: { context?: { position?: { stage?: string } } } };
										}
									)?.interview?.snapshot?.context?.position?.stage ?? null
								);
							g.onerror = () => res(null);
						};
						r.onerror = () => res(null);
					}),
				full.id
			);
			await this.throttle(page, CPU_SLOWDOWN);
			const samples: number[] = [];
			for (let i = 0; i < 6; i++) {
				await page.goto(this.input.url + '/');
				const entry = this.entryFor(page, full);
				try {
					await entry.waitFor({ state: 'visible', timeout: 10_000 });
				} catch {
					return notMeasured(
						base,
						'the start page lists no assessments yet (no link to the interview)'
					);
				}
				await this.arm(page, 'pointerdown', { kind: 'interactive', sel: ANSWER_RADIO });
				await entry.click();
				const ms = await this.result(page, 15_000);
				if (i > 0) samples.push(ms); // the first run warms the HTTP cache
			}
			const s = summarize(samples);
			return measuredFigure(
				{
					...base,
					detail: `${stats(s)} (after 1 warm-up); CPU throttled ${CPU_SLOWDOWN}×; ${Object.keys(full.answers).length} answers with notes; resumes at ${stage === 'maturity' ? 'the stored question' : `stage "${stage}" (position not stored as a question)`}`,
					data: { ...s, storedStage: stage }
				},
				s.median
			);
		} catch (e) {
			return notMeasured(base, errText(e));
		} finally {
			await ctx.close();
		}
	}

	/** The results page of the full assessment: navigation start → interactive, CPU throttled. */
	async resultsFigure(): Promise<Figure> {
		const base = {
			id: 'results-full',
			label: `Results page of the full assessment, a later visit (report cached) → interactive, CPU ${CPU_SLOWDOWN}× slower`,
			unit: 'ms' as const,
			budget: { kind: 'max' as const, value: 500 }
		};
		if (!hasRoute('results')) return notMeasured(base, 'no /results page yet');
		const ctx = await this.context();
		try {
			await this.seed(ctx, [this.input.full]);
			const page = await ctx.newPage();
			await this.throttle(page, CPU_SLOWDOWN);
			// A document of the app first: the instrumentation is armed in a page, then carried over.
			await page.goto(`${this.input.url}/`);
			const samples: number[] = [];
			for (let i = 0; i < 6; i++) {
				await this.arm(page, 'navigation', { kind: 'interactive', sel: RESULTS_READY });
				await page.goto(`${this.input.url}/results?id=${this.input.full.id}`);
				const ms = await this.result(page, 20_000);
				if (i > 0) samples.push(ms); // the first run warms the HTTP cache
			}
			const sections = await page.locator('main section').count();
			const s = summarize(samples);
			return measuredFigure(
				{
					...base,
					detail: `${stats(s)} (after 1 warm-up); CPU throttled ${CPU_SLOWDOWN}×; the assessment unchanged between loads, so every timed load shows the report kept in this device's report cache (a later visit); from navigation start until the page's buttons are enabled and shown (${sections} sections)`,
					data: s
				},
				s.median
			);
		} catch (e) {
			return notMeasured(base, errText(e));
		} finally {
			await ctx.close();
		}
	}

	/**
	 * The visit's first answer as a reader gives it: the interview opened fresh, five seconds on
	 * the question (the page prepares the first write meanwhile), then the answer key, timed as
	 * the answer figure times it; three visits, each in a new browser context. Reported, not
	 * judged: the budget is the answer figure's, over a visit's answers.
	 */
	async firstAnswerFigure(): Promise<Figure> {
		const base = {
			id: 'answer-first',
			label: `First answer of a visit, 5 s after the question showed, CPU ${CPU_SLOWDOWN}× slower (reported)`,
			unit: 'ms' as const,
			budget: null
		};
		if (!hasRoute('interview')) return notMeasured(base, 'no /interview page yet');
		const samples: number[] = [];
		try {
			for (let visit = 0; visit < 3; visit++) {
				const ctx = await this.context();
				try {
					const a = { ...this.input.full, interview: null };
					await this.seed(ctx, [a]);
					const page = await ctx.newPage();
					await this.throttle(page, CPU_SLOWDOWN);
					const first = this.input.bank.questions[0]!.id;
					await page.goto(`${this.input.url}/interview?id=${a.id}&q=${first}`);
					await page.waitForSelector(ANSWER_RADIO, { timeout: 15_000 });
					await page.waitForTimeout(5_000);
					const name = (await page.locator(ANSWER_RADIO).first().getAttribute('name'))!;
					const stored = this.input.full.answers[first]?.value;
					const next = /^[0-5]$/.test(String(stored)) ? String((Number(stored) + 1) % 6) : '0';
					await this.arm(page, 'keydown', {
						kind: 'saved',
						status: STATUS_SEL,
						checked: `input[type="radio"][name="${name}"][value="${next}"]`
					});
					await page.keyboard.press(next);
					samples.push(await this.resultInPage(page, 10_000));
				} finally {
					await ctx.close();
				}
			}
		} catch (e) {
			return notMeasured(base, `first answer failed: ${errText(e)}`);
		}
		const s = summarize(samples);
		return measuredFigure(
			{
				...base,
				detail: `${stats(s)}; CPU throttled ${CPU_SLOWDOWN}×; each a fresh visit of the interview at the full assessment's first question, the answer key pressed 5 s after the question showed; keypress → "Saved" + radio checked`,
				data: { ...s, samples: samples.map((x) => Math.round(x * 10) / 10) }
			},
			s.median
		);
	}

	/** Answers one question in the interview (its digit key) and waits until it is saved. */
	async answerInInterview(page: Page, id: string, e: ColdEdit): Promise<void> {
		await page.goto(`${this.input.url}/interview?id=${id}&q=${e.question}`);
		const radio = `input[type="radio"][name="answer-${e.question}"]`;
		await page.waitForSelector(radio, { timeout: 15_000 });
		await this.arm(page, 'keydown', {
			kind: 'saved',
			status: STATUS_SEL,
			checked: `${radio}[value="${e.to}"]`
		});
		await page.keyboard.press(String(e.to));
		await this.result(page, 10_000);
	}

	/**
	 * The results page of the full assessment after it changed (a report-cache miss: the worker
	 * computes the report), CPU throttled: before each load one question is answered at another
	 * level in the interview (a keypress, saved through the app's own write path), as a user who
	 * answered questions and then opens the results. The end is the warm figure's (the "Open all
	 * sections" button of the computed report, plus one task); each load must then show the report
	 * of the assessment as edited (its scores, computed again here in Node) and the worker must have
	 * kept a new report in the cache (proof that the load missed it).
	 */
	async resultsColdFigure(): Promise<Figure> {
		const base = {
			id: 'results-full-cold',
			label: `Results page of the full assessment after an answer changed (report computed) → interactive, CPU ${CPU_SLOWDOWN}× slower`,
			unit: 'ms' as const,
			budget: { kind: 'max' as const, value: 500 }
		};
		if (!hasRoute('results') || !hasRoute('interview'))
			return notMeasured(base, 'no /results or /interview page yet');
		const runs = 8;
		const warmup = 1;
		const full = this.input.full;
		const edits = coldEdits(
			this.input.bank.questions.map((q) => q.id),
			full.answers,
			runs
		);
		const ctx = await this.context();
		try {
			await this.seed(ctx, [full]);
			const page = await ctx.newPage();
			await this.throttle(page, CPU_SLOWDOWN);
			const slot = `${full.id}|whatif|type1`;
			/** The key of the results page's entry in the report cache (null: none). */
			const cachedKey = () =>
				page.evaluate(
					(s) =>
						new Promise<string | null>((res) => {
							const r = indexedDB.open('soc2-readiness-report-cache');
							r.onupgradeneeded = () => r.transaction?.abort();
							r.onerror = () => res(null);
							r.onsuccess = () => {
								const d = r.result;
								if (!d.objectStoreNames.contains('keys')) return (d.close(), res(null));
								const g = d.transaction('keys').objectStore('keys').get(s);
								g.onsuccess = () => (d.close(), res((g.result as { key?: string })?.key ?? null));
								g.onerror = () => (d.close(), res(null));
							};
						}),
					slot
				);
			const samples: number[] = [];
			const today = localIsoDate(new Date());
			for (let i = 0; i < runs; i++) {
				await this.answerInInterview(page, full.id, edits[i]!);
				const before = await cachedKey();
				await this.arm(page, 'navigation', { kind: 'interactive', sel: RESULTS_READY });
				await page.goto(`${this.input.url}/results?id=${full.id}`);
				const ms = await this.result(page, 20_000);
				// The report shown is the edited assessment's.
				const expected = buildReportModel(
					this.input.bank,
					{ ...full, answers: withEdits(full.answers, edits, i + 1) },
					today
				).score;
				const shown = await page.evaluate(() =>
					['score-overall', 'score-type1', 'score-type2'].map((t) =>
						Number.parseInt(document.querySelector(`[data-testid="${t}"]`)?.textContent ?? '', 10)
					)
				);
				const want = [expected.overall, expected.type1Readiness, expected.type2Readiness];
				if (shown.join() !== want.join())
					throw new Error(
						`load ${i + 1} showed scores ${shown.join(' / ')}, the edited assessment's are ${want.join(' / ')}`
					);
				// The worker computed it: a new entry is kept for the results page (not the old one).
				await page.waitForFunction(
					`new Promise((done) => {
						const r = indexedDB.open('soc2-readiness-report-cache');
						r.onsuccess = () => {
							const d = r.result;
							const g = d.transaction('keys').objectStore('keys').get(${JSON.stringify(slot)});
							g.onsuccess = () => { d.close(); done((g.result && g.result.key) !== ${JSON.stringify(before)} && !!g.result); };
							g.onerror = () => { d.close(); done(false); };
						};
						r.onerror = () => done(false);
					})`,
					undefined,
					{ timeout: 10_000, polling: 50 }
				);
				if (i >= warmup) samples.push(ms);
			}
			const s = summarize(samples);
			return measuredFigure(
				{
					...base,
					detail: `${stats(s)} (after ${warmup} warm-up); CPU throttled ${CPU_SLOWDOWN}×; before each load one answer changed in the interview (a keypress, "Saved"), so the report cache had no entry and the worker computed the report; each load showed the edited assessment's scores and the worker kept a new entry`,
					data: { ...s, samples: samples.map((x) => Math.round(x)) }
				},
				s.median
			);
		} catch (e) {
			return notMeasured(base, errText(e));
		} finally {
			await ctx.close();
		}
	}

	async scaleFigures(): Promise<Figure[]> {
		const storageBase = {
			id: 'storage-many',
			label: `Storage used by ${this.input.many.length} assessments (reported)`,
			unit: 'KB' as const,
			budget: null
		};
		const listBase = {
			id: 'list-many',
			label: `List of ${this.input.many.length} assessments opens (navigation → rows shown)`,
			unit: 'ms' as const,
			budget: { kind: 'max' as const, value: 300 }
		};
		const searchBase = {
			id: 'search-many',
			label: `Search in ${this.input.many.length} assessments (input → list updated, p95)`,
			unit: 'ms' as const,
			budget: { kind: 'max' as const, value: 100 }
		};
		const ctx = await this.context();
		const many = this.input.many;
		const rowSel = 'a[href*="interview?id="]';
		try {
			const t0 = performance.now();
			await this.seed(ctx, many);
			this.input.log(
				`  seeded ${many.length} assessments in ${((performance.now() - t0) / 1000).toFixed(1)} s`
			);
			const page = await ctx.newPage();
			/** Distinct assessment links that are rendered (hidden cards do not count). */
			const countRendered = (sel: string) =>
				page
					.locator(sel)
					.evaluateAll(
						(els) =>
							new Set(
								els.filter((e) => e.getClientRects().length > 0).map((e) => e.getAttribute('href'))
							).size
					);
			await page.goto(this.input.url + '/');
			let shown = 0;
			try {
				await page.waitForSelector(rowSel, { timeout: 10_000 });
				await page.waitForTimeout(300);
				shown = await countRendered(rowSel);
			} catch {
				const reason = 'the start page lists no assessments yet';
				return [
					notMeasured(listBase, reason),
					notMeasured(searchBase, reason),
					notMeasured(storageBase, reason)
				];
			}
			const est = await page.evaluate(async () => {
				const e = await navigator.storage.estimate();
				const details = (e as { usageDetails?: Record<string, number> }).usageDetails ?? {};
				return { usage: e.usage ?? 0, quota: e.quota ?? 0, details };
			});
			const storageFig = measuredFigure(
				{
					...storageBase,
					detail: `navigator.storage.estimate(): ${(est.usage / 2 ** 20).toFixed(1)} MB used of a ${(est.quota / 2 ** 30).toFixed(1)} GB quota${
						Object.keys(est.details).length
							? ` (${Object.entries(est.details)
									.map(([k, v]) => `${k} ${(v / 2 ** 20).toFixed(1)} MB`)
									.join(', ')})`
							: ''
					}; ${(est.usage / 1024 / many.length).toFixed(1)} KB per assessment`,
					data: est
				},
				est.usage / 1024
			);
			// A list that shows fewer rows than it has (paging, virtual scrolling) is measured to its first screen.
			const target = Math.min(shown, many.length);
			const listSamples: number[] = [];
			for (let i = 0; i < 6; i++) {
				await this.arm(page, 'navigation', {
					kind: 'count',
					sel: rowSel,
					min: target,
					distinct: 'href',
					rendered: true
				});
				await page.goto(this.input.url + '/');
				const ms = await this.result(page, 15_000);
				if (i > 0) listSamples.push(ms);
			}
			const ls = summarize(listSamples);
			const out: Figure[] = [
				storageFig,
				measuredFigure(
					{
						...listBase,
						detail: `${stats(ls)} (after 1 warm-up); ${shown} distinct assessment links shown; from navigation start`,
						data: { ...ls, shown }
					},
					ls.median
				)
			];
			const search = page.getByRole('searchbox').or(page.locator('input[type="search"]')).first();
			if ((await search.count()) === 0) {
				out.push(notMeasured(searchBase, 'the list has no search box yet'));
				return out;
			}
			const searchSamples: number[] = [];
			const typed: Record<string, number> = {};
			const cleared: number[] = [];
			const queries = [...SEARCH_WORDS.slice(0, 6).map((w) => w.toLowerCase()), 'health', 'labs'];

			let mismatch = '';
			for (const q of queries) {
				const expected = Math.min(expectedMatches(many, q), target);
				await this.arm(page, 'input', {
					kind: 'count',
					sel: rowSel,
					eq: expected,
					distinct: 'href',
					rendered: true
				});
				await search.fill(q);
				try {
					const ms = await this.result(page, 3_000);
					searchSamples.push(ms);
					typed[q] = Math.round(ms * 10) / 10;
				} catch {
					mismatch = `"${q}" shows ${await countRendered(rowSel)} entries, expected ${expected} (organisation names containing it)`;
					break;
				}
				await this.arm(page, 'input', {
					kind: 'count',
					sel: rowSel,
					eq: target,
					distinct: 'href',
					rendered: true
				});
				await search.fill('');
				const back = await this.result(page, 3_000);
				searchSamples.push(back);
				cleared.push(back);
			}
			if (mismatch) {
				out.push(notMeasured(searchBase, `search result not recognised: ${mismatch}`));
			} else {
				const ss = summarize(searchSamples);
				const ts = summarize(Object.values(typed));
				const cs = summarize(cleared);
				out.push(
					measuredFigure(
						{
							...searchBase,
							detail: `${stats(ss)}; ${queries.length} queries typed (median ${fmt(ts.median)}, max ${fmt(ts.max)}) and cleared back to all ${target} (median ${fmt(cs.median)}, max ${fmt(cs.max)})`,
							data: { ...ss, typed, cleared }
						},
						ss.p95
					)
				);
			}
			return out;
		} catch (e) {
			return [
				notMeasured(listBase, errText(e)),
				notMeasured(searchBase, errText(e)),
				notMeasured(storageBase, errText(e))
			];
		} finally {
			await ctx.close();
		}
	}

	// -------------------------------------------------------------------------------------------
	// PDF in the browser
	// -------------------------------------------------------------------------------------------

	async pdfFigures(): Promise<Figure[]> {
		const base = {
			id: 'pdf-browser',
			label: 'PDF, full assessment (browser: click → download, median)',
			unit: 'ms' as const,
			budget: { kind: 'max' as const, value: 1500 }
		};
		const firstBase = {
			id: 'pdf-browser-first',
			label: 'PDF, first export in a fresh browser (click → download)',
			unit: 'ms' as const,
			budget: { kind: 'max' as const, value: 1500 }
		};
		const tasksBase = {
			id: 'pdf-longtasks',
			label: 'Main-thread tasks over 50 ms while the PDF is produced',
			unit: 'count' as const,
			budget: { kind: 'max' as const, value: 0 }
		};
		const all = (reason: string) => [
			notMeasured(base, reason),
			notMeasured(firstBase, reason),
			notMeasured(tasksBase, reason)
		];
		if (!hasRoute('export')) return all('no /export page in the build yet');
		const ctx = await this.context();
		try {
			await this.seed(ctx, [this.input.full]);
			const page = await ctx.newPage();
			const samples: number[] = [];
			let first = 0;
			let size = 0;
			const tasks: TaskEntry[] = [];
			let workerRan = false;
			page.on('worker', (w) => {
				if (/pdf\.worker/.test(w.url())) workerRan = true;
			});
			for (let i = 0; i < 5; i++) {
				// Run 0 is the first export of a fresh browser context (empty HTTP cache); every run
				// loads the export page afresh, so the worker starts and warms up each time.
				await page.goto(`${this.input.url}/export?id=${this.input.full.id}`);
				const button = page.getByRole('button', { name: /download pdf/i }).first();
				try {
					await button.waitFor({ state: 'visible', timeout: 15_000 });
				} catch {
					return all('the export page has no "Download PDF" button');
				}
				await page.waitForLoadState('networkidle');
				const from = await page.evaluate(() => performance.now());
				const t0 = performance.now();
				const [download] = await Promise.all([
					page.waitForEvent('download', { timeout: 30_000 }),
					button.click()
				]);
				const ms = performance.now() - t0;
				// The page settles: it says which file it saved.
				await page
					.getByRole('status')
					.filter({ hasText: 'Saved soc2-readiness-' })
					.first()
					.waitFor({ timeout: 10_000 });
				const to = await page.evaluate(() => performance.now());
				const entries = await page.evaluate(
					() => (window as unknown as { __bench_longtasks?: TaskEntry[] }).__bench_longtasks ?? []
				);
				tasks.push(...tasksWithin(entries, from, to));
				const file = await download.path();
				const { readFileSync } = await import('node:fs');
				const bytes = readFileSync(file);
				if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
					throw new Error('the download is not a PDF');
				size = bytes.length;
				if (i === 0) first = ms;
				else samples.push(ms);
			}
			const s = summarize(samples);
			const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
			return [
				measuredFigure(
					{
						...base,
						detail: `${stats(s)} (after the first run; each on a freshly loaded export page, which starts the PDF worker and warms it with jsPDF and the fonts; the click comes once the network is idle); ${(size / 1024).toFixed(0)} KB${workerRan ? '; drawn in the PDF worker' : '; NO PDF WORKER SEEN'}`,
						data: { ...s, size }
					},
					s.median
				),
				measuredFigure(
					{
						...firstBase,
						detail: `fresh browser context (empty HTTP cache, service worker blocked): export page loaded, worker started and warmed, click once the network is idle`,
						data: { ms: first }
					},
					first
				),
				measuredFigure(
					{
						...tasksBase,
						detail: `PerformanceObserver "longtask" on the page, from the click until the page settled after the download, 5 exports: ${tasks.length ? `longest ${Math.round(longest)} ms; ${tasks.map((t) => Math.round(t.duration)).join(', ')} ms` : 'none'}`,
						data: tasks
					},
					tasks.length
				)
			];
		} catch (e) {
			return all(errText(e));
		} finally {
			await ctx.close();
		}
	}
}

/** The page's instrumentation (lib/instrument.ts). */
interface Instrument {
	arm: (event: ArmEvent, wait: WaitCondition) => void;
	result: () => number | null;
	wait: (timeout: number) => Promise<number>;
	done: () => void;
}

declare global {
	interface Window {
		__bench?: {
			clearAll: () => Promise<void>;
			seed: (list: Assessment[]) => Promise<number>;
			timeSaveAnswer: (id: string, questionIds: string[], n: number) => Promise<number[]>;
			count: () => Promise<{ assessments: number; answers: number }>;
		};
	}
}
