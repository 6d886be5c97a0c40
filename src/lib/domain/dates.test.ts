import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	addDays,
	addMonths,
	compareDates,
	daysInMonth,
	diffDays,
	formatDate,
	fromDayNumber,
	isIsoDate,
	isIsoTimestamp,
	isMonthEnd,
	latestPeriodStart,
	localIsoDate,
	maxDate,
	minDate,
	periodEnd,
	toDayNumber,
	shortDate
} from './dates';

/** Reference implementation through the platform's UTC calendar (test only). */
function utcAddDays(iso: string, n: number): string {
	const t = Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000;
	return new Date(t).toISOString().slice(0, 10);
}

const isoDateArb = fc
	.date({
		min: new Date('1901-01-01T00:00:00Z'),
		max: new Date('2199-12-31T00:00:00Z'),
		noInvalidDate: true
	})
	.map((d) => d.toISOString().slice(0, 10));

describe('isIsoDate', () => {
	it.each([
		['2026-03-01', true],
		['2024-02-29', true],
		['2025-02-29', false],
		['1900-02-29', false],
		['2000-02-29', true],
		['2026-04-31', false],
		['2026-13-01', false],
		['2026-00-10', false],
		['2026-1-01', false],
		['2026-01-01T00:00:00Z', false],
		['', false],
		[20260101, false],
		[null, false]
	])('%s → %s', (value, ok) => {
		expect(isIsoDate(value)).toBe(ok);
	});
});

describe('isIsoTimestamp', () => {
	it.each([
		['2026-03-31T09:30:00.000Z', true],
		['2026-03-31T09:30:00Z', true],
		['2026-03-31T09:30:00+02:00', true],
		['2024-02-29T23:59:59.999Z', true],
		['2026-02-30T10:00:00.000Z', false],
		['2026-02-29T10:00:00.000Z', false],
		['2026-04-31T00:00:00Z', false],
		['2026-03-31T24:00:00Z', false],
		['2026-03-31', false],
		['2026-03-31T09:30:00', false],
		['', false],
		[1_700_000_000_000, false],
		[null, false]
	])('%s → %s', (value, ok) => {
		expect(isIsoTimestamp(value)).toBe(ok);
	});

	it('accepts what Date#toISOString writes for any real instant', () => {
		fc.assert(
			fc.property(
				fc.date({
					min: new Date('1901-01-01T00:00:00Z'),
					max: new Date('2199-12-31T23:59:59Z'),
					noInvalidDate: true
				}),
				(d) => {
					expect(isIsoTimestamp(d.toISOString())).toBe(true);
				}
			)
		);
	});
});

