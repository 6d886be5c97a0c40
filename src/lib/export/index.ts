/**
 * Export and import of one assessment as a JSON file (format: docs/export-format.md).
 *
 * Export: `exportAssessment(id, { passphrase? })` builds the document, downloads it (Blob + object
 * URL, CSP-safe) and records `lastExportedAt`.
 *
 * Import is three steps so that the UI can ask questions in between, and nothing is written
 * before the last one:
 * 1. `readImportFile(file)` → a validated document, or an encrypted envelope that needs
 *    `decryptImport(envelope, passphrase)`. Every problem is an `ImportError` with a message for
 *    the user.
 * 2. `findConflict(doc)` → the stored assessment with the same id, if any (ask: merge, replace,
 *    keep both, cancel).
 * 3. `commitImport(doc, mode)` → writes it in one transaction; or `mergeImport(doc)` → merges it
 *    into the stored copy and returns a summary of what came in and what changed on both sides.
 * `importFile(file, …)` runs all three with callbacks (used by tests and scripts).
 */
import * as v from 'valibot';
import { APP_NAME, APP_VERSION } from '$lib/app-info';
import type { Assessment } from '$lib/domain/types';
import { withNameSuffix } from '$lib/domain/meta-rules';
import { normaliseAssessment, partitionAnswers } from '$lib/domain/normalise';
import { loadBank } from '$lib/bank';
import {
	db,
	getAssessment,
	markExported,
	newId,
	storageErrorMessage,
	toSummary,
	type AssessmentSummary
} from '$lib/db';
import {
	ENCRYPTED_FORMAT,
	ENCRYPTED_FORMAT_VERSION,
	EncryptedEnvelopeSchema,
	ExportDocumentSchema,
	FORMAT,
	FORMAT_VERSION,
	HeaderSchema,
	KEYED_FIELDS,
	type EncryptedEnvelope,
	type ExportDocument
} from './schema';
import {
	ImportError,
	MAX_IMPORT_BYTES,
	decodeBytes,
	formatBytes,
	parseUntrustedJson,
	tooLarge
} from './safe-json';
import { decryptEnvelope, encryptDocument } from './crypto';
import { base64ToBytes, bytesToBase64 } from './base64';
import type { MergeSummary } from '$lib/doc/merge';
import { downloadBlob } from './download';
import { fileSlug } from './filename';
import { checkImportedCustomQuestions, customQuestionIds } from './custom';

export {
	ENCRYPTED_FORMAT,
	FORMAT,
	FORMAT_VERSION,
	ImportError,
	MAX_IMPORT_BYTES,
	type EncryptedEnvelope,
	type ExportDocument
};
export type { ImportErrorCode } from './safe-json';
export { MIN_PASSPHRASE_LENGTH, PBKDF2_ITERATIONS } from './crypto';

export { APP_NAME, APP_VERSION } from '$lib/app-info';
export type { MergeSummary } from '$lib/doc/merge';

type Database = ReturnType<typeof db>;

/** Deep copy of JSON data; unlike structuredClone it also accepts Svelte state proxies. */
function jsonClone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

/** The export document for an assessment (pure). `lastExportedAt` is set to the export time. */
export function buildExportDocument(
	a: Assessment,
	exportedAt = new Date().toISOString(),
	yjs?: { state: Uint8Array; lineage: string }
): ExportDocument {
	// Answers kept aside at import (unknown question ids) go back into `answers`, where a newer
	// app whose bank knows them will find them.
	const { otherAnswers, ...rest } = a;
	const answers = otherAnswers ? { ...otherAnswers, ...a.answers } : a.answers;
	return {
		format: FORMAT,
		formatVersion: FORMAT_VERSION,
		exportedAt,
		app: { name: APP_NAME, version: APP_VERSION },
		assessment: jsonClone({ ...rest, answers, lastExportedAt: exportedAt }),
		...(yjs
			? {
					yjs: {
						encoding: 'yjs-update-v1',
						lineage: yjs.lineage,
						state: bytesToBase64(yjs.state)
					}
				}
			: {})
	} as ExportDocument;
}

/** A file name that sorts well and says what it is: soc2-readiness-acme-ltd-2026-11-28.json */
export function exportFilename(
	organisation: string,
	exportedAt: string,
	encrypted = false
): string {
	return `soc2-readiness-${fileSlug(organisation)}-${exportedAt.slice(0, 10)}${encrypted ? '.encrypted' : ''}.json`;
}

