/**
 * Custom questions go through the bank's own schema and cross-checks (`checkCustomQuestions`),
 * and the engine cannot tell a custom question from a built-in one.
 */
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk, readBankFiles } from '../../scripts/lib/bank-node';
import {
	BankError,
	bankForAssessment,
	checkBank,
	checkCustomQuestions,
	extendBank
} from '../../src/lib/domain/bank';
import { buildReportModel } from '../../src/lib/domain/engine';
import type { Assessment, Bank, MaturityQuestion } from '../../src/lib/domain/types';
import { readPersona } from '../fixtures/assessments/read';

const bank = loadBankFromDisk();

/** A complete, valid custom question; each test breaks one thing. */
function question(over: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: 'custom-contract-sla',
		area: 'A1',
		criteria: ['A1.1'],
		title: 'Contractual uptime commitments tracked',
		prompt:
			'Do you track every uptime commitment made in customer contracts against measured uptime?',
		why: 'Availability commitments in contracts are what the auditor tests A1 against.',
		level3: 'A register lists every contractual uptime commitment with its measurement.',
		level4: 'Monthly uptime is compared with the register and breaches are followed up.',
		evidence: ['Commitment register', 'Monthly uptime report'],
		criticality: 3,
		remediation: [
			{
				id: 'rem.custom-contract-sla.register',
				action: 'List every contractual uptime commitment in one register',
				ownerRole: 'Head of Customer Success',
				effort: 'S',
				kind: 'design',
				acceptance: ['Every active contract is in the register'],
				evidence: ['The register']
			}
		],
		...over
	};
}

function errorsOf(input: unknown, base: Bank = bank): string[] {
	const result = checkCustomQuestions(base, input);
	expect(result.bank).toBeNull();
	return result.errors;
}

describe('custom questions: valid', () => {
	it('are added after the bank questions of their area, marked custom, with defaults filled in', () => {
		const extended = extendBank(bank, [question()]);
		const a1 = extended.questions.filter((q) => q.area === 'A1');
		const added = a1.at(-1)!;
		expect(added.id).toBe('custom-contract-sla');
		expect(added.custom).toBe(true);
		expect(added.weight).toBe(1);
		expect(added.remediation[0]!.dependsOn).toEqual([]);
		expect(added.remediation[0]!.appliesBelow).toBe(3);
		expect(extended.questions).toHaveLength(bank.questions.length + 1);
		// The built-in questions are untouched and keep their order.
		expect(extended.questions.filter((q) => !q.custom).map((q) => q.id)).toEqual(
			bank.questions.map((q) => q.id)
		);
		expect(bank.questions.some((q) => q.custom)).toBe(false);
	});

	it('may depend on a built-in remediation and on each other', () => {
		const builtIn = bank.questions.flatMap((q) => q.remediation.map((r) => r.id));
		const dep = builtIn.find((id) => id.startsWith('rem.a1-'))!;
		const first = question({
			remediation: [
				{ ...(question().remediation as Record<string, unknown>[])[0], dependsOn: [dep] }
			]
		});
		const second = question({
			id: 'custom-contract-credits',
			title: 'Service credits',
			remediation: [
				{
					id: 'rem.custom-contract-credits.process',
					action: 'Write how service credits are calculated and paid',
					ownerRole: 'Finance',
					effort: 'S',
					kind: 'design',
					acceptance: ['The process is approved'],
					evidence: ['The process document'],
					dependsOn: ['rem.custom-contract-sla.register']
				}
			]
		});
		const result = checkCustomQuestions(bank, [first, second]);
		expect(result.errors).toEqual([]);
		expect(result.bank!.questions.filter((q) => q.custom).map((q) => q.id)).toEqual([
			'custom-contract-sla',
			'custom-contract-credits'
		]);
	});

	it('keeps a retired question out of the bank but its id reserved', () => {
		const result = checkCustomQuestions(bank, [question({ retired: true })]);
		expect(result.errors).toEqual([]);
		expect(result.bank!.questions.some((q) => q.id === 'custom-contract-sla')).toBe(false);
		expect(result.questions.map((q) => q.id)).toEqual(['custom-contract-sla']);
		expect(errorsOf([question({ retired: true }), question()])).toContain(
			'custom questions: question custom-contract-sla: id is already used in custom questions'
		);
	});

	it('accept an empty list', () => {
		expect(extendBank(bank, []).questions).toEqual(bank.questions);
	});
});

