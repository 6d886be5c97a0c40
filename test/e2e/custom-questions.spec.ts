/**
 * Issue 22: an assessment that carries custom questions (imported from a file of format 1) asks
 * them in the interview and the presenter view, marked "Custom", answered by keyboard; the answer
 * is saved, scored and shows in the results and the PDF text, marked there too.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test, waitForServiceWorker } from './fixtures';
import { extractPdfText } from '../unit/report-helpers';

const SHOTS = process.env.E2E_SHOTS;
const ID = 'e2e-custom-questions';
const ORG = 'Harbour Freight Ltd';
const QID = 'custom-contract-sla';
const TITLE = 'Contractual uptime tracked';

/** The full-workshop persona with one custom question of Availability, as an export file. */
function exportFile(breakIt: (q: Record<string, unknown>) => void = () => {}): Buffer {
	const doc = JSON.parse(
		readFileSync('test/fixtures/assessments/full-workshop.json', 'utf8')
	) as Record<string, Record<string, unknown>>;
	const a = doc.assessment!;
	a.id = ID;
	a.meta = { ...(a.meta as object), organisation: ORG };
	a.interview = null;
	a.customQuestions = [
		{
			id: QID,
			area: 'A1',
			criteria: ['A1.2'],
			title: TITLE,
			prompt:
				'Do you track every uptime commitment made in customer contracts against measured uptime?',
			why: 'Availability commitments in contracts are what the auditor tests A1 against.',
			level3: 'A register lists every contractual uptime commitment with its measurement.',
			level4: 'Monthly uptime is compared with the register and breaches are followed up.',
			evidence: ['Commitment register', 'Monthly uptime report'],
			criticality: 5,
			key: true,
			remediation: [
				{
					id: `rem.${QID}.register`,
					action: 'Write the register of contractual uptime commitments',
					ownerRole: 'Head of Customer Success',
					effort: 'S',
					kind: 'design',
					acceptance: ['Every active contract is in the register'],
					evidence: ['The register']
				},
				{
					id: `rem.${QID}.review`,
					action: 'Compare measured uptime with the register every month',
					ownerRole: 'Head of Customer Success',
					effort: 'S',
					kind: 'recurring',
					appliesBelow: 4,
					acceptance: ['Twelve monthly comparisons on file'],
					evidence: ['Monthly comparison']
				}
			]
		}
	];
	breakIt((a.customQuestions as Record<string, unknown>[])[0]!);
	return Buffer.from(JSON.stringify(doc));
}

async function importIt(page: Page): Promise<void> {
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.locator('[data-testid="import-input"]').setInputFiles({
		name: 'harbour.json',
		mimeType: 'application/json',
		buffer: exportFile()
	});
	await expect(page.getByText(/Imported “/)).toBeVisible();
}

test('a custom question is asked, answered by keyboard, scored and printed', async ({ page }) => {
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 1366, height: 768 });
	await importIt(page);

	// The interview: the question in its area, marked Custom, answered with the key 0.
	await page.goto(`/interview?id=${ID}&q=${QID}`);
	const card = page.locator('article.qcard');
	await expect(card).toHaveAttribute('data-question', QID);
	await expect(card.getByRole('heading', { level: 2 })).toContainText('uptime commitment');
	await expect(card.locator('.custom-badge')).toHaveText('Custom');
	await expect(card).toContainText(/in A1/);
	await page.locator('body').focus();
	await page.keyboard.press('0');
	await expect(card.getByRole('radio', { name: /Level 0/ })).toBeChecked();
	await expect(page.getByText('Saved', { exact: false }).first()).toBeVisible();
	await expectNoA11yViolations(page, 'custom question at the desk');
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/custom-question-1366.png` });
	// Navigated like any other: back to the question before it, and forward again.
	await page.keyboard.press('ArrowLeft');
	await expect(card).not.toHaveAttribute('data-question', QID);
	await page.keyboard.press('ArrowRight');
	await expect(card).toHaveAttribute('data-question', QID);
	await expect(card.getByRole('radio', { name: /Level 0/ })).toBeChecked();

	// The presenter view shows the same question, marked.
	await page.getByRole('link', { name: 'Presenter view' }).click();
	const shown = page.locator('main article.qcard');
	await expect(shown).toHaveAttribute('data-question', QID);
	await expect(shown.locator('.custom-badge')).toHaveText('Custom');
	await expectNoA11yViolations(page, 'custom question in the presenter');
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/custom-question-present.png` });

	// Results: a gap of the custom question, marked.
	await page.goto(`/results?id=${ID}`);
	await expect(page.getByRole('heading', { level: 1, name: ORG })).toBeVisible();
	const more = page.getByRole('button', { name: /^Show all \d+ gaps$/ });
	// The report is computed in its worker after the header shows: wait for the gap table (and
	// with it the "Show all" button, when there are more gaps than it shows first).
	await expect(page.getByRole('rowheader').first()).toBeVisible();
	if (await more.isVisible()) await more.click();
	const row = page.getByRole('rowheader').filter({ hasText: TITLE });
	await expect(row).toBeVisible();
	await expect(row.locator('.custom-badge')).toHaveText('Custom');
	await expect(row).toContainText('Not in place (0)');

	// The PDF prints it, marked.
	await page.goto(`/export?id=${ID}`);
	await expect(page.getByRole('heading', { level: 1, name: ORG })).toBeVisible();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download PDF' }).click()
	]);
	const text = await extractPdfText(new Uint8Array(readFileSync((await download.path())!)));
	// Table cells wrap: compare with the line breaks read as spaces.
	const all = text.all.replace(/\s+/g, ' ');
	expect(all).toContain(`${TITLE} (custom question)`);
	expect(all).toContain('Write the register of contractual uptime commitments');
});

