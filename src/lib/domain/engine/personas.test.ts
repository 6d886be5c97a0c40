/**
 * Persona tests on the real question bank, with the export-format fixtures in
 * test/fixtures/assessments/ (regenerate them with `npx tsx test/fixtures/assessments/generate.ts`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../../../scripts/lib/bank-node';
import { readImportText } from '$lib/export';
import type { Assessment } from '../types';
import { buildReportModel, whatIf } from './index';

const TODAY = '2026-03-02';
const bank = loadBankFromDisk();

function persona(name: string): Assessment {
	const read = readImportText(readFileSync(`test/fixtures/assessments/${name}.json`, 'utf8'));
	if (read.kind !== 'plain') throw new Error('fixture is encrypted');
	return read.document.assessment as Assessment;
}

const NAMES = [
	'all-not-in-place',
	'all-monitored-type2',
	'designed-young-deadline',
	'health-data',
	'full-workshop'
];

describe('fixtures', () => {
	it.each(NAMES)(
		'%s passes the import validator and answers only current bank questions',
		(name) => {
			const a = persona(name);
			const ids = new Set(bank.questions.map((q) => q.id));
			expect(Object.keys(a.answers).filter((id) => !ids.has(id))).toEqual([]);
			expect(Object.keys(a.answers)).toHaveLength(bank.questions.length);
		}
	);
});

describe('personas on the real bank', () => {
	it('everything "not in place" → remediate-first with many critical gaps', () => {
		const m = buildReportModel(bank, persona('all-not-in-place'), TODAY);
		expect(m.score.overall).toBe(0);
		expect(m.recommendation.type).toBe('remediate-first');
		expect(m.recommendation.windowMonths).toBeNull();
		const critical = m.gaps.filter((g) => g.risk === 'critical');
		expect(critical.length).toBeGreaterThanOrEqual(20);
		expect(m.gaps).toHaveLength(m.score.counts.applicable);
		expect(m.recommendation.headline).toMatch(/^Remediate first: close \d+ critical gaps/);
		expect(m.recommendation.reasons[0]!.sources).toContain('decision:critical-gaps');
		expect(m.starterPlan.length).toBeGreaterThan(0);
		// the plan respects every dependency
		const byId = new Map(m.plan.map((p) => [p.id, p]));
		for (const p of m.plan)
			for (const d of p.dependsOn) expect(p.start > byId.get(d)!.due).toBe(true);
		// the projected window starts after remediation and after today
		expect(m.recommendation.windowStart! > TODAY).toBe(true);
	});

	it('everything "monitored" with explicit Type II demand → type2, window can start now', () => {
		const m = buildReportModel(bank, persona('all-monitored-type2'), TODAY);
		expect(m.score).toMatchObject({ overall: 100, type1Readiness: 100, type2Readiness: 100 });
		expect(m.gaps).toEqual([]);
		expect(m.plan).toEqual([]);
		expect(m.recommendation.type).toBe('type2');
		expect(m.recommendation.windowStart).toBe(TODAY);
		expect([3, 6]).toContain(m.recommendation.windowMonths);
		expect(m.recommendation.meetsTarget).toBe(true);
		expect(m.iso27001?.status).toBe('certified');
	});

	it('designed-but-young controls with a near deadline → Type I first, with a window start', () => {
		const m = buildReportModel(bank, persona('designed-young-deadline'), TODAY);
		const r = m.recommendation;
		expect(['type1', 'type1-then-type2']).toContain(r.type);
		expect(r.type).toBe('type1-then-type2'); // a customer demands Type II
		expect(r.type1Date).not.toBeNull();
		expect(r.windowStart).not.toBeNull();
		expect(r.windowStart! > r.type1Date!).toBe(true);
		expect(r.windowMonths).toBe(3);
		expect(m.gaps.some((g) => g.risk === 'critical')).toBe(false);
		expect(r.meetsTarget).toBe(true);
		const op = r.reasons.find((x) => x.text.startsWith('Operation:'))!;
		expect(op.text).toMatch(/of 33 Security criteria are not yet operating/);
	});

	it('health data in scope → Privacy suggested, impact raised', () => {
		const a = persona('health-data');
		const m = buildReportModel(bank, a, TODAY);
		const privacy = m.categorySuggestions.find((s) => s.category === 'privacy');
		expect(privacy).toBeDefined();
		expect(privacy!.selected).toBe(false);
		expect(privacy!.reasons.map((r) => r.text).join(' ')).toMatch(/health data/i);
		expect(m.sensitiveData.join(' ')).toMatch(/health/i);
		const cc6 = m.gaps.filter((g) => g.area === 'CC6');
		const crit = new Map(bank.questions.map((q) => [q.id, q.criticality]));
		for (const g of cc6) expect(g.impact).toBe(Math.min(5, crit.get(g.questionId)! + 1));
		expect(m.scopeNotes.join(' ')).toMatch(/HIPAA/);
	});

	it('a full workshop assessment fills every part of the model', () => {
		const a = persona('full-workshop');
		const m = buildReportModel(bank, a, TODAY);
		expect(m.tsc).toEqual([
			'security',
			'availability',
			'confidentiality',
			'processing-integrity',
			'privacy'
		]);
		expect(m.score.byCriterion).toHaveLength(61);
		expect(m.score.byArea).toHaveLength(13);
		expect(m.answers).toHaveLength(bank.questions.length);
		expect(m.answers.filter((x) => x.naReason).length).toBe(3);
		expect(m.score.counts.unknown).toBeGreaterThan(0);
		expect(m.subservices.map((s) => s.issues.length)).toEqual([0, 2, 2]);
		expect(m.iso27001!.status).toBe('in-progress');
		expect(m.iso27001!.rows).toHaveLength(m.gaps.length);
		expect(m.cuecs).toHaveLength(6);
		expect(m.plan.find((p) => p.ownerRole === 'Maria (COO)')).toBeDefined();
		expect(m.evidenceChecklist.some((e) => e.pointers.length > 0)).toBe(true);
		expect(m.methodology.length).toBeGreaterThan(5);
		// deterministic
		expect(buildReportModel(bank, structuredClone(a), TODAY)).toEqual(m);
		// what-if: doing the whole starter plan raises the score
		const w = whatIf(bank, a, TODAY, m.starterPlan);
		expect(w.score.overall).toBeGreaterThan(m.score.overall);
	});
});
