/**
 * The per-question index (by-question.ts) against the full scans it replaces, on documents built
 * by random sequences of real commands on three copies that exchange updates at random (in any
 * order, some twice, some held back), plus raw edits the commands never make (a pointer whose key
 * and `q` disagree, duplicate entry ids, malformed and deleted entries).
 * The fast-check seed is printed; replay a run with FC_SEED=….
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { blankAssessment } from '$lib/db';
import type { Assessment, EvidencePointer, MaturityAnswer, MaturityValue } from '$lib/domain/types';
import {
	currentEntry,
	entriesByQuestion,
	evidenceByQuestion,
	scanCurrentEntry,
	scanEntriesByQuestion,
	scanEvidenceByQuestion
} from './by-question';
import {
	addEvidence,
	answerHistory,
	applyAnswer,
	assessmentToDoc,
	clearAnswer,
	docAnswer,
	docToAssessment,
	editEvidence,
	removeEvidence,
	setAnswer,
	setNaReason,
	setNote,
	type CommandContext
} from './index';
import { ROOT, evidenceKey } from './layout';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.info(`by-question.test.ts: fast-check seed ${seed} (replay with FC_SEED=${seed})`);

const QS = ['q1', 'q2', 'q3'];
/** Asked too: a question no command touches (raw edits may). */
const ALL = [...QS, 'q9'];
const PIDS = ['e1', 'e2', 'e3'];
const VALUES: MaturityValue[] = [0, 1, 3, 5, 'unknown', 'na'];

function base(): Assessment {
	const a = blankAssessment(
		{
			organisation: 'Acme',
			assessor: 'Dana',
			assessmentDate: '2026-01-10',
			targetReportDate: null
		},
		'a1',
		'2026-01-10T09:00:00.000Z'
	);
	a.answers.q1 = {
		value: 2,
		evidence: [{ id: 'e1', name: 'Policy', location: 'https://x/p' }],
		updatedAt: '2026-01-10T09:00:00.000Z'
	};
	return a;
}

function copyOf(doc: Y.Doc, gc = true): Y.Doc {
	const d = new Y.Doc({ gc });
	Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
	return d;
}

/** Every derivation the index serves equals the full scan's, for every question and some sets. */
function check(doc: Y.Doc, oracle: Y.Doc = doc): void {
	const sets = [...ALL.map((q) => [q]), QS, ALL, ['q1', 'q3']].map((l) => new Set(l));
	for (const only of sets) {
		const want = scanEntriesByQuestion(oracle, only);
		const got = entriesByQuestion(doc, only);
		expect(new Set(got.keys())).toEqual(new Set(want.keys()));
		for (const [q, list] of want) expect(got.get(q)).toEqual(list);
		const wantEv = scanEvidenceByQuestion(oracle, only);
		const gotEv = evidenceByQuestion(doc, only);
		expect(new Set(gotEv.keys())).toEqual(new Set(wantEv.keys()));
		for (const [q, list] of wantEv) expect(gotEv.get(q)).toEqual(list);
	}
	const whole = docToAssessment(oracle);
	const all = scanEntriesByQuestion(oracle);
	for (const q of ALL) {
		expect(currentEntry(doc, q)).toEqual(scanCurrentEntry(oracle, q));
		// One id under two questions: the scan of one question keeps it where the scan of all
		// keeps it under the other (as before the index), so the whole derivation is no oracle.
		if (isDeepStrictEqual(all.get(q), scanEntriesByQuestion(oracle, new Set([q])).get(q))) {
			expect(docAnswer(doc, q)).toEqual(whole.answers[q]);
			expect(docToAssessment(doc, {}, [q]).answers[q]).toEqual(whole.answers[q]);
		}
		const history = (scanEntriesByQuestion(oracle, new Set([q])).get(q) ?? [])
			.map((e) => e.id)
			.reverse();
		expect(answerHistory(doc, q).map((h) => h.id)).toEqual(history);
	}
}

type Step = (w: World) => void;

interface World {
	docs: Y.Doc[];
	/** Each copy's updates (one per transaction), as its 'update' event gave them. */
	sent: Uint8Array[][];
	n: number;
}

