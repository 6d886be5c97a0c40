/**
 * The one database module. Everything the app stores lives in IndexedDB through Dexie here.
 *
 * Layout (schema version 1):
 * - `assessments`: one row per assessment, everything except maturity answers.
 * - `answers`: one row per (assessment, question) so that saving an answer touches one small
 *   row (fast, and two tabs answering different questions never overwrite each other).
 *
 * Rules: every schema change is a new `this.version(n).stores(...).upgrade(...)` block below the
 * previous ones; released versions are never edited; each upgrade has a test that seeds the old
 * shape (see db.test.ts).
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Assessment, AssessmentMeta, MaturityAnswer } from '$lib/domain/types';

export const DB_NAME = 'soc2-readiness';

/** An assessment row: the assessment without its answers, plus a revision counter. */
export type AssessmentRow = Omit<Assessment, 'answers'> & {
	/** Incremented on every write; lets tabs detect concurrent changes. */
	revision: number;
	/** Lower-cased organisation name for search and sorting. */
	orgKey: string;
};

export interface AnswerRow extends MaturityAnswer {
	assessmentId: string;
	questionId: string;
}

export interface SettingRow {
	key: string;
	value: unknown;
}

export class ReadinessDB extends Dexie {
	assessments!: EntityTable<AssessmentRow, 'id'>;
	answers!: EntityTable<AnswerRow, 'assessmentId'>;
	settings!: EntityTable<SettingRow, 'key'>;

	constructor(name = DB_NAME) {
		super(name);
		// Version 1 (released). Never edit; add version(2) below for changes.
		this.version(1).stores({
			assessments: 'id, updatedAt, orgKey',
			answers: '[assessmentId+questionId], assessmentId',
			settings: 'key'
		});
	}
}

let instance: ReadinessDB | null = null;

/** The app-wide database (opened lazily). Tests may pass their own name via `openDb`. */
export function db(): ReadinessDB {
	instance ??= new ReadinessDB();
	return instance;
}

/** Replace the shared instance (tests). */
export function setDb(next: ReadinessDB | null): void {
	instance = next;
}

export interface AssessmentSummary {
	id: string;
	organisation: string;
	assessor: string;
	assessmentDate: string;
	targetReportDate: string | null;
	createdAt: string;
	updatedAt: string;
	lastExportedAt: string | null;
	answered: number;
}

export function newId(): string {
	return crypto.randomUUID();
}

function nowIso(): string {
	return new Date().toISOString();
}

function toRow(a: Omit<Assessment, 'answers'>, revision: number): AssessmentRow {
	const { ...rest } = a as Assessment;
	delete (rest as Partial<Assessment>).answers;
	return { ...rest, revision, orgKey: a.meta.organisation.trim().toLocaleLowerCase() };
}

function fromRow(row: AssessmentRow, answers: AnswerRow[]): Assessment {
	const { revision: _r, orgKey: _k, ...rest } = row;
	const map: Assessment['answers'] = {};
	for (const { assessmentId: _a, questionId, ...answer } of answers) map[questionId] = answer;
	return { ...rest, answers: map };
}

/** A blank assessment with the given meta (not stored). */
export function blankAssessment(meta: AssessmentMeta, id = newId(), now = nowIso()): Assessment {
	return {
		id,
		meta: { planStartDate: null, branding: {}, ...meta },
		profile: {},
		subservices: [],
		categories: [],
		categoriesConfirmed: false,
		cuecs: [],
		answers: {},
		planOverrides: {},
		interview: null,
		createdAt: now,
		updatedAt: now,
		lastExportedAt: null
	};
}

export async function listAssessments(database = db()): Promise<AssessmentSummary[]> {
	return database.transaction('r', database.assessments, database.answers, async () => {
		const rows = await database.assessments.orderBy('updatedAt').reverse().toArray();
		const out: AssessmentSummary[] = [];
		for (const r of rows) {
			const answered = await database.answers
				.where('assessmentId')
				.equals(r.id)
				.filter((a) => a.value !== null)
				.count();
			out.push({
				id: r.id,
				organisation: r.meta.organisation,
				assessor: r.meta.assessor,
				assessmentDate: r.meta.assessmentDate,
				targetReportDate: r.meta.targetReportDate,
				createdAt: r.createdAt,
				updatedAt: r.updatedAt,
				lastExportedAt: r.lastExportedAt ?? null,
				answered
			});
		}
		return out;
	});
}

export async function getAssessment(id: string, database = db()): Promise<Assessment | undefined> {
	return database.transaction('r', database.assessments, database.answers, async () => {
		const row = await database.assessments.get(id);
		if (!row) return undefined;
		const answers = await database.answers.where('assessmentId').equals(id).toArray();
		return fromRow(row, answers);
	});
}