// Kept here for existing callers; pages that only download import it from ./download.
export { downloadBlob } from './download';

export interface ExportOptions {
	/** Encrypt the file with this passphrase (AES-GCM-256, PBKDF2-SHA-256 600,000). */
	passphrase?: string;
	/** Start a download in the browser (default true when `document` exists). */
	download?: boolean;
	database?: Database;
}

export interface ExportResult {
	filename: string;
	blob: Blob;
	/** The file's text (what was downloaded). */
	text: string;
	document: ExportDocument;
	encrypted: boolean;
	/** Set when the file was produced but recording the export time failed (e.g. storage full). */
	warning: string | null;
}

/**
 * Export an assessment as a JSON file: builds it, downloads it and records `lastExportedAt`
 * (without changing "last modified"). Rejects when the assessment does not exist. A backup is
 * most needed when storage is full, so failing to record the export time does not stop it:
 * `warning` says so instead.
 */
export async function exportAssessment(
	id: string,
	opts: ExportOptions = {}
): Promise<ExportResult> {
	const database = opts.database ?? db();
	const a = await getAssessment(id, database);
	if (!a)
		throw new Error('This assessment no longer exists on this device, so it cannot be exported.');
	// The document travels with the plain data, so another copy can merge it answer by answer.
	const { exportState } = await import('$lib/db/doc-store');
	const yjs = await exportState(id, database);
	const document = buildExportDocument(a, undefined, yjs);
	const encrypted = !!opts.passphrase;
	const payload = opts.passphrase ? await encryptDocument(document, opts.passphrase) : document;
	const text = JSON.stringify(payload, null, encrypted ? undefined : 2) + '\n';
	const blob = new Blob([text], { type: 'application/json' });
	if (blob.size > MAX_IMPORT_BYTES) {
		throw new Error(
			`This assessment is ${formatBytes(blob.size)} as a file, more than the ${formatBytes(MAX_IMPORT_BYTES)} an import accepts. Remove a large logo and export again.`
		);
	}
	const filename = exportFilename(a.meta.organisation, document.exportedAt, encrypted);
	if (opts.download ?? typeof globalThis.document !== 'undefined') downloadBlob(blob, filename);
	let warning: string | null = null;
	try {
		await markExported(id, document.exportedAt, database);
	} catch (e) {
		warning = `The file was exported, but the export date could not be recorded: ${storageErrorMessage(e, 'The export date')}`;
	}
	return { filename, blob, text, document, encrypted, warning };
}

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

export type ReadResult =
	{ kind: 'plain'; document: ExportDocument } | { kind: 'encrypted'; envelope: EncryptedEnvelope };

const NOTHING_CHANGED = 'Nothing was imported and your saved assessments are unchanged.';

const FIELD_NAMES: Record<string, string> = {
	format: 'the file format',
	formatVersion: 'the format version',
	exportedAt: 'the export time',
	app: 'the app that wrote the file',
	assessment: 'the assessment',
	'assessment.id': 'the assessment’s identity',
	'assessment.meta': 'the assessment details',
	'assessment.meta.organisation': 'the organisation name',
	'assessment.meta.assessor': 'the assessor',
	'assessment.meta.assessmentDate': 'the assessment date',
	'assessment.meta.targetReportDate': 'the target report date',
	'assessment.meta.planStartDate': 'the plan start date',
	'assessment.meta.branding': 'the branding',
	'assessment.profile': 'the company profile',
	'assessment.subservices': 'the list of vendors',
	'assessment.categories': 'the Trust Services Categories',
	'assessment.cuecs': 'the list of CUECs',
	'assessment.answers': 'the answers',
	'assessment.planOverrides': 'the remediation plan changes',
	'assessment.requestsPrepared': 'the evidence requests marked prepared',
	'assessment.reassessmentOf': 'the earlier assessment this one re-assesses',
	'assessment.reassessmentOf.assessedOn': 'the date of the earlier assessment',
	'assessment.carried': 'the answers carried over from the earlier assessment',
	'assessment.customQuestions': 'the custom questions',
	'assessment.ownerRoles': 'the owner role names',
	'assessment.reportIntroduction': 'the report introduction',
	'assessment.interview': 'the saved interview position',
	'assessment.createdAt': 'the creation time',
	'assessment.updatedAt': 'the last-modified time',
	'assessment.lastExportedAt': 'the last export time'
};

