/**
 * The one database module. Everything the app stores lives in IndexedDB through Dexie here.
 *
 * Layout (schema version 4; version 4 classified vendors, see below):
 * - `assessments`: one row per assessment, everything except maturity answers, plus
 *   `answeredCount` (kept up to date by every write, so the list needs one query, not one per
 *   assessment) and `listKey`, the list's covering index (see `ListKey`): the start page reads
 *   every summary from that index alone, without loading a single row (profiles, CUECs, logos…).
 * - `answers`: one row per (assessment, question) so that saving an answer touches one small
 *   row (fast, and two tabs answering different questions never overwrite each other).
 * - `settings`: key/value pairs.
 *
 * Rules: every schema change is a new `this.version(n).stores(...).upgrade(...)` block below the
 * previous ones; released versions are never edited; each upgrade is covered by
 * `migrations.test.ts`, which seeds every shape kept in `test/fixtures/db/` (one file per
 * released version, kept forever) and opens it with the current code.
 *
 * Every write resolves only after its transaction has committed — in Chromium, flushed to disk
 * (strict durability) — and rejects when it did not (e.g. quota exceeded): show `storageErrorMessage(error)` then, never "saved". Writes are tracked
 * (`pending.ts`) so that the app can wait for them before it reloads for an update.
 */
import Dexie, {
	RangeSet,
	rangesOverlap,
	type EntityTable,
	type ObservabilitySet,
	type Transaction
} from 'dexie';
import type {
	Assessment,
	AssessmentMeta,
	Bank,
	Branding,
	CustomQuestion,
	MaturityAnswer
} from '$lib/domain/types';
import { brandColor, logoDataUrl } from '$lib/domain/fields';
import type { FromLibrary } from '$lib/domain/library';
import { withVendorRole } from '$lib/domain/vendors';
import { clearDrafts, draftAssessmentIds, forgetDrafts } from './drafts';
import { trackWrite } from './pending';
import { dropReports } from './report-cache';
import { DB_NAME, fromListKey, fromRow, newId, orgKey, toSummary, useDbName } from './rows';

export * from './common';
export { liveQuery } from 'dexie';

/** An assessment row: the assessment without its answers, plus a revision counter. */
export type AssessmentRow = Omit<Assessment, 'answers'> & {
	/** Incremented on every write; lets tabs detect concurrent changes. */
	revision: number;
	/** Lower-cased organisation name for search and sorting. */
	orgKey: string;
	/** Number of answers whose value is not null (schema version 2). */
	answeredCount: number;
	/** Everything the list shows, as an index key (schema version 3). */
	listKey: ListKey;
};

/**
 * What the assessment list shows of one assessment, stored as the key of the `listKey` index so
 * that `listAssessments` reads the index only (IndexedDB `getAllKeys`): no row is deserialised,
 * however large its profile, notes or logo. Ordered by `updatedAt` (then id), so the index order
 * is also the list's default order. Every element is a string or a number (a null or undefined
 * element would make the key invalid and IndexedDB would silently leave the row out of the index,
 * so nulls are stored as '').
 */
export type ListKey = [
	updatedAt: string,
	id: string,
	organisation: string,
	assessor: string,
	assessmentDate: string,
	targetReportDate: string,
	createdAt: string,
	lastExportedAt: string,
	answeredCount: number
];

export interface AnswerRow extends MaturityAnswer {
	assessmentId: string;
	questionId: string;
}

/** One stored Yjs update of an assessment's document (schema version 5; see doc-store.ts). */
export interface DocUpdateRow {
	seq?: number;
	assessmentId: string;
	update: Uint8Array;
	/** A whole state (the first row of a document, or a compaction): earlier rows are not needed. */
	full: boolean;
	/** Random: tells a row apart from one that reused the seq of a rolled-back write. */
	tag: string;
	/** Set on a row that stores what came from a team server (not a change made here). */
	remote?: true;
	/**
	 * On a compaction's full row: how many changes made here, not yet acknowledged by the team
	 * server, the rows it replaced held (src/lib/db/doc-store.ts `waitingChanges`).
	 */
	local?: number;
}

export interface SettingRow {
	key: string;
	value: unknown;
}

export class ReadinessDB extends Dexie {
	assessments!: EntityTable<AssessmentRow, 'id'>;
	answers!: EntityTable<AnswerRow, 'assessmentId'>;
	settings!: EntityTable<SettingRow, 'key'>;
	docUpdates!: EntityTable<DocUpdateRow, 'seq'>;

