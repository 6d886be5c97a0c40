/** Validation of the assessment details form (create, duplicate), with valibot. */
import * as v from 'valibot';
import type { AssessmentMeta } from '$lib/domain/types';
import { isIsoDate } from '$lib/domain/dates';
// The same rules and words as the Start stage (validateMetaField in interview/flow).
import { NAME_INPUT_MAX, TARGET_BEFORE_ASSESSMENT } from '$lib/domain/meta-rules';

export const NAME_MAX = NAME_INPUT_MAX;
export { TARGET_BEFORE_ASSESSMENT };

export interface MetaInput {
	organisation: string;
	assessor: string;
	assessmentDate: string;
	targetReportDate: string;
}

export type MetaErrors = Partial<Record<keyof MetaInput, string>>;

export const OrganisationSchema = v.pipe(
	v.string(),
	v.trim(),
	v.nonEmpty('Enter the name of the organisation being assessed.'),
	v.maxLength(NAME_MAX, `Keep the name to ${NAME_MAX} characters or fewer.`)
);

const MetaFormSchema = v.pipe(
	v.object({
		organisation: OrganisationSchema,
		assessor: v.pipe(
			v.string(),
			v.trim(),
			v.nonEmpty('Enter who is running the assessment (you, or the consultant).'),
			v.maxLength(NAME_MAX, `Keep the name to ${NAME_MAX} characters or fewer.`)
		),
		assessmentDate: v.pipe(
			v.string(),
			v.nonEmpty('Enter the date of the assessment.'),
			v.check((s: string) => isIsoDate(s), 'Enter a valid date, for example 2026-03-31.')
		),
		targetReportDate: v.union(
			[
				v.literal(''),
				v.pipe(
					v.string(),
					v.check(
						(s: string) => isIsoDate(s),
						'Enter a valid date, for example 2026-09-30, or leave it empty.'
					)
				)
			],
			'Enter a valid date, for example 2026-09-30, or leave it empty.'
		)
	}),
	v.forward(
		v.partialCheck(
			[['assessmentDate'], ['targetReportDate']],
			(i) => i.targetReportDate === '' || i.targetReportDate >= i.assessmentDate,
			TARGET_BEFORE_ASSESSMENT
		),
		['targetReportDate']
	)
);

export function validateMeta(
	input: MetaInput
): { ok: true; meta: AssessmentMeta } | { ok: false; errors: MetaErrors } {
	const r = v.safeParse(MetaFormSchema, input);
	if (r.success) {
		return {
			ok: true,
			meta: {
				organisation: r.output.organisation,
				assessor: r.output.assessor,
				assessmentDate: r.output.assessmentDate,
				targetReportDate: r.output.targetReportDate || null
			}
		};
	}
	const flat = v.flatten<typeof MetaFormSchema>(r.issues).nested ?? {};
	const errors: MetaErrors = {};
	for (const k of ['organisation', 'assessor', 'assessmentDate', 'targetReportDate'] as const) {
		const m = flat[k]?.[0];
		if (m) errors[k] = m;
	}
	return { ok: false, errors };
}

/** Validate just a name (rename). Returns the trimmed name or an error message. */
export function validateName(
	name: string
): { ok: true; name: string } | { ok: false; error: string } {
	const r = v.safeParse(OrganisationSchema, name);
	return r.success ? { ok: true, name: r.output } : { ok: false, error: r.issues[0].message };
}
