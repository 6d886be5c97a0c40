/**
 * Helpers shared by the reliability and security end-to-end tests (not a spec file).
 *
 * Storage is inspected and seeded with the plain IndexedDB API from inside the page, never
 * through the app's own code, so the tests see exactly what the browser stored.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import type { Assessment, MaturityAnswer } from '../../src/lib/domain/types';

export const DB_NAME = 'soc2-readiness';

/** The same Chromium flags as playwright.config.ts. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

/** A persona from test/fixtures/assessments (export format), with a fresh id and name. */
export function persona(
	name = 'all-not-in-place',
	overrides: Partial<Assessment> = {}
): Assessment {
	const doc = JSON.parse(readFileSync(`test/fixtures/assessments/${name}.json`, 'utf8')) as {
		assessment: Assessment;
	};
	const a = structuredClone(doc.assessment);
	a.id = `e2e-${Math.random().toString(36).slice(2)}-${Date.now()}`;
	a.interview = null;
	return { ...a, ...overrides };
}

/**
 * Launch a persistent Chromium profile (user-data dir survives a "browser restart"). Requests to
 * non-local origins are recorded into `offsite` (the shared fixture does this for its own
 * context only).
 */
export async function launchProfile(
	dir: string,
	testInfo: TestInfo,
	offsite: string[]
): Promise<BrowserContext> {
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
		baseURL: testInfo.project.use.baseURL,
		serviceWorkers: 'allow'
	});
	recordOffsite(ctx, offsite);
	return ctx;
}

export function newProfileDir(): string {
	return mkdtempSync(join(tmpdir(), 'soc2-e2e-profile-'));
}

export function recordOffsite(ctx: BrowserContext, offsite: string[]): void {
	ctx.on('request', (req) => {
		const url = new URL(req.url());
		const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
		if (!local && !['data:', 'blob:', 'chrome-extension:'].includes(url.protocol)) {
			offsite.push(req.url());
		}
	});
}

/** Open the app once so that it creates its database at the current schema version. */
export async function ensureDb(page: Page): Promise<void> {
	await page.goto('/interview?id=__none__');
	// The first visit also installs the service worker, which precaches about 3 MB at the same
	// time: on a loaded machine the page can take longer than the default 10 s (seen once with a
	// load average of 15). Only set-up waits longer; what the tests check keeps its limits.
	await expect(page.getByRole('heading', { name: 'Assessment not found' })).toBeVisible({
		timeout: 30_000
	});
}

/**
 * Store an assessment the way the app stores it (rows of schema version 3), in one transaction.
 * Used to set up a realistic assessment quickly; the tests then work through the real UI.
 */
export async function seedAssessment(page: Page, a: Assessment): Promise<void> {
	await ensureDb(page);
	await page.evaluate(
		async ({ a, name }) => {
			const db = await new Promise<IDBDatabase>((res, rej) => {
				const r = indexedDB.open(name);
				r.onsuccess = () => res(r.result);
				r.onerror = () => rej(r.error);
			});
			const tx = db.transaction(['assessments', 'answers'], 'readwrite');
			const { answers, ...rest } = a;
			const answered = Object.values(answers).filter(
				(x) => x.value !== null && x.value !== undefined
			).length;
			tx.objectStore('assessments').put({
				...rest,
				revision: 1,
				orgKey: a.meta.organisation.trim().toLocaleLowerCase(),
				answeredCount: answered,
				// The list's covering index (src/lib/db: ListKey).
				listKey: [
					a.updatedAt,
					a.id,
					a.meta.organisation,
					a.meta.assessor ?? '',
					a.meta.assessmentDate ?? '',
					a.meta.targetReportDate ?? '',
					a.createdAt,
					a.lastExportedAt ?? '',
					answered
				]
			});
			for (const [questionId, ans] of Object.entries(answers)) {
				tx.objectStore('answers').put({ ...ans, assessmentId: a.id, questionId });
			}
			await new Promise((res, rej) => {
				tx.oncomplete = res;
				tx.onerror = () => rej(tx.error);
				tx.onabort = () => rej(tx.error);
			});
			db.close();
		},
		{ a, name: DB_NAME }
	);
}

export type StoreDump = Record<string, unknown[]>;

/** Every object store of every IndexedDB database of the origin, with every row. */
export async function dumpAllDatabases(page: Page): Promise<Record<string, StoreDump>> {
	return page.evaluate(async () => {
		const out: Record<string, Record<string, unknown[]>> = {};
		for (const info of await indexedDB.databases()) {
			if (!info.name) continue;
			const db = await new Promise<IDBDatabase>((res, rej) => {
				const r = indexedDB.open(info.name!);
				r.onsuccess = () => res(r.result);
				r.onerror = () => rej(r.error);
			});
			const stores: Record<string, unknown[]> = {};
			const names = [...db.objectStoreNames];
			if (names.length) {
				const tx = db.transaction(names, 'readonly');
				for (const s of names) {
					stores[s] = await new Promise<unknown[]>((res, rej) => {
						const r = tx.objectStore(s).getAll();
						r.onsuccess = () => res(r.result);
						r.onerror = () => rej(r.error);
					});
				}
			}
			db.close();
			out[info.name] = stores;
		}
		return out;
	});
}

