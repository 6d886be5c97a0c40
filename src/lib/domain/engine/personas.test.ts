/**
 * Persona tests on the real question bank, with the export-format fixtures in
 * test/fixtures/assessments/ (regenerate them with `npx tsx test/fixtures/assessments/generate.ts`).
 */
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../../../scripts/lib/bank-node';
import { addDays } from '../dates';
import { buildReportModel, whatIf } from './index';
import { readPersona } from '../../../../test/fixtures/assessments/read';

const TODAY = '2026-03-02';
const bank = loadBankFromDisk();

const persona = readPersona;

const NAMES = [
	'all-not-in-place',
	'all-monitored-type2',
	'designed-young-deadline',
	'health-data',
	'full-workshop',
	'renewal-type2',
	'retained-evidence',
	'na-key-controls'
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
		// The two vendors with a SOC 2 report have no report period end recorded: flagged. The
		// inclusive MSP has no report of its own, which is no issue: its controls are tested in
		// the examination, so only its cooperation and written assertion are flagged.
		expect(m.subservices.map((s) => s.issues.length)).toEqual([1, 3, 1]);
		expect(m.subservices[2]!.issues).toEqual([expect.stringMatching(/^Inclusive method: /)]);
		expect(m.subservices.map((s) => s.periodCheck?.status ?? null)).toEqual([
			'period-unknown',
			'period-unknown',
			null
		]);
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

	it('renewal → the next 12-month period back to back, a bridge letter, exceptions expected', () => {
		const r = buildReportModel(bank, persona('renewal-type2'), TODAY).recommendation;
		expect(r).toMatchObject({
			type: 'type2',
			renewal: true,
			windowMonths: 12,
			windowStart: '2026-01-01',
			expectedReportDate: '2027-02-11'
		});
		expect(r.headline).toMatch(
			/^Continue with your next 12-month Type II period from 1 January 2026, back to back; report around 11 February 2027, with a bridge letter until then\. Remediate the open gaps now/
		);
		const text = [r.headline, ...r.reasons.map((x) => x.text), ...r.toMeetTarget].join('\n');
		expect(text).not.toMatch(/3-month|before engaging|Remediate first/);
		expect(text).toMatch(
			/covering 1 January 2026 until the new report is issued around 11 February 2027/
		);
	});

	it('retained evidence → a Type II over a period already run, the CPA firm must agree', () => {
		const r = buildReportModel(bank, persona('retained-evidence'), TODAY).recommendation;
		expect(r).toMatchObject({
			type: 'type2',
			retrospective: true,
			windowMonths: 3,
			windowStart: '2025-12-02',
			expectedReportDate: '2026-04-27',
			meetsTarget: true
		});
		expect(r.headline).toMatch(/The CPA firm must agree to examine a period that has already run/);
	});

	it('N/A on key controls without reasons → unanswered critical gaps; one with a reason is listed', () => {
		const m = buildReportModel(bank, persona('na-key-controls'), TODAY);
		expect(m.recommendation.type).toBe('remediate-first');
		expect(
			m.gaps
				.filter((g) => g.risk === 'critical')
				.map((g) => g.questionId)
				.sort()
		).toEqual([
			'cc6-access-review',
			'cc6-mfa',
			'cc6-offboarding',
			'cc7-ir-plan',
			'cc8-peer-review'
		]);
		expect(m.gaps.every((g) => g.flagged === 'unanswered')).toBe(true);
		expect(m.score.counts.na).toBe(1);
		expect(m.naKeyControls!.map((c) => c.questionId)).toEqual(['cc7-alerting-oncall']);
	});
});

