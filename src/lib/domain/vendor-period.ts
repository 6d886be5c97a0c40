/**
 * A subservice organisation's own report period against the assessment's window
 * (scoping-and-audit.md §4.2 and §4.4): when the vendor's period ended more than about three
 * months before your window ends (or before your Type I as-of date), its report alone does not
 * reach your period and you need the vendor's bridge letter for the months in between.
 *
 * Pure: takes the window from the report model's recommendation (the timeline's window step,
 * else the Type I as-of date), never computes one of its own.
 */
import { addMonths, diffDays, formatDate, isIsoDate } from './dates';
import type { Recommendation, VendorPeriodCheck } from './types';

/** A vendor period that ended up to this many months before your window end needs no bridge letter. */
export const VENDOR_BRIDGE_GAP_MONTHS = 3;

/** The date your report speaks to last: the end of the (first) Type II window, else the Type I as-of date. */
export function assessmentWindowEnd(
	rec: Pick<Recommendation, 'timeline' | 'type1Date'>
): string | null {
	const window = rec.timeline.find((t) => t.kind === 'window');
	if (window && isIsoDate(window.end)) return window.end;
	return isIsoDate(rec.type1Date) ? rec.type1Date : null;
}

export function vendorPeriodCheck(
	periodEnd: string | null | undefined,
	rec: Pick<Recommendation, 'timeline' | 'type1Date'>
): VendorPeriodCheck {
	const windowEnd = assessmentWindowEnd(rec);
	if (!isIsoDate(periodEnd)) {
		return {
			status: 'period-unknown',
			windowEnd,
			gapDays: null,
			text: 'Report period end not recorded: enter it to check that the vendor’s report reaches your period.'
		};
	}
	if (!windowEnd) {
		return {
			status: 'no-window',
			windowEnd: null,
			gapDays: null,
			text: 'No window or as-of date is planned yet, so the vendor’s report period cannot be compared with yours.'
		};
	}
	const gapDays = diffDays(periodEnd, windowEnd);
	const limit = addMonths(windowEnd, -VENDOR_BRIDGE_GAP_MONTHS);
	if (periodEnd < limit) {
		return {
			status: 'bridge-letter',
			windowEnd,
			gapDays,
			text: `Ask the vendor for a bridge letter: its report period ended ${formatDate(periodEnd)}, more than ${VENDOR_BRIDGE_GAP_MONTHS} months before your period ends (${formatDate(windowEnd)}).`
		};
	}
	return {
		status: 'covered',
		windowEnd,
		gapDays,
		text: `Its report period (ended ${formatDate(periodEnd)}) reaches to within ${VENDOR_BRIDGE_GAP_MONTHS} months of the end of your period (${formatDate(windowEnd)}).`
	};
}
