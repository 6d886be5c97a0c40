import { test, expect, expectNoA11yViolations } from './fixtures';

test('start page loads with no offsite requests and no a11y violations', async ({ page, offsite, pageErrors }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('SOC 2 Readiness');
	await expectNoA11yViolations(page, 'start page');
	expect(offsite).toEqual([]);
	expect(pageErrors).toEqual([]);
});
