/**
 * Issue 22 in the reports: an assessment's custom question is scored like a bank question and
 * marked "custom" in the PDF (gap register, roadmap, answers), in the CSV files and the workbook
 * (a "Custom" column from the one table definition) and in the Word report; its introduction gets
 * a page before the summary; its owner role names replace the plan's roles. The JSON export
 * carries the custom questions, so the file imports and renders without the library.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { bankForAssessment } from '../../src/lib/domain/bank';
import { buildReportModel } from '../../src/lib/domain/engine';
import { buildExportDocument, readImportText } from '../../src/lib/export';
import type { Assessment, CustomQuestion, ReportModel } from '../../src/lib/domain/types';
import { gapsCsv, planCsv, requestsCsv } from '../../src/lib/report/csv';
import { renderWordReport } from '../../src/lib/report/docx';
import { renderReportPdf } from '../../src/lib/report/pdf';
import { makeRefs } from '../../src/lib/report/pdf/refs';
import { renderWorkbook } from '../../src/lib/report/xlsx';
import { columnOf, readParagraphs, readWorkbook, unzip } from './office-helpers';
import { extractPdfText, parseCsv, type PdfText } from './report-helpers';

const flat = (s: string) => s.replace(/\s+/g, ' ');

const custom: CustomQuestion = {
	id: 'custom-contract-sla',
	area: 'A1',
	criteria: ['A1.2'],
	title: 'Contractual uptime commitments tracked',
	prompt: 'Do you track every uptime commitment made in customer contracts?',
	why: 'Availability commitments are what A1 is tested against.',
	level3: 'A register lists every contractual uptime commitment.',
	level4: 'Monthly uptime is compared with the register.',
	evidence: ['Commitment register'],
	criticality: 5,
	weight: 1,
	key: true,
	remediation: [
		{
			id: 'rem.custom-contract-sla.register',
			action: 'List every contractual uptime commitment in one register',
			ownerRole: 'Head of Engineering',
			effort: 'S',
			kind: 'design',
			acceptance: ['Every active contract is in the register'],
			evidence: ['The register'],
			dependsOn: [],
			quickWin: false,
			appliesBelow: 3
		}
	]
};

let model: ReportModel;
let text: PdfText;
let assessment: Assessment;
let extended: ReturnType<typeof bankForAssessment>['bank'];
beforeAll(async () => {
	const read = readImportText(readFileSync('test/fixtures/assessments/full-workshop.json', 'utf8'));
	if (read.kind !== 'plain') throw new Error('fixture is encrypted');
	const a = read.document.assessment as Assessment;
	a.customQuestions = [custom];
	a.answers[custom.id] = { value: 1, evidence: [], updatedAt: '2026-03-01T10:00:00.000Z' };
	a.ownerRoles = { 'Head of Engineering': 'VP Engineering' };
	a.reportIntroduction =
		'This readiness review follows the Acme Advisory method.\n\nIt is not an audit opinion.';
	const { bank, problems } = bankForAssessment(loadBankFromDisk(), a.customQuestions);
	expect(problems).toEqual([]);
	assessment = a;
	extended = bank;
	model = buildReportModel(bank, a, '2026-03-02');
	text = await extractPdfText(await renderReportPdf(model, { paper: 'a4' }));
}, 120_000);

describe('custom questions in the PDF', () => {
	it('the custom question is a gap with a plan action, owned by the renamed role', () => {
		expect(model.customQuestionIds).toEqual([custom.id]);
		expect(model.gaps.some((g) => g.questionId === custom.id)).toBe(true);
		const action = model.plan.find((p) => p.id === 'rem.custom-contract-sla.register');
		expect(action?.ownerRole).toBe('VP Engineering');
	});

	it('is marked "custom" in the gap register, the roadmap and the answers', () => {
		const all = flat(text.pages.join(' '));
		const marks = all.match(/Contractual uptime commitments tracked \(custom question\)/g) ?? [];
		expect(marks.length).toBeGreaterThanOrEqual(2);
		expect(all).toContain(
			'List every contractual uptime commitment in one register (from a custom question)'
		);
		// Only the custom question is marked.
		expect(all.match(/\(custom question\)/g)).toHaveLength(marks.length);
	});

	it('the executive summary marks it among the top risks and in the first 30 days', () => {
		const refs = makeRefs(model);
		// The fixture makes it a top-five risk (criticality 5, level 1), so the box must show it.
		expect(refs.gaps.slice(0, 5).map((g) => g.questionId)).toContain(custom.id);
		const summary = flat(text.pages[3]!);
		expect(summary).toContain('Contractual uptime commitments tracked');
		expect(summary).toContain('custom question · A1.2 · level 1');
		// Exactly one top risk carries the mark.
		expect(summary.match(/custom question · /g)).toHaveLength(1);
		// Its action is due in the first month and sorts high enough to be listed on the page.
		expect(model.starterPlan).toContain('rem.custom-contract-sla.register');
		expect(summary).toContain('in one register (from a custom question)');
	});

	it('prints the introduction on its own page before the executive summary', () => {
		const intro = text.pages.findIndex((p) =>
			flat(p).includes('This readiness review follows the Acme Advisory method.')
		);
		expect(intro).toBe(2);
		expect(flat(text.pages[intro]!)).toMatch(/^About this assessment This readiness review/);
		expect(flat(text.pages[intro]!)).toContain('It is not an audit opinion.');
		expect(flat(text.pages[1]!)).toContain('About this assessment 3 1 Executive summary 4');
		// The contents page lists it; the summary follows on the next page.
		expect(flat(text.pages[3]!)).toContain('Executive summary');
	});
});

/** A CSV file as objects keyed by header. */
function records(csv: string): Record<string, string>[] {
	const [header, ...rows] = parseCsv(csv);
	return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

describe('custom questions in the CSV files, the workbook and the Word report', () => {
	it('the gap register and the plan CSV say "yes" in the Custom column for it, "no" for the rest', () => {
		const gaps = records(gapsCsv(model));
		expect(gaps).toHaveLength(model.gaps.length);
		const mine = gaps.filter((g) => g['Custom'] === 'yes');
		expect(mine.map((g) => g['Question ID'])).toEqual([custom.id]);
		expect(gaps.filter((g) => g['Custom'] === 'no')).toHaveLength(gaps.length - 1);
		const plan = records(planCsv(model));
		const marked = plan.filter((p) => p['Custom'] === 'yes').map((p) => p['Action ID']);
		expect(marked).toEqual(['rem.custom-contract-sla.register']);
		expect(plan.every((p) => p['Custom'] === 'yes' || p['Custom'] === 'no')).toBe(true);
	});

	it('the evidence requests are the bank’s own list, so they carry no custom column', () => {
		const [header] = parseCsv(requestsCsv(model));
		expect(header).not.toContain('Custom');
		expect(
			model.evidenceRequests?.rows.some((r) => r.questions.some((q) => q.questionId === custom.id))
		).toBe(false);
	});

	it('the workbook marks it in the Answers, Gaps and Plan sheets', async () => {
		const sheets = readWorkbook(unzip(await renderWorkbook({ model, assessment, bank: extended })));
		const rowsOf = (name: string, idHeader: string) => {
			const s = sheets.find((x) => x.name === name)!;
			const id = columnOf(s, idHeader);
			const c = columnOf(s, 'Custom');
			return [...s.rows.entries()]
				.filter(([n]) => n > 1)
				.map(([, r]) => ({ id: r.get(id)?.value, custom: r.get(c)?.value, type: r.get(c)?.t }));
		};
		for (const [sheet, header, id] of [
			['Answers', 'Question ID', custom.id],
			['Gaps', 'Question ID', custom.id],
			['Plan', 'Action ID', 'rem.custom-contract-sla.register']
		] as const) {
			const rows = rowsOf(sheet, header);
			expect(rows.length, sheet).toBeGreaterThan(1);
			expect(
				rows.filter((r) => r.custom === '1').map((r) => r.id),
				sheet
			).toEqual([id]);
			expect(
				rows.filter((r) => r.custom === '0'),
				sheet
			).toHaveLength(rows.length - 1);
			expect(rows[0]!.type, `${sheet}: a true/false cell`).toBe('b');
		}
	});

	it('the Word report marks it in the gap register, the roadmap and the answers', async () => {
		const text = readParagraphs(unzip(await renderWordReport(model)))
			.map((p) => p.text)
			.join('\n');
		expect(text).toContain('Contractual uptime commitments tracked (custom question)');
		expect(text).toContain(`${custom.id} Contractual uptime commitments tracked (custom question)`);
		expect(text).toContain(
			'List every contractual uptime commitment in one register (from a custom question)'
		);
		const marks = text.match(/\(custom question\)/g) ?? [];
		// Highest risks (when it is among the top five), the register and the answers.
		expect(marks.length).toBeGreaterThanOrEqual(2);
		expect(text.match(/\(from a custom question\)/g)).toHaveLength(1);
	});

	it('the JSON export carries the custom question, and the file reads back with it', () => {
		const doc = buildExportDocument(assessment, '2026-03-02T12:00:00.000Z');
		expect(doc.assessment.customQuestions).toEqual([custom]);
		const read = readImportText(JSON.stringify(doc));
		if (read.kind !== 'plain') throw new Error('not plain');
		expect(read.document.assessment.customQuestions).toEqual([custom]);
		expect(read.document.assessment.answers[custom.id]?.value).toBe(1);
	});
});
