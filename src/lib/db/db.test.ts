import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ReadinessDB,
	createAssessment,
	deleteAssessment,
	duplicateAssessment,
	getAssessment,
	listAssessments,
	putAssessment,
	renameAssessment,
	saveAnswer
} from './index';

let database: ReadinessDB;
let n = 0;

beforeEach(async () => {
	database = new ReadinessDB(`test-db-${++n}`);
	await database.open();
});
afterEach(async () => {
	await database.delete();
});

const meta = {
	organisation: 'Acme Ltd',
	assessor: 'Ada',
	assessmentDate: '2026-11-28',
	targetReportDate: '2027-06-30'
};

describe('assessment store', () => {
	it('creates, lists, answers and reads back an assessment', async () => {
		const a = await createAssessment(meta, database);
		await saveAnswer(a.id, 'cc6-mfa', { value: 3, evidence: [], updatedAt: 'x' }, database);
		const list = await listAssessments(database);
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ organisation: 'Acme Ltd', answered: 1 });
		const back = await getAssessment(a.id, database);
		expect(back?.answers['cc6-mfa']?.value).toBe(3);
	});

	it('renames, duplicates with answers, and deletes with an undo payload', async () => {
		const a = await createAssessment(meta, database);
		await saveAnswer(a.id, 'q1', { value: 'na', naReason: 'no office', evidence: [], updatedAt: 'x' }, database);
		await renameAssessment(a.id, '  Acme Inc ', database);
		expect((await getAssessment(a.id, database))?.meta.organisation).toBe('Acme Inc');
		await expect(renameAssessment(a.id, '   ', database)).rejects.toThrow(/empty/);
		const copy = await duplicateAssessment(a.id, undefined, database);
		expect(copy.id).not.toBe(a.id);
		expect((await getAssessment(copy.id, database))?.answers['q1']?.naReason).toBe('no office');
		const deleted = await deleteAssessment(a.id, database);
		expect(await getAssessment(a.id, database)).toBeUndefined();
		expect(await database.answers.where('assessmentId').equals(a.id).count()).toBe(0);
		await putAssessment(deleted!, database);
		expect((await getAssessment(a.id, database))?.answers['q1']?.value).toBe('na');
	});

	it('refuses to save an answer for a deleted assessment', async () => {
		const a = await createAssessment(meta, database);
		await deleteAssessment(a.id, database);
		await expect(
			saveAnswer(a.id, 'q', { value: 1, evidence: [], updatedAt: 'x' }, database)
		).rejects.toThrow(/no longer exists/);
		expect(await database.answers.count()).toBe(0);
	});
});