	constructor(name = DB_NAME) {
		// 'strict': Chromium reports a write transaction complete only once it is flushed to disk
		// (its default, 'relaxed', may report it before, so a power cut or an OS crash could lose an
		// answer the app already showed as saved). No measurable cost here: p95 of a one-answer
		// transaction 2–4 ms either way, and the bench's answer → saved at 4× within its noise
		// (docs/performance.md, issue 19's fifth pass). The interview's native answer commit
		// (doc-store.ts `commitAnswerNative`) opens its transaction with the same durability.
		super(name, { chromeTransactionDurability: 'strict' });
		// Version 1 (released). Never edit.
		this.version(1).stores({
			assessments: 'id, updatedAt, orgKey',
			answers: '[assessmentId+questionId], assessmentId',
			settings: 'key'
		});
		// Version 2 (released): `answeredCount` on every assessment row. Never edit; add version(3)
		// below for the next change (and a fixture in test/fixtures/db/).
		this.version(2)
			.stores({
				assessments: 'id, updatedAt, orgKey',
				answers: '[assessmentId+questionId], assessmentId',
				settings: 'key'
			})
			.upgrade(countAnswersUpgrade);
		// Version 3 (released): the `listKey` covering index. Never edit; add version(4) below for
		// the next change (and a fixture in test/fixtures/db/).
		this.version(3)
			.stores({
				assessments: 'id, updatedAt, orgKey, listKey',
				answers: '[assessmentId+questionId], assessmentId',
				settings: 'key'
			})
			.upgrade((tx) =>
				tx
					.table('assessments')
					.toCollection()
					.modify((row: AssessmentRow) => {
						row.listKey = listKeyOf(row);
					})
			);
		// Version 4: each vendor says whether it is a subservice organisation or an ordinary
		// vendor (`role`). Vendors stored before were all treated as subservice organisations;
		// the upgrade classifies them by kind (legacyVendorRole) and keeps every other field.
		// Same indexes. Never edit once released; add version(5) below for the next change.
		this.version(4)
			.stores({
				assessments: 'id, updatedAt, orgKey, listKey',
				answers: '[assessmentId+questionId], assessmentId',
				settings: 'key'
			})
			.upgrade((tx) =>
				tx
					.table('assessments')
					.toCollection()
					.modify((row: AssessmentRow) => {
						if (Array.isArray(row.subservices))
							row.subservices = row.subservices.map((s) => withVendorRole(s));
					})
			);
		// Version 5: each assessment is a Yjs document (src/lib/doc), stored as its updates in
		// `docUpdates` (src/lib/db/doc-store.ts). The assessment and answer rows stay: they are the
		// plain form derived from the document on every write, which the list (its index) and the
		// screens read. Stored assessments get their document on the first write, export or merge,
		// built from these rows in that write's transaction (nothing lost; yjs never loads on the
		// start page). Never edit once released; add version(6) below for the next change.
		this.version(5).stores({
			assessments: 'id, updatedAt, orgKey, listKey',
			answers: '[assessmentId+questionId], assessmentId',
			settings: 'key',
			docUpdates: '++seq, assessmentId, [assessmentId+seq]'
		});
	}
}

