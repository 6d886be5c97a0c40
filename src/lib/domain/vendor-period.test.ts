import { describe, expect, it } from 'vitest';
import type { Recommendation, TimelineStep } from './types';
import { assessmentWindowEnd, vendorPeriodCheck } from './vendor-period';

const window = (start: string, end: string): TimelineStep => ({
	kind: 'window',
	label: 'Observation window',
	start,
	end
});
const rec = (
	timeline: TimelineStep[],
	type1Date: string | null = null
): Pick<Recommendation, 'timeline' | 'type1Date'> => ({ timeline, type1Date });

describe('the window a vendor report is compared with', () => {
	it('is the end of the Type II window, else the Type I as-of date, else none', () => {
		expect(assessmentWindowEnd(rec([window('2026-04-01', '2026-06-30')], '2026-03-15'))).toBe(
			'2026-06-30'
		);
		expect(assessmentWindowEnd(rec([], '2026-03-15'))).toBe('2026-03-15');
		expect(assessmentWindowEnd(rec([]))).toBeNull();
	});
});

describe('vendorPeriodCheck', () => {
	const r = rec([window('2026-04-01', '2026-09-30')]);
	it.each<[string, string | null, string, number | null]>([
		['ends on your window end', '2026-09-30', 'covered', 0],
		['ends after your window', '2026-12-31', 'covered', -92],
		['ends exactly three months before', '2026-06-30', 'covered', 92],
		['ends a day more than three months before', '2026-06-29', 'bridge-letter', 93],
		['ends a year before', '2025-09-30', 'bridge-letter', 365],
		['not recorded', null, 'period-unknown', null]
	])('a vendor period that %s', (_n, end, status, gap) => {
		const c = vendorPeriodCheck(end, r);
		expect(c.status).toBe(status);
		expect(c.gapDays).toBe(gap);
		if (status === 'bridge-letter') expect(c.text).toMatch(/^Ask the vendor for a bridge letter/);
	});

	it('compares with a Type I as-of date when there is no window', () => {
		const t1 = rec([], '2026-05-31');
		expect(vendorPeriodCheck('2026-03-01', t1).status).toBe('covered');
		expect(vendorPeriodCheck('2026-02-27', t1).status).toBe('bridge-letter');
		expect(vendorPeriodCheck('2026-02-28', t1).status).toBe('covered');
	});

	it('says so when nothing is planned yet', () => {
		expect(vendorPeriodCheck('2026-01-01', rec([])).status).toBe('no-window');
	});

	it('treats an invalid date as not recorded', () => {
		expect(vendorPeriodCheck('2026-02-30', r).status).toBe('period-unknown');
	});
});
