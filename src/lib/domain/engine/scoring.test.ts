import { describe, expect, it } from 'vitest';
import type { MaturityValue } from '../types';
import { buildReportModel } from './index';
import { levelOf, questionStates } from './scoring';
import { answer, assessment, bank, question } from './testing';

const TODAY = '2026-03-02';

describe('answer → scoring level', () => {
	it.each<[MaturityValue | null, number | null]>([
		[0, 0],
		[1, 1],
		[3, 3],
		[5, 5],
		['unknown', 0],
		[null, 0],
		['na', null]
	])('%s scores as %s', (value, level) => {
		expect(levelOf(value)).toBe(level);
	});

	it.each<[MaturityValue | null | undefined, 'unknown' | 'unanswered' | null]>([
		[2, null],
		['unknown', 'unknown'],
		[null, 'unanswered'],
		[undefined, 'unanswered'],
		['na', null]
	])('flags %s as %s', (value, flag) => {
		const b = bank([question('q1', 'CC1')]);
		const a = assessment({ answers: value === undefined ? {} : { q1: value } });
		const [s] = questionStates(b, a);
		expect(s!.flagged).toBe(flag);
	});

	it('treats an invalid stored value as unanswered', () => {
		const b = bank([question('q1', 'CC1')]);
		const a = assessment({ answers: { q1: answer(7 as never) } });
		const m = buildReportModel(b, a, TODAY);
		expect(m.score.byQuestion[0]).toMatchObject({ value: null, level: 0, flagged: 'unanswered' });
	});
});

describe('weighted scores', () => {
	const b = bank([
		question('q1', 'CC1', { weight: 1 }),
		question('q2', 'CC1', { weight: 3 }),
		question('q3', 'CC6', { weight: 2, criteria: ['CC6.1'] })
	]);

	it.each<[string, Record<string, MaturityValue | null>, number]>([
		['all 5', { q1: 5, q2: 5, q3: 5 }, 100],
		['all 0', { q1: 0, q2: 0, q3: 0 }, 0],
		// (1·5 + 3·0 + 2·0) / (6·5) = 16.7 %
		['only the light question done', { q1: 5, q2: 0, q3: 0 }, 17],
		// (1·0 + 3·5 + 2·0) / 30 = 50 %
		['the heavy question done', { q1: 0, q2: 5, q3: 0 }, 50],
		// q3 N/A: (1·3 + 3·3)/(4·5) = 60 %
		['N/A excluded', { q1: 3, q2: 3, q3: 'na' }, 60],
		// unknown counts as 0: (1·5 + 3·0 + 2·5)/30 = 50 %
		['unknown counts as 0', { q1: 5, q2: 'unknown', q3: 5 }, 50],
		['unanswered counts as 0', { q1: 5, q2: null, q3: 5 }, 50]
	])('%s → overall %i', (_name, answers, overall) => {
		const m = buildReportModel(b, assessment({ answers }), TODAY);
		expect(m.score.overall).toBe(overall);
	});

	it('computes Type I (≥3) and Type II (≥4) readiness as weighted shares', () => {
		const m = buildReportModel(b, assessment({ answers: { q1: 4, q2: 3, q3: 2 } }), TODAY);
		// ≥3: q1 + q2 = 4 of 6; ≥4: q1 = 1 of 6
		expect(m.score.type1Readiness).toBe(67);
		expect(m.score.type2Readiness).toBe(17);
		const cc1 = m.score.byArea.find((x) => x.area === 'CC1')!;
		expect(cc1).toMatchObject({
			score: 65,
			type1Readiness: 100,
			type2Readiness: 25,
			answered: 2,
			total: 2
		});
	});

	it('scores a question as level / 5 × 100 and keeps its weight', () => {
		const m = buildReportModel(b, assessment({ answers: { q1: 3, q2: 'na' } }), TODAY);
		expect(m.score.byQuestion.map((q) => [q.questionId, q.score, q.weight])).toEqual([
			['q1', 60, 1],
			['q2', null, 3],
			['q3', 0, 2]
		]);
	});

	it('counts applicable, answered, unanswered, unknown, N/A and skipped questions', () => {
		const b2 = bank([
			question('q1', 'CC1'),
			question('q2', 'CC1'),
			question('q3', 'CC1'),
			question('q4', 'CC1'),
			question('p1', 'P'),
			question('q5', 'CC1', { when: { answer: 'scope.offices', in: ['own-offices'] } })
		]);
		const m = buildReportModel(
			b2,
			assessment({ answers: { q1: 2, q2: 'unknown', q3: 'na' } }),
			TODAY
		);
		expect(m.score.counts).toEqual({
			applicable: 4,
			answered: 3,
			unanswered: 1,
			unknown: 1,
			na: 1,
			skipped: 2,
			// One for a category not selected (Privacy), one ruled out by the answers (offices).
			skippedNotSelected: 1,
			skippedByAnswers: 1
		});
		expect(m.skipped.map((s) => s.questionId)).toEqual(['p1', 'q5']);
		expect(m.skipped[0]!.reason).toMatch(/Privacy is not in scope/);
	});

	it('has no areas of unselected categories and scores selected ones', () => {
		const b2 = bank([question('q1', 'CC1'), question('a1', 'A1'), question('p1', 'P')]);
		const m = buildReportModel(
			b2,
			assessment({ categories: ['availability'], answers: { q1: 5, a1: 0 } }),
			TODAY
		);
		expect(m.tsc).toEqual(['security', 'availability']);
		expect(m.score.byArea.map((x) => x.area)).toEqual([
			'CC1',
			'CC2',
			'CC3',
			'CC4',
			'CC5',
			'CC6',
			'CC7',
			'CC8',
			'CC9',
			'A1'
		]);
		expect(m.score.byArea.find((x) => x.area === 'CC2')!.score).toBeNull();
		expect(m.score.byArea.find((x) => x.area === 'A1')!.score).toBe(0);
		expect(m.score.overall).toBe(50);
	});
});

