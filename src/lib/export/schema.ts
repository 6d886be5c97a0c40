/**
 * The assessment export format, as valibot schemas. This file is the single source of truth:
 * import validates with it, and `docs/assessment.schema.json` is generated from it (see
 * json-schema.test.ts). Human documentation: `docs/export-format.md`.
 *
 * Format version 2 adds `yjs` (the assessment's document, for merging copies); the `assessment`
 * part is unchanged, so tools that read version 1 read it as before.
 *
 * Compatibility rules (formatVersion 1 and 2):
 * - Objects are "loose": fields this version does not know are kept as they are, so a file
 *   written by a slightly newer app of the same format version loses nothing when it passes
 *   through this one.
 * - Fields added after the first release are optional with a default, so older files are
 *   normalised on import (Excalidraw-style restore).
 * - A change that older readers would misread bumps `formatVersion`; a reader refuses any
 *   version it does not know, with a message telling the user to update.
 */
import * as v from 'valibot';
import { isIsoDate, isIsoTimestamp } from '$lib/domain/dates';
import * as fields from '$lib/domain/fields';
import { FIELD_LIMITS as L, type FieldResult } from '$lib/domain/fields';
import { withVendorRole } from '$lib/domain/vendors';
import { OPTIONAL_CATEGORY_IDS } from '$lib/domain/types';

export const FORMAT = 'soc2-readiness-assessment';
/** The version this app writes. It reads every version from 1 up to it (READABLE_VERSIONS). */
export const FORMAT_VERSION = 2;
export const READABLE_VERSIONS = [1, 2] as const;
/** Longest `yjs.state` (base64) an import accepts: 16 MB of text, far above a real document. */
export const MAX_YJS_STATE_CHARS = 16_000_000;
export const ENCRYPTED_FORMAT = 'soc2-readiness-encrypted';
export const ENCRYPTED_FORMAT_VERSION = 1;

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

const text = (max: number, what = 'text') =>
	v.pipe(v.string(`must be ${what}`), v.maxLength(max, `is longer than ${max} characters`));

/** An editable field over its limit: the same limit as on every screen, and what to do. */
const tooLong = (max: number) =>
	`is longer than ${max.toLocaleString('en-GB')} characters, the limit the app keeps to on every screen; shorten it in the file and import it again`;

/** The words of an import message for a value the field's validator refused. */
function refusal(r: Extract<FieldResult<unknown>, { ok: false }>): string {
	if (r.problem === 'empty') return 'must not be empty';
	if (r.problem === 'too-long') return tooLong(r.max ?? 0);
	return `is not accepted (${r.message})`;
}

/**
 * Runs the field's validator from `$lib/domain/fields` (the one every screen uses). With
 * `blankAllowed`, an empty value passes: older files may hold one (an assessor or an evidence
 * name left blank), and the screens then ask for it.
 */
const byValidator = (
	validate: (input: unknown) => FieldResult<unknown>,
	opts: { blankAllowed?: boolean } = {}
) =>
	v.rawCheck<string>(({ dataset, addIssue }) => {
		if (!dataset.typed || dataset.issues) return;
		const r = validate(dataset.value);
		if (r.ok || (opts.blankAllowed && r.problem === 'empty')) return;
		addIssue({ message: refusal(r) });
	});

/**
 * A user-editable text field: its limit (also stated in the JSON Schema) and its validator.
 */
const field = (
	validate: (input: unknown) => FieldResult<unknown>,
	max: number,
	opts: { blankAllowed?: boolean } = {}
) => v.pipe(v.string('must be text'), v.maxLength(max, tooLong(max)), byValidator(validate, opts));

const id = (what = 'an identifier') =>
	v.pipe(
		v.string(`must be ${what}`),
		v.minLength(1, 'must not be empty'),
		v.maxLength(200, 'is longer than 200 characters')
	);

// v.isoDate alone accepts 2026-02-30; the calendar check (the one the screens use) refuses it.
const isoDate = v.pipe(
	v.string('must be a date like 2026-03-31'),
	v.isoDate('must be a date like 2026-03-31'),
	v.check((s: string) => isIsoDate(s), 'is not a real calendar date')
);

