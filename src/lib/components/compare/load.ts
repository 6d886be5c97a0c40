/**
 * Loads other assessments of an organisation for a comparison: each read once from IndexedDB,
 * scored with its own bank (the built-in bank plus its own custom questions) as of its own
 * assessment date, so the earlier report reads as it did on that day. The scoring runs in the
 * report-model worker (src/lib/report/model-client.ts), which loads the bank and the engine; this
 * module holds only the comparison of two models. Imported by the results and export pages only
 * when they show a comparison, and by the start page only after its list is on screen.
 */
import type { AssessmentSummary } from '$lib/db';
import { getAssessment, listAssessments } from '$lib/db/light';
import { compareModels, type Comparison } from '$lib/domain/engine/compare';
import { peerModel } from '$lib/report/model-client';
import type { Assessment, ReportModel } from '$lib/domain/types';
import { defaultPeer, isEarlier, peersOf, withPredecessor } from './peers';

export { compareModels };
export type { Comparison };

/** The report model of an assessment as of its own assessment date (or `today` when given). */
export async function modelOfAssessment(a: Assessment, today?: string): Promise<ReportModel> {
	return (await peerModel(a, today)).model;
}

/** The report model of the stored assessment `id`, or null when it no longer exists. */
export async function modelOf(id: string): Promise<ReportModel | null> {
	const a = await getAssessment(id);
	return a ? modelOfAssessment(a) : null;
}

/** The other assessments of `current`'s organisation (newest first) and the default to compare with. */
export async function peersOfAssessment(
	current: Pick<AssessmentSummary, 'id' | 'organisation' | 'assessmentDate' | 'createdAt'>,
	/** The assessment `current` re-assesses (issue 20): offered and chosen first when it is here. */
	predecessorId?: string
): Promise<{ peers: AssessmentSummary[]; preferred: AssessmentSummary | null }> {
	const list = await listAssessments();
	const peers = withPredecessor(list, peersOf(list, current), current, predecessorId);
	const predecessor = peers.find((p) => p.id === predecessorId) ?? null;
	return { peers, preferred: predecessor ?? defaultPeer(peers, current) };
}

/**
 * Compare the current model with another assessment's, earlier one first whichever was picked.
 * `reversed`: the other assessment is the later one.
 */
export function compareInTime(
	current: ReportModel,
	currentCreatedAt: string,
	other: ReportModel,
	otherCreatedAt: string
): { comparison: Comparison; reversed: boolean } {
	const summary = (m: ReportModel, createdAt: string) => ({
		id: m.assessment.id,
		organisation: m.assessment.organisation,
		assessmentDate: m.assessment.assessmentDate,
		createdAt
	});
	const reversed = isEarlier(summary(current, currentCreatedAt), summary(other, otherCreatedAt));
	return {
		comparison: reversed ? compareModels(current, other) : compareModels(other, current),
		reversed
	};
}
