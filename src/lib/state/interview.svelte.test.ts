import { afterEach, describe, expect, it, vi } from 'vitest';
import * as scope from '$lib/domain/scope';
import {
	ReadinessDB,
	createAssessment,
	deleteAssessment,
	getAssessment,
	getRevision,
	keepDraft,
	putAssessment,
	saveCustomQuestion,
	setCustomQuestionRetired,
	takeDraft,
	updateAssessment
} from '$lib/db';
import { splitBank } from '$lib/bank/split';
import { fixtureBank } from '$lib/interview/test-fixtures';
import { interviewMachine } from '$lib/interview/machine';
import * as snapshotModule from '$lib/interview/snapshot';
import { INTERVIEW_SNAPSHOT_VERSION } from '$lib/interview/snapshot';
import { InterviewSession, RESTORE_FAILED_NOTICE } from './interview.svelte';

vi.mock('$lib/interview/snapshot', async (importOriginal) => {
	const real = await importOriginal<typeof import('$lib/interview/snapshot')>();
	return { ...real, planRestore: vi.fn(real.planRestore) };
});
vi.mock('$lib/domain/scope', async (importOriginal) => {
	const real = await importOriginal<typeof import('$lib/domain/scope')>();
	return { ...real, questionApplicability: vi.fn(real.questionApplicability) };
});

const meta = {
	organisation: 'Acme',
	assessor: 'Dana',
	assessmentDate: '2026-03-02',
	targetReportDate: null
};
let n = 0;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const f of cleanup.splice(0).reverse()) await f();
});

async function waitFor(cond: () => boolean, what = 'condition') {
	// The bound only stops a broken test, well inside the test's own timeout (busy CI machines).
	const until = Date.now() + 20_000;
	while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
	expect(cond(), what).toBe(true);
}

/** Two "tabs": two database connections and two sessions on the same assessment. */
async function twoTabs() {
	const name = `session-test-${Date.now()}-${n++}`;
	const d1 = new ReadinessDB(name);
	const d2 = new ReadinessDB(name);
	const created = await createAssessment(meta, d1);
	await updateAssessment(
		created.id,
		{
			profile: { 'profile.headcount': '1-10', 'scope.offices': 'none' },
			categoriesConfirmed: true
		},
		d1
	);
	const bank = fixtureBank();
	const s1 = new InterviewSession(created.id, { loadBank: async () => bank, database: () => d1 });
	const s2 = new InterviewSession(created.id, { loadBank: async () => bank, database: () => d2 });
	await Promise.all([s1.start(), s2.start()]);
	cleanup.push(async () => {
		s1.destroy();
		s2.destroy();
		d1.close();
		d2.close();
		await new ReadinessDB(name).delete();
	});
	return { s1, s2, d1, id: created.id };
}

