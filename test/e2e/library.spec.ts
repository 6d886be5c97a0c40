/**
 * Issue 22: the firm library. Create it, add a custom question by keyboard (the bank's checks
 * refuse a broken one with the reason), name an owner role, write the introduction, export the
 * library and import it in a second browser profile; retire a question. Axe on every state.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from './fixtures';

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
