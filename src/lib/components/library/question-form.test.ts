/**
 * The custom question form's conversion: ids made once and kept, lists one per line, kinds set
 * their level, editing keeps what the form does not show, and what it makes passes the bank's
 * checks.
 */
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../../../scripts/lib/bank-node';
import { checkCustomQuestions, criterionArea } from '$lib/domain/bank';
import {
	emptyAction,
	emptyQuestion,
	fromCustomQuestion,
	missingFields,
	newQuestionId,
	slug,
	toCustomQuestion,
	type QuestionInput
} from './question-form';

const bank = loadBankFromDisk();

function filled(over: Partial<QuestionInput> = {}): QuestionInput {
	return {
		...emptyQuestion('A1'),
		criteria: ['CC7.5', 'A1.2'],
		title: 'Contractual uptime (SLA) tracked',
		prompt: 'Do you track uptime commitments?',
		why: 'A1 is tested against them.',
		level3: 'A register lists them.',
		level4: 'Monthly comparison with measured uptime.',
		evidence: 'Register\n\n  Monthly report  \n',
		actions: [
			{
				...emptyAction(),
				action: 'Write the register',
				ownerRole: 'Customer Success',
				acceptance: 'Every contract listed',
				evidence: 'The register'
			},
			{
				...emptyAction(),
				action: 'Compare monthly',
				kind: 'recurring',
				ownerRole: 'SRE',
				acceptance: 'Twelve monthly comparisons',
				evidence: 'Comparison reports'
			}
		],
		...over
	};
}

describe('custom question form', () => {
	it('slugs titles into ids', () => {
		expect(slug('Contractual uptime (SLA) tracked!')).toBe('contractual-uptime-sla-tracked');
		expect(slug('Ünïcödé — naïve')).toBe('unicode-naive');
		expect(slug('!!!')).toBe('question');
		expect(slug('a'.repeat(60))).toHaveLength(40);
	});

	it('never reuses an id, retired ones included', () => {
		const taken = new Set(['custom-sla', 'custom-sla-2']);
		expect(newQuestionId('SLA', taken)).toBe('custom-sla-3');
		expect(newQuestionId('Other', taken)).toBe('custom-other');
	});

	it('makes a question the bank accepts, area criteria first, kinds at their level', () => {
		const q = toCustomQuestion(filled(), new Set(), criterionArea);
		expect(q.id).toBe('custom-contractual-uptime-sla-tracked');
		expect(q.criteria).toEqual(['A1.2', 'CC7.5']);
		expect(q.evidence).toEqual(['Register', 'Monthly report']);
		expect(q.remediation.map((r) => [r.id, r.kind, r.appliesBelow])).toEqual([
			['rem.custom-contractual-uptime-sla-tracked.action-1', 'design', 3],
			['rem.custom-contractual-uptime-sla-tracked.action-2', 'recurring', 4]
		]);
		expect(checkCustomQuestions(bank, [q]).errors).toEqual([]);
	});

	it('keeps ids and what the form does not show when a question is edited', () => {
		const q = toCustomQuestion(filled(), new Set(), criterionArea);
		const stored = {
			...q,
			weight: 2,
			gapRefs: ['GAP-06'],
			remediation: [{ ...q.remediation[0]!, quickWin: true }, q.remediation[1]!]
		};
		const input = fromCustomQuestion(stored);
		input.title = 'Renamed';
		input.actions = [
			input.actions[1]!,
			{ ...emptyAction(), action: 'New one', ownerRole: 'X', acceptance: 'a', evidence: 'b' }
		];
		const edited = toCustomQuestion(input, new Set([q.id]), criterionArea, stored);
		expect(edited.id).toBe(q.id);
		expect(edited.title).toBe('Renamed');
		expect(edited.weight).toBe(2);
		expect(edited.gapRefs).toEqual(['GAP-06']);
		// The kept action keeps its id; the new one never takes the removed action's id.
		expect(edited.remediation.map((r) => r.id)).toEqual([
			`rem.${q.id}.action-2`,
			`rem.${q.id}.action-3`
		]);
		expect(edited.remediation[1]!.quickWin).toBe(false);
	});

	it('round-trips through the form unchanged', () => {
		const q = toCustomQuestion(
			filled({ key: true, naNeedsReason: true }),
			new Set(),
			criterionArea
		);
		expect(toCustomQuestion(fromCustomQuestion(q), new Set([q.id]), criterionArea, q)).toEqual(q);
	});

	it('says what is missing, per field and per action', () => {
		expect(missingFields(emptyQuestion())).toEqual([
			'Give the question a short title.',
			'Write the question as it is asked.',
			'Say why it matters (the help text).',
			'Describe what “implemented” looks like.',
			'Describe what “operating” looks like.',
			'Pick at least one criterion it covers.',
			'List at least one piece of evidence.',
			'Action 1: give it a title.',
			'Action 1: name the owner role.',
			'Action 1: say how you know it is done.',
			'Action 1: list the evidence it produces.'
		]);
		expect(missingFields(filled())).toEqual([]);
		expect(missingFields(filled({ actions: [] }))).toEqual([
			'Add at least one remediation action.'
		]);
	});

	it('N/A-needs-reason only with a key control', () => {
		const q = toCustomQuestion(
			filled({ key: false, naNeedsReason: true }),
			new Set(),
			criterionArea
		);
		expect(q.naNeedsReason).toBeUndefined();
	});
});
