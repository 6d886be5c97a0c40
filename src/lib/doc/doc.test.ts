/**
 * The assessment document: conversion round trip, commands, and merge (property tests).
 * The fast-check seed is printed; replay a run with FC_SEED=….
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { normaliseAssessment } from '$lib/domain/normalise';
import type { Assessment, CustomQuestion, MaturityValue } from '$lib/domain/types';
import { customQuestion } from '../../../test/fixtures/custom-question';
import {
	addCuec,
	addEvidence,
	addVendor,
	answerHistory,
	applyPatch,
	applyAnswer,
	assessmentToDoc,
	clearAllDone,
	clearAnswer,
	docAnswer,
	docToAssessment,
	editEvidence,
	entriesOf,
	mergePlain,
	mergeState,
	removeEvidence,
	removeVendor,
	renameOrganisation,
	setAnswer,
	setBranding,
	setCategory,
	setCuecField,
	setCustomQuestion,
	setCustomQuestionRetired,
	setExtraField,
	setMeta,
	setNaReason,
	setNote,
	setPlanDone,
	setPlanOwner,
	setProfileAnswer,
	setVendorField,
	type CommandContext
} from './index';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.info(`doc.test.ts: fast-check seed ${seed} (replay with FC_SEED=${seed})`);

const dir = path.resolve('test/fixtures/assessments');
const fixtures = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map((f) => ({
		file: f,
		a: (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { assessment: Assessment })
			.assessment
	}));

/** The plain form the document keeps: device state out, categories in canonical order. */
function expected(a: Assessment): Assessment {
	const n = normaliseAssessment(structuredClone(a));
	return {
		...n,
		meta: { ...n.meta, branding: n.meta.branding ?? {} },
		interview: null,
		lastExportedAt: null
	};
}

function base(): Assessment {
	return {
		id: 'a1',
		meta: {
			organisation: 'Acme',
			assessor: 'Dana',
			assessmentDate: '2026-01-10',
			targetReportDate: null,
			planStartDate: null,
			branding: {}
		},
		profile: {},
		subservices: [],
		categories: [],
		categoriesConfirmed: false,
		cuecs: [],
		answers: {},
		planOverrides: {},
		interview: null,
		createdAt: '2026-01-10T09:00:00.000Z',
		updatedAt: '2026-01-10T09:00:00.000Z',
		lastExportedAt: null
	};
}

const ctx = (at: string, by = 'Dana'): CommandContext => ({ at, by });

/** A copy of a document (what another laptop holds after importing its export). */
function copyOf(doc: Y.Doc): Y.Doc {
	const d = new Y.Doc();
	Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
	return d;
}

describe('conversion', () => {
	for (const { file, a } of fixtures) {
		it(`round-trips ${file} with nothing lost`, () => {
			const doc = assessmentToDoc(a);
			expect(docToAssessment(doc)).toEqual(expected(a));
			// …and through an encoded state, as storage and exports hold it.
			expect(docToAssessment(copyOf(doc))).toEqual(expected(a));
		});
	}

	it('derives one answer alone as the whole assessment holds it (docAnswer)', () => {
		for (const { a } of fixtures) {
			const doc = assessmentToDoc(a);
			const whole = docToAssessment(doc);
			for (const q of Object.keys(whole.answers))
				expect(docAnswer(doc, q)).toEqual(whole.answers[q]);
			expect(docAnswer(doc, 'no-such-question')).toBeUndefined();
		}
	});

	it('keeps the device state it is given, outside the document', () => {
		const a = { ...base(), interview: { version: 1, snapshot: { x: 1 } }, lastExportedAt: 'T' };
		const doc = assessmentToDoc(a);
		expect(docToAssessment(doc).interview).toBeNull();
		expect(docToAssessment(doc, { interview: a.interview, lastExportedAt: 'T' })).toMatchObject({
			interview: a.interview,
			lastExportedAt: 'T'
		});
	});

	it('repairs twin ids once, as every read does', () => {
		const a = base();
		a.subservices = [
			{
				id: 'v',
				name: 'A',
				kind: 'other',
				role: 'vendor',
				services: '',
				method: 'carve-out',
				socReport: 'none',
				reportReviewed: false,
				csocs: ['x', 'x']
			},
			{
				id: 'v',
				name: 'B',
				kind: 'other',
				role: 'vendor',
				services: '',
				method: 'carve-out',
				socReport: 'none',
				reportReviewed: false,
				csocs: []
			}
		];
		const out = docToAssessment(assessmentToDoc(a));
		expect(out.subservices.map((v) => v.id).sort()).toEqual(['v', 'v~2']);
		expect(out.subservices.find((v) => v.name === 'A')?.csocs).toEqual(['x']);
	});
});