/** v1 → v2: compute `answeredCount` for every assessment from its answers. */
async function countAnswersUpgrade(tx: Transaction): Promise<void> {
	const counts = new Map<string, number>();
	await tx
		.table('answers')
		.toCollection()
		.each((a: { assessmentId: string; value?: unknown }) => {
			if (a.value !== null && a.value !== undefined) {
				counts.set(a.assessmentId, (counts.get(a.assessmentId) ?? 0) + 1);
			}
		});
	await tx
		.table('assessments')
		.toCollection()
		.modify((row: { id: string; answeredCount?: number }) => {
			row.answeredCount = counts.get(row.id) ?? 0;
		});
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
	useDbName(next?.name ?? null);
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

export function nowIso(): string {
	return new Date().toISOString();
}

function isAnswered(a: Pick<MaturityAnswer, 'value'> | undefined): boolean {
	return a !== undefined && a.value !== null && a.value !== undefined;
}

export function toRow(a: Assessment, revision: number): AssessmentRow {
	const { answers, ...rest } = a;
	const answeredCount = Object.values(answers).filter(isAnswered).length;
	const row = { ...rest, revision, orgKey: orgKey(a.meta.organisation), answeredCount };
	return { ...row, listKey: listKeyOf(row) };
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

/** The list's index key of a row (see `ListKey`). */
export function listKeyOf(
	r: Pick<AssessmentRow, 'id' | 'meta' | 'createdAt' | 'updatedAt' | 'lastExportedAt'> & {
		answeredCount?: number;
	}
): ListKey {
	const text = (v: unknown) => (typeof v === 'string' ? v : '');
	const count = Number(r.answeredCount);
	return [
		text(r.updatedAt),
		text(r.id),
		text(r.meta?.organisation),
		text(r.meta?.assessor),
		text(r.meta?.assessmentDate),
		text(r.meta?.targetReportDate),
		text(r.createdAt),
		text(r.lastExportedAt),
		Number.isFinite(count) && count > 0 ? count : 0
	];
}

/**
 * Every assessment, most recently modified first. Reads the `listKey` index only (no row is
 * loaded), whatever the number of assessments and answers. Should a row be missing from the index
 * (written by code that bypassed this module), the rows themselves are read instead, so an
 * assessment can never disappear from the list.
 */
export async function listAssessments(database = db()): Promise<AssessmentSummary[]> {
	return database.transaction('r', database.assessments, async () => {
		const [keys, total] = await Promise.all([
			database.assessments.orderBy('listKey').reverse().keys() as Promise<unknown[]>,
			database.assessments.count()
		]);
		if (keys.length === total) return (keys as ListKey[]).map(fromListKey);
		const rows = await database.assessments.orderBy('updatedAt').reverse().toArray();
		return rows.map(toSummary);
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

/**
 * The part of a storage signal that names the connection whose native answer commit it reports
 * (doc-store's `signalMutation`): a connection's own revision watcher skips it, everyone else
 * (other tabs, this page's other live queries: the team sync's) treats it as Dexie's signal.
 */
export const WRITER_PART = 'x-soc2-writer';

const writers = new WeakMap<ReadinessDB, string>();

/** The token naming this connection's own writes in the storage signal. */
export function writerToken(database: ReadinessDB): string {
	let t = writers.get(database);
	if (!t) writers.set(database, (t = newId()));
	return t;
}

/**
 * Follow an assessment's revision: `next` with the stored revision at once, then after every
 * change stored to its row, as `liveQuery(() => getRevision(id))` would, except for the answers
 * this connection committed itself in plain IndexedDB (their signal names the connection,
 * `WRITER_PART`): the interview hears of those directly (`onCommitted`), so re-reading the row
 * for each one, as the live query did once the signal came, only cost the page time after every
 * answer. Changes by other tabs, by Dexie writes in this page and Dexie's "everything may have
 * changed" (`all`, back from the back/forward cache) are read.
 */
export function watchRevision(
	id: string,
	database: ReadinessDB,
	next: (revision: number | undefined) => void,
	error: (e: unknown) => void = () => {}
): { unsubscribe(): void } {
	const own = new RangeSet().addKey(writerToken(database));
	const key = new RangeSet().addKey(id);
	const table = `idb://${database.name}/assessments/`;
	let closed = false;
	let reading = false;
	let again = false;
	const read = async () => {
		if (reading) return void (again = true);
		reading = true;
		try {
			do {
				again = false;
				// Outside the transaction whose commit fired the signal (as liveQuery does).
				const revision = await Dexie.ignoreTransaction(() => getRevision(id, database));
				if (closed) return;
				next(revision);
			} while (again && !closed);
		} catch (e) {
			if (!closed) error(e);
		} finally {
			reading = false;
		}
	};
	const listener = (parts: ObservabilitySet) => {
		if (closed) return;
		const writer = parts[WRITER_PART];
		if (writer && rangesOverlap(writer, own)) return;
		const touched = (k: string) => !!parts[k] && rangesOverlap(parts[k]!, key);
		if (parts.all || touched(table) || touched(table + ':dels')) void read();
	};
	Dexie.on('storagemutated', listener);
	void read();
	return {
		unsubscribe() {
			closed = true;
			Dexie.on('storagemutated').unsubscribe(listener);
		}
	};
}

/**
 * Writes go through the assessment's document (doc-store.ts, which loads yjs). It is imported
 * on the first write only, so the start page, which only reads the list index, never loads yjs.
 */
const store = () => import('./doc-store');

/**
 * A new blank assessment, stored with its document; with `from`, the firm library applied
 * (copies of its custom questions, role names, introduction and branding).
 */
export async function createAssessment(
	meta: AssessmentMeta,
	database = db(),
	from?: FromLibrary
): Promise<Assessment> {
	return trackWrite((async () => (await store()).createAssessment(meta, database, from))());
}

/**
 * Store a whole assessment (import, duplicate, undo of a delete). Replaces any assessment with
 * the same id, answers and document included, in one transaction. With `state` (an imported
 * file's Yjs state) that document is stored, with its history.
 */
export async function putAssessment(
	a: Assessment,
	database = db(),
	state?: Uint8Array
): Promise<void> {
	await trackWrite((async () => (await store()).putAssessment(a, database, state))());
}

/** The fields of an assessment that `updateAssessment` may change. */
export type AssessmentPatch = Partial<
	Omit<Assessment, 'id' | 'answers' | 'otherAnswers' | 'createdAt' | 'updatedAt'>
>;

/**
 * Change top-level fields of an assessment. Document fields are applied as commands (only the
 * fields and items that differ from the stored ones change, so concurrent edits of others are
 * kept); `interview` and `lastExportedAt` are this device's own and only touch its row. Resolves
 * with the new revision only after the write has committed. Rejects when the assessment does not
 * exist.
 */
export async function updateAssessment(
	id: string,
	patch: AssessmentPatch,
	database = db()
): Promise<number> {
	const { interview, lastExportedAt, ...docPatch } = patch;
	const device: { interview?: Assessment['interview']; lastExportedAt?: string | null } = {};
	if ('interview' in patch) device.interview = interview;
	if ('lastExportedAt' in patch) device.lastExportedAt = lastExportedAt;
	return trackWrite(
		(async () => {
			const s = await store();
			const { revision } = await s.runCommand(
				id,
				(doc, ctx, current) => s.applyPatch(doc, ctx, current, docPatch),
				{ questions: [], device },
				database
			);
			return revision;
		})()
	);
}

/**
 * Record that the assessment was exported (backup reminder). Does not change `updatedAt`: an
 * export is not a modification.
 */
export async function markExported(id: string, at = nowIso(), database = db()): Promise<void> {
	await trackWrite(
		database.transaction('rw', database.assessments, async () => {
			const row = await database.assessments.get(id);
			if (!row) throw new Error(`Assessment ${id} no longer exists.`);
			await database.assessments.update(id, {
				lastExportedAt: at,
				revision: row.revision + 1,
				listKey: listKeyOf({ ...row, lastExportedAt: at })
			});
		})
	);
}

/** A change of an assessment's custom questions that the bank's checks refuse: nothing was stored. */
export class CustomQuestionsRefused extends Error {
	constructor(readonly problems: string[]) {
		super(problems.join('\n'));
		this.name = 'CustomQuestionsRefused';
	}
}

/**
 * Change one of an assessment's custom questions with one command on that question alone, after
 * the whole resulting list passes the bank's schema and cross-checks (`checkCustomQuestions`,
 * with `bank` the built-in bank), read and checked in the write's own transaction. Rejects with
 * CustomQuestionsRefused (nothing stored) when it does not.
 */
async function changeCustomQuestion(
	assessmentId: string,
	next: (list: CustomQuestion[]) => CustomQuestion[],
	command: 'set' | 'retire' | 'restore',
	target: CustomQuestion | string,
	bank: Bank,
	database: ReadinessDB
): Promise<number> {
	return trackWrite(
		(async () => {
			// Loaded before the transaction: a transaction must not wait for anything but itself.
			const [s, { checkCustomQuestions }] = await Promise.all([
				store(),
				import('$lib/domain/bank/compile')
			]);
			const r = await s.runCommand(
				assessmentId,
				(doc, ctx, current) => {
					const check = checkCustomQuestions(bank, next(current.customQuestions ?? []));
					if (!check.bank) throw new CustomQuestionsRefused(check.errors);
					if (command === 'set') s.commands.setCustomQuestion(doc, ctx, target as CustomQuestion);
					else
						s.commands.setCustomQuestionRetired(doc, ctx, target as string, command === 'retire');
				},
				{ questions: [] },
				database
			);
			return r.revision;
		})()
	);
}

/** Add a custom question to an assessment, or replace the one with its id (see above). */
export function saveCustomQuestion(
	assessmentId: string,
	question: CustomQuestion,
	bank: Bank,
	database = db()
): Promise<number> {
	return changeCustomQuestion(
		assessmentId,
		(list) =>
			list.some((q) => q.id === question.id)
				? list.map((q) => (q.id === question.id ? question : q))
				: [...list, question],
		'set',
		question,
		bank,
		database
	);
}

/**
 * Retire one of an assessment's custom questions (no longer asked, scored or planned; its answers
 * stay in the history) or bring it back, after the checks (another question may depend on it).
 */
export function setCustomQuestionRetired(
	assessmentId: string,
	questionId: string,
	retired: boolean,
	bank: Bank,
	database = db()
): Promise<number> {
	return changeCustomQuestion(
		assessmentId,
		(list) => {
			if (!list.some((q) => q.id === questionId))
				throw new Error('This custom question no longer exists in the assessment.');
			return list.map((q) => {
				if (q.id !== questionId) return q;
				const { retired: _r, ...rest } = q;
				return retired ? { ...rest, retired: true } : rest;
			});
		},
		retired ? 'retire' : 'restore',
		questionId,
		bank,
		database
	);
}

/**
 * Mark one evidence request prepared (`at`, an ISO timestamp) or not prepared (`null`). The one
 * write path of `requestsPrepared`: one command on that request's mark alone, so two quick marks
 * on different requests (or from two tabs, or two merged copies) both stay. Resolves with the new
 * revision only after the write has committed; rejects when the assessment does not exist.
 */
export async function setRequestPrepared(
	assessmentId: string,
	requestId: string,
	at: string | null,
	database = db()
): Promise<number> {
	if (!requestId) throw new Error('An evidence request id is required.');
	return trackWrite(
		(async () => {
			const s = await store();
			const r = await s.runCommand(
				assessmentId,
				(doc, ctx) => s.commands.setRequestPrepared(doc, ctx, requestId, at),
				{ questions: [] },
				database
			);
			return r.revision;
		})()
	);
}

/**
 * Save one maturity answer (or clear it with `null`) through the document, in one transaction:
 * only the parts that differ from the stored answer change (a note, one evidence pointer…).
 * Resolves only after the write has committed.
 */
export async function saveAnswer(
	assessmentId: string,
	questionId: string,
	answer: MaturityAnswer | null,
	database = db()
): Promise<number> {
	return trackWrite(
		(async () => (await store()).saveAnswer(assessmentId, questionId, answer, database))()
	);
}

/** Rename an assessment (the organisation name, checked like everywhere else): one command. */
export async function renameAssessment(
	id: string,
	organisation: string,
	database = db()
): Promise<number> {
	return trackWrite((async () => (await store()).renameAssessment(id, organisation, database))());
}

/** Tick (or untick) one plan action as done: one command, other actions' ticks untouched. */
export async function setActionDone(
	id: string,
	actionId: string,
	done: boolean,
	database = db()
): Promise<number> {
	return trackWrite(
		(async () => {
			const s = await store();
			const r = await s.runCommand(
				id,
				(doc, ctx) => s.commands.setPlanDone(doc, ctx, actionId, done),
				{ questions: [] },
				database
			);
			return r.revision;
		})()
	);
}

/** Untick every plan action ticked now (one command). */
export async function clearActionsDone(id: string, database = db()): Promise<number> {
	return trackWrite(
		(async () => {
			const s = await store();
			const r = await s.runCommand(
				id,
				(doc, ctx) => s.commands.clearAllDone(doc, ctx),
				{ questions: [] },
				database
			);
			return r.revision;
		})()
	);
}

/**
 * Save branding fields (logo, colour): the one write of the report branding, used by the export
 * page and the Start stage. One command: only the fields in `patch` change. Rejects with the
 * field's message when a value is not valid (nothing is written then).
 */
export async function updateBranding(
	id: string,
	patch: Partial<Pick<Branding, 'logoDataUrl' | 'brandColor'>>,
	database = db()
): Promise<number> {
	const valid: Branding = {};
	if ('logoDataUrl' in patch) {
		const r = logoDataUrl(patch.logoDataUrl);
		if (!r.ok) throw new Error(r.message);
		valid.logoDataUrl = r.value;
	}
	if ('brandColor' in patch) {
		const r = brandColor(patch.brandColor);
		if (!r.ok) throw new Error(r.message);
		valid.brandColor = r.value;
	}
	if (Object.keys(valid).length === 0) throw new Error('Nothing to save in the branding.');
	return trackWrite(
		(async () => {
			const s = await store();
			const r = await s.runCommand(
				id,
				(doc, ctx) => s.commands.setBranding(doc, ctx, valid),
				{ questions: [] },
				database
			);
			return r.revision;
		})()
	);
}

/**
 * A write that makes a new assessment from a stored one (a copy, a re-assessment): the source is
 * read first, refused when it is gone, and the document store makes and stores the new one.
 */
async function fromSource(
	id: string,
	database: ReadinessDB,
	make: (s: Awaited<ReturnType<typeof store>>, src: Assessment) => Promise<Assessment>
): Promise<Assessment> {
	const src = await getAssessment(id, database);
	if (!src) throw new Error(`Assessment ${id} no longer exists.`);
	return trackWrite((async () => make(await store(), src))());
}

/**
 * Copy an assessment with all its answers under a new id (e.g. a re-assessment next quarter).
 * `changes` is the new organisation name, or fields of `meta` to change in the copy (e.g. a new
 * assessment date); by default the name gets " (copy)" (shortened to fit when it is very long, so
 * that the copy exports and imports like any other assessment). The copy is a new document.
 */
export function duplicateAssessment(
	id: string,
	changes?: string | Partial<AssessmentMeta>,
	database = db()
): Promise<Assessment> {
	return fromSource(id, database, (s, src) => s.duplicateAssessment(src, changes, database));
}

/**
 * Start a re-assessment of an assessment (issue 20): a new assessment dated `today` (the device's
 * local date, passed in), linked to the original, carrying over its answers, notes, evidence
 * pointers, scope, vendors, CUECs, plan progress and custom questions. One write; the original
 * is not changed. Rejects with the field's message when the name or the target date is refused.
 */
export function startReassessment(
	id: string,
	input: { today: string; targetReportDate: string; organisation?: string },
	database = db()
): Promise<Assessment> {
	return fromSource(id, database, (s, src) => s.startReassessment(src, input, database));
}

/**
 * Confirm carried answers of a re-assessment as still true: one command (one transaction) for
 * all of them — one question, or every one of an area. Resolves with the new revision.
 */
export async function confirmCarriedAnswers(
	id: string,
	questionIds: string[],
	database = db()
): Promise<number> {
	return trackWrite(
		(async () => {
			const s = await store();
			const r = await s.runCommand(
				id,
				(doc, ctx) => s.commands.confirmCarried(doc, ctx, questionIds),
				{ questions: [] },
				database
			);
			return r.revision;
		})()
	);
}

/**
 * Delete an assessment, all its answers and any draft kept for its fields. Returns the deleted
 * assessment so the caller can offer an undo (`putAssessment(deleted)`).
 */
export async function deleteAssessment(
	id: string,
	database = db()
): Promise<Assessment | undefined> {
	const deleted = await trackWrite(
		database.transaction(
			'rw',
			database.assessments,
			database.answers,
			database.docUpdates,
			async () => {
				const a = await getAssessment(id, database);
				if (!a) return undefined;
				await database.answers.where('assessmentId').equals(id).delete();
				await database.docUpdates.where('assessmentId').equals(id).delete();
				await database.assessments.delete(id);
				return a;
			}
		)
	);
	forgetDrafts(id);
	// The reports computed from it (a cache outside this database) go with it.
	await dropReports(id, `${database.name}-report-cache`);
	return deleted;
}

/**
 * Remove the drafts of assessments that are not stored (deleted in a window that still kept a
 * draft in the instant before it learned of it, or that closed first). Returns the ids swept.
 */
export async function pruneOrphanDrafts(database = db()): Promise<string[]> {
	const swept: string[] = [];
	for (const id of draftAssessmentIds()) {
		if ((await getRevision(id, database)) === undefined) {
			clearDrafts(id);
			swept.push(id);
		}
	}
	return swept;
}

export async function getSetting<T>(key: string, database = db()): Promise<T | undefined> {
	return (await database.settings.get(key))?.value as T | undefined;
}

export async function setSetting(key: string, value: unknown, database = db()): Promise<void> {
	await trackWrite(database.settings.put({ key, value }));
}

/**
 * Every row of every table, in primary-key order, as one JSON string. Two dumps are equal exactly
 * when the stored data is equal (tests use it to prove that a rejected import changed nothing).
 */
export async function dumpDatabase(database = db()): Promise<string> {
	return database.transaction('r', database.tables, async () => {
		const out: Record<string, unknown[]> = {};
		for (const table of [...database.tables].sort((a, b) => a.name.localeCompare(b.name))) {
			out[table.name] = await table.toArray();
		}
		return JSON.stringify(out);
	});
}
