/**
 * `npm run report -- --out report.pdf [--paper letter]`: the CLI writes the same bytes as the
 * renderer called in-process on the engine's model (the app uses the same renderer).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import type { Assessment, ReportModel } from '../../src/lib/domain/types';
import { renderWordReport } from '../../src/lib/report/docx';
import { renderReportPdf } from '../../src/lib/report/pdf';
import { renderWorkbook } from '../../src/lib/report/xlsx';
import { readParagraphs, readWorkbook, unzip } from './office-helpers';

const FIXTURE = 'test/fixtures/assessments/designed-young-deadline.json';
const TODAY = '2026-03-02';
const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));

function cli(...args: string[]) {
	const r = spawnSync('npx', ['tsx', 'scripts/report.ts', ...args], {
		encoding: 'utf8',
		env: { ...process.env, SOC2_PASSPHRASE: '' },
		timeout: 90_000
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run report --out', () => {
	it('writes the identical PDF to the in-process rendering, with the model alongside', async () => {
		const pdf = join(dir, 'report.pdf');
		const model = join(dir, 'model.json');
		const r = cli(
			'--in',
			FIXTURE,
			'--out',
			pdf,
			'--model',
			model,
			'--today',
			TODAY,
			'--paper',
			'letter'
		);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/wrote PDF report \(US Letter, \d+ KB\) → /);
		// The model the CLI computed (the engine's own tests check it against the fixture).
		const written = JSON.parse(readFileSync(model, 'utf8')) as ReportModel;
		expect(written.asOf).toBe(TODAY);
		expect(written.assessment.organisation).toBe('Fast Follow GmbH');
		const bytes = readFileSync(pdf);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const inProcess = Buffer.from(await renderReportPdf(written, { paper: 'letter' }));
		expect(bytes.equals(inProcess)).toBe(true);
	}, 120_000);

	it('defaults to A4 and refuses an unknown paper size without writing anything', () => {
		const bad = join(dir, 'bad.pdf');
		const r = cli('--in', FIXTURE, '--out', bad, '--paper', 'a3', '--today', TODAY);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('--paper must be a4 or letter, got "a3"');
		expect(() => readFileSync(bad)).toThrow();

		const a4 = join(dir, 'a4.pdf');
		const ok = cli('--in', FIXTURE, '--out', a4, '--today', TODAY);
		expect(ok.code).toBe(0);
		expect(readFileSync(a4).toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.\d+ 841\.\d+\]/);
	}, 120_000);
});

describe('npm run report --xlsx --docx', () => {
	it('writes the PDF, the workbook and the Word report in one run, as the app would', async () => {
		const pdf = join(dir, 'all.pdf');
		const xlsx = join(dir, 'out', 'all.xlsx');
		const docx = join(dir, 'all.docx');
		const model = join(dir, 'all-model.json');
		const r = cli(
			'--in',
			FIXTURE,
			'--xlsx',
			xlsx,
			'--out',
			pdf,
			'--docx',
			docx,
			'--model',
			model,
			'--today',
			TODAY
		);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/wrote Excel workbook \(\d+ KB\) → .*all\.xlsx/);
		expect(r.stdout).toMatch(/wrote Word report \(\d+ KB\) → .*all\.docx/);
		expect(r.stdout).toMatch(/wrote PDF report \(A4, \d+ KB\)/);
		expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');

		// The same content as the renderers called in-process on the same model (the zip
		// containers differ only in their time stamps, so the parts are compared).
		const written = JSON.parse(readFileSync(model, 'utf8')) as ReportModel;
		const assessment = JSON.parse(readFileSync(FIXTURE, 'utf8')).assessment as Assessment;
		const book = unzip(readFileSync(xlsx));
		const inProcess = unzip(
			await renderWorkbook({ model: written, assessment, bank: loadBankFromDisk() })
		);
		expect(book).toEqual(inProcess);
		const sheets = readWorkbook(book);
		expect(sheets.map((s) => s.name)).toContain('Gaps');
		expect(sheets.find((s) => s.name === 'Gaps')!.rows.size).toBe(written.gaps.length + 1);

		const word = unzip(readFileSync(docx));
		const wordInProcess = unzip(await renderWordReport(written));
		expect(word['word/document.xml']).toBe(wordInProcess['word/document.xml']);
		const title = readParagraphs(word).find((p) => p.style === 'Title');
		expect(title?.text).toBe('Fast Follow GmbH');
	}, 120_000);
});