let clock = 0;
function ctx(by = 'Dana'): CommandContext {
	// Times go forward and back (another device's clock), some equal.
	const m = [3, 1, 4, 1, 5, 9, 2, 6][clock++ % 8]!;
	return { at: new Date(Date.UTC(2026, 0, 12, 9, m)).toISOString(), by };
}

function attempt(f: () => void): void {
	try {
		f();
	} catch (e) {
		// Commands refuse invalid input (a pointer listed twice, one gone): nothing changed.
		if (!(e instanceof Error) || !/evidence pointer/.test(e.message)) throw e;
	}
}

const doc = fc.nat(2);
const q = fc.constantFrom(...QS);
const pid = fc.constantFrom(...PIDS);
const pointer = fc
	.tuple(
		pid,
		fc.constantFrom('A', 'B'),
		fc.option(fc.constantFrom('Ops', 'IT'), { nil: undefined })
	)
	.map(([id, name, owner]): EvidencePointer => ({
		id,
		name,
		location: `https://x/${name}`,
		owner
	}));

const command: fc.Arbitrary<Step> = fc.oneof(
	fc.tuple(doc, q, fc.constantFrom(...VALUES)).map(
		([i, q, v]): Step =>
			(w) =>
				setAnswer(w.docs[i]!, ctx(), q, v, v === 'na' ? 'No scope' : undefined)
	),
	fc.tuple(doc, q).map(
		([i, q]): Step =>
			(w) =>
				setNaReason(w.docs[i]!, ctx('Sam'), q, 'Out of scope')
	),
	fc.tuple(doc, q).map(
		([i, q]): Step =>
			(w) =>
				clearAnswer(w.docs[i]!, ctx(), q)
	),
	fc.tuple(doc, q, fc.string({ maxLength: 5 })).map(
		([i, q, t]): Step =>
			(w) =>
				setNote(w.docs[i]!, ctx(), q, t)
	),
	fc.tuple(doc, q, pointer).map(
		([i, q, p]): Step =>
			(w) =>
				attempt(() => addEvidence(w.docs[i]!, ctx(), q, p))
	),
	fc.tuple(doc, q, pid, fc.constantFrom('C', 'D', '')).map(
		([i, q, id, name]): Step =>
			(w) =>
				attempt(() => editEvidence(w.docs[i]!, ctx(), q, id, { name, owner: name || undefined }))
	),
	fc.tuple(doc, q, pid).map(
		([i, q, id]): Step =>
			(w) =>
				removeEvidence(w.docs[i]!, ctx(), q, id)
	),
	fc
		.tuple(
			doc,
			q,
			fc.option(
				fc.record({
					value: fc.constantFrom<MaturityValue | null>(null, ...VALUES),
					note: fc.constantFrom('', 'n1', 'n2'),
					evidence: fc.uniqueArray(pointer, { maxLength: 3, selector: (p) => p.id })
				}),
				{ nil: null }
			)
		)
		.map(([i, q, next]): Step => (w) => {
			const d = w.docs[i]!;
			const c = ctx();
			const answer: MaturityAnswer | null = next && {
				...next,
				naReason: next.value === 'na' ? 'No scope' : undefined,
				updatedAt: c.at
			};
			applyAnswer(d, c, q, docAnswer(d, q) ?? null, answer);
		})
);