/** The field an issue is about, in words a person reads: “the assessment date (assessment.meta.assessmentDate)”. */
export function fieldName(path: readonly (string | number)[]): string {
	if (path.length === 0) return 'the file';
	const dotted = path.map(String).join('.');
	const known = FIELD_NAMES[dotted];
	return known ? `${known} (“${dotted}”)` : `“${dotted}”`;
}

const TYPE_WORDS: Record<string, string> = {
	string: 'text',
	number: 'a number',
	boolean: 'true or false',
	object: 'an object',
	array: 'a list',
	null: 'null'
};

/** What was found, in words (never a raw -Infinity, NaN or [object Object]). */
function foundWords(input: unknown): string {
	if (input === null) return 'null';
	if (Array.isArray(input)) return 'a list';
	if (typeof input === 'number') {
		return Number.isFinite(input) ? `the number ${input}` : 'an impossibly large number';
	}
	if (typeof input === 'string') return input === '' ? 'empty text' : 'text';
	return TYPE_WORDS[typeof input] ?? 'something else';
}

/** One valibot issue as a plain sentence ending: “… must be a number, but it is text”. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
	if (issue.input === undefined && issue.kind === 'schema') return 'is missing';
	const msg = issue.message;
	// Our own messages (every schema part above has one) are already plain words.
	if (!/^Invalid /.test(msg)) return msg;
	switch (issue.type) {
		case 'number':
		case 'finite':
		case 'integer':
		case 'safe_integer':
			return `must be a whole, ordinary number, but it is ${foundWords(issue.input)}`;
		case 'min_value':
		case 'max_value':
		case 'value':
		case 'literal':
		case 'picklist':
			return `has a value this app does not accept (it is ${foundWords(issue.input)})`;
		case 'min_length':
		case 'max_length':
		case 'length':
			return 'is too short or too long';
		default: {
			const expected = issue.type in TYPE_WORDS ? TYPE_WORDS[issue.type] : null;
			return expected
				? `must be ${expected}, but it is ${foundWords(issue.input)}`
				: `is not what an assessment export holds here (it is ${foundWords(issue.input)})`;
		}
	}
}

function invalid(issues: v.BaseIssue<unknown>[]): ImportError {
	const first = issues[0]!;
	const more =
		issues.length > 1
			? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})`
			: '';
	const path = (first.path ?? []).map((p) => p.key as string | number);
	return new ImportError(
		'invalid',
		`The file is not a valid assessment export: ${fieldName(path)} ${describeIssue(first)}${more}. ${NOTHING_CHANGED}`
	);
}

/** What a parsed file that is not an object holds, for a message. */
function describeNonObject(value: unknown): string | null {
	if (value === null) return 'only the word null';
	if (Array.isArray(value)) return value.length ? 'a list' : 'an empty list';
	if (typeof value === 'number') return 'only a number';
	if (typeof value === 'string') return 'only a piece of text';
	if (typeof value === 'boolean') return `only the word ${String(value)}`;
	return null;
}

/** Classify a parsed value: a plain export, an encrypted one, or an ImportError. */
export function classifyParsed(value: unknown): ReadResult {
	const holds = describeNonObject(value);
	if (holds) {
		throw new ImportError(
			'not-export',
			`This file holds ${holds}, not an assessment: an export from SOC 2 Readiness is one JSON object that starts with “{”. Choose the .json file the app saved when you exported the assessment. ${NOTHING_CHANGED}`
		);
	}
	const header = v.safeParse(HeaderSchema, value);
	const format = header.success ? header.output.format : (value as { format?: unknown })?.format;
	if (format !== FORMAT && format !== ENCRYPTED_FORMAT) {
		throw new ImportError(
			'not-export',
			`This JSON file is not an assessment exported from SOC 2 Readiness (it does not say “format”: “${FORMAT}”). ${NOTHING_CHANGED}`
		);
	}
	if (!header.success) return invalidOrThrow(value, format);
	const known = format === FORMAT ? FORMAT_VERSION : ENCRYPTED_FORMAT_VERSION;
	if (header.output.formatVersion > known) {
		throw new ImportError(
			'newer-version',
			`This file was made by a newer version of the app (export format ${header.output.formatVersion}; this version reads format ${known}). Update the app first — reload it while online and accept the “new version” prompt — then import the file again. ${NOTHING_CHANGED}`
		);
	}
	return invalidOrThrow(value, format);
}

