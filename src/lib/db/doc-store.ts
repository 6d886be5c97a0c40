/**
 * Storage of assessment documents (Yjs) in the app's Dexie database: the one write path.
 *
 * Each assessment's document is stored as a list of Yjs updates in `docUpdates` (one row per
 * committed command; `full` rows hold a whole state). Every write runs one read-write
 * transaction over `docUpdates`, `assessments` and `answers`:
 *   1. bring this tab's copy of the document up to date with the updates other tabs stored;
 *   2. run the command on it (one Yjs transaction) and store the update it produced;
 *   3. derive the plain assessment from the document (`docToAssessment`, once) and store what the
 *      list and the screens read: the assessment row (with the list index) and the answer rows
 *      of the questions the command touched.
 * The promise resolves only after the transaction committed ("Saved" means on disk); when it
 * fails nothing is stored and this tab's copy of the document is dropped (read again next time).
 * The reads of a write are asked for together, and its writes too (two round trips, not seven).
 *
 * The interview's answers, the write made dozens of times in a row, take a short way when this
 * tab already holds the document (`commitAnswerNative`): the same transaction, rows, checks and
 * strict durability in plain IndexedDB, without Dexie's promise machinery, then Dexie's live
 * queries (here and in other tabs) are told what changed, as Dexie does after its own writes.
 *
 * Compaction: after COMPACT_AFTER updates an assessment's rows are replaced by one full state,
 * so opening a long-used assessment reads one row, never thousands. An answer that reaches the
 * limit leaves it to a transaction of its own once the answer is on screen (`compactDoc`); other
 * commands compact in their own transaction.
 *
 * A database upgraded from version 4 holds no document yet: the first write (or export, or
 * merge) builds it from the stored rows (`assessmentToDoc`), in the same transaction, with
 * nothing lost. This keeps yjs out of the start page, which only reads the list index.
 */
import Dexie, { RangeSet } from 'dexie';
import * as Y from 'yjs';
import {
	answerHistory,
	applyAnswer,
	applyPatch,
	assessmentToDoc,
	docAnswer,
	docToAssessment,
	lineageOf,
	mergePlain,
	mergeState,
	renameOrganisation,
	setAsideAnswers,
	type CommandContext,
	type HistoryItem,
	type MergeSummary,
	type PlainPatch
} from '$lib/doc';
import { withNameSuffix } from '$lib/domain/meta-rules';
import { organisationName } from '$lib/domain/fields';
import { withLibrary, type FromLibrary } from '$lib/domain/library';
import { buildReassessment } from '$lib/domain/reassess';
import type { Assessment, AssessmentMeta, MaturityAnswer } from '$lib/domain/types';
import { allowDrafts } from './drafts';
import {
	blankAssessment,
	db,
	YOUR_NAME_KEY,
	fromRow,
	listKeyOf,
	newId,
	nowIso,
	toRow,
	WRITER_PART,
	writerToken,
	type AnswerRow,
	type AssessmentRow,
	type DocUpdateRow,
	type ReadinessDB
} from './index';
import { afterFrame } from '$lib/after-frame';
import { request } from './idb';
import { STORAGE_MUTATED } from './on-demand';
import { trackWrite } from './pending';

function isAnswered(a: MaturityAnswer | undefined): boolean {
	return a !== undefined && a.value !== null && a.value !== undefined;
}

/** Updates kept per assessment before they are replaced by one full state. */
export const COMPACT_AFTER = 100;

interface Cached {
	doc: Y.Doc;
	/** Seq and tag of the last update row applied (the tag tells a rolled-back seq apart). */
	seq: number;
	tag: string;
	/** Update rows stored since the last full state. */
	rows: number;
}

const caches = new WeakMap<ReadinessDB, Map<string, Cached>>();

function cacheOf(database: ReadinessDB): Map<string, Cached> {
	let c = caches.get(database);
	if (!c) caches.set(database, (c = new Map()));
	return c;
}

/** The document's update rows from the last one this tab's copy holds on, in one request. */
function rowsSince(updates: IDBObjectStore, id: string, c: Cached): Promise<DocUpdateRow[]> {
	return request(
		updates
			.index('[assessmentId+seq]')
			.getAll(IDBKeyRange.bound([id, c.seq], [id, [[]]])) as IDBRequest<DocUpdateRow[]>
	);
}

/**
 * Brings this tab's copy up to date with `rows` (`rowsSince`): another tab's rows stored after
 * its last are applied. False, having changed nothing, when the rows do not continue the copy
 * (the copy was replaced meanwhile, its last row is gone or was rewritten, or the rows were
 * compacted into a full state).
 */
function catchUp(database: ReadinessDB, id: string, c: Cached, rows: DocUpdateRow[]): boolean {
	const last = rows[0];
	const later = rows.slice(1);
	if (
		cacheOf(database).get(id) !== c ||
		!last ||
		last.seq !== c.seq ||
		last.tag !== c.tag ||
		later.some((r) => r.full)
	)
		return false;
	advance(c, later);
	return true;
}