/** Edits the commands never make, as a copy written by other code could hold them. */
const raw: fc.Arbitrary<Step> = fc.oneof(
	// A pointer whose key names one question and whose `q` another (or no string).
	fc
		.tuple(doc, q, pid, fc.constantFrom<unknown>('q1', 'q2', 'q9', 7, null), fc.nat(3))
		.map(([i, kq, id, fq, pos]): Step => (w) => {
			const m = new Y.Map<unknown>();
			m.set('id', id);
			m.set('name', 'Raw');
			m.set('location', 'https://x/raw');
			if (fq !== null) m.set('q', fq);
			m.set('pos', pos);
			w.docs[i]!.getMap(ROOT.evidence).set(evidenceKey(kq, id), m);
		}),
	// The `q` field of a pointer changed in place (or removed), its pos made odd.
	fc
		.tuple(doc, fc.nat(), fc.constantFrom<unknown>('q2', 'q3', 'q9', undefined), fc.boolean())
		.map(([i, k, fq, odd]): Step => (w) => {
			const map = w.docs[i]!.getMap<unknown>(ROOT.evidence);
			const keys = [...map.keys()].sort();
			if (!keys.length) return;
			const p = map.get(keys[k % keys.length]!);
			if (!(p instanceof Y.Map)) return;
			w.docs[i]!.transact(() => {
				if (fq === undefined) p.delete('q');
				else p.set('q', fq);
				if (odd) p.set('pos', 'x');
			});
		}),
	// A duplicate of an entry (same id) inserted anywhere, maybe with other fields.
	fc
		.tuple(doc, fc.nat(), fc.nat(), fc.constantFrom('same', 'value', 'q', 'at'))
		.map(([i, from, to, change]): Step => (w) => {
			const arr = w.docs[i]!.getArray<Record<string, unknown>>(ROOT.entries);
			const list = arr.toArray().filter((e) => e && typeof e === 'object');
			if (!list.length) return;
			const e = { ...list[from % list.length]! };
			if (change === 'value') e.value = e.value === 4 ? 1 : 4;
			if (change === 'q') e.q = e.q === 'q2' ? 'q3' : 'q2';
			if (change === 'at') e.at = '2026-01-12T09:07:00.000Z';
			arr.insert(to % (arr.length + 1), [e]);
		}),
	// Malformed elements: not an object, no time, an odd id or n.
	fc
		.tuple(
			doc,
			fc.nat(),
			fc.constantFrom<unknown>(
				null,
				5,
				'x',
				{ id: 'r1', q: 'q2', value: 3, by: 'X' },
				{ id: 7, q: 'q2', value: 2, at: '2026-01-12T09:03:00.000Z', by: 'X' },
				{ id: 'r2', q: 'q3', value: 1, at: '2026-01-12T09:03:00.000Z', by: 'X', n: 'a' },
				{ id: 'r3', q: 'q9', value: 0, at: '2026-01-12T09:01:00.000Z', by: 'X' }
			)
		)
		.map(([i, to, e]): Step => (w) => {
			const arr = w.docs[i]!.getArray<unknown>(ROOT.entries);
			arr.insert(to % (arr.length + 1), [e]);
		}),
	// Elements deleted (a range, maybe within one Yjs item of several elements).
	fc.tuple(doc, fc.nat(), fc.integer({ min: 1, max: 3 })).map(([i, at, len]): Step => (w) => {
		const arr = w.docs[i]!.getArray<unknown>(ROOT.entries);
		if (!arr.length) return;
		const from = at % arr.length;
		arr.delete(from, Math.min(len, arr.length - from));
	}),
	// Several writes in one transaction, read in between (the index is behind until it ends).
	fc.tuple(doc, q, fc.constantFrom(...VALUES)).map(([i, q, v]): Step => (w) => {
		const d = w.docs[i]!;
		d.transact(() => {
			setAnswer(d, ctx(), q, v, v === 'na' ? 'R' : undefined);
			expect(currentEntry(d, q)).toEqual(scanCurrentEntry(d, q));
			d.getArray(ROOT.entries).push([{ id: 'in-tr', q, value: 1, at: ctx().at, by: 'Y' }]);
			attempt(() => addEvidence(d, ctx(), q, { id: 'e9', name: 'T', location: 'https://x/t' }));
			d.getArray(ROOT.entries).delete(0, 1);
			check(d);
			// One given and taken back in the same transaction: never indexed.
			d.getArray(ROOT.entries).push([{ id: 'gone', q, value: 2, at: ctx().at, by: 'Y' }]);
			d.getArray(ROOT.entries).delete(d.getArray(ROOT.entries).length - 1, 1);
		});
	})
);

