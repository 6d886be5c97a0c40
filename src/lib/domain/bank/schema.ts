/**
 * Valibot schemas of every file in `questions/` (the human-edited question bank).
 *
 * Objects are strict: an unknown or misspelt field ("prompts:", "dependOn:") is an error, so a
 * typo never silently drops content. Text fields are trimmed and must not be empty. Optional
 * fields get their documented defaults here, so the compiled bank is explicit.
 * Cross-file rules (unique ids, references, coverage, cycles) live in `compile.ts`.
 */
import * as v from 'valibot';
import {
	ACTION_KINDS,
	AREA_IDS,
	CATEGORY_IDS,
	OPTIONAL_CATEGORY_IDS,
	REQUEST_AREAS,
	REQUEST_FREQUENCIES,
	type Condition
} from '../types.ts';

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const PROFILE_ID = /^(?:profile|scope)\.[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const CRITERION_ID = /^(?:CC[1-9]|A1|C1|PI1|P[1-8])\.[1-9][0-9]?$/;
export const REMEDIATION_ID = /^rem\.[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/;
export const CUEC_ID = /^CUEC-[A-Z0-9]+-[0-9]{2}$/;
export const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/;
export const GAP_REF = /^GAP-[0-9]{2}$/;
/** ISO/IEC 27001:2022 clause ("6.1.2") or Annex A control ("A.8.24"). */
export const ISO_REF = /^(?:(?:[4-9]|10)(?:\.[0-9]+){1,2}|A\.[5-8]\.[0-9]{1,2})$/;
export const SEMVER = /^[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?$/;

const Text = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));
const pattern = (re: RegExp, what: string) =>
	v.pipe(v.string(), v.regex(re, `must be ${what} (pattern ${re.source})`));
const TextList = v.pipe(v.array(Text), v.nonEmpty('must list at least one item'));

const KebabId = pattern(KEBAB, 'a kebab-case id like "cc6-mfa"');
const CriterionId = pattern(CRITERION_ID, 'a criterion id like "CC6.1", "PI1.3" or "P6.7"');
const CriteriaList = v.pipe(v.array(CriterionId), v.nonEmpty('must list at least one criterion'));
const AreaIdSchema = v.picklist(AREA_IDS);
const CategorySchema = v.picklist(CATEGORY_IDS);
const OptionalCategorySchema = v.picklist(OPTIONAL_CATEGORY_IDS);

// ---------------------------------------------------------------------------
// Conditions (recursive). The variant is chosen by the keys present, so an error inside a
// nested condition is reported at its exact path instead of a vague "no union member matched".
// ---------------------------------------------------------------------------

const fail = (message: string) =>
	v.pipe(
		v.unknown(),
		v.check(() => false, message)
	) as unknown as v.GenericSchema<Condition>;

const ANSWER_OPS = ['equals', 'includes', 'in', 'answered', 'gte', 'lte'] as const;
const AnswerRef = pattern(PROFILE_ID, 'a profile/scope question id like "scope.offices"');

export const ConditionSchema: v.GenericSchema<Condition> = v.lazy((input: unknown) => {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return fail(
			'must be a condition object: { all: [...] }, { any: [...] }, { not: ... }, { answer: <id>, equals|includes|in|answered|gte|lte: ... } or { category: <id> }'
		);
	}
	const has = (k: string) => Object.prototype.hasOwnProperty.call(input, k);
	if (has('all')) return v.strictObject({ all: v.array(ConditionSchema) });
	if (has('any')) return v.strictObject({ any: v.array(ConditionSchema) });
	if (has('not')) return v.strictObject({ not: ConditionSchema });
	if (has('category')) return v.strictObject({ category: CategorySchema });
	if (has('answer')) {
		const op = ANSWER_OPS.find(has);
		switch (op) {
			case 'equals':
				return v.strictObject({
					answer: AnswerRef,
					equals: v.union(
						[v.string(), v.number(), v.boolean()],
						'must be a string, number or boolean'
					)
				});
			case 'includes':
				return v.strictObject({ answer: AnswerRef, includes: KebabId });
			case 'in':
				return v.strictObject({
					answer: AnswerRef,
					in: v.pipe(v.array(KebabId), v.nonEmpty('must list at least one option id'))
				});
			case 'answered':
				return v.strictObject({ answer: AnswerRef, answered: v.boolean() });
			case 'gte':
				return v.strictObject({ answer: AnswerRef, gte: v.number() });
			case 'lte':
				return v.strictObject({ answer: AnswerRef, lte: v.number() });
			default:
				return fail(
					'an answer condition needs one operator: equals, includes, in, answered, gte or lte'
				);
		}
	}
	return fail(
		`unknown condition (keys: ${Object.keys(input).join(', ') || 'none'}); use all, any, not, answer or category`
	);
});

