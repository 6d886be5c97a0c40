/**
 * Scoping that fits real companies (issue 14): each vendor is a subservice organisation or an
 * ordinary vendor (suggested from its kind, changeable, carried to the results), a vendor's
 * old report period asks for a bridge letter, and the verdict on each optional category reads
 * the same on the criteria stage, the results and the PDF.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { addMonths, localIsoDate } from '../../src/lib/domain/dates';
import { categoryAdvice } from '../../src/lib/domain/scope';
import type { Assessment } from '../../src/lib/domain/types';
import { extractPdfText } from '../unit/report-helpers';
import { expect, expectNoA11yViolations, test, toSubservices } from './fixtures';
import { persona, seedAssessment } from './reliability-helpers';

const bank = loadBankFromDisk();

/** Create an assessment and answer the required scoping questions; ends on Subservice organisations. */
async function addVendor(page: Page, kind: string, name: string): Promise<void> {
	await page.getByLabel('Kind of vendor').selectOption({ label: kind });
	await page.getByRole('button', { name: 'Add vendor' }).click();
	const field = page.getByLabel('Vendor name').last();
	await expect(field).toBeFocused();
	await field.fill(name);
	await field.blur();
}

function card(page: Page, name: string) {
	return page.getByRole('article', { name });
}

test('vendors are classified as subservice organisations or ordinary vendors, and it carries to the results', async ({
	page
}) => {
	test.setTimeout(120_000);
	await toSubservices(page, {
		organisation: 'Contoso Payroll',
		assessor: 'Ana Ruiz',
		services: 'Hosted payroll service'
	});
	const id = new URL(page.url()).searchParams.get('id')!;

	await addVendor(page, 'HR, HRIS and payroll', 'Gusto');
	await addVendor(page, 'Cloud infrastructure (IaaS)', 'AWS');

	// HR: suggested as an ordinary vendor: no carve-out decision, no CSOCs.
	const hr = card(page, 'Gusto');
	await expect(hr.getByRole('radio', { name: /^Ordinary vendor/ })).toBeChecked();
	await expect(hr.getByText('Managed under vendor risk management (CC9.2)')).toBeVisible();
	await expect(hr.getByRole('radio', { name: /^Carve-out/ })).toHaveCount(0);
	await expect(hr.getByRole('group', { name: /controls do you rely on/ })).toHaveCount(0);

	// Cloud: a subservice organisation, carved out by default, with candidate CSOCs.
	const aws = card(page, 'AWS');
	await expect(aws.getByRole('radio', { name: /^Subservice organisation/ })).toBeChecked();
	await expect(aws.getByRole('radio', { name: /^Carve-out/ })).toBeChecked();
	await expect(aws.getByRole('group', { name: /controls do you rely on/ })).toBeVisible();

	// Its SOC 2 Type II period ended long ago: the card asks for a bridge letter.
	await aws.getByLabel('What assurance report does the vendor provide?').selectOption('type2');
	const periodEnd = addMonths(localIsoDate(new Date()), -18);
	await aws.getByLabel(/When did the period of the vendor's latest report end/).fill(periodEnd);
	await aws.getByLabel(/When did the period of the vendor's latest report end/).blur();
	await expect(
		aws.getByRole('note').filter({ hasText: /^Ask the vendor for a bridge letter/ })
	).toBeVisible();

	// The user decides: HR becomes a subservice organisation, and its method appears.
	await hr.getByRole('radio', { name: /^Subservice organisation/ }).check();
	await expect(hr.getByRole('radio', { name: /^Carve-out/ })).toBeChecked();
	await expect(hr.getByText(/Usually ordinary vendor for this kind of vendor/)).toBeVisible();
	await hr.getByRole('radio', { name: /^Ordinary vendor/ }).check();
	await expectNoA11yViolations(page, 'vendor classification');

	// Saved: a reload shows the same classification.
	await page.reload();
	await expect(card(page, 'Gusto').getByRole('radio', { name: /^Ordinary vendor/ })).toBeChecked();
	await expect(
		card(page, 'AWS').getByRole('radio', { name: /^Subservice organisation/ })
	).toBeChecked();

	// The results list the vendor as an ordinary vendor and the cloud provider with its bridge letter.
	await page.goto(`/results?id=${encodeURIComponent(id)}`);
	// The scope section is one of the detail sections that open on demand.
	await page.getByRole('button', { name: 'Scope and vendors', exact: true }).click();
	const vendors = page
		.getByRole('region', { name: /^Vendors and subservice organisations/ })
		.getByRole('table');
	const gusto = vendors.getByRole('row').filter({ hasText: 'Gusto' });
	await expect(gusto.getByRole('cell').first()).toHaveText('Ordinary vendor (CC9.2)');
	await expect(gusto).toContainText('Ordinary vendor (CC9.2): record its risk rating');
	const awsRow = vendors.getByRole('row').filter({ hasText: 'AWS' });
	await expect(awsRow.getByRole('cell').first()).toHaveText('Subservice organisation, carve-out');
	await expect(awsRow).toContainText('Ask the vendor for a bridge letter');
});

/** Privacy suggested for health data (medium) and selected; Processing Integrity with no signal. */
function scopedPersona(): Assessment {
	const a = persona('all-not-in-place');
	return {
		...a,
		meta: { ...a.meta, organisation: 'Northwind Health' },
		profile: {
			...a.profile,
			'profile.prior-soc': 'none',
			'profile.categories-requested': [],
			'scope.data-types': ['health-data', 'customer-confidential'],
			'scope.processing-critical': false
		},
		categories: ['confidentiality', 'processing-integrity', 'privacy'],
		categoriesConfirmed: true
	};
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

test('the verdict on each category reads the same on the criteria stage, the results and the PDF', async ({
	page
}) => {
	test.setTimeout(120_000);
	const a = scopedPersona();
	const advice = categoryAdvice(bank, a);
	const text = (c: string) => advice.find((x) => x.category === c)!.text;
	// The contradictions of issue 14: a strong signal is never "left out", Privacy for health
	// data is not "no strong signal", an unasked, unsignalled category is over-scoped.
	expect(advice.find((x) => x.category === 'confidentiality')!.label).toBe('Strongly suggested');
	expect(advice.find((x) => x.category === 'privacy')!.label).toBe('Suggested');
	expect(advice.find((x) => x.category === 'processing-integrity')!.overScoped).toBe(true);

	await page.goto('/');
	await seedAssessment(page, a);

	// Criteria stage: each card states the verdict; the over-scoping note stays with Privacy selected.
	await page.goto(`/interview?id=${encodeURIComponent(a.id)}&stage=tsc`);
	for (const c of ['confidentiality', 'processing-integrity', 'privacy'])
		await expect(page.locator(`[data-category-advice="${c}"]`)).toHaveText(text(c));
	const warning = page.getByRole('note', { name: 'Over-scoping warning' });
	await expect(warning).toBeVisible();
	await expect(warning).toContainText('No buyer asked for Processing Integrity');
	await expect(warning).not.toContainText('Privacy');

	// Results: the same sentences; the over-scoping note names only Processing Integrity.
	await page.goto(`/results?id=${encodeURIComponent(a.id)}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Northwind Health' })).toBeVisible();
	await page.getByRole('button', { name: 'Scope and vendors', exact: true }).click();
	for (const c of ['confidentiality', 'processing-integrity', 'privacy'])
		await expect(page.locator(`li[data-category-advice="${c}"]`)).toContainText(text(c));
	const scope = page.getByRole('region', { name: 'Scope and vendors' });
	await expect(
		scope.getByText(/^Processing Integrity: selected although no buyer asked/)
	).toBeVisible();
	await expect(scope.getByText(/no strong signal/)).toHaveCount(0);
	await expect(page.getByText(/^Leave Confidentiality out/)).toHaveCount(0);

	// PDF: the same sentences in the Trust Services Categories table.
	await page.goto(`/export?id=${encodeURIComponent(a.id)}`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download PDF' }).click()
	]);
	const pdf = await extractPdfText(new Uint8Array(readFileSync((await download.path())!)));
	const all = squash(pdf.all);
	for (const c of ['confidentiality', 'processing-integrity', 'privacy'])
		expect(all).toContain(squash(text(c)));
	expect(all).not.toContain('Leave Confidentiality out');
});
