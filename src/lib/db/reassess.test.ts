/**
 * Starting a re-assessment and confirming carried answers through storage (issue 20): one
 * write, the original untouched, confirmations as commands that survive a reload.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../../test/fixtures/fresh-db';
import { commitOp } from '$lib/interview/persister';
import { pendingCarried } from '$lib/domain/reassess';
import {
	ReadinessDB,
	confirmCarriedAnswers,
	createAssessment,
	dumpDatabase,
	getAssessment,
	listAssessments,
	saveAnswer,
	startReassessment
} from './index';
import { getAnswerHistory } from './doc-store';

const fresh = freshDatabases('reassess');

const meta = {
	organisation: 'Acme',
	assessor: 'Dana',
	assessmentDate: '2026-03-02',
	targetReportDate: '2026-09-30'
};
const ans = (value: 0 | 1 | 2 | 3 | 4 | 5, at: string) => ({ value, evidence: [], updatedAt: at });

async function earlier(database: ReadinessDB) {
	const a = await createAssessment(meta, database);
	await saveAnswer(a.id, 'cc6-mfa', ans(2, '2026-03-02T10:00:00.000Z'), database);
	await saveAnswer(a.id, 'cc6-mfa', ans(3, '2026-03-02T10:01:00.000Z'), database);
	await saveAnswer(a.id, 'cc6-asset-inventory', ans(1, '2026-03-02T10:02:00.000Z'), database);
	return a;
}

describe('startReassessment', () => {
	it('stores a linked copy dated today in one write; the original does not change', async () => {
		const database = fresh();
		const a = await earlier(database);
		const before = await getAssessment(a.id, database);
		const r = await startReassessment(
			a.id,
			{ today: '2026-06-15', targetReportDate: '2026-12-31' },
			database
		);
		expect(await getAssessment(a.id, database)).toEqual(before);
		const stored = (await getAssessment(r.id, database))!;
		expect(stored.meta.assessmentDate).toBe('2026-06-15');
		expect(stored.meta.organisation).toBe('Acme');
		expect(stored.reassessmentOf).toEqual({ id: a.id, assessedOn: '2026-03-02' });
		expect(stored.answers['cc6-mfa']!.value).toBe(3);
		expect(pendingCarried(stored, ['cc6-mfa', 'cc6-asset-inventory'])).toHaveLength(2);
		// The earlier answer (2) is not copied into the new assessment's history.
		expect((await getAnswerHistory(r.id, 'cc6-mfa', database)).map((h) => h.value)).toEqual([3]);
		expect((await listAssessments(database)).map((s) => s.id).sort()).toEqual([a.id, r.id].sort());
	});

	it('refuses a past target date and stores nothing', async () => {
		const database = fresh();
		const a = await earlier(database);
		const dump = await dumpDatabase(database);
		await expect(
			startReassessment(a.id, { today: '2026-06-15', targetReportDate: '2026-06-01' }, database)
		).rejects.toThrow(/after today/);
		expect(await dumpDatabase(database)).toBe(dump);
	});
});

describe('confirming carried answers', () => {
	it('one command for an area; the interview op does the same; both survive a reload', async () => {
		const database = fresh();
		const a = await earlier(database);
		const r = await startReassessment(
			a.id,
			{ today: '2026-06-15', targetReportDate: '2026-12-31' },
			database
		);
		const rev = (await database.assessments.get(r.id))!.revision;
		const next = await confirmCarriedAnswers(r.id, ['cc6-mfa', 'cc6-asset-inventory'], database);
		expect(next).toBe(rev + 1);
		let stored = (await getAssessment(r.id, database))!;
		expect(stored.carried!['cc6-mfa']!.confirmedAt).toBeTruthy();
		expect(stored.carried!['cc6-asset-inventory']!.confirmedAt).toBeTruthy();

		const r2 = await startReassessment(
			a.id,
			{ today: '2026-06-15', targetReportDate: '2026-12-31', organisation: 'Acme Q3' },
			database
		);
		const res = await commitOp(database, r2.id, {
			kind: 'confirm',
			questionIds: ['cc6-mfa'],
			at: '2026-06-15T11:00:00.000Z'
		});
		expect(res.ok).toBe(true);
		await saveAnswer(r2.id, 'cc6-asset-inventory', ans(4, '2026-06-15T11:01:00.000Z'), database);
		stored = (await getAssessment(r2.id, database))!;
		expect(stored.carried).toEqual({
			'cc6-mfa': { confirmedAt: '2026-06-15T11:00:00.000Z' },
			'cc6-asset-inventory': { changed: true }
		});
	});
});
