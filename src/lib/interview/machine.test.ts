import { describe, expect, it } from 'vitest';
import { createActor, fromCallback } from 'xstate';
import type { Assessment } from '$lib/domain/types';
import { maturityPath } from './flow';
import type { Position } from './types';
import { interviewMachine, type InterviewEvent, type PersisterMessage } from './machine';
import { applyOp, findConflict } from './ops';
import { reviewLists } from './progress';
import {
	INTERVIEW_SNAPSHOT_VERSION,
	planRestore,
	storedInterviewOf,
	toStoredInterview
} from './snapshot';
import { fixtureAssessment, fixtureBank, scopedAssessment } from './test-fixtures';

/**
 * An in-memory stand-in for IndexedDB with the same contract as the real persister: each write
 * is checked for staleness against what is stored, then committed, then acknowledged.
 */
function memoryStore(initial: Assessment, opts: { manual?: boolean; failWith?: string } = {}) {
	const store = { current: structuredClone(initial), failWith: opts.failWith ?? null };
	const messages: PersisterMessage[] = [];
	const held: (() => void)[] = [];
	const persister = fromCallback<PersisterMessage>(({ sendBack, receive }) => {
		receive((msg) => {
			messages.push(msg);
			if (msg.type !== 'write') return;
			const commit = () => {
				if (store.failWith) {
					sendBack({ type: 'persist.failed', seq: msg.seq, message: store.failWith });
					return;
				}
				const conflict = findConflict(store.current, msg.op);
				if (conflict) {
					sendBack({ type: 'persist.conflict', seq: msg.seq, current: conflict.current });
					return;
				}
				store.current = applyOp(store.current, msg.op);
				sendBack({ type: 'persist.done', seq: msg.seq });
			};
			if (opts.manual) held.push(commit);
			else queueMicrotask(commit);
		});
	});
	const machine = interviewMachine.provide({ actors: { persister } });
	return {
		store,
		messages,
		machine,
		/** Commit the oldest held write (manual mode). */
		release() {
			held.shift()?.();
		}
	};
}

const bank = fixtureBank();
const tick = () => new Promise((r) => setTimeout(r, 0));

function start(
	a: Assessment,
	opts: Parameters<typeof memoryStore>[1] = {},
	position: Position | null = null
) {
	const mem = memoryStore(a, opts);
	const actor = createActor(mem.machine, {
		input: { bank, assessment: a, position: position ?? undefined }
	}).start();
	const send = (e: InterviewEvent) => actor.send(e);
	const pos = () => actor.getSnapshot().context.position;
	return { ...mem, actor, send, pos };
}

