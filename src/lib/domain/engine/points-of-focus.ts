/**
 * Points of focus in the report: per criterion in scope, which of the AICPA's points of focus
 * the answers speak to. A consultant reads it as "where the auditor will ask for evidence"
 * (points whose questions are answered at level 3 or above) and "where the answers say the
 * control is still missing or unknown". Pure: bank and answer rows in, rows out.
 */
import type {
	AnswerRow,
	Bank,
	CategoryId,
	MaturityLevel,
	PointOfFocusCriterionRow,
	PointOfFocusRow
} from '../types';
import { POINT_EVIDENCE_LEVEL } from './methodology';

const levelOf = (v: AnswerRow['value']): MaturityLevel | null =>
	typeof v === 'number' ? (v as MaturityLevel) : null;

/** Status of one point from the answers to the questions that ask for it. */
function statusOf(rows: PointOfFocusRow['questions']): PointOfFocusRow['status'] {
	// questions skipped by the profile or answered "not applicable" are not in `rows`
	if (rows.length === 0) return 'not-asked';
	const levels = rows.map((r) => r.level).filter((l): l is MaturityLevel => l !== null);
	if (levels.some((l) => l >= POINT_EVIDENCE_LEVEL)) return 'evidenced';
	if (levels.length > 0) return 'weak';
	return 'open'; // unanswered or "don't know"
}

/**
 * The criteria of the selected categories with their points of focus. Points the AICPA lists as
 * additional for an optional category appear only when that category is selected.
 */
export function pointsOfFocusRows(
	bank: Pick<Bank, 'criteria' | 'pointsOfFocus'>,
	tsc: readonly CategoryId[],
	answers: readonly AnswerRow[]
): PointOfFocusCriterionRow[] {
	const selected = new Set<CategoryId>(['security', ...tsc]);
	const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
	const out: PointOfFocusCriterionRow[] = [];
	for (const c of bank.criteria) {
		if (!selected.has(c.category)) continue;
		const points: PointOfFocusRow[] = [];
		for (const p of bank.pointsOfFocus ?? []) {
			if (p.criterion !== c.id || !selected.has(p.category)) continue;
			if (p.notApplicable !== null) {
				points.push({ ...base(p), status: 'na', questions: [], note: p.notApplicable });
				continue;
			}
			const asked = p.coveredBy
				.map((cb) => byQuestion.get(cb.questionId))
				.filter((a): a is AnswerRow => !!a && a.applicable);
			const questions = asked
				.filter((a) => a.value !== 'na')
				.map((a) => ({
					questionId: a.questionId,
					title: a.title,
					label: a.value === null ? 'Not answered' : a.label,
					level: levelOf(a.value)
				}));
			points.push({
				...base(p),
				status: statusOf(questions),
				questions,
				note: p.gap
			});
		}
		if (points.length) out.push({ criterionId: c.id, title: c.title, points });
	}
	return out;
}

function base(p: Bank['pointsOfFocus'][number]) {
	return { id: p.id, n: p.n, name: p.name, text: p.text };
}

export { POINT_STATUS_LABELS, pointStatusCounts } from './display';
