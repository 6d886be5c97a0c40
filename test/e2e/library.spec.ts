/**
 * Issue 22: the firm library. Create it, add a custom question by keyboard (the bank's checks
 * refuse a broken one with the reason), name an owner role, write the introduction, export the
 * library and import it in a second browser profile; retire a question. Apply it when creating an
 * assessment: the custom question is asked and answered by keyboard, scored in the results and
 * printed in the PDF, with the library's role name, introduction and colour; a later edit of the
 * library does not change the assessment. Axe on every state.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test, toSubservices } from './fixtures';
import { extractPdfText } from '../unit/report-helpers';

const SHOTS = process.env.E2E_SHOTS;

async function fillQuestion(page: Page, form: ReturnType<Page['locator']>) {
	await form.getByLabel('Area').selectOption('A1');
	await form.getByLabel('Criticality').selectOption('4');
	await form.getByLabel('Short title').fill('Contractual uptime tracked');
	await form
		.getByLabel('Question', { exact: true })
		.fill(
			'Do you track every uptime commitment made in customer contracts against measured uptime?'
		);
	await form.getByLabel('Help: why it matters').fill('A1 is tested against these commitments.');
	await form.getByLabel('What “implemented” looks like (level 3)').fill('A register lists them.');
	await form.getByLabel('What “operating” looks like (level 4)').fill('Monthly comparison.');
	await form.getByLabel('Evidence an auditor asks for (one per line)').fill('Register\nReport');
	await form.getByLabel('What to do').fill('Write the commitment register');
	await form.getByLabel('Owner role').fill('Head of Customer Success');
	await form.getByLabel('Done when (one per line)').fill('Every contract is listed');
	await form.getByLabel('Evidence it produces (one per line)').fill('The register');
}

test('a firm library: create, add a question, name roles, export and import elsewhere', async ({
	page,
	browser
}) => {
	await page.setViewportSize({ width: 1366, height: 768 });
	await page.goto('/');
	await page.getByRole('link', { name: 'Firm library' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Firm library' })).toBeVisible();
	await expectNoA11yViolations(page, 'empty library');

	// An empty name is refused with a reason.
	await page.getByRole('button', { name: 'Create the library' }).click();
	await expect(page.getByRole('alert')).toContainText('Give the library a name');
	await page.getByLabel('Library name').fill('Acme Advisory method');
	await page.getByLabel('Library name').press('Enter');
	await expect(page.getByRole('heading', { name: 'Custom questions (0)' })).toBeVisible();

	// Add a question by keyboard. First without criteria: the form says what is missing.
	await page.getByRole('button', { name: 'Add a question' }).focus();
	await page.keyboard.press('Enter');
	const form = page.getByRole('form', { name: 'New custom question' });
	await fillQuestion(page, form);
	await form.getByRole('button', { name: 'Add question' }).click();
	const alert = form.getByRole('alert');
	await expect(alert).toContainText('Pick at least one criterion it covers.');
	await expect(alert).toBeFocused();
	// The same text for implemented and operating: the bank's own check refuses it.
	await form.getByRole('checkbox', { name: /A1\.2/ }).check();
	await form.getByLabel('What “operating” looks like (level 4)').fill('A register lists them.');
	await form.getByRole('button', { name: 'Add question' }).click();
	await expect(alert).toContainText(
		/^The question was not saved:\s*level3 and level4 must describe different states/
	);
	await form.getByLabel('What “operating” looks like (level 4)').fill('Monthly comparison.');
	await expectNoA11yViolations(page, 'question form');
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/library-form-1366.png`, fullPage: true });
	await form.getByRole('button', { name: 'Add question' }).click();
	await expect(page.getByRole('heading', { name: 'Custom questions (1)' })).toBeVisible();
	const heading = page.getByRole('heading', { level: 3, name: 'Contractual uptime tracked' });
	await expect(heading).toBeFocused();

	// Owner role names and the introduction.
	await page.getByRole('textbox', { name: 'CTO / founder' }).fill('Founder');
	await page.getByRole('textbox', { name: 'CTO / founder' }).press('Tab');
	await page
		.getByLabel('Introduction or disclaimer, printed at the start of the report')
		.fill('This review follows the Acme Advisory method.');
	await page.getByRole('button', { name: 'Save the introduction' }).click();
	await expect(page.getByRole('button', { name: 'Save the introduction' })).toBeDisabled();

	// Everything is stored: a reload shows it.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Custom questions (1)' })).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'CTO / founder' })).toHaveValue('Founder');
	await expectNoA11yViolations(page, 'library with a question');
	if (SHOTS) {
		await page.screenshot({ path: `${SHOTS}/library-1366.png`, fullPage: true });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.screenshot({ path: `${SHOTS}/library-390.png`, fullPage: true });
		await page.setViewportSize({ width: 1366, height: 768 });
	}

	// Export the library.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export the library' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(
		/^soc2-readiness-library-acme-advisory-method-\d{4}-\d{2}-\d{2}\.json$/
	);
	const path = await download.path();
	const file = JSON.parse(readFileSync(path, 'utf8'));
	expect(file.format).toBe('soc2-readiness-library');
	expect(file.library.questions[0].id).toBe('custom-contractual-uptime-tracked');
	expect(file.library.ownerRoles).toEqual({ 'CTO / founder': 'Founder' });

	// Retire it: it moves to the retired list and can come back.
	await page.getByRole('button', { name: 'Retire “Contractual uptime tracked”' }).click();
	await expect(page.getByRole('heading', { name: 'Custom questions (0)' })).toBeVisible();
	await page.getByText('Retired questions (1)').click();
	await page.getByRole('button', { name: 'Bring back “Contractual uptime tracked”' }).click();
	await expect(page.getByRole('heading', { name: 'Custom questions (1)' })).toBeVisible();

	// A second browser profile imports the file.
	const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
	const page2 = await other.newPage();
	await page2.goto('/library');
	await expect(page2.getByRole('heading', { name: 'Start a library' })).toBeVisible();
	// An assessment export is not a library: refused with what to do.
	await page2.locator('input[type=file]').setInputFiles({
		name: 'assessment.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify({ format: 'soc2-readiness-assessment', formatVersion: 1 }))
	});
	await expect(page2.getByRole('alert')).toContainText(
		'This is an assessment export, not a firm library'
	);
	await page2.locator('input[type=file]').setInputFiles(path);
	await expect(page2.getByRole('heading', { name: 'Custom questions (1)' })).toBeVisible();
	await expect(page2.getByRole('textbox', { name: 'Name' })).toHaveValue('Acme Advisory method');
	await expect(page2.getByRole('textbox', { name: 'CTO / founder' })).toHaveValue('Founder');
	await expectNoA11yViolations(page2, 'imported library');
	await other.close();
});

/** A library file with one custom question of CC6 (asked in a Security-only scope). */
function libraryFile(): Buffer {
	const id = 'custom-badge-reconciliation';
	return Buffer.from(
		JSON.stringify({
			format: 'soc2-readiness-library',
			formatVersion: 1,
			exportedAt: '2026-12-01T08:00:00.000Z',
			library: {
				name: 'Harbour Advisory method',
				questions: [
					{
						id,
						area: 'CC6',
						criteria: ['CC6.4'],
						title: 'Office badges reconciled',
						prompt: 'Are office door badges reconciled with the staff list every month?',
						why: 'Badges of leavers still open doors; CC6.4 is tested on physical access.',
						level3: 'A badge list is reconciled with the staff list when people leave.',
						level4: 'The reconciliation runs monthly and each run is kept as evidence.',
						evidence: ['Badge reconciliation'],
						criticality: 4,
						remediation: [
							{
								id: `rem.${id}.reconcile`,
								action: 'Reconcile office badges with the staff list',
								ownerRole: 'Head of Engineering',
								effort: 'S',
								kind: 'design',
								acceptance: ['Every badge belongs to a current employee'],
								evidence: ['The reconciliation']
							}
						]
					}
				],
				branding: { brandColor: '#7a1f5c' },
				ownerRoles: { 'Head of Engineering': 'Engineering lead' },
				introduction: 'This review follows the Harbour Advisory method.'
			}
		})
	);
}

