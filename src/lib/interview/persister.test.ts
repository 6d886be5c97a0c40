import { afterEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
	ReadinessDB,
	createAssessment,
	getAssessment,
	getRevision,
	saveAnswer,
	updateAssessment
} from '$lib/db';
import { interviewMachine } from './machine';
import { commitOp, dbPersister } from './persister';
import { planRestore, toStoredInterview } from './snapshot';
import { fixtureBank } from './test-fixtures';

let n = 0;
const opened: ReadinessDB[] = [];
function freshDb() {
	const d = new ReadinessDB(`interview-persister-${Date.now()}-${n++}`);
	opened.push(d);
	return d;
}
afterEach(async () => {
	for (const d of opened.splice(0)) {
		d.close();
		await d.delete();
	}
});

const meta = {
	organisation: 'Acme',
	assessor: 'Dana',
	assessmentDate: '2026-03-02',
	targetReportDate: null
};

/** Polls a condition; the bound only stops a broken test well inside the test's own timeout. */
const waitFor = async (cond: () => boolean) => {
	const until = Date.now() + 20_000;
	while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
	expect(cond()).toBe(true);
};

describe('commitOp against IndexedDB', () => {
	it('writes answers and field edits, and refuses stale edits', async () => {
		const d = freshDb();
		const a = await createAssessment(meta, d);
		const answer = {
			value: 3 as const,
			note: 'v1',
			evidence: [],
			updatedAt: '2026-03-02T10:00:00.000Z'
		};
		expect(
			await commitOp(d, a.id, { kind: 'answer', questionId: 'q1', answer, base: null })
		).toEqual({ ok: true, revision: 2 });
		// Another tab writes a newer note.
		await saveAnswer(
			a.id,
			'q1',
			{ ...answer, note: 'v2 (other tab)', updatedAt: '2026-03-02T10:01:00.000Z' },
			d
		);
		const stale = await commitOp(d, a.id, {
			kind: 'answer',
			questionId: 'q1',
			answer: { ...answer, note: 'v1 edited', updatedAt: '2026-03-02T10:02:00.000Z' },
			base: '2026-03-02T10:00:00.000Z'
		});
		expect(stale).toMatchObject({ ok: false, conflict: true, current: { note: 'v2 (other tab)' } });
		expect((await getAssessment(a.id, d))?.answers['q1']?.note).toBe('v2 (other tab)');
		expect(await getRevision(a.id, d)).toBe(3); // a refused edit writes nothing

		expect(
			await commitOp(d, a.id, {
				kind: 'profile',
				questionId: 'profile.headcount',
				value: '1-10',
				base: undefined
			})
		).toEqual({ ok: true, revision: 4 });
		// Field-level: a change to another profile answer made elsewhere is kept.
		const row = await getAssessment(a.id, d);
		await updateAssessment(a.id, { profile: { ...row!.profile, 'profile.stage': 'seed' } }, d);
		await commitOp(d, a.id, {
			kind: 'profile',
			questionId: 'profile.hosting',
			value: 'paas',
			base: undefined
		});
		const after = await getAssessment(a.id, d);
		expect(after?.profile).toEqual({
			'profile.headcount': '1-10',
			'profile.stage': 'seed',
			'profile.hosting': 'paas'
		});
		const conflict = await commitOp(d, a.id, {
			kind: 'profile',
			questionId: 'profile.stage',
			value: 'growth',
			base: 'pre-seed'
		});
		expect(conflict).toMatchObject({ ok: false, current: 'seed' });
	});

	it('edits a vendor of a row stored with twin ids (an older import) as the screens show it', async () => {
		const d = freshDb();
		const a = await createAssessment(meta, d);
		const vendor = {
			id: 'v',
			name: 'AWS',
			kind: 'cloud-iaas',
			role: 'subservice' as const,
			services: '',
			method: 'carve-out' as const,
			socReport: 'type2' as const,
			reportReviewed: false,
			csocs: []
		};
		// Written around the import, as an older version of the app could have stored it (rows
		// only: versions before schema 5 stored no document).
		await d.assessments.update(a.id, {
			subservices: [vendor, { ...vendor, name: 'AWS (second)' }]
		});
		await d.docUpdates.where('assessmentId').equals(a.id).delete();
		const shown = (await getAssessment(a.id, d))!.subservices;
		expect(shown.map((v) => v.id)).toEqual(['v', 'v~2']);
		const r = await commitOp(d, a.id, {
			kind: 'subservice.field',
			id: 'v~2',
			field: 'name',
			value: 'Google Cloud',
			base: 'AWS (second)'
		});
		expect(r).toMatchObject({ ok: true });
		const row = await d.assessments.get(a.id);
		// The repair is stored with the write, and the edit reached the right vendor.
		expect(row!.subservices.map((v) => [v.id, v.name])).toEqual([
			['v', 'AWS'],
			['v~2', 'Google Cloud']
		]);
	});

	it('rejects writes to an assessment that was deleted', async () => {
		const d = freshDb();
		await expect(
			commitOp(d, 'missing', { kind: 'category', category: 'privacy', selected: true })
		).rejects.toThrow(/no longer exists/);
	});
});

