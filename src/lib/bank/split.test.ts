/**
 * The bank in two files (issue 19, sixth pass): the parts the build emits join back into exactly
 * the compiled bank, and parts that do not belong together are refused with a message.
 */
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../../scripts/lib/bank-node';
import type { Bank } from '$lib/domain/types';
import { isWholeBank, joinBank, splitBank } from './split';

const bank = loadBankFromDisk();

describe('splitBank / joinBank', () => {
	it('join the two parts into exactly the compiled bank', () => {
		const { core, rest } = splitBank(bank);
		// Through JSON, as the build writes and the app reads them.
		const joined = joinBank(JSON.parse(JSON.stringify(core)), JSON.parse(JSON.stringify(rest)));
		expect(joined).toEqual(bank);
		expect(joined.questions.map((q) => q.id)).toEqual(bank.questions.map((q) => q.id));
		expect(isWholeBank(joined)).toBe(true);
	});

	it('leave the remediation, the points of focus and the request list out of the first part', () => {
		const { core, rest } = splitBank(bank);
		expect(isWholeBank(core)).toBe(false);
		expect(core.questions.every((q) => !('remediation' in q))).toBe(true);
		expect('pointsOfFocus' in core || 'evidenceRequests' in core).toBe(false);
		// Everything the interview reads is there, as compiled.
		for (const [i, q] of core.questions.entries()) {
			const { remediation, ...asked } = bank.questions[i]!;
			expect(q).toEqual(asked);
			expect(rest.remediation[q.id]).toEqual(remediation);
		}
		expect(core.criteria).toEqual(bank.criteria);
		expect(core.profileQuestions).toEqual(bank.profileQuestions);
		expect(rest.pointsOfFocus).toEqual(bank.pointsOfFocus);
		expect(rest.evidenceRequests).toEqual(bank.evidenceRequests);
		// The split does not change the bank it was given.
		expect(bank.questions.every((q) => Array.isArray(q.remediation))).toBe(true);
	});

	it('refuse parts that do not belong together', () => {
		const { core, rest } = splitBank(bank);
		const message = /two parts of the question bank do not match/;
		const missing = { ...rest.remediation };
		delete missing[core.questions[0]!.id];
		expect(() => joinBank(core, { ...rest, remediation: missing })).toThrow(message);
		expect(() =>
			joinBank(core, { ...rest, remediation: { ...rest.remediation, 'no-such-question': [] } })
		).toThrow(message);
		expect(() => joinBank({ ...core, questions: core.questions.slice(1) }, rest)).toThrow(message);
	});

	it('tell a whole bank from its first part', () => {
		expect(isWholeBank(bank)).toBe(true);
		const partial = { ...bank, evidenceRequests: undefined } as unknown as Bank;
		expect(isWholeBank(partial)).toBe(false);
	});
});
