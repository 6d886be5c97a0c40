/**
 * Issue 16 on the Start stage: the report branding is the export page's editor (one component,
 * one write), and the organisation name follows the one rule of the create dialog and import.
 */
import { expect, expectNoA11yViolations, test } from './fixtures';
import { persona, readStored, seedAssessment } from './reliability-helpers';
import { pngDataUrl } from '../unit/report-helpers';

test('the Start stage edits branding with the export page’s editor and holds names to the one limit', async ({
	page
}, info) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 1280, height: 720 });
	const a = persona('full-workshop');
	a.meta = { ...a.meta, organisation: 'Brandwell Ltd', branding: {} };
	await seedAssessment(page, a);
	await page.goto(`/interview?id=${encodeURIComponent(a.id)}&stage=start`);
	await expect(page.getByRole('heading', { name: 'Assessment details' })).toBeVisible();

	// The same editor as on the export page: its cover preview, its checks, its messages.
	await expect(page.getByRole('figure', { name: 'Preview of the report cover' })).toBeVisible();
	const chooser = page.locator('#logo-file');
	await chooser.setInputFiles({
		name: 'logo.png',
		mimeType: 'image/png',
		buffer: Buffer.from('hello, not a png')
	});
	await expect(page.getByRole('alert')).toContainText('Choose a PNG or JPEG image');
	const png = Buffer.from((await pngDataUrl(240, 80, [20, 90, 160])).split(',')[1]!, 'base64');
	await chooser.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
	await expect(page.getByRole('img', { name: 'Current logo for the report cover' })).toBeVisible();
	const hex = page.getByLabel('Brand colour', { exact: true });
	await hex.fill('0F5C63');
	await hex.press('Enter');
	await expect
		.poll(async () => (await readStored(page, a.id)).row!.meta.branding)
		.toEqual({
			logoDataUrl: expect.stringMatching(/^data:image\/png;base64,/),
			brandColor: '#0f5c63'
		});
	await page.screenshot({ path: info.outputPath('start-branding-1280.png'), fullPage: true });

	// A name over the limit is refused with the reason; what was typed stays to be corrected.
	const org = page.getByRole('textbox', { name: 'Organisation' });
	await org.fill('N'.repeat(501));
	await org.blur();
	await expect(org).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByRole('alert')).toContainText(
		'Keep the organisation name to 500 characters or fewer (this one has 501).'
	);
	await expect(org).toHaveValue('N'.repeat(501));
	expect((await readStored(page, a.id)).row!.meta.organisation).toBe('Brandwell Ltd');
	// The longest name the create dialog and import accept is accepted here too.
	await org.fill('N'.repeat(500));
	await org.blur();
	await expect
		.poll(async () => (await readStored(page, a.id)).row!.meta.organisation)
		.toBe('N'.repeat(500));
	await expect(org).not.toHaveAttribute('aria-invalid');
	await expectNoA11yViolations(page, 'Start stage with branding');

	// The export page shows what the Start stage saved.
	await page.goto(`/export?id=${encodeURIComponent(a.id)}`);
	await expect(page.getByRole('img', { name: 'Current logo for the report cover' })).toBeVisible();
	await expect(page.getByLabel('Brand colour', { exact: true })).toHaveValue('#0f5c63');

	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(`/interview?id=${encodeURIComponent(a.id)}&stage=start`);
	await expect(page.getByRole('figure', { name: 'Preview of the report cover' })).toBeVisible();
	await page.screenshot({ path: info.outputPath('start-branding-390.png'), fullPage: true });
});