/** Apply update rows stored after a copy's last one to it (in order), and note the last. */
function advance(c: Cached, rows: readonly DocUpdateRow[]): void {
	if (!rows.length) return;
	Y.transact(c.doc, () => {
		for (const r of rows) Y.applyUpdate(c.doc, r.update, 'storage');
	});
	const last = rows[rows.length - 1]!;
	c.seq = last.seq!;
	c.tag = last.tag;
	c.rows += rows.length;
}

/** A Yjs update that changes nothing (no structs, no deletions). */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

/**
 * Run `fn` on this tab's copy of a document and return its result with the update it made: the
 * updates Yjs emits for the transactions `fn` ran (merged when there are several; an empty
 * update when it changed nothing). Each holds only what those transactions inserted and deleted,
 * which Yjs encodes as it commits them: neither a state vector of the document before nor a
 * difference against it (`encodeStateAsUpdate(doc, before)`, which scans the whole document and
 * writes every deletion it ever saw) is needed, so the stored row stays as small as the change.
 */
function withUpdate<T>(doc: Y.Doc, fn: () => T): { result: T; update: Uint8Array } {
	const updates: Uint8Array[] = [];
	const listen = (u: Uint8Array) => void updates.push(u);
	doc.on('update', listen);
	let result: T;
	try {
		result = fn();
	} finally {
		doc.off('update', listen);
	}
	const update =
		updates.length === 0
			? EMPTY_UPDATE
			: updates.length === 1
				? updates[0]!
				: Y.mergeUpdates(updates);
	return { result, update };
}

/** Forget this tab's copy of a document (it is read again from storage next time). */
export function evictDoc(id: string, database = db()): void {
	cacheOf(database).get(id)?.doc.destroy();
	cacheOf(database).delete(id);
}

function tag(): string {
	return Math.random().toString(36).slice(2, 10);
}

/** The tables a document write needs (callers opening their own transaction include them all). */
export function docTables(database: ReadinessDB) {
	return [database.assessments, database.answers, database.docUpdates, database.settings];
}

async function storeFull(
	database: ReadinessDB,
	id: string,
	doc: Y.Doc,
	local?: number
): Promise<Cached> {
	const t = tag();
	const seq = (await database.docUpdates.add({
		assessmentId: id,
		update: Y.encodeStateAsUpdate(doc),
		full: true,
		tag: t,
		...(local ? { local } : {})
	})) as number;
	return { doc, seq, tag: t, rows: 0 };
}

/**
 * The reads a command makes besides the assessment row, started at once so that they travel
 * together (IndexedDB answers requests of one transaction in order, without waiting for the
 * page between them): the document's update rows from this tab's copy on, and "your name".
 * Must be started inside a transaction over `docTables`.
 */
export interface CommandReads {
	/** This tab's copy when the rows were asked for (the rows only count for that copy). */
	cached: Cached | undefined;
	/** The last row that copy applied and every row after it (all rows without a copy). */
	rows: Promise<DocUpdateRow[]>;
	/** The settings' "your name" (undefined when unset). */
	yourName: Promise<unknown>;
}

function rowsFrom(database: ReadinessDB, id: string, c: Cached | undefined) {
	return database.docUpdates
		.where('[assessmentId+seq]')
		.between([id, c ? c.seq : -Infinity], [id, Dexie.maxKey], !!c, true)
		.toArray();
}

export function startReads(database: ReadinessDB, id: string): CommandReads {
	const cached = cacheOf(database).get(id);
	const reads: CommandReads = {
		cached,
		rows: rowsFrom(database, id, cached),
		yourName: database.settings.get(YOUR_NAME_KEY).then((r) => r?.value)
	};
	// A command that stops early (a conflict) does not await them: no unhandled rejection then
	// (a failed read fails the transaction anyway).
	reads.rows.catch(() => undefined);
	reads.yourName.catch(() => undefined);
	return reads;
}

/**
 * This tab's copy of an assessment's document, brought up to date with storage. Must run inside
 * a transaction over `docTables`. Builds (and stores) the document of an assessment stored
 * without one (a database upgraded from version 4). `reads`: the rows already asked for in this
 * transaction (`startReads`), used when they were read for the copy the cache still holds.
 */
async function loadDoc(
	database: ReadinessDB,
	row: AssessmentRow,
	reads?: CommandReads
): Promise<Cached> {
	const cache = cacheOf(database);
	const id = row.id;
	let c = cache.get(id);
	let rows: DocUpdateRow[] =
		reads && reads.cached === c ? await reads.rows : await rowsFrom(database, id, c);
	if (c) {
		// One read for both: the last row this copy applied (still there, same tag: nothing was
		// rolled back or replaced) and the rows stored after it (another tab's writes).
		const last = rows[0];
		if (!last || last.seq !== c.seq || last.tag !== c.tag) {
			evictDoc(id, database);
			c = undefined;
			rows = await rowsFrom(database, id, undefined);
		} else rows = rows.slice(1);
	}
	if (!c || rows.some((r) => r.full)) {
		if (c) evictDoc(id, database);
		if (!rows.length) {
			const answers = await database.answers.where('assessmentId').equals(id).toArray();
			const doc = assessmentToDoc(fromRow(row, answers));
			c = await storeFull(database, id, doc);
		} else c = copyFrom(rows);
		cache.set(id, c);
		return c;
	}
	advance(c, rows);
	cache.set(id, c);
	return c;
}

