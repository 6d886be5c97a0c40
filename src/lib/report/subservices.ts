/**
 * What the reports say about a subservice organisation's own assurance report, the same in the
 * PDF and the Word report. Under the carve-out method the examination relies on the vendor's
 * report and on your review of it; under the inclusive method the auditor tests the vendor's
 * controls in your examination, so its report is not relied on and there is nothing to review.
 */
import type { InclusionMethod, SubserviceSummaryRow } from '$lib/domain/types';
import { formatDate } from './text';

export interface ReviewStatus {
	text: string;
	tone: 'ok' | 'problem' | 'muted';
}

type Row = Pick<SubserviceSummaryRow, 'method' | 'socReport' | 'reportReviewed' | 'reviewDate'>;

/** The review line under the report's status, or null where there is no report to review. */
export function reviewStatus(s: Row): ReviewStatus | null {
	if (s.method === 'inclusive') return { text: 'Not relied on (inclusive method)', tone: 'muted' };
	if (s.socReport === 'none' || s.socReport === 'unknown') return null;
	return s.reportReviewed
		? { text: `Reviewed${s.reviewDate ? ` ${formatDate(s.reviewDate)}` : ''}`, tone: 'ok' }
		: { text: 'Not reviewed', tone: 'problem' };
}

/** The sentence above the table: how many, and how many of the relied-on reports are reviewed. */
export function subserviceCountLine(subs: readonly Row[]): string {
	const n = subs.length;
	const carved = subs.filter((s) => s.method === 'carve-out');
	const reviewed = carved.filter((s) => reviewStatus(s)?.tone === 'ok').length;
	const orgs = `${n} subservice organisation${n === 1 ? '' : 's'}`;
	if (carved.length === n) return `${orgs}; ${reviewed} with a reviewed report.`;
	const inclusive = n - carved.length;
	return `${orgs}: ${carved.length} carved out (${reviewed} with a reviewed report), ${inclusive} inclusive (tested in your examination).`;
}

/**
 * What a subservice organisation's listed controls are to the examination, said above them.
 * Under the carve-out method they are the CSOCs: the system description names them and the
 * opinion assumes they operate, but the auditor does not test them. Under the inclusive method
 * they are part of the system description and the auditor tests them like your own.
 */
export function vendorControlsLead(method: InclusionMethod): string {
	return method === 'inclusive' ? 'Part of your system, tested' : 'CSOCs (assumed, not tested)';
}
