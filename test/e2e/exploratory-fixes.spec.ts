import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { localIsoDate } from '../../src/lib/domain/dates';
import { buildReportModel } from '../../src/lib/domain/engine/index';
import { skipSplitOfCounts, skipSplitText } from '../../src/lib/domain/scope';
import type { Assessment } from '../../src/lib/domain/types';
import { expect, expectNoA11yViolations, test, toSubservices } from './fixtures';

/**
 * Defects found by exploratory testing of the built app, each pinned by a test: adding a library
 * CUEC by keyboard must not drop focus; the review stage and the dashboard split the questions
 * not asked the same way; a target date already in the past asks for a reset, not days late.
 */

async function focusedName(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el) return '';
		return `${el.tagName}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim()}`;
	});
}

/** Create an assessment and answer the required scoping questions; ends on Subservice organisations. */
test('adding library CUECs by keyboard keeps focus in the library, Add all moves it to the list', async ({
	page
}) => {
	await toSubservices(page, {
		organisation: 'Fabrikam Cloud',
		assessor: 'Sam Lee',
		services: 'Hosted reporting API'
	});
	await page.getByRole('button', { name: /Continue to Trust Services/ }).click();
	await page.getByRole('button', { name: /Continue to User entity/ }).click();
	await expect(page.locator('main h1')).toHaveText('User entity controls');

	const addButtons = page.getByRole('button', { name: /^Add: / });
	const second = (await addButtons.nth(1).getAttribute('aria-label'))!;
	const third = (await addButtons.nth(2).getAttribute('aria-label'))!;
	await addButtons.first().focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: /Your CUECs \(1\)/ })).toBeVisible();
	// The pressed button left with its CUEC; the next one took its place and has focus.
	expect(await focusedName(page)).toBe(`BUTTON:${second}`);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: /Your CUECs \(2\)/ })).toBeVisible();
	expect(await focusedName(page)).toBe(`BUTTON:${third}`);

	await page.getByRole('button', { name: /^Add all \d+/ }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Every relevant library CUEC is in your list.')).toBeVisible();
	await expect(page.getByRole('heading', { name: /Your CUECs/ })).toBeFocused();
});

test('review stage and dashboard split the questions not asked alike; a passed target asks for a reset', async ({
	page
}) => {
	test.setTimeout(90_000);
	// Security only, target date 1 June 2026: already in the past for any run after that day.
	const FIXTURE = 'test/fixtures/assessments/designed-young-deadline.json';
	const a = JSON.parse(readFileSync(FIXTURE, 'utf8')).assessment as Assessment;
	const model = buildReportModel(loadBankFromDisk(), a, localIsoDate(new Date()));
	const split = skipSplitOfCounts(model.score.counts);
	expect(split.notSelected).toBeGreaterThan(0);
	const splitText = skipSplitText(split);

	await page.goto('/');
	await page.locator('[data-testid="import-input"]').setInputFiles(FIXTURE);
	await expect(page.getByText(/Imported “/)).toBeVisible();

	await page.goto(`/interview?id=${encodeURIComponent(a.id)}&stage=review`);
	await expect(page.getByTestId('review-skip-split')).toHaveText(`Not asked: ${splitText}.`);
	await expect(page.getByRole('heading', { name: /Skipped by your answers/ })).toContainText(
		`(${split.byAnswers})`
	);

	await page.goto(`/results?id=${encodeURIComponent(a.id)}`);
	await expect(page.getByText(splitText)).toBeVisible();
	await expect(page.getByTestId('score-overall')).toHaveText(`${model.score.overall} %`);
	if (model.recommendation.targetPassed) {
		const verdict = page.getByTestId('target-passed');
		await expect(verdict).toContainText('The target date has passed');
		await expect(verdict).toContainText('has to be reset');
		await expect(page.locator('main')).not.toContainText(
			/\d+ days? late|whether a Type I would do/
		);
	}
	await page.screenshot({ path: 'test-results/exploratory-glance.png' });
	await page.getByTestId('score-overall').scrollIntoViewIfNeeded();
	await page
		.getByRole('heading', { name: 'Recommendation' })
		.first()
		.evaluate((h) => h.scrollIntoView());
	await page.screenshot({ path: 'test-results/exploratory-recommendation.png' });
	await expectNoA11yViolations(page);
});

test('vendor cards suggest what each kind does; the plan start hint says what the plan uses', async ({
	page
}) => {
	await toSubservices(page, {
		organisation: 'Fabrikam Cloud',
		assessor: 'Sam Lee',
		services: 'Hosted reporting API'
	});
	const kind = page.getByLabel('Kind of vendor');
	await kind.selectOption('hris-payroll');
	await page.getByRole('button', { name: 'Add vendor' }).click();
	await kind.selectOption('cloud-iaas');
	await page.getByRole('button', { name: 'Add vendor' }).click();
	const services = page.getByLabel('What it does for the system');
	await expect(services).toHaveCount(2);
	const placeholders = await services.evaluateAll((els) =>
		els.map((e) => e.getAttribute('placeholder'))
	);
	expect(placeholders).toEqual([
		expect.stringMatching(/payroll/i),
		expect.stringMatching(/production servers/i)
	]);
	await page.screenshot({ path: 'test-results/exploratory-vendors.png', fullPage: true });

	await page.goto(page.url().replace(/&.*$/, '') + '&stage=start');
	await expect(page.locator('main h1')).toHaveText('Start');
	const hint = page.locator('#m-plan-help');
	await expect(hint).toContainText('A date already passed counts as today.');
	await expect(hint).toContainText(/The plan starts on \d+ \w+ \d{4}\./);
	await hint.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/exploratory-start.png' });
});