/** A new copy of a document from its stored rows (all of them, in order; at least one). */
function copyFrom(rows: DocUpdateRow[]): Cached {
	const lastFull = rows.map((r) => r.full).lastIndexOf(true);
	const c: Cached = { doc: new Y.Doc(), seq: 0, tag: '', rows: 0 };
	advance(c, rows.slice(Math.max(0, lastFull)));
	// The full state is not an update row since the last full state.
	if (lastFull >= 0) c.rows -= 1;
	return c;
}

/**
 * Read an assessment's document into this tab's copy ahead of its first write (the interview
 * asks once the page has been idle for a while after the first question showed): that write
 * then takes the short way (`commitAnswerNative`) instead of building the copy itself. One read
 * of the document's rows; nothing is stored. Resolves with false, having done nothing, when this
 * tab holds a copy already (a write made one meanwhile is kept) or the assessment has no
 * document rows yet (a database upgraded from version 4: its first write builds the document).
 */
export async function warmDoc(id: string, database = db()): Promise<boolean> {
	if (cacheOf(database).has(id)) return false;
	const rows = await rowsFrom(database, id, undefined);
	if (!rows.length || cacheOf(database).has(id)) return false;
	cacheOf(database).set(id, copyFrom(rows));
	return true;
}

function nameOr(value: unknown, row: AssessmentRow): string {
	return typeof value === 'string' && value.trim() ? value.trim() : row.meta.assessor;
}

/** The rows a write that names its questions stores (see `answerWriteRows`). */
export interface AnswerWriteRows {
	/** Each named question's answer row; null: it has no answer now (its row is deleted). */
	answers: { questionId: string; row: AnswerRow | null }[];
	/** The assessment's row with the next revision, the answered count and the list key. */
	assessment: AssessmentRow;
}

/**
 * What a write that named its questions stores, derived from the document after the command
 * (`plain`: `docToAssessment(doc, device, questions)`): the answer row of each question and the
 * assessment row with revision `row.revision + 1`, the answered count moved by the answers that
 * appeared or went (`before`: each question's answer before the command) from the stored row's,
 * and the list key. The one derivation of both write paths (`runCommand` through Dexie,
 * `commitAnswerNative` in plain IndexedDB), so their rows cannot drift apart.
 */
export function answerWriteRows(
	row: AssessmentRow,
	plain: Assessment,
	questions: readonly string[],
	before: (questionId: string) => MaturityAnswer | undefined
): AnswerWriteRows {
	const id = row.id;
	let answeredCount = row.answeredCount ?? 0;
	const answers = questions.map((questionId) => {
		const a = plain.answers[questionId];
		answeredCount += Number(isAnswered(a)) - Number(isAnswered(before(questionId)));
		return { questionId, row: a ? { ...a, assessmentId: id, questionId } : null };
	});
	const assessment = toRow(plain, row.revision + 1);
	assessment.answeredCount = Math.max(0, answeredCount);
	assessment.listKey = listKeyOf(assessment);
	return { answers, assessment };
}

export interface CommandOptions {
	/** Time of the change (default: now). The interview passes the time it showed. */
	at?: string;
	/** Questions whose answer rows the command may change (default: all of them). */
	questions?: string[];
	/** This device's own fields to change in the same write (not part of the document). */
	device?: { interview?: Assessment['interview']; lastExportedAt?: string | null };
	/** The command stores what came from a team server (not counted as a change waiting). */
	remote?: boolean;
	/**
	 * The assessment's row, read by the caller in the same transaction (`docTables`) that this
	 * command joins: saves reading it again. Never a row read before the transaction.
	 */
	row?: AssessmentRow;
	/** The command's other reads, started by the caller in the same transaction (`startReads`). */
	reads?: CommandReads;
}

/**
 * Run a command on an assessment's document and store it (see the module comment). Resolves
 * with the assessment's new revision and the command's result after the commit.
 */
