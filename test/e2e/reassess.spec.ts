/**
 * Issue 20: start a re-assessment. A persona imported through the app (assessed 2 March 2026,
 * target 1 June 2026, already past) with one answer changed in the interview; a re-assessment
 * started from the start page with the keyboard (the dialog refuses today as the new target, a
 * later date is typed); its question cards say "From <date> — confirm or change"; one answer is
 * confirmed, one changed, all of an area confirmed from the review stage, whose count follows;
 * exported and imported again as a copy, the link to the predecessor is kept (and shown "not on
 * this device" on a device without it); the results compare with the predecessor by default.
 * axe on the dialog and the review stage. Screenshots go to test-results/reassess-*.png (or
 * $REASSESS_SHOTS).
 */
import type { Locator, Page } from '@playwright/test';
import { localIsoDate, addDays } from '../../src/lib/domain/dates';
import { expect, expectNoA11yViolations, test } from './fixtures';
import { readStored } from './reliability-helpers';

const SHOTS = process.env.REASSESS_SHOTS ?? 'test-results';
const FIXTURE = 'test/fixtures/assessments/designed-young-deadline.json';
const ORG = 'Fast Follow GmbH';
const ORIGINAL = 'persona-designed-young-deadline';
const CONFIRMED = 'cc1-code-of-conduct';
const CHANGED = 'cc1-policy-acknowledgement';
const EDITED_BEFORE = 'cc1-disciplinary';

const VIEWPORTS = [
	{ width: 1366, height: 768 },
	{ width: 1280, height: 720 },
	{ width: 390, height: 844 }
];

/** Type an ISO date into the focused date input, segment by segment in the locale's order. */
async function typeDate(page: Page, iso: string): Promise<void> {
	const order = await page.evaluate(() =>
		new Intl.DateTimeFormat(undefined, { day: '2-digit', month: '2-digit', year: 'numeric' })
			.formatToParts(new Date(2027, 0, 31))
			.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year')
			.map((p) => p.type)
	);
	const [y, m, d] = iso.split('-');
	const part = { year: y!, month: m!, day: d! };
	for (const p of order) await page.keyboard.type(part[p as keyof typeof part]);
}

async function shoot(page: Page, name: string, show?: Locator): Promise<void> {
	for (const v of VIEWPORTS) {
		await page.setViewportSize(v);
		if (show) await show.evaluate((el) => el.scrollIntoView({ block: 'center' }));
		await page.screenshot({ path: `${SHOTS}/reassess-${name}-${v.width}x${v.height}.png` });
	}
	await page.setViewportSize(VIEWPORTS[0]!);
}

