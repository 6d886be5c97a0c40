/**
 * The firm library file: a consulting firm's custom questions, default branding, owner role
 * names and report introduction, exported from one device and imported on another. Read with
 * the same defences as an assessment import (size, encoding, nesting, prototype keys, strict
 * shapes) and the custom questions with the bank's own schema and cross-checks. Human
 * documentation: `docs/bank-authoring.md` ("The firm library file").
 */
import * as v from 'valibot';
import { fileSlug } from './filename';
import { checkCustomQuestions } from '$lib/domain/bank';
import { isIsoTimestamp } from '$lib/domain/dates';
import * as fields from '$lib/domain/fields';
import type { FieldResult } from '$lib/domain/fields';
import type { Bank, FirmLibrary } from '$lib/domain/types';
import { APP_NAME, APP_VERSION } from '$lib/app-info';
import { BrandingSchema, FORMAT, ENCRYPTED_FORMAT } from './schema';
import { LIBRARY_LIMITS } from './library-limits';

export { LIBRARY_LIMITS, emptyLibrary } from './library-limits';
import {
	ImportError,
	MAX_IMPORT_BYTES,
	decodeBytes,
	parseUntrustedJson,
	tooLarge,
	type FileWords
} from './safe-json';

export const LIBRARY_FORMAT = 'soc2-readiness-library';
export const LIBRARY_FORMAT_VERSION = 1;

export const LIBRARY_FILE: FileWords = {
	noun: 'a library file',
	plural: 'Library files',
	choose: 'the .json file that SOC 2 Readiness saved when you exported the firm library',
	nothingChanged: 'Nothing was imported and your library is unchanged.'
};

const NOTHING_CHANGED = LIBRARY_FILE.nothingChanged;

/** A text field checked (and trimmed) by its validator in `$lib/domain/fields`. */
const viaField = (validate: (input: unknown) => FieldResult<string>) =>
	v.pipe(
		v.string('must be text'),
		v.rawCheck<string>(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const r = validate(dataset.value);
			if (!r.ok) addIssue({ message: r.message });
		}),
		v.transform((s: string) => {
			const r = validate(s);
			return r.ok ? r.value : s;
		})
	);

const LibrarySchema = v.looseObject({
	name: viaField(fields.libraryName),
	questions: v.optional(
		v.pipe(
			v.array(v.unknown(), 'the custom questions must be a list'),
			v.maxLength(
				LIBRARY_LIMITS.questions,
				`a library holds at most ${LIBRARY_LIMITS.questions} custom questions`
			)
		),
		[]
	),
	branding: v.optional(BrandingSchema, {}),
	ownerRoles: v.optional(
		v.pipe(
			v.record(
				viaField(fields.ownerRoleName),
				viaField(fields.ownerRoleName),
				'the owner role names must be an object'
			),
			v.check(
				(r) => Object.keys(r).length <= LIBRARY_LIMITS.ownerRoles,
				`a library names at most ${LIBRARY_LIMITS.ownerRoles} owner roles`
			)
		),
		{}
	),
	introduction: v.optional(viaField(fields.reportIntroduction), ''),
	updatedAt: v.optional(v.string())
});

const LibraryDocumentSchema = v.looseObject({
	format: v.literal(LIBRARY_FORMAT),
	formatVersion: v.literal(LIBRARY_FORMAT_VERSION),
	exportedAt: v.optional(v.string()),
	library: v.unknown()
});

export interface LibraryDocument {
	format: typeof LIBRARY_FORMAT;
	formatVersion: typeof LIBRARY_FORMAT_VERSION;
	exportedAt: string;
	app: { name: string; version: string };
	library: FirmLibrary;
}

function where(path: readonly { key: unknown }[] | undefined): string {
	const keys = (path ?? []).map((p) => String(p.key));
	const i = keys.indexOf('library');
	return keys.slice(i + 1).join('.');
}

/**
 * Validate a library value (from a file or about to be stored): shapes, limits and the custom
 * questions against the bank. Returns the normalised library or the problems, in words.
 */
