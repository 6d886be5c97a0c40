/**
 * The words for a recommendation, the same on the dashboard, in the PDF, the exports and the
 * comparison between two assessments.
 */
import { addDays } from '../dates';
import type { Recommendation, RecommendationType } from '../types';

export const RECOMMENDATION_LABELS: Record<RecommendationType, string> = {
	'remediate-first': 'Remediate first, then reassess',
	type1: 'Type I report',
	'type1-then-type2': 'Type I first, then Type II',
	type2: 'Straight to Type II'
};

/** The recommendation's label; a renewal and a period already run get their own. */
export function recommendationLabel(
	rec: Pick<Recommendation, 'type' | 'renewal' | 'retrospective'>
): string {
	if (rec.renewal) return 'Renewal: next Type II period';
	if (rec.retrospective) return 'Type II over a period already run';
	return RECOMMENDATION_LABELS[rec.type];
}

/**
 * The window's start as the dates table names it: the next period of a renewal, a period
 * already run, the day after a Type I's as-of date (when a Type I comes first, the window
 * follows on from it, which can be later than the plan alone allows), or the earliest start the
 * plan defends.
 */
export function windowStartLabel(
	rec: Pick<Recommendation, 'renewal' | 'retrospective' | 'type1Date' | 'windowStart'>
): 'renewal' | 'retrospective' | 'after-type1' | 'earliest' {
	if (rec.renewal) return 'renewal';
	if (rec.retrospective) return 'retrospective';
	if (rec.type1Date && rec.windowStart === addDays(rec.type1Date, 1)) return 'after-type1';
	return 'earliest';
}