test('re-assess: start by keyboard, confirm or change, confirm an area, export and import keep the link', async ({
	page,
	browser
}) => {
	test.setTimeout(240_000);
	await page.setViewportSize(VIEWPORTS[0]!);
	const today = localIsoDate(new Date());
	// The list, its dialogs, the interview and the results print dates as “2 Mar 2026”.
	const from = '2 Mar 2026';

	// 1. The baseline, imported through the app; one answer changed in its interview.
	await page.goto('/');
	await page.locator('[data-testid="import-input"]').setInputFiles(FIXTURE);
	await expect(page.getByText(/Imported “/)).toBeVisible();
	await page.goto(`/interview?id=${ORIGINAL}&q=${EDITED_BEFORE}`);
	await expect(page.locator('article.qcard [id$="-prompt"]')).toBeFocused();
	await page.keyboard.press('2');
	await expect
		.poll(async () => (await readStored(page, ORIGINAL)).answers[EDITED_BEFORE]?.value)
		.toBe(2);
	const originalBefore = await readStored(page, ORIGINAL);

	// 2. "Start a re-assessment…" from the card's menu, with the keyboard only.
	await page.goto('/');
	const more = page.getByRole('button', { name: `More actions for ${ORG}` });
	await more.focus();
	await page.keyboard.press('Enter');
	const item = page.getByRole('button', { name: 'Start a re-assessment…' });
	for (let i = 0; i < 5 && !(await item.evaluate((el) => el === document.activeElement)); i++)
		await page.keyboard.press('ArrowDown');
	await expect(item).toBeFocused();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: 'Start a re-assessment' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('list', { name: 'Carried over', exact: true })).toContainText(
		'plan owners'
	);
	await expect(dialog.getByRole('list', { name: 'Not carried over' })).toContainText('history');
	// It quotes the question cards' words, with their date.
	await expect(dialog).toContainText(`shows “From ${from} — confirm or change”`);
	const target = dialog.getByLabel('New target report date');
	await expect(target).toBeFocused();
	// The proposal: today plus the old gap (2 March → 1 June = 91 days), never the past date.
	await expect(target).toHaveValue(addDays(today, 91));
	await expect(dialog).toContainText('already past');
	await expectNoA11yViolations(page, 're-assessment dialog');
	await shoot(page, 'dialog');

	// Today is refused (must be after today), with the field's words, and focus on the field.
	await target.fill(today);
	await page.keyboard.press('Enter');
	await expect(
		dialog.getByText(`The new target report date must be after today (${today}).`)
	).toBeVisible();
	await expect(target).toBeFocused();
	await expect(target).toHaveAttribute('aria-invalid', 'true');
	await expectNoA11yViolations(page, 're-assessment dialog with an error');
	// A later date, typed.
	const newTarget = addDays(today, 200);
	await typeDate(page, newTarget);
	await expect(target).toHaveValue(newTarget);
	await page.keyboard.press('Enter');

	// 3. It opens the new assessment's interview.
	await expect(page).toHaveURL(/\/interview\?id=/);
	const id = new URL(page.url()).searchParams.get('id')!;
	expect(id).not.toBe(ORIGINAL);
	const started = await readStored(page, id);
	expect(started.row?.meta.assessmentDate).toBe(today);
	expect(started.row?.meta.targetReportDate).toBe(newTarget);
	expect(started.row?.reassessmentOf).toEqual({ id: ORIGINAL, assessedOn: '2026-03-02' });
	expect(started.answers[EDITED_BEFORE]?.value).toBe(2);
	// Nothing of the original changed.
	expect(await readStored(page, ORIGINAL)).toEqual(originalBefore);

	// Its Start stage says what it is, with a link to the predecessor.
	await page.goto(`/interview?id=${id}&stage=start`);
	await expect(
		page
			.getByTestId('start-reassessment')
			.getByRole('link', { name: `the assessment dated ${from}` })
	).toHaveAttribute('href', new RegExp(`/interview\\?id=${ORIGINAL}$`));

	// 4. A carried answer: "From <date> — confirm or change"; confirmed by keyboard.
	await page.goto(`/interview?id=${id}&q=${CONFIRMED}`);
	await expect(page.locator('article.qcard [id$="-prompt"]')).toBeFocused();
	const banner = page.getByRole('group', {
		name: new RegExp(`^From ${from} — confirm or change\\.`)
	});
	await expect(banner).toBeVisible();
	await shoot(page, 'card', banner);
	const confirm = banner.getByRole('button', {
		name: `Confirm “3 · Implemented”, the answer from ${from}`
	});
	for (let i = 0; i < 30 && !(await confirm.evaluate((el) => el === document.activeElement)); i++)
		await page.keyboard.press('Tab');
	await expect(confirm).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(banner).toBeHidden();
	await expect
		.poll(async () => (await readStored(page, id)).row?.carried?.[CONFIRMED]?.confirmedAt)
		.toBeTruthy();
	await page.reload();
	await expect(page.locator('article.qcard')).toHaveAttribute('data-question', CONFIRMED);
	await expect(page.getByTestId('carried')).toHaveCount(0);

	// The presenter view shows the same notice on its card.
	await page.goto(`/present?id=${id}&q=${CHANGED}`);
	const presented = page.getByRole('group', {
		name: new RegExp(`^From ${from} — confirm or change\\.`)
	});
	await expect(presented).toBeVisible();
	await shoot(page, 'present', presented);

	// 5. Another one changed: the notice goes with the change.
	await page.goto(`/interview?id=${id}&q=${CHANGED}`);
	await expect(page.locator('article.qcard [id$="-prompt"]')).toBeFocused();
	await expect(page.getByTestId('carried')).toBeVisible();
	await page.keyboard.press('4');
	await expect(page.getByTestId('carried')).toHaveCount(0);
	await expect
		.poll(async () => (await readStored(page, id)).row?.carried?.[CHANGED])
		.toEqual({ changed: true });

	// 6. The review stage: how many are left, by area; "Confirm all in CC1" takes CC1 out.
	await page.goto(`/interview?id=${id}&stage=review`);
	const region = page.getByRole('region', { name: /^Carried answers to confirm/ });
	await expect(region).toBeVisible();
	const countOf = async () =>
		Number(
			/\((\d+)\)/.exec((await region.getByRole('heading', { level: 2 }).textContent()) ?? '')![1]
		);
	const before = await countOf();
	expect(before).toBeGreaterThan(0);
	await expect(region.getByTestId('carried-count')).toContainText(
		`carried over from the assessment of ${from}`
	);
	const cc1 = region.locator('[data-area="CC1"]');
	const inCc1 = await cc1.getByRole('listitem').count();
	expect(inCc1).toBeGreaterThan(0);
	await expect(cc1.getByRole('link', { name: /./ }).first()).toHaveAttribute('href', /q=cc1-/);
	await expectNoA11yViolations(page, 'review stage with carried answers');
	await shoot(page, 'review', region);
	const confirmAll = region.getByRole('button', { name: /^Confirm all in CC1/ });
	await confirmAll.focus();
	await page.keyboard.press('Enter');
	await expect(cc1).toHaveCount(0);
	await expect.poll(countOf).toBe(before - inCc1);
	await expect(region.getByRole('heading', { level: 2 })).toBeFocused();
	await expect
		.poll(async () => {
			const c = (await readStored(page, id)).row?.carried ?? {};
			return Object.entries(c).filter(
				([q, v]) => q.startsWith('cc1-') && !v.confirmedAt && !v.changed
			).length;
		})
		.toBe(0);

	// 7. Export, then import the file again as a copy: the link to the predecessor is kept.
	await page.goto('/');
	const card = page.locator(`li[data-assessment-id="${id}"]`);
	await card.getByRole('button', { name: `Export ${ORG}` }).click();
	const exportDialog = page.getByRole('dialog', { name: `Export “${ORG}”` });
	const download = page.waitForEvent('download');
	await exportDialog.getByRole('button', { name: 'Download file' }).click();
	const file = test.info().outputPath('reassessment.json');
	await (await download).saveAs(file);
	await expect(exportDialog).toBeHidden();
	await page.locator('[data-testid="import-input"]').setInputFiles(file);
	const ask = page.getByRole('dialog', { name: 'This assessment is already on this device' });
	await ask.getByRole('button', { name: 'Keep both' }).click();
	const copyCard = page.locator('li[data-assessment-id]').filter({
		has: page.getByRole('heading', { name: `${ORG} (imported)`, exact: true })
	});
	await expect(copyCard).toBeVisible();
	const copyId = (await copyCard.getAttribute('data-assessment-id'))!;
	const copy = await readStored(page, copyId);
	expect(copy.row?.reassessmentOf).toEqual({ id: ORIGINAL, assessedOn: '2026-03-02' });
	expect(copy.row?.carried?.[CONFIRMED]?.confirmedAt).toBeTruthy();
	expect(copy.row?.carried?.[CHANGED]).toEqual({ changed: true });

	// 8. The results compare with the predecessor by default — also the renamed copy's, found
	// by its link, not its name.
	for (const which of [id, copyId]) {
		await page.goto(`/results?id=${which}`);
		const toggle = page.getByRole('button', { name: `Since ${from}` });
		await expect(toggle).toBeVisible();
		const link = page.locator(`[data-reassessment-of="${ORIGINAL}"]`);
		await expect(link.getByRole('link', { name: `the assessment dated ${from}` })).toHaveAttribute(
			'href',
			new RegExp(`/results\\?id=${ORIGINAL}$`)
		);
		await toggle.click();
		await expect(page.getByRole('combobox', { name: 'Compare with' })).toHaveValue(ORIGINAL);
		if (which === id) {
			await page.evaluate(() => window.scrollTo(0, 0));
			await shoot(page, 'results');
		}
	}

	// The results page offers the same dialog (here only opened and closed with Escape).
	await page.getByRole('button', { name: 'Start a re-assessment' }).click();
	const again = page.getByRole('dialog', { name: 'Start a re-assessment' });
	await expect(again.getByLabel('Organisation')).toHaveValue(`${ORG} (imported)`);
	await page.keyboard.press('Escape');
	await expect(again).toBeHidden();

	// 9. On a device without the predecessor, the link says so.
	const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
	const p2 = await other.newPage();
	await p2.goto('/');
	await p2.locator('[data-testid="import-input"]').setInputFiles(file);
	await expect(p2.getByText(/Imported “/)).toBeVisible();
	await p2.goto(`/results?id=${id}`);
	await expect(p2.locator(`[data-reassessment-of="${ORIGINAL}"]`)).toHaveText(
		`Re-assessment of an assessment dated ${from} (not on this device)`
	);
	await other.close();
});