describe('commands', () => {
	it('answer, N/A reason, note, evidence, clear', () => {
		const doc = assessmentToDoc(base());
		setAnswer(doc, ctx('2026-01-10T10:00:00.000Z'), 'q1', 3);
		setNote(doc, ctx('2026-01-10T10:01:00.000Z'), 'q1', 'Okta for all');
		addEvidence(doc, ctx('2026-01-10T10:02:00.000Z'), 'q1', {
			id: 'e1',
			name: 'Policy',
			location: 'https://x'
		});
		addEvidence(doc, ctx('2026-01-10T10:02:30.000Z'), 'q1', {
			id: 'e2',
			name: 'Log',
			location: '/logs'
		});
		editEvidence(doc, ctx('2026-01-10T10:03:00.000Z'), 'q1', 'e1', { owner: 'CTO' });
		expect(docToAssessment(doc).answers.q1).toEqual({
			value: 3,
			note: 'Okta for all',
			evidence: [
				{ id: 'e1', name: 'Policy', location: 'https://x', owner: 'CTO' },
				{ id: 'e2', name: 'Log', location: '/logs' }
			],
			updatedAt: '2026-01-10T10:03:00.000Z'
		});
		removeEvidence(doc, ctx('2026-01-10T10:04:00.000Z'), 'q1', 'e2');
		setAnswer(doc, ctx('2026-01-10T10:05:00.000Z'), 'q1', 'na', 'No offices');
		setNaReason(doc, ctx('2026-01-10T10:06:00.000Z'), 'q1', 'No offices at all');
		const a = docToAssessment(doc);
		expect(a.answers.q1).toMatchObject({ value: 'na', naReason: 'No offices at all' });
		expect(a.answers.q1!.evidence.map((e) => e.id)).toEqual(['e1']);
		expect(answerHistory(doc, 'q1').map((h) => h.value)).toEqual(['na', 'na', 3]);
		clearAnswer(doc, ctx('2026-01-10T10:07:00.000Z'), 'q1');
		expect(docToAssessment(doc).answers.q1).toBeUndefined();
		// The cleared values stay in the history.
		expect(answerHistory(doc, 'q1').map((h) => h.value)).toEqual([null, 'na', 'na', 3]);
		expect(docToAssessment(doc).updatedAt).toBe('2026-01-10T10:07:00.000Z');
	});

	it('applyAnswer changes only the parts that differ', () => {
		const doc = assessmentToDoc(base());
		const t = '2026-01-10T10:00:00.000Z';
		applyAnswer(doc, ctx(t), 'q1', null, { value: 2, evidence: [], updatedAt: t });
		const other = copyOf(doc);
		// This tab edits the note; the other copy adds evidence meanwhile.
		const cur = docToAssessment(doc).answers.q1!;
		applyAnswer(doc, ctx('2026-01-10T10:01:00.000Z'), 'q1', cur, { ...cur, note: 'mine' });
		addEvidence(other, ctx('2026-01-10T10:01:30.000Z'), 'q1', {
			id: 'e9',
			name: 'x',
			location: 'y'
		});
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
		expect(docToAssessment(doc).answers.q1).toMatchObject({ value: 2, note: 'mine' });
		expect(docToAssessment(doc).answers.q1!.evidence.map((e) => e.id)).toEqual(['e9']);
		// One entry: the note and the evidence did not add answer values.
		expect(entriesOf(doc)).toHaveLength(1);
	});

	it('profile, categories, meta, branding, vendors, CUECs, plan', () => {
		const doc = assessmentToDoc(base());
		const c = ctx('2026-01-11T08:00:00.000Z');
		setProfileAnswer(doc, c, 'profile.headcount', 12);
		setProfileAnswer(doc, c, 'scope.data', ['pii', 'phi']);
		setCategory(doc, c, 'privacy', true);
		setCategory(doc, c, 'availability', true);
		setCategory(doc, c, 'privacy', false);
		setMeta(doc, c, 'targetReportDate', '2026-09-30');
		renameOrganisation(doc, c, 'Acme Ltd');
		setBranding(doc, c, { brandColor: '#112233' });
		setBranding(doc, c, { logoDataUrl: 'data:image/png;base64,AA==' });
		addVendor(doc, c, {
			id: 'v1',
			name: 'AWS',
			kind: 'cloud-iaas',
			role: 'subservice',
			services: 'Hosting',
			method: 'carve-out',
			socReport: 'type2',
			reportReviewed: false,
			csocs: []
		});
		setVendorField(doc, c, 'v1', 'reportReviewed', true);
		addCuec(doc, c, {
			id: 'c1',
			templateId: null,
			area: 'Access',
			text: 'Approve users',
			criteria: ['CC6.1']
		});
		setCuecField(doc, c, 'c1', 'text', 'Approve each user');
		setPlanOwner(doc, c, 'rem.a', 'CTO');
		setPlanDone(doc, c, 'rem.a', true);
		setPlanDone(doc, c, 'rem.b', true);
		const a = docToAssessment(doc);
		expect(a.profile).toEqual({ 'profile.headcount': 12, 'scope.data': ['pii', 'phi'] });
		expect(a.categories).toEqual(['availability']);
		expect(a.meta).toMatchObject({
			organisation: 'Acme Ltd',
			targetReportDate: '2026-09-30',
			branding: { brandColor: '#112233', logoDataUrl: 'data:image/png;base64,AA==' }
		});
		expect(a.subservices[0]).toMatchObject({ id: 'v1', reportReviewed: true });
		expect(a.cuecs[0]).toMatchObject({ text: 'Approve each user' });
		expect(a.planOverrides).toEqual({
			'rem.a': { ownerRole: 'CTO', done: true },
			'rem.b': { done: true }
		});
		clearAllDone(doc, c);
		removeVendor(doc, c, 'v1');
		const b = docToAssessment(doc);
		expect(b.planOverrides).toEqual({ 'rem.a': { ownerRole: 'CTO' } });
		expect(b.subservices).toEqual([]);
	});

	it('two quick ticks on different rows keep both (no read-then-rewrite)', () => {
		const doc = assessmentToDoc(base());
		const other = copyOf(doc);
		setPlanDone(doc, ctx('2026-01-11T08:00:00.000Z'), 'a', true);
		setPlanDone(other, ctx('2026-01-11T08:00:00.000Z'), 'b', true);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
		expect(docToAssessment(doc).planOverrides).toEqual({ a: { done: true }, b: { done: true } });
	});

	it('refuses an edit of a vendor that no longer exists', () => {
		const doc = assessmentToDoc(base());
		expect(() => setVendorField(doc, ctx('2026-01-11T08:00:00.000Z'), 'nope', 'name', 'x')).toThrow(
			/no longer exists/
		);
	});
});