describe('criteria', () => {
	const b = bank([
		question('q1', 'CC6', { criteria: ['CC6.1'], weight: 1 }),
		question('q2', 'CC6', { criteria: ['CC6.1', 'CC7.1'], weight: 1 }),
		question('q3', 'CC7', { criteria: ['CC7.1'], weight: 2 })
	]);

	it.each<[string, Record<string, MaturityValue>, Record<string, [boolean, boolean]>]>([
		['all operating', { q1: 4, q2: 5, q3: 4 }, { 'CC6.1': [true, true], 'CC7.1': [true, true] }],
		[
			'one question designed only',
			{ q1: 4, q2: 3, q3: 4 },
			{ 'CC6.1': [true, false], 'CC7.1': [true, false] }
		],
		[
			'one question below design',
			{ q1: 2, q2: 5, q3: 5 },
			{ 'CC6.1': [false, false], 'CC7.1': [true, true] }
		]
	])('%s → design / operating readiness by the lowest level', (_n, answers, expected) => {
		const m = buildReportModel(b, assessment({ answers }), TODAY);
		for (const [id, [design, operating]] of Object.entries(expected)) {
			const c = m.score.byCriterion.find((x) => x.criterionId === id)!;
			expect([c.designReady, c.operatingReady]).toEqual([design, operating]);
		}
	});

	it('averages every question naming the criterion and keeps its minimum', () => {
		const m = buildReportModel(b, assessment({ answers: { q1: 4, q2: 2, q3: 5 } }), TODAY);
		const c71 = m.score.byCriterion.find((x) => x.criterionId === 'CC7.1')!;
		// (1·2 + 2·5) / 3 = 4
		expect(c71).toMatchObject({ level: 4, score: 80, minLevel: 2, questionIds: ['q2', 'q3'] });
	});

	it('leaves a criterion whose questions are all N/A unassessed', () => {
		const m = buildReportModel(b, assessment({ answers: { q1: 'na', q2: 'na', q3: 3 } }), TODAY);
		const c61 = m.score.byCriterion.find((x) => x.criterionId === 'CC6.1')!;
		expect(c61).toMatchObject({ score: null, level: null, minLevel: null, designReady: false });
	});
});