/** A date that may be absent: null, or an empty string (an emptied date input) read as null. */
const optionalDate = v.optional(
	v.pipe(
		v.nullable(v.union([isoDate, v.literal('')], 'must be a date like 2026-03-31, or null')),
		v.transform((d) => (d === '' ? null : d))
	),
	null
);

const timestamp = v.pipe(
	v.string('must be a timestamp like 2026-03-31T09:30:00.000Z'),
	v.maxLength(40, 'is not a timestamp'),
	v.isoTimestamp('must be a timestamp like 2026-03-31T09:30:00.000Z'),
	v.check((s: string) => isIsoTimestamp(s), 'is not a real calendar date and time')
);

const SHORT = 1_000;

/** Bounds on what an import may carry (far above real use; they refuse junk quickly). */
export const IMPORT_LIMITS = {
	answers: 5_000,
	profile: 2_000,
	planOverrides: 5_000,
	requestsPrepared: 5_000,
	evidencePerAnswer: 500,
	subservices: 1_000,
	cuecs: 5_000,
	/** As many as a firm library may hold. */
	customQuestions: 500,
	ownerRoles: 200
} as const;

// ---------------------------------------------------------------------------
// Assessment parts (field names and meaning: src/lib/domain/types.ts)
// ---------------------------------------------------------------------------

export const EvidencePointerSchema = v.looseObject({
	id: id(),
	name: field(fields.evidenceName, L.evidenceName, { blankAllowed: true }),
	location: v.pipe(
		field(fields.evidenceLocation, L.evidenceLocation),
		v.description('URL or path. Always shown as text; only http(s) URLs may become links.')
	),
	owner: v.optional(field(fields.evidenceOwner, L.evidenceOwner)),
	sha256: v.optional(
		v.pipe(
			v.string('must be a SHA-256 hash'),
			v.regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (a SHA-256 hash)')
		)
	)
});

export const MaturityAnswerSchema = v.looseObject({
	value: v.optional(
		v.nullable(
			v.picklist(
				[0, 1, 2, 3, 4, 5, 'unknown', 'na'],
				'must be a maturity level 0–5, "unknown", "na" or null'
			)
		),
		null
	),
	naReason: v.optional(field(fields.naReason, L.naReason)),
	note: v.optional(field(fields.answerNote, L.note)),
	evidence: v.optional(
		v.pipe(
			v.array(EvidencePointerSchema, 'must be a list'),
			v.maxLength(IMPORT_LIMITS.evidencePerAnswer, 'lists more than 500 evidence pointers')
		),
		[]
	),
	updatedAt: v.optional(text(64), '')
});

const ProfileAnswerSchema = v.nullable(
	v.union(
		[
			field(fields.profileText, L.profileText),
			v.pipe(v.array(text(SHORT)), v.maxLength(1_000)),
			v.boolean(),
			v.pipe(v.number(), v.finite())
		],
		'must be text, a list of option ids, true/false, a number or null'
	)
);

/**
 * A vendor. `role` (subservice organisation or ordinary vendor) and `reportPeriodEnd` arrived
 * after format version 1 was published: a file without them still imports, and its vendors are
 * classified as the database upgrade classifies stored ones (legacyVendorRole).
 */
