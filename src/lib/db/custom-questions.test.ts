/**
 * An assessment's own custom questions (issue 22): each change is one command on one question,
 * after the whole list passes the bank's checks; refused changes store nothing; two tabs editing
 * different questions at once keep both edits; a retired question's answers stay.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabases } from '../../../test/fixtures/fresh-db';
import { loadBank } from '$lib/bank';
import type { Bank } from '$lib/domain/types';
import {
	CustomQuestionsRefused,
	createAssessment,
	getAssessment,
	getRevision,
	saveCustomQuestion,
	setCustomQuestionRetired
} from './index';
import { getAnswerHistory, saveAnswer } from './doc-store';
import { customQuestion } from '../../../test/fixtures/custom-question';

let bank: Bank;
beforeAll(async () => {
	bank = await loadBank();
});

const fresh = freshDatabases('custom-questions');
let n = 0;

const meta = {
	organisation: 'Acme',
	assessor: 'Dana',
	assessmentDate: '2026-03-02',
	targetReportDate: null
};

const question = customQuestion;

async function refusal(p: Promise<unknown>): Promise<CustomQuestionsRefused> {
	const e = await p.then(
		() => new Error('stored'),
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(CustomQuestionsRefused);
	return e as CustomQuestionsRefused;
}

describe('an assessment’s custom questions', () => {
	it('add, edit in place, retire and bring back; a retired question’s answers stay', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		await saveCustomQuestion(a.id, question('custom-a'), bank, d);
		await saveCustomQuestion(a.id, question('custom-b'), bank, d);
		await saveCustomQuestion(a.id, question('custom-a', { title: 'Edited' }), bank, d);
		await saveAnswer(
			a.id,
			'custom-a',
			{ value: 2, evidence: [], updatedAt: '2026-03-02T10:00:00.000Z' },
			d
		);
		await setCustomQuestionRetired(a.id, 'custom-a', true, bank, d);
		let stored = (await getAssessment(a.id, d))!;
		expect(stored.customQuestions!.map((q) => [q.id, q.title, q.retired ?? false])).toEqual([
			['custom-a', 'Edited', true],
			['custom-b', 'Question custom-b', false]
		]);
		expect(stored.answers['custom-a']?.value).toBe(2);
		expect((await getAnswerHistory(a.id, 'custom-a', d)).map((h) => h.value)).toEqual([2]);
		await setCustomQuestionRetired(a.id, 'custom-a', false, bank, d);
		stored = (await getAssessment(a.id, d))!;
		expect(stored.customQuestions![0]).not.toHaveProperty('retired');
	});

	it('a change the bank’s checks refuse stores nothing and says why', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		await saveCustomQuestion(a.id, question('custom-a'), bank, d);
		const before = await getRevision(a.id, d);
		let e = await refusal(
			saveCustomQuestion(a.id, question('custom-b', { criteria: ['A1.9'] }), bank, d)
		);
		expect(e.problems.join('\n')).toMatch(/question custom-b: unknown criterion A1\.9/);
		e = await refusal(saveCustomQuestion(a.id, question('cc6-mfa'), bank, d));
		expect(e.problems.join('\n')).toMatch(/already used/);
		// Another question depends on custom-a's action: custom-a cannot be retired.
		const dep = question('custom-c');
		dep.remediation[0]!.dependsOn = ['rem.custom-a.fix'];
		await saveCustomQuestion(a.id, dep, bank, d);
		const mid = await getRevision(a.id, d);
		e = await refusal(setCustomQuestionRetired(a.id, 'custom-a', true, bank, d));
		expect(e.problems.join('\n')).toMatch(
			/dependsOn rem\.custom-a\.fix of retired question custom-a/
		);
		expect(await getRevision(a.id, d)).toBe(mid);
		expect(mid).toBe(before! + 1);
		const stored = (await getAssessment(a.id, d))!;
		expect(stored.customQuestions!.map((q) => q.id)).toEqual(['custom-a', 'custom-c']);
	});

	it('two tabs editing different questions at the same time keep both edits', async () => {
		const name = `custom-questions-tabs-${n++}`;
		const d1 = fresh(name);
		const d2 = fresh(name);
		const a = await createAssessment(meta, d1);
		await saveCustomQuestion(a.id, question('custom-a'), bank, d1);
		await saveCustomQuestion(a.id, question('custom-b'), bank, d1);
		await Promise.all([
			saveCustomQuestion(a.id, question('custom-a', { title: 'From tab 1' }), bank, d1),
			saveCustomQuestion(a.id, question('custom-b', { title: 'From tab 2' }), bank, d2),
			setCustomQuestionRetired(a.id, 'custom-b', true, bank, d2)
		]);
		d2.close();
		const stored = (await getAssessment(a.id, d1))!;
		expect(stored.customQuestions!.map((q) => [q.title, q.retired ?? false])).toEqual([
			['From tab 1', false],
			['From tab 2', true]
		]);
	});
});