const sync: fc.Arbitrary<Step> = fc.oneof(
	// The whole state of one copy into another.
	fc.tuple(doc, doc).map(
		([i, j]): Step =>
			(w) =>
				Y.applyUpdate(w.docs[j]!, Y.encodeStateAsUpdate(w.docs[i]!))
	),
	// Some of one copy's updates into another, in random order, some twice (those missing what
	// they follow wait in Yjs until it comes).
	fc.tuple(doc, doc, fc.array(fc.nat(), { maxLength: 6 })).map(([i, j, picks]): Step => (w) => {
		const from = w.sent[i]!;
		if (!from.length) return;
		for (const k of picks) Y.applyUpdate(w.docs[j]!, from[k % from.length]!);
	})
);

const step = fc.oneof(
	{ arbitrary: command, weight: 5 },
	{ arbitrary: raw, weight: 3 },
	{ arbitrary: sync, weight: 3 }
);

function world(): World {
	const root = assessmentToDoc(base());
	// The second keeps deleted content (no garbage collection), as a document may.
	const docs = [copyOf(root), copyOf(root, false), copyOf(root)];
	const w: World = { docs, sent: docs.map(() => []), n: 0 };
	docs.forEach((d, i) => d.on('update', (u: Uint8Array) => w.sent[i]!.push(u)));
	return w;
}

describe('the per-question index', () => {
	it('derives exactly what the full scans derive, after every step, on every copy', () => {
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), fc.nat(29), (steps, late) => {
				const w = world();
				// A copy that takes every update but is first asked at the end (an index built late),
				// and one destroyed on the way.
				const last = new Y.Doc();
				steps.forEach((s, n) => {
					s(w);
					for (const d of w.docs) check(d);
					if (n === late % steps.length) w.docs[2]!.destroy();
				});
				for (const d of w.docs) Y.applyUpdate(last, Y.encodeStateAsUpdate(d));
				check(last);
				// A fresh copy restored from each copy's state.
				for (const d of w.docs) check(copyOf(d), d);
				check(copyOf(w.docs[1]!, false), w.docs[1]);
			}),
			{ seed, numRuns: 150 }
		);
	});

	it('gives fresh lists (a caller cannot change the index)', () => {
		const d = copyOf(assessmentToDoc(base()));
		setAnswer(d, ctx(), 'q1', 3);
		const once = entriesByQuestion(d, new Set(['q1'])).get('q1')!;
		once.length = 0;
		evidenceByQuestion(d, new Set(['q1']))
			.get('q1')!
			.pop();
		check(d);
		expect(entriesByQuestion(d, new Set(['q1'])).get('q1')).toHaveLength(2);
		expect(evidenceByQuestion(d, new Set(['q1'])).get('q1')).toHaveLength(1);
	});

	it('is exact when read from another observer before its own has run', () => {
		const d = copyOf(assessmentToDoc(base()));
		check(d); // the index exists before the transaction
		const seen: number[] = [];
		d.getMap('x').observe(() => {
			// Called before the index's observers: the transaction changed x first.
			seen.push(entriesByQuestion(d, new Set(['q2'])).get('q2')?.length ?? 0);
			check(d);
		});
		d.transact(() => {
			d.getMap('x').set('k', 1);
			setAnswer(d, ctx(), 'q2', 3);
			addEvidence(d, ctx(), 'q2', { id: 'e7', name: 'N', location: 'https://x/n' });
		});
		expect(seen).toEqual([1]);
		check(d);
	});

	it('keeps the first duplicate in array order when an earlier one arrives later', () => {
		const d = copyOf(assessmentToDoc(base()));
		const arr = d.getArray<Record<string, unknown>>(ROOT.entries);
		arr.push([{ id: 'x', q: 'q2', value: 1, at: '2026-01-12T09:00:00.000Z', by: 'A' }]);
		expect(entriesByQuestion(d, new Set(['q2'])).get('q2')![0]!.by).toBe('A');
		arr.insert(0, [{ id: 'x', q: 'q2', value: 1, at: '2026-01-12T09:00:00.000Z', by: 'B' }]);
		expect(entriesByQuestion(d, new Set(['q2'])).get('q2')![0]!.by).toBe('B');
		expect(currentEntry(d, 'q2')!.by).toBe('B');
		check(d);
	});
});
