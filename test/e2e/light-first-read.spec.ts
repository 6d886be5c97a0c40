/**
 * Issue 19, the light first read: each page about a stored assessment (and the library page),
 * opened fresh, shows its content read with plain IndexedDB, without Dexie; the first write then
 * loads Dexie, saves, and the change is there after a reload. A device without a database yet
 * still opens (Dexie creates it).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SAVED, saveStatus } from './reliability-helpers';

const FIXTURE = 'test/fixtures/assessments/full-workshop.json';
const ID = 'persona-full-workshop';
const ORG = 'Brightwater Analytics';
/** A maturity question of the fixture, answered there at level 3. */
const QID = 'cc1-code-of-conduct';

async function importFixture(page: Page): Promise<void> {
	await page.goto('/');
	await page.locator('[data-testid="import-input"]').setInputFiles(FIXTURE);
	await expect(page.getByText(/Imported “/)).toBeVisible();
}

/** Whether a script holding Dexie has been loaded by the page (Dexie's own error class name). */
function dexieLoaded(page: Page): Promise<boolean> {
	return page.evaluate(async () => {
		const urls = performance
			.getEntriesByType('resource')
			.map((e) => e.name)
			.filter((u) => /\.m?js(\?|$)/.test(u));
		for (const u of urls) if ((await (await fetch(u)).text()).includes('DexieError')) return true;
		return false;
	});
}

/** A setting as stored (plain IndexedDB, as a second look at what the page wrote). */
function storedSetting(page: Page, key: string): Promise<unknown> {
	return page.evaluate(
		(k) =>
			new Promise((resolve, reject) => {
				const r = indexedDB.open('soc2-readiness');
				r.onerror = () => reject(r.error);
				r.onsuccess = () => {
					const g = r.result.transaction('settings').objectStore('settings').get(k);
					g.onsuccess = () => {
						resolve((g.result as { value?: unknown } | undefined)?.value);
						r.result.close();
					};
					g.onerror = () => reject(g.error);
				};
			}),
		key
	);
}

/** The plan actions stored as done for an assessment (plain IndexedDB). */
function doneMarks(page: Page, id: string): Promise<string[]> {
	return page.evaluate(
		(key) =>
			new Promise<string[]>((resolve, reject) => {
				const r = indexedDB.open('soc2-readiness');
				r.onerror = () => reject(r.error);
				r.onsuccess = () => {
					const g = r.result.transaction('assessments').objectStore('assessments').get(key);
					g.onsuccess = () => {
						const marks = (g.result?.planOverrides ?? {}) as Record<string, { done?: boolean }>;
						resolve(Object.keys(marks).filter((k) => marks[k]?.done === true));
						r.result.close();
					};
					g.onerror = () => reject(g.error);
				};
			}),
		id
	);
}

test.describe('a page opened fresh reads without Dexie, and its first write works', () => {
	test.beforeEach(async ({ page }) => {
		test.setTimeout(120_000);
		await page.setViewportSize({ width: 1366, height: 768 });
		await importFixture(page);
	});

	for (const route of ['interview', 'present'] as const) {
		test(`/${route}`, async ({ page }) => {
			await page.goto(`/${route}?id=${ID}&q=${QID}`);
			const card = page.locator('main article.qcard');
			await expect(card).toHaveAttribute('data-question', QID);
			await expect(page.getByRole('radio', { name: 'Level 3: Implemented' })).toBeChecked();
			expect(await dexieLoaded(page), 'Dexie loaded before any interaction').toBe(false);

			// The answer key (the first interaction also starts loading Dexie).
			await page.keyboard.press('4');
			await expect(page.getByRole('radio', { name: 'Level 4: Operating' })).toBeChecked();
			await expect(saveStatus(page)).toHaveText(SAVED);
			expect(await dexieLoaded(page), 'Dexie loaded for the write').toBe(true);

			await page.reload();
			// The place opened at was stored too (without Dexie): the reload resumes there.
			await expect(card).toHaveAttribute('data-question', QID);
			await expect(page.getByRole('radio', { name: 'Level 4: Operating' })).toBeChecked();
		});
	}

	test('/results', async ({ page }) => {
		await page.goto(`/results?id=${ID}`);
		await expect(page.getByRole('heading', { level: 1, name: ORG })).toBeVisible();
		await expect(page.getByTestId('score-overall')).toHaveText(/^\d+\s%$/);
		expect(await dexieLoaded(page), 'Dexie loaded before any interaction').toBe(false);

		const toc = page.getByRole('navigation', { name: 'On this page' });
		await toc.getByRole('link', { name: 'Remediation plan', exact: true }).click();
		const plan = page.getByRole('region', { name: 'Remediation plan', exact: true });
		// By its id: once ticked, the action may no longer be the first checkbox of the region.
		const id = await plan.getByRole('checkbox').first().getAttribute('id');
		expect(id, 'the first action has an id').toBeTruthy();
		const first = page.locator(`[id="${id}"]`);
		await expect(first).not.toBeChecked();
		await first.check();
		const panel = plan.getByRole('region', { name: 'What if', exact: true });
		await expect(panel).toContainText(/With \d+ actions? done/);
		// Stored (read back with plain IndexedDB) before the reload.
		await expect.poll(async () => (await doneMarks(page, ID)).length).toBeGreaterThan(0);
		expect(await dexieLoaded(page), 'Dexie loaded for the write').toBe(true);

		await page.reload();
		await toc.getByRole('link', { name: 'Remediation plan', exact: true }).click();
		await expect(page.locator(`[id="${id}"]`)).toBeChecked();
		await expect(panel).toContainText(/With \d+ actions? done/);
	});

	test('/export', async ({ page }) => {
		await page.goto(`/export?id=${ID}`);
		await expect(page.getByRole('heading', { level: 1, name: ORG })).toBeVisible();
		await expect(page.getByRole('button', { name: /download pdf/i }).first()).toBeVisible();
		expect(await dexieLoaded(page), 'Dexie loaded before any interaction').toBe(false);

		const letter = page.getByRole('radio', { name: /US Letter/ });
		const a4 = page.getByRole('radio', { name: /A4/ });
		const other = (await letter.isChecked()) ? a4 : letter;
		const value = (await letter.isChecked()) ? 'a4' : 'letter';
		await other.check();
		await expect.poll(() => storedSetting(page, 'report.paper')).toBe(value);
		expect(await dexieLoaded(page), 'Dexie loaded for the write').toBe(true);

		await page.reload();
		await expect(other).toBeChecked();
	});

	test('/library', async ({ page }) => {
		await page.goto('/library');
		await expect(page.getByRole('heading', { level: 1, name: 'Firm library' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Create the library' })).toBeVisible();
		expect(await dexieLoaded(page), 'Dexie loaded before any interaction').toBe(false);

		await page.getByLabel('Library name').fill('Acme Advisory method');
		await page.getByRole('button', { name: 'Create the library' }).click();
		await expect(page.getByRole('heading', { name: 'Custom questions (0)' })).toBeVisible();
		expect(await dexieLoaded(page), 'Dexie loaded for the write').toBe(true);

		await page.reload();
		await expect(page.getByRole('heading', { name: 'Custom questions (0)' })).toBeVisible();
		await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Acme Advisory method');
	});
});

test('a device without a database yet: the pages open through Dexie, which creates it', async ({
	page
}) => {
	await page.goto(`/results?id=${ID}`);
	await expect(page.getByText('This assessment is not on this device.')).toBeVisible();
	const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
	expect(names).toContain('soc2-readiness');
	await page.goto('/library');
	await expect(page.getByRole('button', { name: 'Create the library' })).toBeVisible();
});