describe('custom questions: refused with a message that names the question and the problem', () => {
	const cases: [string, unknown, string][] = [
		['not a list', { id: 'x' }, 'custom questions: (top level): Invalid type'],
		[
			'an id outside the custom- namespace',
			[question({ id: 'contract-sla', remediation: [] })],
			'custom questions: [0] (contract-sla).remediation: must list at least one remediation'
		],
		[
			'an id outside the custom- namespace (valid otherwise)',
			[
				question({
					id: 'contract-sla',
					remediation: [
						{
							...(question().remediation as Record<string, unknown>[])[0],
							id: 'rem.contract-sla.register'
						}
					]
				})
			],
			'custom questions: question contract-sla: a custom question\'s id must start with "custom-" (e.g. custom-contract-sla)'
		],
		[
			'an id of the bank',
			[question({ id: 'cc6-mfa' })],
			'custom questions: question cc6-mfa: id is already used in questions/maturity/cc6.yaml'
		],
		[
			'an unknown criterion',
			[question({ criteria: ['A1.9'] })],
			'custom questions: question custom-contract-sla: unknown criterion A1.9'
		],
		[
			'a primary criterion of another area',
			[question({ criteria: ['CC6.1', 'A1.1'] })],
			'custom questions: question custom-contract-sla: primary criterion CC6.1 belongs to CC6, not A1 (list a criterion of this area first)'
		],
		[
			'a remediation id outside the question',
			[
				question({
					remediation: [
						{
							...(question().remediation as Record<string, unknown>[])[0],
							id: 'rem.cc6-mfa.enforce2'
						}
					]
				})
			],
			'custom questions: question custom-contract-sla: remediation rem.cc6-mfa.enforce2 must start with "rem.custom-contract-sla."'
		],
		[
			'a dependency that does not exist',
			[
				question({
					remediation: [
						{
							...(question().remediation as Record<string, unknown>[])[0],
							dependsOn: ['rem.custom-nothing.here']
						}
					]
				})
			],
			'custom questions: question custom-contract-sla: remediation rem.custom-contract-sla.register dependsOn unknown id rem.custom-nothing.here'
		],
		[
			'a condition on an unknown profile answer',
			[question({ when: { answer: 'scope.nothing', equals: true }, skipReason: 'Never.' })],
			'custom questions: question custom-contract-sla: condition refers to unknown question scope.nothing'
		],
		[
			'a condition without a skip reason',
			[question({ when: { answer: 'scope.offices', in: ['coworking'] } })],
			'custom questions: question custom-contract-sla: a question with "when" needs a skipReason'
		],
		[
			'the same text for level 3 and level 4',
			[question({ level4: question().level3 })],
			'custom questions: question custom-contract-sla: level3 and level4 must describe different states'
		],
		[
			'a misspelt field',
			[question({ promt: 'x' })],
			'custom questions: [0] (custom-contract-sla).promt: unknown field (check the spelling against the format)'
		],
		[
			'an empty prompt',
			[question({ prompt: '   ' })],
			'custom questions: [0] (custom-contract-sla).prompt: must not be empty'
		],
		[
			'N/A needing a reason on a question that is not a key control',
			[question({ naNeedsReason: true })],
			'custom questions: question custom-contract-sla: naNeedsReason is for key controls only (add key: true or remove naNeedsReason)'
		],
		[
			'an area that does not exist',
			[question({ area: 'CC10' })],
			'custom questions: [0] (custom-contract-sla).area: Invalid type'
		]
	];
	it.each(cases)('%s', (_name, input, message) => {
		const errors = errorsOf(input);
		expect(
			errors.some((e) => e.startsWith(message)),
			errors.join('\n')
		).toBe(true);
	});

	it('a dependency cycle between custom questions', () => {
		const a = question({
			remediation: [
				{
					...(question().remediation as Record<string, unknown>[])[0],
					dependsOn: ['rem.custom-b.fix']
				}
			]
		});
		const b = question({
			id: 'custom-b',
			remediation: [
				{
					...(question().remediation as Record<string, unknown>[])[0],
					id: 'rem.custom-b.fix',
					dependsOn: ['rem.custom-contract-sla.register']
				}
			]
		});
		expect(errorsOf([a, b])).toContain(
			'remediation dependency cycle: rem.custom-b.fix → rem.custom-contract-sla.register → rem.custom-b.fix (custom questions)'
		);
	});

	it('a dependency on a retired question', () => {
		const retired = question({ retired: true });
		const active = question({
			id: 'custom-b',
			remediation: [
				{
					...(question().remediation as Record<string, unknown>[])[0],
					id: 'rem.custom-b.fix',
					dependsOn: ['rem.custom-contract-sla.register']
				}
			]
		});
		expect(errorsOf([retired, active])).toContain(
			'custom questions: question custom-b: remediation rem.custom-b.fix dependsOn rem.custom-contract-sla.register of retired question custom-contract-sla'
		);
	});

	it('extendBank throws a BankError listing the problems', () => {
		expect(() => extendBank(bank, [question({ criteria: ['A1.9'] })])).toThrow(BankError);
	});

	it('extending a bank that already has custom questions', () => {
		const once = extendBank(bank, [question()]);
		expect(errorsOf([], once)).toContain(
			'custom questions: extend the built-in bank, not a bank that has custom questions'
		);
	});

	it('the built-in bank may not use the custom- namespace', () => {
		const read = readBankFiles();
		const files = structuredClone(read.files) as Record<
			string,
			{ questions: Record<string, unknown>[] }
		>;
		const q = files['questions/maturity/a1.yaml']!.questions[0]!;
		const oldId = q.id as string;
		q.id = 'custom-uptime';
		for (const r of q.remediation as Record<string, unknown>[])
			r.id = (r.id as string).replace(`rem.${oldId}.`, 'rem.custom-uptime.');
		const result = checkBank(files);
		expect(result.errors).toContain(
			'questions/maturity/a1.yaml: question custom-uptime: ids starting with "custom-" are reserved for custom questions'
		);
	});
});

