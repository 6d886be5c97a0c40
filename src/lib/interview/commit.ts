/**
 * The commit of one interview write: one read-write transaction over the assessment's document
 * tables. It loads the document layer (yjs, src/lib/doc, src/lib/db/doc-store.ts), so the
 * persister imports this module on the first write only (see persister.ts): the interview and
 * presenter pages stay small on a fresh load and the module is loaded before the transaction
 * opens (an import awaited inside an IndexedDB transaction would let it commit early).
 */
import type * as Y from 'yjs';
import type { ReadinessDB } from '$lib/db';
import { commitAnswerNative, docTables, runCommand, startReads, warmDoc } from '$lib/db/doc-store';
import { trackWrite } from '$lib/db/pending';
import {
	addCuec,
	addVendor,
	applyAnswer,
	confirmCarried,
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
import { findConflict } from './ops';
import type { Op, PersistResult } from './types';

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
		case 'confirm':
			return (doc, ctx) => void confirmCarried(doc, ctx, op.questionIds);
	}
}

/** The stored answer as the screens see it (repaired twin ids), for the stale-edit check. */
function answerView(questionId: string, current: MaturityAnswer | null): Assessment {
	return normaliseAssessment({
		answers: current ? { [questionId]: current } : {}
	} as Assessment);
}

/**
 * Commit one op for an assessment, or report the newer stored value it would overwrite. An
 * answer takes the short way when it can (`commitAnswerNative`: plain IndexedDB, one
 * transaction, the same rows and checks); every other op, and an answer that cannot (the first
 * of a page, another tab compacted or replaced the document), goes through Dexie.
 */
export async function commitOp(
	database: ReadinessDB,
	assessmentId: string,
	op: Op
): Promise<PersistResult> {
	if (op.kind === 'answer') {
		// The short way (see commitAnswerNative); null: it could not be taken, nothing written.
		const fast = await trackWrite(
			commitAnswerNative(database, assessmentId, op.questionId, op.answer, (stored) =>
				// Compared as the screens see it (repaired twin ids: normaliseAssessment).
				findConflict(answerView(op.questionId, stored), op)
			)
		);
		if (fast) return fast.ok ? fast : { ok: false, conflict: true, current: fast.current };
	}
	return database.transaction('rw', docTables(database), async () => {
		// Every read of the write at once (one round trip): the command's (the document's new
		// rows, "your name"), the row and, for an answer, the stored answer it is checked against.
		const reads = startReads(database, assessmentId);
		const [row, stored] = await Promise.all([
			database.assessments.get(assessmentId),
			op.kind === 'answer'
				? database.answers.get([assessmentId, op.questionId] as never)
				: Promise.resolve(undefined)
		]);
		if (!row) throw new Error(`Assessment ${assessmentId} no longer exists.`);
		let view: Assessment;
		if (op.kind === 'answer') {
			let current: MaturityAnswer | null = null;
			if (stored) {
				const { assessmentId: _a, questionId: _q, ...answer } = stored;
				current = answer;
			}
			view = answerView(op.questionId, current);
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
				{ questions: [], row, reads },
				database
			);
			return { ok: true, revision };
		}
		// The change goes through the document: only the field, item or answer named changes.
		const { revision } = await runCommand(
			assessmentId,
			commandFor(op),
			{
				...(op.kind === 'answer'
					? { at: op.answer?.updatedAt, questions: [op.questionId] }
					: op.kind === 'confirm'
						? { at: op.at, questions: [] }
						: { questions: [] }),
				// Read above in this transaction, which the command joins.
				row,
				reads
			},
			database
		);
		return { ok: true, revision };
	});
}

/** This tab's copy of the assessment's document, read ahead of the first write (`warmDoc`). */
export function prepare(database: ReadinessDB, assessmentId: string): Promise<boolean> {
	return warmDoc(assessmentId, database);
}
