/**
 * Issue 20: compare two assessments of one organisation. A persona imported through the app
 * (assessed 2 March 2026), duplicated through the list as a re-assessment dated today under the
 * same name, five answers raised in the interview; then the start page groups them with their
 * trend, the results page compares them ("Since 2 Mar 2026", reached and opened with the keyboard
 * only), axe runs with the section open, and the PDF has its "Progress since" page.
 * Screenshots go to test-results/compare-*.png (or $COMPARE_SHOTS).
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { localIsoDate } from '../../src/lib/domain/dates';
import { compareModels } from '../../src/lib/domain/engine/compare';
import { buildReportModel } from '../../src/lib/domain/engine/index';
import type { Assessment } from '../../src/lib/domain/types';
import { extractPdfText } from '../unit/report-helpers';
import { expect, expectNoA11yViolations, test } from './fixtures';
import { persona, readStored } from './reliability-helpers';

const SHOTS = process.env.COMPARE_SHOTS ?? 'test-results';
const FIXTURE = 'test/fixtures/assessments/designed-young-deadline.json';
const ORG = 'Fast Follow GmbH';
const ORIGINAL = 'persona-designed-young-deadline';
const RAISED = [
	'cc1-code-of-conduct',
	'cc1-policy-acknowledgement',
	'cc1-disciplinary',
	'cc1-oversight-body',
	'cc1-oversight-reviews'
];
const TARGET = '2027-09-30';
const bank = loadBankFromDisk();
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Tab (forwards) until `target` has the focus: the keyboard is the only way in. */
async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((el) => el === document.activeElement)) return;
	}
	throw new Error(`${max} presses of Tab did not reach the target`);
}

