/**
 * Carried answers of a re-assessment (issue 20): which are still "from <date> — confirm or
 * change", and the interview's optimistic copy after a confirmation or a change. Kept apart from
 * `reassess.ts` (which builds a re-assessment with the date and field rules) so that the
 * interview, which needs only these checks, does not load those rules with its first paint.
 */
import type { Assessment } from './types';

/** Whether the answer to `questionId` was carried over and is not yet confirmed or changed. */
export function isCarriedPending(
	a: Pick<Assessment, 'carried' | 'answers'>,
	questionId: string
): boolean {
	const c = a.carried?.[questionId];
	const ans = a.answers[questionId];
	return (
		!!c && !c.confirmedAt && !c.changed && !!ans && ans.value !== null && ans.value !== undefined
	);
}

/** The carried answers not yet confirmed or changed, among `questionIds` (in their order). */
export function pendingCarried(
	a: Pick<Assessment, 'carried' | 'answers'>,
	questionIds: readonly string[]
): string[] {
	if (!a.carried) return [];
	return questionIds.filter((q) => isCarriedPending(a, q));
}

/**
 * The assessment after confirming carried answers (the interview's optimistic copy; the document
 * command decides what is stored). Answers not pending are left as they are.
 */
export function withConfirmed(
	a: Assessment,
	questionIds: readonly string[],
	at: string
): Assessment {
	const todo = questionIds.filter((q) => isCarriedPending(a, q));
	if (!todo.length) return a;
	const carried = { ...a.carried };
	for (const q of todo) carried[q] = { ...carried[q], confirmedAt: at };
	return { ...a, carried };
}

/**
 * The assessment after its answer to `questionId` changed from `before` to `after` (value or N/A
 * reason, or cleared): a carried answer counts as changed, as the document decides by its entries.
 */
export function withAnswerChanged(
	a: Assessment,
	questionId: string,
	before: { value: unknown; naReason?: string } | undefined,
	after: { value: unknown; naReason?: string } | null
): Assessment {
	const c = a.carried?.[questionId];
	if (!c || c.changed) return a;
	const same =
		!!before &&
		!!after &&
		(before.value ?? null) === (after.value ?? null) &&
		(before.naReason || undefined) === (after.naReason || undefined);
	if (same) return a;
	return { ...a, carried: { ...a.carried, [questionId]: { ...c, changed: true } } };
}
