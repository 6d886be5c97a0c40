import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test, waitForServiceWorker } from './fixtures';
import { currentQuestionId, readStored } from './reliability-helpers';

/**
 * The guided interview in a real browser against the built app: keyboard only, resume after a
 * reload, offline, two tabs, the presenter view, and axe on every stage.
 */

const ORG = 'Northwind Analytics';

/** Press Tab until the focused element matches (keyboard-only navigation). */
async function tabTo(page: Page, match: RegExp, max = 120): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const name = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			if (!el) return '';
			const label =
				el.getAttribute('aria-label') ??
				(el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
				el.closest('label')?.textContent ??
				el.textContent ??
				'';
			return `${el.tagName}:${label.replace(/\s+/g, ' ').trim()}`;
		});
		if (match.test(name)) return;
	}
	throw new Error(`Tab never reached ${match}`);
}

async function savedAfter(page: Page): Promise<void> {
	await expect(page.getByTestId('save-status')).toContainText(/Saved|All changes saved/);
}

/** Create an assessment through the list page (mouse; the keyboard test does it by keys). */
async function createAssessment(page: Page, org = ORG): Promise<string> {
	await page.goto('/');
	await page
		.getByRole('button', { name: /^(New assessment|Create your first assessment)$/ })
		.first()
		.click();
	await page.getByLabel('Organisation').fill(org);
	await page.getByLabel('Assessor').fill('Dana Ruiz');
	await page.getByRole('button', { name: 'Create and start' }).click();
	await page.waitForURL(/\/interview\?id=/);
	// The list page already asked for the Start details, so the interview opens on the profile.
	await expect(page.locator('main h1')).toHaveText('Company profile');
	return new URL(page.url()).searchParams.get('id')!;
}

/** Answer the required scoping questions with the mouse and arrive at the first maturity question. */
async function scopeQuickly(page: Page): Promise<void> {
	await page.getByRole('radio', { name: /^11–50/ }).check();
	await page.getByRole('radio', { name: /^Public cloud/ }).check();
	await page.getByRole('button', { name: /Continue to Scope/ }).click();
	await page.getByRole('group', { name: /data/i }).first().waitFor();
	await page
		.getByLabel(/services/i)
		.first()
		.fill('Hosted analytics API');
	await page.getByRole('checkbox', { name: /^Source code/ }).check();
	await page.getByRole('radio', { name: /^Fully remote/ }).check();
	await page.getByRole('button', { name: /Continue to Subservice/ }).click();
	await page.getByRole('button', { name: /Continue to Trust Services/ }).click();
	await page.getByRole('button', { name: /Continue to User entity/ }).click();
	await page.getByRole('button', { name: /Continue to Control maturity/ }).click();
	await expect(page.locator('main h1')).toContainText('CC1');
	await savedAfter(page);
}

