/**
 * The answer's short commit (issue 19, fifth pass: `commitAnswerNative`, plain IndexedDB): the
 * same rows and checks as the Dexie path, both-or-neither, another tab's newer answer still
 * refused, Dexie's live queries still told, and what it stores reads back the same through Dexie,
 * through the light reader and through the document.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { freshDatabases } from '../../../test/fixtures/fresh-db';
import {
	createAssessment,
	dumpDatabase,
	getAssessment,
	getRevision,
	liveQuery,
	storageErrorMessage,
	watchRevision,
	type ReadinessDB
} from '$lib/db';
import { COMPACT_AFTER, exportState, getAnswerHistory, warmDoc } from '$lib/db/doc-store';
import { readAssessment } from '$lib/db/light';
import { docToAssessment } from '$lib/doc';
import * as Y from 'yjs';
import type { MaturityAnswer } from '$lib/domain/types';
import { interviewMachine } from './machine';
import { commitOp, dbPersister } from './persister';
import { fixtureBank } from './test-fixtures';

const fresh = freshDatabases('interview-commit');
const meta = {
	organisation: 'Acme',
	assessor: 'Dana',
	assessmentDate: '2026-03-02',
	targetReportDate: null
};

/** An answer as the document stores it (an empty note is not kept). */
const answer = (value: MaturityAnswer['value'], minute: number, note = ''): MaturityAnswer => ({
	value,
	...(note ? { note } : {}),
	evidence: [],
	updatedAt: `2026-03-02T10:${String(minute).padStart(2, '0')}:00.000Z`
});

/** Polls a condition; the bound only stops a broken test well inside the test's own timeout. */
const waitForAsync = async (cond: () => Promise<boolean>) => {
	const until = Date.now() + 20_000;
	while (!(await cond()) && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
	expect(await cond()).toBe(true);
};

const waitFor = async (cond: () => boolean) => {
	const until = Date.now() + 20_000;
	while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
	expect(cond()).toBe(true);
};

/** Makes IndexedDB itself fail a put into `store` (as a full disk does), until restored. */
function failPuts(store: string, how: 'quota' | 'abort') {
	const proto = globalThis.IDBObjectStore.prototype;
	const put = proto.put;
	const spy = vi.spyOn(proto, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
		if (this.name !== store) return put.apply(this, args as Parameters<typeof put>);
		if (how === 'quota')
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		const r = put.apply(this, args as Parameters<typeof put>);
		this.transaction.abort();
		return r;
	});
	return () => spy.mockRestore();
}

afterEach(() => vi.restoreAllMocks());

/** Two tabs of one new assessment, each holding its document after an answer of its own. */
async function twoTabs(name: string) {
	const tabA = fresh(name);
	const tabB = fresh(name);
	const a = await createAssessment(meta, tabA);
	await commitOp(tabB, a.id, {
		kind: 'answer',
		questionId: 'q0',
		answer: answer(1, 0),
		base: null
	});
	await commitOp(tabA, a.id, {
		kind: 'answer',
		questionId: 'q1',
		answer: answer(2, 1),
		base: null
	});
	return { tabA, tabB, a };
}

/** The stored document's answers, read from its state as another device would. */
async function documentAnswers(d: ReadinessDB, id: string) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, (await exportState(id, d))!.state);
	return docToAssessment(doc, { interview: null, lastExportedAt: null }).answers;
}

