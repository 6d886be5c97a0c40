import { describe, expect, it } from 'vitest';
import {
	conditionCategories,
	conditionQuestionIds,
	conditionRefs,
	evaluateCondition,
	isAnswered,
	type ConditionContext
} from './conditions';
import type { Condition, ProfileAnswer } from './types';

const ctx = (
	profile: Record<string, ProfileAnswer>,
	categories: ConditionContext['categories'] = ['security']
): ConditionContext => ({ profile, categories });

const base = ctx(
	{
		'scope.offices': 'coworking',
		'scope.data-types': ['personal-data', 'credentials'],
		'profile.type2-demand': true,
		'profile.compliance-platform': false,
		'profile.count': 42,
		'scope.locations': '  ',
		'scope.services': 'Billing API',
		'scope.product-features': []
	},
	['security', 'privacy']
);

const cases: { name: string; cond: Condition; expected: boolean }[] = [
	// equals
	{
		name: 'equals single id',
		cond: { answer: 'scope.offices', equals: 'coworking' },
		expected: true
	},
	{ name: 'equals other id', cond: { answer: 'scope.offices', equals: 'none' }, expected: false },
	{ name: 'equals true', cond: { answer: 'profile.type2-demand', equals: true }, expected: true },
	{
		name: 'equals false on false',
		cond: { answer: 'profile.compliance-platform', equals: false },
		expected: true
	},
	{
		name: 'equals true on false',
		cond: { answer: 'profile.compliance-platform', equals: true },
		expected: false
	},
	{ name: 'equals number', cond: { answer: 'profile.count', equals: 42 }, expected: true },
	{
		name: 'equals number as string',
		cond: { answer: 'profile.count', equals: '42' },
		expected: false
	},
	{
		name: 'equals text',
		cond: { answer: 'scope.services', equals: 'Billing API' },
		expected: true
	},
	{
		name: 'equals unanswered',
		cond: { answer: 'profile.missing', equals: false },
		expected: false
	},
	{
		name: 'equals whitespace text',
		cond: { answer: 'scope.locations', equals: '  ' },
		expected: false
	},
	{
		name: 'equals on multi',
		cond: { answer: 'scope.data-types', equals: 'personal-data' },
		expected: false
	},
	// includes
	{
		name: 'includes present',
		cond: { answer: 'scope.data-types', includes: 'personal-data' },
		expected: true
	},
	{
		name: 'includes absent',
		cond: { answer: 'scope.data-types', includes: 'health-data' },
		expected: false
	},
	{
		name: 'includes on single',
		cond: { answer: 'scope.offices', includes: 'coworking' },
		expected: false
	},
	{
		name: 'includes unanswered',
		cond: { answer: 'profile.missing', includes: 'x' },
		expected: false
	},
	{
		name: 'includes empty multi',
		cond: { answer: 'scope.product-features', includes: 'mfa' },
		expected: false
	},
	// in
	{
		name: 'in single hit',
		cond: { answer: 'scope.offices', in: ['coworking', 'own-offices'] },
		expected: true
	},
	{ name: 'in single miss', cond: { answer: 'scope.offices', in: ['none'] }, expected: false },
	{
		name: 'in multi intersects',
		cond: { answer: 'scope.data-types', in: ['health-data', 'credentials'] },
		expected: true
	},
	{
		name: 'in multi disjoint',
		cond: { answer: 'scope.data-types', in: ['health-data'] },
		expected: false
	},
	{ name: 'in unanswered', cond: { answer: 'profile.missing', in: ['a'] }, expected: false },
	{ name: 'in empty list', cond: { answer: 'scope.offices', in: [] }, expected: false },
	{
		name: 'in on boolean',
		cond: { answer: 'profile.type2-demand', in: ['true'] },
		expected: false
	},
	// answered
	{
		name: 'answered true on text',
		cond: { answer: 'scope.services', answered: true },
		expected: true
	},
	{
		name: 'answered on false boolean',
		cond: { answer: 'profile.compliance-platform', answered: true },
		expected: true
	},
	{
		name: 'answered whitespace',
		cond: { answer: 'scope.locations', answered: true },
		expected: false
	},
	{
		name: 'not answered whitespace',
		cond: { answer: 'scope.locations', answered: false },
		expected: true
	},
	{
		name: 'answered empty multi',
		cond: { answer: 'scope.product-features', answered: false },
		expected: true
	},
	{
		name: 'answered missing',
		cond: { answer: 'profile.missing', answered: false },
		expected: true
	},
	{
		name: 'answered missing true',
		cond: { answer: 'profile.missing', answered: true },
		expected: false
	},
	// gte / lte
	{ name: 'gte equal', cond: { answer: 'profile.count', gte: 42 }, expected: true },
	{ name: 'gte above', cond: { answer: 'profile.count', gte: 43 }, expected: false },
	{ name: 'lte equal', cond: { answer: 'profile.count', lte: 42 }, expected: true },
	{ name: 'lte below', cond: { answer: 'profile.count', lte: 41 }, expected: false },
	{ name: 'gte on text', cond: { answer: 'scope.services', gte: 0 }, expected: false },
	{ name: 'lte unanswered', cond: { answer: 'profile.missing', lte: 100 }, expected: false },
	// category
	{ name: 'category selected', cond: { category: 'privacy' }, expected: true },
	{ name: 'category not selected', cond: { category: 'availability' }, expected: false },
	{ name: 'security always', cond: { category: 'security' }, expected: true },
	// combinators
	{ name: 'all empty', cond: { all: [] }, expected: true },
	{ name: 'any empty', cond: { any: [] }, expected: false },
	{
		name: 'all true',
		cond: { all: [{ category: 'privacy' }, { answer: 'scope.offices', equals: 'coworking' }] },
		expected: true
	},
	{
		name: 'all one false',
		cond: { all: [{ category: 'privacy' }, { answer: 'scope.offices', equals: 'none' }] },
		expected: false
	},
	{
		name: 'any one true',
		cond: { any: [{ category: 'availability' }, { answer: 'profile.type2-demand', equals: true }] },
		expected: true
	},
	{ name: 'not false', cond: { not: { category: 'availability' } }, expected: true },
	{ name: 'not true', cond: { not: { category: 'privacy' } }, expected: false },
	{
		name: 'nested',
		cond: {
			any: [
				{ all: [{ category: 'confidentiality' }, { answer: 'profile.count', gte: 1 }] },
				{ not: { answer: 'scope.data-types', includes: 'source-code' } }
			]
		},
		expected: true
	}
];