export function runCommand<T>(
	id: string,
	command: (doc: Y.Doc, ctx: CommandContext, current: Assessment) => T,
	options: CommandOptions = {},
	database = db()
): Promise<{ revision: number; result: T; assessment: Assessment }> {
	const work = database
		.transaction('rw', docTables(database), async () => {
			// Every read at once: the row, the document's new rows and "your name" (one round trip).
			const reads = options.reads ?? startReads(database, id);
			const row = options.row ?? (await database.assessments.get(id));
			if (!row) throw new Error(`Assessment ${id} no longer exists.`);
			const [c, name] = await Promise.all([loadDoc(database, row, reads), reads.yourName]);
			const now = nowIso();
			const ctx: CommandContext = { at: options.at ?? now, by: nameOr(name, row), now };
			const device = {
				interview: row.interview ?? null,
				lastExportedAt: row.lastExportedAt ?? null,
				...options.device
			};
			// A write that names its questions derives only their answers (the others did not
			// change): the answer path stays fast however large the assessment.
			const only = options.questions;
			const current = docToAssessment(c.doc, device, only);
			let made: { result: T; update: Uint8Array };
			try {
				made = withUpdate(c.doc, () => command(c.doc, ctx, current));
			} catch (e) {
				evictDoc(id, database);
				throw e;
			}
			const { result, update } = made;
			const t = tag();
			// The writes are asked for together too, and awaited once (the transaction commits
			// after the last; any failure rejects the whole write).
			const writes: Promise<unknown>[] = [
				database.docUpdates
					.add({
						assessmentId: id,
						update,
						full: false,
						tag: t,
						...(options.remote ? { remote: true as const } : {})
					})
					.then((seq) => {
						c.seq = seq as number;
					})
			];
			c.tag = t;
			c.rows += 1;
			if (c.rows >= COMPACT_AFTER) {
				await writes.pop();
				// The full row keeps the count of changes the team server has not acknowledged.
				const local = countWaiting(await rowsAfterAck(database, id));
				await database.docUpdates.where('assessmentId').equals(id).delete();
				Object.assign(c, await storeFull(database, id, c.doc, local));
			}
			const plain = docToAssessment(c.doc, device, only);
			const revision = row.revision + 1;
			if (only) {
				const rows = answerWriteRows(row, plain, only, (q) => current.answers[q]);
				for (const { questionId, row: r } of rows.answers)
					writes.push(
						r ? database.answers.put(r) : database.answers.delete([id, questionId] as never)
					);
				writes.push(database.assessments.put(rows.assessment));
				await Promise.all(writes);
				return { revision, result, assessment: plain };
			} else {
				await Promise.all(writes);
				await database.answers.where('assessmentId').equals(id).delete();
				await database.answers.bulkPut(
					Object.entries(plain.answers).map(([questionId, a]) => ({
						...a,
						assessmentId: id,
						questionId
					}))
				);
			}
			await database.assessments.put(toRow(plain, revision));
			return { revision, result, assessment: plain };
		})
		.catch((e: unknown) => {
			evictDoc(id, database);
			throw e;
		});
	return trackWrite(work);
}

// ------------------------------------------------------------- the answer's commit, native

/** What `commitAnswerNative` did: committed, refused (the stored answer it would overwrite). */
export type NativeAnswerResult =
	{ ok: true; revision: number } | { ok: false; current: MaturityAnswer | null };

let channel: BroadcastChannel | null = null;
/** Signals not sent yet (several quick answers go out together, in order). */
const unsent: (() => Record<string, RangeSet>)[] = [];
let flushListening = false;

function sendUnsent(): void {
	const list = unsent.splice(0);
	if (!list.length) return;
	if (typeof BroadcastChannel === 'undefined') {
		for (const parts of list) Dexie.on('storagemutated').fire(parts());
		return;
	}
	if (!channel) {
		const opened = new BroadcastChannel(STORAGE_MUTATED);
		(opened as { unref?: () => void }).unref?.();
		channel = opened;
	}
	for (const parts of list) channel.postMessage(parts());
}

/**
 * Tell Dexie's live queries, in this page and in the other tabs, what a native write changed, as
 * Dexie does after its own transactions: one message on Dexie's channel, which Dexie's own
 * listener in every page (this one included) turns into its `storagemutated` event, dropping the
 * cached query results that overlap (a tab that has not loaded Dexie yet wakes up on it too:
 * `whenDbNeeded`). Sent once the answer is on screen (`afterFrame`, at most a second later): the
 * live queries it wakes up then run after "Saved" is on screen instead of before. The signal
 * names the connection that wrote (`WRITER_PART`): its own revision watcher (`watchRevision`)
 * skips it, as the interview learnt of its own commit directly (`onCommitted`); the page's live
 * queries (the team sync's) and every other tab hear it as Dexie's. A page that goes away first
 * sends what it still holds as it goes (`pagehide`), and closes the channel there (an open one
 * would keep it out of the back/forward cache; Dexie closes its own too).
 */
function signalMutation(parts: () => Record<string, RangeSet>): void {
	unsent.push(parts);
	if (!flushListening && typeof addEventListener === 'function') {
		flushListening = true;
		addEventListener('pagehide', () => {
			sendUnsent();
			channel?.close();
			channel = null;
		});
	}
	if (unsent.length > 1) return; // already scheduled
	afterFrame(sendUnsent, 1000);
}

/**
 * Save one answer of the interview — the one write a user makes dozens of times in a row — in
 * one IndexedDB transaction of its own, without Dexie's promise machinery: the same rows as
 * `runCommand` (the document's update row, the answer row, the assessment row with its revision,
 * count and list key), in one read-write transaction over `docTables` with strict durability.
 * Its reads (the row, the document's rows from this tab's copy on, "your name") are asked for
 * at once and its writes too, so the whole commit is two round trips and six requests.
 *
 * `conflict(stored)` is the interview's stale-edit check against the stored answer, taken from
 * the document once this transaction has brought it up to date (the answer row holds the same:
 * every write derives it from the document in its transaction); another tab's newer answer is
 * refused and nothing is written. Resolves only after
 * the commit; rejects (nothing stored, this tab's copy of the document dropped) when the
 * transaction fails, e.g. with the browser's quota error. Resolves with null, having written
 * nothing, when it cannot take the short way: no copy of the document in this tab yet, another
 * tab replaced or compacted the document, the assessment is gone or the database is not open — the caller then saves through `runCommand`, which handles all of those.
 */