describe('InterviewSession', () => {
	it('loads, resumes from the answers and exposes progress and the current place', async () => {
		const { s1 } = await twoTabs();
		expect(s1.status).toBe('ready');
		expect(s1.stage).toBe('maturity');
		expect(s1.place).toMatchObject({
			indexInArea: 1,
			areaTotal: 2,
			indexOverall: 1,
			overallTotal: 4
		});
		expect(s1.place?.question.id).toBe('cc1-ethics');
		expect(s1.progress).toMatchObject({ answered: 0, total: 4, percent: 0 });
		expect(s1.reachable.review).toBe(true);
	});

	it('saves an answer to IndexedDB before saying saved', async () => {
		const { s1, d1, id } = await twoTabs();
		s1.answer('cc1-ethics', 3);
		expect(s1.save.status).toBe('saving');
		await s1.whenSaved();
		expect(s1.save.status).toBe('saved');
		expect((await getAssessment(id, d1))?.answers['cc1-ethics']?.value).toBe(3);
		expect(s1.progress.answered).toBe(1);
	});

	it('does not recompute the derived lists when a write only commits', async () => {
		const { s1 } = await twoTabs();
		const calls = () => vi.mocked(scope.questionApplicability).mock.calls.length;
		void s1.progress;
		s1.answer('cc1-ethics', 2);
		const atAnswer = (void s1.progress, calls());
		await s1.whenSaved();
		expect(s1.save.status).toBe('saved');
		expect(s1.progress.answered).toBe(1);
		expect(calls(), 'committing changed nothing on screen').toBe(atAnswer);
	});

	it('keeps two tabs consistent: an answer in one appears in the other', async () => {
		const { s1, s2 } = await twoTabs();
		s1.answer('cc6-mfa', 4);
		await s1.whenSaved();
		await waitFor(() => s2.answerOf('cc6-mfa')?.value === 4, 'tab 2 sees the answer');
		expect(s2.externalNotice).toMatch(/another window/);

		// A note edited in tab 2 from a stale base is refused, not written over tab 1's note.
		s1.setAnswerText('cc6-mfa', 'note', 'From tab 1', '');
		await s1.whenSaved();
		s2.setAnswerText('cc6-mfa', 'note', 'From tab 2', '');
		await waitFor(() => s2.conflict !== null || s2.answerOf('cc6-mfa')?.note === 'From tab 1');
		await waitFor(() => s2.conflict !== null, 'conflict reported');
		expect(s2.conflict?.theirs).toMatchObject({ note: 'From tab 1' });
		await waitFor(() => s1.answerOf('cc6-mfa')?.note === 'From tab 1');
	});

	it("watches the revision: its own writes cost no full read, another tab's change costs one", async () => {
		const { s1, s2, d1, id } = await twoTabs();
		/** Both watchers have reported what storage holds now (a condition, not a delay). */
		const watchersCaughtUp = async () => {
			const revision = await getRevision(id, d1);
			await waitFor(
				() => s1.seenRevision === revision && s2.seenRevision === revision,
				'both watchers saw the last revision'
			);
		};
		for (const [q, v] of [
			['cc1-ethics', 1],
			['cc1-board', 2],
			['cc6-mfa', 3],
			['cc1-ethics', 4]
		] as const) {
			s1.answer(q, v);
			await s1.whenSaved();
		}
		s1.setAnswerText('cc6-mfa', 'note', 'Okta for everyone', '');
		await s1.whenSaved();
		await waitFor(() => s2.answerOf('cc6-mfa')?.note === 'Okta for everyone', 'tab 2 caught up');
		await watchersCaughtUp();
		expect(s1.watcherReads).toBe(0);
		expect(s1.save.status).toBe('saved');
		expect(s2.watcherReads).toBeGreaterThan(0);
		expect(s2.answerOf('cc1-ethics')?.value).toBe(4);

		// Tab 2 writes: tab 1 reads it once (or so), and not for its own writes afterwards.
		const reads = s1.watcherReads;
		s2.answer('cc6-review', 5);
		await s2.whenSaved();
		await waitFor(() => s1.answerOf('cc6-review')?.value === 5, 'tab 1 sees tab 2');
		expect(s1.watcherReads).toBeGreaterThan(reads);
		const after = s1.watcherReads;
		s1.answer('cc1-board', 0);
		await s1.whenSaved();
		await watchersCaughtUp();
		expect(s1.watcherReads).toBe(after);
	});

	it('two tabs writing at the same time end up with what storage holds', async () => {
		const { s1, s2, d1, id } = await twoTabs();
		const qs = ['cc1-ethics', 'cc1-board', 'cc6-mfa', 'cc6-review'];
		for (let i = 0; i < 12; i++) {
			(i % 2 ? s1 : s2).answer(qs[i % 4]!, (i % 6) as 0 | 1 | 2 | 3 | 4 | 5);
		}
		await Promise.all([s1.whenSaved(), s2.whenSaved()]);
		const stored = (await getAssessment(id, d1))!;
		const values = (s: InterviewSession) => qs.map((q) => s.answerOf(q)?.value ?? null);
		const want = qs.map((q) => stored.answers[q]?.value ?? null);
		await waitFor(
			() => JSON.stringify(values(s1)) === JSON.stringify(want),
			'tab 1 matches storage'
		);
		await waitFor(
			() => JSON.stringify(values(s2)) === JSON.stringify(want),
			'tab 2 matches storage'
		);
	});

	it('a refused stale edit says "not saved" until resolved; keeping theirs loses nothing saved', async () => {
		const { s1, s2, d1, id } = await twoTabs();
		s1.answer('cc6-mfa', 3);
		s1.setAnswerText('cc6-mfa', 'note', 'Owner: CTO', '');
		await s1.whenSaved();
		// Tab 2 started editing the note while it was still empty.
		s2.setAnswerText('cc6-mfa', 'note', 'Written in tab 2', '');
		await waitFor(() => s2.conflict !== null, 'conflict reported');
		expect(s2.save.status).toBe('conflict');
		expect(s2.answerOf('cc6-mfa')).toMatchObject({ value: 3, note: 'Owner: CTO' });

		// Other edits in tab 2 still save, and the refused one is still reported.
		s2.answer('cc1-ethics', 2);
		await s2.whenSaved();
		expect(s2.save.status).toBe('conflict');

		s2.send({ type: 'conflict.keepTheirs' });
		expect(s2.conflict).toBeNull();
		expect(s2.save.status).not.toBe('conflict');
		const stored = (await getAssessment(id, d1))!;
		expect(stored.answers['cc6-mfa']).toMatchObject({ value: 3, note: 'Owner: CTO' });
		expect(stored.answers['cc1-ethics']?.value).toBe(2);
		await waitFor(() => s1.answerOf('cc1-ethics')?.value === 2, 'tab 1 sees tab 2');
		expect(s1.answerOf('cc6-mfa')?.note).toBe('Owner: CTO');
	});

	it('drops the drafts of an assessment deleted in another window and keeps no new ones until it is back', async () => {
		const { s1, d1, id } = await twoTabs();
		const saved = (await getAssessment(id, d1))!;
		localStorage.clear();
		keepDraft(id, 'q-cc1-board-note', { draft: 'typed here', base: '' });
		keepDraft('someone-else', 'scope-services', { draft: 'theirs', base: '' });
		// The other window deletes it with raw table operations (its own drafts module is not ours).
		const other = new ReadinessDB(d1.name);
		await other.transaction('rw', other.assessments, other.answers, async () => {
			await other.answers.where('assessmentId').equals(id).delete();
			await other.assessments.delete(id);
		});
		await waitFor(() => s1.deletedElsewhere, 'deletion noticed');
		expect(Object.keys(localStorage)).toEqual(['soc2-readiness:draft:someone-else:scope-services']);
		// Text typed here afterwards is never kept (the page going away keeps nothing).
		keepDraft(id, 'q-cc1-board-note', { draft: 'typed after', base: '' });
		expect(takeDraft(id, 'q-cc1-board-note')).toBeNull();

		// Undone in the other window: this window keeps drafts again.
		await putAssessment(saved, other);
		other.close();
		await waitFor(() => !s1.deletedElsewhere, 'restore noticed');
		keepDraft(id, 'q-cc1-board-note', { draft: 'again', base: '' });
		expect(takeDraft(id, 'q-cc1-board-note')).toEqual({ draft: 'again', base: '' });
	});

	it('reports an assessment deleted in another tab, and a missing one', async () => {
		const { s1, d1, id } = await twoTabs();
		await deleteAssessment(id, d1);
		await waitFor(() => s1.deletedElsewhere, 'deletion noticed');
		s1.answer('cc1-board', 2);
		await expect(s1.whenSaved()).rejects.toThrow(/no longer exists/);
		expect(s1.save.status).toBe('error');

		const missing = new InterviewSession('nope', {
			loadBank: async () => fixtureBank(),
			database: () => d1
		});
		await missing.start();
		expect(missing.status).toBe('missing');
	});

	it('resumes a stored place at a question without restoring the XState snapshot, and restores it at a stage with entry actions', async () => {
		const name = `session-resume-${Date.now()}-${n++}`;
		const d = new ReadinessDB(name);
		cleanup.push(async () => {
			d.close();
			await new ReadinessDB(name).delete();
		});
		const bank = fixtureBank();
		// What the app stores (toStoredInterview of a live actor's persisted snapshot).
		const stored = (stage: 'maturity' | 'tsc', questionId: string | null) => ({
			version: INTERVIEW_SNAPSHOT_VERSION,
			snapshot: {
				status: 'active',
				value: stage,
				historyValue: {},
				children: { persister: { src: 'persister', snapshot: {} } },
				context: { position: { stage, questionId } }
			}
		});
		const restore = vi.spyOn(Object.getPrototypeOf(interviewMachine), 'restoreSnapshot');
		cleanup.push(() => restore.mockRestore());
		for (const [stage, questionId, restored] of [
			['maturity', 'cc6-mfa', false],
			['tsc', null, true]
		] as const) {
			restore.mockClear();
			const created = await createAssessment(meta, d);
			await updateAssessment(
				created.id,
				{
					profile: { 'profile.headcount': '1-10', 'scope.offices': 'none' },
					categoriesConfirmed: true,
					interview: stored(stage, questionId)
				},
				d
			);
			const s = new InterviewSession(created.id, {
				loadBank: async () => bank,
				database: () => d,
				live: false
			});
			await s.start();
			cleanup.push(() => s.destroy());
			expect(s.status).toBe('ready');
			expect(s.position).toEqual({ stage, questionId });
			expect(s.externalNotice).toBeNull();
			expect(restore.mock.calls.length > 0, stage).toBe(restored);
		}
	});

	it('opens an interview whose stored snapshot is damaged (an imported file) at the first unanswered question', async () => {
		const name = `session-snapshot-${Date.now()}-${n++}`;
		const d = new ReadinessDB(name);
		cleanup.push(async () => {
			d.close();
			await new ReadinessDB(name).delete();
		});
		const bank = fixtureBank();
		const base = {
			status: 'active',
			value: 'maturity',
			historyValue: {},
			context: { position: { stage: 'maturity', questionId: 'cc6-mfa' } }
		};
		const cases: [string, unknown, string | null][] = [
			// Refused before the machine sees it: no message needed, the interview just opens.
			['no children', { ...base }, null],
			['a history of the wrong shape', { ...base, children: {}, historyValue: { x: 1 } }],
			// Whatever else makes the machine fail to restore (here: a check bypassed): the session
			// says so and carries on.
			['a snapshot the machine cannot restore', { ...base }, RESTORE_FAILED_NOTICE]
		].map(([what, snapshot, notice]) => [what as string, snapshot, (notice ?? null) as never]);
		for (const [what, snapshot, notice] of cases) {
			if (notice) {
				vi.mocked(snapshotModule.planRestore).mockImplementationOnce((b, a) => ({
					input: { bank: b, assessment: a, position: null },
					snapshot: { ...base, children: undefined } as never,
					source: 'snapshot'
				}));
			}
			const created = await createAssessment(meta, d);
			await updateAssessment(
				created.id,
				{
					profile: { 'profile.headcount': '1-10', 'scope.offices': 'none' },
					categoriesConfirmed: true,
					interview: { version: INTERVIEW_SNAPSHOT_VERSION, snapshot }
				},
				d
			);
			const s = new InterviewSession(created.id, {
				loadBank: async () => bank,
				database: () => d,
				live: false
			});
			await s.start();
			cleanup.push(() => s.destroy());
			expect(s.status, what).toBe('ready');
			expect(s.stage, what).toBe('maturity');
			expect(s.place?.question.id, what).toMatch(/^cc(1-ethics|6-mfa)$/);
			expect(s.externalNotice, what).toBe(notice);
			// And it works: an answer is saved.
			s.answer('cc1-ethics', 2);
			await s.whenSaved();
			expect((await getAssessment(created.id, d))?.answers['cc1-ethics']?.value, what).toBe(2);
		}
	});
});