// ------------------------------------------------------------------ merge properties

const QS = ['q1', 'q2', 'q3'];
const VALUES: MaturityValue[] = [0, 1, 2, 3, 4, 5, 'unknown', 'na'];

type Cmd = (doc: Y.Doc, c: CommandContext) => void;

const time = fc
	.integer({ min: 0, max: 50 })
	.map((m) => new Date(Date.UTC(2026, 0, 12, 9, m)).toISOString());
const cmd: fc.Arbitrary<{ at: string; by: string; run: Cmd }> = fc.record({
	at: time,
	by: fc.constantFrom('Dana', 'Sam'),
	run: fc.oneof(
		fc.tuple(fc.constantFrom(...QS), fc.constantFrom(...VALUES)).map(
			([q, v]): Cmd =>
				(d, c) =>
					setAnswer(d, c, q, v, v === 'na' ? 'No scope' : undefined)
		),
		fc.tuple(fc.constantFrom(...QS), fc.string({ maxLength: 8 })).map(
			([q, t]): Cmd =>
				(d, c) =>
					setNote(d, c, q, t)
		),
		fc.constantFrom(...QS).map(
			(q): Cmd =>
				(d, c) =>
					clearAnswer(d, c, q)
		),
		fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.boolean()).map(
			([id, done]): Cmd =>
				(d, c) =>
					setPlanDone(d, c, id, done)
		),
		fc.string({ minLength: 1, maxLength: 6 }).map(
			(n): Cmd =>
				(d, c) =>
					renameOrganisation(d, c, n)
		),
		fc.constantFrom('v1', 'v2').map(
			(id): Cmd =>
				(d, c) =>
					addVendor(d, c, {
						id,
						name: id,
						kind: 'other',
						role: 'vendor',
						services: '',
						method: 'carve-out',
						socReport: 'none',
						reportReviewed: false,
						csocs: []
					})
		),
		fc
			.tuple(fc.constantFrom('v1', 'v2'), fc.string({ maxLength: 6 }))
			.map(([id, s]): Cmd => (d, c) => {
				if (docToAssessment(d).subservices.some((v) => v.id === id))
					setVendorField(d, c, id, 'services', s);
			})
	)
});
const cmds = fc.array(cmd, { maxLength: 8 });

