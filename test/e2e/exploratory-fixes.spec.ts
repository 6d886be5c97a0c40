import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Defects found by exploratory testing of the built app, each pinned by a test: adding a library
 * CUEC by keyboard must not drop focus.
 */

async function focusedName(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el) return '';
		return `${el.tagName}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim()}`;
	});
}

/** Create an assessment and answer the required scoping questions; ends on Subservice organisations. */
async function toSubservices(page: Page): Promise<void> {
	await page.goto('/');
	await page
		.getByRole('button', { name: /^(New assessment|Create your first assessment)$/ })
		.first()
		.click();
	await page.getByLabel('Organisation').fill('Fabrikam Cloud');
	await page.getByLabel('Assessor').fill('Sam Lee');
	await page.getByRole('button', { name: 'Create and start' }).click();
	await page.waitForURL(/\/interview\?id=/);
	await page.getByRole('radio', { name: /^11–50/ }).check();
	await page.getByRole('radio', { name: /^Public cloud/ }).check();
	await page.getByRole('button', { name: /Continue to Scope/ }).click();
	await page
		.getByLabel(/services/i)
		.first()
		.fill('Hosted reporting API');
	await page.getByRole('checkbox', { name: /^Source code/ }).check();
	await page.getByRole('radio', { name: /^Fully remote/ }).check();
	await page.getByRole('button', { name: /Continue to Subservice/ }).click();
	await expect(page.locator('main h1')).toHaveText('Subservice organisations');
}

test('adding library CUECs by keyboard keeps focus in the library, Add all moves it to the list', async ({
	page
}) => {
	await toSubservices(page);
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