describe('interview machine: the path through the stages', () => {
	it('starts at Start when the meta is incomplete and walks every stage in order', async () => {
		const a = fixtureAssessment({ meta: { ...fixtureAssessment().meta, organisation: '' } });
		const t = start(a);
		expect(t.actor.getSnapshot().value).toBe('start');

		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('start');
		expect(t.actor.getSnapshot().context.blocked?.issues).toContain(
			'Enter the name of the organisation being assessed.'
		);

		t.send({ type: 'meta.set', field: 'organisation', value: 'Acme' });
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('profile');
		expect(t.actor.getSnapshot().context.blocked).toBeNull();

		// A required profile question blocks leaving the stage, with a clear message.
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('profile');
		expect(t.actor.getSnapshot().context.blocked?.issues[0]).toMatch(/How many people/);
		t.send({ type: 'profile.set', questionId: 'profile.headcount', value: '1-10' });
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('scope');

		t.send({ type: 'profile.set', questionId: 'scope.offices', value: 'none' });
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('subservices');
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('tsc');
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('cuecs');
		expect(t.actor.getSnapshot().context.assessment.categoriesConfirmed).toBe(true);
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('maturity');

		const visited: string[] = [];
		while (t.actor.getSnapshot().value === 'maturity') {
			visited.push(t.pos().questionId!);
			t.send({ type: 'nav.next' });
		}
		// Security only, no offices: the office question is skipped, A1 and P are out of scope.
		expect(visited).toEqual(['cc1-ethics', 'cc1-board', 'cc6-mfa', 'cc6-review']);
		expect(t.actor.getSnapshot().value).toBe('review');
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('results');
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('results');

		await tick();
		// Everything the user entered reached storage.
		expect(t.store.current.meta.organisation).toBe('Acme');
		expect(t.store.current.profile['scope.offices']).toBe('none');
		expect(t.store.current.categoriesConfirmed).toBe(true);
	});

	it('goes back through questions and stages', () => {
		const t = start(scopedAssessment(), {}, null);
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc1-board' } });
		t.send({ type: 'nav.back' });
		expect(t.pos()).toEqual({ stage: 'maturity', questionId: 'cc1-ethics' });
		t.send({ type: 'nav.back' });
		expect(t.pos()).toEqual({ stage: 'cuecs', questionId: null });
		t.send({ type: 'nav.back' });
		expect(t.actor.getSnapshot().value).toBe('tsc');
		t.send({ type: 'nav.goto', target: { stage: 'review' } });
		t.send({ type: 'nav.back' });
		expect(t.pos()).toEqual({ stage: 'maturity', questionId: 'cc6-review' });
		t.send({ type: 'nav.goto', target: { stage: 'start' } });
		t.send({ type: 'nav.back' });
		expect(t.actor.getSnapshot().value).toBe('start');
	});

	it('skips questions whose applicability rule is false and lists them with the reason', () => {
		const t = start(scopedAssessment());
		const a = t.actor.getSnapshot().context.assessment;
		expect(maturityPath(bank, a)).not.toContain('cc6-office');
		const skipped = reviewLists(bank, a).skipped;
		expect(skipped.map((s) => [s.question.id, s.detail])).toEqual([
			['cc6-office', 'You have no offices, so office access controls do not apply.']
		]);

		t.send({ type: 'nav.goto', target: { stage: 'scope' } });
		t.send({ type: 'profile.set', questionId: 'scope.offices', value: 'own-offices' });
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc6-mfa' } });
		t.send({ type: 'nav.next' });
		expect(t.pos().questionId).toBe('cc6-office');
	});

	it('only goes to reachable stages and applicable questions', () => {
		const t = start(fixtureAssessment());
		expect(t.actor.getSnapshot().value).toBe('profile');
		t.send({ type: 'nav.goto', target: { stage: 'maturity' } });
		expect(t.actor.getSnapshot().value).toBe('profile');
		const issues = t.actor.getSnapshot().context.blocked?.issues ?? [];
		expect(issues.some((i) => i.startsWith('Company profile: Answer'))).toBe(true);
		expect(issues).toContain(
			'Trust Services Criteria: Confirm the Trust Services Criteria in scope.'
		);

		t.send({ type: 'nav.goto', target: { stage: 'start' } });
		expect(t.actor.getSnapshot().value).toBe('start');
		t.send({ type: 'nav.goto', target: { stage: 'profile' } });
		expect(t.actor.getSnapshot().value).toBe('profile');

		const s = start(scopedAssessment());
		s.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc6-office' } });
		expect(s.actor.getSnapshot().context.blocked?.issues).toEqual([
			'That question does not apply to the scope you described.'
		]);
		s.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'p-notice' } });
		expect(s.pos().questionId).not.toBe('p-notice');
		// A retired custom question says so.
		const r = start({
			...scopedAssessment(),
			customQuestions: [{ id: 'custom-old', retired: true } as never]
		});
		r.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'custom-old' } });
		expect(r.actor.getSnapshot().context.blocked?.issues).toEqual([
			'That custom question was retired: it is no longer asked. Its answers stay in the history.'
		]);
		s.send({ type: 'nav.goto', target: { stage: 'maturity', area: 'CC6' } });
		expect(s.pos()).toEqual({ stage: 'maturity', questionId: 'cc6-mfa' });
		s.send({ type: 'blocked.dismiss' });
		expect(s.actor.getSnapshot().context.blocked).toBeNull();
		// An unknown stage name is refused, not a crash.
		s.send({ type: 'nav.goto', target: { stage: 'nowhere' as never } });
		expect(s.pos()).toEqual({ stage: 'maturity', questionId: 'cc6-mfa' });
	});
});