function play(doc: Y.Doc, list: { at: string; by: string; run: Cmd }[]): Y.Doc {
	for (const c of list) c.run(doc, { at: c.at, by: c.by });
	return doc;
}

function merged(x: Y.Doc, y: Y.Doc): Y.Doc {
	const out = copyOf(x);
	mergeState(out, Y.encodeStateAsUpdate(y), 'Dana');
	return out;
}

const plain = (d: Y.Doc) => docToAssessment(d);

describe('merge (properties)', () => {
	const start = () => {
		const a = base();
		a.answers.q1 = { value: 1, evidence: [], updatedAt: '2026-01-11T00:00:00.000Z' };
		return assessmentToDoc(a);
	};

	it('is commutative, idempotent and never loses an answer entry', () => {
		fc.assert(
			fc.property(cmds, cmds, (ca, cb) => {
				const root = start();
				const A = play(copyOf(root), ca);
				const B = play(copyOf(root), cb);
				const AB = merged(A, B);
				const BA = merged(B, A);
				expect(plain(AB)).toEqual(plain(BA));
				expect(plain(merged(A, A))).toEqual(plain(A));
				expect(plain(merged(AB, B))).toEqual(plain(AB));
				const ids = new Set(entriesOf(AB).map((e) => e.id));
				for (const e of [...entriesOf(A), ...entriesOf(B)]) expect(ids.has(e.id)).toBe(true);
				// The current answer of each question is the latest entry either side had.
				for (const q of QS) {
					const h = answerHistory(AB, q);
					if (h.length && plain(AB).answers[q])
						expect(plain(AB).answers[q]!.value).toBe(h[0]!.value);
				}
			}),
			{ seed, numRuns: 150 }
		);
	});

	it('a plain merge keeps every answer of both copies (current or in the history)', () => {
		fc.assert(
			fc.property(cmds, cmds, (ca, cb) => {
				const A = play(start(), ca);
				// Another lineage: B was built from plain data on another laptop.
				const B = play(assessmentToDoc(plain(start())), cb);
				const out = copyOf(A);
				mergeState(out, Y.encodeStateAsUpdate(B), 'Dana');
				const ids = new Set(entriesOf(out).map((e) => e.id));
				for (const e of [...entriesOf(A), ...entriesOf(B)]) expect(ids.has(e.id)).toBe(true);
				// Idempotent: merging the same copy again changes nothing.
				const again = copyOf(out);
				mergeState(again, Y.encodeStateAsUpdate(B), 'Dana');
				expect(plain(again)).toEqual(plain(out));
			}),
			{ seed, numRuns: 100 }
		);
	});
});