// ---------------------------------------------------------------------------
// File schemas
// ---------------------------------------------------------------------------

/** questions/bank.yaml */
export const BankMetaFileSchema = v.strictObject({
	version: pattern(SEMVER, 'a semantic version like "1.0.0"')
});

/** questions/areas.yaml */
export const AreasFileSchema = v.strictObject({
	areas: v.array(
		v.strictObject({
			id: AreaIdSchema,
			name: Text,
			category: CategorySchema,
			intro: Text
		})
	)
});

/** questions/criteria.yaml */
export const CriteriaFileSchema = v.strictObject({
	/** The label printed wherever the ISO references are shown. */
	iso27001Note: Text,
	criteria: v.array(
		v.strictObject({
			id: CriterionId,
			category: CategorySchema,
			area: AreaIdSchema,
			series: Text,
			title: Text,
			summary: Text,
			coso: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(17))),
			iso27001: v.array(
				pattern(ISO_REF, 'an ISO/IEC 27001:2022 clause ("6.1.2") or Annex A control ("A.8.24")')
			)
		})
	)
});

const ChoiceOptionSchema = v.strictObject({
	id: KebabId,
	label: Text,
	help: v.optional(Text),
	sensitive: v.optional(v.boolean())
});

/** questions/profile.yaml */
export const ProfileFileSchema = v.strictObject({
	questions: v.array(
		v.strictObject({
			id: AnswerRef,
			stage: v.picklist(['profile', 'scope']),
			kind: v.picklist(['single', 'multi', 'boolean', 'text', 'longtext', 'date', 'number']),
			prompt: Text,
			help: v.optional(Text),
			options: v.optional(
				v.pipe(v.array(ChoiceOptionSchema), v.nonEmpty('must list at least one option'))
			),
			required: v.optional(v.boolean()),
			when: v.optional(ConditionSchema),
			placeholder: v.optional(Text)
		})
	)
});

/** questions/vendors.yaml */
export const VendorsFileSchema = v.strictObject({
	kinds: v.array(
		v.strictObject({
			id: KebabId,
			name: Text,
			examples: Text,
			servicesExample: Text,
			usuallySubservice: v.picklist(['yes', 'often', 'sometimes', 'usually-vendor']),
			defaultMethod: v.picklist(['carve-out', 'inclusive']),
			guidance: Text,
			subserviceWhen: v.optional(ConditionSchema),
			subserviceWhenText: v.optional(Text),
			csocs: v.array(Text),
			companyKeeps: Text,
			criteria: CriteriaList
		})
	),
	questions: v.array(v.strictObject({ id: KebabId, prompt: Text, help: v.optional(Text) }))
});

/** questions/category-rules.yaml */
export const CategoryRulesFileSchema = v.strictObject({
	overScopingWarning: Text,
	rules: v.array(
		v.strictObject({
			id: pattern(RULE_ID, 'a dotted id like "rule.availability.uptime-sla"'),
			category: OptionalCategorySchema,
			when: ConditionSchema,
			strength: v.picklist(['strong', 'medium', 'weak']),
			reason: Text
		})
	),
	scopeNotes: v.array(
		v.strictObject({
			id: pattern(RULE_ID, 'a dotted id like "note.pci-dss"'),
			when: ConditionSchema,
			text: Text
		})
	)
});

/** questions/cuecs.yaml */
export const CuecsFileSchema = v.strictObject({
	cuecs: v.array(
		v.strictObject({
			id: pattern(CUEC_ID, 'an id like "CUEC-ACCESS-01"'),
			area: Text,
			text: Text,
			criteria: CriteriaList,
			when: v.optional(ConditionSchema),
			whenText: Text
		})
	)
});

const RemediationSchema = v.strictObject({
	id: pattern(REMEDIATION_ID, 'an id like "rem.cc6-mfa.enforce"'),
	action: Text,
	ownerRole: Text,
	effort: v.picklist(['S', 'M', 'L']),
	kind: v.picklist(ACTION_KINDS, 'must be design, evidence, recurring or improvement'),
	acceptance: TextList,
	evidence: TextList,
	dependsOn: v.optional(v.array(v.string()), () => []),
	quickWin: v.optional(v.boolean(), false),
	appliesBelow: v.optional(v.picklist([1, 2, 3, 4, 5]), 3),
	teamPath: v.optional(v.picklist(['small', 'standard'], 'must be small or standard'))
});

