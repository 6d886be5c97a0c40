/**
 * compileBank rejects every kind of broken input with a precise message (file, item, problem),
 * starting each time from the real, valid bank and breaking one thing.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBankFiles, loadBankFromDisk } from '../../scripts/lib/bank-node';
import { BankError, checkBank, compileBank } from '../../src/lib/domain/bank';

type Json = Record<string, unknown> & {
	questions: Record<string, unknown>[];
};

let valid: Record<string, unknown>;
beforeAll(() => {
	const read = readBankFiles();
	expect(read.errors).toEqual([]);
	valid = read.files;
});

/** A deep copy of the valid files with one change applied. */
function broken(mutate: (f: Record<string, Json>) => void): Record<string, unknown> {
	const files = structuredClone(valid) as Record<string, Json>;
	mutate(files);
	return files;
}

function errorsOf(files: Record<string, unknown>, opts = {}): string[] {
	const result = checkBank(files, opts);
	expect(result.bank).toBeNull();
	return result.errors;
}

const q = (f: Record<string, Json>, file: string, id: string) => {
	const item = f[`questions/${file}`]!.questions.find((x) => x.id === id);
	if (!item) throw new Error(`fixture: ${id} not in ${file}`);
	return item as Record<string, unknown> & { remediation: Record<string, unknown>[] };
};
const profileQ = (f: Record<string, Json>, id: string) => q(f, 'profile.yaml', id);
const vendorKind = (f: Record<string, Json>, id: string) =>
	(f['questions/vendors.yaml']!.kinds as Record<string, unknown>[]).find((k) => k.id === id)!;
const cuec = (f: Record<string, Json>, id: string) =>
	(f['questions/cuecs.yaml']!.cuecs as Record<string, unknown>[]).find((c) => c.id === id)!;