export const SubserviceOrgSchema = v.pipe(
	v.looseObject({
		id: id(),
		name: field(fields.vendorName, L.vendorName),
		kind: field(fields.vendorKind, L.vendorKind),
		role: v.optional(v.picklist(['subservice', 'vendor'], 'must be "subservice" or "vendor"')),
		services: v.optional(field(fields.vendorServices, L.vendorServices), ''),
		method: v.picklist(['carve-out', 'inclusive'], 'must be "carve-out" or "inclusive"'),
		socReport: v.picklist(
			['type2', 'type1', 'iso27001', 'none', 'unknown'],
			'must be one of type2, type1, iso27001, none, unknown'
		),
		reportReviewed: v.optional(v.boolean('must be true or false'), false),
		reviewDate: optionalDate,
		// No default: a file without it imports unchanged (absent = not recorded).
		reportPeriodEnd: v.optional(
			v.pipe(
				v.nullable(v.union([isoDate, v.literal('')], 'must be a date like 2026-03-31, or null')),
				v.transform((d) => (d === '' ? null : d))
			)
		),
		csocs: v.optional(
			v.pipe(
				v.array(field(fields.csocText, L.csoc, { blankAllowed: true }), 'must be a list'),
				v.maxLength(1_000, 'lists more than 1,000')
			),
			[]
		),
		notes: v.optional(field(fields.vendorNotes, L.vendorNotes))
	}),
	v.transform(withVendorRole)
);

export const CuecSchema = v.looseObject({
	id: id(),
	templateId: v.optional(v.nullable(text(SHORT)), null),
	area: v.optional(field(fields.cuecArea, L.cuecArea), ''),
	text: field(fields.cuecText, L.cuecText),
	criteria: v.optional(
		v.pipe(v.array(text(50), 'must be a list'), v.maxLength(200, 'lists more than 200')),
		[]
	)
});

export const BrandingSchema = v.looseObject({
	logoDataUrl: v.optional(
		v.nullable(
			v.pipe(
				v.string('must be text'),
				v.maxLength(L.logoDataUrl, 'is larger than the 1.5 MB a logo may have'),
				v.regex(
					/^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/=\s]*$/,
					'must be a PNG, JPEG, WebP or GIF image as a data: URL'
				),
				byValidator(fields.logoDataUrl)
			)
		),
		null
	),
	brandColor: v.optional(
		v.nullable(
			v.pipe(
				v.string('must be text'),
				v.hexColor('must be a colour like #1d3a5f'),
				byValidator(fields.brandColor)
			)
		),
		null
	)
});

export const AssessmentMetaSchema = v.looseObject({
	organisation: v.pipe(
		v.string('must be text'),
		v.minLength(1, 'must not be empty'),
		v.maxLength(L.organisation, tooLong(L.organisation)),
		byValidator(fields.organisationName)
	),
	assessor: field(fields.assessorName, L.assessor, { blankAllowed: true }),
	assessmentDate: isoDate,
	targetReportDate: optionalDate,
	planStartDate: optionalDate,
	branding: v.optional(BrandingSchema, {})
});

const PlanOverrideSchema = v.looseObject({
	ownerRole: v.optional(field(fields.planOwnerRole, L.planOwnerRole)),
	done: v.optional(v.boolean('must be true or false'))
});

const key = v.pipe(
	v.string(),
	v.minLength(1, 'has an empty key'),
	v.maxLength(200, 'has a key longer than 200 characters')
);

/**
 * An object keyed by id with at most `max` entries. (valibot's record would also read a JSON
 * array `[x]` as `{ "0": x }`: `KEYED_FIELDS` are checked for that before this schema runs.)
 */
const keyed = <T extends v.GenericSchema>(value: T, max: number) =>
	v.pipe(
		v.record(key, value, 'must be an object keyed by id'),
		v.maxEntries(max, `has more than ${max.toLocaleString('en-GB')} entries`)
	);

/** Fields of `assessment` that are objects keyed by id, and what their keys are. */
export const KEYED_FIELDS = {
	profile: 'question id',
	answers: 'question id',
	planOverrides: 'remediation id',
	requestsPrepared: 'evidence request id',
	ownerRoles: 'owner role',
	carried: 'question id'
} as const;

/**
 * The assessment's custom questions: here only a list of objects with an id and an area, within
 * the limit. Every question is then checked against the app's question bank, with the bank's own
 * schema and cross-checks (`checkImportedCustomQuestions` in custom.ts), before anything is
 * stored; the published JSON Schema spells out the question's fields (json-schema.ts).
 */