function invalidOrThrow(value: unknown, format: string): ReadResult {
	if (format === ENCRYPTED_FORMAT) {
		const r = v.safeParse(EncryptedEnvelopeSchema, value);
		if (!r.success) throw invalid(r.issues);
		return { kind: 'encrypted', envelope: r.output };
	}
	const assessment = (value as { assessment?: unknown }).assessment;
	if (assessment && typeof assessment === 'object') {
		for (const [field, keys] of Object.entries(KEYED_FIELDS)) {
			if (Array.isArray((assessment as Record<string, unknown>)[field])) {
				throw new ImportError(
					'invalid',
					`The file is not a valid assessment export: ${fieldName(['assessment', field])} is a list, but it must be an object keyed by ${keys}. ${NOTHING_CHANGED}`
				);
			}
		}
	}
	const r = v.safeParse(ExportDocumentSchema, value);
	if (!r.success) throw invalid(r.issues);
	return { kind: 'plain', document: r.output };
}

/** Validate the text of a file (no size limit check beyond MAX_IMPORT_BYTES of characters). */
export function readImportText(text: string): ReadResult {
	if (text.length > MAX_IMPORT_BYTES) throw tooLarge(text.length);
	return classifyParsed(parseUntrustedJson(text));
}

/**
 * Read and validate a file the user picked. Oversized files are refused before they are read.
 * Throws ImportError; never writes anything.
 */
export async function readImportFile(file: Blob): Promise<ReadResult> {
	if (file.size > MAX_IMPORT_BYTES) throw tooLarge(file.size);
	const bytes = new Uint8Array(await file.arrayBuffer());
	const read = readImportText(decodeBytes(bytes));
	if (read.kind !== 'plain') return read;
	return { kind: 'plain', document: await checkImportedCustomQuestions(read.document) };
}

/** Decrypt an encrypted export and validate what is inside. */
export async function decryptImport(
	envelope: EncryptedEnvelope,
	passphrase: string
): Promise<ExportDocument> {
	const text = await decryptEnvelope(envelope, passphrase);
	const inner = readImportText(text);
	if (inner.kind !== 'plain') {
		throw new ImportError(
			'invalid',
			`The encrypted file does not contain an assessment export. ${NOTHING_CHANGED}`
		);
	}
	return checkImportedCustomQuestions(inner.document);
}

/** The stored assessment with the same id as the file's, if any. */
export async function findConflict(
	doc: ExportDocument,
	database: Database = db()
): Promise<AssessmentSummary | null> {
	const row = await database.assessments.get(doc.assessment.id);
	return row ? toSummary(row) : null;
}

/**
 * - `new`: the id must not exist yet (otherwise ImportError 'conflict').
 * - `replace`: overwrite the stored assessment with the same id, answers included.
 * - `keep-both`: store it under a new id, organisation suffixed “(imported)”.
 *
 * Backup status after an import: with `new` and `replace` the file just read is a backup of
 * exactly what is stored, so `lastExportedAt` is at least the file's `exportedAt` (“Backed
 * up”, even for a file written without `lastExportedAt`). A `keep-both` copy has a new id and
 * no file of its own — the file restores the original, not the copy — so it starts as never
 * exported (KEEP_BOTH_BACKUP_NOTE says so in the conflict dialog).
 */
export type ImportMode = 'new' | 'replace' | 'keep-both';

export { KEEP_BOTH_BACKUP_NOTE } from './notes';

/** Ids of the maturity questions of the app's bank (answers to other ids are kept aside). */
async function bankQuestionIds(): Promise<ReadonlySet<string>> {
	const bank = await loadBank();
	return new Set(bank.questions.map((q) => q.id));
}

/** The bank's question ids and the file's custom questions' (their answers are not kept aside). */
function withCustom(ids: ReadonlySet<string>, doc: ExportDocument): ReadonlySet<string> {
	const custom = customQuestionIds(doc);
	return custom.length ? new Set([...ids, ...custom]) : ids;
}

