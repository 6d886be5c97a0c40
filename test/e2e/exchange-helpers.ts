/**
 * Helpers shared by the specs where several devices exchange an assessment: a second browser
 * profile, importing and exporting a file from the list, and the stored value of an answer read
 * with the raw IndexedDB API (foundation.spec.ts, merge.spec.ts, team-sync.spec.ts).
 */
import type { Browser, BrowserContext, Download, Page } from '@playwright/test';
import { expect } from './fixtures';
import { DB_NAME } from './reliability-helpers';

export interface Profile {
	ctx: BrowserContext;
	page: Page;
	/** Requests to any origin other than this machine (the privacy promise: stays empty). */
	offsite: string[];
	/** Uncaught page errors and CSP refusals. */
	errors: string[];
}

/** A browser profile that shares nothing with the others (its own storage and service worker). */
export async function otherProfile(
	browser: Browser,
	baseURL: string,
	viewport?: { width: number; height: number }
): Promise<Profile> {
	const ctx = await browser.newContext({ baseURL, ...(viewport ? { viewport } : {}) });
	const offsite: string[] = [];
	const errors: string[] = [];
	ctx.on('request', (r) => {
		const u = new URL(r.url());
		if (
			!['127.0.0.1', 'localhost'].includes(u.hostname) &&
			!['data:', 'blob:'].includes(u.protocol)
		)
			offsite.push(r.url());
	});
	const page = await ctx.newPage();
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text()))
			errors.push(m.text());
	});
	return { ctx, page, offsite, errors };
}

/** The card of an assessment on the list page. */
export function assessmentCard(page: Page, organisation: string) {
	return page.locator('li[data-assessment-id]').filter({
		has: page.getByRole('heading', { name: organisation, exact: true })
	});
}

/** Import a file with the list page's Import button (as a user does), on the open page. */
export async function importFile(page: Page, file: string): Promise<void> {
	const chooser = page.waitForEvent('filechooser');
	await page
		.getByRole('button', { name: 'Import', exact: true })
		.or(page.getByRole('button', { name: /Import an assessment file/ }))
		.click();
	await (await chooser).setFiles(file);
}

/** Go to the list page, then import a file there. */
export async function importFromList(page: Page, file: string): Promise<void> {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await importFile(page, file);
}

/** Export an assessment from its card on the open list page (optionally encrypted). */
export async function exportViaUi(
	page: Page,
	organisation: string,
	passphrase?: string
): Promise<Download> {
	await assessmentCard(page, organisation)
		.getByRole('button', { name: `Export ${organisation}` })
		.click();
	const dialog = page.getByRole('dialog', { name: `Export “${organisation}”` });
	if (passphrase) {
		await dialog.getByText('Encrypt with a passphrase').click();
		await dialog.getByLabel('Passphrase', { exact: true }).fill(passphrase);
		await dialog.getByLabel('Repeat the passphrase').fill(passphrase);
	}
	const download = page.waitForEvent('download');
	await dialog.getByRole('button', { name: 'Download file' }).click();
	return download;
}

/** Go to the list page, export an assessment and save the file as `file`. */
export async function exportToFile(page: Page, organisation: string, file: string): Promise<void> {
	await page.goto('/');
	const download = await exportViaUi(page, organisation);
	await download.saveAs(file);
	await expect(page.getByRole('dialog', { name: `Export “${organisation}”` })).toBeHidden();
}

/** The stored value of an answer, read with the raw IndexedDB API (what an export reads). */
export function storedValue(
	page: Page,
	assessmentId: string,
	questionId: string
): Promise<unknown> {
	return page.evaluate(
		async ([name, id, qid]) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const r = indexedDB.open(name!);
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
			const row = await new Promise<{ value?: unknown } | undefined>((resolve, reject) => {
				const rq = db.transaction('answers').objectStore('answers').get([id!, qid!]);
				rq.onsuccess = () => resolve(rq.result);
				rq.onerror = () => reject(rq.error);
			});
			db.close();
			return row?.value ?? null;
		},
		[DB_NAME, assessmentId, questionId]
	);
}
