/**
 * One validator per field a person can edit in an assessment. Every screen (create dialog,
 * Start stage, rename, duplicate, branding, vendor cards, CUECs, evidence, question cards,
 * profile answers) and the import schema (`src/lib/export/schema.ts`) call these functions, so a
 * value one of them accepts is accepted by all of them.
 *
 * Each validator takes what was typed (or read from a file) and returns either the value to store
 * (normalised: trimmed names, `null` for an emptied optional date, `#rrggbb` colours) or a plain
 * message that names the field and says what to do.
 *
 * The limits are the largest the app has ever let anyone store (the import limits of export
 * format 1), so every older export and every existing database still imports and opens. Plain
 * TypeScript, no valibot: screens that only edit do not load it.
 */
import { isIsoDate } from './dates';
import type { Branding } from './types';

export type FieldProblem = 'empty' | 'too-long' | 'invalid';

export type FieldResult<T> =
	{ ok: true; value: T } | { ok: false; problem: FieldProblem; message: string; max?: number };

/** Longest value of each text field, in UTF-16 code units (what `maxlength` counts). */
export const FIELD_LIMITS = {
	organisation: 500,
	assessor: 500,
	vendorName: 1_000,
	vendorKind: 1_000,
	vendorServices: 100_000,
	vendorNotes: 100_000,
	csoc: 100_000,
	cuecArea: 1_000,
	cuecText: 100_000,
	naReason: 100_000,
	note: 100_000,
	evidenceName: 1_000,
	evidenceLocation: 5_000,
	evidenceOwner: 1_000,
	planOwnerRole: 1_000,
	libraryName: 200,
	reportIntroduction: 5_000,
	profileText: 100_000,
	/** Characters of a logo `data:` URL (a 1.5 MB image in base64). */
	logoDataUrl: 2_000_000
} as const;

/** The organisation name limit (also used to fit derived names such as "… (copy)"). */
export const ORGANISATION_MAX = FIELD_LIMITS.organisation;

/** Largest logo file a person may choose, in bytes (checked by `logoFileProblem`). */
export const MAX_LOGO_BYTES = 300 * 1024;

/**
 * A same-day target is accepted (the engine then reports it cannot be met); an earlier one is
 * refused, with these words.
 */
export const TARGET_BEFORE_ASSESSMENT =
	'The target report date cannot be before the assessment date.';

const n = (x: number) => x.toLocaleString('en-GB');

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const bad = <T>(problem: FieldProblem, message: string, max?: number): FieldResult<T> =>
	max === undefined ? { ok: false, problem, message } : { ok: false, problem, message, max };

interface TextRule {
	/** Words for the field in a message: "the organisation name". */
	what: string;
	max: number;
	/** Message when the value is blank; absent: blank is allowed (stored as typed, trimmed). */
	required?: string;
	/** Keep the text as typed (notes, long answers); otherwise leading/trailing space goes. */
	keepSpace?: boolean;
}

function textField(input: unknown, rule: TextRule): FieldResult<string> {
	if (typeof input !== 'string') return bad('invalid', `Write ${rule.what} as text.`);
	// The limit applies to the text as given (what `maxlength` and an export's JSON Schema count).
	if (input.length > rule.max) {
		return bad(
			'too-long',
			`Keep ${rule.what} to ${n(rule.max)} characters or fewer (this one has ${n(input.length)}).`,
			rule.max
		);
	}
	const value = rule.keepSpace ? input : input.trim();
	if (rule.required && value.trim() === '') return bad('empty', rule.required);
	return ok(value);
}

// ---------------------------------------------------------------------------
// Assessment details
// ---------------------------------------------------------------------------

export const organisationName = (input: unknown) =>
	textField(input, {
		what: 'the organisation name',
		max: FIELD_LIMITS.organisation,
		required: 'Enter the name of the organisation being assessed.'
	});

export const assessorName = (input: unknown) =>
	textField(input, {
		what: 'the assessor’s name',
		max: FIELD_LIMITS.assessor,
		required: 'Enter who is running the assessment (you, or the consultant).'
	});

export function assessmentDate(input: unknown): FieldResult<string> {
	if (input === '' || input === null || input === undefined) {
		return bad('empty', 'Enter the date of the assessment.');
	}
	return isIsoDate(input)
		? ok(input as string)
		: bad('invalid', 'Enter the assessment date as a full date, for example 2026-03-31.');
}

function optionalDate(input: unknown, message: string): FieldResult<string | null> {
	if (input === '' || input === null || input === undefined) return ok(null);
	return isIsoDate(input) ? ok(input as string) : bad('invalid', message);
}

