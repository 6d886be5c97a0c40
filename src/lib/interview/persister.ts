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
import type * as Y from 'yjs';
import { db as appDb, storageErrorMessage, trackWrite, type ReadinessDB } from '$lib/db';
import { docTables, runCommand } from '$lib/db/doc-store';
import {
	addCuec,
	addVendor,
	applyAnswer,
	removeCuec,
	removeVendor,
	setCategoriesConfirmed,
	setCategory,
	setCuecField,
	setMeta,
	setBranding,
	setProfileAnswer,
	setVendorField,
	type CommandContext
} from '$lib/doc';
import type { Assessment, Branding, MaturityAnswer } from '$lib/domain/types';
import { brandColor, logoDataUrl } from '$lib/domain/fields';
import { normaliseAssessment } from '$lib/domain/normalise';
import type { PersisterMessage } from './machine';
import { findConflict } from './ops';
import { toStoredInterview } from './snapshot';
import type { Op, PersistResult, Position, StoredInterview } from './types';

/** The document command an op stands for (one field, one item or one answer). */
function commandFor(op: Op): (doc: Y.Doc, ctx: CommandContext, current: Assessment) => void {
	switch (op.kind) {
		case 'meta':
			return (doc, ctx) => setMeta(doc, ctx, op.field, op.value);
		case 'profile':
			return (doc, ctx) => setProfileAnswer(doc, ctx, op.questionId, op.value);
		case 'category':
			return (doc, ctx) => setCategory(doc, ctx, op.category, op.selected);
		case 'categoriesConfirmed':
			return (doc, ctx) => setCategoriesConfirmed(doc, ctx, op.value);
		case 'subservice.add':
			return (doc, ctx) => addVendor(doc, ctx, op.item);
		case 'subservice.field':
			return (doc, ctx) => setVendorField(doc, ctx, op.id, op.field, op.value);
		case 'subservice.remove':
			return (doc, ctx) => removeVendor(doc, ctx, op.id);
		case 'cuec.add':
			return (doc, ctx) => addCuec(doc, ctx, op.item);
		case 'cuec.field':
			return (doc, ctx) => setCuecField(doc, ctx, op.id, op.field, op.value);
		case 'cuec.remove':
			return (doc, ctx) => removeCuec(doc, ctx, op.id);
		case 'answer':
			return (doc, ctx, current) =>
				applyAnswer(doc, ctx, op.questionId, current.answers[op.questionId] ?? null, op.answer);
	}
}

/** Commit one op for an assessment, or report the newer stored value it would overwrite. */
export async function commitOp(
	database: ReadinessDB,
	assessmentId: string,
	op: Op
): Promise<PersistResult> {
	return database.transaction('rw', docTables(database), async () => {
		const row = await database.assessments.get(assessmentId);
		if (!row) throw new Error(`Assessment ${assessmentId} no longer exists.`);
		let view: Assessment;
		if (op.kind === 'answer') {
			const stored = await database.answers.get([assessmentId, op.questionId] as never);
			let current: MaturityAnswer | null = null;
			if (stored) {
				const { assessmentId: _a, questionId: _q, ...answer } = stored;
				current = answer;
			}
			// Compared as the screens see it (repaired twin ids: normaliseAssessment).
			view = normaliseAssessment({
				answers: current ? { [op.questionId]: current } : {}
			} as Assessment);
		} else {
			view = normaliseAssessment({ ...row, answers: {} } as unknown as Assessment);
		}
		const conflict = findConflict(view, op);
		if (conflict) return { ok: false, conflict: true, current: conflict.current };
		if (op.kind === 'meta' && op.field === 'branding') {
			// The one write of the branding (the export page's too): its fields, checked by their
			// validators; only those fields change.
			const b = (op.value ?? {}) as Branding;
			const logo = logoDataUrl(b.logoDataUrl ?? null);
			const colour = brandColor(b.brandColor ?? null);
			if (!logo.ok) throw new Error(logo.message);
			if (!colour.ok) throw new Error(colour.message);
			const { revision } = await runCommand(
				assessmentId,
				(doc, ctx) => setBranding(doc, ctx, { logoDataUrl: logo.value, brandColor: colour.value }),
				{ questions: [] },
				database
			);
			return { ok: true, revision };
		}
		// The change goes through the document: only the field, item or answer named changes.
		const { revision } = await runCommand(
			assessmentId,
			commandFor(op),
			op.kind === 'answer'
				? { at: op.answer?.updatedAt, questions: [op.questionId] }
				: { questions: [] },
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