test.describe('guided interview', () => {
	test('a whole interview by keyboard alone, resumed after a reload, axe-clean on every stage', async ({
		page
	}) => {
		test.setTimeout(240_000);
		await page.goto('/');
		await tabTo(page, /^BUTTON:.*(New assessment|Create your first assessment)/);
		await page.keyboard.press('Enter');
		await expect(page.getByLabel('Organisation')).toBeFocused();
		await page.keyboard.type(ORG);
		await page.keyboard.press('Tab');
		await page.keyboard.type('Dana Ruiz, Ruiz Advisory');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/interview\?id=/);
		const id = new URL(page.url()).searchParams.get('id')!;

		// Opens on the profile (Start was filled in on the list page); Back shows Start.
		await expect(page.locator('main h1')).toHaveText('Company profile');
		await tabTo(page, /^BUTTON:.*Back$/);
		await page.keyboard.press('Enter');
		await expect(page.locator('main h1')).toHaveText('Start');
		await expect(page.getByLabel('Organisation')).toHaveValue(ORG);
		await expectNoA11yViolations(page, 'start');
		await tabTo(page, /^BUTTON:Continue to Company profile/);
		await page.keyboard.press('Enter');

		// Company profile: "next" is refused with a clear message until required answers exist.
		await expect(page.locator('main h1')).toHaveText('Company profile');
		await expectNoA11yViolations(page, 'profile');
		await tabTo(page, /^BUTTON:Continue to Scope/);
		await page.keyboard.press('Enter');
		const blocked = page.getByRole('alert').filter({ hasText: 'Before you go on' });
		await expect(blocked).toContainText('How many people work for the company');
		await expect(blocked).toBeFocused();
		await tabTo(page, /^INPUT:1–10/);
		await page.keyboard.press('ArrowRight'); // 11–50
		await expect(page.getByRole('radio', { name: /^11–50/ })).toBeChecked();
		await tabTo(page, /^INPUT:Public cloud/);
		await page.keyboard.press('Space');
		await expect(page.getByRole('radio', { name: /^Public cloud/ })).toBeChecked();
		await tabTo(page, /^BUTTON:Continue to Scope/);
		await page.keyboard.press('Enter');

		// Scope & system
		await expect(page.locator('main h1')).toHaveText('Scope & system');
		await tabTo(page, /^TEXTAREA:.*services/i);
		await page.keyboard.type('Northwind Insights: hosted analytics API and dashboard.');
		await tabTo(page, /^INPUT:Customers' confidential|^INPUT:Customer confidential/i);
		await page.keyboard.press('Space');
		await tabTo(page, /^INPUT:Fully remote/);
		await page.keyboard.press('Space');
		await expectNoA11yViolations(page, 'scope');
		await tabTo(page, /^BUTTON:Continue to Subservice/);
		await page.keyboard.press('Enter');

		// Subservice organisations: add the cloud provider from the catalogue.
		await expect(page.locator('main h1')).toHaveText('Subservice organisations');
		await tabTo(page, /^SELECT:Kind of vendor/);
		await page.keyboard.press('ArrowDown');
		await tabTo(page, /^BUTTON:Add vendor/);
		await page.keyboard.press('Enter');
		await expect(page.getByLabel('Vendor name')).toBeFocused();
		await page.keyboard.type('Amazon Web Services');
		await page.keyboard.press('Tab');
		await savedAfter(page);
		await expectNoA11yViolations(page, 'subservices');
		await tabTo(page, /^BUTTON:Continue to Trust Services/);
		await page.keyboard.press('Enter');

		// Trust Services Criteria: suggestions with reasons; continuing confirms.
		await expect(page.locator('main h1')).toHaveText('Trust Services Criteria');
		await expect(page.getByText('Always in scope')).toBeVisible();
		await expectNoA11yViolations(page, 'tsc');
		await tabTo(page, /^BUTTON:Continue to User entity/);
		await page.keyboard.press('Enter');

		// CUECs: take one from the library.
		await expect(page.locator('main h1')).toHaveText('User entity controls');
		await tabTo(page, /^BUTTON:Add: /);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { name: /Your CUECs \(1\)/ })).toBeVisible();
		await expectNoA11yViolations(page, 'cuecs');
		await tabTo(page, /^BUTTON:Continue to Control maturity/);
		await page.keyboard.press('Enter');

		// Maturity questions: answer each one with a key, then Enter.
		await expect(page.locator('main h1')).toContainText('CC1');
		await expectNoA11yViolations(page, 'maturity area');
		const keys = ['3', '4', '2', '?', '5', '1', '0', 'n'];
		let count = 0;
		let unknowns = 0;
		let resumedChecked = false;
		while ((await page.locator('main h1').first().innerText()).match(/^(CC|A1|C1|PI1|P)\d?/)) {
			const prompt = await page.locator('h2[id$="-prompt"]').innerText();
			const key = keys[count % keys.length]!;
			await page.keyboard.press(key);
			if (key === 'n') {
				const reason = page.getByLabel(/Why does this not apply/);
				await expect(reason).toBeFocused();
				await page.keyboard.type('Not relevant for a fully remote team of this size.');
				await page.keyboard.press('Escape');
			}
			if (key === '?') unknowns++;
			await savedAfter(page);
			count++;

			if (count === 10 && !resumedChecked) {
				// Reload mid-way: the same question comes back, with its answer.
				resumedChecked = true;
				await page.keyboard.press('Enter');
				await expect(page.locator('h2[id$="-prompt"]')).not.toHaveText(prompt);
				const before = await page.locator('h2[id$="-prompt"]').innerText();
				// Reload once the new place is stored (a real condition, not a fixed delay).
				const next = await currentQuestionId(page);
				const id = new URL(page.url()).searchParams.get('id')!;
				await expect
					.poll(async () => {
						const row = (await readStored(page, id)).row;
						const snap = row?.interview?.snapshot as
							{ context?: { position?: { questionId?: string } } } | undefined;
						return snap?.context?.position?.questionId;
					})
					.toBe(next);
				await page.reload();
				await expect(page.locator('h2[id$="-prompt"]')).toHaveText(before);
				await page.keyboard.press('ArrowLeft');
				await expect(page.locator('h2[id$="-prompt"]')).toHaveText(prompt);
				await expect(page.getByRole('radio', { checked: true })).toHaveAccessibleName(
					/Level 3|Level 4|Level 2|Don't know|Level 5|Level 1|Level 0|Not applicable/
				);
			}
			await page.keyboard.press('Enter');
			await expect(
				page.locator('h2[id$="-prompt"], main h1:text("Review")').first()
			).not.toHaveText(prompt);
		}
		expect(count).toBeGreaterThan(60);

		// Review: nothing unanswered; the don't-knows are listed with links.
		await expect(page.locator('main h1')).toHaveText('Review');
		await expect(page.locator('#rv-unanswered')).toHaveCount(0);
		await expect(page.locator('#rv-unknown li')).toHaveCount(unknowns);
		await expectNoA11yViolations(page, 'review');
		const firstUnknown = page.locator('#rv-unknown a').first();
		const title = await firstUnknown.innerText();
		await firstUnknown.focus();
		await page.keyboard.press('Enter');
		await expect(page.locator('main h1')).not.toHaveText('Review');
		await expect(page.getByRole('radio', { name: "Don't know" })).toBeChecked();
		await expect(page.locator('.qtitle')).toContainText(title);
		await tabTo(page, /^BUTTON:.*Review$/);
		await page.keyboard.press('Enter');
		await expect(page.locator('main h1')).toHaveText('Review');
		await tabTo(page, /^BUTTON:Continue to Results/);
		await page.keyboard.press('Enter');
		await expect(page.locator('main h1')).toHaveText('Results');
		await expect(page.getByRole('link', { name: 'Open the results dashboard' })).toHaveAttribute(
			'href',
			`/results?id=${id}`
		);
		await expectNoA11yViolations(page, 'results');
	});

	test('keeps working offline after the service worker installed', async ({ page, context }) => {
		test.setTimeout(120_000);
		await page.goto('/');
		await waitForServiceWorker(page);
		await createAssessment(page, 'Offline Co');
		await scopeQuickly(page);
		await page.keyboard.press('2');
		await savedAfter(page);
		await page.keyboard.press('Enter');
		const prompt = await page.locator('h2[id$="-prompt"]').innerText();

		await context.setOffline(true);
		await page.reload();
		await expect(page.locator('h2[id$="-prompt"]')).toHaveText(prompt);
		await page.keyboard.press('4');
		await expect(page.getByTestId('save-status')).toContainText('Saved');
		await page.keyboard.press('Enter');
		await expect(page.locator('h2[id$="-prompt"]')).not.toHaveText(prompt);
		const third = await page.locator('h2[id$="-prompt"]').innerText();
		await page.reload();
		await expect(page.locator('h2[id$="-prompt"]')).toHaveText(third);
		await page.keyboard.press('ArrowLeft');
		await expect(page.locator('h2[id$="-prompt"]')).toHaveText(prompt);
		await expect(page.getByRole('radio', { name: 'Level 4: Operating' })).toBeChecked();
		await context.setOffline(false);
	});

	test('two tabs stay consistent and a stale edit never overwrites a newer one', async ({
		page,
		context
	}) => {
		await createAssessment(page, 'Two Tabs Ltd');
		await scopeQuickly(page);
		const url = page.url();
		const other = await context.newPage();
		await other.goto(url);
		const prompt = page.locator('h2[id$="-prompt"]');
		await expect(other.locator('h2[id$="-prompt"]')).toHaveText(await prompt.innerText());

		// An answer given in one tab appears in the other.
		await page.keyboard.press('3');
		await savedAfter(page);
		await expect(other.getByRole('radio', { name: 'Level 3: Implemented' })).toBeChecked();

		// Tab 2 starts editing the note; tab 1 saves a note first; tab 2's stale edit is refused.
		await other.getByLabel('Notes').click();
		await page.getByLabel('Notes').fill('Owner: CTO (from tab 1)');
		await page.getByLabel('Notes').blur();
		await savedAfter(page);
		await other.getByLabel('Notes').pressSequentially('Written in tab 2');
		await other.getByLabel('Notes').blur();
		const conflict = other.getByRole('region', { name: 'Changed in another window' });
		await expect(conflict).toBeVisible();
		await expect(conflict.getByRole('alert')).toContainText('Your change was not saved');
		await expect(conflict).toContainText('Owner: CTO (from tab 1)');
		await expect(page.getByLabel('Notes')).toHaveValue('Owner: CTO (from tab 1)');
		// Choosing "mine" writes it on top, and tab 1 follows.
		await conflict.getByRole('button', { name: 'Use mine' }).click();
		await expect(page.getByLabel('Notes')).toHaveValue(/Written in tab 2/);
		await other.close();
	});

	test('presenter view: large, keyboard-driven, notes in place, exits at the same question', async ({
		page
	}) => {
		await page.setViewportSize({ width: 1920, height: 1080 });
		const id = await createAssessment(page, 'Workshop Client');
		await scopeQuickly(page);
		await page.keyboard.press('Enter'); // to question 2
		const second = await page.locator('h2[id$="-prompt"]').innerText();
		await page.getByRole('link', { name: 'Presenter view' }).click();
		await page.waitForURL(/\/present\?id=/);
		await expect(page.locator('.qcard h1')).toHaveText(second);
		await expect(page.getByText(/Question\s+2\s+of \d+ in CC1/)).toBeVisible();
		await expect(page.getByText(/answered/).first()).toBeVisible();
		await expectNoA11yViolations(page, 'presenter');
		const size = await page
			.locator('.qcard h1')
			.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
		expect(size).toBeGreaterThanOrEqual(40);

		await page.keyboard.press('5');
		await expect(page.getByRole('radio', { name: 'Level 5: Monitored' })).toBeChecked();
		await page.getByLabel('Workshop notes').fill('Quarterly review with the board, minutes kept.');
		await page.keyboard.press('Escape');
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('.qcard h1')).not.toHaveText(second);
		const third = await page.locator('.qcard h1').innerText();
		await page.keyboard.press('?');
		await savedAfter(page);
		await page.getByRole('link', { name: 'Exit presenter view' }).click();
		await page.waitForURL(new RegExp(`/interview\\?id=${id}`));
		await expect(page.locator('h2[id$="-prompt"]')).toHaveText(third);
		await page.keyboard.press('ArrowLeft');
		await expect(page.getByLabel('Notes')).toHaveValue(
			'Quarterly review with the board, minutes kept.'
		);
		await expect(page.getByRole('radio', { name: 'Level 5: Monitored' })).toBeChecked();
	});

	test('the sidebar jumps to reachable stages only and explains the others', async ({ page }) => {
		await createAssessment(page, 'Sidebar Inc');
		const nav = page.getByRole('navigation', { name: 'Interview stages' });
		// Unreachable stages are marked aria-disabled but stay focusable: choosing one explains why.
		const maturity = nav.getByRole('button', { name: /Control maturity/ });
		await expect(maturity).toHaveAttribute('aria-disabled', 'true');
		await maturity.focus();
		await page.keyboard.press('Enter');
		await expect(page.locator('main h1')).toHaveText('Company profile');
		await expect(page.getByRole('alert').filter({ hasText: 'Before you go on' })).toContainText(
			'Company profile: Answer'
		);
		await nav.getByRole('button', { name: /Start/ }).click();
		await expect(page.locator('main h1')).toHaveText('Start');
		await nav.getByRole('button', { name: /Company profile/ }).click();
		await expect(page.locator('main h1')).toHaveText('Company profile');
	});
});

