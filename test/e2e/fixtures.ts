import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * Shared e2e fixture: every test records each request the page makes and fails if any goes
 * to a non-local origin (the app promises that nothing leaves the device), and collects
 * CSP violations and uncaught page errors.
 */
export const test = base.extend<{ offsite: string[]; pageErrors: string[] }>({
	offsite: async ({ context }, use) => {
		const offsite: string[] = [];
		context.on('request', (req) => {
			const url = new URL(req.url());
			const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
			if (!local && !['data:', 'blob:', 'chrome-extension:'].includes(url.protocol)) {
				offsite.push(req.url());
			}
		});
		await use(offsite);
		expect(offsite, 'requests left the device').toEqual([]);
	},
	pageErrors: async ({ page }, use) => {
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		page.on('console', (m) => {
			if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) {
				errors.push(m.text());
			}
		});
		await use(errors);
		expect(errors, 'page errors or CSP violations').toEqual([]);
	}
});

export { expect };

/** Run axe (WCAG 2.x A/AA) on the current page and fail on any violation. */
export async function expectNoA11yViolations(page: Page, label = ''): Promise<void> {
	// Axe measures colours as painted: an element fading in (a toast that rose at that moment,
	// such as "ready to work offline" when the service worker finishes) would be judged at a
	// partial opacity. Judge what the user sees once it has arrived.
	const settle = () =>
		page.evaluate(() => {
			for (const a of document.getAnimations()) {
				try {
					a.finish();
				} catch {
					// An endless animation (a spinner) has no end to jump to.
				}
			}
		});
	const measure = () =>
		new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze();
	await settle();
	let results = await measure();
	if (results.violations.length) {
		// Something may have started to fade in while axe was measuring (the toast again, seen in
		// CI): end it and measure once more. A real violation is there both times.
		await settle();
		results = await measure();
	}
	const summary = results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations ${label}`).toEqual([]);
}

/**
 * Wait until the app's service worker is installed and activated (first visit installs it).
 * Polls with page.evaluate: page.waitForFunction does not await a promise its predicate returns
 * (a pending promise is truthy), so an async predicate there would return at once.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					const reg = await navigator.serviceWorker?.getRegistration();
					return reg?.active?.state ?? null;
				}),
			{ timeout: 30_000, message: 'service worker activated' }
		)
		.toBe('activated');
}

/**
 * Creates an assessment from the list and answers the profile and scope stages by the UI, up to
 * the Subservice organisations stage (an 11–50 company on public cloud, fully remote).
 */
export async function toSubservices(
	page: Page,
	o: { organisation: string; assessor: string; services: string }
): Promise<void> {
	await page.goto('/');
	await page
		.getByRole('button', { name: /^(New assessment|Create your first assessment)$/ })
		.first()
		.click();
	await page.getByLabel('Organisation').fill(o.organisation);
	await page.getByLabel('Assessor').fill(o.assessor);
	await page.getByRole('button', { name: 'Create and start' }).click();
	await page.waitForURL(/\/interview\?id=/);
	await page.getByRole('radio', { name: /^11–50/ }).check();
	await page.getByRole('radio', { name: /^Public cloud/ }).check();
	await page.getByRole('button', { name: /Continue to Scope/ }).click();
	await page
		.getByLabel(/services/i)
		.first()
		.fill(o.services);
	await page.getByRole('checkbox', { name: /^Source code/ }).check();
	await page.getByRole('radio', { name: /^Fully remote/ }).check();
	await page.getByRole('button', { name: /Continue to Subservice/ }).click();
	await expect(page.locator('main h1')).toHaveText('Subservice organisations');
}
