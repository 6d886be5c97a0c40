/**
 * What the pages need to show a report model, without the engine that computes it: the risk
 * bands, the plan's phases, the one percent format, the evidence request and point-of-focus
 * labels. The results and export pages import these on their first paint while the model itself
 * is computed in a worker (src/lib/report/model.worker.ts), so this module must stay small: no
 * rule text (methodology.ts re-exports the constants it explains), no scoring, no plan.
 */
import { formatDate, periodEnd } from '../dates';
import type {
	Phase,
	PointOfFocusCriterionRow,
	PointOfFocusRow,
	ReportModel,
	RequestArea,
	RequestFrequency,
	RequestPeriod,
	RequestStatus,
	Risk
} from '../types';

/** Risk bands on the 5×5 score (likelihood × impact), highest first. */
export const RISK_BANDS: readonly { risk: Risk; label: string; min: number; max: number }[] = [
	{ risk: 'critical', label: 'Critical', min: 17, max: 25 },
	{ risk: 'high', label: 'High', min: 10, max: 16 },
	{ risk: 'medium', label: 'Medium', min: 5, max: 9 },
	{ risk: 'low', label: 'Low', min: 1, max: 4 }
];

export const RISK_ORDER: readonly Risk[] = ['critical', 'high', 'medium', 'low'];

/** 0 for critical … 3 for low (sorts the highest risk first). */
export function riskRank(risk: Risk): number {
	return RISK_ORDER.indexOf(risk);
}

/** Phase of an action by its start day (days after the plan start, inclusive ranges). */
export const PHASE_BOUNDS: readonly {
	phase: Phase;
	label: string;
	fromDay: number;
	toDay: number | null;
}[] = [
	{ phase: '0-30', label: 'Days 0–30', fromDay: 0, toDay: 29 },
	{ phase: '31-60', label: 'Days 31–60', fromDay: 30, toDay: 59 },
	{ phase: '61-90', label: 'Days 61–90', fromDay: 60, toDay: 89 },
	{ phase: 'later', label: 'Later', fromDay: 90, toDay: null }
];

/**
 * The one display convention for scores and readiness (0–100): a whole number and " %", e.g.
 * "61 %". The dashboard, export page, what-if panel and PDF all print scores with this.
 */
export function formatPercent(score: number | null | undefined, empty = 'n/a'): string {
	return score === null || score === undefined || Number.isNaN(score)
		? empty
		: `${Math.round(score)} %`;
}

// --- Evidence requests ---------------------------------------------------------------------------

export const REQUEST_AREA_LABELS: Record<RequestArea, string> = {
	governance: 'Governance',
	risk: 'Risk and monitoring',
	hr: 'People',
	access: 'Access',
	change: 'Change management',
	operations: 'Operations',
	vendors: 'Vendors',
	communication: 'Communication',
	availability: 'Availability',
	confidentiality: 'Confidentiality',
	'processing-integrity': 'Processing integrity',
	privacy: 'Privacy'
};

export const REQUEST_FREQUENCY_LABELS: Record<RequestFrequency, string> = {
	annual: 'Annual',
	quarterly: 'Quarterly',
	monthly: 'Monthly',
	weekly: 'Weekly',
	daily: 'Daily',
	event: 'Per event',
	automated: 'Automated',
	'point-in-time': 'Point in time'
};

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
	ready: 'Ready',
	partial: 'Partial',
	missing: 'Missing'
};

export interface RequestOptions {
	/**
	 * Which examination to prepare for when the recommendation plans a Type I and then a Type II
	 * (default: the first one, the Type I).
	 */
	examination?: 'type1' | 'type2';
}

/** The period of the examination the list prepares for. */
export function requestPeriod(
	rec: ReportModel['recommendation'],
	opts: RequestOptions = {}
): RequestPeriod {
	const renewal = rec.renewal === true;
	const type2 = (): RequestPeriod | null => {
		if (!rec.windowStart || !rec.windowMonths) return null;
		const end = periodEnd(rec.windowStart, rec.windowMonths);
		return {
			kind: 'type2',
			start: rec.windowStart,
			end,
			months: rec.windowMonths,
			renewal,
			text: `${renewal ? 'Renewal Type II period' : 'Type II window'} ${formatDate(rec.windowStart)} – ${formatDate(end)} (${rec.windowMonths} months)`
		};
	};
	const type1 = (): RequestPeriod | null =>
		rec.type1Date
			? {
					kind: 'type1',
					start: rec.type1Date,
					end: rec.type1Date,
					months: null,
					renewal: false,
					text: `Type I as of ${formatDate(rec.type1Date)}`
				}
			: null;
	const wantsType1 =
		rec.type === 'type1' || (rec.type === 'type1-then-type2' && opts.examination !== 'type2');
	const period = wantsType1 ? (type1() ?? type2()) : (type2() ?? type1());
	return (
		period ?? {
			kind: 'none',
			start: null,
			end: null,
			months: null,
			renewal: false,
			text: 'No examination date planned yet (sample figures for a 12-month period)'
		}
	);
}

// --- Points of focus -----------------------------------------------------------------------------

export const POINT_STATUS_LABELS: Record<PointOfFocusRow['status'], string> = {
	evidenced: 'Evidence expected',
	weak: 'Below implemented',
	open: 'Unanswered or unknown',
	'not-asked': 'Not asked in this assessment',
	na: 'Not applicable to SOC 2'
};

/** Counts per status, for a one-line summary. */
export function pointStatusCounts(
	rows: readonly PointOfFocusCriterionRow[]
): Record<PointOfFocusRow['status'], number> {
	const counts = { evidenced: 0, weak: 0, open: 0, 'not-asked': 0, na: 0 };
	for (const r of rows) for (const p of r.points) counts[p.status]++;
	return counts;
}