export async function commitAnswerNative(
	database: ReadinessDB,
	id: string,
	questionId: string,
	answer: MaturityAnswer | null,
	conflict: (stored: MaturityAnswer | null) => { current: unknown } | null
): Promise<NativeAnswerResult | null> {
	const c = cacheOf(database).get(id);
	if (!c || !database.isOpen()) return null;
	let idb: IDBDatabase;
	let tx: IDBTransaction;
	try {
		idb = database.backendDB();
		tx = idb.transaction(['assessments', 'answers', 'docUpdates', 'settings'], 'readwrite', {
			durability: 'strict'
		});
	} catch {
		return null;
	}
	const committed = new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		// A failed request aborts the transaction (nothing here prevents that): nothing is stored.
		tx.onerror = (e) =>
			reject((e.target as IDBRequest | null)?.error ?? new Error('The write failed.'));
		tx.onabort = () => reject(tx.error ?? new Error('The write was aborted.'));
	});
	// Whatever happens below, the transaction's own outcome is awaited (or deliberately ignored).
	committed.catch(() => undefined);
	const assessments = tx.objectStore('assessments');
	const answers = tx.objectStore('answers');
	const updates = tx.objectStore('docUpdates');
	let changed = false;
	try {
		const [row, rows, name] = await Promise.all([
			request(assessments.get(id) as IDBRequest<AssessmentRow | undefined>),
			rowsSince(updates, id, c),
			request(
				tx.objectStore('settings').get(YOUR_NAME_KEY) as IDBRequest<{ value: unknown } | undefined>
			)
		]);
		// Another tab's changes first (rows it stored after this copy's last), then ours.
		if (!row || !catchUp(database, id, c, rows)) {
			tx.abort();
			return null;
		}
		const now = nowIso();
		const ctx: CommandContext = { at: answer?.updatedAt ?? now, by: nameOr(name?.value, row), now };
		const device = { interview: row.interview ?? null, lastExportedAt: row.lastExportedAt ?? null };
		const only = [questionId];
		// The stored answer is the document's, now up to date with every committed write (each
		// write stores the answer rows derived from the document in the same transaction, so the
		// answer row holds the same): no read of the row is needed for the check. Only that
		// answer is derived before the command; the assessment once, after it.
		const was = docAnswer(c.doc, questionId);
		const stored = was ?? null;
		const refused = conflict(stored);
		if (refused) {
			tx.abort();
			return { ok: false, current: refused.current as MaturityAnswer | null };
		}
		changed = true;
		const { update } = withUpdate(c.doc, () => applyAnswer(c.doc, ctx, questionId, stored, answer));
		const plain = docToAssessment(c.doc, device, only);
		const t = tag();
		const added = request(
			updates.add({ assessmentId: id, update, full: false, tag: t } satisfies DocUpdateRow)
		);
		added.catch(() => undefined); // awaited below unless a later request throws first
		const derived = answerWriteRows(row, plain, only, () => was);
		for (const { row: r } of derived.answers) {
			if (r) answers.put(r);
			else answers.delete([id, questionId]);
		}
		const next = derived.assessment;
		assessments.put(next);
		// Nothing else will be asked of this transaction: it commits as soon as these writes are
		// done, instead of once this page has taken each one's success event in turn (a trip to
		// this page's busy main thread and back, on every answer).
		try {
			tx.commit?.();
		} catch {
			// Already aborted (a write failed at once): `committed` rejects with the reason.
		}
		const seq = (await added) as number;
		await committed;
		c.seq = seq;
		c.tag = t;
		c.rows += 1;
		// A compaction due runs after "Saved", in a transaction of its own (see compactDoc).
		if (c.rows >= COMPACT_AFTER) scheduleCompaction(database, id);
		// The signal's key sets are built when it is sent, after "Saved" (not in the commit).
		const old = { updatedAt: row.updatedAt, orgKey: row.orgKey, listKey: row.listKey };
		const is = { updatedAt: next.updatedAt, orgKey: next.orgKey, listKey: next.listKey };
		signalMutation(() => ({
			[`idb://${database.name}/assessments/`]: new RangeSet().addKeys([id]),
			[`idb://${database.name}/assessments/:dels`]: new RangeSet().addKeys([id]),
			[`idb://${database.name}/assessments/updatedAt`]: new RangeSet().addKeys(
				[old.updatedAt, is.updatedAt].filter((k) => typeof k === 'string')
			),
			[`idb://${database.name}/assessments/orgKey`]: new RangeSet().addKeys(
				[old.orgKey, is.orgKey].filter((k) => typeof k === 'string')
			),
			[`idb://${database.name}/assessments/listKey`]: new RangeSet().addKeys(
				[old.listKey, is.listKey].filter((k) => Array.isArray(k))
			),
			[`idb://${database.name}/answers/`]: new RangeSet().addKeys([[id, questionId]]),
			[`idb://${database.name}/answers/:dels`]: new RangeSet().addKeys([[id, questionId]]),
			[`idb://${database.name}/answers/assessmentId`]: new RangeSet().addKeys([id]),
			[`idb://${database.name}/docUpdates/`]: new RangeSet().addKeys([seq]),
			[`idb://${database.name}/docUpdates/:dels`]: new RangeSet().addKeys([seq]),
			[`idb://${database.name}/docUpdates/assessmentId`]: new RangeSet().addKeys([id]),
			[`idb://${database.name}/docUpdates/[assessmentId+seq]`]: new RangeSet().addKeys([[id, seq]]),
			// Names this connection: its own revision watcher skips the signal (`watchRevision`).
			[WRITER_PART]: new RangeSet().addKey(writerToken(database))
		}));
		return { ok: true, revision: next.revision };
	} catch (e) {
		try {
			tx.abort();
		} catch {
			/* already finished */
		}
		// This tab's copy may hold the change that was not stored: read it again next time.
		if (changed) evictDoc(id, database);
		throw e;
	}
}

