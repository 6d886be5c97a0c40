/**
 * What the PDF and the Word report say about a subservice organisation's own report: reviewed or
 * not only where the examination relies on it (carve-out, with a report to review); and what the
 * controls listed for it are to the examination (CSOCs under the carve-out method, controls tested
 * in the examination under the inclusive method).
 */
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/lib/domain/types';
import { renderReportPdf } from '../../src/lib/report/pdf';
import {
	reviewStatus,
	subserviceCountLine,
	vendorControlsLead
} from '../../src/lib/report/subservices';
import { extractPdfText, sampleModel } from './report-helpers';

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

describe('the controls listed for a subservice organisation', () => {
	it('are CSOCs, assumed and not tested, under the carve-out method', () => {
		expect(vendorControlsLead('carve-out')).toBe('CSOCs (assumed, not tested)');
	});

	it('are part of the system and tested under the inclusive method, never called CSOCs', () => {
		expect(vendorControlsLead('inclusive')).toBe('Part of your system, tested');
		expect(vendorControlsLead('inclusive')).not.toMatch(/CSOC/);
	});

	it('the PDF says which they are above each vendor’s list', async () => {
		const model: ReportModel = sampleModel();
		const inclusive = model.subservices.find((s) => s.method === 'inclusive')!;
		inclusive.csocs = ['The partner restricts administrative access to the backup servers.'];
		const text = (await extractPdfText(await renderReportPdf(model))).all.replace(/\s+/g, ' ');
		expect(text).toContain('Vendor controls relied on');
		expect(text).not.toContain('Controls relied on (CSOCs)');
		expect(text).toContain(
			'Part of your system, tested • The partner restricts administrative access'
		);
		const carved = model.subservices.find((s) => s.method === 'carve-out' && s.csocs.length)!;
		expect(text).toContain(`CSOCs (assumed, not tested) • ${carved.csocs[0]!.slice(0, 30)}`);
	}, 30_000);
});
