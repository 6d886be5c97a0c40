import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../scripts/lib/bank-node';
import { expectedMatches, fullAssessment, manyAssessments, rng } from './fixtures';

const bank = loadBankFromDisk('questions');

describe('bench fixtures', () => {
	it('the full assessment covers every criterion with an answer and a note on every question', () => {
		const a = fullAssessment(bank);
		expect(a.categories).toHaveLength(4);
		expect(Object.keys(a.answers)).toHaveLength(bank.questions.length);
		const covered = new Set(
			bank.questions.filter((q) => a.answers[q.id]?.value != null).flatMap((q) => q.criteria)
		);
		expect(covered.size).toBe(61);
		for (const ans of Object.values(a.answers)) {
			expect(ans.note?.length).toBeGreaterThan(40);
			if (ans.value === 'na') expect(ans.naReason).toBeTruthy();
		}
		expect(a.cuecs).toHaveLength(bank.cuecs.length);
	});

	it('is deterministic', () => {
		expect(fullAssessment(bank, { seed: 3 })).toEqual(fullAssessment(bank, { seed: 3 }));
		expect(rng(1)()).toBe(rng(1)());
	});

	it('200 assessments have unique ids and names, and the search words match known counts', () => {
		const many = manyAssessments(bank, 200);
		expect(new Set(many.map((a) => a.id)).size).toBe(200);
		expect(new Set(many.map((a) => a.meta.organisation)).size).toBe(200);
		expect(expectedMatches(many, 'zephyr')).toBe(10);
		expect(expectedMatches(many, 'HEALTH')).toBe(20);
		expect(expectedMatches(many, '')).toBe(200);
	});

	it('1,000 assessments (the scale figures) still have unique ids and names', () => {
		const many = manyAssessments(bank, 1000);
		expect(new Set(many.map((a) => a.id)).size).toBe(1000);
		expect(new Set(many.map((a) => a.meta.organisation)).size).toBe(1000);
		for (const w of ['zephyr', 'health', 'labs'])
			expect(expectedMatches(many, w), w).toBeGreaterThan(0);
	});
});
