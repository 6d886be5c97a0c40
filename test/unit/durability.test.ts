/**
 * Durability of the storage layer under faults (IndexedDB in Node via fake-indexeddb; the same
 * scenarios run against real Chromium in test/e2e/reliability.spec.ts).
 *
 * - A burst of 200 answers in which the browser refuses random writes (quota), early or late in
 *   the transaction: every answer is the old or the new value, nothing half-written, every write
 *   that resolved is stored, and the answered count and revision stay exact.
 * - The connection closes in the middle of a burst (tab closed): the same, read back through a
 *   new connection.
 * - Two connections (two tabs) editing the same answers with the interview's stale-edit check:
 *   no write that was based on an old version ever overwrites a newer one (no lost update),
 *   checked against a reference model over random interleavings.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
	ReadinessDB,
	createAssessment,
	dumpDatabase,
	getAssessment,
	isQuotaError,
	saveAnswer,
	storageErrorMessage
} from '$lib/db';
import type { MaturityAnswer, MaturityValue } from '$lib/domain/types';
import { commitOp } from '$lib/interview/persister';
import { sameValue } from '$lib/interview/ops';

let n = 0;
const opened: ReadinessDB[] = [];
function connect(name: string): ReadinessDB {
	const d = new ReadinessDB(name);
	opened.push(d);
	return d;
}
const freshName = () => `durability-${Date.now()}-${n++}`;

const restore: (() => void)[] = [];
afterEach(async () => {
	for (const r of restore.splice(0)) r();
	const names = new Set(opened.map((d) => d.name));
	for (const d of opened.splice(0)) d.close();
	for (const name of names) await new ReadinessDB(name).delete();
});

const meta = {
	organisation: 'Durable Ltd',
	assessor: 'Dana',
	assessmentDate: '2026-03-02',
	targetReportDate: null
};

const QIDS = Array.from({ length: 20 }, (_, i) => `q${i}`);
const VALUES: (MaturityValue | null)[] = [0, 1, 2, 3, 4, 5, 'unknown', 'na', null];

/**
 * Make the browser refuse chosen writes, the way a full disk does: `put` on the answers store
 * throws QuotaExceededError for an answer whose note is "QUOTA-EARLY"; for "QUOTA-LATE" the
 * answer row is written and the following assessment-row write (same transaction) is refused,
 * so the transaction must roll the answer back.
 */
function injectQuota(): void {
	const proto = globalThis.IDBObjectStore.prototype;
	const put = proto.put;
	let late = false;
	proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
		const note = (value as { note?: string } | null)?.note;
		if (this.name === 'answers') {
			late = note === 'QUOTA-LATE';
			if (note === 'QUOTA-EARLY') throw new DOMException('Quota exceeded', 'QuotaExceededError');
		} else if (this.name === 'assessments' && late) {
			late = false;
			throw new DOMException('Quota exceeded', 'QuotaExceededError');
		}
		return put.call(this, value, key);
	} as typeof proto.put;
	restore.push(() => {
		proto.put = put;
	});
}

interface Write {
	q: string;
	value: MaturityValue | null;
	fault: 'none' | 'early' | 'late';
}

const writeArb: fc.Arbitrary<Write> = fc.record({
	q: fc.constantFrom(...QIDS),
	value: fc.constantFrom(...VALUES),
	fault: fc.constantFrom<Write['fault']>('none', 'none', 'none', 'early', 'late')
});

function answerOf(w: Write, i: number): MaturityAnswer | null {
	if (w.value === null && w.fault === 'none') return null;
	const note =
		w.fault === 'early' ? 'QUOTA-EARLY' : w.fault === 'late' ? 'QUOTA-LATE' : `write ${i}`;
	return {
		value: w.value,
		note,
		evidence: [{ id: `e${i}`, name: `evidence ${i}`, location: `/share/${i}` }],
		updatedAt: new Date(Date.UTC(2026, 2, 2, 10, 0, 0, i)).toISOString()
	};
}

