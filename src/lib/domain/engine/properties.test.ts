import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MaturityValue, OptionalCategoryId } from '../types';
import { buildReportModel, whatIf } from './index';
import { assessment, bank, question, template } from './testing';

const TODAY = '2026-03-02';

/** A bank with mixed criticality, weights, keys, shared criteria, dependencies and categories. */
const b = bank([
	question('mfa', 'CC6', { criticality: 5, key: true, weight: 3, criteria: ['CC6.1', 'CC6.6'] }),
	question('sso', 'CC6', {
		criticality: 4,
		weight: 2,
		criteria: ['CC6.1'],
		remediation: [
			template('sso.deploy', { effort: 'M' }),
			template('sso.review', { appliesBelow: 4, dependsOn: ['mfa.design'] })
		]
	}),
	question('policy', 'CC1', { criticality: 3, weight: 1.5, criteria: ['CC1.1'] }),
	question('risk', 'CC3', { criticality: 4, weight: 1, criteria: ['CC3.1'] }),
	question('logs', 'CC7', { criticality: 4, key: true, weight: 2, criteria: ['CC7.2'] }),
	question('change', 'CC8', { criticality: 5, key: true, weight: 2, criteria: ['CC8.1'] }),
	question('vendor', 'CC9', { criticality: 2, weight: 0.5, criteria: ['CC9.2'] }),
	question('backup', 'A1', { criticality: 3, criteria: ['A1.2'] }),
	question('privacy', 'P', { criticality: 3, criteria: ['P1.1'] }),
	question('office', 'CC6', {
		criticality: 2,
		criteria: ['CC6.4'],
		when: { answer: 'scope.offices', in: ['own-offices'] }
	})
]);
const ids = b.questions.map((q) => q.id);

const valueArb = fc.constantFrom<(MaturityValue | null)[]>(0, 1, 2, 3, 4, 5, 'unknown', 'na', null);
const answersArb = fc.record(
	Object.fromEntries(ids.map((id) => [id, valueArb])) as Record<
		string,
		fc.Arbitrary<MaturityValue | null>
	>
);
const profileArb = fc.record({
	'scope.data-types': fc.subarray(['personal-data', 'health-data', 'payment-card', 'source-code']),
	'scope.offices': fc.constantFrom('none', 'own-offices'),
	'profile.type2-demand': fc.boolean(),
	'profile.type1-accepted': fc.constantFrom('yes', 'no', 'unknown'),
	'profile.prior-soc': fc.constantFrom('none', 'soc2-type1', 'soc2-type2'),
	'profile.evidence-months': fc.constantFrom('none', 'under-3', '3-to-5', '6-plus'),
	'profile.deadline-pressure': fc.constantFrom('none', 'soft', 'hard')
});
const categoriesArb = fc.subarray<OptionalCategoryId>(['availability', 'privacy']);
const targetArb = fc.option(
	fc.constantFrom('2026-04-15', '2026-07-01', '2026-12-31', '2027-06-30'),
	{ nil: null }
);

function level(v: MaturityValue | null): number {
	return typeof v === 'number' ? v : 0;
}

const input = fc.record({
	answers: answersArb,
	profile: profileArb,
	categories: categoriesArb,
	target: targetArb
});

