import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coldEdits, withEdits } from './lib/cold';

const level = (v: unknown) => ({ value: v as never });

describe('coldEdits: the answers the cold results figure changes before each load', () => {
	const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
	const answers = {
		a: level(0),
		b: level('unknown'),
		c: level(5),
		d: level('na'),
		e: level(3),
		f: level(null),
		g: level(2),
		h: level(4)
	};

	it('changes only questions answered at a level, each to the next level (5 wraps to 0)', () => {
		const edits = coldEdits(ids, answers, 5);
		expect(edits).toEqual([
			{ question: 'a', from: 0, to: 1 },
			{ question: 'c', from: 5, to: 0 },
			{ question: 'e', from: 3, to: 4 },
			{ question: 'g', from: 2, to: 3 },
			{ question: 'h', from: 4, to: 5 }
		]);
	});

	it('spreads fewer edits over the whole interview', () => {
		expect(coldEdits(ids, answers, 2).map((e) => e.question)).toEqual(['a', 'e']);
	});

	it('refuses more edits than questions that qualify, and a count that is not positive', () => {
		expect(() => coldEdits(ids, answers, 6)).toThrow(/only 5 questions/);
		expect(() => coldEdits(ids, answers, 0)).toThrow(/positive/);
		expect(() => coldEdits(['a', 'a'], answers, 2)).toThrow(/only 1 question/);
	});

	it('every edit changes a distinct question to another level (property)', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 40 }),
				fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('unknown', 'na', null)), {
					minLength: 40,
					maxLength: 40
				}),
				fc.integer({ min: 1, max: 40 }),
				(qs, values, n) => {
					const ans = Object.fromEntries(qs.map((q, i) => [q, level(values[i])]));
					const ok = qs.filter((q) => typeof ans[q]!.value === 'number').length;
					if (ok < n) {
						expect(() => coldEdits(qs, ans, n)).toThrow();
						return;
					}
					const edits = coldEdits(qs, ans, n);
					expect(edits).toHaveLength(n);
					expect(new Set(edits.map((e) => e.question)).size).toBe(n);
					for (const e of edits) {
						expect(ans[e.question]!.value).toBe(e.from);
						expect(e.to).not.toBe(e.from);
						expect(e.to).toBeGreaterThanOrEqual(0);
						expect(e.to).toBeLessThanOrEqual(5);
					}
					const after = withEdits(ans, edits);
					for (const e of edits) expect(after[e.question]!.value).toBe(e.to);
					expect(ans).toEqual(Object.fromEntries(qs.map((q, i) => [q, level(values[i])])));
				}
			),
			{ seed: 19_06, verbose: true }
		);
	});

	it('withEdits applies only the first edits asked for, without touching the input', () => {
		const edits = coldEdits(ids, answers, 3);
		const after = withEdits(answers, edits, 1);
		expect(after.a!.value).toBe(1);
		expect(after.c!.value).toBe(5);
		expect(answers.a.value).toBe(0);
		expect(() => withEdits({}, edits)).toThrow(/no answer to a/);
	});
});
