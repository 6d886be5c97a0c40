/**
 * The interview's storage effect: an XState callback actor that commits the machine's writes
 * to IndexedDB (through `src/lib/db`) one at a time, in order, and reports each outcome back.
 *
 * Each write runs in one read-write transaction that first compares the stored value with the
 * value the edit was based on; a stale edit (another tab saved something newer meanwhile) is
 * refused and reported as a conflict instead of overwriting. Every op becomes one command on
 * the assessment's document (src/lib/doc, stored by src/lib/db/doc-store.ts), which resolves
 * only after the commit.
 *
 * The interview position is written separately (`assessment.interview`), without touching
 * `updatedAt`: moving around is not a modification of the assessment.
 */
import { fromCallback } from 'xstate';
import { importOnce } from '$lib/import-once';
import type { ReadinessDB } from '$lib/db';
import {
	dbRequested,
	loadDb,
	storageErrorMessage,
	trackWrite,
	writeInterviewLight
} from '$lib/db/light';
import type { PersisterMessage } from './machine';
import { toStoredInterview } from './snapshot';
import type { Op, PersistResult, Position, StoredInterview } from './types';

/**
 * Commit one op for an assessment, or report the newer stored value it would overwrite.
 * The commit (and with it yjs and the document layer) is loaded on the first write, before its
 * transaction opens; it resolves only after the commit, so "Saved" is never shown early, and a
 * module that cannot load (an offline device without the precached chunk) rejects like a
 * failed write: the machine keeps the edit and reports it unsaved.
 */
export async function commitOp(
	database: ReadinessDB,
	assessmentId: string,
	op: Op
): Promise<PersistResult> {
	const { commitOp: commit } = await loadCommit();
	return commit(database, assessmentId, op);
}

/** The commit module, imported on the first write (`importOnce`: once, again after a failure). */
const loadCommit = importOnce(() => import('./commit'));

/**
 * What the first write of an assessment needs, made ready ahead of it: Dexie, the commit module
 * and this tab's copy of the document (read, not written). The interview asks once the page has
 * been idle for a while; the first answer then saves like every other. A failure only leaves the
 * work to the first write. Resolves with whether it read the document.
 */
export async function prepareWrites(assessmentId: string): Promise<boolean> {
	const [{ db }, { prepare }] = await Promise.all([loadDb(), loadCommit()]);
	return prepare(db(), assessmentId);
}

/** Store the interview position/snapshot without marking the assessment modified. */
export async function writePosition(
	database: ReadinessDB,
	assessmentId: string,
	stored: StoredInterview
): Promise<void> {
	await trackWrite(database.assessments.update(assessmentId, { interview: stored }));
}

export interface DbPersisterOptions {
	assessmentId: string;
	/** The database (default: the app's, with Dexie loaded on the first write). */
	database?: () => ReadinessDB | Promise<ReadinessDB>;
	/** The stored form of the machine's current persisted snapshot (read after the transition). */
	storedSnapshot?: () => StoredInterview | null;
	/**
	 * Called with the assessment's revision right after one of our writes committed, before the
	 * machine hears of it, so a watcher can tell its own writes from other tabs' writes.
	 */
	onCommitted?: (revision: number) => void;
}

/** The persister actor the app provides to the interview machine. */
export function dbPersister(opts: DbPersisterOptions) {
	const database = opts.database ?? (async () => (await loadDb()).db());
	return fromCallback<PersisterMessage>(({ sendBack, receive }) => {
		let chain: Promise<unknown> = Promise.resolve();
		let positionQueued = false;
		let positions: Promise<unknown> = Promise.resolve();
		let lastPosition: Position | null = null;
		receive((msg) => {
			if (msg.type === 'write') {
				chain = chain.then(() =>
					Promise.resolve()
						.then(database)
						.then((d) => commitOp(d, opts.assessmentId, msg.op))
						.then(
							(res) => {
								if (res.ok) {
									opts.onCommitted?.(res.revision);
									sendBack({ type: 'persist.done', seq: msg.seq });
								} else {
									sendBack({ type: 'persist.conflict', seq: msg.seq, current: res.current });
								}
							},
							(err: unknown) =>
								sendBack({
									type: 'persist.failed',
									seq: msg.seq,
									message: storageErrorMessage(err)
								})
						)
				);
				return;
			}
			// Position: written right after the transition that moved has finished (a microtask
			// later, when the actor's snapshot is up to date); several moves in one go coalesce.
			lastPosition = msg.position;
			if (positionQueued) return;
			positionQueued = true;
			queueMicrotask(() => {
				positionQueued = false;
				const pos = lastPosition!;
				const stored =
					opts.storedSnapshot?.() ??
					toStoredInterview({ status: 'active', value: pos.stage, context: { position: pos } });
				// Losing a position write only costs resuming a little earlier; answers are separate.
				// Before anything else needed Dexie (a page opened at a question), without it. One
				// after the other, so that a later place is never overwritten by an earlier one.
				positions = positions
					.then(() =>
						opts.database || dbRequested()
							? false
							: trackWrite(writeInterviewLight(opts.assessmentId, stored))
					)
					.then((written) =>
						written
							? undefined
							: Promise.resolve()
									.then(database)
									.then((d) => writePosition(d, opts.assessmentId, stored))
					)
					.catch(() => {});
			});
		});
		return () => {};
	});
}
