import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from './fixtures';
import { SAVED, persona, readStored, saveStatus, seedAssessment } from './reliability-helpers';

/**
 * The presenter view over the whole interview, in the built app: it opens where the assessment
 * is, walks every stage by keyboard (PageUp/PageDown, the stage navigator, the maturity keys),
 * saves edits exactly like the interview, exits to the interview at the same place, and stays
 * axe-clean without sideways scrolling on a 1280×720 projector and at 200 % zoom, in the
 * system's light and dark mode. Set PRESENTER_SHOTS=<dir> to keep a screenshot of each stage.
 */

const SHOTS = process.env.PRESENTER_SHOTS;
const PROJECTOR = { width: 1280, height: 720 };
/** 1280×720 at 200 % zoom, in CSS pixels. */
const ZOOMED = { width: 640, height: 360 };

function title(page: Page) {
	return page.locator('main h1');
}

function stageButton(page: Page, name: string) {
	return page
		.getByRole('navigation', { name: 'Interview stages' })
		.getByRole('button', { name: new RegExp(`^\\S*\\s*${name}`) });
}

async function noSidewaysScroll(page: Page, label: string): Promise<void> {
	const over = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(over, `horizontal overflow ${label}`).toBeLessThanOrEqual(0);
}

/** axe in light and dark mode, no sideways scroll at projector size and at 200 %, a screenshot. */
async function checkStage(page: Page, name: string): Promise<void> {
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		await expectNoA11yViolations(page, `${name} (${colorScheme})`);
	}
	await noSidewaysScroll(page, `${name} at 1280×720`);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
	await page.setViewportSize(ZOOMED);
	await noSidewaysScroll(page, `${name} at 200 %`);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-200.png` });
	await page.setViewportSize(PROJECTOR);
	await page.emulateMedia({ colorScheme: 'light' });
}

async function storedStage(page: Page, id: string): Promise<string> {
	return JSON.stringify((await readStored(page, id)).row?.interview ?? null);
}

test.describe('presenter view', () => {
	test.use({ viewport: PROJECTOR });

	test('walks every stage by keyboard, saves edits, resumes and exits at the same place', async ({
		page
	}) => {
		test.setTimeout(240_000);
		const a = persona('full-workshop');
		await seedAssessment(page, a);
		const cuecId = a.cuecs[0]!.id;

		// The assessment is at the scope stage: the presenter opens there, not at the questions.
		await page.goto(`/interview?id=${encodeURIComponent(a.id)}&stage=scope`);
		await expect(title(page)).toHaveText('Scope & system');
		await expect.poll(() => storedStage(page, a.id)).toContain('"stage":"scope"');
		await page.goto(`/present?id=${encodeURIComponent(a.id)}`);
		await expect(title(page)).toHaveText('Scope & system');
		await expect(stageButton(page, 'Scope & system')).toHaveAttribute('aria-current', 'step');
		await expect(page.getByText('Step 3 of 9').first()).toBeVisible();
		const size = await title(page).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
		expect(size).toBeGreaterThanOrEqual(36);

		// The stage navigator is operable by keyboard.
		await stageButton(page, 'Start').focus();
		await page.keyboard.press('Enter');
		await expect(title(page)).toHaveText('Start');
		await expect(title(page)).toBeFocused();
		await checkStage(page, '1-start');

		await page.keyboard.press('PageDown');
		await expect(title(page)).toHaveText('Company profile');
		await checkStage(page, '2-profile');
		// Edit a profile answer with the keyboard: the arrow moves the headcount choice on.
		await page.getByRole('radio', { name: /^51–200/ }).focus();
		await page.keyboard.press('ArrowDown');
		await expect(page.getByRole('radio', { name: /^201–1,000/ })).toBeChecked();
		await expect(saveStatus(page)).toHaveText(SAVED);

		await page.keyboard.press('PageDown');
		await expect(title(page)).toHaveText('Scope & system');
		await checkStage(page, '3-scope');

		await page.keyboard.press('PageDown');
		await expect(title(page)).toHaveText('Subservice organisations');
		await checkStage(page, '4-subservices');

		await page.keyboard.press('PageDown');
		await expect(title(page)).toHaveText('Trust Services Criteria');
		await expect(page.getByText(/Strongly suggested|Suggested/).first()).toBeVisible();
		await checkStage(page, '5-tsc');

		await page.keyboard.press('PageDown');
		await expect(title(page)).toHaveText('User entity controls');
		await checkStage(page, '6-cuecs');
		// Reword a CUEC in the room; Esc leaves the field and saves it.
		const cuecText = page.locator(`#cu-${cuecId}-text`);
		await cuecText.focus();
		await page.keyboard.press('Control+A');
		await page.keyboard.type('Approve every account in the service before it is created.');
		await page.keyboard.press('Escape');
		await expect(cuecText).not.toBeFocused();
		await expect(saveStatus(page)).toHaveText(SAVED);

		// Into the questions: one per screen, answered with the same keys as before.
		await page.keyboard.press('PageDown');
		const prompt = page.locator('.qcard h1');
		await expect(prompt).toBeVisible();
		await expect(stageButton(page, 'Control maturity')).toHaveAttribute('aria-current', 'step');
		const firstQ = await page.locator('main article.qcard').getAttribute('data-question');
		await page.keyboard.press('3');
		await expect(page.getByRole('radio', { name: 'Level 3: Implemented' })).toBeChecked();
		await expect(saveStatus(page)).toHaveText(SAVED);
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('main article.qcard')).not.toHaveAttribute('data-question', firstQ!);
		await page.keyboard.press('ArrowLeft');
		await expect(page.locator('main article.qcard')).toHaveAttribute('data-question', firstQ!);
		await checkStage(page, '7-maturity');

		await page.keyboard.press('PageDown');
		await expect(title(page)).toHaveText('Review');
		await checkStage(page, '8-review');

		await page.keyboard.press('PageDown');
		await expect(title(page)).toHaveText('Results');
		await checkStage(page, '9-results');

		// Back a stage from the questions lands on the CUECs, not the previous question.
		await page.keyboard.press('PageUp');
		await expect(title(page)).toHaveText('Review');
		await page.keyboard.press('PageUp');
		await expect(prompt).toBeVisible();
		await page.keyboard.press('PageUp');
		await expect(title(page)).toHaveText('User entity controls');

		// Exit: the interview opens at the same stage, with both edits stored.
		await page.getByRole('link', { name: 'Exit presenter view' }).click();
		await page.waitForURL(/\/interview\?id=/);
		await expect(title(page)).toHaveText('User entity controls');
		await expect(page.locator(`#cu-${cuecId}-text`)).toHaveValue(
			'Approve every account in the service before it is created.'
		);
		await page
			.getByRole('navigation', { name: 'Interview stages' })
			.getByRole('button', { name: /Company profile/ })
			.click();
		await expect(title(page)).toHaveText('Company profile');
		await expect(page.getByRole('radio', { name: /^201–1,000/ })).toBeChecked();
		const stored = await readStored(page, a.id);
		expect(stored.row?.profile['profile.headcount']).toBe('201-1000');
		expect(stored.row?.cuecs.find((c) => c.id === cuecId)?.text).toBe(
			'Approve every account in the service before it is created.'
		);
		expect(stored.answers[firstQ!]?.value).toBe(3);

		// And back to the presenter from a question: it resumes at that question.
		await page.goto(`/interview?id=${encodeURIComponent(a.id)}&q=${encodeURIComponent(firstQ!)}`);
		await expect(page.locator('article.qcard')).toBeVisible();
		await page.getByRole('link', { name: 'Presenter view' }).click();
		await expect(page.locator('main article.qcard')).toHaveAttribute('data-question', firstQ!);
		await page.getByRole('link', { name: 'Exit presenter view' }).click();
		await expect(page.locator('article.qcard')).toHaveAttribute(
			'aria-labelledby',
			`q-${firstQ}-prompt`
		);
	});

	test('a stage that cannot be left explains why, and locked stages say what is missing', async ({
		page
	}) => {
		const a = persona('full-workshop');
		a.cuecs = [{ ...a.cuecs[0]!, text: '' }, ...a.cuecs.slice(1)];
		await seedAssessment(page, a);
		await page.goto(`/interview?id=${encodeURIComponent(a.id)}&stage=cuecs`);
		await expect(title(page)).toHaveText('User entity controls');
		await expect.poll(() => storedStage(page, a.id)).toContain('"stage":"cuecs"');
		await page.goto(`/present?id=${encodeURIComponent(a.id)}`);
		await expect(title(page)).toHaveText('User entity controls');
		// The questions are out of reach until the CUEC has wording.
		await expect(stageButton(page, 'Control maturity')).toHaveAttribute('aria-disabled', 'true');
		await page.keyboard.press('PageDown');
		const alert = page.getByRole('alert').filter({ hasText: 'Before you go on' });
		await expect(alert).toBeVisible();
		await expect(alert).toBeFocused();
		await expect(alert).toContainText('Write the wording of user entity control 1.');
		await expect(title(page)).toHaveText('User entity controls');
		await expectNoA11yViolations(page, 'presenter, blocked');
		await alert.getByRole('button', { name: 'OK' }).click();
		await expect(alert).toBeHidden();
		await page
			.locator(`#cu-${a.cuecs[0]!.id}-text`)
			.fill('Review the users of the service each quarter.');
		await page.keyboard.press('Escape');
		await expect(saveStatus(page)).toHaveText(SAVED);
		await expect(stageButton(page, 'Control maturity')).not.toHaveAttribute(
			'aria-disabled',
			'true'
		);
		await page.keyboard.press('PageDown');
		await expect(page.locator('.qcard h1')).toBeVisible();
	});
});
