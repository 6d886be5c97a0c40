/**
 * Results dashboard: import a persona assessment through the app's import UI, open its results,
 * check the figures against the engine's report model computed here in Node from the same file,
 * toggle a what-if action (and see it persist), check phone width, 200 % zoom, dark mode and axe.
 * Screenshots go to test-results/results-*.png (or $RESULTS_SHOTS).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { RECOMMENDATION_LABELS } from '../../src/lib/domain/engine/labels';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { localIsoDate } from '../../src/lib/domain/dates';
import { buildReportModel, whatIf } from '../../src/lib/domain/engine/index';
import type { Assessment } from '../../src/lib/domain/types';
import { expect, expectNoA11yViolations, test } from './fixtures';

const FIXTURE = 'test/fixtures/assessments/full-workshop.json';
/** Where screenshots go (set RESULTS_SHOTS to keep them somewhere else). */
const SHOTS = process.env.RESULTS_SHOTS ?? 'test-results';
const ID = 'persona-full-workshop';
const bank = loadBankFromDisk();
const assessment = JSON.parse(readFileSync(FIXTURE, 'utf8')).assessment as Assessment;

async function importFixture(page: Page, file: string): Promise<void> {
	await page.goto('/');
	await page.locator('[data-testid="import-input"]').setInputFiles(file);
	await expect(page.getByText(/Imported “/)).toBeVisible();
}

async function openResults(page: Page): Promise<void> {
	await page.goto(`/results?id=${ID}`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Brightwater Analytics' })
	).toBeVisible();
}

async function noHorizontalScroll(page: Page): Promise<void> {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
}

