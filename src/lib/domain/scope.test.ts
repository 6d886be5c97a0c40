import { describe, expect, it } from 'vitest';
import {
	activeScopeNotes,
	conditionContext,
	effectiveProfile,
	isFirstAudit,
	questionApplicability,
	relevantCuecs,
	selectedCategories,
	sensitiveDataTypes,
	skipSplit,
	skipSplitOfCounts,
	skipSplitText,
	suggestCategories
} from './scope';
import type {
	Assessment,
	Bank,
	MaturityQuestion,
	OptionalCategoryId,
	ProfileAnswer
} from './types';

function question(
	id: string,
	area: MaturityQuestion['area'],
	extra: Partial<MaturityQuestion> = {}
): MaturityQuestion {
	return {
		id,
		area,
		criteria: [],
		title: id,
		prompt: id,
		why: '',
		level3: '',
		level4: '',
		evidence: [],
		criticality: 3,
		weight: 1,
		remediation: [],
		...extra
	};
}

const bank: Bank = {
	version: 'test',
	areas: [
		{ id: 'CC1', name: 'Control environment', category: 'security', intro: '' },
		{ id: 'CC6', name: 'Access', category: 'security', intro: '' },
		{ id: 'A1', name: 'Availability', category: 'availability', intro: '' },
		{ id: 'P', name: 'Privacy', category: 'privacy', intro: '' }
	],
	criteria: [],
	profileQuestions: [
		{
			id: 'profile.prior-soc',
			stage: 'profile',
			kind: 'single',
			prompt: '',
			options: ['none', 'soc2-type1', 'soc2-type2', 'soc1'].map((id) => ({ id, label: id }))
		},
		{
			id: 'scope.data-types',
			stage: 'scope',
			kind: 'multi',
			prompt: '',
			options: [
				{ id: 'customer-confidential', label: 'Customer confidential data', sensitive: true },
				{ id: 'personal-data', label: 'Personal data', sensitive: true },
				{ id: 'health-data', label: 'Health data', sensitive: true },
				{ id: 'credentials', label: 'Credentials' }
			]
		},
		{
			id: 'scope.privacy-role',
			stage: 'scope',
			kind: 'single',
			prompt: '',
			options: ['controller', 'processor', 'both'].map((id) => ({ id, label: id })),
			when: { answer: 'scope.data-types', includes: 'personal-data' }
		},
		{
			id: 'scope.privacy-detail',
			stage: 'scope',
			kind: 'text',
			prompt: '',
			when: { answer: 'scope.privacy-role', in: ['controller', 'both'] }
		},
		{
			id: 'scope.offices',
			stage: 'scope',
			kind: 'single',
			prompt: '',
			options: ['none', 'coworking', 'own-offices'].map((id) => ({ id, label: id }))
		},
		{ id: 'profile.uptime-commitment', stage: 'profile', kind: 'boolean', prompt: '' },
		{ id: 'profile.customer-production-path', stage: 'profile', kind: 'boolean', prompt: '' }
	],
	vendorKinds: [],
	vendorQuestions: [],
	categoryRules: [
		{
			id: 'rule.a-uptime',
			category: 'availability',
			strength: 'strong',
			reason: 'Uptime promised.',
			when: { answer: 'profile.uptime-commitment', equals: true }
		},
		{
			id: 'rule.a-path',
			category: 'availability',
			strength: 'medium',
			reason: 'In the production path.',
			when: { answer: 'profile.customer-production-path', equals: true }
		},
		{
			id: 'rule.p-controller',
			category: 'privacy',
			strength: 'medium',
			reason: 'Controller of personal data.',
			when: { answer: 'scope.privacy-role', in: ['controller', 'both'] }
		},
		{
			id: 'rule.p-processor',
			category: 'privacy',
			strength: 'weak',
			reason: 'Processor only.',
			when: { answer: 'scope.privacy-role', equals: 'processor' }
		},
		{
			id: 'rule.c-conf',
			category: 'confidentiality',
			strength: 'strong',
			reason: 'Confidential data.',
			when: { answer: 'scope.data-types', includes: 'customer-confidential' }
		}
	],
	scopeNotes: [
		{
			id: 'note.hipaa',
			text: 'Consider HIPAA.',
			when: { answer: 'scope.data-types', includes: 'health-data' }
		}
	],
	overScopingWarning: '',
	cuecs: [
		{ id: 'CUEC-A', area: 'a', text: 'Always.', criteria: [], whenText: 'Always' },
		{
			id: 'CUEC-B',
			area: 'b',
			text: 'Availability only.',
			criteria: [],
			when: { category: 'availability' },
			whenText: 'When Availability is selected'
		},
		{
			id: 'CUEC-C',
			area: 'c',
			text: 'Controller only.',
			criteria: [],
			when: { answer: 'scope.privacy-role', equals: 'controller' },
			whenText: 'When you are a controller'
		}
	],
	questions: [
		question('cc1-a', 'CC1'),
		question('cc6-office', 'CC6', {
			when: { answer: 'scope.offices', in: ['coworking', 'own-offices'] },
			skipReason: 'You have no offices.'
		}),
		question('cc6-nowhy', 'CC6', { when: { answer: 'scope.offices', equals: 'none' } }),
		question('a1-a', 'A1'),
		question('p-a', 'P', { when: { answer: 'scope.offices', answered: true }, skipReason: 'x' })
	],
	pointsOfFocus: [],
	evidenceRequests: []
};

