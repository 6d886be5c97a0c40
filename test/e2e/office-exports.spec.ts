/**
 * The Excel workbook and the Word report from the export page, offline: both download (the
 * second one by keyboard), unzip to sound OOXML packages that carry the organisation's name,
 * the sheets and the sections, and the page stays accessible. Both are written in the report
 * worker: the page itself never loads the Office writers.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page, Worker } from '@playwright/test';
import type { Assessment } from '../../src/lib/domain/types';
import { expect, expectNoA11yViolations, test, waitForServiceWorker } from './fixtures';
import { persona, seedAssessment } from './reliability-helpers';
import { parseAll, readParagraphs, readWorkbook, unzip } from '../unit/office-helpers';

const ORG = 'Łódź Ğüneş <&> "Ωμέγα" Sp. z o.o.';

function fixture(): Assessment {
	const a = persona('full-workshop');
	return { ...a, meta: { ...a.meta, organisation: ORG } };
}

async function bytesOf(download: Download): Promise<Uint8Array> {
	return new Uint8Array(readFileSync((await download.path())!));
}

/** Text only the Office writers' code contains (the part names of the two packages). */
const OFFICE_WRITER_CODE = ['xl/worksheets/sheet', 'word/document.xml'];

/** The scripts a page or a worker has loaded, read from the build the server serves. */
async function scriptsOf(where: Page | Worker): Promise<{ url: string; text: string }[]> {
	const list = () =>
		performance
			.getEntriesByType('resource')
			.map((e) => e.name)
			.filter((u) => /\.m?js(\?|$)/.test(u));
	// (Two calls, so that TypeScript picks each type's own `evaluate`.)
	const urls: string[] =
		'workers' in where ? await where.evaluate(list) : await where.evaluate(list);
	return urls.map((url) => ({
		url,
		text: readFileSync(`build${new URL(url).pathname}`, 'utf8')
	}));
}

/** Which of the writers' signatures the scripts contain. */
const writersIn = (scripts: { url: string; text: string }[]) =>
	OFFICE_WRITER_CODE.filter((sig) => scripts.some((s) => s.text.includes(sig)));

async function openOffline(page: Page, context: import('@playwright/test').BrowserContext) {
	const a = fixture();
	await page.goto('/');
	await waitForServiceWorker(page);
	await seedAssessment(page, a);
	await context.setOffline(true);
	await page.goto(`/export?id=${encodeURIComponent(a.id)}`);
	await expect(page.getByRole('heading', { level: 1, name: ORG })).toBeVisible();
	return a;
}

test.describe('Excel and Word exports', () => {
	test('download offline as sound packages with the organisation, sheets and sections', async ({
		page,
		context
	}) => {
		test.setTimeout(120_000);
		const a = await openOffline(page, context);
		const section = page.getByRole('region', { name: 'Editable files (Excel and Word)' });
		await expect(section).toBeVisible();
		await expectNoA11yViolations(page, 'export page with the Office exports');

		// The workbook, by mouse.
		const xlsxButton = section.getByRole('button', { name: 'Download workbook (.xlsx)' });
		const [xlsx] = await Promise.all([page.waitForEvent('download'), xlsxButton.click()]);
		expect(xlsx.suggestedFilename()).toMatch(/^soc2-readiness-lodz-.*-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const book = unzip(await bytesOf(xlsx));
		parseAll(book);
		const sheets = readWorkbook(book);
		expect(sheets.map((s) => s.name)).toEqual([
			'Summary',
			'Answers',
			'Gaps',
			'Plan',
			'Evidence requests',
			'Vendors',
			'CUECs',
			'Criteria coverage'
		]);
		expect(sheets[0]!.rows.get(2)!.get('B')!.value).toBe(ORG);
		expect(sheets.find((s) => s.name === 'Answers')!.rows.size).toBeGreaterThan(50);
		await expect(section.getByRole('status').first()).toContainText(
			/Saved soc2-readiness-lodz-.*\.xlsx \(\d+ KB\)/
		);

		// The Word report, by keyboard.
		const docxButton = section.getByRole('button', { name: 'Download Word report (.docx)' });
		await docxButton.focus();
		const [docx] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
		expect(docx.suggestedFilename()).toMatch(/^soc2-readiness-lodz-.*-\d{4}-\d{2}-\d{2}\.docx$/);
		const word = unzip(await bytesOf(docx));
		parseAll(word);
		const paragraphs = readParagraphs(word);
		expect(paragraphs.find((p) => p.style === 'Title')?.text).toBe(ORG);
		const h1 = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
		expect(h1[0]).toBe('1  Executive summary');
		expect(h1).toContain('6  Gap register');
		expect(h1).toContain('Appendix C  Important notice');
		expect(h1.slice(-2)).toEqual([
			'Appendix D  Points of focus',
			'Appendix E  Evidence request list'
		]);
		expect(word['word/header1.xml']).toContain('Łódź Ğüneş &lt;&amp;&gt;');
		await expect(section.getByRole('status').nth(1)).toContainText(
			/Saved soc2-readiness-lodz-.*\.docx \(\d+ KB\)/
		);
		await expect(section.getByRole('alert')).toHaveCount(0);

		// Written off the main thread: the worker loaded both writers, the page neither.
		const worker = page.workers().find((w) => /pdf\.worker/.test(w.url()));
		expect(worker, 'the report worker is running').toBeTruthy();
		expect(writersIn(await scriptsOf(worker!))).toEqual(OFFICE_WRITER_CODE);
		expect(writersIn(await scriptsOf(page))).toEqual([]);

		await expectNoA11yViolations(page, 'export page after both downloads');
		expect(a.meta.organisation).toBe(ORG);
	});
});
