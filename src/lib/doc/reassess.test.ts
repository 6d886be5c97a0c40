/**
 * Re-assessment (issue 20): what is carried over, the "from <date> — confirm or change" state of
 * each carried answer, the confirmation command, and how confirmations and changes merge.
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '$lib/domain/types';
import {
	buildReassessment,
	defaultReassessmentTarget,
	pendingCarried,
	reassessmentName
} from '$lib/domain/reassess';
import {
	answerHistory,
	assessmentToDoc,
	confirmCarried,
	docToAssessment,
	mergePlain,
	mergeState,
	setAnswer,
	setNote,
	applyAnswer,
	type CommandContext
} from './index';

const ctx = (at: string, by = 'Dana'): CommandContext => ({ at, by });

function predecessor(): Assessment {
	return {
		id: 'march',
		meta: {
			organisation: 'Acme',
			assessor: 'Dana',
			assessmentDate: '2026-03-02',
			targetReportDate: '2026-09-30',
			planStartDate: '2026-03-09',
			branding: { brandColor: '#123456' }
		},
		profile: { 'org-size': '11-50' },
		subservices: [
			{
				id: 'v1',
				name: 'AWS',
				kind: 'cloud-iaas',
				role: 'subservice',
				services: 'Hosting',
				method: 'carve-out',
				socReport: 'type2',
				reportReviewed: true,
				csocs: ['Physical security']
			}
		],
		categories: ['availability'],
		categoriesConfirmed: true,
		cuecs: [
			{
				id: 'c1',
				templateId: null,
				area: 'Access',
				text: 'Customers review their users',
				criteria: ['CC6.2']
			}
		],
		answers: {
			'cc6-mfa': {
				value: 3,
				note: 'Okta for all staff',
				evidence: [{ id: 'e1', name: 'MFA policy', location: 'wiki/mfa' }],
				updatedAt: '2026-03-02T10:00:00.000Z'
			},
			'cc6-asset-inventory': {
				value: 'na',
				naReason: 'No hardware',
				evidence: [],
				updatedAt: '2026-03-02T10:05:00.000Z'
			},
			'cc7-monitoring': {
				value: null,
				note: 'Ask ops',
				evidence: [],
				updatedAt: '2026-03-02T10:06:00.000Z'
			}
		},
		planOverrides: { 'act-mfa': { ownerRole: 'CTO', done: true } },
		requestsPrepared: { 'new-hires': '2026-03-03T09:00:00.000Z' },
		customQuestions: [],
		interview: { version: 1, snapshot: { stage: 'maturity' } },
		createdAt: '2026-03-02T09:00:00.000Z',
		updatedAt: '2026-03-02T10:06:00.000Z',
		lastExportedAt: '2026-03-04T09:00:00.000Z'
	};
}

const input = {
	id: 'june',
	today: '2026-06-15',
	now: '2026-06-15T08:00:00.000Z',
	targetReportDate: '2026-12-31'
};

describe('buildReassessment', () => {
	it('carries profile, scope, vendors, CUECs, answers, notes, evidence, plan, branding', () => {
		const src = predecessor();
		const before = structuredClone(src);
		const r = buildReassessment(src, input);
		expect(src).toEqual(before);
		expect(r.id).toBe('june');
		expect(r.meta).toMatchObject({
			organisation: 'Acme',
			assessor: 'Dana',
			assessmentDate: '2026-06-15',
			targetReportDate: '2026-12-31',
			planStartDate: null,
			branding: { brandColor: '#123456' }
		});
		expect(r.profile).toEqual(src.profile);
		expect(r.subservices).toEqual(src.subservices);
		expect(r.categories).toEqual(['availability']);
		expect(r.categoriesConfirmed).toBe(true);
		expect(r.cuecs).toEqual(src.cuecs);
		expect(r.answers).toEqual(src.answers);
		expect(r.planOverrides).toEqual(src.planOverrides);
		expect(r.reassessmentOf).toEqual({ id: 'march', assessedOn: '2026-03-02' });
		// Only answers with a value are "carried" (a note alone is not an answer to confirm).
		expect(r.carried).toEqual({ 'cc6-mfa': {}, 'cc6-asset-inventory': {} });
	});

	it('leaves behind the prepared marks, the interview position and the export time', () => {
		const r = buildReassessment(predecessor(), input);
		expect(r.requestsPrepared).toBeUndefined();
		expect(r.interview).toBeNull();
		expect(r.lastExportedAt).toBeNull();
		expect(r.createdAt).toBe(input.now);
		expect(r.updatedAt).toBe(input.now);
	});

	it('refuses a target date that is missing, past or today, with the field message', () => {
		const src = predecessor();
		expect(() => buildReassessment(src, { ...input, targetReportDate: '' })).toThrow(
			'Enter the new target report date.'
		);
		expect(() => buildReassessment(src, { ...input, targetReportDate: '2026-09-30x' })).toThrow(
			/full date/
		);
		expect(() => buildReassessment(src, { ...input, targetReportDate: '2026-06-15' })).toThrow(
			'The new target report date must be after today (2026-06-15).'
		);
		expect(() => buildReassessment(src, { ...input, targetReportDate: '2026-05-01' })).toThrow(
			/after today/
		);
		expect(() => buildReassessment(src, { ...input, organisation: '  ' })).toThrow(/name/i);
	});

	it('keeps a plan start date still ahead, and names the re-assessment by default', () => {
		const src = predecessor();
		src.meta.planStartDate = '2026-07-01';
		expect(buildReassessment(src, input).meta.planStartDate).toBe('2026-07-01');
		expect(buildReassessment(src, { ...input, organisation: 'Acme Q3' }).meta.organisation).toBe(
			'Acme Q3'
		);
		expect(reassessmentName('  Acme Ltd ')).toBe('Acme Ltd');
	});

	it('proposes the old gap between assessment and target, else six months', () => {
		expect(defaultReassessmentTarget(predecessor(), '2026-06-15')).toBe('2027-01-13');
		const none = predecessor();
		none.meta.targetReportDate = null;
		expect(defaultReassessmentTarget(none, '2026-06-15')).toBe('2026-12-15');
		none.meta.targetReportDate = '2026-03-02';
		expect(defaultReassessmentTarget(none, '2026-06-15')).toBe('2026-12-15');
	});
});

describe('the carried answers in the document', () => {
	const qs = ['cc6-asset-inventory', 'cc6-mfa'];
	const build = () => assessmentToDoc(buildReassessment(predecessor(), input));

	it('starts with every carried answer pending, its history one entry (not re-answered)', () => {
		const doc = build();
		const a = docToAssessment(doc);
		expect(a.reassessmentOf).toEqual({ id: 'march', assessedOn: '2026-03-02' });
		expect(pendingCarried(a, qs)).toEqual(qs);
		const h = answerHistory(doc, 'cc6-mfa');
		expect(h).toHaveLength(1);
		expect(h[0]!.at).toBe('2026-03-02T10:00:00.000Z');
		expect(a.answers['cc6-mfa']!.updatedAt).toBe('2026-03-02T10:00:00.000Z');
	});

	it('confirm keeps the answer and ends "pending"; a change ends it too; a note does not', () => {
		const doc = build();
		expect(confirmCarried(doc, ctx('2026-06-15T09:00:00.000Z'), ['cc6-mfa'])).toEqual(['cc6-mfa']);
		setNote(doc, ctx('2026-06-15T09:01:00.000Z'), 'cc6-asset-inventory', 'still none');
		let a = docToAssessment(doc);
		expect(a.carried!['cc6-mfa']).toEqual({ confirmedAt: '2026-06-15T09:00:00.000Z' });
		expect(a.answers['cc6-mfa']!.value).toBe(3);
		expect(pendingCarried(a, qs)).toEqual(['cc6-asset-inventory']);
		setAnswer(doc, ctx('2026-06-15T09:02:00.000Z'), 'cc6-asset-inventory', 2);
		a = docToAssessment(doc);
		expect(a.carried!['cc6-asset-inventory']).toEqual({ changed: true });
		expect(pendingCarried(a, qs)).toEqual([]);
		// Confirming again, or confirming a changed answer, changes nothing.
		expect(confirmCarried(doc, ctx('2026-06-15T09:03:00.000Z'), qs)).toEqual([]);
	});

	it('the same answer written again (the interview re-saving the note) is not a change', () => {
		const doc = build();
		const cur = docToAssessment(doc).answers['cc6-mfa']!;
		applyAnswer(doc, ctx('2026-06-15T09:00:00.000Z'), 'cc6-mfa', cur, {
			...cur,
			note: 'Okta and hardware keys'
		});
		expect(pendingCarried(docToAssessment(doc), qs)).toEqual(qs);
	});

	it('answers added after the start are not carried', () => {
		const doc = build();
		setAnswer(doc, ctx('2026-06-15T09:00:00.000Z'), 'cc7-monitoring', 2);
		const a = docToAssessment(doc);
		expect(a.carried!['cc7-monitoring']).toBeUndefined();
		expect(pendingCarried(a, ['cc7-monitoring'])).toEqual([]);
	});

	it('survives plain data: pending, confirmed and changed round-trip through a new document', () => {
		const doc = build();
		confirmCarried(doc, ctx('2026-06-15T09:00:00.000Z'), ['cc6-mfa']);
		const plain = docToAssessment(doc);
		const again = docToAssessment(assessmentToDoc(plain));
		expect(again.carried).toEqual(plain.carried);
		expect(again.reassessmentOf).toEqual(plain.reassessmentOf);
		setAnswer(doc, ctx('2026-06-15T09:05:00.000Z'), 'cc6-asset-inventory', 1);
		const changed = docToAssessment(doc);
		expect(docToAssessment(assessmentToDoc(changed)).carried).toEqual(changed.carried);
	});
});

describe('merging confirmations and changes', () => {
	const qs = ['cc6-asset-inventory', 'cc6-mfa'];
	function twoCopies(): [Y.Doc, Y.Doc] {
		const a = assessmentToDoc(buildReassessment(predecessor(), input));
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		return [a, b];
	}

	it('a confirm on one copy and a change on the other: both kept, nothing pending, either order', () => {
		const [a, b] = twoCopies();
		confirmCarried(a, ctx('2026-06-15T09:00:00.000Z', 'A'), ['cc6-mfa']);
		setAnswer(b, ctx('2026-06-15T09:10:00.000Z', 'B'), 'cc6-mfa', 4);
		confirmCarried(b, ctx('2026-06-15T09:11:00.000Z', 'B'), ['cc6-asset-inventory']);
		const sa = Y.encodeStateAsUpdate(a);
		const summary = mergeState(a, Y.encodeStateAsUpdate(b), 'A');
		expect(summary.changes).toContain('Carried answer to cc6-asset-inventory confirmed');
		expect(summary.answersIn).toEqual(['cc6-mfa']);
		mergeState(b, sa, 'B');
		const pa = docToAssessment(a);
		expect(docToAssessment(b)).toEqual(pa);
		expect(pa.answers['cc6-mfa']!.value).toBe(4);
		expect(pa.carried).toEqual({
			'cc6-mfa': { confirmedAt: '2026-06-15T09:00:00.000Z', changed: true },
			'cc6-asset-inventory': { confirmedAt: '2026-06-15T09:11:00.000Z' }
		});
		expect(pendingCarried(pa, qs)).toEqual([]);
	});

	it('a plain merge (another lineage) brings in confirmations and the link', () => {
		const reassessed = buildReassessment(predecessor(), input);
		const local = assessmentToDoc({ ...reassessed, reassessmentOf: undefined });
		const other = assessmentToDoc(reassessed);
		confirmCarried(other, ctx('2026-06-15T09:00:00.000Z'), ['cc6-mfa']);
		const summary = mergeState(local, Y.encodeStateAsUpdate(other), 'A');
		expect(summary.changes).toContain('Linked as a re-assessment of the assessment of 2026-03-02');
		const a = docToAssessment(local);
		expect(a.reassessmentOf).toEqual({ id: 'march', assessedOn: '2026-03-02' });
		expect(a.carried!['cc6-mfa']!.confirmedAt).toBe('2026-06-15T09:00:00.000Z');
		expect(pendingCarried(a, qs)).toEqual(['cc6-asset-inventory']);
		// And a format 1 file's plain data does the same.
		const local2 = assessmentToDoc(reassessed);
		mergePlain(local2, docToAssessment(other), 'A');
		expect(docToAssessment(local2).carried!['cc6-mfa']!.confirmedAt).toBe(
			'2026-06-15T09:00:00.000Z'
		);
	});
});

describe('the report on a re-assessment', () => {
	it('states how many carried answers in scope are not re-confirmed, and scores them as given', async () => {
		const { buildReportModel } = await import('$lib/domain/engine');
		const { loadBankFromDisk } = await import('../../../scripts/lib/bank-node');
		const bank = loadBankFromDisk();
		const src = predecessor();
		const r = buildReassessment(src, input);
		const model = buildReportModel(bank, r, '2026-06-15');
		const note = model.scopeNotes.find((n) => n.startsWith('Re-assessment:'));
		expect(note).toBe(
			'Re-assessment: 2 answers carried over from the assessment of 2 March 2026 have not been re-confirmed. They are scored as given then; confirm or change each before relying on this report.'
		);
		// The same scores as the same answers not carried.
		const plain = buildReportModel(bank, { ...r, carried: undefined }, '2026-06-15');
		expect(model.score).toEqual(plain.score);
		expect(plain.scopeNotes.some((n) => n.startsWith('Re-assessment:'))).toBe(false);
		const confirmed = {
			...r,
			carried: { 'cc6-mfa': { confirmedAt: input.now }, 'cc6-asset-inventory': { changed: true } }
		};
		expect(
			buildReportModel(bank, confirmed, '2026-06-15').scopeNotes.some((n) =>
				n.startsWith('Re-assessment:')
			)
		).toBe(false);
	});
});

describe('what counts as a change of a carried answer', () => {
	const build = () => assessmentToDoc(buildReassessment(predecessor(), input));

	it('changing it and back still counts (it was touched); the same answer merged in does not', () => {
		const doc = build();
		setAnswer(doc, ctx('2026-06-15T09:00:00.000Z'), 'cc6-mfa', 2);
		setAnswer(doc, ctx('2026-06-15T09:01:00.000Z'), 'cc6-mfa', 3);
		expect(docToAssessment(doc).carried!['cc6-mfa']).toEqual({ changed: true });

		// A copy of another lineage whose note changed (so its answer has a later time) merges in
		// as a plain copy: the same value and reason, so the answer is still to confirm.
		const local = build();
		const other = docToAssessment(build());
		other.answers['cc6-mfa'] = {
			...other.answers['cc6-mfa']!,
			note: 'edited elsewhere',
			updatedAt: '2026-06-15T10:00:00.000Z'
		};
		mergePlain(local, other, 'A');
		const merged = docToAssessment(local);
		expect(merged.carried!['cc6-mfa']).toEqual({});
		expect(pendingCarried(merged, ['cc6-mfa'])).toEqual(['cc6-mfa']);
	});
});

describe('merging confirmations and changes (property)', () => {
	const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
	console.info(`reassess.test.ts: fast-check seed ${seed} (replay with FC_SEED=${seed})`);
	const QS = ['cc6-mfa', 'cc6-asset-inventory'] as const;
	type Step =
		| { kind: 'confirm'; q: (typeof QS)[number] }
		| { kind: 'answer'; q: (typeof QS)[number]; value: 0 | 1 | 2 | 3 | 4 | 5 }
		| { kind: 'note'; q: (typeof QS)[number]; text: string };
	const step: fc.Arbitrary<Step> = fc.oneof(
		fc.record({ kind: fc.constant('confirm' as const), q: fc.constantFrom(...QS) }),
		fc.record({
			kind: fc.constant('answer' as const),
			q: fc.constantFrom(...QS),
			value: fc.constantFrom(0, 1, 2, 3, 4, 5) as fc.Arbitrary<0 | 1 | 2 | 3 | 4 | 5>
		}),
		fc.record({
			kind: fc.constant('note' as const),
			q: fc.constantFrom(...QS),
			text: fc.string({ maxLength: 8 })
		})
	);

	function play(doc: Y.Doc, steps: Step[], who: string, minute: number): void {
		steps.forEach((s, i) => {
			const c = ctx(
				`2026-06-15T${String(9 + minute).padStart(2, '0')}:${String(i).padStart(2, '0')}:00.000Z`,
				who
			);
			if (s.kind === 'confirm') confirmCarried(doc, c, [s.q]);
			else if (s.kind === 'answer') setAnswer(doc, c, s.q, s.value);
			else setNote(doc, c, s.q, s.text);
		});
	}

	it('two copies merge to the same result either way; a change or a confirmation on either side stands', () => {
		fc.assert(
			fc.property(fc.array(step, { maxLength: 6 }), fc.array(step, { maxLength: 6 }), (sa, sb) => {
				const base = assessmentToDoc(buildReassessment(predecessor(), input));
				const carriedBefore = docToAssessment(base);
				const a = new Y.Doc();
				const b = new Y.Doc();
				Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
				Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
				play(a, sa, 'A', 0);
				play(b, sb, 'B', 1);
				const pa = docToAssessment(a).carried!;
				const pb = docToAssessment(b).carried!;
				const stateA = Y.encodeStateAsUpdate(a);
				mergeState(a, Y.encodeStateAsUpdate(b), 'A');
				mergeState(b, stateA, 'B');
				// Idempotent: merging again changes nothing.
				mergeState(a, Y.encodeStateAsUpdate(b), 'A');
				const ma = docToAssessment(a);
				expect(docToAssessment(b)).toEqual(ma);
				for (const q of QS) {
					const was = carriedBefore.answers[q]!;
					const changedOn = (steps: Step[]) =>
						steps.some(
							(s) =>
								s.kind === 'answer' &&
								s.q === q &&
								(s.value !== was.value || was.naReason !== undefined)
						);
					expect(!!ma.carried![q]!.changed).toBe(changedOn(sa) || changedOn(sb));
					expect(!!ma.carried![q]!.confirmedAt).toBe(!!pa[q]!.confirmedAt || !!pb[q]!.confirmedAt);
				}
			}),
			{ seed, numRuns: 150 }
		);
	});
});