describe('the answer commit without Dexie', () => {
	it('takes the short way once the document is in this tab, and stores what Dexie would', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		const viaDexie = vi.spyOn(d, 'transaction');
		const r1 = await commitOp(d, a.id, {
			kind: 'answer',
			questionId: 'q1',
			answer: answer(3, 1, 'first'),
			base: null
		});
		const r2 = await commitOp(d, a.id, {
			kind: 'answer',
			questionId: 'q2',
			answer: answer(null, 2),
			base: null
		});
		expect(r1).toEqual({ ok: true, revision: 2 });
		expect(r2).toEqual({ ok: true, revision: 3 });
		// No Dexie transaction was opened for these two answers (the document was cached by the
		// creation): the commit is the native one.
		expect(viaDexie).not.toHaveBeenCalled();
		viaDexie.mockRestore();

		const dexie = (await getAssessment(a.id, d))!;
		const light = (await readAssessment(a.id, d.name))!;
		expect(light.assessment).toEqual(dexie);
		expect(light.revision).toBe(3);
		expect(dexie.answers).toEqual({ q1: answer(3, 1, 'first'), q2: answer(null, 2) });
		expect(await documentAnswers(d, a.id)).toEqual(dexie.answers);
		const row = (await d.assessments.get(a.id))!;
		// The list's count and index: one answered (q2 is a "don't know", not an answer).
		expect(row.answeredCount).toBe(1);
		expect(row.listKey[8]).toBe(1);
		expect(row.listKey[0]).toBe(row.updatedAt);
		expect((await getAnswerHistory(a.id, 'q1', d))[0]).toMatchObject({
			value: 3,
			at: answer(3, 1).updatedAt,
			by: 'Dana',
			current: true
		});

		// Cleared: the answer row goes, the count follows, the document agrees.
		expect(
			await commitOp(d, a.id, {
				kind: 'answer',
				questionId: 'q1',
				answer: null,
				base: answer(3, 1).updatedAt
			})
		).toEqual({ ok: true, revision: 4 });
		expect(await d.answers.get([a.id, 'q1'] as never)).toBeUndefined();
		expect((await d.assessments.get(a.id))!.answeredCount).toBe(0);
		expect(await documentAnswers(d, a.id)).toEqual({ q2: answer(null, 2) });
	});

	it('stores both the document update and the rows, or neither (quota, abort)', async () => {
		for (const how of ['quota', 'abort'] as const) {
			const d = fresh();
			const a = await createAssessment(meta, d);
			await commitOp(d, a.id, {
				kind: 'answer',
				questionId: 'q1',
				answer: answer(2, 1),
				base: null
			});
			const before = await dumpDatabase(d);
			const restore = failPuts('assessments', how);
			const error = await commitOp(d, a.id, {
				kind: 'answer',
				questionId: 'q1',
				answer: answer(4, 2),
				base: answer(2, 1).updatedAt
			}).then(
				() => null,
				(e: unknown) => e
			);
			restore();
			expect(error, how).not.toBeNull();
			if (how === 'quota') expect(storageErrorMessage(error)).toMatch(/no more storage space/);
			else expect(storageErrorMessage(error)).toMatch(/could not be saved.*Nothing was changed/);
			// Nothing stored: no update row, no answer row, no revision.
			expect(await dumpDatabase(d), how).toBe(before);
			// This tab's copy of the document did not keep the change that was not stored: the
			// next answer stores only itself, and document and rows agree.
			expect(
				await commitOp(d, a.id, {
					kind: 'answer',
					questionId: 'q2',
					answer: answer(1, 3),
					base: null
				})
			).toEqual({ ok: true, revision: 3 });
			const stored = (await getAssessment(a.id, d))!.answers;
			expect(stored).toEqual({ q1: answer(2, 1), q2: answer(1, 3) });
			expect(await documentAnswers(d, a.id)).toEqual(stored);
		}
	});

	it('a failed commit is reported with a clear message and "Saved" is never shown', async () => {
		const d = fresh();
		const bank = fixtureBank();
		const a = await createAssessment(meta, d);
		const machine = interviewMachine.provide({
			actors: { persister: dbPersister({ assessmentId: a.id, database: () => d }) }
		});
		const actor = createActor(machine, { input: { bank, assessment: a } }).start();
		const statuses: string[] = [];
		actor.subscribe((s) => statuses.push(s.context.save.status));
		actor.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc6-mfa' } });
		const restore = failPuts('assessments', 'quota');
		actor.send({ type: 'answer.set', questionId: 'cc6-mfa', patch: { value: 4 } });
		await waitFor(() => actor.getSnapshot().context.save.status === 'error');
		restore();
		expect(actor.getSnapshot().context.save.message).toMatch(/no more storage space/);
		expect(statuses).not.toContain('saved');
		expect((await getAssessment(a.id, d))!.answers['cc6-mfa']).toBeUndefined();
		// Retried once there is space again: saved, and stored.
		actor.send({ type: 'save.retry' });
		await waitFor(() => actor.getSnapshot().context.save.status === 'saved');
		expect((await getAssessment(a.id, d))!.answers['cc6-mfa']?.value).toBe(4);
		actor.stop();
	});

	it('another tab: its newer answer is refused, its other changes are kept, both tabs hear', async () => {
		// Both tabs hold the document (B read it with its first answer).
		const { tabA, tabB, a } = await twoTabs('two-tabs');
		// B follows the revision live, as the interview does.
		const seen: (number | undefined)[] = [];
		const sub = liveQuery(() => getRevision(a.id, tabB)).subscribe((r) => seen.push(r));
		await waitFor(() => seen.at(-1) === 3);
		// A answers q1 again; B then answers q1 from what it showed before: refused.
		await commitOp(tabA, a.id, {
			kind: 'answer',
			questionId: 'q1',
			answer: answer(5, 2, 'A'),
			base: answer(2, 1).updatedAt
		});
		await waitFor(() => seen.at(-1) === 4);
		const stale = await commitOp(tabB, a.id, {
			kind: 'answer',
			questionId: 'q1',
			answer: answer(0, 3, 'B'),
			base: answer(2, 1).updatedAt
		});
		expect(stale).toEqual({ ok: false, conflict: true, current: answer(5, 2, 'A') });
		expect(await getRevision(a.id, tabA)).toBe(4); // a refused edit writes nothing
		// B answers another question: A's change stays, in the rows and in the document.
		expect(
			await commitOp(tabB, a.id, {
				kind: 'answer',
				questionId: 'q2',
				answer: answer(3, 4),
				base: null
			})
		).toEqual({ ok: true, revision: 5 });
		await waitFor(() => seen.at(-1) === 5);
		sub.unsubscribe();
		const expected = { q0: answer(1, 0), q1: answer(5, 2, 'A'), q2: answer(3, 4) };
		expect((await getAssessment(a.id, tabA))!.answers).toEqual(expected);
		expect(await documentAnswers(tabA, a.id)).toEqual(expected);
		expect(await documentAnswers(tabB, a.id)).toEqual(expected);
	});

	it('an answer that makes the compaction due commits alone; the compaction follows on its own', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		// Idle callbacks held, to run the compaction when the test says.
		const idle: (() => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (f: () => void) => idle.push(f));
		try {
			const viaDexie = vi.spyOn(d, 'transaction');
			const last: Record<string, string> = {};
			for (let i = 0; i < COMPACT_AFTER; i++) {
				const q = `q${i % 7}`;
				const given = answer((i % 6) as MaturityAnswer['value'], i % 60);
				const r = await commitOp(d, a.id, {
					kind: 'answer',
					questionId: q,
					answer: given,
					base: last[q] ?? null
				});
				expect(r.ok).toBe(true);
				last[q] = given.updatedAt;
			}
			// Every answer took the short way, the last too: nothing compacted inside an answer.
			expect(viaDexie).not.toHaveBeenCalled();
			viaDexie.mockRestore();
			expect(await d.docUpdates.where('assessmentId').equals(a.id).count()).toBe(COMPACT_AFTER + 1);
			const before = (await getAssessment(a.id, d))!;
			// Once idle (the live-query signal and the compaction): one full state replaces the
			// rows; nothing else changes.
			for (const f of idle.splice(0)) f();
			await waitForAsync(
				async () => (await d.docUpdates.where('assessmentId').equals(a.id).count()) === 1
			);
			const rows = await d.docUpdates.where('assessmentId').equals(a.id).toArray();
			expect(rows[0]!.full).toBe(true);
			expect(await getAssessment(a.id, d)).toEqual(before);
			expect(await documentAnswers(d, a.id)).toEqual(before.answers);
			// The next answer still takes the short way, on top of the full state.
			const viaDexie2 = vi.spyOn(d, 'transaction');
			expect(
				await commitOp(d, a.id, {
					kind: 'answer',
					questionId: 'q1',
					answer: answer(5, 59, 'after'),
					base: before.answers.q1!.updatedAt
				})
			).toEqual({ ok: true, revision: COMPACT_AFTER + 2 });
			expect(viaDexie2).not.toHaveBeenCalled();
			viaDexie2.mockRestore();
			for (const f of idle.splice(0)) f(); // no compaction due: the signal alone
			expect(await d.docUpdates.where('assessmentId').equals(a.id).count()).toBe(2);
			expect((await documentAnswers(d, a.id)).q1).toEqual(answer(5, 59, 'after'));
		} finally {
			vi.unstubAllGlobals();
		}
	});
});

