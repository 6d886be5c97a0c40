/**
 * The interview's storage effect: an XState callback actor that commits the machine's writes
 * to IndexedDB (through `src/lib/db`) one at a time, in order, and reports each outcome back.
 *
 * Each write runs in one read-write transaction that first compares the stored value with the
 * value the edit was based on; a stale edit (another tab saved something newer meanwhile) is
 * refused and reported as a conflict instead of overwriting. Answers go through `saveAnswer`,
 * everything else through `updateAssessment`, both of which resolve only after the commit.
 *
 * The interview position is written separately (`assessment.interview`), without touching
 * `updatedAt`: moving around is not a modification of the assessment.
 */
import { fromCallback } from 'xstate';
import {
	db as appDb,
	saveAnswer,
	storageErrorMessage,
	trackWrite,
	updateAssessment,
	updateBranding,
	type AssessmentPatch,
	type ReadinessDB
} from '$lib/db';
import type { Assessment, Branding, MaturityAnswer } from '$lib/domain/types';
import { normaliseAssessment } from '$lib/domain/normalise';
import type { PersisterMessage } from './machine';
import { applyOp, findConflict } from './ops';
import { toStoredInterview } from './snapshot';
import type { Op, PersistResult, Position, StoredInterview } from './types';

function patchFor(op: Op, next: Assessment): AssessmentPatch {
	switch (op.kind) {
		case 'meta':
			return { meta: next.meta };
		case 'profile':
			return { profile: next.profile };
		case 'category':
		case 'categoriesConfirmed':
			return { categories: next.categories, categoriesConfirmed: next.categoriesConfirmed };
		case 'subservice.add':
		case 'subservice.field':
		case 'subservice.remove':
			return { subservices: next.subservices };
		case 'cuec.add':
		case 'cuec.field':
		case 'cuec.remove':
			return { cuecs: next.cuecs };
		case 'answer':
			throw new Error('Answers are saved with saveAnswer.');
	}
}

/** Commit one op for an assessment, or report the newer stored value it would overwrite. */
export async function commitOp(
	database: ReadinessDB,
	assessmentId: string,
	op: Op
): Promise<PersistResult> {
	return database.transaction('rw', database.assessments, database.answers, async () => {
		const row = await database.assessments.get(assessmentId);
		if (!row) throw new Error(`Assessment ${assessmentId} no longer exists.`);
		if (op.kind === 'answer') {
			const stored = await database.answers.get([assessmentId, op.questionId] as never);
			let current: MaturityAnswer | null = null;
			if (stored) {
				const { assessmentId: _a, questionId: _q, ...answer } = stored;
				current = answer;
			}
			// Compared as the screens see it (repaired twin ids: normaliseAssessment).
			const view = normaliseAssessment({
				answers: current ? { [op.questionId]: current } : {}
			} as Assessment);
			const conflict = findConflict(view, op);
			if (conflict) return { ok: false, conflict: true, current: conflict.current };
			const revision = await saveAnswer(assessmentId, op.questionId, op.answer, database);
			return { ok: true, revision };
		}
		// Applied to the row as the screens see it (repaired twin ids), which stores the repair.
		const view = normaliseAssessment({ ...row, answers: {} } as unknown as Assessment);
		const conflict = findConflict(view, op);
		if (conflict) return { ok: false, conflict: true, current: conflict.current };
		if (op.kind === 'meta' && op.field === 'branding') {
			// The one write of the branding (the export page uses it too): only its fields change.
			const b = (op.value ?? {}) as Branding;
			const revision = await updateBranding(
				assessmentId,
				{ logoDataUrl: b.logoDataUrl ?? null, brandColor: b.brandColor ?? null },
				database
			);
			return { ok: true, revision };
		}
		const revision = await updateAssessment(
			assessmentId,
			patchFor(op, applyOp(view, op)),
			database
		);
		return { ok: true, revision };
	});
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
	database?: () => ReadinessDB;
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
	const database = opts.database ?? appDb;
	return fromCallback<PersisterMessage>(({ sendBack, receive }) => {
		let chain: Promise<unknown> = Promise.resolve();
		let positionQueued = false;
		let lastPosition: Position | null = null;
		receive((msg) => {
			if (msg.type === 'write') {
				chain = chain.then(() =>
					commitOp(database(), opts.assessmentId, msg.op).then(
						(res) => {
							if (res.ok) {
								opts.onCommitted?.(res.revision);
								sendBack({ type: 'persist.done', seq: msg.seq });
							} else {
								sendBack({ type: 'persist.conflict', seq: msg.seq, current: res.current });
							}
						},
						(err: unknown) =>
							sendBack({ type: 'persist.failed', seq: msg.seq, message: storageErrorMessage(err) })
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
				writePosition(database(), opts.assessmentId, stored).catch(() => {});
			});
		});
		return () => {};
	});
}