export function checkLibrary(
	bank: Bank,
	input: unknown,
	now: string
): { library: FirmLibrary; problems: [] } | { library: null; problems: string[] } {
	// valibot reads a list as a record of "0", "1"…; a list of role names is a mistake to report.
	if (Array.isArray((input as { ownerRoles?: unknown } | null)?.ownerRoles))
		return { library: null, problems: ['the owner role names must be an object'] };
	const r = v.safeParse(LibrarySchema, input);
	if (!r.success) {
		return {
			library: null,
			problems: r.issues.map((i) => {
				const at = where(i.path);
				const msg = /^Invalid /.test(i.message) ? `${at || 'the library'} is not valid` : i.message;
				return at && !msg.includes(at) ? `${msg} (${at})` : msg;
			})
		};
	}
	const q = checkCustomQuestions(bank, r.output.questions);
	if (!q.bank) return { library: null, problems: q.errors };
	const updatedAt =
		typeof r.output.updatedAt === 'string' && isIsoTimestamp(r.output.updatedAt)
			? r.output.updatedAt
			: now;
	return {
		library: {
			name: r.output.name,
			questions: q.questions,
			branding: {
				logoDataUrl: r.output.branding.logoDataUrl ?? null,
				brandColor: r.output.branding.brandColor ?? null
			},
			ownerRoles: { ...r.output.ownerRoles },
			introduction: r.output.introduction,
			updatedAt
		},
		problems: []
	};
}

/** The file written for a library (pure). */
export function buildLibraryDocument(library: FirmLibrary, exportedAt: string): LibraryDocument {
	return {
		format: LIBRARY_FORMAT,
		formatVersion: LIBRARY_FORMAT_VERSION,
		exportedAt,
		app: { name: APP_NAME, version: APP_VERSION },
		library: JSON.parse(JSON.stringify(library)) as FirmLibrary
	};
}

/** soc2-readiness-library-acme-advisory-2026-12-04.json */
export function libraryFilename(name: string, exportedAt: string): string {
	const slug = fileSlug(name, 'firm');
	return `soc2-readiness-library-${slug}-${exportedAt.slice(0, 10)}.json`;
}

/** Read the text of a library file. Throws ImportError with a message a user can act on. */
export function readLibraryText(text: string, bank: Bank, now: string): FirmLibrary {
	if (text.length > MAX_IMPORT_BYTES) throw tooLarge(text.length, LIBRARY_FILE);
	const value = parseUntrustedJson(text, LIBRARY_FILE);
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new ImportError(
			'not-export',
			`This file does not hold a firm library: a library file is one JSON object that starts with “{”. Choose ${LIBRARY_FILE.choose}. ${NOTHING_CHANGED}`
		);
	}
	const header = value as { format?: unknown; formatVersion?: unknown };
	if (header.format === FORMAT || header.format === ENCRYPTED_FORMAT) {
		throw new ImportError(
			'not-export',
			`This is an assessment export, not a firm library. Import it from the list of assessments on the start page. ${NOTHING_CHANGED}`
		);
	}
	if (header.format !== LIBRARY_FORMAT) {
		throw new ImportError(
			'not-export',
			`This JSON file is not a firm library from SOC 2 Readiness (it does not say “format”: “${LIBRARY_FORMAT}”). ${NOTHING_CHANGED}`
		);
	}
	if (
		typeof header.formatVersion === 'number' &&
		Number.isInteger(header.formatVersion) &&
		header.formatVersion > LIBRARY_FORMAT_VERSION
	) {
		throw new ImportError(
			'newer-version',
			`This library was made by a newer version of the app (library format ${header.formatVersion}; this version reads format ${LIBRARY_FORMAT_VERSION}). Update the app first — reload it while online and accept the “new version” prompt — then import the file again. ${NOTHING_CHANGED}`
		);
	}
	const doc = v.safeParse(LibraryDocumentSchema, value);
	if (!doc.success || doc.output.library === undefined) {
		throw new ImportError(
			'invalid',
			`The library file is not valid: it must say “formatVersion”: ${LIBRARY_FORMAT_VERSION} and hold a “library”. ${NOTHING_CHANGED}`
		);
	}
	const checked = checkLibrary(bank, doc.output.library, now);
	if (!checked.library) {
		const [first, ...rest] = checked.problems;
		const more = rest.length
			? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})`
			: '';
		throw new ImportError(
			'invalid',
			`The library file is not valid: ${first}${more}. ${NOTHING_CHANGED}`
		);
	}
	return checked.library;
}

/** Read a library file the user picked (oversized files are refused before they are read). */
export async function readLibraryFile(file: Blob, bank: Bank, now: string): Promise<FirmLibrary> {
	if (file.size > MAX_IMPORT_BYTES) throw tooLarge(file.size, LIBRARY_FILE);
	const bytes = new Uint8Array(await file.arrayBuffer());
	return readLibraryText(decodeBytes(bytes, LIBRARY_FILE), bank, now);
}
