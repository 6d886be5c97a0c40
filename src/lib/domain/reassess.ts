/**
 * Re-assessment (issue 20): a new assessment, dated today, that carries over what an earlier one
 * found (profile, scope, vendors, CUECs, answers with their notes and evidence pointers, plan
 * owners and done ticks, custom questions) and links back to it. Each carried answer stays
 * "from <date> — confirm or change" until the assessor confirms it or changes it.
 *
 * Pure: the clock (today, now) and the new id are passed in.
 */
import { addDays, addMonths, diffDays, formatDate, isIsoDate } from './dates';
import { organisationName, targetReportDate } from './fields';
import type { Assessment, CarriedAnswer } from './types';
import { pendingCarried } from './carried';

export { isCarriedPending, pendingCarried, withAnswerChanged, withConfirmed } from './carried';

/** What a re-assessment carries over and what it leaves behind, for the dialog. */
export const CARRIED_OVER = [
	'profile and scope (categories)',
	'vendors and user entity controls',
	'every answer with its N/A reason, note and evidence pointers',
	'plan owners and done ticks',
	'custom questions, owner role names, report introduction and branding'
] as const;
export const NOT_CARRIED = [
	'the answers’ history (each carried answer starts as the one given before)',
	'evidence requests marked prepared',
	'the interview position'
] as const;

/**
 * The default name of a re-assessment: the organisation's name as it is. The name is the
 * organisation the report is about (printed on its cover) and what groups an organisation's
 * assessments in the list and offers them for comparison, so a suffix such as "— re-assessment
 * <date>" would print on a CPA-facing report and split the organisation in two; the assessment
 * date tells the two apart. A longer name may still be typed.
 */
export function reassessmentName(organisation: string): string {
	return organisation.trim();
}

/**
 * The proposed new target report date: today plus the old gap between assessment and target
 * (when there was one), otherwise six months from today. Always after today.
 */
export function defaultReassessmentTarget(src: Pick<Assessment, 'meta'>, today: string): string {
	const { assessmentDate, targetReportDate: target } = src.meta;
	if (isIsoDate(assessmentDate) && isIsoDate(target)) {
		const gap = diffDays(assessmentDate, target);
		if (gap > 0) return addDays(today, gap);
	}
	return addMonths(today, 6);
}

export interface ReassessmentInput {
	/** The new assessment's id. */
	id: string;
	/** Today (YYYY-MM-DD, local): the new assessment date. */
	today: string;
	/** Now (ISO): creation time. */
	now: string;
	/** The new target report date (required, after today). */
	targetReportDate: string;
	/** The organisation name (default: the predecessor's, see reassessmentName). */
	organisation?: string;
}

/**
 * The re-assessment of `src` (not stored). Throws an Error with the field's message when the
 * name or the target date is not valid. `src` is not modified.
 */
export function buildReassessment(src: Assessment, input: ReassessmentInput): Assessment {
	const name = organisationName(input.organisation ?? reassessmentName(src.meta.organisation));
	if (!name.ok) throw new Error(name.message);
	const target = targetReportDate(input.targetReportDate, input.today, {
		required: true,
		after: input.today
	});
	if (!target.ok) throw new Error(target.message);
	const copy = structuredClone(src);
	const carried: Record<string, CarriedAnswer> = {};
	for (const [q, a] of Object.entries(copy.answers))
		if (a.value !== null && a.value !== undefined) carried[q] = {};
	const planStart = copy.meta.planStartDate;
	const out: Assessment = {
		...copy,
		id: input.id,
		meta: {
			...copy.meta,
			organisation: name.value,
			assessmentDate: input.today,
			targetReportDate: target.value,
			planStartDate: isIsoDate(planStart) && planStart >= input.today ? planStart : null
		},
		interview: null,
		createdAt: input.now,
		updatedAt: input.now,
		lastExportedAt: null,
		reassessmentOf: { id: src.id, assessedOn: src.meta.assessmentDate }
	};
	delete out.requestsPrepared;
	if (Object.keys(carried).length) out.carried = carried;
	else delete out.carried;
	return out;
}

/**
 * The report's note on a re-assessment with carried answers not yet re-confirmed among the
 * questions it scores (`scoredIds`), or null. Unconfirmed answers are scored like any other
 * (they are the assessor's answers), but a reader relying on the report — a CPA firm planning
 * its examination — must know that some of them rest on an earlier date's review.
 */
export function carriedNote(
	a: Pick<Assessment, 'carried' | 'answers' | 'reassessmentOf'>,
	scoredIds: readonly string[]
): string | null {
	const n = pendingCarried(a, scoredIds).length;
	if (!n) return null;
	const from =
		a.reassessmentOf && isIsoDate(a.reassessmentOf.assessedOn)
			? `the assessment of ${formatDate(a.reassessmentOf.assessedOn)}`
			: 'an earlier assessment';
	const them =
		n === 1
			? 'answer carried over from ' + from + ' has'
			: `${n} answers carried over from ${from} have`;
	return `Re-assessment: ${them} not been re-confirmed. ${n === 1 ? 'It is' : 'They are'} scored as given then; confirm or change ${n === 1 ? 'it' : 'each'} before relying on this report.`;
}
