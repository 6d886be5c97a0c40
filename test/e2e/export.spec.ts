/**
 * The export page in a real browser: the PDF made offline (after the service worker installed)
 * is a valid PDF with the right content and is byte-for-byte the PDF that Node renders from the
 * same report model; CSV and JSON downloads; branding (logo and colour) with bad input refused;
 * accessibility (light and dark) and a phone-sized layout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { buildReportModel } from '../../src/lib/domain/engine/index';
import type { Assessment } from '../../src/lib/domain/types';
import { renderReportPdf } from '../../src/lib/report/pdf';
import { expect, expectNoA11yViolations, test, waitForServiceWorker } from './fixtures';
import { persona, readStored, seedAssessment } from './reliability-helpers';
import { extractPdfText, pngDataUrl } from '../unit/report-helpers';

const ORG = 'Łódź Ğüneş Ωμέγα Москва Sp. z o.o.';

function fixture(overrides: Partial<Assessment['meta']> = {}): Assessment {
	const a = persona('full-workshop');
	return { ...a, meta: { ...a.meta, organisation: ORG, ...overrides } };
}

async function openExport(page: Page, a: Assessment): Promise<void> {
	await page.goto(`/export?id=${encodeURIComponent(a.id)}`);
	await expect(page.getByRole('heading', { level: 1, name: a.meta.organisation })).toBeVisible();
}

async function bytesOf(download: Download): Promise<Buffer> {
	return readFileSync((await download.path())!);
}

function pdfButton(page: Page) {
	return page.getByRole('button', { name: 'Download PDF' });
}

test.describe('export page', () => {
	test('makes the PDF offline: valid, complete, and identical to the Node rendering', async ({
		page,
		context
	}) => {
		test.setTimeout(120_000);
		const a = fixture();
		await page.goto('/');
		await waitForServiceWorker(page);
		await seedAssessment(page, a);
		await openExport(page, a);
		await expectNoA11yViolations(page, 'export page');

		// Everything from here on works without a network.
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: a.meta.organisation })).toBeVisible();
		await page.getByRole('radio', { name: /A4/ }).check();

		const [download] = await Promise.all([page.waitForEvent('download'), pdfButton(page).click()]);
		expect(download.suggestedFilename()).toMatch(/^soc2-readiness-lodz-.*-\d{4}-\d{2}-\d{2}\.pdf$/);
		const bytes = await bytesOf(download);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(bytes.length).toBeGreaterThan(100_000);
		expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
		await expect(
			page.getByRole('status').filter({ hasText: 'Saved soc2-readiness-' })
		).toBeVisible();
		// Drawn by the PDF worker, which (with its jsPDF chunks and fonts) came from the precache.
		expect(page.workers().some((w) => /\/pdf\.worker[.-]/.test(w.url()))).toBe(true);

		const text = await extractPdfText(new Uint8Array(bytes));
		expect(text.pages[0]).toContain(ORG);
		expect(text.all).toContain('Executive summary');
		expect(text.all).toContain('Gap register');
		expect(text.all).toContain('Only a licensed CPA firm can issue a SOC 2 report');

		// The same renderer in Node, from the same model, gives the same bytes.
		const asOf = /\/CreationDate \(D:(\d{4})(\d{2})(\d{2})/.exec(bytes.toString('latin1'))!;
		const today = `${asOf[1]}-${asOf[2]}-${asOf[3]}`;
		const model = buildReportModel(loadBankFromDisk(), a, today);
		const node = Buffer.from(await renderReportPdf(model, { paper: 'a4' }));
		expect(node.length).toBe(bytes.length);
		expect(node.equals(bytes)).toBe(true);
		await context.setOffline(false);
	});

	test('US Letter is remembered and used', async ({ page }) => {
		test.setTimeout(90_000);
		const a = fixture();
		await seedAssessment(page, a);
		await openExport(page, a);
		await page.getByRole('radio', { name: /US Letter/ }).check();
		await page.reload();
		await expect(page.getByRole('radio', { name: /US Letter/ })).toBeChecked();
		const [download] = await Promise.all([page.waitForEvent('download'), pdfButton(page).click()]);
		const raw = (await bytesOf(download)).toString('latin1');
		expect(raw).toMatch(/\/MediaBox \[0 0 612\.\d* 792\.\d*\]/);
	});

	test('CSV and JSON downloads', async ({ page }) => {
		const a = fixture();
		await seedAssessment(page, a);
		await openExport(page, a);
		for (const [name, header] of [
			['Gap register', 'Ref,Gap ID,Risk'],
			['Remediation plan', 'Ref,Action ID,Phase'],
			['CUEC register', 'Ref,CUEC ID,Library template']
		] as const) {
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('button', { name: `Download ${name} as CSV` }).click()
			]);
			expect(download.suggestedFilename()).toMatch(/\.csv$/);
			const csv = (await bytesOf(download)).toString('utf8');
			expect(csv.startsWith(`\ufeff${header}`), name).toBe(true);
			expect(csv).toContain('\r\n');
		}

		await page.getByRole('button', { name: 'Export JSON…' }).click();
		const dialog = page.getByRole('dialog');
		await expect(dialog).toBeVisible();
		const [json] = await Promise.all([
			page.waitForEvent('download'),
			dialog.getByRole('button', { name: 'Download file' }).click()
		]);
		const doc = JSON.parse((await bytesOf(json)).toString('utf8'));
		expect(doc.assessment.id).toBe(a.id);
		expect(doc.assessment.meta.organisation).toBe(ORG);
	});

	test('branding: logo and colour are saved, bad files are refused and change nothing', async ({
		page
	}) => {
		test.setTimeout(90_000);
		const a = fixture({ branding: {} });
		await seedAssessment(page, a);
		await openExport(page, a);
		const chooser = page.locator('#logo-file');

		// Not an image (whatever its name says).
		await chooser.setInputFiles({
			name: 'logo.png',
			mimeType: 'image/png',
			buffer: Buffer.from('hello, not a png')
		});
		await expect(page.getByRole('alert')).toContainText('Choose a PNG or JPEG image');
		// Too large.
		const big = Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]),
			Buffer.alloc(400 * 1024)
		]);
		await chooser.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: big });
		await expect(page.getByRole('alert')).toContainText('at most 300 KB');
		// A PNG signature with garbage after it does not decode.
		await chooser.setInputFiles({
			name: 'broken.png',
			mimeType: 'image/png',
			buffer: big.subarray(0, 2000)
		});
		await expect(page.getByRole('alert')).toContainText('could not be decoded');
		expect((await readStored(page, a.id)).row!.meta.branding ?? {}).toEqual({});

		// A real PNG (the name does not matter) and a JPEG made by the browser.
		const png = Buffer.from((await pngDataUrl(240, 80, [20, 90, 160])).split(',')[1]!, 'base64');
		await chooser.setInputFiles({
			name: 'logo.bin',
			mimeType: 'application/octet-stream',
			buffer: png
		});
		await expect(
			page.getByRole('img', { name: 'Current logo for the report cover' })
		).toBeVisible();
		await expect
			.poll(async () => (await readStored(page, a.id)).row!.meta.branding?.logoDataUrl)
			.toMatch(/^data:image\/png;base64,/);
		const jpeg = await page.evaluate(async () => {
			const c = document.createElement('canvas');
			c.width = 120;
			c.height = 40;
			const g = c.getContext('2d')!;
			g.fillStyle = '#c33';
			g.fillRect(0, 0, 120, 40);
			const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.9));
			return [...new Uint8Array(await blob.arrayBuffer())];
		});
		await chooser.setInputFiles({
			name: 'logo.jpg',
			mimeType: 'image/jpeg',
			buffer: Buffer.from(jpeg)
		});
		await expect
			.poll(async () => (await readStored(page, a.id)).row!.meta.branding?.logoDataUrl)
			.toMatch(/^data:image\/jpeg;base64,/);

		// Colour: a bad hex code is refused; a good one is saved and used.
		const hex = page.getByLabel('Brand colour', { exact: true });
		await hex.fill('#12345');
		await hex.press('Enter');
		await expect(page.getByRole('alert')).toContainText('hex code');
		await hex.fill('#0F5C63');
		await hex.press('Enter');
		await expect
			.poll(async () => (await readStored(page, a.id)).row!.meta.branding?.brandColor)
			.toBe('#0f5c63');
		await expectNoA11yViolations(page, 'export page with branding');

		const [download] = await Promise.all([page.waitForEvent('download'), pdfButton(page).click()]);
		const raw = (await bytesOf(download)).toString('latin1');
		expect(raw).toMatch(/\/Subtype \/Image/);
		expect(raw).toMatch(/\/Filter \/DCTDecode/); // the JPEG logo is embedded as JPEG

		await page.getByRole('button', { name: 'Remove' }).click();
		await expect
			.poll(async () => (await readStored(page, a.id)).row!.meta.branding?.logoDataUrl ?? null)
			.toBeNull();
	});

	test('dark mode and a phone-sized screen', async ({ page }) => {
		const a = fixture();
		await seedAssessment(page, a);
		await page.setViewportSize({ width: 360, height: 740 });
		await page.emulateMedia({ colorScheme: 'dark' });
		await openExport(page, a);
		await expectNoA11yViolations(page, 'export page, dark, phone');
		// Nothing may stick out sideways (no horizontal scrolling on a phone).
		const wide = await page.evaluate(() =>
			[...document.querySelectorAll<HTMLElement>('body *')]
				.filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
				.map(
					(el) =>
						`${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`
				)
		);
		expect(wide).toEqual([]);
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
		).toBeLessThanOrEqual(0);
		await page.screenshot({ path: 'test-results/export-phone-dark.png', fullPage: true });
	});

	test('Hebrew and Arabic print with the right-to-left fonts, fetched only for a report that needs them', async ({
		page
	}) => {
		test.setTimeout(120_000);
		const fonts: string[] = [];
		page.on('request', (r) => {
			if (/\.ttf(\?|$)/.test(r.url())) fonts.push(new URL(r.url()).pathname.split('/').pop()!);
		});
		const latin = fixture();
		await seedAssessment(page, latin);
		await openExport(page, latin);
		const [plain] = await Promise.all([page.waitForEvent('download'), pdfButton(page).click()]);
		expect((await bytesOf(plain)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(fonts.some((f) => /^DejaVuSans\.subset[.-]/.test(f))).toBe(true);
		expect(
			fonts.filter((f) => f.includes('.rtl')),
			'right-to-left fonts for a Latin report'
		).toEqual([]);

		const hebrew = 'המדיניות אושרה על ידי ההנהלה ב-2023 אך לא נבדקה מאז.';
		const arabic = 'سياسة أمن المعلومات معتمدة من الإدارة في عام 2023.';
		// Another organisation: the Latin report above is not an earlier assessment of this one, so
		// the PDF has no "Progress since" page and matches Node's rendering of the plain model.
		const rtl = fixture({ organisation: 'Right-to-left Fonts Ltd' });
		const [q1, q2] = Object.keys(rtl.answers);
		rtl.answers[q1!] = { ...rtl.answers[q1!]!, note: hebrew };
		rtl.answers[q2!] = { ...rtl.answers[q2!]!, note: `${arabic} 👍` };
		await seedAssessment(page, rtl);
		await openExport(page, rtl);
		await page.getByRole('radio', { name: /A4/ }).check();
		const [download] = await Promise.all([page.waitForEvent('download'), pdfButton(page).click()]);
		const bytes = await bytesOf(download);
		expect(fonts.filter((f) => f.includes('.rtl')).length).toBeGreaterThan(0);
		const text = await extractPdfText(new Uint8Array(bytes));
		const all = text.all.replace(/\s+/g, ' ');
		expect(all).not.toContain('\ufffd');
		expect(all).toContain(hebrew);
		expect(all.normalize('NFKC')).toContain(arabic.normalize('NFKC'));
		expect(all).toContain('[text in an unsupported script — see the JSON export]');
		// The browser draws exactly what Node draws from the same model.
		const asOf = /\/CreationDate \(D:(\d{4})(\d{2})(\d{2})/.exec(bytes.toString('latin1'))!;
		const model = buildReportModel(loadBankFromDisk(), rtl, `${asOf[1]}-${asOf[2]}-${asOf[3]}`);
		expect(Buffer.from(await renderReportPdf(model, { paper: 'a4' })).equals(bytes)).toBe(true);
	});

	test('jsPDF loads only on the export page, and its optional libraries are not in the build', async ({
		page
	}) => {
		const a = fixture();
		await seedAssessment(page, a);
		const scripts: string[] = [];
		page.on('response', async (r) => {
			if (r.request().resourceType() === 'script') scripts.push(await r.text().catch(() => ''));
		});
		const isJsPdf = (js: string) => js.includes('jsPDF PubSub Error');
		for (const path of [
			'/',
			`/interview?id=${a.id}`,
			`/results?id=${a.id}`,
			`/present?id=${a.id}`
		]) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
		}
		expect(scripts.length).toBeGreaterThan(3);
		expect(scripts.filter(isJsPdf), 'jsPDF in the JS of a page other than export').toEqual([]);
		// The export page preloads it in idle time, after the page is shown.
		await openExport(page, a);
		await expect.poll(() => scripts.filter(isJsPdf).length).toBe(1);
		const [download] = await Promise.all([page.waitForEvent('download'), pdfButton(page).click()]);
		expect((await bytesOf(download)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(scripts.filter(isJsPdf)).toHaveLength(1);
		// jsPDF ran in the PDF worker: the page itself never loaded the worker's chunks.
		expect(page.workers().some((w) => /\/pdf\.worker[.-]/.test(w.url()))).toBe(true);
		const pageScripts = await page.evaluate(() =>
			performance.getEntriesByType('resource').map((e) => e.name)
		);
		expect(pageScripts.filter((u) => u.includes('/_app/immutable/workers/chunks/'))).toEqual([]);

		// The build: no html2canvas / DOMPurify / canvg files, none precached; the fonts are.
		const sw = readFileSync('build/sw.js', 'utf8');
		expect(sw).not.toMatch(/html2canvas|purify|canvg/i);
		expect(sw).toMatch(/DejaVuSans\.subset[.-][\w-]+\.ttf/);
		expect(sw).toMatch(/DejaVuSans-Bold\.subset[.-][\w-]+\.ttf/);
		// The right-to-left pair too, so that a Hebrew or Arabic report can be made offline.
		expect(sw).toMatch(/DejaVuSans\.rtl\.subset[.-][\w-]+\.ttf/);
		expect(sw).toMatch(/DejaVuSans-Bold\.rtl\.subset[.-][\w-]+\.ttf/);
		// …and the PDF worker with its chunks.
		expect(sw).toMatch(/_app\/immutable\/workers\/pdf\.worker[.-][\w-]+\.js/);
		const files = readdirSync('build/_app/immutable', { recursive: true }).map(String);
		expect(files.filter((f) => /html2canvas|purify|canvg/i.test(f))).toEqual([]);
		for (const f of files.filter((x) => x.endsWith('.js'))) {
			const js = readFileSync(`build/_app/immutable/${f}`, 'utf8');
			expect(js, f).not.toMatch(/html2canvas\(|DOMPurify\.sanitize|new Canvg|canvg\.Canvg/);
		}
	});

	test('an unknown id says so', async ({ page }) => {
		await page.goto('/export?id=does-not-exist');
		await expect(page.getByRole('alert')).toContainText('not on this device');
		await expectNoA11yViolations(page, 'export page, missing assessment');
	});
});