describe('compileBank: valid input', () => {
	it('compiles the real files, with or without the questions/ prefix', () => {
		const bank = compileBank(valid);
		expect(bank.criteria).toHaveLength(61);
		const unprefixed = Object.fromEntries(
			Object.entries(valid).map(([k, v]) => [k.replace(/^questions\//, ''), v])
		);
		expect(compileBank(unprefixed)).toEqual(bank);
	});

	it('fills documented defaults (weight 1, dependsOn [], quickWin false, appliesBelow 3)', () => {
		const files = broken((f) => {
			const question = q(f, 'maturity/cc1.yaml', 'cc1-code-of-conduct');
			delete question.weight;
			const rem = question.remediation[0]!;
			delete rem.dependsOn;
			delete rem.quickWin;
			delete rem.appliesBelow;
		});
		const question = compileBank(files).questions.find((x) => x.id === 'cc1-code-of-conduct')!;
		expect(question.weight).toBe(1);
		expect(question.remediation[0]).toMatchObject({
			dependsOn: [],
			quickWin: false,
			appliesBelow: 3
		});
	});

	it('compiles the same bank as loadBankFromDisk', () => {
		expect(compileBank(valid)).toEqual(loadBankFromDisk());
	});
});

describe('compileBank: rejects broken input with a precise message', () => {
	const cases: {
		name: string;
		mutate: (f: Record<string, Json>) => void;
		expected: string | RegExp;
	}[] = [
		{
			name: 'missing file',
			mutate: (f) => delete f['questions/cuecs.yaml'],
			expected: 'questions/cuecs.yaml: file is missing'
		},
		{
			name: 'unknown file',
			mutate: (f) => (f['questions/cuec.yml'] = { cuecs: [] } as unknown as Json),
			expected: /^questions\/cuec\.yml: unknown file/
		},
		{
			name: 'empty file',
			mutate: (f) => (f['questions/areas.yaml'] = null as unknown as Json),
			expected: 'questions/areas.yaml: (top level): must be a mapping (received null)'
		},
		{
			name: 'misspelt field',
			mutate: (f) => {
				const x = q(f, 'maturity/cc1.yaml', 'cc1-disciplinary');
				x.prompts = x.prompt;
			},
			expected:
				'questions/maturity/cc1.yaml: questions[2] (cc1-disciplinary).prompts: unknown field (check the spelling against the format)'
		},
		{
			name: 'missing required field',
			mutate: (f) => delete q(f, 'maturity/cc2.yaml', 'cc2-whistleblower').level4,
			expected:
				/^questions\/maturity\/cc2\.yaml: questions\[\d+\] \(cc2-whistleblower\)\.level4: missing required field$/
		},
		{
			name: 'empty text',
			mutate: (f) => (q(f, 'maturity/cc2.yaml', 'cc2-whistleblower').why = '   '),
			expected: /\(cc2-whistleblower\)\.why: must not be empty$/
		},
		{
			name: 'bad effort',
			mutate: (f) => (q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').remediation[0]!.effort = 'XL'),
			expected:
				/\(cc3-fraud-risk\)\.remediation\[0\] \(rem\.cc3-fraud-risk\.assess\)\.effort: Invalid type: Expected \("S" \| "M" \| "L"\) but received "XL"$/
		},
		{
			name: 'weight out of range',
			mutate: (f) => (q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').weight = 5),
			expected: /\(cc3-fraud-risk\)\.weight: must be at most 3$/
		},
		{
			name: 'criticality out of range',
			mutate: (f) => (q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').criticality = 0),
			expected: /\(cc3-fraud-risk\)\.criticality: Invalid type/
		},
		{
			name: 'malformed criterion id',
			mutate: (f) => (q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').criteria = ['CC3-3']),
			expected: /\(cc3-fraud-risk\)\.criteria\[0\]: must be a criterion id/
		},
		{
			name: 'non-existent criterion (CC9.9)',
			mutate: (f) => (q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').criteria = ['CC3.3', 'CC9.9']),
			expected: 'questions/maturity/cc3.yaml: question cc3-fraud-risk: unknown criterion CC9.9'
		},
		{
			name: 'primary criterion of another area',
			mutate: (f) => (q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').criteria = ['CC5.1', 'CC3.3']),
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: primary criterion CC5.1 belongs to CC5, not CC3 (list a criterion of this area first)'
		},
		{
			name: 'criterion listed twice',
			mutate: (f) => (q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').criteria = ['CC3.3', 'CC3.3']),
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: criterion CC3.3 is listed twice'
		},
		{
			name: 'duplicate question id across files',
			mutate: (f) => (q(f, 'maturity/cc2.yaml', 'cc2-whistleblower').id = 'cc1-disciplinary'),
			expected:
				'questions/maturity/cc2.yaml: question cc1-disciplinary: id is already used in questions/maturity/cc1.yaml'
		},
		{
			name: 'duplicate remediation id',
			mutate: (f) =>
				(q(f, 'maturity/cc2.yaml', 'cc2-whistleblower').remediation[0]!.id =
					'rem.cc1-disciplinary.write'),
			expected:
				'questions/maturity/cc2.yaml: question cc2-whistleblower: remediation rem.cc1-disciplinary.write is already used by question cc1-disciplinary in questions/maturity/cc1.yaml'
		},
		{
			name: 'dependsOn an unknown id',
			mutate: (f) =>
				(q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').remediation[0]!.dependsOn = ['rem.nope.x']),
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: remediation rem.cc3-fraud-risk.assess dependsOn unknown id rem.nope.x'
		},
		{
			name: 'depends on itself',
			mutate: (f) =>
				(q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').remediation[0]!.dependsOn = [
					'rem.cc3-fraud-risk.assess'
				]),
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: remediation rem.cc3-fraud-risk.assess dependsOn itself'
		},
		{
			name: 'dependency cycle across files',
			mutate: (f) =>
				(q(f, 'maturity/cc3.yaml', 'cc3-objectives').remediation[0]!.dependsOn = [
					'rem.cc5-control-matrix.build'
				]),
			expected:
				/^remediation dependency cycle: rem\.cc3-objectives\.write → rem\.cc5-control-matrix\.build → rem\.cc3-risk-assessment\.run → rem\.cc3-risk-assessment\.method → rem\.cc3-objectives\.write \(questions\/maturity\/cc\d\.yaml, questions\/maturity\/cc\d\.yaml\)$/
		},
		{
			name: 'no remediation for the design',
			mutate: (f) => {
				for (const r of q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').remediation) r.appliesBelow = 4;
			},
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: needs at least one remediation with appliesBelow 3 or lower (fixes the design)'
		},
		{
			name: 'a remediation kind that contradicts appliesBelow',
			mutate: (f) => {
				q(f, 'maturity/cc6.yaml', 'cc6-mfa').remediation.find(
					(r) => r.id === 'rem.cc6-mfa.export'
				)!.kind = 'design';
			},
			expected:
				'questions/maturity/cc6.yaml: question cc6-mfa: remediation rem.cc6-mfa.export has kind design but appliesBelow 4; use evidence or recurring (design fixes levels up to 3, evidence and recurring lead to 4, improvement to 5)'
		},
		{
			name: 'a remediation without a kind',
			mutate: (f) => {
				delete q(f, 'maturity/cc6.yaml', 'cc6-mfa').remediation[0]!.kind;
			},
			expected:
				/\(cc6-mfa\)\.remediation\[0\] \(rem\.cc6-mfa\.enforce\)\.kind: missing required field$/
		},
		{
			name: 'naNeedsReason on a question that is not a key control',
			mutate: (f) => {
				q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').naNeedsReason = true;
			},
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: naNeedsReason is for key controls only (add key: true or remove naNeedsReason)'
		},
		{
			name: 'no remediation at all',
			mutate: (f) => (q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').remediation = []),
			expected: /\(cc3-fraud-risk\)\.remediation: must list at least one remediation$/
		},
		{
			name: 'condition on an unknown question',
			mutate: (f) =>
				(q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').when = {
					answer: 'scope.ofices',
					equals: 'none'
				}),
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: condition refers to unknown question scope.ofices'
		},
		{
			name: 'condition on an unknown option',
			mutate: (f) => {
				const x = q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk');
				x.when = { answer: 'scope.offices', in: ['none', 'garage'] };
				x.skipReason = 'No offices.';
			},
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: condition refers to unknown option scope.offices = garage'
		},
		{
			name: 'includes on a single-choice question',
			mutate: (f) => {
				const x = q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk');
				x.when = { answer: 'scope.offices', includes: 'none' };
				x.skipReason = 'No offices.';
			},
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: "includes" needs a multi-choice question, scope.offices is single'
		},
		{
			name: 'equals on a multi-choice question',
			mutate: (f) =>
				(cuec(f, 'CUEC-ACCESS-02').when = { answer: 'scope.product-features', equals: 'roles' }),
			expected:
				'questions/cuecs.yaml: CUEC CUEC-ACCESS-02: use "includes" or "in" for multi-choice question scope.product-features'
		},
		{
			name: 'boolean question compared with a string',
			mutate: (f) => {
				const rules = f['questions/category-rules.yaml']!.rules as Record<string, unknown>[];
				rules[0]!.when = { answer: 'profile.uptime-commitment', equals: 'yes' };
			},
			expected:
				'questions/category-rules.yaml: rule rule.availability.requested: profile.uptime-commitment is yes/no, compare it with true or false'
		},
		{
			name: 'gte on a non-number question',
			mutate: (f) => (cuec(f, 'CUEC-ACCESS-02').when = { answer: 'scope.offices', gte: 1 }),
			expected:
				'questions/cuecs.yaml: CUEC CUEC-ACCESS-02: "gte" needs a number question, scope.offices is single'
		},
		{
			name: 'answer condition without an operator',
			mutate: (f) => (cuec(f, 'CUEC-ACCESS-02').when = { answer: 'scope.product-features' }),
			expected:
				/^questions\/cuecs\.yaml: cuecs\[1\] \(CUEC-ACCESS-02\)\.when: an answer condition needs one operator/
		},
		{
			name: 'nested malformed condition reported at its path',
			mutate: (f) =>
				(cuec(f, 'CUEC-ACCESS-02').when = {
					all: [{ category: 'privacy' }, { answer: 'scope.offices', equals: 'none', extra: 1 }]
				}),
			expected: /\(CUEC-ACCESS-02\)\.when\.all\[1\]\.extra: unknown field/
		},
		{
			name: 'unknown category in a condition',
			mutate: (f) => (cuec(f, 'CUEC-ACCESS-02').when = { category: 'integrity' }),
			expected: /\(CUEC-ACCESS-02\)\.when\.category: Invalid type/
		},
		{
			name: 'condition that is not an object',
			mutate: (f) => (cuec(f, 'CUEC-ACCESS-02').when = 'always'),
			expected: /\(CUEC-ACCESS-02\)\.when: must be a condition object/
		},
		{
			name: 'profile question conditioned on itself',
			mutate: (f) =>
				(profileQ(f, 'scope.privacy-role').when = { answer: 'scope.privacy-role', answered: true }),
			expected:
				'questions/profile.yaml: question scope.privacy-role: condition refers to the question itself'
		},
		{
			name: 'when without skipReason',
			mutate: (f) =>
				(q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').when = {
					answer: 'scope.offices',
					equals: 'none'
				}),
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: a question with "when" needs a skipReason'
		},
		{
			name: 'skipReason without when',
			mutate: (f) => (q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').skipReason = 'Never.'),
			expected: 'questions/maturity/cc3.yaml: question cc3-fraud-risk: skipReason without "when"'
		},
		{
			name: 'identical level 3 and level 4',
			mutate: (f) => {
				const x = q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk');
				x.level4 = x.level3;
			},
			expected:
				'questions/maturity/cc3.yaml: question cc3-fraud-risk: level3 and level4 must describe different states'
		},
		{
			name: 'maturity file with the wrong area',
			mutate: (f) => (f['questions/maturity/cc4.yaml']!.area = 'CC5'),
			expected: 'questions/maturity/cc4.yaml: area CC5 must live in questions/maturity/cc5.yaml'
		},
		{
			name: 'choice question without options',
			mutate: (f) => delete profileQ(f, 'scope.offices').options,
			expected: 'questions/profile.yaml: question scope.offices: a single question needs options'
		},
		{
			name: 'duplicate option id',
			mutate: (f) => {
				const options = profileQ(f, 'scope.offices').options as Record<string, unknown>[];
				options[1]!.id = 'none';
			},
			expected:
				'questions/profile.yaml: question scope.offices: option none is defined more than once'
		},
		{
			name: 'profile id and stage disagree',
			mutate: (f) => (profileQ(f, 'scope.offices').stage = 'profile'),
			expected:
				'questions/profile.yaml: question scope.offices: id starts with "scope." but stage is profile'
		},
		{
			name: 'duplicate CUEC id',
			mutate: (f) => (cuec(f, 'CUEC-ACCESS-02').id = 'CUEC-ACCESS-01'),
			expected: 'questions/cuecs.yaml: CUEC CUEC-ACCESS-01 is defined more than once'
		},
		{
			name: 'CUEC mapped to a non-existent criterion',
			mutate: (f) => (cuec(f, 'CUEC-ACCESS-02').criteria = ['CC6.3', 'PP1.1']),
			expected: /\(CUEC-ACCESS-02\)\.criteria\[1\]: must be a criterion id/
		},
		{
			name: 'CUEC mapped to an unknown but well-formed criterion',
			mutate: (f) => (cuec(f, 'CUEC-ACCESS-02').criteria = ['CC6.9']),
			expected: 'questions/cuecs.yaml: CUEC CUEC-ACCESS-02: unknown criterion CC6.9'
		},
		{
			name: 'duplicate rule id',
			mutate: (f) => {
				const rules = f['questions/category-rules.yaml']!.rules as Record<string, unknown>[];
				rules[1]!.id = rules[0]!.id;
			},
			expected:
				'questions/category-rules.yaml: id rule.availability.requested is used more than once'
		},
		{
			name: 'category without any suggestion rule',
			mutate: (f) => {
				const file = f['questions/category-rules.yaml']!;
				file.rules = (file.rules as { category: string }[]).filter((r) => r.category !== 'privacy');
			},
			expected: 'questions/category-rules.yaml: no suggestion rule for privacy'
		},
		{
			name: 'reserved vendor kind id',
			mutate: (f) =>
				((f['questions/vendors.yaml']!.kinds as Record<string, unknown>[])[0]!.id = 'other'),
			expected:
				'questions/vendors.yaml: vendor kind other: "other" is reserved for vendors outside the catalogue'
		},
		{
			name: 'criterion in the wrong area',
			mutate: (f) => {
				const list = f['questions/criteria.yaml']!.criteria as Record<string, unknown>[];
				list.find((c) => c.id === 'CC6.1')!.area = 'CC7';
			},
			expected: 'questions/criteria.yaml: criterion CC6.1: area must be CC6, not CC7'
		},
		{
			name: 'criterion with the wrong category',
			mutate: (f) => {
				const list = f['questions/criteria.yaml']!.criteria as Record<string, unknown>[];
				list.find((c) => c.id === 'A1.1')!.category = 'security';
			},
			expected:
				'questions/criteria.yaml: criterion A1.1: category must be availability (area A1), not security'
		},
		{
			name: 'COSO principle outside CC1–CC5',
			mutate: (f) => {
				const list = f['questions/criteria.yaml']!.criteria as Record<string, unknown>[];
				list.find((c) => c.id === 'CC6.1')!.coso = 10;
			},
			expected: 'questions/criteria.yaml: criterion CC6.1: coso applies to CC1–CC5 only'
		},
		{
			name: 'old ISO numbering',
			mutate: (f) => {
				const list = f['questions/criteria.yaml']!.criteria as Record<string, unknown>[];
				list.find((c) => c.id === 'CC6.1')!.iso27001 = ['A.9.2.1'];
			},
			expected: /criteria\[\d+\] \(CC6\.1\)\.iso27001\[0\]: must be an ISO\/IEC 27001:2022 clause/
		},
		{
			name: 'duplicate criterion',
			mutate: (f) => {
				const list = f['questions/criteria.yaml']!.criteria as Record<string, unknown>[];
				list.push(structuredClone(list[0]!));
			},
			expected: 'questions/criteria.yaml: criterion CC1.1 is defined more than once'
		},
		{
			name: 'area with the wrong category',
			mutate: (f) => {
				const list = f['questions/areas.yaml']!.areas as Record<string, unknown>[];
				list.find((a) => a.id === 'C1')!.category = 'privacy';
			},
			expected: 'questions/areas.yaml: area C1: category must be confidentiality, not privacy'
		},
		{
			name: 'missing area',
			mutate: (f) => {
				const file = f['questions/areas.yaml']!;
				file.areas = (file.areas as { id: string }[]).filter((a) => a.id !== 'PI1');
			},
			expected: 'questions/areas.yaml: area PI1 is missing'
		},
		{
			name: 'bad version',
			mutate: (f) => (f['questions/bank.yaml']!.version = 'v1'),
			expected: /^questions\/bank\.yaml: version: must be a semantic version/
		},
		{
			name: 'a CUEC condition naming a scope answer that does not exist',
			mutate: (f) =>
				(cuec(f, 'CUEC-ACCESS-01').when = {
					answer: 'scope.product-features',
					includes: 'many-users'
				}),
			expected:
				'questions/cuecs.yaml: CUEC CUEC-ACCESS-01: condition refers to unknown option scope.product-features = many-users'
		},
		{
			name: 'a CUEC that says "Always" but has a condition',
			mutate: (f) => (cuec(f, 'CUEC-ACCESS-01').whenText = 'Always'),
			expected:
				'questions/cuecs.yaml: CUEC CUEC-ACCESS-01: whenText says "Always" but the CUEC has a condition'
		},
		{
			name: 'a CUEC without a condition that does not say "Always"',
			mutate: (f) => (cuec(f, 'CUEC-COMM-01').whenText = 'When it matters'),
			expected:
				'questions/cuecs.yaml: CUEC CUEC-COMM-01: without a condition, whenText must be "Always"'
		},
		{
			name: 'a CUEC conditioned on a category it lists no criterion of',
			mutate: (f) => (cuec(f, 'CUEC-BACKUP-02').criteria = ['CC9.1']),
			expected:
				'questions/cuecs.yaml: CUEC CUEC-BACKUP-02: its condition names availability, but it lists no availability criterion'
		},
		{
			name: 'a privacy CUEC handed to the customers of a controller',
			mutate: (f) =>
				(cuec(f, 'CUEC-PRIV-03').when = { answer: 'scope.data-types', includes: 'personal-data' }),
			expected:
				'questions/cuecs.yaml: CUEC CUEC-PRIV-03: a privacy CUEC must not apply when you are the controller (condition it on scope.privacy-role)'
		},
		{
			name: 'a privacy CUEC that never applies to a processor',
			mutate: (f) =>
				(cuec(f, 'CUEC-PRIV-01').when = { answer: 'scope.privacy-role', equals: 'both' }),
			expected:
				'questions/cuecs.yaml: CUEC CUEC-PRIV-01: a privacy CUEC must apply when you are a processor'
		},
		{
			name: 'a vendor kind whose subservice condition names an unknown answer',
			mutate: (f) =>
				(vendorKind(f, 'payment-processor').subserviceWhen = {
					answer: 'scope.sells-payments',
					equals: true
				}),
			expected:
				'questions/vendors.yaml: vendor kind payment-processor: subserviceWhen: condition refers to unknown question scope.sells-payments'
		},
		{
			name: 'a subservice condition on a kind that is always a subservice organisation',
			mutate: (f) => {
				const k = vendorKind(f, 'cloud-iaas');
				k.subserviceWhen = { answer: 'profile.uptime-commitment', equals: true };
				k.subserviceWhenText = 'x';
			},
			expected:
				'questions/vendors.yaml: vendor kind cloud-iaas: subserviceWhen is for kinds that are only sometimes subservice organisations (usuallySubservice is yes)'
		},
		{
			name: 'a subservice condition without its text',
			mutate: (f) => delete vendorKind(f, 'cdn-waf-dns').subserviceWhenText,
			expected:
				'questions/vendors.yaml: vendor kind cdn-waf-dns: subserviceWhen needs a subserviceWhenText'
		},
		{
			name: 'a small-team path that does not depend on the team size',
			mutate: (f) =>
				((q(f, 'maturity/cc8.yaml', 'cc8-peer-review').smallTeam as Record<string, unknown>).when =
					{ answer: 'profile.hosting', equals: 'paas' }),
			expected:
				'questions/maturity/cc8.yaml: question cc8-peer-review: smallTeam must depend on the team size (profile.headcount or profile.engineers)'
		},
		{
			name: 'a small-team path naming an option that does not exist',
			mutate: (f) =>
				((
					q(f, 'maturity/cc6.yaml', 'cc6-segregation-of-duties').smallTeam as Record<
						string,
						unknown
					>
				).when = { answer: 'profile.engineers', in: ['one', 'three'] }),
			expected:
				'questions/maturity/cc6.yaml: question cc6-segregation-of-duties: smallTeam: condition refers to unknown option profile.engineers = three'
		},
		{
			name: 'a team path on a remediation of a question without a small-team path',
			mutate: (f) => {
				const r = (
					q(f, 'maturity/cc6.yaml', 'cc6-mfa').remediation as Record<string, unknown>[]
				)[0]!;
				r.teamPath = 'small';
			},
			expected:
				'questions/maturity/cc6.yaml: question cc6-mfa: teamPath on a remediation needs a smallTeam path on the question'
		},
		{
			name: 'a small-team path whose plan never fixes the design',
			mutate: (f) => {
				const rems = q(f, 'maturity/cc8.yaml', 'cc8-peer-review').remediation as Record<
					string,
					unknown
				>[];
				for (const r of rems)
					if (r.teamPath === 'small' && r.appliesBelow === 3) r.teamPath = 'standard';
			},
			expected:
				'questions/maturity/cc8.yaml: question cc8-peer-review: needs at least one remediation with appliesBelow 3 or lower (fixes the design) for the small team path'
		},
		{
			name: 'a missing vendor question',
			mutate: (f) => {
				const file = f['questions/vendors.yaml']!;
				file.questions = file.questions.filter((x) => x.id !== 'report-period-end');
			},
			expected: 'questions/vendors.yaml: vendor question report-period-end is missing'
		}
	];

	it.each(cases)('$name', ({ mutate, expected }) => {
		const errors = errorsOf(broken(mutate));
		if (typeof expected === 'string') expect(errors).toContain(expected);
		else
			expect(
				errors.some((e) => expected.test(e)),
				errors.join('\n')
			).toBe(true);
	});

	it('reports criteria left without any question, unless coverage is explicitly relaxed', () => {
		const files = broken((f) => {
			const file = f['questions/maturity/cc3.yaml']!;
			file.questions = file.questions.filter((x) => !(x.criteria as string[]).includes('CC3.3'));
		});
		const errors = errorsOf(files);
		expect(errors[0]).toBe(
			'questions/maturity/: 1 criterion is not covered by any maturity question of their area: CC3.3'
		);
		// The removed question also leaves its points of focus pointing at an unknown id.
		expect(errors.slice(1)).toEqual([
			'questions/points-of-focus.yaml: point CC3.3.1: coveredBy refers to unknown question cc3-fraud-risk',
			'questions/points-of-focus.yaml: point CC3.3.2: coveredBy refers to unknown question cc3-fraud-risk',
			'questions/points-of-focus.yaml: point CC3.3.3: coveredBy refers to unknown question cc3-fraud-risk',
			'questions/points-of-focus.yaml: point CC3.3.4: coveredBy refers to unknown question cc3-fraud-risk',
			'questions/points-of-focus.yaml: point CC3.3.5: coveredBy refers to unknown question cc3-fraud-risk',
			// …and the evidence request that looks at it.
			'questions/evidence-requests.yaml: request risk-assessment: unknown question cc3-fraud-risk'
		]);
		expect(checkBank(files, { requireCoverage: false }).bank).not.toBeNull();
	});

	it('collects every problem instead of stopping at the first', () => {
		const errors = errorsOf(
			broken((f) => {
				q(f, 'maturity/cc3.yaml', 'cc3-fraud-risk').remediation[0]!.dependsOn = ['rem.a.b'];
				cuec(f, 'CUEC-ACCESS-02').criteria = ['CC6.9'];
			})
		);
		expect(errors).toHaveLength(2);
	});

	it('throws a BankError listing the problems', () => {
		const files = broken((f) => delete f['questions/vendors.yaml']);
		expect(() => compileBank(files)).toThrow(BankError);
		try {
			compileBank(files);
		} catch (e) {
			expect((e as BankError).problems).toEqual(['questions/vendors.yaml: file is missing']);
			expect((e as Error).message).toContain('questions/vendors.yaml: file is missing');
		}
	});

	it('does not modify its input', () => {
		const files = structuredClone(valid);
		compileBank(files);
		expect(files).toEqual(valid);
	});
});

describe('reading YAML from disk', () => {
	it('reports YAML syntax errors with file, line and column, and loadBankFromDisk throws', () => {
		const dir = mkdtempSync(join(tmpdir(), 'bank-'));
		try {
			cpSync(resolve(import.meta.dirname, '..', '..', 'questions'), dir, { recursive: true });
			writeFileSync(join(dir, 'bank.yaml'), 'version: 1.0.0\nversion: 1.0.1\n');
			mkdirSync(join(dir, 'maturity'), { recursive: true });
			writeFileSync(join(dir, 'maturity', 'cc1.yaml'), 'area: CC1\nquestions: [\n  - id: x\n');
			const read = readBankFiles(dir);
			expect(read.errors).toEqual(
				expect.arrayContaining([
					expect.stringMatching(
						/^questions\/bank\.yaml:2:1: YAML syntax error: Map keys must be unique/
					),
					expect.stringMatching(/^questions\/maturity\/cc1\.yaml:\d+:\d+: YAML syntax error: /)
				])
			);
			expect(() => loadBankFromDisk(dir)).toThrow(/bank\.yaml:2:1: YAML syntax error/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('reports a missing directory', () => {
		expect(readBankFiles('/nonexistent/questions').errors).toEqual([
			'/nonexistent/questions: the question bank directory does not exist'
		]);
	});
});
