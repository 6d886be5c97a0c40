import { describe, expect, it } from 'vitest';
import { diffDays } from '../dates';
import type { Criticality, MaturityLevel, MaturityValue, PlanAction } from '../types';
import { buildReportModel } from './index';
import { EFFORT_DAYS, PARALLEL_ACTIONS_PER_OWNER } from './methodology';
import { assessment, bank, question, template } from './testing';

const TODAY = '2026-03-02';
const START = '2026-03-02';

function byId(plan: PlanAction[]): Record<string, PlanAction> {
	return Object.fromEntries(plan.map((p) => [p.id, p]));
}

function day(iso: string): number {
	return diffDays(START, iso);
}

describe('which templates become actions', () => {
	const q = question('q', 'CC1', {
		remediation: [
			template('q.basic', { appliesBelow: 2 }),
			template('q.design', { appliesBelow: 3 }),
			template('q.operate', { appliesBelow: 4 }),
			template('q.improve', { appliesBelow: 5 })
		]
	});
	const b = bank([q]);

	it.each<[MaturityValue | null, string[]]>([
		[0, ['q.basic', 'q.design', 'q.operate', 'q.improve']],
		['unknown', ['q.basic', 'q.design', 'q.operate', 'q.improve']],
		[null, ['q.basic', 'q.design', 'q.operate', 'q.improve']],
		[1, ['q.basic', 'q.design', 'q.operate', 'q.improve']],
		[2, ['q.design', 'q.operate', 'q.improve']],
		[3, ['q.operate', 'q.improve']],
		[4, []],
		[5, []],
		['na', []]
	])('at %s: %j', (value, ids) => {
		const m = buildReportModel(b, assessment({ answers: { q: value } }), TODAY);
		expect(m.plan.map((p) => p.id).sort()).toEqual([...ids].sort());
	});

	it('defaults appliesBelow to 3', () => {
		const b2 = bank([
			question('x', 'CC1', { remediation: [template('x.t', { appliesBelow: undefined })] })
		]);
		expect(
			buildReportModel(b2, assessment({ answers: { x: 2 } }), TODAY).plan.map((p) => p.id)
		).toEqual(['x.t']);
		expect(buildReportModel(b2, assessment({ answers: { x: 3 } }), TODAY).plan).toEqual([]);
	});

	it('merges a template shared by several gaps into one action with the highest risk', () => {
		const shared = template('shared.policy', { appliesBelow: 3 });
		const b2 = bank([
			question('a', 'CC1', { criticality: 5, criteria: ['CC1.1'], remediation: [shared] }),
			question('b', 'CC2', { criticality: 1, criteria: ['CC2.1'], remediation: [shared] })
		]);
		const m = buildReportModel(b2, assessment({ answers: { a: 0, b: 2 } }), TODAY);
		expect(m.plan).toHaveLength(1);
		expect(m.plan[0]).toMatchObject({
			id: 'shared.policy',
			gapIds: ['gap-a', 'gap-b'],
			questionIds: ['a', 'b'],
			criteria: ['CC1.1', 'CC2.1'],
			risk: 'critical'
		});
	});

	it('copies action, acceptance, evidence, effort and quick-win from the template', () => {
		const b2 = bank([
			question('a', 'CC1', {
				remediation: [
					template('a.t', {
						action: 'Write it',
						effort: 'L',
						quickWin: true,
						acceptance: ['x'],
						evidence: ['y']
					})
				]
			})
		]);
		const [p] = buildReportModel(b2, assessment({ answers: { a: 0 } }), TODAY).plan;
		expect(p).toMatchObject({
			action: 'Write it',
			effort: 'L',
			quickWin: true,
			acceptance: ['x'],
			evidence: ['y'],
			done: false
		});
	});
});

describe('owner roles and done actions', () => {
	const b = bank([question('a', 'CC1'), question('b', 'CC1')]);

	it('applies per-assessment owner overrides', () => {
		const m = buildReportModel(
			b,
			assessment({
				answers: { a: 0, b: 0 },
				planOverrides: { 'a.design': { ownerRole: '  Jane (CTO) ' } }
			}),
			TODAY
		);
		expect(byId(m.plan)['a.design']!.ownerRole).toBe('Jane (CTO)');
		expect(byId(m.plan)['b.design']!.ownerRole).toBe('Engineering');
	});

	it('keeps done actions for tracking but schedules no time for them and unblocks dependants', () => {
		const m = buildReportModel(
			b,
			assessment({ answers: { a: 0, b: 0 }, planOverrides: { 'a.design': { done: true } } }),
			TODAY
		);
		const p = byId(m.plan);
		expect(p['a.design']).toMatchObject({ done: true, start: START, due: START });
		expect(m.plan.at(-1)!.id).toBe('a.design');
		expect(m.starterPlan).not.toContain('a.design');
		// a.operate depended on a.design (same question) and may now start on day 0.
		expect(p['a.operate']!.dependsOn).toEqual(['a.design']);
		expect(day(p['a.operate']!.start)).toBe(0);
	});
});

