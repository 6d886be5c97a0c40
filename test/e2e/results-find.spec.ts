/**
 * Find-in-page on the results page (issue 19, sixth pass): the closed detail sections are not
 * drawn while the page loads, but are drawn in idle time once it is shown, hidden until found, so
 * that the browser's find (Ctrl+F) finds a criterion, an action or a vendor in a closed section
 * and opens that section; nothing on screen moves while they are drawn, and a closed section
 * still opens from the keyboard.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { localIsoDate } from '../../src/lib/domain/dates';
import { buildReportModel } from '../../src/lib/domain/engine/index';
import type { Assessment } from '../../src/lib/domain/types';
import { expect, test } from './fixtures';

const FIXTURE = 'test/fixtures/assessments/full-workshop.json';
const ID = 'persona-full-workshop';
const assessment = JSON.parse(readFileSync(FIXTURE, 'utf8')).assessment as Assessment;
const model = buildReportModel(loadBankFromDisk(), assessment, localIsoDate(new Date()));
const VENDOR = model.subservices[0]?.name ?? '';
/** The plan's last action (drawn last, in a closed phase) and the first action of the first phase (open). */
const ACTION = model.plan[model.plan.length - 1]?.action ?? '';
const FIRST_ACTION = model.plan.find((p) => p.phase === '0-30' && !p.done)?.action ?? '';

async function openResults(page: Page): Promise<void> {
	await page.goto('/');
	await page.locator('[data-testid="import-input"]').setInputFiles(FIXTURE);
	await expect(page.getByText(/Imported “/)).toBeVisible();
	await page.goto(`/results?id=${ID}`);
	await expect(page.getByRole('button', { name: 'Open all sections' })).toBeEnabled();
}

/** Every closed section's body drawn (in idle time); resolves with each heading's page offset, per insertion. */
function watchIdleDrawing(page: Page) {
	return page.evaluate(
		`new Promise((done) => {
			const tops = () => [...document.querySelectorAll('section.rs')].map((s) => Math.round(s.getBoundingClientRect().top + scrollY));
			const all = () => {
				const bodies = [...document.querySelectorAll('section.rs > .body')];
				return bodies.length >= 5 && bodies.every((b) => b.childElementCount > 0);
			};
			const seen = [{ n: document.querySelectorAll('section.rs').length, tops: tops(), scrollY }];
			if (all()) return done(seen);
			new MutationObserver((_, o) => {
				seen.push({ n: document.querySelectorAll('section.rs').length, tops: tops(), scrollY });
				if (all()) { o.disconnect(); done(seen); }
			}).observe(document.querySelector('main'), { subtree: true, childList: true });
		})`
	) as Promise<{ n: number; tops: number[]; scrollY: number }[]>;
}

test('closed sections are drawn in idle time, found by find-in-page, and open from the keyboard', async ({
	page
}) => {
	test.setTimeout(120_000);
	expect(VENDOR).not.toBe('');
	expect(ACTION).not.toBe('');
	expect(FIRST_ACTION).not.toBe('');
	await openResults(page);
	const snapshots = await watchIdleDrawing(page);
	// Nothing moved while the closed sections were drawn (no layout jump, no scroll jump): once
	// every section is there, each later insertion leaves every heading where it was.
	const settled = snapshots.filter((s) => s.n === snapshots[snapshots.length - 1]!.n);
	for (const s of settled) {
		expect(s.tops).toEqual(settled[0]!.tops);
		expect(s.scrollY).toBe(settled[0]!.scrollY);
	}

	// A vendor of the closed "Scope and vendors" section and an action of the closed plan are in
	// the page, hidden until found, while their sections stay closed.
	const scope = page.getByRole('region', { name: 'Scope and vendors' });
	const scopeToggle = scope.getByRole('button', { name: 'Scope and vendors' });
	await expect(scopeToggle).toHaveAttribute('aria-expanded', 'false');
	const vendor = page.locator('#sec-scope-body').getByText(VENDOR).first();
	await expect(vendor).toBeAttached();
	await expect(vendor).toBeHidden();
	await expect(page.locator('#sec-scope-body')).toHaveAttribute('hidden', 'until-found');
	await expect(page.locator('#sec-plan-body').getByText(ACTION).first()).toBeAttached();

	// The page's text search finds it while the section is closed (Chromium searches content that
	// is hidden until found; the find bar then reveals it and fires "beforematch", which
	// Playwright cannot drive: the event is sent here as the browser sends it, after removing the
	// attribute), and the section opens.
	const found = await page.evaluate(
		(t) => (window as unknown as { find: (s: string) => boolean }).find(t),
		VENDOR
	);
	expect(found).toBe(true);
	await expect(scopeToggle).toHaveAttribute('aria-expanded', 'false');
	// Also inside a phase of the plan that is a closed <details> in the closed section (Chromium
	// opens such a <details> itself on a find-in-page match).
	await expect(page.locator('#sec-plan-body').getByText(ACTION).first()).toBeAttached();
	expect(
		await page.evaluate(
			(t) =>
				(
					window as unknown as {
						find: (s: string, cs: boolean, back: boolean, wrap: boolean) => boolean;
					}
				).find(t, false, false, true),
			ACTION
		)
	).toBe(true);
	await page.locator('#sec-scope-body').evaluate((b) => {
		b.removeAttribute('hidden');
		b.dispatchEvent(new Event('beforematch', { bubbles: true }));
	});
	await expect(scopeToggle).toHaveAttribute('aria-expanded', 'true');
	await expect(vendor).toBeVisible();

	// A closed section opens from the keyboard (its heading is a button), and closes again.
	const plan = page.getByRole('region', { name: 'Remediation plan', exact: true });
	const planToggle = plan.getByRole('button', { name: 'Remediation plan', exact: true });
	await expect(planToggle).toHaveAttribute('aria-expanded', 'false');
	await planToggle.focus();
	await page.keyboard.press('Enter');
	await expect(planToggle).toHaveAttribute('aria-expanded', 'true');
	await expect(page.locator('#sec-plan-body').getByText(FIRST_ACTION).first()).toBeVisible();
	await page.keyboard.press('Space');
	await expect(planToggle).toHaveAttribute('aria-expanded', 'false');
	await expect(page.locator('#sec-plan-body')).toHaveAttribute('hidden', 'until-found');
});
