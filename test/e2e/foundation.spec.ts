/**
 * The assessment list, export/import and storage, end to end in the built app (real service
 * worker, real IndexedDB, Chromium). Axe runs on every state of the list page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { assessmentCard as card, exportViaUi, importFile, otherProfile } from './exchange-helpers';
import { expect, expectNoA11yViolations, test } from './fixtures';
import { ensureDb } from './reliability-helpers';

const FIXTURES = path.resolve('test/fixtures/exports');

async function createViaUi(
	page: Page,
	organisation: string,
	assessor = 'Ada Lovelace',
	target = ''
): Promise<string> {
	await page.goto('/');
	const open = page
		.getByRole('button', { name: /Create your first assessment/ })
		.or(page.getByRole('button', { name: 'New assessment' }));
	await open.click();
	const dialog = page.getByRole('dialog', { name: 'New assessment' });
	await dialog.getByRole('textbox', { name: 'Organisation', exact: true }).fill(organisation);
	await dialog.getByRole('textbox', { name: 'Assessor' }).fill(assessor);
	if (target) await dialog.getByLabel('Target report date').fill(target);
	await dialog.getByRole('button', { name: 'Create and start' }).click();
	await page.waitForURL(/\/interview\?id=/);
	return new URL(page.url()).searchParams.get('id')!;
}

async function cardNames(page: Page): Promise<string[]> {
	return page.locator('li[data-assessment-id]:not([hidden]) h2').allTextContents();
}

/** Every row of every object store, read with the raw IndexedDB API. */
async function dumpIdb(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const r = indexedDB.open('soc2-readiness');
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});
		const out: Record<string, unknown[]> = {};
		for (const name of [...db.objectStoreNames].sort()) {
			out[name] = await new Promise<unknown[]>((resolve, reject) => {
				const rq = db.transaction(name).objectStore(name).getAll();
				rq.onsuccess = () => resolve(rq.result);
				rq.onerror = () => reject(rq.error);
			});
		}
		db.close();
		return JSON.stringify(out);
	});
}