describe('dependencies', () => {
	it('never starts a dependant before the day after its prerequisites are due', () => {
		const b = bank([
			question('base', 'CC1', {
				criticality: 1,
				remediation: [template('base.t', { effort: 'L' })]
			}),
			question('top', 'CC6', {
				criticality: 5,
				remediation: [
					template('top.t', { dependsOn: ['base.t'] }),
					template('top.op', { appliesBelow: 4 })
				]
			})
		]);
		const m = buildReportModel(b, assessment({ answers: { base: 0, top: 0 } }), TODAY);
		const p = byId(m.plan);
		expect(p['top.t']!.dependsOn).toEqual(['base.t']);
		expect(diffDays(p['base.t']!.due, p['top.t']!.start)).toBeGreaterThanOrEqual(1);
		// implicit: running it on schedule depends on designing it
		expect(p['top.op']!.dependsOn).toEqual(['top.t']);
		expect(p['top.op']!.start > p['top.t']!.due).toBe(true);
		// the low-risk prerequisite inherits the urgency of the critical action: it starts on day 0
		expect(day(p['base.t']!.start)).toBe(0);
	});

	it('ignores dependencies on actions that are not in the plan', () => {
		const b = bank([
			question('done', 'CC1', { remediation: [template('done.t')] }),
			question('x', 'CC1', { remediation: [template('x.t', { dependsOn: ['done.t', 'nowhere'] })] })
		]);
		const m = buildReportModel(b, assessment({ answers: { done: 4, x: 0 } }), TODAY);
		expect(m.plan.map((p) => [p.id, p.dependsOn])).toEqual([['x.t', []]]);
	});

	it('breaks a dependency cycle instead of hanging', () => {
		const b = bank([
			question('x', 'CC1', { remediation: [template('x.t', { dependsOn: ['y.t'] })] }),
			question('y', 'CC1', { remediation: [template('y.t', { dependsOn: ['x.t'] })] })
		]);
		const m = buildReportModel(b, assessment({ answers: { x: 0, y: 0 } }), TODAY);
		expect(m.plan.map((p) => p.id).sort()).toEqual(['x.t', 'y.t']);
	});
});