describe('the interview machine with the IndexedDB persister', () => {
	it('saves answers, reports saved after commit, stores the position and resumes there', async () => {
		const d = freshDb();
		const bank = fixtureBank();
		const created = await createAssessment(meta, d);
		await updateAssessment(
			created.id,
			{
				profile: { 'profile.headcount': '1-10', 'scope.offices': 'none' },
				categoriesConfirmed: true
			},
			d
		);
		const a = (await getAssessment(created.id, d))!;
		const ref: { current: ReturnType<typeof createActor<typeof interviewMachine>> | null } = {
			current: null
		};
		const committed: { revision: number; saveStatus: string }[] = [];
		const machine = interviewMachine.provide({
			actors: {
				persister: dbPersister({
					assessmentId: a.id,
					database: () => d,
					storedSnapshot: () =>
						ref.current ? toStoredInterview(ref.current.getPersistedSnapshot()) : null,
					onCommitted: (revision) =>
						committed.push({
							revision,
							saveStatus: ref.current!.getSnapshot().context.save.status
						})
				})
			}
		});
		const before = (await getRevision(a.id, d))!;
		const actor = createActor(machine, { input: { bank, assessment: a } }).start();
		ref.current = actor;
		actor.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc6-mfa' } });
		actor.send({ type: 'answer.set', questionId: 'cc6-mfa', patch: { value: 4 } });
		expect(actor.getSnapshot().context.save.status).toBe('saving');
		await waitFor(() => actor.getSnapshot().context.save.status === 'saved');
		const stored = (await getAssessment(a.id, d))!;
		expect(stored.answers['cc6-mfa']?.value).toBe(4);
		// The watcher learns the revision of our own commit before the machine says "saved".
		expect(committed).toEqual([{ revision: before + 1, saveStatus: 'saving' }]);
		expect(await getRevision(a.id, d)).toBe(before + 1);

		actor.send({ type: 'nav.next' });
		await waitFor(() => actor.getSnapshot().context.position.questionId === 'cc6-review');
		// Stop once the new position is stored (a condition, not a fixed delay).
		let storedAt: unknown = null;
		for (const until = Date.now() + 20_000; storedAt !== 'cc6-review' && Date.now() < until;) {
			const snap = (await getAssessment(a.id, d))?.interview?.snapshot as
				{ context?: { position?: { questionId?: string } } } | undefined;
			storedAt = snap?.context?.position?.questionId;
		}
		expect(storedAt).toBe('cc6-review');
		actor.stop();

		// "Another day": load from storage and resume.
		const again = (await getAssessment(a.id, d))!;
		expect(again.updatedAt).toBe(stored.updatedAt); // moving is not a modification
		const plan = planRestore(bank, again);
		expect(plan.source).toBe('snapshot');
		const resumed = createActor(machine, { snapshot: plan.snapshot, input: plan.input }).start();
		expect(resumed.getSnapshot().context.position).toEqual({
			stage: 'maturity',
			questionId: 'cc6-review'
		});
		expect(resumed.getSnapshot().context.assessment.answers['cc6-mfa']?.value).toBe(4);
	});

	it('a failing database is reported with a clear message and nothing is claimed saved', async () => {
		const d = freshDb();
		const bank = fixtureBank();
		const a = await createAssessment(meta, d);
		const machine = interviewMachine.provide({
			actors: { persister: dbPersister({ assessmentId: a.id, database: () => d }) }
		});
		const actor = createActor(machine, { input: { bank, assessment: a } }).start();
		d.close();
		actor.send({ type: 'meta.set', field: 'organisation', value: 'Acme Corp' });
		await waitFor(() => actor.getSnapshot().context.save.status === 'error');
		expect(actor.getSnapshot().context.save.message).toMatch(/could not be saved/);
	});
});