test('re-assessment compared with the baseline: list, results section, CSV and PDF', async ({
	page
}) => {
	test.setTimeout(240_000);
	// 1. The baseline, imported through the app.
	await page.goto('/');
	await page.locator('[data-testid="import-input"]').setInputFiles(FIXTURE);
	await expect(page.getByText(/Imported “/)).toBeVisible();

	// 2. A re-assessment: duplicated through the list under the same name, dated today.
	await page.getByRole('button', { name: `More actions for ${ORG}` }).click();
	await page.getByRole('button', { name: 'Duplicate' }).click();
	await page.getByLabel('Name of the copy').fill(ORG);
	await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
	await expect(page.getByText(`Created “${ORG}” with all answers.`)).toBeVisible();
	// The list follows the database live: the copy's card may arrive just after the message.
	await expect(page.locator('[data-assessment-id]')).toHaveCount(2);
	const ids = await page
		.locator('[data-assessment-id]')
		.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.assessmentId!));
	const copyId = ids.find((x) => x !== ORIGINAL)!;
	expect(ids).toHaveLength(2);

	// The baseline's target date (1 June 2026) is before today: a re-assessment sets a new one.
	await page.goto(`/interview?id=${encodeURIComponent(copyId)}&stage=start`);
	await page.getByLabel(/Target report date/).fill(TARGET);
	await page.getByLabel(/Target report date/).blur();
	await expect
		.poll(async () => (await readStored(page, copyId)).row?.meta.targetReportDate)
		.toBe(TARGET);

	// 3. Five answers raised from 3 to 4 in the interview (keyboard shortcut on each question).
	for (const q of RAISED) {
		await page.goto(`/interview?id=${encodeURIComponent(copyId)}&q=${q}`);
		const card = page.locator('article.qcard');
		await expect(card).toHaveAttribute('data-question', q);
		await expect(page.locator('article.qcard [id$="-prompt"]')).toBeFocused();
		await page.keyboard.press('4');
		await expect(card.locator('input[type="radio"][value="4"]')).toBeChecked();
		await expect.poll(async () => (await readStored(page, copyId)).answers[q]?.value).toBe(4);
	}
	const stored = await readStored(page, copyId);
	const copy: Assessment = {
		...persona('designed-young-deadline'),
		id: copyId,
		meta: {
			...persona('designed-young-deadline').meta,
			assessmentDate: localIsoDate(new Date()),
			targetReportDate: TARGET
		}
	};
	for (const q of RAISED) copy.answers[q] = { ...copy.answers[q]!, value: 4 };
	expect(stored.row).not.toBeNull();
	const original = JSON.parse(readFileSync(FIXTURE, 'utf8')).assessment as Assessment;
	const before = buildReportModel(bank, original, original.meta.assessmentDate);
	const after = buildReportModel(bank, copy, localIsoDate(new Date()));
	const c = compareModels(before, after);
	expect(c.scores.overall.change).toBeGreaterThan(0);

	// 4. The start page groups the two, newest first, and shows the trend in words.
	await page.goto('/');
	const group = page.locator(`[data-org-group="${ORG.toLowerCase()}"]`);
	await expect(group.getByRole('heading', { level: 2 })).toHaveText(`${ORG} · 2 assessments`);
	await expect(group.locator('[data-assessment-id]').first()).toHaveAttribute(
		'data-assessment-id',
		copyId
	);
	await expect(group.locator('[data-trend] [aria-hidden="true"]')).toHaveText(
		`Readiness ${Math.round(before.score.overall)} % → ${Math.round(after.score.overall)} %`
	);
	await expectNoA11yViolations(page, 'start page with a group');
	await page.setViewportSize({ width: 1366, height: 768 });
	await page.screenshot({ path: `${SHOTS}/compare-list-1366x768.png` });
	await page.setViewportSize({ width: 390, height: 844 });
	await group.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/compare-list-390x844.png` });
	await page.setViewportSize({ width: 1366, height: 768 });

	// 5. The results page: the section, reached and opened with the keyboard only.
	await page.goto(`/results?id=${encodeURIComponent(copyId)}`);
	await expect(page.getByRole('heading', { level: 1, name: ORG })).toBeVisible();
	const toggle = page.getByRole('button', { name: 'Since 2 Mar 2026' });
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await page.locator('body').focus();
	await tabTo(page, toggle);
	await page.keyboard.press('Enter');
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	const section = page.getByRole('region', { name: 'Since 2 Mar 2026' });
	await expect(section.locator('[data-compare-summary]')).toHaveText(c.summary);
	const scores = section.getByRole('table', { name: 'Readiness' });
	await expect(scores.getByRole('row', { name: /Overall readiness/ })).toHaveText(
		new RegExp(
			`${Math.round(c.scores.overall.before)} %\\s*${Math.round(c.scores.overall.after)} %\\s*up ${c.scores.overall.change} points?`
		)
	);
	const closed = c.gaps.filter((g) => g.status === 'closed').length;
	expect(closed).toBeGreaterThan(0);
	await expect(section.locator('[data-gap-counts]')).toContainText(`${closed} closed`);
	for (const q of RAISED.slice(0, 1)) {
		const title = c.gaps.find((g) => g.questionId === q)!.title;
		await expect(section.locator(`[data-gap="${q}"]`)).toContainText(title);
	}
	// The picker is reachable next, by the keyboard as well.
	await page.keyboard.press('Tab');
	await expect(section.getByRole('combobox', { name: 'Compare with' })).toBeFocused();
	await expectNoA11yViolations(page, 'results page with the comparison open');

	for (const [w, h] of [
		[1366, 768],
		[1280, 720],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width: w, height: h });
		await section.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${SHOTS}/compare-results-${w}x${h}.png` });
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, `the page scrolls sideways at ${w}×${h}`).toBeLessThanOrEqual(0);
	}
	await page.setViewportSize({ width: 1366, height: 768 });

	// 6. The CSV from the section.
	const [csv] = await Promise.all([
		page.waitForEvent('download'),
		section.getByRole('button', { name: 'Download the comparison (CSV)' }).click()
	]);
	expect(csv.suggestedFilename()).toMatch(/^soc2-readiness-fast-follow-gmbh-comparison-.*\.csv$/);
	const csvText = readFileSync((await csv.path())!, 'utf8');
	expect(csvText).toContain('Gap,cc1-code-of-conduct,CC1,');

	// 7. The PDF from the export page, with the progress page (the default: the earlier one).
	await page.goto(`/export?id=${encodeURIComponent(copyId)}`);
	await expect(page.getByLabel('Progress since')).toHaveValue(ORIGINAL);
	await expect(
		page.getByRole('button', { name: /Download .*Comparison with 2 Mar 2026.* as CSV/ })
	).toBeVisible();
	await expectNoA11yViolations(page, 'export page with the progress choice');
	const [pdf] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download PDF' }).click()
	]);
	const text = await extractPdfText(new Uint8Array(readFileSync((await pdf.path())!)));
	const pages = text.pages.map(flat);
	const summary = pages.findIndex((p, i) => i > 1 && p.includes('Executive summary'));
	expect(pages[summary]).toContain(
		`Readiness ${Math.round(c.scores.overall.after)} %, up from ${Math.round(c.scores.overall.before)} % on 2 Mar 2026.`
	);
	const progress = pages[summary + 1]!;
	expect(progress).toContain('Progress since 2 March 2026');
	expect(progress).toContain(`${closed} closed`);

	// "None" leaves the page out.
	await page.getByLabel('Progress since').selectOption('');
	const [plain] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download PDF' }).click()
	]);
	const plainText = await extractPdfText(new Uint8Array(readFileSync((await plain.path())!)));
	expect(plainText.pages.some((p) => flat(p).includes('Progress since'))).toBe(false);
});
