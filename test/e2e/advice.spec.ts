/**
 * Issue 13 on the dashboard: a renewal reads as a renewal, N/A key controls are listed for the
 * CPA firm, and a 1–10 person company sees its plan one control at a time. Each persona is
 * imported through the app's import UI; the figures come from the engine in Node.
 * Screenshots go to test-results/advice-*.png (or $RESULTS_SHOTS).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { localIsoDate } from '../../src/lib/domain/dates';
import { buildReportModel } from '../../src/lib/domain/engine/index';
import type { Assessment } from '../../src/lib/domain/types';
import { expect, expectNoA11yViolations, test } from './fixtures';

const SHOTS = process.env.RESULTS_SHOTS ?? 'test-results';
const bank = loadBankFromDisk();

function fixture(name: string): { file: string; assessment: Assessment } {
	const file = `test/fixtures/assessments/${name}.json`;
	return { file, assessment: JSON.parse(readFileSync(file, 'utf8')).assessment as Assessment };
}

async function openImported(page: Page, file: string, a: Assessment): Promise<void> {
	await page.goto('/');
	await page.locator('[data-testid="import-input"]').setInputFiles(file);
	await expect(page.getByText(/Imported “/)).toBeVisible();
	await page.goto(`/results?id=${a.id}`);
	await expect(page.getByRole('heading', { level: 1, name: a.meta.organisation })).toBeVisible();
}

test('N/A key controls are listed for the CPA firm; a 1–10 team sees the plan by control', async ({
	page
}) => {
	test.setTimeout(120_000);
	const { file, assessment } = fixture('na-key-controls');
	const model = buildReportModel(bank, assessment, localIsoDate(new Date()));
	await page.setViewportSize({ width: 1366, height: 768 });
	await openImported(page, file, assessment);

	const box = page.getByTestId('na-key-controls');
	await expect(box).toContainText(
		'1 key control answered “not applicable”: confirm with your CPA firm.'
	);
	await expect(box.getByRole('listitem')).toHaveText(
		'Alerting and on-call (CC7.2, CC7.3): No on-call rota: the product is a nightly batch export with no uptime commitment.'
	);
	// The five N/A answers without a reason are critical gaps, not "no open gaps".
	await expect(page.getByTestId('gap-total')).toHaveText(String(model.gaps.length));
	expect(model.gaps.length).toBe(5);
	await box.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/advice-na-1366.png` });

	// Plan by control: every control of the first phase is a level-4 heading with its steps.
	const first = model.planGroups!.filter((g) => g.phase === '0-30');
	expect(first.length).toBeGreaterThan(0);
	// The plan is a detail section: the table of contents opens it.
	await page
		.getByRole('navigation', { name: 'On this page' })
		.getByRole('link', { name: 'Remediation plan', exact: true })
		.click();
	const heading = page.getByRole('heading', { level: 4, name: first[0]!.title });
	await heading.scrollIntoViewIfNeeded();
	await expect(heading).toBeVisible();
	const owners = new Set(model.plan.map((p) => p.ownerRole));
	expect([...owners].sort()).toEqual(['CEO / founder', 'CTO / founder']);
	await page.screenshot({ path: `${SHOTS}/advice-plan-1366.png` });

	await page.setViewportSize({ width: 390, height: 844 });
	await box.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/advice-na-390.png` });
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
	await expectNoA11yViolations(page, 'advice: N/A key controls');
});

test('a renewal reads as a renewal: next period back to back, bridge letter', async ({ page }) => {
	test.setTimeout(120_000);
	const { file, assessment } = fixture('renewal-type2');
	const model = buildReportModel(bank, assessment, localIsoDate(new Date()));
	await page.setViewportSize({ width: 1280, height: 720 });
	await openImported(page, file, assessment);
	await expect(page.getByText('Renewal: next Type II period', { exact: true })).toBeVisible();
	await expect(page.getByText(model.recommendation.headline)).toBeVisible();
	expect(model.recommendation.headline).toMatch(
		/^Continue with your next 12-month Type II period from /
	);
	await expect(page.getByText('Expected report', { exact: true })).toBeVisible();
	await expect(page.getByText('Expected first report')).toHaveCount(0);
	await expect(page.getByText('Next period starts')).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/advice-renewal-1280.png` });
	await expectNoA11yViolations(page, 'advice: renewal');
});