describe('interview machine: answers change what comes later', () => {
	it('deselecting Privacy removes its questions from the path but keeps the answers', async () => {
		const t = start(scopedAssessment({ categories: ['privacy'] }));
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'p-notice' } });
		t.send({
			type: 'answer.set',
			questionId: 'p-notice',
			patch: { value: 4, note: 'Published notice' }
		});
		await tick();
		expect(maturityPath(bank, t.actor.getSnapshot().context.assessment)).toContain('p-notice');

		t.send({ type: 'nav.goto', target: { stage: 'tsc' } });
		t.send({ type: 'category.set', category: 'privacy', selected: false });
		await tick();
		const after = t.actor.getSnapshot().context.assessment;
		expect(maturityPath(bank, after)).toEqual(['cc1-ethics', 'cc1-board', 'cc6-mfa', 'cc6-review']);
		// Still stored, just out of the path.
		expect(t.store.current.answers['p-notice']?.value).toBe(4);
		expect(t.store.current.categories).toEqual([]);

		// The remaining path ends before the privacy questions.
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc6-review' } });
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().value).toBe('review');

		t.send({ type: 'nav.goto', target: { stage: 'tsc' } });
		t.send({ type: 'category.set', category: 'privacy', selected: true });
		await tick();
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'p-notice' } });
		expect(t.pos().questionId).toBe('p-notice');
		expect(t.actor.getSnapshot().context.assessment.answers['p-notice']).toMatchObject({
			value: 4,
			note: 'Published notice'
		});
	});

	it('a change made elsewhere that drops the current question moves to the next one', () => {
		const t = start(
			scopedAssessment({
				profile: { ...scopedAssessment().profile, 'scope.offices': 'own-offices' }
			})
		);
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc6-office' } });
		const other = structuredClone(t.actor.getSnapshot().context.assessment);
		other.profile['scope.offices'] = 'none';
		t.send({ type: 'external.sync', assessment: other });
		expect(t.pos()).toEqual({ stage: 'maturity', questionId: 'cc6-review' });
		expect(t.messages.at(-1)).toEqual({
			type: 'position',
			position: { stage: 'maturity', questionId: 'cc6-review' }
		});
	});

	it('pre-selects only what buyers asked for, until the user decides', () => {
		const t = start(
			scopedAssessment({
				categoriesConfirmed: false,
				profile: {
					...scopedAssessment().profile,
					'profile.uptime-commitment': true,
					'profile.categories-requested': ['privacy']
				}
			})
		);
		t.send({ type: 'nav.goto', target: { stage: 'tsc' } });
		// A strong signal (uptime promise → Availability) is suggested, never ticked for the user.
		expect(t.actor.getSnapshot().context.assessment.categories).toEqual(['privacy']);
		t.send({ type: 'category.set', category: 'privacy', selected: false });
		expect(t.actor.getSnapshot().context.assessment.categoriesConfirmed).toBe(true);
		t.send({ type: 'nav.back' });
		t.send({ type: 'nav.next' });
		// Decided: the buyer's request is no longer re-applied.
		expect(t.actor.getSnapshot().context.assessment.categories).toEqual([]);
	});
});

