/**
 * Validation of the assessment details form (create, duplicate, rename): the field validators of
 * `$lib/domain/fields`, the same ones the Start stage and import use.
 */
import type { AssessmentMeta } from '$lib/domain/types';
import * as fields from '$lib/domain/fields';

export const NAME_MAX = fields.FIELD_LIMITS.organisation;
export const TARGET_BEFORE_ASSESSMENT = fields.TARGET_BEFORE_ASSESSMENT;

export interface MetaInput {
	organisation: string;
	assessor: string;
	assessmentDate: string;
	targetReportDate: string;
}

export type MetaErrors = Partial<Record<keyof MetaInput, string>>;

export function validateMeta(
	input: MetaInput
): { ok: true; meta: AssessmentMeta } | { ok: false; errors: MetaErrors } {
	const organisation = fields.organisationName(input.organisation);
	const assessor = fields.assessorName(input.assessor);
	const assessmentDate = fields.assessmentDate(input.assessmentDate);
	const target = fields.targetReportDate(
		input.targetReportDate,
		assessmentDate.ok ? assessmentDate.value : undefined
	);
	if (organisation.ok && assessor.ok && assessmentDate.ok && target.ok) {
		return {
			ok: true,
			meta: {
				organisation: organisation.value,
				assessor: assessor.value,
				assessmentDate: assessmentDate.value,
				targetReportDate: target.value
			}
		};
	}
	const errors: MetaErrors = {};
	if (!organisation.ok) errors.organisation = organisation.message;
	if (!assessor.ok) errors.assessor = assessor.message;
	if (!assessmentDate.ok) errors.assessmentDate = assessmentDate.message;
	if (!target.ok) errors.targetReportDate = target.message;
	return { ok: false, errors };
}

/** Validate just a name (rename, duplicate). Returns the trimmed name or an error message. */
export function validateName(
	name: string
): { ok: true; name: string } | { ok: false; error: string } {
	const r = fields.organisationName(name);
	return r.ok ? { ok: true, name: r.value } : { ok: false, error: r.message };
}