/** How many answers of a file the list will count once it is stored (known questions, a value). */
export async function answeredInFile(
	doc: ExportDocument,
	questionIds?: ReadonlySet<string>
): Promise<number> {
	const ids = withCustom(questionIds ?? (await bankQuestionIds()), doc);
	return Object.entries(doc.assessment.answers).filter(
		([qid, a]) => ids.has(qid) && a.value !== null && a.value !== undefined
	).length;
}

export interface CommitOptions {
	/** Maturity question ids the bank knows (default: the app's bank). */
	questionIds?: ReadonlySet<string>;
}

/**
 * The assessment a validated document will be stored as: repaired (duplicate ids, an interview
 * snapshot that cannot be restored: `normaliseAssessment`), with answers to question ids the bank
 * does not know kept aside in `otherAnswers` (exported again, never counted).
 */
export function assessmentToStore(
	doc: ExportDocument,
	mode: ImportMode,
	questionIds: ReadonlySet<string>,
	id: () => string = newId
): Assessment {
	const { otherAnswers: _ignored, ...fromFile } = jsonClone(doc.assessment) as Assessment;
	const { known, unknown } = partitionAnswers(fromFile.answers, withCustom(questionIds, doc));
	let a: Assessment = normaliseAssessment({ ...fromFile, answers: known });
	if (Object.keys(unknown).length > 0) a = { ...a, otherAnswers: unknown };
	if (mode === 'keep-both') {
		a = {
			...a,
			id: id(),
			meta: { ...a.meta, organisation: withNameSuffix(a.meta.organisation, ' (imported)') },
			lastExportedAt: null
		};
	} else {
		const prior = a.lastExportedAt ?? null;
		a = { ...a, lastExportedAt: prior && prior > doc.exportedAt ? prior : doc.exportedAt };
	}
	return a;
}

const DAMAGED_STATE = `The file’s merge data (“yjs”) is damaged, so it cannot be imported or merged safely. Export the assessment again from the other device. ${NOTHING_CHANGED}`;

/** The fields that must agree between a file's `assessment` and its Yjs state. */
function fingerprint(a: Assessment): string {
	const sorted = (x: unknown): unknown =>
		Array.isArray(x)
			? x.map(sorted)
			: x && typeof x === 'object'
				? Object.fromEntries(
						Object.entries(x as Record<string, unknown>)
							.filter(([, v]) => v !== undefined && v !== '')
							.sort(([p], [q]) => (p < q ? -1 : 1))
							.map(([k, v]) => [k, sorted(v)])
					)
				: x;
	const n = normaliseAssessment(a);
	const answers = { ...(n.otherAnswers ?? {}), ...n.answers };
	return JSON.stringify(
		sorted({
			id: n.id,
			organisation: n.meta.organisation,
			assessor: n.meta.assessor,
			assessmentDate: n.meta.assessmentDate,
			profile: n.profile,
			subservices: n.subservices,
			cuecs: n.cuecs,
			categories: [...n.categories].sort(),
			planOverrides: n.planOverrides,
			answers,
			// Checked on import in the plain part only: a state that says otherwise is not used.
			customQuestions: n.customQuestions?.length ? n.customQuestions : undefined,
			ownerRoles: Object.keys(n.ownerRoles ?? {}).length ? n.ownerRoles : undefined,
			reportIntroduction: n.reportIntroduction,
			reassessmentOf: n.reassessmentOf,
			carried: n.carried
		})
	);
}

/**
 * The Yjs state a file carries, checked before anything is written: null when the file has none
 * (format version 1), or when its state does not hold the same assessment as its plain part (a
 * tool edited one and not the other: the plain part, which every reader sees, wins). Throws an
 * ImportError when the state is damaged.
 */
export async function incomingState(doc: ExportDocument): Promise<Uint8Array | null> {
	const yjs = (doc as { yjs?: { lineage: string; state: string } }).yjs;
	if (!yjs) return null;
	const { decodeState, docToAssessment, lineageOf } = await import('$lib/doc');
	let state: Uint8Array;
	let plain: Assessment;
	try {
		state = base64ToBytes(yjs.state);
		const d = decodeState(state);
		const pending = (d.store as { pendingStructs?: unknown }).pendingStructs;
		if (pending || lineageOf(d) !== yjs.lineage) throw new Error('inconsistent state');
		plain = docToAssessment(d);
		d.destroy();
	} catch {
		throw new ImportError('invalid', DAMAGED_STATE);
	}
	if (plain.id !== doc.assessment.id) throw new ImportError('invalid', DAMAGED_STATE);
	return fingerprint(plain) === fingerprint(jsonClone(doc.assessment) as Assessment) ? state : null;
}