test('fits a phone and 200 % zoom without sideways scrolling; the sidebar collapses', async ({
	page
}) => {
	await createAssessment(page, 'Small Screen GmbH');
	await scopeQuickly(page);
	// 1280×800 at 200 % zoom is a 640×400 CSS-pixel viewport; 390×844 is a phone.
	for (const size of [
		{ width: 640, height: 400 },
		{ width: 390, height: 844 }
	]) {
		await page.setViewportSize(size);
		for (const stage of ['maturity', 'profile', 'scope', 'tsc', 'review']) {
			if (stage !== 'maturity') {
				await page.getByRole('button', { name: /stages and progress/ }).click();
				await page
					.getByRole('navigation', { name: 'Interview stages' })
					.getByRole('button', { name: new RegExp(stage === 'tsc' ? 'Trust' : stage, 'i') })
					.first()
					.click();
			}
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(width, `${stage} at ${size.width}px`).toBeLessThanOrEqual(size.width);
		}
		await page.getByRole('button', { name: /stages and progress/ }).click();
		await page
			.getByRole('navigation', { name: 'Interview stages' })
			.getByRole('button', { name: /^CC1/ })
			.click();
		await expect(page.getByRole('button', { name: /stages and progress/ })).toHaveAttribute(
			'aria-expanded',
			'false'
		);
		await page.keyboard.press('1');
		await expect(page.getByRole('radio', { name: 'Level 1: Informal' })).toBeChecked();
	}
});
