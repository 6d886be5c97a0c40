/**
 * What the PDF and the Word report say about a subservice organisation's own report: reviewed or
 * not only where the examination relies on it (carve-out, with a report to review).
 */
import { describe, expect, it } from 'vitest';
import { reviewStatus, subserviceCountLine } from '../../src/lib/report/subservices';

const carveOut = {
	method: 'carve-out' as const,
	socReport: 'type2' as const,
	reportReviewed: true,
	reviewDate: '2025-11-15'
};

describe('the review line of a subservice organisation', () => {
	it('a carve-out with a report: reviewed (with its date) or not reviewed', () => {
		expect(reviewStatus(carveOut)).toEqual({ text: 'Reviewed 15 Nov 2025', tone: 'ok' });
		expect(reviewStatus({ ...carveOut, reviewDate: null })).toEqual({
			text: 'Reviewed',
			tone: 'ok'
		});
		expect(reviewStatus({ ...carveOut, socReport: 'iso27001', reportReviewed: false })).toEqual({
			text: 'Not reviewed',
			tone: 'problem'
		});
	});

	it('a carve-out with no report, or an unknown one, has nothing to review', () => {
		expect(reviewStatus({ ...carveOut, socReport: 'none', reportReviewed: false })).toBeNull();
		expect(reviewStatus({ ...carveOut, socReport: 'unknown', reportReviewed: false })).toBeNull();
	});

	it('an inclusive vendor’s own report is not relied on, whatever it is', () => {
		for (const socReport of ['type2', 'type1', 'iso27001', 'none', 'unknown'] as const)
			for (const reportReviewed of [true, false])
				expect(
					reviewStatus({ ...carveOut, method: 'inclusive', socReport, reportReviewed })
				).toEqual({ text: 'Not relied on (inclusive method)', tone: 'muted' });
	});

	it('the count line counts reviews among the reports relied on', () => {
		expect(subserviceCountLine([carveOut])).toBe(
			'1 subservice organisation; 1 with a reviewed report.'
		);
		expect(
			subserviceCountLine([
				carveOut,
				{ ...carveOut, reportReviewed: false },
				{ ...carveOut, method: 'inclusive', socReport: 'none', reportReviewed: false }
			])
		).toBe(
			'3 subservice organisations: 2 carved out (1 with a reviewed report), 1 inclusive (tested in your examination).'
		);
		// A review ticked on a vendor with no report does not count as a reviewed report.
		expect(subserviceCountLine([{ ...carveOut, socReport: 'none' }, { ...carveOut }])).toBe(
			'2 subservice organisations; 1 with a reviewed report.'
		);
	});
});
