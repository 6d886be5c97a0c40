/**
 * The evidence request list on the results page: import the full-workshop persona, open the
 * section by keyboard, check it against the report model computed here from the same file,
 * filter by area, owner and status, mark two requests prepared by keyboard in quick succession,
 * reload (both marks kept), download requests.csv offline from the section and from the export
 * page, axe, and look at it on a laptop, a projector and a phone (no sideways scrolling).
 * Screenshots go to test-results/requests-*.png (or $RESULTS_SHOTS).
 */
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { localIsoDate } from '../../src/lib/domain/dates';
import { buildReportModel } from '../../src/lib/domain/engine/index';
import type { Assessment } from '../../src/lib/domain/types';
import { expect, expectNoA11yViolations, test, waitForServiceWorker } from './fixtures';

const FIXTURE = 'test/fixtures/assessments/full-workshop.json';
const SHOTS = process.env.RESULTS_SHOTS ?? 'test-results';
const ID = 'persona-full-workshop';
const TITLE = 'Evidence requests an auditor is likely to send';
const assessment = JSON.parse(readFileSync(FIXTURE, 'utf8')).assessment as Assessment;

function section(page: Page): Locator {
	return page.getByRole('region', { name: TITLE });
}

/** Open the section, then build its list, by keyboard. */
async function openByKeyboard(page: Page, count: number): Promise<void> {
	const toggle = section(page).getByRole('button', { name: TITLE });
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await toggle.focus();
	await page.keyboard.press('Enter');
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	const show = section(page).getByRole('button', { name: `Show the ${count} requests` });
	await show.focus();
	await page.keyboard.press('Enter');
	await expect(
		section(page).getByRole('button', { name: `Hide the ${count} requests` })
	).toHaveAttribute('aria-expanded', 'true');
}

async function csvOf(download: Download): Promise<string[][]> {
	const text = readFileSync((await download.path())!, 'utf8');
	expect(text.startsWith('\ufeffRef,Request ID,Area')).toBe(true);
	// Only simple cells are read below (ids and timestamps), so a naive split is enough for them.
	return text
		.slice(1)
		.split('\r\n')
		.filter(Boolean)
		.map((line) => line.split(','));
}

test('evidence requests: filter, mark prepared by keyboard, kept after a reload, CSV offline', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 1366, height: 768 });
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.locator('[data-testid="import-input"]').setInputFiles(FIXTURE);
	await expect(page.getByText(/Imported “/)).toBeVisible();
	await page.goto(`/results?id=${ID}`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Brightwater Analytics' })
	).toBeVisible();

	const model = buildReportModel(loadBankFromDisk(), assessment, localIsoDate(new Date()));
	const list = model.evidenceRequests!;
	expect(list.rows.length).toBeGreaterThanOrEqual(38);

	// In the table of contents, closed with its one-line summary until asked for.
	await expect(page.getByRole('link', { name: 'Evidence requests' })).toBeVisible();
	await expect(section(page)).toContainText(
		`${list.counts.total} requests (${list.period.text}): ${list.counts.ready} ready`
	);
	// The list is built on request.
	await section(page).getByRole('button', { name: TITLE }).click();
	await expect(section(page).locator('li.item')).toHaveCount(0);
	await section(page).getByRole('button', { name: TITLE }).click();
	await openByKeyboard(page, list.rows.length);
	const s = section(page);
	await expect(s.locator('li.item')).toHaveCount(list.rows.length);
	await expect(s.getByText('auditor-dependent')).toBeVisible();
	await s.screenshot({ path: `${SHOTS}/requests-section-1366.png` });

	// Filters: area, then owner, then status; each is a labelled control.
	await s.getByLabel('Area').selectOption('Access');
	const access = list.rows.filter((r) => r.areaLabel === 'Access');
	await expect(s.locator('li.item')).toHaveCount(access.length);
	await expect(s.getByRole('status')).toHaveText(
		`Showing ${access.length} of ${list.rows.length} requests.`
	);
	const owner = access[0]!.owner;
	await s.getByLabel('Owner').selectOption(owner);
	const byOwner = access.filter((r) => r.owner === owner);
	await expect(s.locator('li.item')).toHaveCount(byOwner.length);
	const status = byOwner[0]!.status;
	await s.getByLabel('Status').selectOption(status);
	await expect(s.locator('li.item')).toHaveCount(byOwner.filter((r) => r.status === status).length);
	await s.getByRole('button', { name: 'Clear filters' }).click();
	await expect(s.locator('li.item')).toHaveCount(list.rows.length);

	// Two requests marked prepared by keyboard, one right after the other.
	const [first, second] = [list.rows[0]!, list.rows[5]!];
	for (const r of [first, second]) {
		const box = s.getByRole('checkbox', { name: `Prepared: ${r.ref} ${r.item}` });
		await box.focus();
		await page.keyboard.press('Space');
		await expect(box).toBeChecked();
	}
	await expect(s).toContainText(`${list.counts.prepared + 2} marked prepared`);
	await expectNoA11yViolations(page, 'evidence requests');

	// After a reload both marks are still there (saved on this device).
	await page.reload();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Brightwater Analytics' })
	).toBeVisible();
	await openByKeyboard(page, list.rows.length);
	await section(page).getByLabel('Status').selectOption('prepared');
	await expect(section(page).locator('li.item')).toHaveCount(2);
	for (const r of [first, second])
		await expect(
			section(page).getByRole('checkbox', { name: `Prepared: ${r.ref} ${r.item}` })
		).toBeChecked();

	// Offline: the CSV comes from this device, from the section and from the export page.
	await context.setOffline(true);
	await page.reload();
	await openByKeyboard(page, list.rows.length);
	const [fromSection] = await Promise.all([
		page.waitForEvent('download'),
		section(page).getByRole('button', { name: 'Download the request list (CSV)' }).click()
	]);
	expect(fromSection.suggestedFilename()).toMatch(
		/^soc2-readiness-brightwater-analytics-requests-\d{4}-\d{2}-\d{2}\.csv$/
	);
	const rows = await csvOf(fromSection);
	expect(rows).toHaveLength(list.rows.length + 1);
	const prepared = rows
		.slice(1)
		.filter((r) => /^\d{4}-\d{2}-\d{2}T/.test(r[r.length - 1]!))
		.map((r) => r[1]);
	expect(prepared.sort()).toEqual([first.id, second.id].sort());

	await page.goto(`/export?id=${ID}`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Brightwater Analytics' })
	).toBeVisible();
	const [fromExport] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download Evidence request list as CSV' }).click()
	]);
	expect((await csvOf(fromExport)).length).toBe(list.rows.length + 1);
	await context.setOffline(false);

	// A laptop, a projector and a phone: nothing scrolls sideways.
	await page.goto(`/results?id=${ID}#sec-requests`);
	await section(page)
		.getByRole('button', { name: `Show the ${list.rows.length} requests` })
		.click();
	await expect(section(page).locator('li.item').first()).toBeVisible();
	for (const [width, height] of [
		[1280, 720],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width, height });
		await section(page).locator('li.item').first().scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${SHOTS}/requests-${width}.png` });
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, `sideways scrolling at ${width}px`).toBeLessThanOrEqual(0);
	}
	await expectNoA11yViolations(page, 'evidence requests on a phone');
});