describe('the update row of a write (issue 19, ninth pass)', () => {
	/** How many items a stored update deletes (its delete set, every range's length summed). */
	const deletedIn = (update: Uint8Array) =>
		[...Y.decodeUpdate(update).ds.clients.values()].flat().reduce((n, item) => n + item.len, 0);

	it('holds only what its command changed, however long the document has been in use', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		let base: string | null = null;
		for (let i = 0; i < 30; i++) {
			// One question answered again and again (the Dexie-free path): each answer replaces the
			// question's "answered" time and the document's "updatedAt", nothing else.
			const given = answer((i % 6) as MaturityAnswer['value'], i);
			expect(
				await commitOp(d, a.id, { kind: 'answer', questionId: 'q1', answer: given, base })
			).toMatchObject({ ok: true });
			base = given.updatedAt;
			// And a field of the assessment (through Dexie): the old value and "updatedAt".
			expect(
				await commitOp(d, a.id, {
					kind: 'meta',
					field: 'organisation',
					value: `Acme ${i}`,
					base: i ? `Acme ${i - 1}` : 'Acme'
				} as never)
			).toMatchObject({ ok: true });
		}
		const rows = await d.docUpdates
			.where('[assessmentId+seq]')
			.between([a.id, 0], [a.id, [[]]])
			.toArray();
		expect(rows).toHaveLength(61);
		expect(rows[0]!.full).toBe(true);
		// The first answer replaced "updatedAt" only (q1 had no "answered" time yet); every later
		// write two values. A row made as a difference against the state before would carry every
		// deletion the document ever saw (about two more per write).
		expect(rows.slice(1).map((r) => deletedIn(r.update))).toEqual([1, ...Array(59).fill(2)]);
		const sizes = rows.slice(1).map((r) => r.update.byteLength);
		expect(Math.max(...sizes.slice(-10))).toBeLessThanOrEqual(Math.max(...sizes.slice(0, 10)) + 8);
		// The rows rebuild the same document in a new tab.
		const doc = new Y.Doc();
		for (const r of rows) Y.applyUpdate(doc, r.update);
		const stored = (await getAssessment(a.id, d))!;
		expect(
			docToAssessment(doc, { interview: stored.interview, lastExportedAt: stored.lastExportedAt })
		).toEqual(stored);
		expect(stored.meta.organisation).toBe('Acme 29');
		expect(stored.answers.q1).toEqual(answer(5, 29));
	});
});