export const CustomQuestionsImportSchema = v.pipe(
	v.array(
		v.looseObject(
			{ id: id('the id of a custom question'), area: v.string('must be an area id like A1') },
			'must be an object (a custom question)'
		),
		'must be a list'
	),
	v.maxLength(
		IMPORT_LIMITS.customQuestions,
		`lists more than ${IMPORT_LIMITS.customQuestions} custom questions`
	),
	v.description(
		'Questions added in the app for this assessment (or copied from a firm library), with the fields of a maturity question of the bank plus `area` and `retired`; see docs/bank-authoring.md. Checked against the app’s question bank on import.'
	)
);

export const AssessmentSchema = v.looseObject({
	id: v.pipe(
		v.string('must be text'),
		v.regex(
			/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
			'must be 1–128 letters, digits, dots, dashes, underscores or colons'
		),
		v.description('Stable identifier; importing a file whose id exists asks: replace or keep both.')
	),
	meta: AssessmentMetaSchema,
	profile: v.optional(keyed(ProfileAnswerSchema, IMPORT_LIMITS.profile), {}),
	subservices: v.optional(
		v.pipe(
			v.array(SubserviceOrgSchema, 'must be a list'),
			v.maxLength(IMPORT_LIMITS.subservices, 'lists more than 1,000 vendors')
		),
		[]
	),
	categories: v.optional(
		v.pipe(
			v.array(
				v.picklist(
					OPTIONAL_CATEGORY_IDS,
					`must be one of ${OPTIONAL_CATEGORY_IDS.join(', ')} (security is implicit)`
				)
			),
			v.maxLength(OPTIONAL_CATEGORY_IDS.length * 4),
			v.transform((cs) => [...new Set(cs)])
		),
		[]
	),
	categoriesConfirmed: v.optional(v.boolean('must be true or false'), false),
	cuecs: v.optional(
		v.pipe(
			v.array(CuecSchema, 'must be a list'),
			v.maxLength(IMPORT_LIMITS.cuecs, 'lists more than 5,000 CUECs')
		),
		[]
	),
	answers: v.optional(keyed(MaturityAnswerSchema, IMPORT_LIMITS.answers), {}),
	planOverrides: v.optional(keyed(PlanOverrideSchema, IMPORT_LIMITS.planOverrides), {}),
	interview: v.optional(
		v.nullable(
			v.looseObject(
				{
					version: v.pipe(v.number('must be a number'), v.integer('must be a whole number')),
					snapshot: v.unknown()
				},
				'must be an object or null'
			)
		),
		null
	),
	createdAt: timestamp,
	updatedAt: timestamp,
	lastExportedAt: v.optional(v.nullable(timestamp), null),
	/** Added after the first release (issue 22); absent = none (no default: older files stay as they were). */
	customQuestions: v.optional(CustomQuestionsImportSchema),
	ownerRoles: v.optional(
		v.pipe(
			keyed(field(fields.ownerRoleName, L.planOwnerRole), IMPORT_LIMITS.ownerRoles),
			v.check(
				(r) => Object.keys(r).every((k) => fields.ownerRoleName(k).ok),
				`has a role that is blank or longer than ${L.planOwnerRole.toLocaleString('en-GB')} characters`
			),
			v.description(
				'The names this assessment uses for the plan’s owner roles: the bank’s role (or the role a small team folds it into) → the name used instead.'
			)
		)
	),
	reportIntroduction: v.optional(
		v.pipe(
			field(fields.reportIntroduction, L.reportIntroduction),
			v.description('Introduction or disclaimer paragraph printed at the start of the report.')
		)
	),
	/** Added with re-assessments (issue 20); absent = not a re-assessment. */
	reassessmentOf: v.optional(
		v.pipe(
			v.object(
				{ id: id('the id of the earlier assessment'), assessedOn: isoDate },
				'must be an object with the earlier assessment’s id and date'
			),
			v.description(
				'The assessment this one re-assesses: its id (it may not be on the device that reads the file) and its assessment date.'
			)
		)
	),
	/** Added with re-assessments (issue 20); absent = no carried answers. */
	carried: v.optional(
		v.pipe(
			keyed(
				v.object(
					{
						confirmedAt: v.optional(timestamp),
						changed: v.optional(v.boolean('must be true or false'))
					},
					'must be an object'
				),
				IMPORT_LIMITS.answers
			),
			v.description(
				'Answers carried over from the earlier assessment: question id → when the assessor confirmed it (`confirmedAt`) and whether the answer was changed since (`changed`). Neither: still to confirm or change.'
			)
		)
	),
	/** Added after the first release; absent = nothing marked prepared (no default, so older files stay as they were). */
	requestsPrepared: v.optional(
		v.pipe(
			keyed(timestamp, IMPORT_LIMITS.requestsPrepared),
			v.description(
				'Evidence requests marked prepared: evidence request id → timestamp of the mark.'
			)
		)
	)
});

