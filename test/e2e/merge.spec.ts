/**
 * Two laptops, one assessment (issue #16): laptop A starts it and exports it; laptop B imports
 * that copy; both change different answers and the same answer; they exchange files and merge.
 * Both end with every answer, the later value of the answer changed on both, the merge summary
 * listing that conflict, and the other value in the answer's history. Two browser profiles
 * (contexts) share nothing but the files.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
	exportToFile,
	importFromList,
	otherProfile,
	storedValue as storedIn
} from './exchange-helpers';
import { expect, expectNoA11yViolations, test } from './fixtures';

// A workshop's assessment with every stage complete (its answers are all reachable).
const FIXTURE = path.resolve('test/fixtures/assessments/full-workshop.json');
const ORG = 'Brightwater Analytics';
const ID = 'persona-full-workshop';

const storedValue = (page: Page, q: string) => storedIn(page, ID, q);
const exportFile = (page: Page, file: string) => exportToFile(page, ORG, file);

async function openQuestion(page: Page, q: string): Promise<void> {
	await page.goto(`/interview?id=${ID}&q=${q}`);
	await expect(page.getByRole('group', { name: 'How mature is this today?' })).toBeVisible();
}

/** Answer by the keyboard (the card's digit keys), then wait until it is stored. */
async function answer(page: Page, q: string, level: number, label: RegExp): Promise<void> {
	await openQuestion(page, q);
	await page.locator('h2[id$="-prompt"]').focus();
	await page.keyboard.press(String(level));
	await expect(page.getByRole('radio', { name: label })).toBeChecked();
	await expect.poll(() => storedValue(page, q)).toBe(level);
}

async function mergeFile(page: Page, file: string) {
	await importFromList(page, file);
	const conflict = page.getByRole('dialog', { name: 'This assessment is already on this device' });
	await expect(conflict.getByRole('button', { name: 'Merge' })).toBeFocused();
	await expectNoA11yViolations(page, 'import conflict dialog');
	await conflict.getByRole('button', { name: 'Merge' }).click();
	const summary = page.getByRole('dialog', { name: 'Merged: review what changed' });
	await expect(summary).toBeVisible();
	await expect(summary.getByRole('button', { name: 'Done' })).toBeFocused();
	await expectNoA11yViolations(page, 'merge summary');
	return summary;
}

test('two laptops exchange files and merge answer by answer', async ({
	page,
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(180_000);
	const b = await otherProfile(browser, baseURL!);
	try {
		// A starts the assessment (from a file) and hands a copy to B.
		await importFromList(page, FIXTURE);
		await expect(page.getByRole('status').filter({ hasText: `Imported “${ORG}”` })).toBeVisible();
		const first = testInfo.outputPath('a-first.json');
		await exportFile(page, first);
		await importFromList(b.page, first);
		await expect(b.page.getByRole('status').filter({ hasText: `Imported “${ORG}”` })).toBeVisible();

		// Each changes an answer of its own and the same answer (B later).
		await answer(page, 'cc6-asset-inventory', 2, /Level 2: Documented/);
		await answer(page, 'cc6-mfa', 1, /Level 1: Informal/);
		await answer(b.page, 'cc6-secrets', 2, /Level 2: Documented/);
		await answer(b.page, 'cc6-mfa', 5, /Level 5: Monitored/);

		const fromA = testInfo.outputPath('from-a.json');
		const fromB = testInfo.outputPath('from-b.json');
		await exportFile(page, fromA);
		await exportFile(b.page, fromB);

		// A merges B's file: B's later value of the shared answer becomes current.
		let summary = await mergeFile(page, fromB);
		let row = summary.getByRole('row', { name: /MFA everywhere/ });
		await expect(row).toContainText('Informal');
		await expect(row).toContainText('Monitored');
		await expect(row).toContainText('The file’s');
		await page.setViewportSize({ width: 1280, height: 720 });
		await page.screenshot({ path: testInfo.outputPath('merge-summary.png') });
		await summary.getByRole('button', { name: 'Done' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: `Merged the file into “${ORG}”` })
		).toBeVisible();

		// B merges A's file: its own value stays current, A's is listed.
		summary = await mergeFile(b.page, fromA);
		row = summary.getByRole('row', { name: /MFA everywhere/ });
		await expect(row).toContainText('Informal');
		await expect(row).toContainText('This device’s');
		await summary.getByRole('button', { name: 'Done' }).click();

		for (const p of [page, b.page]) {
			// Both hold every answer…
			await openQuestion(p, 'cc6-asset-inventory');
			await expect(p.getByRole('radio', { name: /Level 2: Documented/ })).toBeChecked();
			await openQuestion(p, 'cc6-secrets');
			await expect(p.getByRole('radio', { name: /Level 2: Documented/ })).toBeChecked();
			// …the later value of the shared one, and the other in its history.
			await openQuestion(p, 'cc6-mfa');
			await expect(p.getByRole('radio', { name: /Level 5: Monitored/ })).toBeChecked();
			const history = p.getByTestId('answer-history');
			// Read when opened (the page has not written yet, so the document layer is not loaded).
			await history.locator('summary').click();
			await expect(history.locator('summary')).toHaveText(/^History \(\d+\)$/);
			await expect(history).toContainText('Informal');
			await expect(history).toContainText('Implemented');
			await expectNoA11yViolations(p, 'question card with history');
		}
		await b.page.screenshot({ path: testInfo.outputPath('history-b.png') });
		expect(b.offsite).toEqual([]);
	} finally {
		await b.ctx.close();
	}
});