describe('the transaction of an answer (issue 19, ninth pass)', () => {
	it('is committed as soon as its writes are asked for, and still stores nothing when one fails', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		const commit = vi.spyOn(globalThis.IDBTransaction.prototype, 'commit');
		expect(
			await commitOp(d, a.id, {
				kind: 'answer',
				questionId: 'q1',
				answer: answer(2, 1),
				base: null
			})
		).toEqual({ ok: true, revision: 2 });
		// One explicit commit, from the short way (the creation cached the document).
		expect(commit).toHaveBeenCalledTimes(1);
		const before = await dumpDatabase(d);
		const restore = failPuts('answers', 'quota');
		const error = await commitOp(d, a.id, {
			kind: 'answer',
			questionId: 'q1',
			answer: answer(3, 2),
			base: answer(2, 1).updatedAt
		}).then(
			() => null,
			(e: unknown) => e
		);
		restore();
		expect(storageErrorMessage(error)).toMatch(/no more storage space/);
		expect(await dumpDatabase(d)).toBe(before);
	});
});

describe('the document read ahead of the first write (issue 19, ninth pass)', () => {
	it("lets a new tab's first answer take the short way, with another tab's later changes", async () => {
		const tabA = fresh('read-ahead');
		const tabB = fresh('read-ahead');
		const a = await createAssessment(meta, tabA);
		expect(
			await commitOp(tabA, a.id, {
				kind: 'answer',
				questionId: 'q1',
				answer: answer(2, 1),
				base: null
			})
		).toMatchObject({ ok: true });
		// Nothing to read for an assessment without a document; a copy held already is kept.
		expect(await warmDoc('no-such-assessment', tabB)).toBe(false);
		expect(await warmDoc(a.id, tabA)).toBe(false);
		const before = await dumpDatabase(tabB);
		expect(await warmDoc(a.id, tabB)).toBe(true);
		expect(await warmDoc(a.id, tabB)).toBe(false);
		// Read, not written.
		expect(await dumpDatabase(tabB)).toBe(before);
		// Tab A answers again after B read the document: B's first answer brings its copy up to
		// date and saves without Dexie.
		expect(
			await commitOp(tabA, a.id, {
				kind: 'answer',
				questionId: 'q2',
				answer: answer(4, 2),
				base: null
			})
		).toMatchObject({ ok: true });
		const viaDexie = vi.spyOn(tabB, 'transaction');
		expect(
			await commitOp(tabB, a.id, {
				kind: 'answer',
				questionId: 'q3',
				answer: answer(1, 3),
				base: null
			})
		).toEqual({ ok: true, revision: 4 });
		expect(viaDexie).not.toHaveBeenCalled();
		viaDexie.mockRestore();
		const stored = (await getAssessment(a.id, tabB))!;
		expect(stored.answers).toEqual({ q1: answer(2, 1), q2: answer(4, 2), q3: answer(1, 3) });
		expect(await documentAnswers(tabB, a.id)).toEqual(stored.answers);
		// A's stale edit of q1 is still refused by B's copy: it knows A's answer.
		expect(
			await commitOp(tabB, a.id, {
				kind: 'answer',
				questionId: 'q1',
				answer: answer(5, 4),
				base: null
			})
		).toMatchObject({ ok: false, conflict: true });
	});
});

