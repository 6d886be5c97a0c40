/**
 * Issue 22 in the PDF: an assessment's custom question is scored like a bank question and marked
 * "custom" in the gap register and the answers; its introduction gets a page before the summary;
 * its owner role names replace the plan's roles.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { bankForAssessment } from '../../src/lib/domain/bank';
import { buildReportModel } from '../../src/lib/domain/engine';
import { readImportText } from '../../src/lib/export';
import type { Assessment, CustomQuestion, ReportModel } from '../../src/lib/domain/types';
import { renderReportPdf } from '../../src/lib/report/pdf';
import { extractPdfText, type PdfText } from './report-helpers';

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

	it('is marked "custom" in the gap register and the answers', () => {
		const all = flat(text.pages.join(' '));
		const marks = all.match(/Contractual uptime commitments tracked \(custom question\)/g) ?? [];
		expect(marks.length).toBeGreaterThanOrEqual(2);
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