describe('InterviewSession: custom questions', () => {
	/** The fixture bank made valid for `checkCustomQuestions` (every action says its kind). */
	function validBank() {
		const bank = fixtureBank();
		return {
			...bank,
			questions: bank.questions.map((q) => ({
				...q,
				remediation: q.remediation.map((r) => ({
					...r,
					kind: 'design' as const,
					appliesBelow: 3 as const
				}))
			}))
		};
	}

	const badgeAudit = {
		id: 'custom-badge-audit',
		area: 'CC6' as const,
		criteria: ['CC6.1'],
		title: 'Badge audit',
		prompt: 'Are door badges reconciled with the staff list?',
		why: 'Badges of leavers open doors.',
		level3: 'A list of badges is reconciled with the staff list.',
		level4: 'The reconciliation runs monthly and each run is kept.',
		evidence: ['Badge list'],
		criticality: 3 as const,
		weight: 1,
		remediation: [
			{
				id: 'rem.custom-badge-audit.list',
				action: 'Reconcile badges with the staff list',
				ownerRole: 'CTO',
				effort: 'S' as const,
				kind: 'design' as const,
				acceptance: ['Done'],
				evidence: ['List'],
				dependsOn: [],
				quickWin: false,
				appliesBelow: 3 as const
			}
		]
	};

	/**
	 * Store custom questions as a file import or another window would (the db module has no
	 * write of its own for them yet, so the patch is typed by hand).
	 */
	const setCustom = (id: string, list: unknown[], database: ReadinessDB) =>
		updateAssessment(
			id,
			{ customQuestions: list } as unknown as Parameters<typeof updateAssessment>[1],
			database
		);

	async function session(customQuestions: unknown[]) {
		const name = `session-custom-${Date.now()}-${n++}`;
		const d1 = new ReadinessDB(name);
		const d2 = new ReadinessDB(name);
		const created = await createAssessment(meta, d1);
		await updateAssessment(
			created.id,
			{
				profile: { 'profile.headcount': '1-10', 'scope.offices': 'none' },
				categoriesConfirmed: true
			},
			d1
		);
		await setCustom(created.id, customQuestions, d1);
		const bank = validBank();
		const s1 = new InterviewSession(created.id, { loadBank: async () => bank, database: () => d1 });
		await s1.start();
		cleanup.push(async () => {
			s1.destroy();
			d1.close();
			d2.close();
			await new ReadinessDB(name).delete();
		});
		return { s1, d1, d2, id: created.id, bank };
	}

	it('asks a custom question in its area, counts it in progress and saves its answer', async () => {
		const { s1, d1, id, bank } = await session([badgeAudit]);
		expect(s1.customProblems).toEqual([]);
		expect(s1.bank?.questions).toHaveLength(bank.questions.length + 1);
		expect(s1.path).toEqual([
			'cc1-ethics',
			'cc1-board',
			'cc6-mfa',
			'cc6-review',
			'custom-badge-audit'
		]);
		expect(s1.progress.total).toBe(5);
		s1.goto({ stage: 'maturity', questionId: 'custom-badge-audit' });
		expect(s1.place).toMatchObject({ indexInArea: 3, areaTotal: 3, indexOverall: 5 });
		expect(s1.place?.question.custom).toBe(true);
		s1.answer('custom-badge-audit', 2);
		await s1.whenSaved();
		expect((await getAssessment(id, d1))?.answers['custom-badge-audit']?.value).toBe(2);
		expect(s1.progress.answered).toBe(1);
		s1.back();
		expect(s1.position.questionId).toBe('cc6-review');
		s1.next();
		expect(s1.position.questionId).toBe('custom-badge-audit');
	});

	it('gates a custom question by its condition like a built-in one', async () => {
		const { s1 } = await session([
			{
				...badgeAudit,
				when: { answer: 'scope.offices', in: ['own-offices'] },
				skipReason: 'You have no offices of your own.'
			}
		]);
		expect(s1.path).not.toContain('custom-badge-audit');
		expect(s1.progress.total).toBe(4);
	});

	it('says plainly when the custom questions fail the checks, and asks the built-in ones', async () => {
		const { s1, bank } = await session([{ ...badgeAudit, criteria: ['CC9.9'] }]);
		expect(s1.status).toBe('ready');
		expect(s1.customProblems.join('\n')).toMatch(/CC9\.9/);
		expect(s1.bank?.questions.map((q) => q.id)).toEqual(bank.questions.map((q) => q.id));
		expect(s1.path).toHaveLength(4);
		s1.answer('cc6-mfa', 3);
		await s1.whenSaved();
		expect(s1.save.status).toBe('saved');
	});

	it('follows custom questions changed in another window', async () => {
		const { s1, d2, id } = await session([]);
		expect(s1.path).toHaveLength(4);
		await setCustom(id, [badgeAudit], d2);
		await waitFor(() => s1.path.includes('custom-badge-audit'), 'the new question is asked');
		expect(s1.progress.total).toBe(5);
		s1.goto({ stage: 'maturity', questionId: 'custom-badge-audit' });
		expect(s1.position.questionId).toBe('custom-badge-audit');
		// Retired there: no longer asked here, and the interview moves off it.
		await setCustom(id, [{ ...badgeAudit, retired: true }], d2);
		await waitFor(() => !s1.path.includes('custom-badge-audit'), 'the retired question is gone');
		expect(s1.position.questionId).not.toBe('custom-badge-audit');
	});

	it('changes its own custom questions through the checks, without an "another window" notice', async () => {
		const { s1 } = await session([]);
		const r = await s1.changeCustomQuestions((bank, database) =>
			saveCustomQuestion(s1.id, badgeAudit, bank, database)
		);
		expect(r).toEqual({ ok: true });
		await waitFor(() => s1.path.includes('custom-badge-audit'), 'asked at once');
		expect(s1.externalNotice).toBeNull();
		const refused = await s1.changeCustomQuestions((bank, database) =>
			saveCustomQuestion(
				s1.id,
				{ ...badgeAudit, id: 'custom-two', criteria: ['CC9.9'] },
				bank,
				database
			)
		);
		expect(refused.ok).toBe(false);
		expect(refused.ok ? [] : refused.problems.join('\n')).toMatch(/CC9\.9/);
		const retired = await s1.changeCustomQuestions((bank, database) =>
			setCustomQuestionRetired(s1.id, 'custom-badge-audit', true, bank, database)
		);
		expect(retired).toEqual({ ok: true });
		await waitFor(() => !s1.path.includes('custom-badge-audit'), 'no longer asked');
		expect(s1.externalNotice).toBeNull();
	});
});

