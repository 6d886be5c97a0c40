import { test, expect, expectNoA11yViolations } from './fixtures';

test('start page loads with no offsite requests and no a11y violations', async ({
	page,
	offsite,
	pageErrors
}) => {
	await page.goto('/');
	await expect(page).toHaveTitle(/SOC 2 Readiness/);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('banner')).toContainText('SOC 2 Readiness');
	await expectNoA11yViolations(page, 'start page');
	expect(offsite).toEqual([]);
	expect(pageErrors).toEqual([]);
});