/** Write a validated document in one transaction. Returns the stored assessment. */
export async function commitImport(
	doc: ExportDocument,
	mode: ImportMode,
	database: Database = db(),
	opts: CommitOptions = {}
): Promise<Assessment> {
	// Files read with readImportText have not had their custom questions checked yet.
	const checked = await checkImportedCustomQuestions(doc);
	const ids = withCustom(opts.questionIds ?? (await bankQuestionIds()), checked);
	const a = assessmentToStore(checked, mode, ids);
	// A copy under a new id is a new document; otherwise the file's document (with its
	// history) is stored when it has a sound one.
	const state = mode === 'keep-both' ? null : await incomingState(checked);
	try {
		// Loaded before the transaction: a transaction must not wait for anything but itself.
		const store = await import('$lib/db/doc-store');
		await database.transaction('rw', store.docTables(database), async () => {
			if (mode === 'new' && (await database.assessments.get(a.id))) {
				throw new ImportError(
					'conflict',
					'An assessment with the same identity already exists on this device. Choose whether to replace it or keep both.'
				);
			}
			await store.putAssessment(a, database, state ?? undefined, ids);
		});
	} catch (e) {
		if (e instanceof ImportError) throw e;
		throw new ImportError('storage', storageErrorMessage(e, 'The import'), { cause: e });
	}
	return a;
}

/**
 * Merge a validated file into the stored assessment with the same id: its Yjs state when it
 * carries a sound one, its plain data otherwise (see src/lib/doc/merge.ts). One transaction;
 * nothing is written when the file's state is damaged. Resolves with the summary to show.
 */
export async function mergeImport(
	doc: ExportDocument,
	database: Database = db(),
	opts: CommitOptions = {}
): Promise<{ assessment: Assessment; summary: MergeSummary }> {
	const checked = await checkImportedCustomQuestions(doc);
	const a = assessmentToStore(checked, 'replace', opts.questionIds ?? (await bankQuestionIds()));
	const state = await incomingState(checked);
	const store = await import('$lib/db/doc-store');
	try {
		const { summary, assessment } = await store.mergeIntoAssessment(
			a.id,
			state ? { state } : { plain: a },
			database
		);
		return { assessment, summary };
	} catch (e) {
		if (e instanceof ImportError) throw e;
		throw new ImportError('storage', storageErrorMessage(e, 'The merge'), { cause: e });
	}
}

export interface ImportFileOptions {
	/** Asked when the file is encrypted; return null to cancel. */
	passphrase?: () => Promise<string | null> | string | null;
	/** Asked when the assessment already exists. */
	onConflict?: (
		existing: AssessmentSummary,
		incoming: ExportDocument
	) => Promise<'replace' | 'keep-both' | 'cancel'> | 'replace' | 'keep-both' | 'cancel';
	database?: Database;
	/** Maturity question ids the bank knows (default: the app's bank). */
	questionIds?: ReadonlySet<string>;
}

/** Read, decrypt, resolve a conflict and store, in one call. Resolves null when cancelled. */
export async function importFile(
	file: Blob,
	opts: ImportFileOptions = {}
): Promise<Assessment | null> {
	const database = opts.database ?? db();
	const read = await readImportFile(file);
	let doc: ExportDocument;
	if (read.kind === 'encrypted') {
		const pass = opts.passphrase ? await opts.passphrase() : null;
		if (pass === null) {
			if (!opts.passphrase) {
				throw new ImportError(
					'needs-passphrase',
					'This file is encrypted: enter its passphrase to import it.'
				);
			}
			return null;
		}
		doc = await decryptImport(read.envelope, pass);
	} else doc = read.document;
	const existing = await findConflict(doc, database);
	let mode: ImportMode = 'new';
	if (existing) {
		const choice = opts.onConflict ? await opts.onConflict(existing, doc) : 'cancel';
		if (choice === 'cancel') return null;
		mode = choice;
	}
	return commitImport(doc, mode, database, { questionIds: opts.questionIds });
}