function assessment(
	profile: Record<string, ProfileAnswer>,
	categories: OptionalCategoryId[] = []
): Assessment {
	return {
		id: 'a1',
		meta: {
			organisation: 'Org',
			assessor: 'Me',
			assessmentDate: '2026-01-01',
			targetReportDate: null
		},
		profile,
		subservices: [],
		categories,
		cuecs: [],
		answers: {},
		planOverrides: {},
		createdAt: '2026-01-01T00:00:00Z',
		updatedAt: '2026-01-01T00:00:00Z'
	};
}

describe('selectedCategories', () => {
	it.each([
		[[], ['security']],
		[
			['privacy', 'availability'],
			['security', 'availability', 'privacy']
		],
		[
			['processing-integrity', 'confidentiality', 'privacy', 'availability'],
			['security', 'availability', 'confidentiality', 'processing-integrity', 'privacy']
		],
		[
			['privacy', 'privacy'],
			['security', 'privacy']
		]
	] as [OptionalCategoryId[], string[]][])('%j → %j', (cats, expected) => {
		expect(selectedCategories(assessment({}, cats))).toEqual(expected);
	});

	it('ignores a stray "security" or unknown id in the stored list', () => {
		const a = assessment({});
		a.categories = ['security', 'bogus', 'privacy'] as unknown as OptionalCategoryId[];
		expect(selectedCategories(a)).toEqual(['security', 'privacy']);
	});
});

describe('effectiveProfile / conditionContext', () => {
	it('drops answers of hidden questions, following chains', () => {
		const a = assessment({
			'scope.data-types': ['credentials'],
			'scope.privacy-role': 'controller',
			'scope.privacy-detail': 'stale',
			'scope.offices': 'none'
		});
		expect(effectiveProfile(bank, a)).toEqual({
			'scope.data-types': ['credentials'],
			'scope.offices': 'none'
		});
	});

	it('keeps answers of visible questions', () => {
		const profile = {
			'scope.data-types': ['personal-data'],
			'scope.privacy-role': 'both',
			'scope.privacy-detail': 'kept'
		};
		expect(effectiveProfile(bank, assessment(profile))).toEqual(profile);
	});

	it('without a bank uses the raw answers; categories always include security', () => {
		const a = assessment({ 'scope.privacy-role': 'controller' }, ['privacy']);
		expect(conditionContext(a)).toEqual({
			profile: { 'scope.privacy-role': 'controller' },
			categories: ['security', 'privacy']
		});
		expect(conditionContext(a, bank).profile).toEqual({});
	});

	it('does not mutate the assessment', () => {
		const a = assessment({ 'scope.data-types': [], 'scope.privacy-role': 'controller' });
		effectiveProfile(bank, a);
		expect(a.profile['scope.privacy-role']).toBe('controller');
	});
});

describe('questionApplicability', () => {
	const rows = (profile: Record<string, ProfileAnswer>, cats: OptionalCategoryId[] = []) =>
		questionApplicability(bank, assessment(profile, cats)).map((r) => [
			r.question.id,
			r.applicable,
			r.skipReason
		]);

	it('skips categories not in scope and false conditions, in interview order', () => {
		expect(rows({ 'scope.offices': 'none' })).toEqual([
			['cc1-a', true, null],
			['cc6-office', false, 'You have no offices.'],
			['cc6-nowhy', true, null],
			['a1-a', false, 'Availability is not in scope.'],
			['p-a', false, 'Privacy is not in scope.']
		]);
	});

	it('applies category questions once selected, and uses a default reason', () => {
		expect(rows({ 'scope.offices': 'coworking' }, ['availability', 'privacy'])).toEqual([
			['cc1-a', true, null],
			['cc6-office', true, null],
			['cc6-nowhy', false, 'Does not apply to the scope you described.'],
			['a1-a', true, null],
			['p-a', true, null]
		]);
	});

	it('category check comes before the condition', () => {
		expect(rows({})[4]).toEqual(['p-a', false, 'Privacy is not in scope.']);
		expect(rows({}, ['privacy'])[4]).toEqual(['p-a', false, 'x']);
	});

	it('says why each question is skipped, and splits the count the same way everywhere', () => {
		const appl = questionApplicability(bank, assessment({ 'scope.offices': 'none' }));
		expect(appl.map((r) => r.skipKind ?? null)).toEqual([
			null,
			'answers',
			null,
			'category',
			'category'
		]);
		const split = skipSplit(appl);
		expect(split).toEqual({ notSelected: 2, byAnswers: 1 });
		expect(skipSplitText(split)).toBe('2 in categories not selected · 1 skipped by your answers');
		expect(skipSplitText({ notSelected: 0, byAnswers: 3 })).toBe('3 skipped by your answers');
		expect(skipSplitText({ notSelected: 0, byAnswers: 0 })).toBe('');
		// A report model from before the split counts every skipped question as by answers.
		expect(skipSplitOfCounts({ skipped: 4 })).toEqual({ notSelected: 0, byAnswers: 4 });
		expect(skipSplitOfCounts({ skipped: 32, skippedNotSelected: 29, skippedByAnswers: 3 })).toEqual(
			{ notSelected: 29, byAnswers: 3 }
		);
	});
});

