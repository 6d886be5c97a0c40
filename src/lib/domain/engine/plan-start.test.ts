import { describe, expect, it } from 'vitest';
import { PLAN_START_RULE, planStartHint, planStartOf } from './plan-start';
import { assessment } from './testing';

const TODAY = '2026-11-28';

describe('plan start: the rule and the hint that explains it', () => {
	it.each([
		['empty, assessment date in the future', null, '2026-12-10', '2026-12-10'],
		['empty, assessment date passed → today', null, '2026-01-10', TODAY],
		['set in the future', '2027-01-04', '2026-01-10', '2027-01-04'],
		['set in the past → today', '2026-02-01', '2026-01-10', TODAY]
	])('%s', (_n, planStartDate, assessmentDate, expected) => {
		const a = assessment({ planStartDate, assessmentDate });
		expect(planStartOf(a, TODAY)).toBe(expected);
		// The hint shown on the Start stage names the date the engine really uses.
		expect(planStartHint(a, TODAY)).toMatch(
			new RegExp(`The plan starts on ${Number(expected.slice(8))} \\w+ ${expected.slice(0, 4)}\\.$`)
		);
	});

	it('states both cases the engine applies, not only "empty: the assessment date"', () => {
		expect(PLAN_START_RULE).toMatch(/Empty: the assessment date/);
		expect(PLAN_START_RULE).toMatch(/already passed.*counts as today/);
	});
});
