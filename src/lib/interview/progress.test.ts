/**
 * The interview's progress counts, updated from the answers that changed (`updateProgress`),
 * against a full recount (`progress`) on random answer sequences over the real bank and a random
 * scope. The fast-check seed is printed; replay a run with FC_SEED=….
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../../scripts/lib/bank-node';
import { OPTIONAL_CATEGORY_IDS } from '$lib/domain/types';
import type { Assessment, MaturityAnswer, MaturityValue } from '$lib/domain/types';
import { questionApplicability } from '$lib/domain/scope';
import { applyOp } from './ops';
import { progress, sameOutsideAnswers, updateProgress } from './progress';
import { scopedAssessment } from './test-fixtures';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.info(`progress.test.ts: fast-check seed ${seed} (replay with FC_SEED=${seed})`);

const bank = loadBankFromDisk();
const ids = bank.questions.map((q) => q.id);
const VALUES: (MaturityValue | null)[] = [0, 1, 2, 3, 4, 5, 'unknown', 'na', null];

function answer(value: MaturityValue | null, n: number): MaturityAnswer {
	return {
		value,
		evidence: [],
		updatedAt: new Date(Date.UTC(2026, 2, 2, 9, 0, n)).toISOString(),
		...(value === 'na' ? { naReason: 'Not used.' } : {})
	};
}

/** One step: set an answer (any value, or an answer row without a value), or remove it. */
const step = fc.record({
	question: fc.constantFrom(...ids),
	value: fc.constantFrom<MaturityValue | null | 'remove'>(...VALUES, 'remove')
});

describe('updateProgress', () => {
	it('equals a full recount after every answer of a random sequence, in a random scope', () => {
		fc.assert(
			fc.property(
				fc.subarray([...OPTIONAL_CATEGORY_IDS]),
				fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...VALUES), { maxKeys: 40 }),
				fc.array(step, { minLength: 1, maxLength: 60 }),
				(categories, initial, steps) => {
					let a: Assessment = scopedAssessment({
						categories,
						answers: Object.fromEntries(
							Object.entries(initial).map(([q, v], i) => [q, answer(v, i)])
						)
					});
					const appl = questionApplicability(bank, a);
					let p = progress(bank, a, appl);
					steps.forEach((s, i) => {
						const next = applyOp(a, {
							kind: 'answer',
							questionId: s.question,
							answer: s.value === 'remove' ? null : answer(s.value, 100 + i),
							base: null
						});
						expect(sameOutsideAnswers(a, next)).toBe(true);
						const updated = updateProgress(p, a, next);
						const full = progress(bank, next, appl);
						expect(updated).toEqual(full);
						// Nothing counted changed: the very same object (nothing to redraw).
						if (
							full.answered === p.answered &&
							full.areas.every((x, j) => x.answered === p.areas[j]!.answered)
						)
							expect(updated).toBe(p);
						// Areas whose count did not change keep their object.
						updated.areas.forEach((x, j) => {
							if (x.answered === p.areas[j]!.answered) expect(x).toBe(p.areas[j]);
						});
						a = next;
						p = updated;
					});
				}
			),
			{ seed, numRuns: 150 }
		);
	});

	it('keeps the same object when the answers did not change', () => {
		const a = scopedAssessment();
		const p = progress(bank, a);
		expect(updateProgress(p, a, { ...a, updatedAt: '2026-03-03T00:00:00.000Z' })).toBe(p);
	});
});

describe('sameOutsideAnswers', () => {
	it('is false when anything the scope or the stages read changed', () => {
		const a = scopedAssessment();
		expect(sameOutsideAnswers(a, { ...a, answers: {}, interview: null })).toBe(true);
		expect(sameOutsideAnswers(a, { ...a, profile: { ...a.profile } })).toBe(false);
		expect(sameOutsideAnswers(a, { ...a, categories: ['privacy'] })).toBe(false);
		expect(sameOutsideAnswers(a, { ...a, categoriesConfirmed: false })).toBe(false);
		expect(sameOutsideAnswers(a, { ...a, meta: { ...a.meta } })).toBe(false);
		expect(sameOutsideAnswers(a, { ...a, carried: {} } as Assessment)).toBe(false);
	});
});