describe('evaluateCondition', () => {
	it.each(cases)('$name → $expected', ({ cond, expected }) => {
		expect(evaluateCondition(cond, base)).toBe(expected);
	});

	it('does not read inherited properties as answers', () => {
		expect(evaluateCondition({ answer: 'constructor', answered: true }, ctx({}))).toBe(false);
		expect(evaluateCondition({ answer: 'toString', answered: false }, ctx({}))).toBe(true);
	});

	it('rejects something that is not a condition', () => {
		expect(() => evaluateCondition({ foo: 1 } as unknown as Condition, base)).toThrow(
			/Not a valid condition/
		);
		expect(() =>
			evaluateCondition({ answer: 'scope.offices', between: [1, 2] } as unknown as Condition, base)
		).toThrow(/Not a valid condition/);
	});

	it('treats null answers as unanswered', () => {
		const c = ctx({ 'scope.offices': null });
		expect(evaluateCondition({ answer: 'scope.offices', answered: false }, c)).toBe(true);
		expect(evaluateCondition({ answer: 'scope.offices', in: ['none'] }, c)).toBe(false);
	});
});

describe('isAnswered', () => {
	it.each([
		[undefined, false],
		[null, false],
		['', false],
		['   ', false],
		['x', true],
		[[], false],
		[['a'], true],
		[false, true],
		[true, true],
		[0, true],
		[Number.NaN, false]
	] as [ProfileAnswer | undefined, boolean][])('%j → %s', (value, expected) => {
		expect(isAnswered(value)).toBe(expected);
	});
});

describe('condition references', () => {
	const cond: Condition = {
		all: [
			{ answer: 'scope.data-types', includes: 'health-data' },
			{ not: { answer: 'scope.offices', in: ['none', 'coworking'] } },
			{ any: [{ category: 'privacy' }, { answer: 'profile.type2-demand', equals: true }] },
			{ answer: 'scope.data-types', answered: true },
			{ category: 'availability' }
		]
	};

	it('lists every question reference with the options it names', () => {
		expect(conditionRefs(cond)).toEqual([
			{
				question: 'scope.data-types',
				op: 'includes',
				value: 'health-data',
				options: ['health-data']
			},
			{
				question: 'scope.offices',
				op: 'in',
				value: ['none', 'coworking'],
				options: ['none', 'coworking']
			},
			{ question: 'profile.type2-demand', op: 'equals', value: true, options: [] },
			{ question: 'scope.data-types', op: 'answered', value: true, options: [] }
		]);
	});

	it('lists question ids once, in first-seen order', () => {
		expect(conditionQuestionIds(cond)).toEqual([
			'scope.data-types',
			'scope.offices',
			'profile.type2-demand'
		]);
	});

	it('lists categories', () => {
		expect(conditionCategories(cond)).toEqual(['privacy', 'availability']);
	});
});