describe('engine properties', () => {
	it('raising any answer never lowers the overall score nor raises any gap’s risk', () => {
		fc.assert(
			fc.property(input, fc.constantFrom(...ids), fc.integer({ min: 0, max: 5 }), (o, id, to) => {
				const from = o.answers[id]!;
				fc.pre(from !== 'na' && level(from) <= to);
				const before = buildReportModel(b, assessment(o), TODAY);
				const after = buildReportModel(
					b,
					assessment({ ...o, answers: { ...o.answers, [id]: to as MaturityValue } }),
					TODAY
				);
				expect(after.score.overall).toBeGreaterThanOrEqual(before.score.overall);
				expect(after.score.type1Readiness).toBeGreaterThanOrEqual(before.score.type1Readiness);
				expect(after.score.type2Readiness).toBeGreaterThanOrEqual(before.score.type2Readiness);
				const was = new Map(before.gaps.map((g) => [g.id, g.riskScore]));
				for (const g of after.gaps) {
					expect(was.has(g.id), `${g.id} appeared`).toBe(true);
					expect(g.riskScore).toBeLessThanOrEqual(was.get(g.id)!);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('N/A on one question never changes any other question’s score', () => {
		fc.assert(
			fc.property(input, fc.constantFrom(...ids), (o, id) => {
				const before = buildReportModel(b, assessment(o), TODAY);
				const after = buildReportModel(
					b,
					assessment({ ...o, answers: { ...o.answers, [id]: 'na' } }),
					TODAY
				);
				const others = (m: typeof before) => m.score.byQuestion.filter((q) => q.questionId !== id);
				expect(others(after)).toEqual(others(before));
				expect(after.score.byQuestion.find((q) => q.questionId === id)!.score).toBeNull();
				expect(after.gaps.find((g) => g.questionId === id)).toBeUndefined();
			}),
			{ numRuns: 200 }
		);
	});

	it('is deterministic and serialisable: same input, deep-equal output', () => {
		fc.assert(
			fc.property(input, (o) => {
				const a = assessment(o);
				const one = buildReportModel(b, a, TODAY);
				const two = buildReportModel(b, structuredClone(a), TODAY);
				expect(two).toEqual(one);
				expect(JSON.parse(JSON.stringify(one))).toEqual(one);
			}),
			{ numRuns: 150 }
		);
	});

	it('never mutates its inputs', () => {
		fc.assert(
			fc.property(
				input,
				fc.subarray(b.questions.flatMap((q) => q.remediation.map((t) => t.id))),
				(o, done) => {
					const a = assessment(o);
					const copyA = structuredClone(a);
					const copyB = structuredClone(b);
					buildReportModel(b, a, TODAY);
					whatIf(b, a, TODAY, done);
					expect(a).toEqual(copyA);
					expect(b).toEqual(copyB);
				}
			),
			{ numRuns: 100 }
		);
	});

	it('keeps the plan consistent: dependants after prerequisites, due after start, scores in range', () => {
		fc.assert(
			fc.property(input, (o) => {
				const m = buildReportModel(b, assessment(o), TODAY);
				const byId = new Map(m.plan.map((p) => [p.id, p]));
				for (const p of m.plan) {
					expect(p.due >= p.start).toBe(true);
					for (const d of p.dependsOn) {
						const dep = byId.get(d)!;
						if (!p.done && !dep.done) expect(p.start > dep.due, `${p.id} after ${d}`).toBe(true);
					}
				}
				expect(m.score.overall).toBeGreaterThanOrEqual(0);
				expect(m.score.overall).toBeLessThanOrEqual(100);
				const r = m.recommendation;
				if (r.windowStart) expect(r.windowStart >= TODAY).toBe(true);
				if (r.type1Date && r.windowStart) expect(r.windowStart > r.type1Date).toBe(true);
				for (const reason of r.reasons) expect(reason.sources.length).toBeGreaterThan(0);
			}),
			{ numRuns: 200 }
		);
	});

	it('what-if with more actions done never lowers the score', () => {
		const all = b.questions.flatMap((q) => q.remediation.map((t) => t.id));
		fc.assert(
			fc.property(input, fc.subarray(all), fc.subarray(all), (o, x, y) => {
				const a = assessment(o);
				const some = whatIf(b, a, TODAY, x);
				const more = whatIf(b, a, TODAY, [...x, ...y]);
				expect(some.score.overall).toBeGreaterThanOrEqual(
					buildReportModel(b, a, TODAY).score.overall
				);
				expect(more.score.overall).toBeGreaterThanOrEqual(some.score.overall);
			}),
			{ numRuns: 150 }
		);
	});
});