describe('InterviewSession: the bank in two parts (issue 19, sixth pass)', () => {
	/** The fixture bank made valid for the custom questions' checks (every action says its kind). */
	const wholeBank = () => {
		const bank = fixtureBank();
		return {
			...bank,
			questions: bank.questions.map((q) => ({
				...q,
				remediation: q.remediation.map((r) => ({
					...r,
					kind: 'design' as const,
					appliesBelow: 3 as const
				}))
			}))
		};
	};

	/** A session asked with the first part of the fixture bank; the whole bank comes from `full`. */
	async function splitSession(full: () => Promise<ReturnType<typeof wholeBank>>, custom = false) {
		const name = `session-split-${Date.now()}-${n++}`;
		const d1 = new ReadinessDB(name);
		const created = await createAssessment(meta, d1);
		await updateAssessment(
			created.id,
			{
				profile: { 'profile.headcount': '1-10', 'scope.offices': 'none' },
				categoriesConfirmed: true
			},
			d1
		);
		if (custom) {
			const base = wholeBank().questions.find((q) => q.area === 'CC6')!;
			await updateAssessment(
				created.id,
				{
					customQuestions: [
						{
							...base,
							id: 'custom-split',
							title: 'Split check',
							remediation: base.remediation.map((r) => ({
								...r,
								id: 'rem.custom-split.one',
								kind: 'design' as const,
								appliesBelow: 3 as const,
								dependsOn: []
							}))
						}
					]
				} as unknown as Parameters<typeof updateAssessment>[1],
				d1
			);
		}
		const { core } = splitBank(wholeBank());
		const loadFullBank = vi.fn(full);
		const s = new InterviewSession(created.id, {
			loadBank: async () => core,
			loadFullBank,
			database: () => d1
		});
		cleanup.push(async () => {
			s.destroy();
			d1.close();
			await new ReadinessDB(name).delete();
		});
		return { s, d1, id: created.id, loadFullBank, core };
	}

	it('asks with the first part, then takes in the whole bank once the first question is shown', async () => {
		let release!: (b: ReturnType<typeof wholeBank>) => void;
		const gate = new Promise<ReturnType<typeof wholeBank>>((r) => (release = r));
		const { s, core } = await splitSession(() => gate);
		await s.start();
		expect(s.status).toBe('ready');
		expect(s.bank).toBe(core);
		expect(s.place?.question.id).toBeTruthy();
		expect(s.fullBank).toBeNull();
		expect(s.builtInBank).toBeNull();
		const pathBefore = s.path;
		release(wholeBank());
		await waitFor(() => s.fullBank !== null, 'the whole bank arrives');
		expect(s.fullBank).toEqual(wholeBank());
		expect(s.builtInBank).toBe(s.fullBank);
		// The interview goes on with the same bank: nothing it derived is computed again.
		expect(s.bank).toBe(core);
		expect(s.path).toBe(pathBefore);
	});

	it('says why when the second part cannot be loaded, changes nothing saved, and tries again when asked', async () => {
		let calls = 0;
		const { s, d1, id, loadFullBank } = await splitSession(async () => {
			calls += 1;
			if (calls === 1)
				throw new Error(
					'The question bank could not be loaded (no network and not yet stored for offline use). Reload the page once you are online.'
				);
			return wholeBank();
		});
		const before = await getAssessment(id, d1);
		const revision = await getRevision(id, d1);
		await s.start();
		await waitFor(() => s.fullBankError !== null, 'the failure is reported');
		expect(s.fullBankError).toMatch(/could not be loaded \(no network/);
		expect(s.status).toBe('ready');
		expect(s.fullBank).toBeNull();
		expect(await getAssessment(id, d1)).toEqual(before);
		expect(await getRevision(id, d1)).toBe(revision);
		// Custom questions cannot be checked without it: refused with the same message, nothing stored.
		expect(loadFullBank).toHaveBeenCalledTimes(1);
		const whole = await s.needFullBank();
		expect(whole).toEqual(wholeBank());
		expect(s.fullBankError).toBeNull();
		expect(s.fullBank).toBe(whole);
		expect(loadFullBank).toHaveBeenCalledTimes(2);
		expect(await s.needFullBank()).toBe(whole); // loaded once
		expect(loadFullBank).toHaveBeenCalledTimes(2);
	});

	it('refuses a custom question change while the second part cannot be loaded, with its message', async () => {
		const { s, d1, id } = await splitSession(async () => {
			throw new Error('The question bank could not be loaded (HTTP 503).');
		});
		await s.start();
		const revision = await getRevision(id, d1);
		const write = vi.fn(async () => 0);
		const r = await s.changeCustomQuestions(write);
		expect(r).toEqual({
			ok: false,
			problems: ['The question bank could not be loaded (HTTP 503).']
		});
		expect(write).not.toHaveBeenCalled();
		expect(await getRevision(id, d1)).toBe(revision);
	});

	it('waits for the whole bank before asking an assessment with custom questions (they are checked against it)', async () => {
		const { s, loadFullBank } = await splitSession(async () => wholeBank(), true);
		await s.start();
		expect(loadFullBank).toHaveBeenCalledTimes(1);
		expect(s.status).toBe('ready');
		expect(s.customProblems).toEqual([]);
		expect(s.bank?.questions.some((q) => q.id === 'custom-split')).toBe(true);
		expect(s.fullBank).toBe(s.bank);
		expect(s.fullBank?.questions.find((q) => q.id === 'custom-split')?.remediation).toHaveLength(1);
	});
});
