/**
 * Issue 19, the light first read: each page about a stored assessment (and the library page and
 * the start page), opened fresh, shows its content read with plain IndexedDB, without Dexie; the
 * first write then loads Dexie, saves, and the change is there after a reload. A device without
 * a database yet still opens (Dexie creates it; the start page shows its empty state).
 */
import type { Page } from '@playwright/test';
import { assessmentCard as card } from './exchange-helpers';
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

/** Whether a script holding `text` has been loaded by the page. */
function scriptLoaded(page: Page, text: string): Promise<boolean> {
	return page.evaluate(async (t) => {
		// The fetches below are timed entries too: room for them, so that none of the page's own
		// later scripts is left out of the list (the buffer holds 250 by default).
		performance.setResourceTimingBufferSize(100_000);
		const urls = performance
			.getEntriesByType('resource')
			.map((e) => e.name)
			.filter((u) => /\.m?js(\?|$)/.test(u));
		for (const u of urls) if ((await (await fetch(u)).text()).includes(t)) return true;
		return false;
	}, text);
}

/** Whether a script holding Dexie has been loaded by the page (Dexie's own error class name). */
function dexieLoaded(page: Page): Promise<boolean> {
	return scriptLoaded(page, 'DexieError');
}

/** Whether Yjs (the document layer) has been loaded by the page (its own warning's words). */
function yjsLoaded(page: Page): Promise<boolean> {
	return scriptLoaded(page, 'Yjs was already imported');
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

	test('/interview left alone reads the document ahead of its first write, a few seconds later', async ({
		page
	}) => {
		await page.goto(`/interview?id=${ID}&q=${QID}`);
		await expect(page.locator('main article.qcard')).toHaveAttribute('data-question', QID);
		expect(await dexieLoaded(page), 'Dexie loaded before any interaction').toBe(false);
		expect(await yjsLoaded(page), 'the document layer loaded before any interaction').toBe(false);
		// No key, no click: once the page has been quiet for a while, what the first write needs
		// is loaded (the copy of the document is read in the same step).
		await expect.poll(() => yjsLoaded(page), { timeout: 30_000 }).toBe(true);
		expect(await dexieLoaded(page)).toBe(true);
		await page.keyboard.press('4');
		await expect(page.getByRole('radio', { name: 'Level 4: Operating' })).toBeChecked();
		await expect(saveStatus(page)).toHaveText(SAVED);
		await page.reload();
		await expect(page.getByRole('radio', { name: 'Level 4: Operating' })).toBeChecked();
	});

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

test.describe('the start page opened fresh lists without Dexie; its dialogs write through it', () => {
	const STORED = [
		['test/fixtures/assessments/full-workshop.json', 'Brightwater Analytics'],
		['test/fixtures/assessments/health-data.json', 'CarePath Health'],
		['test/fixtures/assessments/renewal-type2.json', 'Steady Renewals Ltd']
	] as const;

	/** The organisation names on the cards, sorted (the list's order is tested elsewhere). */
	const names = async (page: Page) =>
		(await page.locator('li[data-assessment-id]:not([hidden]) h2').allTextContents())
			.map((t) => t.trim())
			.sort();

	/** Open a card's menu and one of its actions. */
	async function action(page: Page, organisation: string, name: string): Promise<void> {
		await card(page, organisation)
			.getByRole('button', { name: /More actions/ })
			.click();
		await page.getByRole('button', { name }).click();
	}

	test('three stored assessments, then create, rename, duplicate, delete and undo; a second tab live', async ({
		page
	}) => {
		test.setTimeout(180_000);
		await page.setViewportSize({ width: 1366, height: 768 });
		await page.goto('/');
		for (const [file, org] of STORED) {
			await page.locator('[data-testid="import-input"]').setInputFiles(file);
			await expect(page.getByText(`Imported “${org}”.`)).toBeVisible();
		}

		// Fresh: the three are listed, with their counts and backup badges, and no Dexie.
		await page.goto('/');
		await expect.poll(() => names(page)).toEqual(STORED.map(([, org]) => org).sort());
		await expect(page.getByText('3 assessments on this device')).toBeVisible();
		await expect(card(page, 'CarePath Health')).toContainText(/\d+ answers?/);
		await expect(page.getByTestId('storage-usage')).toBeVisible();
		expect(await dexieLoaded(page), 'Dexie loaded before any interaction').toBe(false);

		// A second tab renames one: this page, untouched, shows it live (Dexie loads for it).
		const other = await page.context().newPage();
		await other.goto('/');
		await action(other, 'Steady Renewals Ltd', 'Rename');
		const otherRename = other.getByRole('dialog', { name: 'Rename assessment' });
		await otherRename.getByRole('textbox').fill('Steady Renewals Group');
		await otherRename.getByRole('button', { name: 'Rename' }).click();
		await expect(otherRename).toBeHidden();
		await expect(card(page, 'Steady Renewals Group')).toBeVisible();
		expect(await dexieLoaded(page), 'Dexie loaded to follow the change').toBe(true);
		await other.close();

		// Create (the page is fresh again: the click loads Dexie, the write waits for it).
		await page.goto('/');
		await expect(card(page, 'Brightwater Analytics')).toBeVisible();
		expect(await dexieLoaded(page), 'Dexie loaded before any interaction').toBe(false);
		await page.getByRole('button', { name: 'New assessment' }).click();
		const create = page.getByRole('dialog', { name: 'New assessment' });
		await create.getByRole('textbox', { name: 'Organisation', exact: true }).fill('Fresh Start Co');
		await create.getByRole('textbox', { name: 'Assessor' }).fill('Ada Lovelace');
		await create.getByRole('button', { name: 'Create and start' }).click();
		await page.waitForURL(/\/interview\?id=/);
		await page.goto('/');
		await expect(card(page, 'Fresh Start Co')).toBeVisible();

		// Rename, on a freshly loaded page.
		await page.reload();
		await action(page, 'Fresh Start Co', 'Rename');
		const rename = page.getByRole('dialog', { name: 'Rename assessment' });
		await rename.getByRole('textbox').fill('Fresh Start Group');
		await rename.getByRole('button', { name: 'Rename' }).click();
		await expect(rename).toBeHidden();
		await expect(card(page, 'Fresh Start Group')).toBeVisible();
		await page.reload();
		await expect(card(page, 'Fresh Start Group')).toBeVisible();
		await expect(card(page, 'Fresh Start Co')).toHaveCount(0);

		// Duplicate.
		await action(page, 'CarePath Health', 'Duplicate');
		const dup = page.getByRole('dialog', { name: 'Duplicate assessment' });
		await dup.getByRole('textbox', { name: 'Name of the copy' }).fill('CarePath Health Q3');
		await dup.getByRole('button', { name: 'Duplicate' }).click();
		await expect(card(page, 'CarePath Health Q3')).toBeVisible();
		await page.reload();
		await expect(card(page, 'CarePath Health Q3')).toBeVisible();

		// Delete, then undo.
		await action(page, 'Brightwater Analytics', 'Delete…');
		await page
			.getByRole('dialog', { name: 'Delete “Brightwater Analytics”?' })
			.getByRole('button', { name: 'Delete' })
			.click();
		await expect(card(page, 'Brightwater Analytics')).toHaveCount(0);
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(card(page, 'Brightwater Analytics')).toBeVisible();
		await page.reload();
		await expect
			.poll(() => names(page))
			.toEqual(
				[
					'Brightwater Analytics',
					'CarePath Health',
					'CarePath Health Q3',
					'Fresh Start Group',
					'Steady Renewals Group'
				].sort()
			);
		expect(await dexieLoaded(page), 'Dexie loaded before any interaction').toBe(false);

		// A card's link opens the interview, which reads without Dexie too: the press on the link
		// does not load it on the way.
		await card(page, 'CarePath Health').getByRole('link', { name: 'CarePath Health' }).click();
		await page.waitForURL(/\/interview\?id=persona-health-data/);
		await expect(page.locator('main').getByRole('heading').first()).toBeVisible();
		expect(await dexieLoaded(page), 'Dexie loaded by following a link').toBe(false);
	});

	test('a device without a database: the empty state, without Dexie; the first assessment is created', async ({
		page
	}) => {
		await page.goto('/');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Find out how ready you are for a SOC 2 audit' })
		).toBeVisible();
		expect(await dexieLoaded(page), 'Dexie loaded before any interaction').toBe(false);
		const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
		expect(dbs, 'the light read created no database').not.toContain('soc2-readiness');

		await page.getByRole('button', { name: /Create your first assessment/ }).click();
		const create = page.getByRole('dialog', { name: 'New assessment' });
		await create.getByRole('textbox', { name: 'Organisation', exact: true }).fill('First Client');
		await create.getByRole('textbox', { name: 'Assessor' }).fill('Ada Lovelace');
		await create.getByRole('button', { name: 'Create and start' }).click();
		await page.waitForURL(/\/interview\?id=/);
		await page.goto('/');
		await expect(card(page, 'First Client')).toBeVisible();
	});
});