/** Compactions scheduled and not finished yet (database name and assessment id). */
const compactions = new Set<string>();

/**
 * Compact an assessment's document once the answer is on screen (`afterFrame`, at most two
 * seconds later): what an answer that reached COMPACT_AFTER rows asks for, so that the answer's
 * own transaction stays as short as every other's and "Saved" does not wait for it. If it cannot
 * run (the tab goes away, the write fails) the rows stay as they are, and the next write that
 * finds them due compacts (an answer schedules it again, any other command compacts in its
 * transaction).
 */
function scheduleCompaction(database: ReadinessDB, id: string): void {
	const key = `${database.name}\u0000${id}`;
	if (compactions.has(key)) return;
	compactions.add(key);
	const run = () =>
		void compactDoc(id, database)
			.catch(() => false)
			.finally(() => compactions.delete(key));
	afterFrame(run, 2000);
}

/**
 * Replace an assessment's update rows by one full state (keeping the count of changes the team
 * server has not acknowledged) when COMPACT_AFTER or more are stored since the last full state:
 * one read-write transaction of its own, which brings this tab's copy up to date first. Resolves
 * with whether it compacted.
 */
export function compactDoc(id: string, database = db()): Promise<boolean> {
	return trackWrite(
		database
			.transaction('rw', docTables(database), async () => {
				const row = await database.assessments.get(id);
				if (!row) return false;
				const c = await loadDoc(database, row);
				if (c.rows < COMPACT_AFTER) return false;
				const local = countWaiting(await rowsAfterAck(database, id));
				await database.docUpdates.where('assessmentId').equals(id).delete();
				Object.assign(c, await storeFull(database, id, c.doc, local));
				return true;
			})
			.catch((e: unknown) => {
				evictDoc(id, database);
				throw e;
			})
	);
}

/** Store a new document for an assessment, replacing any stored one (same transaction). */
async function replaceDoc(
	database: ReadinessDB,
	doc: Y.Doc,
	device: Assessment
): Promise<Assessment> {
	const plain = docToAssessment(doc, {
		interview: device.interview ?? null,
		lastExportedAt: device.lastExportedAt ?? null
	});
	const id = plain.id;
	const prev = await database.assessments.get(id);
	await database.answers.where('assessmentId').equals(id).delete();
	await database.docUpdates.where('assessmentId').equals(id).delete();
	evictDoc(id, database);
	const c = await storeFull(database, id, doc);
	await database.assessments.put(toRow(plain, (prev?.revision ?? 0) + 1));
	await database.answers.bulkPut(
		Object.entries(plain.answers).map(([questionId, ans]) => ({
			...ans,
			assessmentId: id,
			questionId
		}))
	);
	cacheOf(database).set(id, c);
	return plain;
}

export async function createAssessment(
	meta: AssessmentMeta,
	database = db(),
	from?: FromLibrary
): Promise<Assessment> {
	const blank = blankAssessment(meta);
	const a = from ? withLibrary(blank, from) : blank;
	return trackWrite(
		database
			.transaction('rw', docTables(database), () => replaceDoc(database, assessmentToDoc(a), a))
			.catch((e: unknown) => {
				evictDoc(a.id, database);
				throw e;
			})
	);
}

/**
 * Store a whole assessment (import, duplicate, undo of a delete), replacing any with the same
 * id: a new document from the plain data, or, with `state`, the document of an imported file
 * (its history and lineage kept). Resolves with the assessment as stored.
 */
export async function putAssessment(
	a: Assessment,
	database = db(),
	state?: Uint8Array,
	knownQuestions?: ReadonlySet<string>
): Promise<Assessment> {
	allowDrafts(a.id);
	let doc: Y.Doc;
	if (state) {
		doc = new Y.Doc();
		Y.applyUpdate(doc, state);
		if (knownQuestions) setAsideAnswers(doc, knownQuestions);
	} else doc = assessmentToDoc(a);
	return trackWrite(
		database
			.transaction('rw', docTables(database), () => replaceDoc(database, doc, a))
			.catch((e: unknown) => {
				evictDoc(a.id, database);
				throw e;
			})
	);
}