test('a file whose custom question fails the bank’s checks is refused, naming it', async ({
	page
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.locator('[data-testid="import-input"]').setInputFiles({
		name: 'harbour.json',
		mimeType: 'application/json',
		buffer: exportFile((q) => (q.criteria = ['A1.9']))
	});
	const message = page.getByTestId('import-error');
	await expect(message).toContainText('question custom-contract-sla: unknown criterion A1.9');
	await expect(message).toContainText('Nothing was imported');
	await expect(page.getByRole('heading', { name: ORG })).toHaveCount(0);
	await expectNoA11yViolations(page, 'refused import');
});

test('the assessment’s own custom questions: add one from the Start stage, answer it, retire another', async ({
	page
}) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 1366, height: 768 });
	await importIt(page);
	// Answer the imported custom question first.
	await page.goto(`/interview?id=${ID}&q=${QID}`);
	const card = page.locator('article.qcard');
	await expect(card).toHaveAttribute('data-question', QID);
	await page.locator('body').focus();
	await page.keyboard.press('0');
	await expect(page.getByTestId('save-status')).toContainText(/Saved|All changes saved/);

	// The Start stage lists it and adds another.
	await page.goto(`/interview?id=${ID}&stage=start`);
	const panel = page.locator('details.panel');
	await expect(panel.getByRole('heading', { name: 'Custom questions (1)' })).toBeVisible();
	await panel.getByRole('button', { name: 'Add a question' }).click();
	const form = panel.getByRole('form', { name: 'New custom question' });
	await form.getByLabel('Area').selectOption('CC6');
	await form.getByLabel('Criticality').selectOption('4');
	await form.getByLabel('Short title').fill('Office badges reconciled');
	await form
		.getByLabel('Question', { exact: true })
		.fill('Are office door badges reconciled with the staff list every month?');
	await form.getByLabel('Help: why it matters').fill('Badges of leavers still open doors.');
	await form
		.getByLabel('What “implemented” looks like (level 3)')
		.fill('Badges are reconciled when people leave.');
	await form
		.getByLabel('What “operating” looks like (level 4)')
		.fill('The reconciliation runs monthly and each run is kept.');
	await form.getByLabel('Evidence an auditor asks for (one per line)').fill('Badge reconciliation');
	await form.getByRole('checkbox', { name: /CC6\.4/ }).check();
	await form.getByLabel('What to do').fill('Reconcile office badges with the staff list');
	await form.getByLabel('Owner role').fill('Office manager');
	await form
		.getByLabel('Done when (one per line)')
		.fill('Every badge belongs to a current employee');
	await form.getByLabel('Evidence it produces (one per line)').fill('The reconciliation');
	await expectNoA11yViolations(page, 'custom question form on the Start stage');
	await form.getByRole('button', { name: 'Add question' }).click();
	await expect(panel.getByRole('heading', { name: 'Custom questions (2)' })).toBeVisible();
	await expect(
		panel.getByRole('heading', { level: 3, name: 'Office badges reconciled' })
	).toBeFocused();
	// Our own change: no "changed in another window" notice.
	await expect(page.getByText('Updated with changes saved in another window.')).toHaveCount(0);
	if (SHOTS) {
		await page.screenshot({ path: `${SHOTS}/custom-panel-1366.png`, fullPage: true });
		await page.setViewportSize({ width: 390, height: 844 });
		await panel.screenshot({ path: `${SHOTS}/custom-panel-390.png` });
		await page.setViewportSize({ width: 1366, height: 768 });
	}

	// Asked at once, in its area, answered by keyboard.
	await page.goto(`/interview?id=${ID}&q=custom-office-badges-reconciled`);
	await expect(card).toHaveAttribute('data-question', 'custom-office-badges-reconciled');
	await expect(card).toContainText(/in CC6/);
	await page.locator('body').focus();
	await page.keyboard.press('2');
	await expect(card.getByRole('radio', { name: /Level 2/ })).toBeChecked();
	await expect(page.getByTestId('save-status')).toContainText(/Saved|All changes saved/);

	// Retire the imported one: no longer asked nor in the results; the new one is.
	await page.goto(`/interview?id=${ID}&stage=start`);
	await panel.getByRole('button', { name: `Retire “${TITLE}”` }).click();
	await expect(panel.getByRole('heading', { name: 'Custom questions (1)' })).toBeVisible();
	await expect(panel.getByText('Retired questions (1)')).toBeVisible();
	await page.goto(`/interview?id=${ID}&q=${QID}`);
	await expect(page.getByRole('alert').filter({ hasText: 'Before you go on' })).toContainText(
		'That custom question was retired: it is no longer asked.'
	);
	await expect(card).toHaveCount(0);
	await page.goto(`/results?id=${ID}`);
	await expect(page.getByRole('heading', { level: 1, name: ORG })).toBeVisible();
	const more = page.getByRole('button', { name: /^Show all \d+ gaps$/ });
	// The report is computed in its worker after the header shows: wait for the gap table (and
	// with it the "Show all" button, when there are more gaps than it shows first).
	await expect(page.getByRole('rowheader').first()).toBeVisible();
	if (await more.isVisible()) await more.click();
	await expect(
		page.getByRole('rowheader').filter({ hasText: 'Office badges reconciled' })
	).toBeVisible();
	await expect(page.getByRole('rowheader').filter({ hasText: TITLE })).toHaveCount(0);
});
