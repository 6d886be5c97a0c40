/**
 * The edits behind the bench's cold results figure: before each load of the results page the
 * bench answers one question of the full assessment in the interview (a keypress on the real page,
 * saved through the app's own write path), so that the report cache holds no report of the
 * assessment as it now is and the report-model worker computes it — a user's usual visit after
 * answering questions. Each edit is a maturity question answered at a level (0–5, the key pressed)
 * other than its level before, on a question no earlier edit touched, spread over the interview.
 */
import type { MaturityAnswer, MaturityLevel } from '../../src/lib/domain/types';

export interface ColdEdit {
	/** The maturity question answered. */
	question: string;
	/** Its level before the edit. */
	from: MaturityLevel;
	/** The level pressed (the digit key of the interview). */
	to: MaturityLevel;
}

function isLevel(v: unknown): v is MaturityLevel {
	return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 5;
}

/**
 * `n` edits over the questions in interview order (`questionIds`), among those answered at a
 * level in `answers` ("don't know", N/A and unanswered ones are left alone: a digit key would
 * change more than the level), evenly spread; each goes to the next level (5 wraps to 0).
 * Throws when fewer than `n` questions qualify.
 */
export function coldEdits(
	questionIds: readonly string[],
	answers: Readonly<Record<string, Pick<MaturityAnswer, 'value'> | undefined>>,
	n: number
): ColdEdit[] {
	if (!Number.isInteger(n) || n < 1) throw new Error(`need a positive number of edits, not ${n}`);
	const seen = new Set<string>();
	const eligible = questionIds.filter((q) => {
		if (seen.has(q)) return false;
		seen.add(q);
		return isLevel(answers[q]?.value);
	});
	if (eligible.length < n)
		throw new Error(`only ${eligible.length} questions answered at a level, ${n} edits asked for`);
	const step = eligible.length / n;
	return Array.from({ length: n }, (_, i) => {
		const question = eligible[Math.floor(i * step)]!;
		const from = answers[question]!.value as MaturityLevel;
		return { question, from, to: ((from + 1) % 6) as MaturityLevel };
	});
}

/** The answers after the first `upTo` edits (for the report the page must then show). */
export function withEdits<A extends Pick<MaturityAnswer, 'value'>>(
	answers: Readonly<Record<string, A>>,
	edits: readonly ColdEdit[],
	upTo = edits.length
): Record<string, A> {
	const out = { ...answers };
	for (const e of edits.slice(0, upTo)) {
		const before = out[e.question];
		if (!before) throw new Error(`no answer to ${e.question}`);
		out[e.question] = { ...before, value: e.to };
	}
	return out;
}