test.describe('assessment list', () => {
	test('empty state explains the tool; create and reopen after a reload', async ({ page }) => {
		await page.goto('/');
		const h1 = page.getByRole('heading', { level: 1 });
		await expect(h1).toHaveText('Find out how ready you are for a SOC 2 audit');
		await expect(page.getByText(/licensed CPA firm/).first()).toBeVisible();
		await expect(page.getByText(/attestation, not a certificate/).first()).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Nothing leaves this device' })).toBeVisible();
		await expectNoA11yViolations(page, 'empty state');

		// Validation, with the dialog open.
		await page.getByRole('button', { name: /Create your first assessment/ }).click();
		const dialog = page.getByRole('dialog', { name: 'New assessment' });
		await expect(dialog.getByLabel('Assessment date')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
		await expectNoA11yViolations(page, 'create dialog');
		await dialog.getByRole('button', { name: 'Create and start' }).click();
		const org = dialog.getByRole('textbox', { name: 'Organisation', exact: true });
		await expect(org).toHaveAttribute('aria-invalid', 'true');
		await expect(org).toBeFocused();
		await expect(
			dialog.getByText('Enter the name of the organisation being assessed.')
		).toBeVisible();
		await expectNoA11yViolations(page, 'create dialog with errors');
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();

		const id = await createViaUi(page, 'Northwind Analytics', 'Priya Raman', '2027-06-30');
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
		await page.goto('/');
		await page.reload();
		const row = card(page, 'Northwind Analytics');
		await expect(row).toContainText('Assessor: Priya Raman');
		await expect(row).toContainText('Target report:');
		await expect(row).toContainText('No answers yet');
		await expect(row).toContainText('Never exported');
		await expectNoA11yViolations(page, 'filled list');
		await page.emulateMedia({ colorScheme: 'dark' });
		await expectNoA11yViolations(page, 'filled list, dark');
		await page.emulateMedia({ colorScheme: 'light' });
		await row.getByRole('link', { name: 'Northwind Analytics' }).click();
		await expect(page).toHaveURL(`/interview?id=${id}`);
	});

	test('rename, duplicate, delete with undo; sort and search', async ({ page }) => {
		await createViaUi(page, 'Acme Payments');
		await createViaUi(page, 'Globex Cloud');
		await page.goto('/');
		await expect.poll(() => cardNames(page)).toEqual(['Globex Cloud', 'Acme Payments']);

		// Rename.
		await card(page, 'Acme Payments')
			.getByRole('button', { name: 'More actions for Acme Payments' })
			.click();
		await expectNoA11yViolations(page, 'row menu open');
		await page.getByRole('button', { name: 'Rename' }).click();
		const rename = page.getByRole('dialog', { name: 'Rename assessment' });
		await expectNoA11yViolations(page, 'rename dialog');
		await rename.getByRole('textbox').fill('Acme Payments Group');
		await rename.getByRole('button', { name: 'Rename' }).click();
		await expect(rename).toBeHidden();
		await expect(card(page, 'Acme Payments Group')).toBeVisible();

		// Duplicate.
		await card(page, 'Acme Payments Group')
			.getByRole('button', { name: /More actions/ })
			.click();
		await page.getByRole('button', { name: 'Duplicate' }).click();
		const dup = page.getByRole('dialog', { name: 'Duplicate assessment' });
		await expect(dup.getByRole('textbox', { name: 'Name of the copy' })).toHaveValue(
			'Acme Payments Group (copy)'
		);
		await expectNoA11yViolations(page, 'duplicate dialog');
		await dup.getByRole('textbox', { name: 'Name of the copy' }).fill('Acme Payments Q3');
		await dup.getByRole('button', { name: 'Duplicate' }).click();
		await expect(card(page, 'Acme Payments Q3')).toBeVisible();
		await expect(
			page.getByRole('status').filter({ hasText: 'Created “Acme Payments Q3”' })
		).toBeVisible();

		// Sort by name, remembered across a reload; search.
		await page.getByLabel('Sort by').selectOption('name');
		await expect
			.poll(() => cardNames(page))
			.toEqual(['Acme Payments Group', 'Acme Payments Q3', 'Globex Cloud']);
		await page.reload();
		await expect
			.poll(() => cardNames(page))
			.toEqual(['Acme Payments Group', 'Acme Payments Q3', 'Globex Cloud']);
		await page.getByRole('searchbox', { name: 'Search by organisation' }).fill('GLOBEX');
		await expect.poll(() => cardNames(page)).toEqual(['Globex Cloud']);
		await page.getByRole('searchbox').fill('nothing like this');
		await expect(page.getByText('No assessment matches “nothing like this”.')).toBeVisible();
		await expectNoA11yViolations(page, 'no search match');
		await page.getByRole('button', { name: 'Clear search' }).click();

		// Delete, undo, delete again for good.
		const before = await dumpIdb(page);
		await card(page, 'Globex Cloud')
			.getByRole('button', { name: /More actions/ })
			.click();
		await page.getByRole('button', { name: 'Delete…' }).click();
		const del = page.getByRole('dialog', { name: 'Delete “Globex Cloud”?' });
		await expect(del).toContainText('undo it for 10 seconds');
		await expect(del.getByRole('button', { name: 'Export a backup first' })).toBeVisible();
		await expectNoA11yViolations(page, 'delete dialog');
		await del.getByRole('button', { name: 'Delete' }).click();
		await expect(card(page, 'Globex Cloud')).toHaveCount(0);
		await expectNoA11yViolations(page, 'undo toast');
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(card(page, 'Globex Cloud')).toBeVisible();
		expect(JSON.parse(await dumpIdb(page)).assessments.length).toBe(
			JSON.parse(before).assessments.length
		);

		await card(page, 'Globex Cloud')
			.getByRole('button', { name: /More actions/ })
			.click();
		await page.getByRole('button', { name: 'Delete…' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
		await expect(card(page, 'Globex Cloud')).toHaveCount(0);
		await page.reload();
		await expect.poll(() => cardNames(page)).toEqual(['Acme Payments Group', 'Acme Payments Q3']);
		const ids = JSON.parse(await dumpIdb(page)).assessments.map(
			(a: { meta: { organisation: string } }) => a.meta.organisation
		);
		expect(ids).not.toContain('Globex Cloud');
	});

	test('delete offers an export first', async ({ page }) => {
		await createViaUi(page, 'Backup Me');
		await page.goto('/');
		await card(page, 'Backup Me')
			.getByRole('button', { name: /More actions/ })
			.click();
		await page.getByRole('button', { name: 'Delete…' }).click();
		const del = page.getByRole('dialog');
		const download = page.waitForEvent('download');
		await del.getByRole('button', { name: 'Export a backup first' }).click();
		expect((await download).suggestedFilename()).toMatch(
			/^soc2-readiness-backup-me-\d{4}-\d{2}-\d{2}\.json$/
		);
		await expect(del.getByText(/Backup saved to your downloads/)).toBeVisible();
		await del.getByRole('button', { name: 'Cancel' }).click();
		await expect(card(page, 'Backup Me')).toContainText('Backed up');
	});

	test('search narrows 200 assessments (its speed: npm run bench)', async ({ page }) => {
		// A first visit of the start page creates no database (it reads without Dexie, issue 19):
		// let the app create it before rows are stored into it.
		await ensureDb(page);
		await page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const r = indexedDB.open('soc2-readiness');
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
			const tx = db.transaction('assessments', 'readwrite');
			const now = Date.now();
			for (let i = 0; i < 200; i++) {
				const organisation = `Client ${String(i).padStart(3, '0')} Holdings`;
				const at = new Date(now - i * 60_000).toISOString();
				tx.objectStore('assessments').put({
					id: `seed-${i}`,
					meta: {
						organisation,
						assessor: 'Consultant',
						assessmentDate: '2026-10-01',
						targetReportDate: null
					},
					profile: {},
					subservices: [],
					categories: [],
					cuecs: [],
					planOverrides: {},
					createdAt: at,
					updatedAt: at,
					lastExportedAt: null,
					revision: 1,
					orgKey: organisation.toLowerCase(),
					answeredCount: i % 90,
					// The list's covering index (src/lib/db: ListKey).
					listKey: [at, `seed-${i}`, organisation, 'Consultant', '2026-10-01', '', at, '', i % 90]
				});
			}
			await new Promise((r) => (tx.oncomplete = r));
			db.close();
		});
		await page.goto('/');
		// The first 50 are rendered; search covers all 200.
		await expect(page.locator('li[data-assessment-id]')).toHaveCount(50);
		await expect(page.getByText('200 assessments on this device')).toBeVisible();
		await expect(page.getByText('Showing 50 of 200 assessments.')).toBeVisible();
		const search = page.getByRole('searchbox', { name: 'Search by organisation' });
		// Each keystroke narrows the list (how fast it paints is measured by `npm run bench`,
		// search-200: a time asserted here would fail on a busy machine).
		await search.fill('12');
		// 012, 112 and 120–129.
		await expect(page.locator('li[data-assessment-id]')).toHaveCount(12);
		await search.fill('123');
		await expect.poll(() => cardNames(page)).toEqual(['Client 123 Holdings']);
		await search.fill('');
		await expect(page.locator('li[data-assessment-id]')).toHaveCount(50);
		await search.fill('client 123');
		await expect.poll(() => cardNames(page)).toEqual(['Client 123 Holdings']);
		await search.fill('');
		await page.getByRole('button', { name: 'Show all 200' }).click();
		await expect(page.locator('li[data-assessment-id]')).toHaveCount(200);
		await expect(page.getByRole('button', { name: /^Show/ })).toHaveCount(0);
	});

	test('a write the browser refuses (storage full) shows a clear message and stores nothing', async ({
		page
	}) => {
		await page.addInitScript(() => {
			const w = window as unknown as { __failWrites?: boolean };
			for (const m of ['add', 'put'] as const) {
				const original = IDBObjectStore.prototype[m];
				IDBObjectStore.prototype[m] = function (this: IDBObjectStore, ...args: unknown[]) {
					if (w.__failWrites && this.name === 'assessments') {
						throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
					}
					return (original as (...a: unknown[]) => IDBRequest).apply(this, args);
				} as never;
			}
		});
		await createViaUi(page, 'Existing Co');
		await page.goto('/');
		await expect(card(page, 'Existing Co')).toBeVisible();
		const before = await dumpIdb(page);
		await page.evaluate(
			() => ((window as unknown as { __failWrites: boolean }).__failWrites = true)
		);
		await page.getByRole('button', { name: 'New assessment' }).click();
		const dialog = page.getByRole('dialog', { name: 'New assessment' });
		await dialog.getByRole('textbox', { name: 'Organisation', exact: true }).fill('Will Not Fit');
		await dialog.getByRole('textbox', { name: 'Assessor' }).fill('Ada');
		await dialog.getByRole('button', { name: 'Create and start' }).click();
		await expect(dialog.getByRole('alert')).toContainText('no more storage space');
		await expect(page).toHaveURL('/');
		await expectNoA11yViolations(page, 'create dialog with a storage error');
		await page.keyboard.press('Escape');
		// Rename fails the same way, and the old name stays.
		await card(page, 'Existing Co')
			.getByRole('button', { name: /More actions/ })
			.click();
		await page.getByRole('button', { name: 'Rename' }).click();
		const rename = page.getByRole('dialog', { name: 'Rename assessment' });
		await rename.getByRole('textbox').fill('Renamed Co');
		await rename.getByRole('button', { name: 'Rename' }).click();
		await expect(rename.getByRole('alert')).toContainText('no more storage space');
		await page.keyboard.press('Escape');
		await expect(card(page, 'Existing Co')).toBeVisible();
		expect(await dumpIdb(page)).toBe(before);
		await expect(page.getByText(/Renamed to/)).toHaveCount(0);
	});
});

test.describe('export and import', () => {
	test('export → import round trip into another browser profile', async ({
		page,
		browser,
		baseURL
	}, testInfo) => {
		// Start from a rich assessment (answers, notes, vendors, Greek and Cyrillic text).
		await page.goto('/');
		await importFile(page, path.join(FIXTURES, 'v1-full.json'));
		const row = card(page, 'Northwind Analytics');
		// The file answers 4 questions, but only 2 of them are in this app's bank: answers to
		// unknown questions are kept (and exported again) but never counted.
		await expect(row).toContainText('2 answers');
		await expect(
			page.getByRole('status').filter({ hasText: 'Imported “Northwind Analytics”' })
		).toBeVisible();

		await row.getByRole('button', { name: 'Export Northwind Analytics' }).click();
		await expectNoA11yViolations(page, 'export dialog');
		await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
		const download = await exportViaUi(page, 'Northwind Analytics');
		expect(download.suggestedFilename()).toMatch(
			/^soc2-readiness-northwind-analytics-\d{4}-\d{2}-\d{2}\.json$/
		);
		const file = testInfo.outputPath('northwind.json');
		await download.saveAs(file);
		const exported = JSON.parse(readFileSync(file, 'utf8'));
		expect(exported).toMatchObject({ format: 'soc2-readiness-assessment', formatVersion: 2 });
		await expect(row).toContainText('Backed up');

		const other = await otherProfile(browser, baseURL!);
		try {
			await other.page.goto('/');
			await expect(other.page.getByRole('heading', { level: 1 })).toHaveText(/how ready you are/);
			await importFile(other.page, file);
			const imported = card(other.page, 'Northwind Analytics');
			await expect(imported).toContainText('2 answers');
			await expect(imported).toContainText('Assessor: Priya Raman');
			// Same contents: export it again from the second profile and compare.
			const again = await exportViaUi(other.page, 'Northwind Analytics');
			const second = JSON.parse(readFileSync(await again.path(), 'utf8'));
			const strip = (a: Record<string, unknown>) => ({ ...a, lastExportedAt: null });
			expect(strip(second.assessment)).toEqual(strip(exported.assessment));
			expect(second.assessment.answers['cc6-physical-office'].naReason).toBe(
				'Fully remote company with no offices.'
			);
			expect(second.assessment.cuecs[1].text).toContain('Ελληνικά, кириллица');
			expect(other.offsite).toEqual([]);
		} finally {
			await other.ctx.close();
		}
	});

	test('encrypted export: passphrase asked, wrong one refused, right one imports', async ({
		page,
		browser,
		baseURL
	}, testInfo) => {
		await page.goto('/');
		await importFile(page, path.join(FIXTURES, 'v1-minimal.json'));
		await expect(card(page, 'Minimal Co')).toBeVisible();
		await card(page, 'Minimal Co').getByRole('button', { name: 'Export Minimal Co' }).click();
		const dialog = page.getByRole('dialog');
		await dialog.getByText('Encrypt with a passphrase').click();
		await dialog.getByLabel('Passphrase', { exact: true }).fill('short');
		await dialog.getByRole('button', { name: 'Download file' }).click();
		await expect(dialog.getByText(/Use at least 10 characters/)).toBeVisible();
		await expectNoA11yViolations(page, 'export dialog, encryption errors');
		await dialog.getByRole('button', { name: 'Cancel' }).click();

		const download = await exportViaUi(page, 'Minimal Co', 'orange piano 42 lighthouse');
		expect(download.suggestedFilename()).toMatch(/\.encrypted\.json$/);
		const file = testInfo.outputPath('minimal.encrypted.json');
		await download.saveAs(file);
		const text = readFileSync(file, 'utf8');
		expect(text).not.toContain('Minimal Co');
		expect(JSON.parse(text).kdf).toMatchObject({ name: 'PBKDF2', iterations: 600000 });

		const other = await otherProfile(browser, baseURL!);
		try {
			const p2 = other.page;
			await p2.goto('/');
			await importFile(p2, file);
			const ask = p2.getByRole('dialog', { name: 'Enter the passphrase' });
			await expectNoA11yViolations(p2, 'passphrase dialog');
			await ask.getByLabel('Passphrase').fill('orange piano 42 lighthousE');
			await ask.getByRole('button', { name: 'Unlock and import' }).click();
			await expect(ask.getByRole('alert')).toContainText('does not unlock this file', {
				timeout: 20_000
			});
			await ask.getByLabel('Passphrase').fill('orange piano 42 lighthouse');
			await ask.getByRole('button', { name: 'Unlock and import' }).click();
			await expect(card(p2, 'Minimal Co')).toContainText('1 answer', { timeout: 20_000 });

			// A tampered copy is refused and changes nothing.
			const env = JSON.parse(text);
			const ct = Buffer.from(env.ciphertext, 'base64');
			ct[10] = ct[10]! ^ 0xff;
			env.ciphertext = ct.toString('base64');
			const tampered = testInfo.outputPath('tampered.encrypted.json');
			writeFileSync(tampered, JSON.stringify(env));
			const before = await dumpIdb(p2);
			await importFile(p2, tampered);
			await ask.getByLabel('Passphrase').fill('orange piano 42 lighthouse');
			await ask.getByRole('button', { name: 'Unlock and import' }).click();
			const refused = p2.getByRole('dialog', { name: 'This file cannot be imported' });
			await expect(refused).toContainText('altered or damaged', { timeout: 20_000 });
			expect(await dumpIdb(p2)).toBe(before);
			expect(other.offsite).toEqual([]);
		} finally {
			await other.ctx.close();
		}
	});

	test('bad files are refused with a clear message and nothing changes', async ({
		page
	}, testInfo) => {
		await createViaUi(page, 'Precious Data Ltd');
		await page.goto('/');
		await expect(card(page, 'Precious Data Ltd')).toBeVisible();
		const before = await dumpIdb(page);
		const good = readFileSync(path.join(FIXTURES, 'v1-full.json'), 'utf8');
		const cases: [string, string | Buffer, RegExp][] = [
			[
				'report.pdf',
				Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'),
				/This is a PDF document, not an assessment export/
			],
			['truncated.json', good.slice(0, good.length / 2), /cut off/],
			['broken.json', good.replace('"format"', 'format'), /not valid JSON/],
			[
				'newer.json',
				good.replace('"formatVersion": 1', '"formatVersion": 3'),
				/newer version of the app.*Update the app first/
			],
			[
				'hostile.json',
				good.replace('"answers": {', '"answers": {"__proto__": {"isAdmin": true},'),
				/“__proto__”.*refused/
			],
			['deep.json', '['.repeat(5000) + ']'.repeat(5000), /nested more than 64 levels/],
			[
				'shape.json',
				good.replace('"assessmentDate": "2026-09-14"', '"assessmentDate": "14/09/2026"'),
				/assessment\.meta\.assessmentDate.*date like/
			],
			[
				'other.json',
				'{"name":"my-package","version":"1.0.0"}',
				/not an assessment exported from SOC 2 Readiness/
			],
			['empty.json', '', /The file is empty/]
		];
		for (const [name, content, message] of cases) {
			const file = testInfo.outputPath(name);
			writeFileSync(file, content);
			await importFile(page, file);
			const dialog = page.getByRole('dialog', { name: 'This file cannot be imported' });
			await expect(dialog.getByTestId('import-error'), name).toHaveText(message);
			await expect(dialog).toContainText('Nothing was imported');
			if (name === 'newer.json') await expectNoA11yViolations(page, 'import error dialog');
			await dialog.getByRole('button', { name: 'OK' }).click();
			await expect(dialog).toBeHidden();
		}
		// Oversized: refused before it is read.
		const big = testInfo.outputPath('big.json');
		writeFileSync(big, Buffer.alloc(21 * 1024 * 1024, 0x20));
		await importFile(page, big);
		await expect(page.getByTestId('import-error')).toContainText('at most 20.0 MB');
		await page.getByRole('button', { name: 'OK' }).click();

		expect(await dumpIdb(page)).toBe(before);
		await page.reload();
		await expect.poll(() => cardNames(page)).toEqual(['Precious Data Ltd']);
		expect(await page.evaluate(() => (({}) as Record<string, unknown>).isAdmin)).toBeUndefined();
	});

	test('importing an assessment that exists asks: replace, keep both or cancel', async ({
		page
	}) => {
		const file = path.join(FIXTURES, 'v1-full.json');
		await page.goto('/');
		await importFile(page, file);
		await expect(card(page, 'Northwind Analytics')).toBeVisible();

		await importFile(page, file);
		const ask = page.getByRole('dialog', { name: 'This assessment is already on this device' });
		await expect(ask).toContainText('On this device');
		await expect(ask).toContainText('In the file');
		await expectNoA11yViolations(page, 'import conflict dialog');
		await ask.getByRole('button', { name: 'Cancel' }).click();
		await expect.poll(() => cardNames(page)).toEqual(['Northwind Analytics']);

		await importFile(page, file);
		await ask.getByRole('button', { name: 'Keep both' }).click();
		await expect(card(page, 'Northwind Analytics (imported)')).toContainText('2 answers');
		await expect(page.locator('li[data-assessment-id]')).toHaveCount(2);

		// Rename the original, then replace it with the file: the file's name comes back.
		await card(page, 'Northwind Analytics')
			.getByRole('button', { name: /More actions/ })
			.click();
		await page.getByRole('button', { name: 'Rename' }).click();
		await page.getByRole('dialog').getByRole('textbox').fill('Northwind (edited)');
		await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
		await expect(card(page, 'Northwind (edited)')).toBeVisible();
		await importFile(page, file);
		await ask.getByRole('button', { name: 'Replace' }).click();
		await expect(card(page, 'Northwind Analytics')).toBeVisible();
		await expect(card(page, 'Northwind (edited)')).toHaveCount(0);
		await expect(page.locator('li[data-assessment-id]')).toHaveCount(2);
	});
});

test('two tabs stay in step without a reload', async ({ page, context }) => {
	await createViaUi(page, 'First Tab Co');
	await page.goto('/');
	const second = await context.newPage();
	await second.goto('/');
	await expect(card(second, 'First Tab Co')).toBeVisible();
	await createViaUi(page, 'Made In Tab One');
	await expect(card(second, 'Made In Tab One')).toBeVisible();
	await card(second, 'First Tab Co')
		.getByRole('button', { name: /More actions/ })
		.click();
	await second.getByRole('button', { name: 'Rename' }).click();
	await second.getByRole('dialog').getByRole('textbox').fill('Renamed In Tab Two');
	await second.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
	await page.goto('/');
	await expect(card(page, 'Renamed In Tab Two')).toBeVisible();
	await second.close();
});

test('storage: persistence requested and usage shown', async ({ page }) => {
	await createViaUi(page, 'Storage Co');
	await page.goto('/');
	await expect(page.getByTestId('storage-usage')).toContainText(/Using \d/);
	await expect(page.getByTestId('storage-persistence')).toContainText(
		/Persistent storage is (on|off)/
	);
	expect(await page.evaluate(() => typeof navigator.storage.persist)).toBe('function');
});
