/**
 * Issue 20: comparing two assessments of one organisation. Table-driven on a small bank; the
 * dates are exact and passed in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, MaturityValue, ReportModel } from '../types';
import { areaTrend, compareModels, comparisonRows, spanWords } from './compare';
import { buildReportModel } from './index';
import { assessment, bank, question, type AssessmentOptions } from './testing';

const MARCH = '2026-03-03';
const JUNE = '2026-06-09';

const QUESTIONS = [
	question('q-cc1', 'CC1', { criticality: 3 }),
	question('q-cc6', 'CC6', { criticality: 5, key: true }),
	question('q-cc7', 'CC7', { criticality: 4 }),
	question('q-a1', 'A1', { criticality: 3 }),
	question('q-office', 'CC6', {
		criticality: 2,
		when: { answer: 'profile.type2-demand', equals: true },
		skipReason: 'Only when a Type II is demanded.'
	})
];
const b = bank(QUESTIONS);

function model(o: AssessmentOptions & { date: string }, bk = b): ReportModel {
	const a: Assessment = assessment({ assessmentDate: o.date, ...o });
	return buildReportModel(bk, a, o.date);
}

const base = {
	answers: { 'q-cc1': 2, 'q-cc6': 1, 'q-cc7': 3, 'q-a1': 1, 'q-office': 1 } as Record<
		string,
		MaturityValue
	>,
	categories: ['availability' as const],
	profile: { 'profile.type2-demand': true }
};

describe('compareModels', () => {
	it('two identical assessments compare as "no change"', () => {
		const c = compareModels(model({ ...base, date: MARCH }), model({ ...base, date: MARCH }));
		expect(c.noChange).toBe(true);
		expect(c.gaps.every((g) => g.status === 'still-open')).toBe(true);
		expect(c.riskMoves).toEqual([]);
		expect(c.recommendation.changes).toEqual([]);
		expect(c.bank).toMatchObject({ changed: false, note: '' });
		expect(c.summary).toMatch(/^Readiness \d+ %, unchanged since 3 March 2026\.$/);
	});

	it('a better answer: the gap shrinks and its design action is no longer needed', () => {
		const before = model({ ...base, date: MARCH });
		const after = model({ ...base, answers: { ...base.answers, 'q-cc6': 3 }, date: JUNE });
		const c = compareModels(before, after);
		expect(c.noChange).toBe(false);
		expect(c.questions.find((q) => q.questionId === 'q-cc6')).toMatchObject({
			status: 'improved',
			before: { value: 1 },
			after: { value: 3 }
		});
		const gap = c.gaps.find((g) => g.questionId === 'q-cc6')!;
		expect(gap).toMatchObject({ status: 'better', levelBefore: 1, levelAfter: 3 });
		// At level 3 the design gap is closed; what is left is the operation gap (target 4).
		expect(before.gaps.find((g) => g.questionId === 'q-cc6')!.target).toBe(3);
		expect(c.plan.noLongerNeeded.map((p) => p.id)).toContain('q-cc6.design');
		expect(c.summary).toMatch(/^Readiness \d+ %, up from \d+ % on 3 March 2026\.$/);
		expect(c.scores.overall.change).toBeGreaterThan(0);
	});

	it.each<[string, MaturityValue, MaturityValue, string, string]>([
		['closed: operating', 1, 4, 'improved', 'closed'],
		['new: fell back', 4, 1, 'worse', 'new'],
		['better: a higher level in the same gap', 0, 2, 'improved', 'better'],
		['worse: a lower level in the same gap', 2, 0, 'worse', 'worse'],
		['still open', 2, 2, 'unchanged', 'still-open']
	])('%s', (_name, from, to, questionStatus, gapStatus) => {
		const c = compareModels(
			model({ ...base, answers: { ...base.answers, 'q-cc7': from }, date: MARCH }),
			model({ ...base, answers: { ...base.answers, 'q-cc7': to }, date: JUNE })
		);
		expect(c.questions.find((q) => q.questionId === 'q-cc7')!.status).toBe(questionStatus);
		expect(c.gaps.find((g) => g.questionId === 'q-cc7')?.status).toBe(gapStatus);
	});

	it('a category dropped takes its gaps out of scope: "left scope", never "closed"', () => {
		const c = compareModels(
			model({ ...base, date: MARCH }),
			model({ ...base, categories: [], date: JUNE })
		);
		expect(c.questions.find((q) => q.questionId === 'q-a1')!.status).toBe('left-scope');
		expect(c.gaps.find((g) => g.questionId === 'q-a1')).toMatchObject({
			status: 'left-scope',
			before: expect.any(String),
			after: null
		});
		expect(c.gaps.some((g) => g.status === 'closed')).toBe(false);
		expect(c.areas.find((a) => a.area === 'A1')).toMatchObject({
			status: 'left-scope',
			after: null,
			change: null
		});
		// A gap that left scope is not a move to "closed".
		expect(c.riskMoves.some((m) => m.to === 'closed')).toBe(false);
	});

	it('a question ruled out by a changed profile answer left scope; one ruled in entered it', () => {
		const out = compareModels(
			model({ ...base, date: MARCH }),
			model({ ...base, profile: { 'profile.type2-demand': false }, date: JUNE })
		);
		expect(out.questions.find((q) => q.questionId === 'q-office')!.status).toBe('left-scope');
		expect(out.gaps.find((g) => g.questionId === 'q-office')!.status).toBe('left-scope');
		const back = compareModels(
			model({ ...base, profile: { 'profile.type2-demand': false }, date: MARCH }),
			model({ ...base, date: JUNE })
		);
		expect(back.questions.find((q) => q.questionId === 'q-office')!.status).toBe('entered-scope');
		expect(back.gaps.find((g) => g.questionId === 'q-office')!.status).toBe('new');
	});

	it('a change of bank is stated: a question added, one removed, one reworded', () => {
		const later = bank([
			...QUESTIONS.filter((q) => q.id !== 'q-cc1').map((q) =>
				q.id === 'q-cc7' ? { ...q, prompt: 'Reworded?' } : q
			),
			question('q-new', 'CC8')
		]);
		later.version = 'test-2';
		const c = compareModels(
			model({ ...base, date: MARCH }),
			model({ ...base, answers: { ...base.answers, 'q-new': 2 }, date: JUNE }, later)
		);
		expect(c.bank).toMatchObject({
			changed: true,
			added: ['q-new'],
			removed: ['q-cc1'],
			reworded: ['q-cc7']
		});
		expect(c.bank.note).toBe(
			'The question bank changed between the two assessments (version test-1 to test-2): 1 question added, 1 question removed, 1 question reworded. Scores are compared as computed at each date.'
		);
		expect(c.questions.find((q) => q.questionId === 'q-cc1')!.status).toBe('removed-question');
		// The removed question's gap is not reported as closed.
		expect(c.gaps.find((g) => g.questionId === 'q-cc1')!.status).toBe('left-scope');
		expect(c.questions.find((q) => q.questionId === 'q-new')!.status).toBe('new-question');
	});

	it('plan actions ticked done since are listed as completed', () => {
		const c = compareModels(
			model({ ...base, date: MARCH }),
			model({ ...base, planOverrides: { 'q-cc6.design': { done: true } }, date: JUNE })
		);
		expect(c.plan.completed).toEqual([{ id: 'q-cc6.design', action: 'Do q-cc6.design' }]);
	});

	it('says how the recommendation and its dates moved', () => {
		const before = model({ ...base, date: MARCH });
		const after = structuredClone(before);
		after.recommendation = {
			...before.recommendation,
			type: 'type1-then-type2',
			windowStart: '2026-04-20',
			type1Date: '2026-04-20',
			expectedReportDate: '2026-05-20'
		};
		const moved = structuredClone(before);
		moved.recommendation = {
			...before.recommendation,
			type: 'remediate-first',
			windowStart: '2026-06-01',
			type1Date: null,
			expectedReportDate: '2026-07-01'
		};
		const c = compareModels(moved, after);
		expect(c.recommendation).toEqual({
			before: 'Remediate first, then reassess',
			after: 'Type I first, then Type II',
			changes: [
				'The recommendation changed from “Remediate first, then reassess” to “Type I first, then Type II”.',
				'The window start moved 6 weeks earlier (from 1 June 2026 to 20 April 2026).',
				'The Type I as-of date is now 20 April 2026 (there was none before).',
				'The expected report moved 6 weeks earlier (from 1 July 2026 to 20 May 2026).'
			]
		});
	});

	it('the summary line says the readiness and the date compared with', () => {
		const before = model({ ...base, date: MARCH });
		const after = structuredClone(before);
		before.score.overall = 42;
		after.score.overall = 68;
		after.assessment.assessmentDate = JUNE;
		expect(compareModels(before, after).summary).toBe(
			'Readiness 68 %, up from 42 % on 3 March 2026.'
		);
		expect(compareModels(after, before).summary).toBe(
			'Readiness 42 %, down from 68 % on 9 June 2026.'
		);
	});

	it('spans read as weeks when whole, days otherwise', () => {
		expect(spanWords(42)).toBe('6 weeks');
		expect(spanWords(-14)).toBe('2 weeks');
		expect(spanWords(10)).toBe('10 days');
		expect(spanWords(7)).toBe('7 days');
		expect(spanWords(1)).toBe('1 day');
	});

	it('is a mirror: what closed one way opened the other way, for any answers', () => {
		const value = fc.constantFrom<MaturityValue | null>(0, 1, 2, 3, 4, 5, 'unknown', 'na', null);
		const answers = fc.record({
			'q-cc1': value,
			'q-cc6': value,
			'q-cc7': value,
			'q-a1': value,
			'q-office': value
		});
		const side = fc.record({
			answers,
			availability: fc.boolean(),
			demand: fc.boolean()
		});
		const build = (
			s: { answers: Record<string, MaturityValue | null>; availability: boolean; demand: boolean },
			date: string
		) =>
			model({
				answers: s.answers,
				categories: s.availability ? ['availability'] : [],
				profile: { 'profile.type2-demand': s.demand },
				date
			});
		const mirror: Record<string, string> = {
			closed: 'new',
			new: 'closed',
			better: 'worse',
			worse: 'better',
			'still-open': 'still-open'
		};
		fc.assert(
			fc.property(side, side, (x, y) => {
				const a = build(x, MARCH);
				const z = build(y, JUNE);
				const ab = compareModels(a, z);
				const ba = compareModels(z, a);
				for (const g of ab.gaps) {
					const other = ba.gaps.find((h) => h.questionId === g.questionId);
					const entered =
						ab.questions.find((q) => q.questionId === g.questionId)!.status === 'entered-scope';
					if (g.status === 'left-scope') {
						// Out of scope later: the other way round it entered scope (a new gap, if any).
						expect(other === undefined || other.status === 'new').toBe(true);
					} else if (entered) {
						// A gap of a question that entered scope left scope the other way round.
						expect(other?.status).toBe('left-scope');
					} else {
						expect(other?.status).toBe(mirror[g.status]);
					}
				}
				// Every gap on either side is accounted for.
				for (const g of [...a.gaps, ...z.gaps])
					expect(ab.gaps.some((h) => h.questionId === g.questionId)).toBe(true);
				expect(ab.scores.overall.change + ba.scores.overall.change).toBe(0);
			}),
			{ seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31), verbose: 1, numRuns: 150 }
		);
	});
});

describe('areaTrend', () => {
	it('gives each area its score per assessment, oldest first, null when out of scope', () => {
		const m1 = model({ ...base, date: '2026-01-10' });
		const m2 = model({ ...base, answers: { ...base.answers, 'q-a1': 3 }, date: '2026-02-10' });
		const m3 = model({ ...base, categories: [], date: '2026-03-10' });
		const trend = areaTrend([m3, m1, m2]);
		const a1 = trend.find((t) => t.area === 'A1')!;
		expect(a1.points.map((p) => p.date)).toEqual(['2026-01-10', '2026-02-10', '2026-03-10']);
		expect(a1.points[0]!.score).not.toBeNull();
		expect(a1.points[1]!.score!).toBeGreaterThan(a1.points[0]!.score!);
		expect(a1.points[2]!.score).toBeNull();
	});
});

describe('comparisonRows', () => {
	it('a row per question in scope on either date, then a row per gap', () => {
		const c = compareModels(
			model({ ...base, date: MARCH }),
			model({ ...base, answers: { ...base.answers, 'q-cc7': 4 }, categories: [], date: JUNE })
		);
		const { header, rows } = comparisonRows(c);
		expect(header).toEqual([
			'Row',
			'Question id',
			'Area',
			'Title',
			'Before (2026-03-03)',
			'After (2026-06-09)',
			'Change',
			'Reworded'
		]);
		expect(rows).toContainEqual([
			'Question',
			'q-cc7',
			'CC7',
			'q-cc7 title',
			'Implemented (3)',
			'Operating (4)',
			'Improved',
			''
		]);
		expect(rows.find((r) => r[0] === 'Question' && r[1] === 'q-a1')![6]).toBe('Left scope');
		expect(rows.find((r) => r[0] === 'Gap' && r[1] === 'q-a1')![6]).toBe(
			'No longer assessed (left scope)'
		);
		expect(rows.find((r) => r[0] === 'Gap' && r[1] === 'q-cc7')![6]).toBe('Closed');
		// A gap's cells say its band and level in words; a closed gap says so on the later date.
		expect(rows.find((r) => r[0] === 'Gap' && r[1] === 'q-cc7')!.slice(4, 6)).toEqual([
			expect.stringMatching(/^(Critical|High|Medium|Low) risk, level 3$/),
			'no gap'
		]);
		expect(rows.find((r) => r[0] === 'Gap' && r[1] === 'q-a1')![5]).toBe('not assessed');
		expect(rows.every((r) => r.length === header.length)).toBe(true);
	});
});