describe('suggestCategories', () => {
	it('returns nothing without signals', () => {
		expect(suggestCategories(bank, assessment({}))).toEqual([]);
	});

	it('takes the strongest strength and keeps every matching reason, traced', () => {
		const s = suggestCategories(
			bank,
			assessment({ 'profile.uptime-commitment': true, 'profile.customer-production-path': true }, [
				'availability'
			])
		);
		expect(s).toEqual([
			{
				category: 'availability',
				strength: 'strong',
				selected: true,
				reasons: [
					{ text: 'Uptime promised.', sources: ['rule.a-uptime', 'profile.uptime-commitment'] },
					{
						text: 'In the production path.',
						sources: ['rule.a-path', 'profile.customer-production-path']
					}
				]
			}
		]);
	});

	it('orders categories canonically and reports selection', () => {
		const s = suggestCategories(
			bank,
			assessment({
				'scope.data-types': ['personal-data', 'customer-confidential'],
				'scope.privacy-role': 'processor',
				'profile.customer-production-path': true
			})
		);
		expect(s.map((x) => [x.category, x.strength, x.selected])).toEqual([
			['availability', 'medium', false],
			['confidentiality', 'strong', false],
			['privacy', 'weak', false]
		]);
	});

	it('ignores stale answers of hidden questions', () => {
		const s = suggestCategories(
			bank,
			assessment({ 'scope.data-types': ['credentials'], 'scope.privacy-role': 'controller' })
		);
		expect(s).toEqual([]);
	});
});

describe('relevantCuecs, scope notes, sensitive data', () => {
	it('filters CUECs by category and answers', () => {
		const ids = (p: Record<string, ProfileAnswer>, c: OptionalCategoryId[] = []) =>
			relevantCuecs(bank, assessment(p, c)).map((x) => x.id);
		expect(ids({})).toEqual(['CUEC-A']);
		expect(ids({}, ['availability'])).toEqual(['CUEC-A', 'CUEC-B']);
		expect(
			ids({ 'scope.data-types': ['personal-data'], 'scope.privacy-role': 'controller' })
		).toEqual(['CUEC-A', 'CUEC-C']);
	});

	it('lists active scope notes', () => {
		expect(activeScopeNotes(bank, assessment({}))).toEqual([]);
		expect(activeScopeNotes(bank, assessment({ 'scope.data-types': ['health-data'] }))).toEqual([
			'Consider HIPAA.'
		]);
	});

	it.each([
		[undefined, []],
		[[], []],
		[['credentials'], []],
		[
			['health-data', 'credentials', 'customer-confidential'],
			['Customer confidential data', 'Health data']
		],
		['personal-data', []]
	] as [ProfileAnswer | undefined, string[]][])(
		'sensitive data for %j → %j',
		(answer, expected) => {
			const profile: Record<string, ProfileAnswer> = {};
			if (answer !== undefined) profile['scope.data-types'] = answer;
			expect(sensitiveDataTypes(bank, assessment(profile))).toEqual(expected);
		}
	);
});

describe('isFirstAudit', () => {
	it.each([
		[undefined, true],
		[null, true],
		['', true],
		['none', true],
		['soc1', true],
		['soc2-type1', false],
		['soc2-type2', false]
	] as [ProfileAnswer | undefined, boolean][])('prior-soc %j → %s', (prior, expected) => {
		const profile: Record<string, ProfileAnswer> = {};
		if (prior !== undefined) profile['profile.prior-soc'] = prior;
		expect(isFirstAudit(assessment(profile))).toBe(expected);
	});
});
