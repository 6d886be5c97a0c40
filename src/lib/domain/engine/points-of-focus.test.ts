/**
 * pointsOfFocusRows on the real bank: which points of focus the answers speak to, per criterion
 * in scope, and the rows buildReportModel puts in the model for the dashboard and the PDF.
 */
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../../../scripts/lib/bank-node';
import type { AnswerRow, MaturityValue } from '../types';
import { buildReportModel } from './index';
import { pointStatusCounts, pointsOfFocusRows } from './points-of-focus';
import { readPersona } from '../../../../test/fixtures/assessments/read';

const bank = loadBankFromDisk();

function row(questionId: string, value: MaturityValue | null, applicable = true): AnswerRow {
	const q = bank.questions.find((x) => x.id === questionId)!;
	return {
		questionId,
		area: q.area,
		criteria: q.criteria,
		title: q.title,
		prompt: q.prompt,
		value,
		label: value === null ? '' : `label ${String(value)}`,
		note: '',
		naReason: '',
		evidence: [],
		applicable,
		skipReason: applicable ? null : 'skipped'
	};
}
const point = (rows: ReturnType<typeof pointsOfFocusRows>, id: string) => {
	const criterion = id.split('.').slice(0, 2).join('.');
	return rows.find((r) => r.criterionId === criterion)?.points.find((p) => p.id === id);
};

describe('pointsOfFocusRows', () => {
	it('lists only the criteria and points of the selected categories', () => {
		const security = pointsOfFocusRows(bank, ['security'], []);
		expect(security.map((r) => r.criterionId)).toEqual(
			bank.criteria.filter((c) => c.category === 'security').map((c) => c.id)
		);
		// CC7.3.4 is an additional Privacy point: absent until Privacy is selected
		expect(point(security, 'CC7.3.4')).toBeUndefined();
		expect(point(security, 'CC7.3.3')).toBeDefined();
		const privacy = pointsOfFocusRows(bank, ['security', 'privacy'], []);
		expect(point(privacy, 'CC7.3.4')).toBeDefined();
		expect(privacy.some((r) => r.criterionId === 'P4.3')).toBe(true);
		expect(privacy.some((r) => r.criterionId === 'A1.2')).toBe(false);
	});

	it('derives each status from the answers to the questions that ask for the point', () => {
		const answers = [
			row('cc1-code-of-conduct', 3),
			row('cc1-policy-acknowledgement', 1),
			row('cc1-disciplinary', 2),
			row('cc1-oversight-body', 'unknown'),
			row('cc1-org-structure', null),
			row('cc1-key-person', 'na'),
			row('cc6-office-physical', 4, false),
			row('cc6-datacenter-physical', null, false),
			row('cc6-physical-carve-out', 1)
		];
		const rows = pointsOfFocusRows(bank, ['security'], answers);
		// CC1.1.2 is asked by the code of conduct (level 3) and acknowledgements (level 1)
		const standards = point(rows, 'CC1.1.2')!;
		expect(standards.status).toBe('evidenced');
		expect(standards.questions.map((q) => [q.questionId, q.level])).toEqual([
			['cc1-code-of-conduct', 3],
			['cc1-policy-acknowledgement', 1]
		]);
		expect(point(rows, 'CC1.1.4')!.status).toBe('weak');
		expect(point(rows, 'CC1.2.1')!.status).toBe('open');
		expect(point(rows, 'CC1.3.2')!).toMatchObject({
			status: 'open',
			questions: [{ questionId: 'cc1-org-structure', label: 'Not answered', level: null }]
		});
		// answered "not applicable" or skipped by the profile: not asked here
		expect(point(rows, 'CC1.4.4')!).toMatchObject({ status: 'not-asked', questions: [] });
		expect(point(rows, 'CC6.4.3')!).toMatchObject({ status: 'not-asked', questions: [] });
		// the carve-out question is asked, so CC6.4.1 rests on it alone
		expect(point(rows, 'CC6.4.1')!).toMatchObject({
			status: 'weak',
			questions: [{ questionId: 'cc6-physical-carve-out', level: 1 }]
		});
		// financial-statement objectives are not applicable, with the reason shown
		const na = point(rows, 'CC3.1.5')!;
		expect(na.status).toBe('na');
		expect(na.note).toMatch(/SOC 1/);
	});

	it('counts each status once per point', () => {
		const rows = pointsOfFocusRows(bank, ['security'], []);
		const counts = pointStatusCounts(rows);
		const total = rows.reduce((n, r) => n + r.points.length, 0);
		expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(total);
		expect(counts.na).toBe(3);
		expect(counts['not-asked']).toBe(total - 3);
	});
});

describe('buildReportModel', () => {
	const persona = readPersona;

	it('carries the points of focus: all evidenced or not asked when everything is monitored', () => {
		const m = buildReportModel(bank, persona('all-monitored-type2'), '2026-03-02');
		const statuses = new Set(m.pointsOfFocus!.flatMap((r) => r.points.map((p) => p.status)));
		for (const s of statuses) expect(['evidenced', 'na', 'not-asked']).toContain(s);
		expect(statuses.has('evidenced')).toBe(true);
		expect(m.pointsOfFocus!.map((r) => r.criterionId)).toEqual(
			bank.criteria.filter((c) => m.tsc.includes(c.category)).map((c) => c.id)
		);
	});

	it('marks the points weak when nothing is in place', () => {
		const m = buildReportModel(bank, persona('all-not-in-place'), '2026-03-02');
		const counts = pointStatusCounts(m.pointsOfFocus!);
		expect(counts.evidenced).toBe(0);
		expect(counts.weak).toBeGreaterThan(200);
	});
});