/**
 * The target report date (optional). With `assessmentDate`, a target before it is refused; a
 * stored pair can still end up that way when the assessment date moves later, which the engine
 * reports, so import checks the field alone.
 */
export function targetReportDate(
	input: unknown,
	assessmentDate?: string,
	/**
	 * A re-assessment's new target (issue 20): `required`, and strictly after `after` (today), so
	 * a target carried from an old assessment that has already passed is never taken over.
	 */
	rules: { required?: boolean; after?: string } = {}
): FieldResult<string | null> {
	if (rules.required && (input === '' || input === null || input === undefined))
		return bad('empty', 'Enter the new target report date.');
	if (rules.after && isIsoDate(input) && isIsoDate(rules.after) && input <= rules.after)
		return bad('invalid', `The new target report date must be after today (${rules.after}).`);
	const r = optionalDate(
		input,
		'Enter the target report date as a full date, for example 2026-09-30, or leave it empty.'
	);
	if (r.ok && r.value && assessmentDate && isIsoDate(assessmentDate) && r.value < assessmentDate) {
		return bad('invalid', TARGET_BEFORE_ASSESSMENT);
	}
	return r;
}

export const planStartDate = (input: unknown) =>
	optionalDate(
		input,
		'Enter the plan start date as a full date, or leave it empty to use the assessment date.'
	);

// ---------------------------------------------------------------------------
// Branding
// ---------------------------------------------------------------------------

/**
 * The brand colour: a hex code with or without "#", of 3, 4, 6 or 8 digits (an alpha part is
 * dropped: the report prints opaque colours). Empty or null: the default colour (null).
 */
export function brandColor(input: unknown): FieldResult<string | null> {
	if (input === null || input === undefined) return ok(null);
	if (typeof input !== 'string')
		return bad('invalid', 'Write the colour as a hex code such as #1d3a5f.');
	const t = input.trim();
	if (t === '') return ok(null);
	const m = /^#?([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(t);
	if (!m) return bad('invalid', 'Write the colour as a hex code such as #1d3a5f.');
	let hex = m[1]!.toLowerCase();
	if (hex.length <= 4) hex = [...hex.slice(0, 3)].map((c) => c + c).join('');
	return ok(`#${hex.slice(0, 6)}`);
}

const LOGO_URL = /^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/=\s]*$/;

/** The stored logo: a PNG, JPEG, WebP or GIF `data:` URL, or null for none. */
export function logoDataUrl(input: unknown): FieldResult<string | null> {
	if (input === null || input === undefined || input === '') return ok(null);
	if (typeof input !== 'string' || !LOGO_URL.test(input)) {
		return bad('invalid', 'The logo must be a PNG, JPEG, WebP or GIF image.');
	}
	if (input.length > FIELD_LIMITS.logoDataUrl) {
		return bad(
			'too-long',
			'The logo is larger than the 1.5 MB an assessment can hold; choose a smaller image.',
			FIELD_LIMITS.logoDataUrl
		);
	}
	return ok(input);
}

/** The branding as a whole: each of its fields checked; fields it does not know are kept. */
export function branding(input: unknown): FieldResult<Branding> {
	if (input === null || input === undefined) return ok({});
	if (typeof input !== 'object' || Array.isArray(input)) {
		return bad('invalid', 'The branding must be a logo and a colour.');
	}
	const b = input as Record<string, unknown>;
	const logo = logoDataUrl(b.logoDataUrl);
	if (!logo.ok) return logo;
	const color = brandColor(b.brandColor);
	if (!color.ok) return color;
	return ok({ ...b, logoDataUrl: logo.value, brandColor: color.value });
}

export type LogoKind = 'png' | 'jpeg';

/** The image type from a file's first bytes, or null when it is neither PNG nor JPEG. */
export function sniffLogo(bytes: Uint8Array): LogoKind | null {
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
		return 'jpeg';
	}
	return null;
}

/**
 * Why a chosen file cannot become the logo (judged by its first bytes and its size), or null
 * when it can. A new logo is a PNG or JPEG of at most `MAX_LOGO_BYTES`.
 */
export function logoFileProblem(bytes: Uint8Array, size = bytes.length): string | null {
	if (size === 0) return 'This file is empty.';
	if (!sniffLogo(bytes)) return 'Choose a PNG or JPEG image; this file is neither.';
	if (size > MAX_LOGO_BYTES) {
		return `This image is ${Math.ceil(size / 1024)} KB; the logo can be at most ${MAX_LOGO_BYTES / 1024} KB. Export a smaller version (for example 600 pixels wide).`;
	}
	return null;
}

// ---------------------------------------------------------------------------
// Vendors, CSOCs and CUECs
// ---------------------------------------------------------------------------

