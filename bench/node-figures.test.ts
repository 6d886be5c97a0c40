import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../scripts/lib/bank-node';
import { fullAssessment } from './fixtures';
import { measureMerge } from './node-figures';

const bank = loadBankFromDisk('questions');

describe('the merge figure', () => {
	it('times a real merge: 30 answers come in from the other copy, 10 of them in conflict', async () => {
		const f = await measureMerge(fullAssessment(bank));
		expect(f.status, f.reason).not.toBe('not-measured');
		expect(f.measured).toBeGreaterThan(0);
		expect(f.data).toMatchObject({ answersIn: 30, conflicts: 10 });
		expect(f.detail).toContain('30 answers now from the other copy, 10 conflicts');
	});
});
