/**
 * Lighthouse 12 (mobile emulation, simulated throttling — its defaults) against the locally
 * served build, in Debian Chromium started by chrome-launcher. The browser cannot resolve any
 * host but the local one, so nothing leaves the machine.
 */
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH, E2E_FLAGS, OFFLINE_FLAGS } from './lib/chromium';
import { median } from './lib/stats';

export type CategoryKey = 'performance' | 'accessibility' | 'best-practices';
export const CATEGORIES: CategoryKey[] = ['performance', 'accessibility', 'best-practices'];

export interface LighthouseRun {
	scores: Record<CategoryKey, number>;
	/** Audits that cost points, per category: "id (score)". */
	failing: Record<CategoryKey, string[]>;
	metrics: Record<string, number>;
	/** Requests Lighthouse saw that did not go to the local server. */
	offMachine: string[];
	finalUrl: string;
	/** What drives the metrics: LCP element, layout-shift culprits, render-blocking resources. */
	diagnostics: string[];
}

export interface LighthouseResult {
	runs: LighthouseRun[];
	/** Median score per category. */
	scores: Record<CategoryKey, number>;
}

interface Lhr {
	finalDisplayedUrl: string;
	categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
	audits: Record<
		string,
		{
			score: number | null;
			scoreDisplayMode: string;
			numericValue?: number;
			displayValue?: string;
			details?: { items?: Record<string, unknown>[] };
		}
	>;
}

export interface LighthouseOptions {
	runs: number;
	/** Called with the DevTools port before the runs (e.g. to seed IndexedDB); storage is then kept. */
	prepare?: (cdpUrl: string) => Promise<void>;
	/** Write each run's full Lighthouse report (JSON) as `${saveAs}-${n}.json`. */
	saveAs?: string;
}

export async function runLighthouse(
	url: string,
	opts: LighthouseOptions
): Promise<LighthouseResult> {
	const runs: LighthouseRun[] = [];
	// Each run in a browser of its own, prepared afresh: with storage kept for the seeded
	// assessment, a second run in the same browser would find the first one's HTTP and
	// service-worker caches and score a repeat visit.
	for (let i = 0; i < opts.runs; i++) {
		const chrome = await launch({
			chromePath: CHROMIUM_PATH,
			chromeFlags: ['--headless=new', ...E2E_FLAGS, ...OFFLINE_FLAGS, '--disable-dev-shm-usage'],
			logLevel: 'silent'
		});
		try {
			if (opts.prepare) await opts.prepare(`http://127.0.0.1:${chrome.port}`);
			const result = await lighthouse(url, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: CATEGORIES,
				disableStorageReset: !!opts.prepare
			});
			if (!result) throw new Error('Lighthouse returned no result');
			const lhr = result.lhr as unknown as Lhr;
			if (opts.saveAs) writeFileSync(`${opts.saveAs}-${i + 1}.json`, JSON.stringify(result.lhr));
			runs.push(summariseLhr(lhr));
		} finally {
			await chrome.kill();
		}
	}
	const scores = Object.fromEntries(
		CATEGORIES.map((c) => [c, median(runs.map((r) => r.scores[c]))])
	) as Record<CategoryKey, number>;
	return { runs, scores };
}

function summariseLhr(lhr: Lhr): LighthouseRun {
	const scores = {} as Record<CategoryKey, number>;
	const failing = {} as Record<CategoryKey, string[]>;
	for (const c of CATEGORIES) {
		const cat = lhr.categories[c];
		scores[c] = Math.round((cat?.score ?? 0) * 100);
		failing[c] = (cat?.auditRefs ?? [])
			.filter((ref) => ref.weight > 0)
			.map((ref) => ({ id: ref.id, audit: lhr.audits[ref.id] }))
			.filter(
				({ audit }) =>
					audit &&
					audit.score !== null &&
					audit.score < 1 &&
					audit.scoreDisplayMode !== 'notApplicable'
			)
			.map(({ id, audit }) => `${id} (${audit?.score})`);
	}
	const metrics: Record<string, number> = {};
	for (const id of [
		'first-contentful-paint',
		'largest-contentful-paint',
		'total-blocking-time',
		'cumulative-layout-shift',
		'speed-index',
		'interactive'
	]) {
		const v = lhr.audits[id]?.numericValue;
		if (typeof v === 'number') metrics[id] = v;
	}
	const offMachine = (lhr.audits['network-requests']?.details?.items ?? [])
		.map((it) => String(it.url ?? ''))
		.filter((u) => u && !/^(https?:\/\/(127\.0\.0\.1|localhost)[:/]|data:|blob:)/.test(u));
	return {
		scores,
		failing,
		metrics,
		offMachine,
		finalUrl: lhr.finalDisplayedUrl,
		diagnostics: diagnostics(lhr)
	};
}

/** Short descriptions of the elements behind LCP and CLS (from the audits' node details). */
function diagnostics(lhr: Lhr): string[] {
	const out: string[] = [];
	const node = (item: Record<string, unknown> | undefined): string => {
		const n = (item?.node ?? item) as { selector?: string; snippet?: string } | undefined;
		return n?.selector ?? n?.snippet ?? '?';
	};
	const findNodes = (items: Record<string, unknown>[] | undefined): Record<string, unknown>[] => {
		const found: Record<string, unknown>[] = [];
		const walk = (v: unknown) => {
			if (!v || typeof v !== 'object') return;
			if ((v as { type?: string }).type === 'node') found.push(v as Record<string, unknown>);
			for (const x of Object.values(v)) walk(x);
		};
		walk(items);
		return found;
	};
	const lcp = findNodes(lhr.audits['largest-contentful-paint-element']?.details?.items)[0];
	if (lcp) out.push(`LCP element ${node(lcp)}`);
	const shifts = lhr.audits['layout-shifts']?.details?.items ?? [];
	for (const it of shifts.slice(0, 3)) {
		const score = typeof it.score === 'number' ? it.score.toFixed(3) : '?';
		out.push(`layout shift ${score} at ${node(findNodes([it])[0])}`);
	}
	const blocking = lhr.audits['render-blocking-resources']?.details?.items ?? [];
	if (blocking.length)
		out.push(
			`render-blocking: ${blocking
				.map((b) =>
					String(b.url ?? '')
						.split('/')
						.pop()
				)
				.sort()
				.join(', ')}`
		);
	return out;
}

/** Seed IndexedDB through the bench harness in the Lighthouse browser's default profile. */
export function seedVia(
	harnessUrl: string,
	seed: (page: import('@playwright/test').Page) => Promise<void>
) {
	return async (cdpUrl: string) => {
		const browser = await chromium.connectOverCDP(cdpUrl);
		try {
			const context = browser.contexts()[0];
			if (!context) throw new Error('No default browser context');
			const page = await context.newPage();
			await page.goto(harnessUrl);
			await seed(page);
			await page.close();
		} finally {
			await browser.close();
		}
	};
}