export async function getRevision(id: string, database = db()): Promise<number | undefined> {
	return (await database.assessments.get(id))?.revision;
}

export async function createAssessment(
	meta: AssessmentMeta,
	database = db()
): Promise<Assessment> {
	const a = blankAssessment(meta);
	await database.assessments.add(toRow(a, 1));
	return a;
}

/**
 * Store a whole assessment (import, duplicate, undo of a delete). Replaces any assessment with
 * the same id, answers included, in one transaction.
 */
export async function putAssessment(a: Assessment, database = db()): Promise<void> {
	await database.transaction('rw', database.assessments, database.answers, async () => {
		const prev = await database.assessments.get(a.id);
		await database.answers.where('assessmentId').equals(a.id).delete();
		await database.assessments.put(toRow(a, (prev?.revision ?? 0) + 1));
		await database.answers.bulkPut(
			Object.entries(a.answers).map(([questionId, ans]) => ({
				...ans,
				assessmentId: a.id,
				questionId
			}))
		);
	});
}

/** The fields of an assessment that `updateAssessment` may change. */
export type AssessmentPatch = Partial<
	Pick<
		Assessment,
		| 'meta'
		| 'profile'
		| 'subservices'
		| 'categories'
		| 'categoriesConfirmed'
		| 'cuecs'
		| 'planOverrides'
		| 'interview'
		| 'lastExportedAt'
	>
>;

/**
 * Update top-level fields of an assessment in one transaction. Resolves with the new revision
 * only after the write has committed. Rejects when the assessment does not exist.
 */
export async function updateAssessment(
	id: string,
	patch: AssessmentPatch,
	database = db()
): Promise<number> {
	return database.transaction('rw', database.assessments, async () => {
		const row = await database.assessments.get(id);
		if (!row) throw new Error(`Assessment ${id} no longer exists.`);
		const next: AssessmentRow = { ...row, ...patch, updatedAt: nowIso(), revision: row.revision + 1 };
		next.orgKey = next.meta.organisation.trim().toLocaleLowerCase();
		await database.assessments.put(next);
		return next.revision;
	});
}

/**
 * Save one maturity answer (or clear it with `null`) and touch the assessment, in one
 * transaction. Resolves only after the write has committed.
 */
export async function saveAnswer(
	assessmentId: string,
	questionId: string,
	answer: MaturityAnswer | null,
	database = db()
): Promise<number> {
	return database.transaction('rw', database.assessments, database.answers, async () => {
		const row = await database.assessments.get(assessmentId);
		if (!row) throw new Error(`Assessment ${assessmentId} no longer exists.`);
		if (answer === null) await database.answers.delete([assessmentId, questionId] as never);
		else await database.answers.put({ ...answer, assessmentId, questionId });
		const revision = row.revision + 1;
		await database.assessments.update(assessmentId, { updatedAt: nowIso(), revision });
		return revision;
	});
}

export async function renameAssessment(
	id: string,
	organisation: string,
	database = db()
): Promise<number> {
	const name = organisation.trim();
	if (!name) throw new Error('The organisation name cannot be empty.');
	const row = await database.assessments.get(id);
	if (!row) throw new Error(`Assessment ${id} no longer exists.`);
	return updateAssessment(id, { meta: { ...row.meta, organisation: name } }, database);
}

/** Copy an assessment with all its answers under a new id (e.g. a re-assessment next quarter). */
export async function duplicateAssessment(
	id: string,
	organisation?: string,
	database = db()
): Promise<Assessment> {
	const src = await getAssessment(id, database);
	if (!src) throw new Error(`Assessment ${id} no longer exists.`);
	const now = nowIso();
	const copy: Assessment = structuredClone({
		...src,
		id: newId(),
		meta: { ...src.meta, organisation: organisation ?? `${src.meta.organisation} (copy)` },
		createdAt: now,
		updatedAt: now,
		lastExportedAt: null
	});
	await putAssessment(copy, database);
	return copy;
}

/**
 * Delete an assessment and all its answers. Returns the deleted assessment so the caller can
 * offer an undo (`putAssessment(deleted)`).
 */
export async function deleteAssessment(
	id: string,
	database = db()
): Promise<Assessment | undefined> {
	return database.transaction('rw', database.assessments, database.answers, async () => {
		const a = await getAssessment(id, database);
		if (!a) return undefined;
		await database.answers.where('assessmentId').equals(id).delete();
		await database.assessments.delete(id);
		return a;
	});
}

export async function getSetting<T>(key: string, database = db()): Promise<T | undefined> {
	return (await database.settings.get(key))?.value as T | undefined;
}

export async function setSetting(key: string, value: unknown, database = db()): Promise<void> {
	await database.settings.put({ key, value });
}