/** Checks every stored answer is whole and matches the model; returns nothing on success. */
async function expectMatchesModel(
	name: string,
	id: string,
	model: Map<string, MaturityAnswer | null>,
	revision: number
): Promise<void> {
	// Read through a new connection: what another tab, or the next session, would see.
	const reader = connect(name);
	const back = await getAssessment(id, reader);
	expect(back).toBeDefined();
	for (const q of QIDS) {
		const want = model.get(q) ?? null;
		const got = back!.answers[q] ?? null;
		expect(got, `answer ${q}`).toEqual(want);
	}
	const row = await reader.assessments.get(id);
	const answered = Object.values(back!.answers).filter((a) => a.value !== null).length;
	expect(row?.answeredCount, 'answered count').toBe(answered);
	expect(row?.revision, 'revision counts committed writes').toBe(revision);
	reader.close();
}

describe('a burst of 200 answers with writes refused by the browser', () => {
	it('keeps every answer old or new, stores every write that resolved and nothing else', async () => {
		injectQuota();
		await fc.assert(
			fc.asyncProperty(fc.array(writeArb, { minLength: 200, maxLength: 200 }), async (writes) => {
				const name = freshName();
				const d = connect(name);
				const a = await createAssessment(meta, d);
				// Fire all 200 without waiting, as fast typing does; transactions commit in order.
				const results = await Promise.allSettled(
					writes.map((w, i) => saveAnswer(a.id, w.q, answerOf(w, i), d))
				);
				const model = new Map<string, MaturityAnswer | null>();
				let revision = 1;
				results.forEach((r, i) => {
					const w = writes[i]!;
					if (w.fault === 'none') {
						expect(r.status, `write ${i}`).toBe('fulfilled');
						model.set(w.q, answerOf(w, i));
						revision++;
					} else {
						expect(r.status, `refused write ${i} must reject`).toBe('rejected');
						const err = (r as PromiseRejectedResult).reason;
						expect(isQuotaError(err)).toBe(true);
						expect(storageErrorMessage(err)).toMatch(/no more storage space/);
					}
				});
				await expectMatchesModel(name, a.id, model, revision);
			}),
			{ numRuns: 6, endOnFailure: true }
		);
	}, 60_000);
});

describe('the connection closes in the middle of a burst (tab closed)', () => {
	it('leaves every answer old or new and every resolved write stored', async () => {
		for (const cutAfter of [0, 1, 37, 120]) {
			const name = freshName();
			const d = connect(name);
			const a = await createAssessment(meta, d);
			// Old values for every question first.
			for (const q of QIDS) {
				await saveAnswer(a.id, q, { value: 1, note: 'old', evidence: [], updatedAt: 'old' }, d);
			}
			const writes = Array.from({ length: 200 }, (_, i) => ({
				q: QIDS[i % QIDS.length]!,
				answer: {
					value: (i % 6) as MaturityValue,
					note: `new ${i}`,
					evidence: [],
					updatedAt: `new ${i}`
				}
			}));
			// One write after the other, as the interview's persister chains them.
			let chain: Promise<unknown> = Promise.resolve();
			let settled = 0;
			const pending = writes.map((w) => {
				const p = chain.then(() => saveAnswer(a.id, w.q, w.answer, d));
				chain = p.catch(() => {});
				p.then(
					() => settled++,
					() => settled++
				);
				return p;
			});
			while (settled < cutAfter) await new Promise((r) => setTimeout(r, 0));
			d.close();
			const results = await Promise.allSettled(pending);
			const ok = results.filter((r) => r.status === 'fulfilled').length;
			expect(ok, `at least the ${cutAfter} writes before the close`).toBeGreaterThanOrEqual(
				cutAfter
			);
			expect(ok, 'the close interrupted the burst').toBeLessThan(writes.length);
			// Committed writes form a prefix (IndexedDB commits read-write transactions in order).
			for (const r of results) {
				if (r.status === 'rejected')
					expect(storageErrorMessage(r.reason)).toMatch(/could not be saved/);
			}
			const firstFail = results.findIndex((r) => r.status === 'rejected');
			if (firstFail >= 0) {
				expect(results.slice(firstFail).every((r) => r.status === 'rejected')).toBe(true);
			}
			const model = new Map<string, MaturityAnswer | null>(
				QIDS.map((q) => [q, { value: 1, note: 'old', evidence: [], updatedAt: 'old' }])
			);
			for (let i = 0; i < ok; i++) model.set(writes[i]!.q, writes[i]!.answer);
			await expectMatchesModel(name, a.id, model, 1 + QIDS.length + ok);
		}
	}, 60_000);
});