describe('interview machine: saving', () => {
	it('reports saved only after the store commits, in order', async () => {
		const t = start(scopedAssessment(), { manual: true });
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc1-ethics' } });
		t.send({ type: 'answer.set', questionId: 'cc1-ethics', patch: { value: 2 } });
		t.send({ type: 'answer.set', questionId: 'cc1-ethics', patch: { value: 3 } });
		let ctx = t.actor.getSnapshot().context;
		expect(ctx.assessment.answers['cc1-ethics']?.value).toBe(3);
		expect(ctx.save.status).toBe('saving');
		expect(t.store.current.answers['cc1-ethics']).toBeUndefined();
		// One write at a time.
		expect(t.messages.filter((m) => m.type === 'write')).toHaveLength(1);

		t.release();
		expect(t.actor.getSnapshot().context.save.status).toBe('saving');
		t.release();
		ctx = t.actor.getSnapshot().context;
		expect(ctx.save.status).toBe('saved');
		expect(t.store.current.answers['cc1-ethics']?.value).toBe(3);
		expect(ctx.stored.answers['cc1-ethics']?.value).toBe(3);
	});

	it('a failed write is reported, never claimed saved, and can be retried', async () => {
		const t = start(scopedAssessment(), { failWith: 'QuotaExceededError: the disk is full' });
		t.send({ type: 'answer.set', questionId: 'cc6-mfa', patch: { value: 4 } });
		await tick();
		let ctx = t.actor.getSnapshot().context;
		expect(ctx.save).toMatchObject({
			status: 'error',
			message: 'QuotaExceededError: the disk is full'
		});
		expect(ctx.pending).toHaveLength(1);
		expect(t.store.current.answers['cc6-mfa']).toBeUndefined();

		t.store.failWith = null;
		t.send({ type: 'save.retry' });
		await tick();
		ctx = t.actor.getSnapshot().context;
		expect(ctx.save.status).toBe('saved');
		expect(t.store.current.answers['cc6-mfa']?.value).toBe(4);
	});

	it('the default persister (storage not connected) never claims saved', async () => {
		const actor = createActor(interviewMachine, {
			input: { bank, assessment: scopedAssessment() }
		}).start();
		actor.send({ type: 'answer.set', questionId: 'cc6-mfa', patch: { value: 4 } });
		await tick();
		expect(actor.getSnapshot().context.save.status).toBe('error');
	});

	it('ignores edits of unknown questions and invalid meta (nothing is written)', async () => {
		const t = start(scopedAssessment());
		t.send({ type: 'answer.set', questionId: 'no-such-question', patch: { value: 3 } });
		t.send({ type: 'meta.set', field: 'assessmentDate', value: '2026-02-30' });
		t.send({ type: 'meta.set', field: 'organisation', value: '   ' });
		t.send({ type: 'meta.set', field: 'targetReportDate', value: '2020-01-01' });
		await tick();
		expect(t.messages.filter((m) => m.type === 'write')).toEqual([]);
		expect(t.store.current.meta.assessmentDate).toBe('2026-03-02');
	});

	it('never silently overwrites a newer value saved by another tab', async () => {
		const base = scopedAssessment({
			answers: {
				'cc6-mfa': {
					value: 3,
					note: 'Okta enforced',
					evidence: [],
					updatedAt: '2026-03-02T10:00:00.000Z'
				}
			}
		});
		const t = start(base);
		// Another tab saves a new note; our tab has not seen it yet.
		t.store.current.answers['cc6-mfa'] = {
			value: 3,
			note: 'Okta enforced; 2 exceptions',
			evidence: [],
			updatedAt: '2026-03-02T10:05:00.000Z'
		};
		t.send({
			type: 'answer.set',
			questionId: 'cc6-mfa',
			patch: { note: 'Okta enforced for all' },
			base: '2026-03-02T10:00:00.000Z'
		});
		await tick();
		let ctx = t.actor.getSnapshot().context;
		expect(t.store.current.answers['cc6-mfa']?.note).toBe('Okta enforced; 2 exceptions');
		expect(ctx.conflict?.label).toBe('your answer to “Title of cc6-mfa”');
		expect(ctx.assessment.answers['cc6-mfa']?.note).toBe('Okta enforced; 2 exceptions');
		expect(ctx.save.status).not.toBe('saved');

		// The user chooses their version: it is written on top of the newer one.
		t.send({ type: 'conflict.keepMine' });
		await tick();
		ctx = t.actor.getSnapshot().context;
		expect(ctx.conflict).toBeNull();
		expect(t.store.current.answers['cc6-mfa']?.note).toBe('Okta enforced for all');
		expect(ctx.save.status).toBe('saved');
	});

	it('says "not saved" for a refused edit until the user decides, even while other edits save', async () => {
		const base = scopedAssessment({
			answers: {
				'cc6-mfa': { value: 3, note: 'v1', evidence: [], updatedAt: '2026-03-02T10:00:00.000Z' },
				'cc1-ethics': { value: 2, evidence: [], updatedAt: '2026-03-02T09:00:00.000Z' }
			}
		});
		const t = start(base);
		t.store.current.answers['cc6-mfa'] = {
			value: 3,
			note: 'v2 from the other tab',
			evidence: [],
			updatedAt: '2026-03-02T10:05:00.000Z'
		};
		t.send({
			type: 'answer.set',
			questionId: 'cc6-mfa',
			patch: { note: 'v1 edited here' },
			base: 'stale:2026-03-02T10:00:00.000Z'
		});
		await tick();
		let ctx = t.actor.getSnapshot().context;
		expect(ctx.conflict).not.toBeNull();
		expect(ctx.save.status).toBe('conflict');

		// Another field is edited and commits: it is saved, but the refused one still is not.
		t.send({ type: 'answer.set', questionId: 'cc1-ethics', patch: { value: 4 } });
		expect(t.actor.getSnapshot().context.save.status).toBe('conflict');
		await tick();
		ctx = t.actor.getSnapshot().context;
		expect(t.store.current.answers['cc1-ethics']?.value).toBe(4);
		expect(ctx.pending).toEqual([]);
		expect(ctx.save.status).toBe('conflict');
		expect(ctx.save.at).not.toBeNull();
		// "Try again" has nothing to retry for a refused edit: it stays "not saved".
		t.send({ type: 'save.retry' });
		expect(t.actor.getSnapshot().context.save.status).toBe('conflict');

		// Keeping the other version writes nothing and loses nothing saved.
		const writes = t.messages.filter((m) => m.type === 'write').length;
		t.send({ type: 'conflict.keepTheirs' });
		await tick();
		ctx = t.actor.getSnapshot().context;
		expect(ctx.conflict).toBeNull();
		expect(ctx.save.status).toBe('idle');
		expect(t.messages.filter((m) => m.type === 'write').length).toBe(writes);
		expect(ctx.assessment.answers['cc6-mfa']?.note).toBe('v2 from the other tab');
		expect(ctx.assessment.answers['cc1-ethics']?.value).toBe(4);
		expect(t.store.current.answers['cc6-mfa']?.note).toBe('v2 from the other tab');
		expect(t.store.current.answers['cc1-ethics']?.value).toBe(4);
	});

	it('a second refused edit waits behind the first instead of replacing it', async () => {
		const base = scopedAssessment({
			answers: {
				'cc6-mfa': { value: 3, note: 'a1', evidence: [], updatedAt: '2026-03-02T10:00:00.000Z' },
				'cc1-ethics': { value: 2, note: 'b1', evidence: [], updatedAt: '2026-03-02T10:00:00.000Z' }
			}
		});
		const t = start(base);
		for (const q of ['cc6-mfa', 'cc1-ethics']) {
			t.store.current.answers[q] = {
				...t.store.current.answers[q]!,
				note: `${q} from the other tab`,
				updatedAt: '2026-03-02T10:05:00.000Z'
			};
		}
		const stale = 'stale:2026-03-02T10:00:00.000Z';
		t.send({ type: 'answer.set', questionId: 'cc6-mfa', patch: { note: 'mine A' }, base: stale });
		await tick();
		t.send({
			type: 'answer.set',
			questionId: 'cc1-ethics',
			patch: { note: 'mine B' },
			base: stale
		});
		await tick();
		// A newer refusal of the same field supersedes the older one (it holds the latest text).
		t.send({
			type: 'answer.set',
			questionId: 'cc1-ethics',
			patch: { note: 'mine B2' },
			base: stale
		});
		await tick();
		let ctx = t.actor.getSnapshot().context;
		expect(ctx.conflict?.label).toBe('your answer to “Title of cc6-mfa”');
		expect(ctx.conflictQueue.map((c) => c.label)).toEqual(['your answer to “Title of cc1-ethics”']);
		expect(ctx.save.status).toBe('conflict');

		t.send({ type: 'conflict.keepTheirs' });
		ctx = t.actor.getSnapshot().context;
		expect(ctx.conflict?.label).toBe('your answer to “Title of cc1-ethics”');
		expect(ctx.conflictQueue).toEqual([]);
		expect(ctx.save.status).toBe('conflict');

		t.send({ type: 'conflict.keepMine' });
		await tick();
		ctx = t.actor.getSnapshot().context;
		expect(ctx.conflict).toBeNull();
		expect(ctx.save.status).toBe('saved');
		expect(t.store.current.answers['cc6-mfa']?.note).toBe('cc6-mfa from the other tab');
		expect(t.store.current.answers['cc1-ethics']?.note).toBe('mine B2');
	});

	it('a save error stays visible through a conflict decision', async () => {
		const base = scopedAssessment({
			answers: {
				'cc6-mfa': { value: 3, note: 'v1', evidence: [], updatedAt: '2026-03-02T10:00:00.000Z' }
			}
		});
		const t = start(base);
		t.store.current.answers['cc6-mfa'] = {
			value: 3,
			note: 'v2',
			evidence: [],
			updatedAt: '2026-03-02T10:05:00.000Z'
		};
		t.send({
			type: 'answer.set',
			questionId: 'cc6-mfa',
			patch: { note: 'mine' },
			base: 'stale:2026-03-02T10:00:00.000Z'
		});
		await tick();
		t.store.failWith = 'The device storage is full.';
		t.send({ type: 'answer.set', questionId: 'cc1-ethics', patch: { value: 1 } });
		await tick();
		expect(t.actor.getSnapshot().context.save.status).toBe('error');
		t.send({ type: 'conflict.keepMine' });
		await tick();
		expect(t.actor.getSnapshot().context.save).toMatchObject({
			status: 'error',
			message: 'The device storage is full.'
		});
		t.store.failWith = null;
		t.send({ type: 'save.retry' });
		await tick();
		await tick();
		const ctx = t.actor.getSnapshot().context;
		expect(ctx.save.status).toBe('saved');
		expect(t.store.current.answers['cc6-mfa']?.note).toBe('mine');
		expect(t.store.current.answers['cc1-ethics']?.value).toBe(1);
	});

	it('shows changes from another tab and keeps its own unsaved edits on top', () => {
		const t = start(scopedAssessment(), { manual: true });
		t.send({ type: 'answer.set', questionId: 'cc1-ethics', patch: { value: 2 } });
		const other = structuredClone(t.store.current);
		other.answers['cc6-mfa'] = { value: 5, evidence: [], updatedAt: '2026-03-03T08:00:00.000Z' };
		t.send({ type: 'external.sync', assessment: other });
		const ctx = t.actor.getSnapshot().context;
		expect(ctx.assessment.answers['cc6-mfa']?.value).toBe(5);
		expect(ctx.assessment.answers['cc1-ethics']?.value).toBe(2);
	});

	it('N/A keeps its justification; another value drops it', () => {
		const t = start(scopedAssessment());
		t.send({
			type: 'answer.set',
			questionId: 'cc1-board',
			patch: { value: 'na', naReason: 'No board yet' }
		});
		expect(t.actor.getSnapshot().context.assessment.answers['cc1-board']).toMatchObject({
			value: 'na',
			naReason: 'No board yet'
		});
		t.send({ type: 'answer.set', questionId: 'cc1-board', patch: { value: 1 } });
		expect(t.actor.getSnapshot().context.assessment.answers['cc1-board']?.naReason).toBeUndefined();
	});
});