describe('after the commit (issue 19, seventh pass)', () => {
	it("the revision watcher skips this tab's own answers and reads everyone else's changes", async () => {
		const tabA = fresh('watch-tabs');
		const tabB = fresh('watch-tabs');
		const a = await createAssessment(meta, tabA);
		// Both tabs hold the document.
		for (const [tab, q, m] of [
			[tabB, 'q0', 0],
			[tabA, 'q1', 1]
		] as const)
			await commitOp(tab, a.id, {
				kind: 'answer',
				questionId: q,
				answer: answer(1, m),
				base: null
			});
		const readsA: (number | undefined)[] = [];
		const readsB: (number | undefined)[] = [];
		const watchA = watchRevision(a.id, tabA, (r) => readsA.push(r));
		const watchB = watchRevision(a.id, tabB, (r) => readsB.push(r));
		// A live query of tab A's own page (as the team sync's) still hears A's answers.
		const liveA: (number | undefined)[] = [];
		const sub = liveQuery(() => getRevision(a.id, tabA)).subscribe((r) => liveA.push(r));
		try {
			await waitFor(() => readsA.at(-1) === 3 && readsB.at(-1) === 3 && liveA.at(-1) === 3);
			expect(readsA).toEqual([3]);

			// A answers (the native commit): B's watcher and A's live query hear it, A's watcher
			// does not read the row again.
			expect(
				await commitOp(tabA, a.id, {
					kind: 'answer',
					questionId: 'q1',
					answer: answer(2, 2),
					base: answer(1, 1).updatedAt
				})
			).toEqual({ ok: true, revision: 4 });
			await waitFor(() => readsB.at(-1) === 4 && liveA.at(-1) === 4);
			expect(readsA).toEqual([3]);

			// B answers: A's watcher reads it.
			await commitOp(tabB, a.id, {
				kind: 'answer',
				questionId: 'q2',
				answer: answer(3, 3),
				base: null
			});
			await waitFor(() => readsA.at(-1) === 5);
			// A Dexie write of this tab (a device field of the row) is read too, as before.
			const n = readsA.length;
			await tabA.assessments.update(a.id, { lastExportedAt: '2026-03-02T11:00:00.000Z' });
			await waitFor(() => readsA.length > n);
			expect(readsA.at(-1)).toBe(5);
		} finally {
			watchA.unsubscribe();
			watchB.unsubscribe();
			sub.unsubscribe();
		}
	});

	it("the history after a save comes from this tab's copy, with another tab's answers, without Dexie", async () => {
		const { tabA, tabB, a } = await twoTabs('history-tabs');
		await commitOp(tabA, a.id, {
			kind: 'answer',
			questionId: 'q1',
			answer: answer(3, 2),
			base: answer(2, 1).updatedAt
		});
		// Tab B changes the same answer; tab A has not heard of it yet.
		await commitOp(tabB, a.id, {
			kind: 'answer',
			questionId: 'q1',
			answer: answer(4, 3, 'B'),
			base: answer(3, 2).updatedAt
		});
		const viaDexie = vi.spyOn(tabA, 'transaction');
		const history = await getAnswerHistory(a.id, 'q1', tabA);
		expect(viaDexie).not.toHaveBeenCalled();
		viaDexie.mockRestore();
		expect(history.map((h) => [h.value, h.current])).toEqual([
			[4, true],
			[3, false],
			[2, false]
		]);
		// The same as a tab without a copy of the document reads (a transaction that loads it).
		const tabC = fresh('history-tabs');
		expect(await getAnswerHistory(a.id, 'q1', tabC)).toEqual(history);
		// Tab A's copy took B's answer: its next answer builds on it (no stale-edit refusal).
		expect(
			await commitOp(tabA, a.id, {
				kind: 'answer',
				questionId: 'q1',
				answer: answer(5, 4),
				base: answer(4, 3).updatedAt
			})
		).toEqual({ ok: true, revision: 6 });
		expect((await getAssessment(a.id, tabC))!.answers.q1).toEqual(answer(5, 4));
		expect((await documentAnswers(tabB, a.id)).q1).toEqual(answer(5, 4));
	});
});