/** A vendor's name. A new vendor card starts blank; the Scope stage asks for the name. */
export const vendorName = (input: unknown) =>
	textField(input, { what: 'the vendor name', max: FIELD_LIMITS.vendorName });

export const vendorKind = (input: unknown) =>
	textField(input, { what: 'the vendor kind', max: FIELD_LIMITS.vendorKind });

export const vendorServices = (input: unknown) =>
	textField(input, {
		what: 'what the vendor does',
		max: FIELD_LIMITS.vendorServices,
		keepSpace: true
	});

export const vendorNotes = (input: unknown) =>
	textField(input, { what: 'the vendor notes', max: FIELD_LIMITS.vendorNotes, keepSpace: true });

export const vendorDate = (input: unknown) =>
	optionalDate(input, 'Enter a full date, for example 2026-03-31, or leave it empty.');

/** One control a subservice organisation operates (CSOC). */
export const csocText = (input: unknown) =>
	textField(input, {
		what: 'the control',
		max: FIELD_LIMITS.csoc,
		required: 'Describe the control before adding it.'
	});

export const cuecArea = (input: unknown) =>
	textField(input, { what: 'the area', max: FIELD_LIMITS.cuecArea });

/** A CUEC's wording. A new custom CUEC starts blank; the CUEC stage asks for the wording. */
export const cuecText = (input: unknown) =>
	textField(input, { what: 'the CUEC wording', max: FIELD_LIMITS.cuecText, keepSpace: true });

// ---------------------------------------------------------------------------
// Answers, evidence and the plan
// ---------------------------------------------------------------------------

export const naReason = (input: unknown) =>
	textField(input, { what: 'the reason', max: FIELD_LIMITS.naReason, keepSpace: true });

export const answerNote = (input: unknown) =>
	textField(input, { what: 'the note', max: FIELD_LIMITS.note, keepSpace: true });

export const evidenceName = (input: unknown) =>
	textField(input, {
		what: 'the evidence name',
		max: FIELD_LIMITS.evidenceName,
		required: 'Give the evidence a name.'
	});

/** Where the evidence lives (URL or path). May be empty when a file fingerprint is given. */
export const evidenceLocation = (input: unknown) =>
	textField(input, { what: 'the location', max: FIELD_LIMITS.evidenceLocation });

export const evidenceOwner = (input: unknown) =>
	textField(input, { what: 'the owner', max: FIELD_LIMITS.evidenceOwner });

export function evidenceSha256(input: unknown): FieldResult<string> {
	return typeof input === 'string' && /^[0-9a-f]{64}$/i.test(input)
		? ok(input.toLowerCase())
		: bad('invalid', 'The fingerprint must be a SHA-256 hash (64 hexadecimal characters).');
}

export const planOwnerRole = (input: unknown) =>
	textField(input, { what: 'the owner role', max: FIELD_LIMITS.planOwnerRole });

// ---------------------------------------------------------------------------
// Firm library and report wording
// ---------------------------------------------------------------------------

export const libraryName = (input: unknown) =>
	textField(input, {
		what: 'the library name',
		max: FIELD_LIMITS.libraryName,
		required: 'Give the library a name, such as your firm’s.'
	});

/** A name for one of the plan's owner roles (a firm library's or an assessment's). */
export const ownerRoleName = (input: unknown) =>
	textField(input, {
		what: 'the role name',
		max: FIELD_LIMITS.planOwnerRole,
		required: 'A role name must not be empty (leave the role out to keep its own name).'
	});

/** The introduction or disclaimer paragraph printed at the start of the report. */
export const reportIntroduction = (input: unknown) =>
	textField(input, { what: 'the introduction', max: FIELD_LIMITS.reportIntroduction });

/** A free-text profile answer (short or long); blank is no answer (null). */
export function profileText(input: unknown): FieldResult<string | null> {
	const r = textField(input, {
		what: 'the answer',
		max: FIELD_LIMITS.profileText,
		keepSpace: true
	});
	if (r.ok && r.value.trim() === '') return ok(null);
	return r;
}

/** A date profile answer; empty is no answer (null). */
export const profileDate = (input: unknown) =>
	optionalDate(input, 'Enter a full date, for example 2026-03-31, or leave it empty.');

/** A number profile answer: a finite number; empty is no answer (null). */
export function profileNumber(input: unknown): FieldResult<number | null> {
	if (input === null || input === undefined || input === '') return ok(null);
	const value = typeof input === 'string' ? Number(input.trim()) : input;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		return bad('invalid', 'Enter a number, for example 12.');
	}
	return ok(value);
}