describe('interview machine: a refused move stays current while the user fixes it', () => {
	it('an N/A without a reason keeps the user on the question, whichever way they try to leave', () => {
		const t = start(scopedAssessment());
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc1-board' } });
		t.send({ type: 'answer.set', questionId: 'cc1-board', patch: { value: 'na' } });
		for (const e of [
			{ type: 'nav.next' },
			{ type: 'nav.back' },
			{ type: 'nav.goto', target: { stage: 'review' } },
			{ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc6-mfa' } }
		] as InterviewEvent[]) {
			t.send(e);
			expect(t.pos(), e.type).toEqual({ stage: 'maturity', questionId: 'cc1-board' });
			const blocked = t.actor.getSnapshot().context.blocked;
			expect(blocked?.questionId).toBe('cc1-board');
			expect(blocked?.issues).toEqual([expect.stringMatching(/^Say why “.+” does not apply/)]);
		}
		// A blank reason is no reason.
		t.send({ type: 'answer.set', questionId: 'cc1-board', patch: { naReason: '   ' } });
		t.send({ type: 'nav.next' });
		expect(t.pos().questionId).toBe('cc1-board');
		// Writing the reason lifts the refusal at once; the move then goes through.
		t.send({ type: 'answer.set', questionId: 'cc1-board', patch: { naReason: 'No board yet' } });
		expect(t.actor.getSnapshot().context.blocked).toBeNull();
		t.send({ type: 'nav.next' });
		expect(t.pos().questionId).not.toBe('cc1-board');
	});

	it('choosing another answer instead of N/A also lets the user go on', () => {
		const t = start(scopedAssessment());
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc1-board' } });
		t.send({ type: 'answer.set', questionId: 'cc1-board', patch: { value: 'na' } });
		t.send({ type: 'nav.back' });
		expect(t.actor.getSnapshot().context.blocked).not.toBeNull();
		t.send({ type: 'answer.set', questionId: 'cc1-board', patch: { value: 2 } });
		expect(t.actor.getSnapshot().context.blocked).toBeNull();
		t.send({ type: 'nav.back' });
		expect(t.pos().questionId).not.toBe('cc1-board');
	});

	it('the list shrinks as issues are fixed, and counts refusals only when a move is refused', () => {
		const a = fixtureAssessment({
			meta: { ...fixtureAssessment().meta, organisation: '', assessor: '' }
		});
		const t = start(a);
		t.send({ type: 'nav.next' });
		const first = t.actor.getSnapshot().context.blocked!;
		expect(first.issues.length).toBeGreaterThanOrEqual(2);
		expect(first.n).toBe(1);
		t.send({ type: 'meta.set', field: 'organisation', value: 'Acme' });
		const after = t.actor.getSnapshot().context.blocked!;
		expect(after.issues).not.toContain('Enter the name of the organisation being assessed.');
		expect(after.issues.length).toBe(first.issues.length - 1);
		expect(after.n).toBe(1);
		t.send({ type: 'nav.next' });
		expect(t.actor.getSnapshot().context.blocked?.n).toBe(2);
		t.send({ type: 'meta.set', field: 'assessor', value: 'Dana' });
		expect(t.actor.getSnapshot().context.blocked).toBeNull();
	});

	it('stamps answers with the injected clock', () => {
		const a = scopedAssessment();
		const mem = memoryStore(a);
		const clock = () => new Date('2030-01-02T03:04:05.000Z');
		const actor = createActor(mem.machine, { input: { bank, assessment: a, clock } }).start();
		actor.send({ type: 'answer.set', questionId: 'cc1-board', patch: { value: 3 } });
		expect(actor.getSnapshot().context.assessment.answers['cc1-board']?.updatedAt).toBe(
			'2030-01-02T03:04:05.000Z'
		);
	});
});

describe('interview machine: resuming', () => {
	it('round-trips a persisted snapshot and resumes at the same question', () => {
		const t = start(scopedAssessment());
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc6-mfa' } });
		t.send({ type: 'nav.next' });
		const persisted = t.actor.getPersistedSnapshot();
		t.actor.stop();

		const mem = memoryStore(scopedAssessment());
		const again = createActor(mem.machine, {
			snapshot: persisted,
			input: { bank, assessment: scopedAssessment() }
		}).start();
		expect(again.getSnapshot().value).toBe('maturity');
		expect(again.getSnapshot().context.position.questionId).toBe('cc6-review');
		// The restored actor still talks to its persister.
		again.send({ type: 'nav.next' });
		expect(mem.messages.at(-1)).toEqual({
			type: 'position',
			position: { stage: 'review', questionId: null }
		});
	});

	it('the stored snapshot is the same without walking the bank and the assessment', () => {
		const t = start(scopedAssessment());
		for (const target of [
			{ stage: 'maturity', questionId: 'cc6-mfa' },
			{ stage: 'review', questionId: null }
		] as const) {
			t.send({ type: 'nav.goto', target });
			t.send({ type: 'nav.next' });
			const slim = storedInterviewOf(t.actor.getSnapshot());
			expect(slim).toEqual(toStoredInterview(t.actor.getPersistedSnapshot()));
			expect(slim.snapshot).toMatchObject({ context: { position: t.pos() } });
		}
	});

	it('stores a compact, versioned snapshot and restores it (JSON round trip)', async () => {
		const t = start(scopedAssessment());
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc1-board' } });
		const stored = JSON.parse(JSON.stringify(toStoredInterview(t.actor.getPersistedSnapshot())));
		expect(stored.version).toBe(INTERVIEW_SNAPSHOT_VERSION);
		expect(JSON.stringify(stored)).not.toContain('Prompt of');
		expect(Object.keys(stored.snapshot.context)).toEqual(['position']);

		const a = scopedAssessment({ interview: stored });
		const plan = planRestore(bank, a);
		expect(plan.source).toBe('snapshot');
		const mem = memoryStore(a);
		const actor = createActor(mem.machine, { snapshot: plan.snapshot, input: plan.input }).start();
		expect(actor.getSnapshot().value).toBe('maturity');
		expect(actor.getSnapshot().context.position.questionId).toBe('cc1-board');
		expect(actor.getSnapshot().context.assessment).toBe(a);
		actor.send({ type: 'answer.set', questionId: 'cc1-board', patch: { value: 3 } });
		await tick();
		expect(mem.store.current.answers['cc1-board']?.value).toBe(3);
	});

	it('falls back to a position derived from the answers for an unknown snapshot version', () => {
		const answered = {
			'cc1-ethics': { value: 3 as const, evidence: [], updatedAt: '2026-03-02T10:00:00.000Z' },
			'cc1-board': {
				value: 'unknown' as const,
				evidence: [],
				updatedAt: '2026-03-02T10:00:00.000Z'
			}
		};
		for (const interview of [
			{
				version: 0,
				snapshot: {
					value: 'maturity',
					context: { position: { stage: 'maturity', questionId: 'cc1-ethics' } }
				}
			},
			{ version: 99, snapshot: 'garbage' },
			{
				version: INTERVIEW_SNAPSHOT_VERSION,
				snapshot: { status: 'active', value: 'maturity', context: null }
			},
			null
		]) {
			const a = scopedAssessment({ answers: answered, interview });
			const plan = planRestore(bank, a);
			expect(plan.source).toBe('derived');
			const actor = createActor(memoryStore(a).machine, { input: plan.input }).start();
			expect(actor.getSnapshot().context.position).toEqual({
				stage: 'maturity',
				questionId: 'cc6-mfa'
			});
		}
		// Nothing answered yet: the first stage with work left.
		const fresh = planRestore(
			bank,
			fixtureAssessment({ interview: { version: -1, snapshot: {} } })
		);
		expect(fresh.input.position).toEqual({ stage: 'profile', questionId: null });
	});

	it('a stored question that no longer applies resumes at the next applicable one', () => {
		const t = start(scopedAssessment({ categories: ['privacy'] }));
		t.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc6-review' } });
		const stored = toStoredInterview(t.actor.getPersistedSnapshot());
		const plan = planRestore(
			bank,
			scopedAssessment({
				categories: ['privacy'],
				profile: { ...scopedAssessment().profile },
				interview: stored
			})
		);
		expect(plan.source).toBe('snapshot');
		// Now make the stored position invalid: the question became inapplicable.
		const gone = toStoredInterview({
			status: 'active',
			value: 'maturity',
			context: { position: { stage: 'maturity', questionId: 'cc6-office' } }
		});
		const p2 = planRestore(bank, scopedAssessment({ categories: ['privacy'], interview: gone }));
		expect(p2.source).toBe('derived');
		expect(p2.input.position).toEqual({ stage: 'maturity', questionId: 'cc6-review' });
	});
});

describe('interview machine: carried answers of a re-assessment (issue 20)', () => {
	function reassessed() {
		const [q1, q2, q3] = bank.questions.slice(0, 3).map((q) => q.id);
		const given = { value: 3 as const, evidence: [], updatedAt: '2026-01-05T10:00:00.000Z' };
		const a = scopedAssessment({ answers: { [q1!]: given, [q2!]: given, [q3!]: given } });
		return {
			a: {
				...a,
				reassessmentOf: { id: 'earlier', assessedOn: '2026-01-05' },
				carried: { [q1!]: {}, [q2!]: {}, [q3!]: {} }
			},
			q1: q1!,
			q2: q2!,
			q3: q3!
		};
	}

	it('confirm is one write for the questions still to confirm; a change marks the answer changed', async () => {
		const { a, q1, q2, q3 } = reassessed();
		const t = start(a);
		t.send({ type: 'answer.set', questionId: q2, patch: { value: 1 } });
		t.send({ type: 'answer.set', questionId: q3, patch: { note: 'still true' } });
		t.send({ type: 'answer.confirm', questionIds: [q1, q2, 'not-carried'] });
		// Writes go one at a time: wait until every one is committed.
		while (t.actor.getSnapshot().context.pending.length) await tick();
		const writes = t.messages.filter((m) => m.type === 'write').map((m) => m.op);
		const confirms = writes.filter((op) => op.kind === 'confirm');
		expect(confirms).toHaveLength(1);
		expect(confirms[0]).toMatchObject({ kind: 'confirm', questionIds: [q1] });
		const carried = t.actor.getSnapshot().context.assessment.carried!;
		expect(carried[q1]!.confirmedAt).toBeTruthy();
		expect(carried[q2]).toEqual({ changed: true });
		// A note alone is not a change of the answer.
		expect(carried[q3]).toEqual({});
		expect(t.store.current.carried).toEqual(carried);
		// Nothing left to confirm among these: no write at all.
		t.send({ type: 'answer.confirm', questionIds: [q1, q2] });
		await tick();
		expect(t.messages.filter((m) => m.type === 'write')).toHaveLength(writes.length);
	});
});