const MaturityQuestionSchema = v.strictObject({
	id: KebabId,
	criteria: CriteriaList,
	title: Text,
	prompt: Text,
	why: Text,
	level3: Text,
	level4: Text,
	evidence: TextList,
	criticality: v.picklist([1, 2, 3, 4, 5]),
	weight: v.optional(
		v.pipe(v.number(), v.minValue(0.5, 'must be at least 0.5'), v.maxValue(3, 'must be at most 3')),
		1
	),
	key: v.optional(v.boolean()),
	naNeedsReason: v.optional(v.boolean()),
	when: v.optional(ConditionSchema),
	skipReason: v.optional(Text),
	smallTeam: v.optional(
		v.strictObject({
			when: ConditionSchema,
			whenText: Text,
			text: Text,
			evidence: v.pipe(v.array(Text), v.nonEmpty('must list the evidence of the path'))
		})
	),
	gapRefs: v.optional(v.array(pattern(GAP_REF, 'a common-gap id like "GAP-06"'))),
	remediation: v.pipe(v.array(RemediationSchema), v.nonEmpty('must list at least one remediation'))
});

/** questions/maturity/<area>.yaml */
export const MaturityFileSchema = v.strictObject({
	area: AreaIdSchema,
	questions: v.pipe(v.array(MaturityQuestionSchema), v.nonEmpty('must list at least one question'))
});

/**
 * A custom question, added in the app to one assessment or to a firm's library: a maturity
 * question with its area, under the same schema as the bank's own questions. `retired` keeps a
 * question's id (and the answers given to it) but no longer asks, scores or plans it. The
 * cross-checks against the bank are in `checkCustomQuestions` (compile.ts).
 */
export const CustomQuestionSchema = v.strictObject({
	...MaturityQuestionSchema.entries,
	area: AreaIdSchema,
	retired: v.optional(v.boolean())
});

export const CustomQuestionsSchema = v.array(CustomQuestionSchema);

/**
 * questions/points-of-focus.yaml: every point of focus of every criterion, numbered as the AICPA
 * numbers it, mapped to the maturity questions that ask for it (and where: prompt, level 3 or
 * level 4 text), or marked not applicable / a known gap with a reason. Cross-checks (each point
 * exactly once, numbering, question ids, scope, coverage) are in `points-of-focus.ts`.
 */
export const PointsOfFocusFileSchema = v.strictObject({
	criteria: v.array(
		v.strictObject({
			criterion: CriterionId,
			points: v.pipe(
				v.array(
					v.strictObject({
						n: v.pipe(v.number(), v.integer(), v.minValue(1, 'must be 1 or more')),
						name: Text,
						text: Text,
						category: v.optional(OptionalCategorySchema),
						coveredBy: v.optional(
							v.record(
								KebabId,
								v.picklist(
									['prompt', 'level3', 'level4'],
									'must be prompt, level3 or level4 (help, evidence and remediation text do not count as asking)'
								)
							)
						),
						notApplicable: v.optional(Text),
						gap: v.optional(Text)
					})
				),
				v.nonEmpty('must list at least one point of focus')
			)
		})
	)
});

/**
 * questions/evidence-requests.yaml: the evidence request list (PBC) an auditor is likely to send,
 * each request tied to criteria and to the questions whose answers show whether it is ready.
 * Cross-checks (unique ids, criteria of the request's category, question ids asked for that
 * category, owner roles, every criterion served) are in `evidence-requests.ts`.
 */
export const EvidenceRequestsFileSchema = v.strictObject({
	requests: v.pipe(
		v.array(
			v.strictObject({
				id: KebabId,
				area: v.picklist(REQUEST_AREAS, `must be one of ${REQUEST_AREAS.join(', ')}`),
				category: v.optional(CategorySchema, 'security'),
				item: Text,
				provide: Text,
				population: v.optional(Text),
				frequency: v.picklist(
					REQUEST_FREQUENCIES,
					`must be one of ${REQUEST_FREQUENCIES.join(', ')}`
				),
				owner: Text,
				criteria: CriteriaList,
				questions: v.pipe(v.array(KebabId), v.nonEmpty('must list at least one question'))
			})
		),
		v.nonEmpty('must list at least one request')
	)
});

export type EvidenceRequestsFile = v.InferOutput<typeof EvidenceRequestsFileSchema>;
export type PointsOfFocusFile = v.InferOutput<typeof PointsOfFocusFileSchema>;
export type BankMetaFile = v.InferOutput<typeof BankMetaFileSchema>;
export type AreasFile = v.InferOutput<typeof AreasFileSchema>;
export type CriteriaFile = v.InferOutput<typeof CriteriaFileSchema>;
export type ProfileFile = v.InferOutput<typeof ProfileFileSchema>;
export type VendorsFile = v.InferOutput<typeof VendorsFileSchema>;
export type CategoryRulesFile = v.InferOutput<typeof CategoryRulesFileSchema>;
export type CuecsFile = v.InferOutput<typeof CuecsFileSchema>;
export type MaturityFile = v.InferOutput<typeof MaturityFileSchema>;