describe('the engine does not know the difference', () => {
	const TODAY = '2026-03-02';

	const persona = readPersona;

	/** Move a built-in question out of the bank and back in as a custom question (new ids). */
	function asCustom(id: string): Bank {
		const original = bank.questions.find((q) => q.id === id)!;
		const newId = `custom-${id}`;
		const rename = (s: string) => s.split(`rem.${id}.`).join(`rem.${newId}.`);
		const others = bank.questions.filter((q) => q.id !== id);
		// Nothing else may depend on it for this comparison to be exact.
		expect(
			others.some((q) =>
				q.remediation.some((r) => r.dependsOn.some((d) => d.startsWith(`rem.${id}.`)))
			)
		).toBe(false);
		const { area, custom: _c, ...rest } = original as MaturityQuestion;
		const custom = {
			...rest,
			area,
			id: newId,
			remediation: rest.remediation.map((r) => ({
				...r,
				id: rename(r.id),
				dependsOn: r.dependsOn.map(rename)
			}))
		};
		const pointsOfFocus = bank.pointsOfFocus.map((p) => ({
			...p,
			coveredBy: p.coveredBy.map((c) => (c.questionId === id ? { ...c, questionId: newId } : c))
		}));
		// Evidence requests that look at the question look at its custom twin instead.
		const evidenceRequests = bank.evidenceRequests.map((r) => ({
			...r,
			questions: r.questions.map((q) => (q === id ? newId : q))
		}));
		const without = { ...bank, questions: others, pointsOfFocus, evidenceRequests } as Bank;
		return extendBank(without, [custom]);
	}

	it.each(['full-workshop', 'all-not-in-place', 'health-data'])(
		'%s: the same report model, ids aside, when the last question of an area is custom',
		(name) => {
			const a = persona(name);
			// The last A1 question keeps its position when it comes back after the bank's A1 questions.
			const lastA1 = bank.questions.filter((q) => q.area === 'A1').at(-1)!.id;
			const extended = asCustom(lastA1);
			const moved: Assessment = structuredClone(a);
			if (moved.answers[lastA1]) {
				moved.answers[`custom-${lastA1}`] = moved.answers[lastA1]!;
				delete moved.answers[lastA1];
			}
			for (const key of Object.keys(moved.planOverrides))
				if (key.startsWith(`rem.${lastA1}.`)) {
					moved.planOverrides[key.replace(`rem.${lastA1}.`, `rem.custom-${lastA1}.`)] =
						moved.planOverrides[key]!;
					delete moved.planOverrides[key];
				}
			const expected = JSON.stringify(buildReportModel(bank, a, TODAY));
			const model = buildReportModel(extended, moved, TODAY);
			// The model names its custom questions, so every screen and export can mark them.
			expect(model.customQuestionIds).toEqual([`custom-${lastA1}`]);
			const actual = JSON.stringify({ ...model, customQuestionIds: [] })
				.split(`custom-${lastA1}`)
				.join(lastA1);
			expect(actual).toBe(expected);
		}
	);
});

describe('bankForAssessment', () => {
	it('is the built-in bank without custom questions, the extended one with them (cached)', () => {
		expect(bankForAssessment(bank, undefined)).toEqual({ bank, problems: [] });
		expect(bankForAssessment(bank, []).bank).toBe(bank);
		const list = [question()];
		const first = bankForAssessment(bank, list);
		expect(first.problems).toEqual([]);
		expect(first.bank.questions.some((q) => q.id === 'custom-contract-sla' && q.custom)).toBe(true);
		expect(bankForAssessment(bank, list).bank).toBe(first.bank);
	});

	it('falls back to the built-in bank, with the problems, when the questions are broken', () => {
		const r = bankForAssessment(bank, [question({ criteria: ['A1.9'] })]);
		expect(r.bank).toBe(bank);
		expect(r.problems).toEqual([
			'custom questions: question custom-contract-sla: unknown criterion A1.9'
		]);
	});
});