test('apply the library when creating an assessment: its question is asked, scored and printed', async ({
	page
}) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 1366, height: 768 });
	await page.goto('/library');
	await page.locator('input[type=file]').setInputFiles({
		name: 'library.json',
		mimeType: 'application/json',
		buffer: libraryFile()
	});
	await expect(page.getByRole('heading', { name: 'Custom questions (1)' })).toBeVisible();

	// The create dialog offers the library, on by default, and says what it brings.
	await page.goto('/');
	await page
		.getByRole('button', { name: /^(New assessment|Create your first assessment)$/ })
		.first()
		.click();
	const use = page.getByRole('checkbox', {
		name: 'Use the firm library “Harbour Advisory method”'
	});
	await expect(use).toBeChecked();
	await expect(page.getByRole('dialog')).toContainText(
		'Brings 1 custom question, the brand colour, 1 owner role name and the report introduction.'
	);
	await expectNoA11yViolations(page, 'create dialog with the library');
	if (SHOTS) {
		await page.screenshot({ path: `${SHOTS}/create-with-library-1366.png` });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.screenshot({ path: `${SHOTS}/create-with-library-390.png` });
		await page.setViewportSize({ width: 1366, height: 768 });
	}
	await page.getByRole('button', { name: 'Cancel' }).click();

	await toSubservices(page, {
		organisation: 'Harbour Freight Ltd',
		assessor: 'Dana Ruiz',
		services: 'Freight booking platform'
	});
	const id = new URL(page.url()).searchParams.get('id')!;
	await page.getByRole('button', { name: /Continue to Trust Services/ }).click();
	await page.getByRole('button', { name: /Continue to User entity/ }).click();
	await page.getByRole('button', { name: /Continue to Control maturity/ }).click();
	await expect(page.locator('main h1')).toContainText('CC1');

	// The custom question, in its area, answered by keyboard.
	await page.goto(`/interview?id=${id}&q=custom-badge-reconciliation`);
	const card = page.locator('article.qcard');
	await expect(card).toHaveAttribute('data-question', 'custom-badge-reconciliation');
	await expect(card.locator('.custom-badge')).toHaveText('Custom');
	await expect(card).toContainText(/in CC6/);
	await page.locator('body').focus();
	await page.keyboard.press('1');
	await expect(card.getByRole('radio', { name: /Level 1/ })).toBeChecked();
	await expect(page.getByTestId('save-status')).toContainText(/Saved|All changes saved/);

	// A later edit of the library does not change the assessment.
	await page.goto('/library');
	await page.getByRole('button', { name: 'Edit “Office badges reconciled”' }).click();
	const form = page.getByRole('form', { name: /Edit/ });
	await form.getByLabel('Short title').fill('Renamed in the library');
	await form.getByRole('button', { name: /Save/ }).click();
	await expect(
		page.getByRole('heading', { level: 3, name: 'Renamed in the library' })
	).toBeVisible();

	// Results: the question's gap, marked, with the library's role name on its action.
	await page.goto(`/results?id=${id}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Harbour Freight Ltd' })).toBeVisible();
	const more = page.getByRole('button', { name: /^Show all \d+ gaps$/ });
	// The report is computed in its worker after the header shows: wait for the gap table (and
	// with it the "Show all" button, when there are more gaps than it shows first).
	await expect(page.getByRole('rowheader').first()).toBeVisible();
	if (await more.isVisible()) await more.click();
	const row = page.getByRole('rowheader').filter({ hasText: 'Office badges reconciled' });
	await expect(row).toBeVisible();
	await expect(row.locator('.custom-badge')).toHaveText('Custom');
	await expect(page.getByText('Renamed in the library')).toHaveCount(0);

	// The PDF: the question, marked; the introduction; the role name.
	await page.goto(`/export?id=${id}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Harbour Freight Ltd' })).toBeVisible();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download PDF' }).click()
	]);
	const text = await extractPdfText(new Uint8Array(readFileSync((await download.path())!)));
	const all = text.all.replace(/\s+/g, ' ');
	expect(all).toContain('Office badges reconciled (custom question)');
	expect(all).toContain('This review follows the Harbour Advisory method.');
	expect(all).toContain('Engineering lead');
	expect(all).not.toContain('Renamed in the library');
});