describe('merge summary', () => {
	it('lists an answer changed on both sides with both values; the later is current', () => {
		const root = assessmentToDoc(base());
		const A = copyOf(root);
		const B = copyOf(root);
		setAnswer(A, ctx('2026-02-01T10:00:00.000Z', 'Dana'), 'q1', 2);
		setAnswer(B, ctx('2026-02-01T11:00:00.000Z', 'Sam'), 'q1', 4);
		setAnswer(B, ctx('2026-02-01T11:00:00.000Z', 'Sam'), 'q2', 3);
		setNote(A, ctx('2026-02-01T10:00:00.000Z'), 'q1', 'Okta');
		setNote(B, ctx('2026-02-01T11:00:00.000Z'), 'q1', 'Google');
		const s = mergeState(A, Y.encodeStateAsUpdate(B), 'Dana');
		expect(s.mode).toBe('yjs');
		expect(s.conflicts).toEqual([
			{
				questionId: 'q1',
				local: { value: 2, at: '2026-02-01T10:00:00.000Z', by: 'Dana' },
				incoming: { value: 4, at: '2026-02-01T11:00:00.000Z', by: 'Sam' },
				current: 'incoming'
			}
		]);
		expect(s.answersIn).toEqual(['q1', 'q2']);
		const a = docToAssessment(A);
		expect(a.answers.q1!.value).toBe(4);
		expect(a.answers.q2!.value).toBe(3);
		// Both notes were written on both sides: merged as text, nothing dropped.
		expect(a.answers.q1!.note).toContain('Okta');
		expect(a.answers.q1!.note).toContain('Google');
		expect(answerHistory(A, 'q1').map((h) => [h.value, h.by])).toEqual([
			[4, 'Sam'],
			[2, 'Dana']
		]);
	});

	it('merges a plain (v1) copy: answers by time, the same answer once, untimed differences listed', () => {
		const local = base();
		local.answers.q1 = {
			value: 2,
			evidence: [],
			updatedAt: '2026-02-01T10:00:00.000Z',
			note: 'ours'
		};
		local.answers.q2 = { value: 3, evidence: [], updatedAt: '2026-02-01T10:00:00.000Z' };
		const doc = assessmentToDoc(local);
		const incoming = structuredClone(local);
		incoming.meta.organisation = 'Acme Inc';
		incoming.answers.q1 = {
			value: 4,
			evidence: [{ id: 'e1', name: 'Policy', location: 'x' }],
			updatedAt: '2026-02-02T10:00:00.000Z',
			note: 'theirs'
		};
		incoming.answers.q3 = { value: 'unknown', evidence: [], updatedAt: '2026-02-02T10:00:00.000Z' };
		const s = mergePlain(doc, incoming, 'Dana');
		const a = docToAssessment(doc);
		expect(a.answers.q1).toMatchObject({ value: 4, note: 'ours' });
		expect(a.answers.q1!.evidence.map((e) => e.id)).toEqual(['e1']);
		expect(a.answers.q3!.value).toBe('unknown');
		expect(a.meta.organisation).toBe('Acme');
		// q2 was the same answer on both sides: one entry, not two.
		expect(answerHistory(doc, 'q2')).toHaveLength(1);
		expect(answerHistory(doc, 'q1').map((h) => h.value)).toEqual([4, 2]);
		expect(s.kept).toEqual(
			expect.arrayContaining([
				{ label: 'organisation', local: 'Acme', incoming: 'Acme Inc' },
				{ label: 'Note on q1', local: 'ours', incoming: 'theirs' }
			])
		);
		expect(s.answersIn).toEqual(['q1', 'q3']);
	});

	it('refuses a corrupt state and leaves the document as it was', () => {
		const doc = assessmentToDoc(base());
		const before = Y.encodeStateAsUpdate(doc);
		expect(() => mergeState(doc, new Uint8Array([1, 2, 3, 250, 251]), 'Dana')).toThrow();
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});
});