describe('day numbers', () => {
	it.each([
		['1970-01-01', 0],
		['1970-01-02', 1],
		['1969-12-31', -1],
		['2000-03-01', 11017],
		['2026-03-01', 20513]
	])('%s is day %i', (iso, n) => {
		expect(toDayNumber(iso)).toBe(n);
		expect(fromDayNumber(n)).toBe(iso);
	});

	it('round-trips and agrees with the UTC calendar', () => {
		fc.assert(
			fc.property(isoDateArb, (iso) => {
				expect(fromDayNumber(toDayNumber(iso))).toBe(iso);
				expect(toDayNumber(iso)).toBe(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
			})
		);
	});

	it('rejects invalid dates loudly', () => {
		expect(() => toDayNumber('2025-02-30')).toThrow(/Not an ISO date/);
		expect(() => addDays('tomorrow', 1)).toThrow(RangeError);
	});
});

describe('addDays / diffDays', () => {
	it.each([
		['2026-01-31', 1, '2026-02-01'],
		['2024-02-28', 1, '2024-02-29'],
		['2025-02-28', 1, '2025-03-01'],
		['2026-12-31', 1, '2027-01-01'],
		['2026-03-01', -1, '2026-02-28'],
		['2026-03-29', 7, '2026-04-05'], // across a European DST switch
		['2026-03-08', 1, '2026-03-09'] // across a US DST switch
	])('%s + %i = %s', (iso, n, out) => {
		expect(addDays(iso, n)).toBe(out);
		expect(diffDays(iso, out)).toBe(n);
	});

	it('matches the UTC reference for any date and offset', () => {
		fc.assert(
			fc.property(isoDateArb, fc.integer({ min: -2000, max: 2000 }), (iso, n) => {
				const out = addDays(iso, n);
				expect(out).toBe(utcAddDays(iso, n));
				expect(diffDays(iso, out)).toBe(n);
			})
		);
	});
});

describe('addMonths', () => {
	it.each([
		['2026-01-15', 1, '2026-02-15'],
		['2026-01-31', 1, '2026-02-28'],
		['2024-01-31', 1, '2024-02-29'],
		['2026-03-31', 3, '2026-06-30'],
		['2026-11-30', 3, '2027-02-28'],
		['2026-05-31', -3, '2026-02-28'],
		['2026-03-01', 12, '2027-03-01'],
		['2026-03-01', 0, '2026-03-01'],
		['2026-01-10', -13, '2024-12-10']
	])('%s + %i months = %s', (iso, n, out) => {
		expect(addMonths(iso, n)).toBe(out);
	});

	it('never overflows into the following month and keeps the day when possible', () => {
		fc.assert(
			fc.property(isoDateArb, fc.integer({ min: -36, max: 36 }), (iso, n) => {
				const out = addMonths(iso, n);
				expect(isIsoDate(out)).toBe(true);
				const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
				const [oy, om, od] = out.split('-').map(Number) as [number, number, number];
				expect(oy * 12 + om - (y * 12 + m)).toBe(n);
				expect(od).toBe(Math.min(d, daysInMonth(oy, om)));
			})
		);
	});
});

describe('compare, min, max, format', () => {
	it('orders dates', () => {
		expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
		expect(compareDates('2026-01-02', '2026-01-02')).toBe(0);
		expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
		expect(maxDate('2026-05-01', '2026-06-01', '2026-01-01')).toBe('2026-06-01');
		expect(minDate('2026-05-01', '2026-06-01', '2026-01-01')).toBe('2026-01-01');
		expect(maxDate('2026-05-01')).toBe('2026-05-01');
	});

	it('formats without the locale', () => {
		expect(formatDate('2026-03-01')).toBe('1 March 2026');
		expect(formatDate('2027-12-31')).toBe('31 December 2027');
	});

	it('takes the local calendar date of a Date-like value', () => {
		expect(localIsoDate({ getFullYear: () => 2026, getMonth: () => 0, getDate: () => 5 })).toBe(
			'2026-01-05'
		);
	});
});

describe('periods: month-end arithmetic', () => {
	it.each([
		// start, months, last day of the period
		['2026-01-31', 3, '2026-04-30'],
		['2026-01-01', 3, '2026-03-31'],
		['2026-02-01', 3, '2026-04-30'],
		['2026-03-01', 3, '2026-05-31'],
		['2026-01-30', 3, '2026-04-29'],
		['2026-01-15', 3, '2026-04-14'],
		['2026-11-30', 3, '2027-02-28'],
		['2027-11-30', 3, '2028-02-29'],
		['2028-03-01', 1, '2028-03-31'],
		['2028-02-29', 12, '2029-02-28'],
		['2026-01-01', 12, '2026-12-31'],
		['2026-07-01', 6, '2026-12-31'],
		['2026-08-31', 6, '2027-02-28']
	])('a period from %s lasting %i months ends on %s', (start, months, end) => {
		expect(periodEnd(start, months)).toBe(end);
	});

	it.each([
		['2026-04-30', 3, '2026-02-01'],
		['2026-04-29', 3, '2026-01-30'],
		['2026-12-31', 12, '2026-01-01'],
		['2027-02-28', 3, '2026-12-01']
	])('the latest period ending by %s lasting %i months starts on %s', (end, months, start) => {
		expect(latestPeriodStart(end, months)).toBe(start);
	});

	const seed = Date.now() % 2_147_483_647;
	it(`holds for every start day of a year and every window length (seed ${seed})`, () => {
		console.log(`periods property seed: ${seed}`);
		fc.assert(
			fc.property(fc.integer({ min: 1901, max: 2199 }), (year) => {
				const first = `${String(year).padStart(4, '0')}-01-01`;
				const length = diffDays(first, `${String(year + 1).padStart(4, '0')}-01-01`);
				for (let i = 0; i < length; i++) {
					const start = addDays(first, i);
					const next = addDays(start, 1);
					for (let months = 1; months <= 12; months++) {
						const end = periodEnd(start, months);
						// Inside [start + (28·m − 1), start + 31·m − 1] days and before the next period.
						const span = diffDays(start, end) + 1;
						expect(span).toBeGreaterThanOrEqual(28 * months);
						expect(span).toBeLessThanOrEqual(31 * months);
						// Later starts never end earlier; back-to-back periods leave no gap.
						expect(compareDates(periodEnd(next, months), end)).toBeGreaterThanOrEqual(0);
						// A period starting on the 1st ends on a month end (three months from 1 Feb
						// is 30 April), and one starting the day after a month end does too.
						if (start.endsWith('-01')) expect(isMonthEnd(end)).toBe(true);
						// The inverse gives the latest start whose period still ends by `end`.
						const latest = latestPeriodStart(end, months);
						expect(compareDates(periodEnd(latest, months), end)).toBeLessThanOrEqual(0);
						expect(compareDates(periodEnd(addDays(latest, 1), months), end)).toBe(1);
					}
				}
			}),
			{ seed, numRuns: 8 }
		);
	});
});

describe('shortDate (screens)', () => {
	it('writes a calendar date with the month shortened, and shows anything else as it is', () => {
		expect(shortDate('2026-03-02')).toBe('2 Mar 2026');
		expect(shortDate('2026-09-30')).toBe('30 Sep 2026');
		expect(shortDate('2026-13-01')).toBe('2026-13-01');
		expect(shortDate('soon')).toBe('soon');
		expect(shortDate(null)).toBe('');
		expect(shortDate(undefined)).toBe('');
	});
});
