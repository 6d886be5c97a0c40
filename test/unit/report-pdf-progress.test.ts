/**
 * Issue 20: the PDF's "Progress since <date>" page after the executive summary, the one line in
 * the summary, and `npm run report -- --since`. Real bank, a persona assessed on 3 March 2026 and
 * the same organisation re-assessed on 9 June 2026 with five answers raised.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { run } from '../../scripts/report';
import { buildReportModel } from '../../src/lib/domain/engine';
import { compareModels } from '../../src/lib/domain/engine/compare';
import type { Assessment, ReportModel } from '../../src/lib/domain/types';
import { renderReportPdf } from '../../src/lib/report/pdf';
import {
	extractPdfText,
	hasCommand,
	layoutProblems,
	openPdf,
	writeTemp,
	type PdfText
} from './report-helpers';

const flat = (s: string) => s.replace(/\s+/g, ' ');
const FIXTURE = 'test/fixtures/assessments/designed-young-deadline.json';
const MARCH = '2026-03-03';
const JUNE = '2026-06-09';
const RAISED = [
	'cc1-code-of-conduct',
	'cc1-policy-acknowledgement',
	'cc1-disciplinary',
	'cc6-mfa',
	'cc7-logging'
];

interface ExportDoc {
	assessment: Assessment;
}

function exportDoc(date: string, raise: boolean): ExportDoc {
	const doc = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ExportDoc;
	doc.assessment.meta.assessmentDate = date;
	doc.assessment.id = `persona-${date}`;
	if (raise) {
		const ids = Object.keys(doc.assessment.answers);
		for (const id of RAISED.filter((x) => ids.includes(x))
			.concat(ids)
			.slice(0, 5))
			doc.assessment.answers[id]!.value = 4;
	}
	return doc;
}

let before: ReportModel;
let after: ReportModel;
let bytes: Uint8Array;
let text: PdfText;
beforeAll(async () => {
	const bank = loadBankFromDisk();
	before = buildReportModel(bank, exportDoc(MARCH, false).assessment, MARCH);
	after = buildReportModel(bank, exportDoc(JUNE, true).assessment, JUNE);
	after.comparison = compareModels(before, after);
	bytes = await renderReportPdf(after, { paper: 'a4' });
	text = await extractPdfText(bytes);
}, 120_000);

/** The first page after the contents (page 2) that has `needle`. */
const pageOf = (needle: string) =>
	text.pages.findIndex((p, i) => i > 1 && flat(p).includes(needle));

describe('PDF: progress since an earlier assessment', () => {
	it('the executive summary says it in one line, in the summary’s date format', () => {
		const summary = pageOf('Executive summary');
		expect(summary).toBeGreaterThan(0);
		const o = after.comparison!.scores.overall;
		expect(o.change).toBeGreaterThan(0);
		expect(flat(text.pages[summary]!)).toContain(
			`Readiness ${Math.round(o.after)} %, up from ${Math.round(o.before)} % on 3 Mar 2026.`
		);
	});

	it('has a "Progress since" page right after the executive summary, before section 2', () => {
		const summary = pageOf('Executive summary');
		const progress = text.pages.findIndex(
			(p, i) => i > summary && flat(p).includes('Progress since 3 March 2026')
		);
		expect(progress).toBe(summary + 1);
		const page = flat(text.pages[progress]!);
		const c = after.comparison!;
		expect(page).toContain('Overall');
		expect(page).toContain(`${Math.round(c.scores.type1.before)} %`);
		expect(page).toMatch(/\d+ closed, \d+ new, \d+ worse, \d+ better, \d+ still open/);
		expect(page).toMatch(/actions? completed since 3 Mar 2026/);
		expect(pageOf('Readiness and recommendation')).toBeGreaterThan(progress);
		// Listed in the contents (unnumbered, so the numbered sections keep their numbers).
		expect(flat(text.pages[1]!)).toContain('Progress since 3 March 2026');
		expect(flat(text.pages[1]!)).toMatch(/2 Readiness and recommendation/);
	});

	it('is in the outline', async () => {
		const pdf = await openPdf(bytes);
		const outline = (await pdf.getOutline()) ?? [];
		expect(outline.map((o) => o.title)).toContain('Progress since 3 March 2026');
	});

	it('has no layout problems (text off the page or overlapping)', () => {
		if (!hasCommand('pdftotext')) {
			console.warn('pdftotext not installed: layout check skipped');
			return;
		}
		expect(layoutProblems(writeTemp(bytes, 'progress.pdf'))).toEqual([]);
	});

	it('is left out without a comparison', async () => {
		const plain = { ...after };
		delete plain.comparison;
		const t = await extractPdfText(await renderReportPdf(plain, { paper: 'a4' }));
		expect(t.pages.some((p) => flat(p).includes('Progress since'))).toBe(false);
		expect(t.pages.some((p) => flat(p).includes('up from'))).toBe(false);
	});
});

describe('npm run report -- --since', () => {
	const dir = mkdtempSync(join(tmpdir(), 'soc2-since-'));
	const write = (name: string, doc: ExportDoc) => {
		const p = join(dir, name);
		writeFileSync(p, JSON.stringify(doc));
		return p;
	};

	async function runCli(...args: string[]) {
		const out: string[] = [];
		const err: string[] = [];
		const code = await run(args, { log: (s) => out.push(s), err: (s) => err.push(s) });
		return { code, stdout: out.join('\n'), stderr: err.join('\n') };
	}

	it('puts the comparison into the model and the PDF', async () => {
		const march = write('march.json', exportDoc(MARCH, false));
		const june = write('june.json', exportDoc(JUNE, true));
		const modelPath = join(dir, 'model.json');
		const pdfPath = join(dir, 'report.pdf');
		const r = await runCli(
			'--in',
			june,
			'--since',
			march,
			'--today',
			JUNE,
			'--model',
			modelPath,
			'--out',
			pdfPath
		);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const model = JSON.parse(readFileSync(modelPath, 'utf8')) as ReportModel;
		expect(model.comparison).toEqual(after.comparison);
		const t = await extractPdfText(new Uint8Array(readFileSync(pdfPath)));
		expect(t.pages.some((p) => flat(p).includes('Progress since 3 March 2026'))).toBe(true);
	});

	it('refuses a later assessment and warns about another organisation', async () => {
		const march = write('march2.json', exportDoc(MARCH, false));
		const june = write('june2.json', exportDoc(JUNE, true));
		const wrong = await runCli('--in', march, '--since', june, '--model', join(dir, 'x.json'));
		expect(wrong.code).toBe(1);
		expect(wrong.stderr).toMatch(/--since takes an earlier assessment/);

		const other = exportDoc(MARCH, false);
		other.assessment.meta.organisation = 'Someone Else Ltd';
		const r = await runCli(
			'--in',
			june,
			'--since',
			write('other.json', other),
			'--model',
			join(dir, 'y.json')
		);
		expect(r.code).toBe(0);
		expect(r.stderr).toMatch(/is an assessment of “Someone Else Ltd”, not “Fast Follow GmbH”/);
	});
});
