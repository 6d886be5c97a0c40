/**
 * Points of focus on the results page: import the full-workshop persona, check the section
 * against the report model computed here from the same file, expand a criterion, follow the
 * filter, and look at it on a laptop, a projector and a phone (no sideways scrolling, axe clean).
 * Screenshots go to test-results/pof-*.png (or $RESULTS_SHOTS).
 */
import { readFileSync } from 'node:fs';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { localIsoDate } from '../../src/lib/domain/dates';
import { buildReportModel, pointStatusCounts } from '../../src/lib/domain/engine/index';
import type { Assessment } from '../../src/lib/domain/types';
import { expect, expectNoA11yViolations, test } from './fixtures';

const FIXTURE = 'test/fixtures/assessments/full-workshop.json';
const SHOTS = process.env.RESULTS_SHOTS ?? 'test-results';
const ID = 'persona-full-workshop';
const assessment = JSON.parse(readFileSync(FIXTURE, 'utf8')).assessment as Assessment;

test('results page shows the points of focus per criterion with the answers that speak to them', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1366, height: 768 });
	await page.goto('/');
	await page.locator('[data-testid="import-input"]').setInputFiles(FIXTURE);
	await expect(page.getByText(/Imported “/)).toBeVisible();
	await page.goto(`/results?id=${ID}`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Brightwater Analytics' })
	).toBeVisible();

	const model = buildReportModel(loadBankFromDisk(), assessment, localIsoDate(new Date()));
	const rows = model.pointsOfFocus!;
	const counts = pointStatusCounts(rows);
	const total = rows.reduce((n, r) => n + r.points.length, 0);

	const section = page.getByRole('region', {
		name: 'Points of focus: where evidence will be asked for'
	});
	await expect(section).toBeVisible();
	// A detail section of the results page: closed until asked for, with a one-line summary.
	const sectionToggle = section.getByRole('button', {
		name: 'Points of focus: where evidence will be asked for'
	});
	await expect(sectionToggle).toHaveAttribute('aria-expanded', 'false');
	await sectionToggle.click();
	await expect(section.getByText(`${total} points in scope:`)).toContainText(
		`${counts.evidenced} with evidence expected`
	);
	// The list is built on request.
	await expect(section.locator('details')).toHaveCount(0);
	// its name says what a click does (Show…/Hide…), so find it by the part that stays
	const toggle = section.getByRole('button', {
		name: new RegExp(`the points of focus of ${rows.length} criteria$`)
	});
	await expect(toggle).toHaveText(`Show the points of focus of ${rows.length} criteria`);
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await section.screenshot({ path: `${SHOTS}/pof-section-1366.png` });
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await expect(section.locator('details')).toHaveCount(rows.length);

	// Expand CC2.1 and check one point with its questions and answers.
	const cc21 = rows.find((r) => r.criterionId === 'CC2.1')!;
	const details = section.locator('details').filter({ hasText: 'CC2.1' }).first();
	await details.locator('summary').click();
	const location = cc21.points.find((p) => p.n === 9)!;
	const item = details.locator('li.point').filter({ hasText: location.name });
	await expect(item).toContainText(location.text);
	for (const q of location.questions) {
		const link = item.getByRole('link', { name: q.title });
		await expect(link).toHaveAttribute('href', new RegExp(`q=${q.questionId}$`));
	}
	await details.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/pof-1366-open.png` });

	// The filter keeps only the points with evidence expected.
	await section.getByLabel('Show').selectOption('evidenced');
	const shown = rows.filter((r) => r.points.some((p) => p.status === 'evidenced')).length;
	await expect(section.locator('details')).toHaveCount(shown);
	await expectNoA11yViolations(page, 'points of focus');

	for (const [width, height] of [
		[1280, 720],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width, height });
		await details.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${SHOTS}/pof-${width}.png` });
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, `sideways scrolling at ${width}px`).toBeLessThanOrEqual(0);
	}
});