describe('fields added by later features', () => {
	it('are kept through the document and set whole by a patch', () => {
		const a = {
			...base(),
			reportIntroduction: 'Prepared for the board.',
			ownerRoles: { CTO: 'Head of Eng' }
		};
		const doc = assessmentToDoc(a as Assessment);
		expect(docToAssessment(doc)).toMatchObject({ reportIntroduction: 'Prepared for the board.' });
		applyPatch(doc, ctx('2026-01-12T08:00:00.000Z'), docToAssessment(doc), {
			reportIntroduction: 'For the CPA firm.'
		} as never);
		expect(docToAssessment(doc)).toMatchObject({
			reportIntroduction: 'For the CPA firm.',
			ownerRoles: { CTO: 'Head of Eng' }
		});
	});
});

describe('custom questions (issue 22)', () => {
	const q = (id: string, title = `Question ${id}`): CustomQuestion => customQuestion(id, { title });
	const withTwo = () =>
		assessmentToDoc({ ...base(), customQuestions: [q('custom-a'), q('custom-b')] });

	it('round-trip in list order, one map key per question', () => {
		const doc = withTwo();
		expect(docToAssessment(doc).customQuestions?.map((x) => x.id)).toEqual([
			'custom-a',
			'custom-b'
		]);
		expect([...doc.getMap('customQuestions').keys()].sort()).toEqual(['custom-a', 'custom-b']);
		expect(doc.getMap('extra').has('customQuestions')).toBe(false);
		expect(docToAssessment(assessmentToDoc(base())).customQuestions).toBeUndefined();
	});

	it('add, edit (keeping the place) and retire, each one command on its own question', () => {
		const doc = withTwo();
		setCustomQuestion(doc, ctx('2026-02-01T10:00:00.000Z'), q('custom-c'));
		setCustomQuestion(doc, ctx('2026-02-01T10:01:00.000Z'), q('custom-a', 'Edited'));
		setCustomQuestionRetired(doc, ctx('2026-02-01T10:02:00.000Z'), 'custom-b', true);
		let list = docToAssessment(doc).customQuestions!;
		expect(list.map((x) => [x.id, x.title, x.retired ?? false])).toEqual([
			['custom-a', 'Edited', false],
			['custom-b', 'Question custom-b', true],
			['custom-c', 'Question custom-c', false]
		]);
		setCustomQuestionRetired(doc, ctx('2026-02-01T10:03:00.000Z'), 'custom-b', false);
		list = docToAssessment(doc).customQuestions!;
		expect(list[1]).not.toHaveProperty('retired');
		expect(docToAssessment(doc).updatedAt).toBe('2026-02-01T10:03:00.000Z');
		expect(() =>
			setCustomQuestionRetired(doc, ctx('2026-02-01T10:04:00.000Z'), 'custom-x', true)
		).toThrow(/no longer exists/);
	});

	it('a retired question’s answers stay in the answer history', () => {
		const doc = withTwo();
		setAnswer(doc, ctx('2026-02-01T10:00:00.000Z'), 'custom-a', 2);
		setAnswer(doc, ctx('2026-02-01T11:00:00.000Z'), 'custom-a', 3);
		setCustomQuestionRetired(doc, ctx('2026-02-01T12:00:00.000Z'), 'custom-a', true);
		expect(docToAssessment(doc).answers['custom-a']?.value).toBe(3);
		expect(answerHistory(doc, 'custom-a').map((h) => h.value)).toEqual([3, 2]);
	});

	it('two copies that edited different questions merge with both edits (either way round)', () => {
		const root = withTwo();
		const A = copyOf(root);
		const B = copyOf(root);
		setCustomQuestion(A, ctx('2026-02-01T10:00:00.000Z', 'Dana'), q('custom-a', 'Edited on A'));
		setCustomQuestionRetired(B, ctx('2026-02-01T10:05:00.000Z', 'Sam'), 'custom-b', true);
		setCustomQuestion(B, ctx('2026-02-01T10:06:00.000Z', 'Sam'), q('custom-c', 'Added on B'));
		const AB = copyOf(A);
		mergeState(AB, Y.encodeStateAsUpdate(B), 'Dana');
		const BA = copyOf(B);
		mergeState(BA, Y.encodeStateAsUpdate(A), 'Sam');
		for (const merged of [AB, BA]) {
			expect(
				docToAssessment(merged).customQuestions!.map((x) => [x.id, x.title, x.retired ?? false])
			).toEqual([
				['custom-a', 'Edited on A', false],
				['custom-b', 'Question custom-b', true],
				['custom-c', 'Added on B', false]
			]);
		}
	});

	it('a document that kept the list whole in extra moves it to the map on the first command', () => {
		const doc = assessmentToDoc(base());
		// What a patch stored before the map existed.
		setExtraField(doc, ctx('2026-01-11T08:00:00.000Z'), 'customQuestions', [
			q('custom-a'),
			q('custom-b')
		]);
		expect(docToAssessment(doc).customQuestions?.map((x) => x.id)).toEqual([
			'custom-a',
			'custom-b'
		]);
		setCustomQuestionRetired(doc, ctx('2026-01-12T08:00:00.000Z'), 'custom-b', true);
		expect(doc.getMap('extra').has('customQuestions')).toBe(false);
		expect(docToAssessment(doc).customQuestions!.map((x) => [x.id, x.retired ?? false])).toEqual([
			['custom-a', false],
			['custom-b', true]
		]);
	});

	it('a patch sets the list question by question; a plain merge brings the file’s new ones', () => {
		const doc = withTwo();
		const A = copyOf(doc);
		setCustomQuestion(A, ctx('2026-02-01T10:00:00.000Z'), q('custom-a', 'Edited in A'));
		// A patch that changes only custom-b leaves A's edit of custom-a alone once merged.
		const B = copyOf(doc);
		applyPatch(B, ctx('2026-02-01T10:01:00.000Z'), docToAssessment(B), {
			customQuestions: [q('custom-a'), q('custom-b', 'Edited by a patch')]
		});
		mergeState(A, Y.encodeStateAsUpdate(B), 'Dana');
		expect(docToAssessment(A).customQuestions!.map((x) => x.title)).toEqual([
			'Edited in A',
			'Edited by a patch'
		]);
		const incoming = {
			...docToAssessment(A),
			customQuestions: [q('custom-a', 'Theirs'), q('custom-z')]
		};
		const plain = assessmentToDoc({ ...base(), customQuestions: [q('custom-a')] });
		const s = mergePlain(plain, incoming, 'Dana');
		expect(docToAssessment(plain).customQuestions!.map((x) => [x.id, x.title])).toEqual([
			['custom-a', 'Question custom-a'],
			['custom-z', 'Question custom-z']
		]);
		expect(s.kept.map((k) => k.label)).toContain('Custom question “Question custom-a”');
	});
});
