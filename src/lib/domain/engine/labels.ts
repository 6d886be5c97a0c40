/**
 * The words for a recommendation, the same on the dashboard, in the PDF, the exports and the
 * comparison between two assessments.
 */
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