describe('scheduling', () => {
	it.each<[string, Criticality, MaturityLevel, number]>([
		['critical', 5, 0, 0],
		['high', 3, 1, 0], // 4 × 3 = 12
		['medium', 3, 2, 0], // 3 × 3 = 9
		['low', 1, 2, 90] // 3 × 1 = 3
	])('a %s gap starts no earlier than its release day', (risk, criticality, level, release) => {
		const b = bank([question('q', 'CC1', { criticality, remediation: [template('q.t')] })]);
		const m = buildReportModel(b, assessment({ answers: { q: level } }), TODAY);
		expect(m.gaps[0]!.risk).toBe(risk);
		expect(day(m.plan[0]!.start)).toBe(release);
		expect(m.plan[0]!.phase).toBe(release === 0 ? '0-30' : 'later');
	});

	it('lets quick wins start at once unless they are low risk', () => {
		const b = bank([
			question('m', 'CC1', { criticality: 3, remediation: [template('m.t', { quickWin: true })] }),
			question('l', 'CC1', { criticality: 1, remediation: [template('l.t', { quickWin: true })] })
		]);
		const p = byId(buildReportModel(b, assessment({ answers: { m: 2, l: 2 } }), TODAY).plan);
		expect(day(p['m.t']!.start)).toBe(0);
		expect(day(p['l.t']!.start)).toBe(90);
	});

	it('sets the due date from the effort in calendar days', () => {
		const b = bank(
			(['S', 'M', 'L'] as const).map((e) =>
				question(e, 'CC6', {
					criticality: 5,
					remediation: [template(`${e}.t`, { effort: e, ownerRole: e })]
				})
			)
		);
		const p = byId(buildReportModel(b, assessment({ answers: { S: 0, M: 0, L: 0 } }), TODAY).plan);
		for (const e of ['S', 'M', 'L'] as const) {
			expect(diffDays(p[`${e}.t`]!.start, p[`${e}.t`]!.due)).toBe(EFFORT_DAYS[e] - 1);
		}
	});

	it(`runs at most ${PARALLEL_ACTIONS_PER_OWNER} actions per owner at a time, quick wins first`, () => {
		const n = PARALLEL_ACTIONS_PER_OWNER + 2;
		const names = Array.from({ length: n }, (_, i) => `a${i}`);
		const b = bank(
			names.map((id, i) =>
				question(id, 'CC6', {
					criticality: 5,
					remediation: [template(`${id}.t`, { quickWin: i === n - 1, ownerRole: 'Ops' })]
				})
			)
		);
		const m = buildReportModel(
			b,
			assessment({ answers: Object.fromEntries(names.map((id) => [id, 0])) }),
			TODAY
		);
		const starts = m.plan.map((p) => [p.id, day(p.start)]);
		// the quick win (last in the bank) goes first; the last two wait one effort (7 days)
		expect(starts).toEqual([
			[`a${n - 1}.t`, 0],
			...names.slice(0, PARALLEL_ACTIONS_PER_OWNER - 1).map((id) => [`${id}.t`, 0]),
			...names.slice(PARALLEL_ACTIONS_PER_OWNER - 1, n - 1).map((id) => [`${id}.t`, EFFORT_DAYS.S])
		]);
		// other owners are not held up
		const b2 = bank(
			['a', 'b', 'c'].map((id) =>
				question(id, 'CC6', {
					criticality: 5,
					remediation: [template(`${id}.t`, { ownerRole: id })]
				})
			)
		);
		expect(
			buildReportModel(b2, assessment({ answers: { a: 0, b: 0, c: 0 } }), TODAY).plan.every(
				(p) => p.start === START
			)
		).toBe(true);
	});

	it('puts improvements beyond the target later', () => {
		const b = bank([
			question('q', 'CC6', {
				criticality: 5,
				remediation: [template('q.improve', { appliesBelow: 5, quickWin: true })]
			})
		]);
		const [p] = buildReportModel(b, assessment({ answers: { q: 3 } }), TODAY).plan;
		expect(p!.phase).toBe('later');
	});

	it.each<[string, string | null, string, string]>([
		['a future plan start date', '2026-04-01', '2026-02-10', '2026-04-01'],
		['a future assessment date', null, '2026-03-20', '2026-03-20'],
		[
			'a past plan start date (open work cannot start in the past)',
			'2026-01-05',
			'2026-01-05',
			TODAY
		],
		['a past assessment date', null, '2026-02-10', TODAY]
	])('schedules from %s', (_n, planStartDate, assessmentDate, expected) => {
		const b = bank([question('q', 'CC6', { criticality: 5 })]);
		const m = buildReportModel(
			b,
			assessment({ answers: { q: 0 }, planStartDate, assessmentDate }),
			TODAY
		);
		expect(m.plan[0]!.start).toBe(expected);
		expect(m.assessment.planStartDate).toBe(expected);
	});

	it('lists the open first-phase actions as the starter plan', () => {
		const b = bank([
			question('c', 'CC6', { criticality: 5 }),
			question('l', 'CC1', { criticality: 1 })
		]);
		const m = buildReportModel(b, assessment({ answers: { c: 0, l: 2 } }), TODAY);
		expect(m.starterPlan).toEqual(
			m.plan.filter((p) => p.phase === '0-30' && !p.done).map((p) => p.id)
		);
		expect(m.starterPlan).toContain('c.design');
		expect(m.starterPlan).not.toContain('l.design');
	});

	it('orders the plan by start date and keeps every dependant after its prerequisites', () => {
		const b = bank([
			question('a', 'CC6', { criticality: 5 }),
			question('b', 'CC1', {
				criticality: 3,
				remediation: [template('b.t', { dependsOn: ['a.operate'] })]
			}),
			question('c', 'CC2', { criticality: 2 })
		]);
		const m = buildReportModel(b, assessment({ answers: { a: 0, b: 1, c: 0 } }), TODAY);
		const starts = m.plan.map((p) => p.start);
		expect([...starts].sort()).toEqual(starts);
		const p = byId(m.plan);
		for (const action of m.plan) {
			for (const dep of action.dependsOn)
				expect(action.start > p[dep]!.due, `${action.id} after ${dep}`).toBe(true);
		}
	});
});