describe('two tabs answering the same assessment', () => {
	interface TabEdit {
		tab: 0 | 1;
		q: string;
		value: MaturityValue;
		/** The tab refreshes its view from storage before editing (liveQuery caught up). */
		refresh: boolean;
	}
	const editArb: fc.Arbitrary<TabEdit> = fc.record({
		tab: fc.constantFrom<0 | 1>(0, 1),
		q: fc.constantFrom('q0', 'q1', 'q2'),
		value: fc.constantFrom<MaturityValue>(0, 1, 2, 3, 4, 5, 'unknown', 'na'),
		refresh: fc.boolean()
	});

	it('never lets an edit based on an old version overwrite a newer one (no silent lost update)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(editArb, { minLength: 5, maxLength: 40 }), async (edits) => {
				const name = freshName();
				const tabs = [connect(name), connect(name)] as const;
				const a = await createAssessment(meta, tabs[0]);
				// What each tab last saw of each answer (its base), and the truth.
				const seen: Map<string, MaturityAnswer | null>[] = [new Map(), new Map()];
				const stored = new Map<string, MaturityAnswer | null>();
				let stamp = 0;
				for (const e of edits) {
					const view = seen[e.tab]!;
					if (e.refresh) view.set(e.q, stored.get(e.q) ?? null);
					const base = view.get(e.q) ?? null;
					const answer: MaturityAnswer = {
						value: e.value,
						evidence: [],
						updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ++stamp)).toISOString(),
						...(e.value === 'na' ? { naReason: `tab ${e.tab}` } : {})
					};
					const res = await commitOp(tabs[e.tab], a.id, {
						kind: 'answer',
						questionId: e.q,
						answer,
						base: base?.updatedAt ?? null
					});
					const truth = stored.get(e.q) ?? null;
					const stale = (truth?.updatedAt ?? null) !== (base?.updatedAt ?? null);
					const harmless = sameValue(truth, answer);
					if (stale && !harmless) {
						// Refused and told what is stored now, so the UI can show the other tab's value.
						expect(res).toEqual({ ok: false, conflict: true, current: truth });
						view.set(e.q, truth);
					} else {
						expect(res).toEqual({ ok: true, revision: expect.any(Number) });
						stored.set(e.q, answer);
						view.set(e.q, answer);
					}
					const now = await getAssessment(a.id, tabs[1 - e.tab]!);
					expect(now?.answers[e.q] ?? null, 'the other tab reads what was committed').toEqual(
						stored.get(e.q) ?? null
					);
				}
			}),
			{ numRuns: 25, endOnFailure: true }
		);
	}, 60_000);

	it('a refused stale edit changes nothing in storage', async () => {
		const name = freshName();
		const [tabA, tabB] = [connect(name), connect(name)];
		const a = await createAssessment(meta, tabA);
		const first: MaturityAnswer = { value: 2, evidence: [], updatedAt: '2026-01-01T00:00:00.001Z' };
		expect(
			await commitOp(tabA, a.id, { kind: 'answer', questionId: 'q0', answer: first, base: null })
		).toEqual({ ok: true, revision: expect.any(Number) });
		const newer: MaturityAnswer = { value: 4, evidence: [], updatedAt: '2026-01-01T00:00:00.002Z' };
		expect(
			await commitOp(tabB, a.id, {
				kind: 'answer',
				questionId: 'q0',
				answer: newer,
				base: first.updatedAt
			})
		).toEqual({ ok: true, revision: expect.any(Number) });
		const before = await dumpDatabase(tabA);
		const stale: MaturityAnswer = { value: 0, evidence: [], updatedAt: '2026-01-01T00:00:00.003Z' };
		const res = await commitOp(tabA, a.id, {
			kind: 'answer',
			questionId: 'q0',
			answer: stale,
			base: first.updatedAt
		});
		expect(res).toEqual({ ok: false, conflict: true, current: newer });
		expect(await dumpDatabase(tabB)).toBe(before);
	});
});
