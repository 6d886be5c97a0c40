/**
 * Where the remediation plan is scheduled from, and the sentence that explains it on the Start
 * stage (kept here, next to the rule, so the hint cannot drift from what the engine does).
 */
import { formatDate, isIsoDate, maxDate } from '../dates';
import type { Assessment } from '../types';

/**
 * Where the plan is scheduled from: meta.planStartDate, else the assessment date — or today
 * when that date has passed, because open work cannot be done in the past.
 */
export function planStartOf(a: Assessment, today: string): string {
	const set = isIsoDate(a.meta?.planStartDate)
		? a.meta.planStartDate
		: isIsoDate(a.meta?.assessmentDate)
			? a.meta.assessmentDate
			: today;
	return maxDate(set, today);
}

/** The rule in words, for the plan start field. */
export const PLAN_START_RULE =
	'Remediation due dates count from here. Empty: the assessment date. A date already passed counts as today.';

/** The rule plus the date the plan starts on today, e.g. "… The plan starts on 28 November 2026." */
export function planStartHint(a: Assessment, today: string): string {
	return `${PLAN_START_RULE} The plan starts on ${formatDate(planStartOf(a, today))}.`;
}