test('results dashboard shows the report model, what-if persists, accessible', async ({ page }) => {
	test.setTimeout(180_000);
	await importFixture(page, FIXTURE);
	await openResults(page);
	const today = localIsoDate(new Date());
	const model = buildReportModel(bank, assessment, today);

	// Headline figures.
	await expect(page.getByTestId('score-overall')).toHaveText(`${model.score.overall} %`);
	await expect(page.getByTestId('score-type1')).toHaveText(`${model.score.type1Readiness} %`);
	await expect(page.getByTestId('score-type2')).toHaveText(`${model.score.type2Readiness} %`);
	await expect(page.getByTestId('gap-total')).toHaveText(String(model.gaps.length));

	// Recommendation, with its headline and every reason.
	const rec = page.getByRole('region', { name: 'Recommendation', exact: true });
	await expect(
		rec.getByText(RECOMMENDATION_LABELS[model.recommendation.type], { exact: true })
	).toBeVisible();
	await expect(rec.getByText(model.recommendation.headline)).toBeVisible();
	for (const r of model.recommendation.reasons) await expect(rec.getByText(r.text)).toBeVisible();
	await expect(
		rec.getByRole('listitem').filter({ hasText: 'Type II observation window' }).first()
	).toBeVisible();

	// The overview comes first; the detail sections are closed, each with a one-line summary,
	// and the table of contents opens them (focus on the section's heading button).
	const heights = () => page.evaluate(() => document.documentElement.scrollHeight);
	const closedHeight = await heights();
	const toc = page.getByRole('navigation', { name: 'On this page' });
	for (const name of ['Score per area', 'Gaps by area and risk', 'Remediation plan']) {
		const region = page.getByRole('region', { name, exact: true });
		const toggle = region.getByRole('button', { name, exact: true });
		await expect(toggle).toHaveAttribute('aria-expanded', 'false');
		await expect(region.getByRole('table')).toHaveCount(0);
		await toc.getByRole('link', { name, exact: true }).click();
		await expect(toggle).toHaveAttribute('aria-expanded', 'true');
		await expect(toggle).toBeFocused();
		await expect(region).toBeInViewport();
	}
	await toc.getByRole('button', { name: 'Open all sections' }).click();
	const openHeight = await heights();
	expect(closedHeight, 'the overview is much shorter than every section open').toBeLessThan(
		openHeight / 2
	);
	// A link to the anchor of a section opens it.
	await toc.getByRole('button', { name: 'Close all sections' }).click();
	await page.goto(`/results?id=${ID}#sec-heat`);
	await expect(
		page
			.getByRole('region', { name: 'Gaps by area and risk', exact: true })
			.getByRole('button', { name: 'Gaps by area and risk' })
	).toHaveAttribute('aria-expanded', 'true');
	await toc.getByRole('button', { name: 'Open all sections' }).click();

	// Score per area: the table carries every number; the chart prints them too.
	const areas = page.getByRole('region', { name: 'Score per area', exact: true });
	const rows = areas.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(model.score.byArea.length + 1);
	for (const [i, a] of model.score.byArea.entries()) {
		const cells = rows.nth(i + 1).getByRole('cell');
		await expect(cells.nth(0)).toHaveText(a.score === null ? '—' : `${a.score} %`);
		await expect(cells.nth(1)).toHaveText(
			a.type1Readiness === null ? '—' : `${a.type1Readiness} %`
		);
	}
	await expect(areas.getByRole('figure')).toContainText(`${model.score.byArea[0]!.score}`);

	// Heat map: counts per area × risk.
	const heat = page
		.getByRole('region', { name: 'Gaps by area and risk', exact: true })
		.getByRole('table');
	for (const [i, a] of model.score.byArea.entries()) {
		const cells = heat
			.getByRole('row')
			.nth(i + 1)
			.getByRole('cell');
		await expect(cells.nth(0)).toHaveText(String(a.gapCount.critical));
		await expect(cells.nth(1)).toHaveText(String(a.gapCount.high));
		await expect(cells.nth(2)).toHaveText(String(a.gapCount.medium));
		await expect(cells.nth(3)).toHaveText(String(a.gapCount.low));
	}

	// Plan by phase: the first-30-day actions are listed with owner and due date.
	const plan = page.getByRole('region', { name: 'Remediation plan', exact: true });
	const first = model.plan.find((p) => p.id === model.starterPlan[0])!;
	const item = plan
		.getByRole('listitem')
		.filter({ has: page.getByLabel(first.action, { exact: true }) });
	await expect(item).toContainText(first.ownerRole);
	await expectNoA11yViolations(page, 'results (light)');
	await page.screenshot({ path: `${SHOTS}/results-desktop.png`, fullPage: true });

	// What-if: tick the first action → recomputed figures, saved with the assessment.
	const expected = whatIf(bank, assessment, today, [first.id]);
	await page.getByLabel(first.action, { exact: true }).check();
	const panel = plan.getByRole('region', { name: 'What if', exact: true });
	await expect(panel).toContainText(`With 1 action done: readiness ${expected.score.overall} %`);
	await expect(panel).toContainText(RECOMMENDATION_LABELS[expected.recommendation.type]);
	await expect(page.getByLabel(first.action, { exact: true })).toBeChecked();
	await page.reload();
	await toc.getByRole('link', { name: 'Remediation plan', exact: true }).click();
	await expect(page.getByLabel(first.action, { exact: true })).toBeChecked();
	await expect(panel).toContainText(`With 1 action done: readiness ${expected.score.overall} %`);
	await panel.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/results-whatif.png`, fullPage: false });
	// While scrolling through the plan, a bar repeats the what-if result.
	await page
		.getByLabel(model.plan.find((p) => p.id === model.starterPlan.at(-1))!.action, { exact: true })
		.scrollIntoViewIfNeeded();
	await expect(page.locator('.whatif-bar')).toBeInViewport();
	await page.screenshot({ path: `${SHOTS}/results-whatif-bar.png`, fullPage: false });
	await page.getByRole('button', { name: 'Clear all done marks' }).click();
	await expect(page.getByLabel(first.action, { exact: true })).not.toBeChecked();
	await expect(panel).toContainText('Tick actions in the plan below');

	// Links to the export page and back to the interview.
	await expect(page.getByRole('link', { name: 'Export PDF, CSV or JSON' })).toHaveAttribute(
		'href',
		`/export?id=${ID}`
	);
	await expect(page.getByRole('link', { name: 'Back to the interview' })).toHaveAttribute(
		'href',
		`/interview?id=${ID}`
	);

	// Dark mode, every section open.
	await toc.getByRole('button', { name: 'Open all sections' }).click();
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectNoA11yViolations(page, 'results (dark)');
	await page.screenshot({ path: `${SHOTS}/results-dark.png`, fullPage: true });
});

test('a click on the table of contents is not lost to the jump to the address’s section', async ({
	page
}) => {
	await importFixture(page, FIXTURE);
	// The page's idle callbacks (the detail sections are drawn in one) are held until released,
	// so the click below starts before the page could go to the section the address names.
	await page.addInitScript(() => {
		const held: (() => void)[] = [];
		const w = window as unknown as { requestIdleCallback: unknown; __releaseIdle: () => void };
		w.requestIdleCallback = (cb: IdleRequestCallback) => {
			held.push(() => cb({ didTimeout: true, timeRemaining: () => 0 }));
			return held.length;
		};
		w.__releaseIdle = () => {
			while (held.length) held.shift()!();
		};
	});
	await page.goto(`/results?id=${ID}#sec-heat`);
	const toc = page.getByRole('navigation', { name: 'On this page' });
	const link = toc.getByRole('link', { name: 'Remediation plan', exact: true });
	const box = (await link.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	// The detail sections are drawn while the button is held.
	await page.evaluate(() => (window as unknown as { __releaseIdle: () => void }).__releaseIdle());
	const heat = page.getByRole('region', { name: 'Gaps by area and risk', exact: true });
	// The addressed section opens, but the page stays where the user is pressing.
	await expect(heat.getByRole('button', { name: 'Gaps by area and risk' })).toHaveAttribute(
		'aria-expanded',
		'true'
	);
	expect(await page.evaluate(() => scrollY)).toBe(0);
	await page.mouse.up();
	const plan = page.getByRole('region', { name: 'Remediation plan', exact: true });
	const toggle = plan.getByRole('button', { name: 'Remediation plan', exact: true });
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await expect(toggle).toBeFocused();
	await expect(plan).toBeInViewport();
	await expect(page).toHaveURL(/#sec-plan$/);
});

test('results dashboard works at phone width and 200 % zoom', async ({ page }) => {
	test.setTimeout(90_000);
	await importFixture(page, FIXTURE);
	await page.setViewportSize({ width: 375, height: 812 });
	await openResults(page);
	await page
		.getByRole('navigation', { name: 'On this page' })
		.getByRole('button', { name: 'Open all sections' })
		.click();
	await noHorizontalScroll(page);
	await expectNoA11yViolations(page, 'results (phone)');
	await page.screenshot({ path: `${SHOTS}/results-phone.png`, fullPage: true });
	// 200 % zoom of a 1280-px window lays out like a 640-px one.
	await page.setViewportSize({ width: 640, height: 400 });
	await noHorizontalScroll(page);
	await page.screenshot({ path: `${SHOTS}/results-zoom200.png`, fullPage: false });
});

test('results page explains a missing or unknown assessment', async ({ page }) => {
	await page.goto('/results?id=does-not-exist');
	await expect(page.getByRole('alert')).toContainText('This assessment is not on this device');
	await page.goto('/results');
	await expect(page.getByText('No assessment was chosen')).toBeVisible();
	await expectNoA11yViolations(page, 'results (no id)');
});