describe('issue 13 examples on the real bank', () => {
	const zero = persona('all-not-in-place');
	const every = (level: 3 | 4) =>
		Object.fromEntries(Object.entries(zero.answers).map(([id, a]) => [id, { ...a, value: level }]));

	it('every answer at 3, Type II demanded, target 4 months out: Type I in two weeks, window the day after', () => {
		const r = buildReportModel(
			bank,
			{
				...zero,
				answers: every(3),
				meta: { ...zero.meta, targetReportDate: '2026-07-02' },
				profile: { ...zero.profile, 'profile.type2-demand': true, 'profile.type1-accepted': 'yes' }
			},
			TODAY
		).recommendation;
		expect(r.type).toBe('type1-then-type2');
		expect(r.type1Date).toBe('2026-03-16');
		expect(r.windowStart).toBe('2026-03-17');
	});

	it('key controls at 4+, 6+ months of evidence, Type II demanded, hard target 3 months out: no Type I', () => {
		const r = buildReportModel(
			bank,
			{
				...zero,
				answers: every(4),
				meta: { ...zero.meta, targetReportDate: '2026-06-02' },
				profile: {
					...zero.profile,
					'profile.type2-demand': true,
					'profile.deadline-pressure': 'hard',
					'profile.evidence-months': '6-plus'
				}
			},
			TODAY
		).recommendation;
		expect(r.type).toBe('type2');
		expect(r.windowStart).toBe('2025-12-02');
		expect(r.meetsTarget).toBe(true);
	});
});

describe('a plan a small team can start on Monday (point 7)', () => {
	const zero = persona('all-not-in-place');
	const at = (headcount: string) =>
		buildReportModel(
			bank,
			{ ...zero, profile: { ...zero.profile, 'profile.headcount': headcount } },
			TODAY
		);

	it.each([
		['1-10', 2, 2],
		['11-50', 4, 3],
		['51-200', 9, 3]
	])(
		'headcount %s: %i owners, at most %i actions per owner at once',
		(headcount, owners, lanes) => {
			const m = at(headcount);
			const roles = new Set(m.plan.map((p) => p.ownerRole));
			expect(roles.size).toBe(owners);
			// Nobody carries more than their capacity on any day.
			const busy = new Map<string, number>();
			for (const p of m.plan) {
				for (let d = p.start; d <= p.due; d = addDays(d, 1)) {
					const k = `${p.ownerRole}|${d}`;
					busy.set(k, (busy.get(k) ?? 0) + 1);
				}
			}
			expect(Math.max(...busy.values())).toBeLessThanOrEqual(lanes);
		}
	);

	it('1-10: one "CTO / founder" for the technical work, tens of items, a first month that fits', () => {
		const m = at('1-10');
		expect([...new Set(m.plan.map((p) => p.ownerRole))].sort()).toEqual([
			'CEO / founder',
			'CTO / founder'
		]);
		const groups = m.planGroups!;
		expect(groups.length).toBeLessThan(100);
		expect(groups.length).toBeLessThan(m.plan.length / 2);
		// Every open action is in exactly one group.
		expect(groups.flatMap((g) => g.actionIds).sort()).toEqual(m.plan.map((p) => p.id).sort());
		const first30 = m.plan.filter((p) => p.phase === '0-30');
		expect(first30.length).toBeLessThanOrEqual(20);
		expect(groups.filter((g) => g.phase === '0-30').length).toBeLessThanOrEqual(20);
		// Recurring operation comes after the work that puts the control in place.
		for (const g of groups) {
			const kinds = g.actionIds.map((id) => m.plan.find((p) => p.id === id)!.kind);
			expect(
				kinds.indexOf('recurring') === -1 ||
					kinds.lastIndexOf('design') < kinds.indexOf('recurring')
			).toBe(true);
		}
	});

	it('keeps an owner role edited on the assessment as written', () => {
		const first = at('1-10').plan[0]!;
		const m = buildReportModel(
			bank,
			{
				...zero,
				profile: { ...zero.profile, 'profile.headcount': '1-10' },
				planOverrides: { [first.id]: { ownerRole: 'Jo (contractor)' } }
			},
			TODAY
		);
		expect(m.plan.find((p) => p.id === first.id)!.ownerRole).toBe('Jo (contractor)');
	});

	it('51 people or more: no grouping, bank roles', () => {
		expect(at('51-200').planGroups).toBeNull();
	});
});
