/**
 * The real bank driven through the scope functions: applicability rules never leave a criterion
 * of a selected category without a question, skipped questions explain why, and suggestions,
 * scope notes and CUECs react to the answers that should drive them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import {
	activeScopeNotes,
	questionApplicability,
	relevantCuecs,
	sensitiveDataTypes,
	suggestCategories
} from '../../src/lib/domain/scope';
import {
	OPTIONAL_CATEGORY_IDS,
	type Assessment,
	type Bank,
	type OptionalCategoryId,
	type ProfileAnswer
} from '../../src/lib/domain/types';

let bank: Bank;
beforeAll(() => {
	bank = loadBankFromDisk();
});

function assessment(
	profile: Record<string, ProfileAnswer>,
	categories: OptionalCategoryId[] = []
): Assessment {
	return {
		id: 'a',
		meta: {
			organisation: 'Org',
			assessor: 'A',
			assessmentDate: '2026-01-05',
			targetReportDate: null
		},
		profile,
		subservices: [],
		categories,
		cuecs: [],
		answers: {},
		planOverrides: {},
		createdAt: '2026-01-05T00:00:00Z',
		updatedAt: '2026-01-05T00:00:00Z'
	};
}

const ALL = [...OPTIONAL_CATEGORY_IDS];
const scenarios: [string, Assessment][] = [
	['nothing answered, Security only', assessment({})],
	['nothing answered, every category', assessment({}, ALL)],
	[
		'remote cloud start-up, Security only',
		assessment({
			'scope.offices': 'none',
			'scope.remote-work': 'fully-remote',
			'profile.hosting': 'public-cloud',
			'scope.own-datacenter': false,
			'scope.data-types': ['customer-confidential', 'credentials']
		})
	],
	[
		'processor on a platform, every category',
		assessment(
			{
				'scope.offices': 'coworking',
				'profile.hosting': 'paas',
				'scope.data-types': ['personal-data'],
				'scope.privacy-role': 'processor',
				'scope.deletion-commitments': false
			},
			ALL
		)
	],
	[
		'controller on premises with offices, every category',
		assessment(
			{
				'scope.offices': 'own-offices',
				'profile.hosting': 'on-premises',
				'scope.own-datacenter': true,
				'scope.data-types': ['personal-data', 'health-data'],
				'scope.privacy-role': 'controller',
				'scope.deletion-commitments': true
			},
			ALL
		)
	]
];

describe('applicability on the real bank', () => {
	it.each(scenarios)(
		'%s: every criterion in scope keeps at least one applicable question',
		(_, a) => {
			const rows = questionApplicability(bank, a);
			expect(rows).toHaveLength(bank.questions.length);
			const selected = new Set<string>(['security', ...a.categories]);
			const uncovered = bank.criteria
				.filter((c) => selected.has(c.category))
				.filter(
					(c) =>
						!rows.some(
							(r) =>
								r.applicable && r.question.area === c.area && r.question.criteria.includes(c.id)
						)
				)
				.map((c) => c.id);
			expect(uncovered).toEqual([]);
			for (const r of rows) {
				if (r.applicable) expect(r.skipReason).toBeNull();
				else expect(r.skipReason, r.question.id).toMatch(/\S/);
			}
		}
	);

	it('Security only skips every question of the optional categories with the category as reason', () => {
		const rows = questionApplicability(bank, assessment({}));
		const optional = rows.filter((r) => !r.question.area.startsWith('CC'));
		expect(optional.length).toBeGreaterThan(20);
		for (const r of optional) {
			expect(r.applicable).toBe(false);
			expect(r.skipReason).toMatch(
				/^(Availability|Confidentiality|Processing Integrity|Privacy) is not in scope\.$/
			);
		}
	});

	it('a company without offices skips office questions with their own reason', () => {
		const remote = questionApplicability(bank, assessment({ 'scope.offices': 'none' }));
		const office = questionApplicability(bank, assessment({ 'scope.offices': 'own-offices' }));
		const skippedOnlyWhenRemote = remote.filter(
			(r, i) => !r.applicable && office[i]!.applicable && r.question.area === 'CC6'
		);
		expect(skippedOnlyWhenRemote.length).toBeGreaterThan(0);
		for (const r of skippedOnlyWhenRemote) expect(r.skipReason).toBe(r.question.skipReason);
	});
});

describe('suggestions, notes and CUECs on the real bank', () => {
	it('suggests nothing without signals', () => {
		expect(suggestCategories(bank, assessment({}))).toEqual([]);
	});

	it('health data suggests Confidentiality and Privacy, with a HIPAA note', () => {
		const a = assessment({ 'scope.data-types': ['health-data'] });
		const s = suggestCategories(bank, a);
		expect(s.map((x) => x.category)).toEqual(['confidentiality', 'privacy']);
		expect(s.every((x) => x.reasons.every((r) => r.sources.includes('scope.data-types')))).toBe(
			true
		);
		expect(activeScopeNotes(bank, a).join(' ')).toMatch(/HIPAA/);
		expect(sensitiveDataTypes(bank, a)).toEqual(['Health data']);
	});

	it('uptime promises suggest Availability strongly; an explicit request is always strong', () => {
		const s = suggestCategories(bank, assessment({ 'profile.uptime-commitment': true }));
		expect(s).toMatchObject([{ category: 'availability', strength: 'strong', selected: false }]);
		const all = suggestCategories(
			bank,
			assessment({ 'profile.categories-requested': ALL }, ['privacy'])
		);
		expect(all.map((x) => [x.category, x.strength, x.selected])).toEqual([
			['availability', 'strong', false],
			['confidentiality', 'strong', false],
			['processing-integrity', 'strong', false],
			['privacy', 'strong', true]
		]);
	});

	it('a processor-only role suggests Privacy only weakly', () => {
		const s = suggestCategories(
			bank,
			assessment({ 'scope.data-types': ['personal-data'], 'scope.privacy-role': 'processor' })
		);
		expect(s).toMatchObject([{ category: 'privacy', strength: 'weak' }]);
	});

	it('card data triggers the PCI DSS note', () => {
		expect(
			activeScopeNotes(bank, assessment({ 'scope.data-types': ['payment-card'] })).join(' ')
		).toMatch(/PCI DSS/);
	});

	it('CUECs follow product features and categories', () => {
		const ids = (a: Assessment) => relevantCuecs(bank, a).map((c) => c.id);
		const base = ids(assessment({}));
		expect(base).toContain('CUEC-ACCESS-01');
		expect(base).not.toContain('CUEC-AUTH-01');
		expect(base).not.toContain('CUEC-BACKUP-02');
		expect(ids(assessment({ 'scope.product-features': ['mfa', 'api'] }))).toEqual(
			expect.arrayContaining(['CUEC-AUTH-01', 'CUEC-AUTH-04'])
		);
		expect(ids(assessment({}, ['availability']))).toContain('CUEC-BACKUP-02');
		expect(ids(assessment({ 'scope.backs-up-customer-content': false }))).toContain(
			'CUEC-BACKUP-01'
		);
	});
});