/** Save one maturity answer (or clear it with `null`): only what differs is changed. */
export async function saveAnswer(
	assessmentId: string,
	questionId: string,
	answer: MaturityAnswer | null,
	database = db()
): Promise<number> {
	const { revision } = await runCommand(
		assessmentId,
		(doc, ctx, current) =>
			applyAnswer(doc, ctx, questionId, current.answers[questionId] ?? null, answer),
		{ at: answer?.updatedAt, questions: [questionId] },
		database
	);
	return revision;
}

/** Apply a plain patch of top-level fields as commands (only what differs changes). */
export async function patchAssessment(
	id: string,
	patch: PlainPatch,
	database = db()
): Promise<number> {
	const { revision } = await runCommand(
		id,
		(doc, ctx, current) => applyPatch(doc, ctx, current, patch),
		{ questions: [] },
		database
	);
	return revision;
}

export async function renameAssessment(
	id: string,
	organisation: string,
	database = db()
): Promise<number> {
	const name = organisationName(organisation);
	if (!name.ok) throw new Error(name.message);
	const { revision } = await runCommand(
		id,
		(doc, ctx) => renameOrganisation(doc, ctx, name.value),
		{ questions: [] },
		database
	);
	return revision;
}

/**
 * Copy an assessment with all its answers under a new id (e.g. a re-assessment next quarter).
 * See `duplicateAssessment` in src/lib/db.
 */
export async function duplicateAssessment(
	src: Assessment,
	changes: string | Partial<AssessmentMeta> | undefined,
	database = db()
): Promise<Assessment> {
	const now = nowIso();
	const patch = typeof changes === 'string' ? { organisation: changes } : (changes ?? {});
	const copy: Assessment = structuredClone({
		...src,
		id: newId(),
		meta: { ...src.meta, organisation: withNameSuffix(src.meta.organisation, ' (copy)'), ...patch },
		createdAt: now,
		updatedAt: now,
		lastExportedAt: null
	});
	const name = organisationName(copy.meta.organisation);
	if (!name.ok) throw new Error(`The name of the copy cannot be stored: ${name.message}`);
	copy.meta.organisation = name.value;
	return putAssessment(copy, database);
}

/**
 * Start a re-assessment of `src` (issue 20): a new assessment dated `today`, linked to `src`,
 * carrying its answers and the rest over (`buildReassessment`), stored with its new document in
 * one transaction. `src` is not changed.
 */
export async function startReassessment(
	src: Assessment,
	input: { today: string; targetReportDate: string; organisation?: string },
	database = db()
): Promise<Assessment> {
	const next = buildReassessment(src, { ...input, id: newId(), now: nowIso() });
	return putAssessment(next, database);
}

/** The stored document of an assessment as one Yjs state (exports), or undefined. */
export async function encodeAssessmentState(
	id: string,
	database = db()
): Promise<Uint8Array | undefined> {
	return database.transaction('rw', docTables(database), async () => {
		const row = await database.assessments.get(id);
		if (!row) return undefined;
		return Y.encodeStateAsUpdate((await loadDoc(database, row)).doc);
	});
}

/**
 * The history of one answer, newest first (the first is the current answer). When this tab
 * holds the document (the interview after its first write) it is read from that copy, brought up
 * to date in one read-only request (`historyNative`); otherwise, or when that copy cannot be
 * brought up to date that way, in a read-write transaction that loads (or builds) the document.
 */
export async function getAnswerHistory(
	id: string,
	questionId: string,
	database = db()
): Promise<HistoryItem[]> {
	const fast = await historyNative(database, id, questionId);
	if (fast) return fast;
	return database.transaction('rw', docTables(database), async () => {
		const row = await database.assessments.get(id);
		if (!row) return [];
		return answerHistory((await loadDoc(database, row)).doc, questionId);
	});
}

/**
 * The history the interview reads after each of its saves, without a read-write transaction
 * over the document's tables (which the next answer's commit would queue behind) and without
 * Dexie: one read-only request for the rows from this tab's copy on (after our own save, the one
 * row it wrote). Other tabs' rows stored since are applied to the copy, as a write would. Null,
 * having changed nothing, when this tab holds no copy, the copy moved on meanwhile, the rows were
 * replaced or compacted, the assessment is gone or the database is not open.
 */
async function historyNative(
	database: ReadinessDB,
	id: string,
	questionId: string
): Promise<HistoryItem[] | null> {
	const c = cacheOf(database).get(id);
	if (!c || !database.isOpen()) return null;
	let rows: DocUpdateRow[];
	try {
		const tx = database.backendDB().transaction(['docUpdates'], 'readonly');
		rows = await rowsSince(tx.objectStore('docUpdates'), id, c);
	} catch {
		return null;
	}
	return catchUp(database, id, c, rows) ? answerHistory(c.doc, questionId) : null;
}

/**
 * Merge another copy of an assessment into the stored one: a Yjs state (same lineage: a Yjs
 * merge; another lineage: a plain merge) or plain data (a formatVersion 1 file). One
 * transaction; resolves with the summary after the commit.
 */