export interface StoredState {
	row: (Omit<Assessment, 'answers'> & { revision: number; answeredCount: number }) | null;
	answers: Record<string, MaturityAnswer & { assessmentId: string; questionId: string }>;
}

/** The stored assessment row and its answer rows, read with plain IndexedDB. */
export async function readStored(page: Page, id: string): Promise<StoredState> {
	const all = await dumpAllDatabases(page);
	const db = all[DB_NAME] ?? {};
	const row = ((db.assessments ?? []) as { id: string }[]).find((r) => r.id === id) ?? null;
	const answers: StoredState['answers'] = {};
	for (const r of (db.answers ?? []) as StoredState['answers'][string][]) {
		if (r.assessmentId === id) answers[r.questionId] = r;
	}
	return { row: row as StoredState['row'], answers };
}

/**
 * The status text the interview shows only after a write has committed: "Saved", optionally
 * followed by the time ("Saved · 10:21"). Not the idle text ("Saved on this device").
 */
export const SAVED = /^Saved(\u00a0·.*)?$/;

/**
 * The interview's "Updated with changes saved in another window." notice: once it is on the page,
 * this tab has merged a change another tab saved (a real condition to wait for, instead of a
 * fixed delay). Dismiss an earlier one first to wait for the next.
 */
export function otherWindowNotice(page: Page) {
	return page.getByRole('status').filter({ hasText: 'another window' });
}

/** The save-status live region of the interview. */
export function saveStatus(page: Page) {
	return page.getByTestId('save-status');
}

/** The id of the maturity question on screen. */
export async function currentQuestionId(page: Page): Promise<string> {
	const labelled = await page.locator('article.qcard').getAttribute('aria-labelledby');
	const m = /^q-(.+)-prompt$/.exec(labelled ?? '');
	if (!m) throw new Error(`no question on screen (aria-labelledby=${labelled})`);
	return m[1]!;
}

/** Open the interview of an assessment at a maturity question (or the first one). */
export async function openQuestion(page: Page, id: string, questionId?: string): Promise<string> {
	const q = questionId ? `&q=${encodeURIComponent(questionId)}` : '&stage=maturity';
	await page.goto(`/interview?id=${encodeURIComponent(id)}${q}`);
	await expect(page.locator('article.qcard')).toBeVisible();
	const shown = await currentQuestionId(page);
	if (questionId) expect(shown).toBe(questionId);
	return shown;
}

/** The radio of a maturity level on the question card. */
export function levelRadio(page: Page, value: string) {
	return page.locator(`article.qcard input[type="radio"][value="${value}"]`);
}

/**
 * Record every text the save-status live region shows from now on (a MutationObserver in the
 * page), so a test can prove "Saved" was never claimed.
 */
export async function recordSaveTexts(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __saveTexts: string[] };
		w.__saveTexts = [];
		const el = document.querySelector('[data-testid="save-status"]')!;
		new MutationObserver(() => w.__saveTexts.push(el.textContent ?? '')).observe(el, {
			subtree: true,
			childList: true,
			characterData: true
		});
	});
}

/**
 * Press an answer key and wait until the page has committed one more write (the status's
 * `data-saves` counter) and says "Saved". (The status says "Saving…" only for a save that takes
 * long, so the counter, not a "Saving…" seen first, tells this write's "Saved" from an earlier.)
 */
export async function answerAndWaitSaved(page: Page, key: string): Promise<void> {
	await recordSaveTexts(page);
	const before = Number(await saveStatus(page).getAttribute('data-saves'));
	expect(Number.isInteger(before), 'the save status counts commits').toBe(true);
	await page.keyboard.press(key);
	await expect
		.poll(async () => Number(await saveStatus(page).getAttribute('data-saves')), {
			timeout: 10_000
		})
		.toBeGreaterThan(before);
	await expect(saveStatus(page)).toHaveText(SAVED);
}

export async function savedTexts(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { __saveTexts: string[] }).__saveTexts);
}

/**
 * Install (before any page script) a recorder of CSP violations and a trap for XSS payloads:
 * payloads set `window.__xss`; any set is recorded even if a later script deletes it.
 */
export async function installSecurityProbes(ctx: BrowserContext): Promise<void> {
	await ctx.addInitScript(() => {
		const w = window as unknown as { __csp: string[]; __xssHits: unknown[] };
		w.__csp = [];
		w.__xssHits = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			w.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
		);
		Object.defineProperty(window, '__xss', {
			configurable: false,
			get: () => undefined,
			set: (v) => void w.__xssHits.push(v)
		});
	});
}

export async function securityProbeResults(
	page: Page
): Promise<{ csp: string[]; xss: unknown[]; jsLinks: string[] }> {
	return page.evaluate(() => {
		const w = window as unknown as { __csp?: string[]; __xssHits?: unknown[] };
		const jsLinks = [...document.querySelectorAll('a[href], area[href], [formaction], iframe[src]')]
			.map(
				(e) => e.getAttribute('href') ?? e.getAttribute('formaction') ?? e.getAttribute('src') ?? ''
			)
			.filter((h) =>
				// Browsers drop control characters and spaces when they parse a URL scheme.
				/^(javascript|vbscript|data):/i.test([...h].filter((c) => c.charCodeAt(0) > 0x20).join(''))
			);
		return { csp: w.__csp ?? [], xss: w.__xssHits ?? [], jsLinks };
	});
}