const AppSchema = v.looseObject({
	name: text(200),
	version: text(50)
});

/** First look at a parsed file: which format and version does it claim? */
export const HeaderSchema = v.looseObject({
	format: v.string(),
	formatVersion: v.pipe(v.number(), v.integer(), v.minValue(1))
});

/**
 * What a merge needs (format version 2): the assessment's Yjs document as one encoded update,
 * and the lineage it belongs to (copies of one lineage merge with Yjs; others merge their plain
 * data). Readers that do not merge ignore it: `assessment` holds the same data.
 */
export const YjsStateSchema = v.pipe(
	v.looseObject({
		encoding: v.literal('yjs-update-v1', 'must be "yjs-update-v1"'),
		lineage: id('the document lineage'),
		state: v.pipe(
			v.string('must be base64 text'),
			v.maxLength(MAX_YJS_STATE_CHARS, 'is larger than an assessment document can be'),
			v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64 text')
		)
	}),
	v.description(
		'The assessment as a Yjs document (Y.encodeStateAsUpdate, base64), for merging two copies answer by answer. Optional: without it the file imports and merges from `assessment`.'
	)
);

export const ExportDocumentSchema = v.pipe(
	v.looseObject({
		format: v.literal(FORMAT),
		formatVersion: v.picklist(READABLE_VERSIONS, 'must be 1 or 2'),
		exportedAt: timestamp,
		app: AppSchema,
		assessment: AssessmentSchema,
		yjs: v.optional(YjsStateSchema)
	}),
	v.title('SOC 2 Readiness assessment export'),
	v.description(
		'One assessment exported from SOC 2 Readiness (format version 2; version 1 files, without `yjs`, are read too). See docs/export-format.md.'
	)
);

const base64 = (max: number) =>
	v.pipe(
		v.string('must be base64 text'),
		v.maxLength(max),
		v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64 text')
	);

export const EncryptedEnvelopeSchema = v.pipe(
	v.looseObject({
		format: v.literal(ENCRYPTED_FORMAT),
		formatVersion: v.literal(ENCRYPTED_FORMAT_VERSION),
		exportedAt: timestamp,
		app: AppSchema,
		kdf: v.object({
			name: v.literal('PBKDF2'),
			hash: v.literal('SHA-256'),
			iterations: v.pipe(
				v.number(),
				v.integer(),
				v.minValue(600_000, 'must be at least 600,000'),
				v.maxValue(10_000_000, 'must be at most 10,000,000')
			),
			salt: v.pipe(base64(64), v.minLength(22, 'must be at least 16 bytes'))
		}),
		cipher: v.object({
			name: v.literal('AES-GCM'),
			keyLength: v.literal(256),
			iv: v.pipe(base64(24), v.length(16, 'must be 12 bytes'))
		}),
		passphraseCheck: base64(64),
		ciphertext: base64(30_000_000)
	}),
	v.title('SOC 2 Readiness encrypted assessment export'),
	v.description(
		'An export encrypted with a passphrase: AES-GCM-256 with a key from PBKDF2-SHA-256. The plaintext is a complete assessment export document.'
	)
);

export type ExportDocument = v.InferOutput<typeof ExportDocumentSchema>;
export type EncryptedEnvelope = v.InferOutput<typeof EncryptedEnvelopeSchema>;