export async function mergeIntoAssessment(
	id: string,
	incoming: { state: Uint8Array } | { plain: Assessment },
	database = db()
): Promise<{ summary: MergeSummary; assessment: Assessment; revision: number }> {
	const { revision, result, assessment } = await runCommand(
		id,
		(doc, ctx) =>
			'state' in incoming
				? mergeState(doc, incoming.state, ctx.by)
				: mergePlain(doc, incoming.plain, ctx.by),
		{},
		database
	);
	return { summary: result, assessment, revision };
}

export { applyPatch } from '$lib/doc';
export * as commands from '$lib/doc/commands';

/** What an export carries of the document: its state and lineage. */
export async function exportState(
	id: string,
	database = db()
): Promise<{ state: Uint8Array; lineage: string } | undefined> {
	return database.transaction('rw', docTables(database), async () => {
		const row = await database.assessments.get(id);
		if (!row) return undefined;
		const { doc } = await loadDoc(database, row);
		return { state: Y.encodeStateAsUpdate(doc), lineage: lineageOf(doc) };
	});
}

/** The origin of updates that came from a team server (see src/lib/sync). */
export const REMOTE_ORIGIN = 'team-server';

/**
 * Store updates that arrived from a team server the way a merge is stored: one command in one
 * transaction, the derived rows updated, so open screens refresh as they do for a second tab.
 */
export async function applyRemoteUpdates(
	id: string,
	updates: Uint8Array[],
	database = db()
): Promise<number> {
	const { revision } = await runCommand(
		id,
		(doc) => {
			Y.transact(
				doc,
				() => {
					for (const u of updates) Y.applyUpdate(doc, u, REMOTE_ORIGIN);
				},
				REMOTE_ORIGIN
			);
		},
		{ remote: true },
		database
	);
	return revision;
}

/**
 * What the stored document has that a replica with state vector `since` lacks (one Yjs update),
 * its lineage (the name of the document on a team server), and the seq of the last stored row
 * it includes (what `acknowledgeSync` is given once the server has it all).
 */
export async function stateSince(
	id: string,
	since?: Uint8Array,
	database = db()
): Promise<{ update: Uint8Array; lineage: string; seq: number } | undefined> {
	return database.transaction('rw', docTables(database), async () => {
		const row = await database.assessments.get(id);
		if (!row) return undefined;
		const { doc, seq } = await loadDoc(database, row);
		return { update: Y.encodeStateAsUpdate(doc, since), lineage: lineageOf(doc), seq };
	});
}

/*
 * "N changes waiting" (team sync), derived from what is stored so that it holds across reloads:
 * the settings row `teamAck:<assessment id>` keeps the document name and the seq of the last
 * update row the team server is known to hold (written when the provider reports everything
 * synced). Waiting = the changes made here in rows after it: one per command row, none for a
 * row that stored what came from the server, and a compaction's full row carries the count of
 * the rows it replaced. No new table or index: `remote` and `local` are plain row fields.
 */

/** The settings key of an assessment's acknowledged sync point. */
export const syncAckKey = (id: string) => `teamAck:${id}`;

export interface SyncAck {
	/** The document's name on the team server (an ack for another name does not count). */
	doc: string;
	/** The last docUpdates seq the server holds. */
	seq: number;
}

/** The changes made here that the rows stand for (rows after the acknowledged point). */
export function countWaiting(rows: readonly Pick<DocUpdateRow, 'full' | 'remote' | 'local'>[]) {
	let n = 0;
	for (const r of rows) n += r.full ? (r.local ?? 0) : r.remote ? 0 : 1;
	return n;
}

async function readAck(
	database: ReadinessDB,
	id: string,
	doc?: string
): Promise<SyncAck | undefined> {
	const v = (await database.settings.get(syncAckKey(id)))?.value as SyncAck | null | undefined;
	if (!v || typeof v.seq !== 'number' || typeof v.doc !== 'string') return undefined;
	return doc === undefined || v.doc === doc ? v : undefined;
}

async function rowsAfterAck(
	database: ReadinessDB,
	id: string,
	doc?: string
): Promise<DocUpdateRow[]> {
	const ack = await readAck(database, id, doc);
	return database.docUpdates
		.where('[assessmentId+seq]')
		.between([id, ack ? ack.seq : -Infinity], [id, Dexie.maxKey], false, true)
		.toArray();
}

/**
 * How many changes made on this device the team server (document `doc`) has not acknowledged.
 * Before the first acknowledgement every change made here counts.
 */
export function waitingChanges(id: string, doc: string, database = db()): Promise<number> {
	return database.transaction('r', database.docUpdates, database.settings, async () =>
		countWaiting(await rowsAfterAck(database, id, doc))
	);
}

/** Record that the team server holds everything up to row `seq` (never moves back). */
export function acknowledgeSync(
	id: string,
	doc: string,
	seq: number,
	database = db()
): Promise<void> {
	return trackWrite(
		database.transaction('rw', database.settings, async () => {
			const ack = await readAck(database, id, doc);
			if (ack && ack.seq >= seq) return;
			await database.settings.put({ key: syncAckKey(id), value: { doc, seq } satisfies SyncAck });
		})
	);
}

/** Forget an assessment's sync point (sharing stopped). */
export function forgetSyncAck(id: string, database = db()): Promise<void> {
	return trackWrite(database.settings.delete(syncAckKey(id)));
}
