/**
 * The real bank driven through the scope functions: applicability rules never leave a criterion
 * of a selected category without a question, skipped questions explain why, and suggestions,
 * scope notes and CUECs react to the answers that should drive them.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import {
	activeScopeNotes,
	categoryAdvice,
	conditionContext,
	leaveOutAdvice,
	preselectedCategories,
	questionApplicability,
	unfitCuecs,
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
import { suggestedVendorRole } from '../../src/lib/domain/vendors';
import { buildReportModel } from '../../src/lib/domain/engine/index';

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

/** Which CUECs of a family apply, for a profile (rule table, issue 14 points 5 and 6). */
describe('CUEC conditions follow the product and the privacy role', () => {
	const family = (a: Assessment, prefix: string) =>
		relevantCuecs(bank, a)
			.map((c) => c.id)
			.filter((id) => id.startsWith(prefix));
	const ACCESS_ADMIN = ['CUEC-ACCESS-01', 'CUEC-ACCESS-03', 'CUEC-ACCESS-04'];

	it.each<[string, Record<string, ProfileAnswer>, string[]]>([
		['nothing answered', {}, []],
		['single-user accounts', { 'scope.product-features': ['api'] }, []],
		['several users per account', { 'scope.product-features': ['multi-user'] }, ACCESS_ADMIN],
		[
			'several users with roles and an admin role',
			{ 'scope.product-features': ['multi-user', 'roles', 'admin-role'] },
			['CUEC-ACCESS-01', 'CUEC-ACCESS-02', 'CUEC-ACCESS-03', 'CUEC-ACCESS-04', 'CUEC-ACCESS-05']
		]
	])('access administration — %s', (_name, profile, expected) => {
		expect(family(assessment(profile), 'CUEC-ACCESS-')).toEqual(expected);
	});

	it.each<[string, Record<string, ProfileAnswer>, string[]]>([
		[
			'backups of customer content, unlimited retention',
			{ 'scope.backs-up-customer-content': true, 'scope.customer-retention-limited': false },
			[]
		],
		[
			'no backups of customer content',
			{ 'scope.backs-up-customer-content': false },
			['CUEC-BACKUP-01']
		],
		[
			'backups, but retention is limited',
			{ 'scope.backs-up-customer-content': true, 'scope.customer-retention-limited': true },
			['CUEC-BACKUP-01']
		],
		['nothing answered', {}, []]
	])('customer copies — %s', (_name, profile, expected) => {
		expect(family(assessment(profile), 'CUEC-BACKUP-01')).toEqual(expected);
	});

	const personal = (role?: string): Record<string, ProfileAnswer> => ({
		'scope.data-types': ['personal-data'],
		...(role ? { 'scope.privacy-role': role } : {})
	});
	it.each<[string, Record<string, ProfileAnswer>, OptionalCategoryId[], string[]]>([
		['B2C controller, Privacy selected', personal('controller'), ['privacy'], []],
		['B2C controller, Security only', personal('controller'), [], []],
		['processor, Security only', personal('processor'), [], ['CUEC-PRIV-01', 'CUEC-PRIV-03']],
		[
			'processor, Privacy selected',
			personal('processor'),
			['privacy'],
			['CUEC-PRIV-01', 'CUEC-PRIV-02', 'CUEC-PRIV-03']
		],
		['both roles, Security only', personal('both'), [], ['CUEC-PRIV-01', 'CUEC-PRIV-03']],
		['personal data, role not answered', personal(), ['privacy'], []],
		[
			'a stale processor answer after personal data was deselected',
			{ 'scope.data-types': ['source-code'], 'scope.privacy-role': 'processor' },
			['privacy'],
			[]
		]
	])('privacy — %s', (_name, profile, categories, expected) => {
		expect(family(assessment(profile, categories), 'CUEC-PRIV-')).toEqual(expected);
	});
});

/** Which categories are suggested, how strongly, for which profile (issue 14 points 2 and 4). */
describe('category suggestion rule table', () => {
	const strengths = (profile: Record<string, ProfileAnswer>) =>
		Object.fromEntries(
			suggestCategories(bank, assessment(profile)).map((s) => [s.category, s.strength])
		);

	it.each<[string, Record<string, ProfileAnswer>, Record<string, string>]>([
		['no signal', {}, {}],
		[
			'billing SaaS charging its own customers (financial data, no processing for customers)',
			{
				'scope.data-types': ['financial-transactions', 'personal-data'],
				'scope.processing-critical': false,
				'scope.privacy-role': 'processor'
			},
			{ privacy: 'weak' }
		],
		[
			'payroll or payments processed for customers',
			{ 'scope.data-types': ['financial-transactions'], 'scope.processing-critical': true },
			{ 'processing-integrity': 'medium' }
		],
		[
			'calculations customers rely on, no financial data',
			{ 'scope.processing-critical': true },
			{ 'processing-integrity': 'medium' }
		],
		[
			'a buyer asked for Processing Integrity',
			{ 'profile.categories-requested': ['processing-integrity'] },
			{ 'processing-integrity': 'strong' }
		],
		[
			'B2B SaaS processing its customers’ users (processor)',
			{ 'scope.data-types': ['personal-data'], 'scope.privacy-role': 'processor' },
			{ privacy: 'weak' }
		],
		[
			'B2C app collecting from individuals (controller)',
			{ 'scope.data-types': ['personal-data'], 'scope.privacy-role': 'controller' },
			{ privacy: 'medium' }
		],
		[
			'health data',
			{ 'scope.data-types': ['health-data'] },
			{ confidentiality: 'medium', privacy: 'medium' }
		],
		[
			'customers’ confidential information',
			{ 'scope.data-types': ['customer-confidential'] },
			{ confidentiality: 'strong' }
		],
		['uptime promise', { 'profile.uptime-commitment': true }, { availability: 'strong' }]
	])('%s', (_name, profile, expected) => {
		expect(strengths(profile)).toEqual(expected);
	});

	it('never pre-selects a category the buyers did not ask for, however strong the signal', () => {
		const a = assessment({
			'scope.data-types': ['customer-confidential', 'health-data'],
			'profile.uptime-commitment': true,
			'profile.categories-requested': ['privacy']
		});
		expect(preselectedCategories(bank, a)).toEqual(['privacy']);
		expect(preselectedCategories(bank, assessment({ 'profile.uptime-commitment': true }))).toEqual(
			[]
		);
	});
});

/** One verdict per category, the same on every screen (issue 14 point 3). */
describe('category advice', () => {
	const adviceOf = (a: Assessment, c: OptionalCategoryId) =>
		categoryAdvice(bank, a).find((x) => x.category === c)!;

	it('a strongly signalled category is never advised out, selected or not', () => {
		const a = assessment({ 'scope.data-types': ['customer-confidential'] }, ['confidentiality']);
		const c = adviceOf(a, 'confidentiality');
		expect(c).toMatchObject({ backing: 'strong', label: 'Strongly suggested', overScoped: false });
		expect(leaveOutAdvice(c, 4)).toBeNull();
	});

	it('a medium signal (Privacy for health data) is not over-scoping and is advised out only softly', () => {
		const a = assessment({ 'scope.data-types': ['health-data'] }, ['privacy']);
		const p = adviceOf(a, 'privacy');
		expect(p).toMatchObject({ backing: 'medium', label: 'Suggested', overScoped: false });
		expect(p.text).not.toMatch(/no strong signal|nothing in your answers/);
		expect(leaveOutAdvice(p, 2)).toMatch(/^Consider leaving Privacy out .*unless a buyer needs it/);
	});

	it('a selection with no signal on a first audit is over-scoped and advised out', () => {
		const a = assessment({}, ['processing-integrity']);
		const pi = adviceOf(a, 'processing-integrity');
		expect(pi).toMatchObject({ backing: 'none', overScoped: true, selected: true });
		expect(leaveOutAdvice(pi, 3)).toBe(
			'Leave Processing Integrity out of the first examination (no buyer asked for it and nothing in your answers calls for it): it adds 3 blocking actions.'
		);
		expect(
			adviceOf(
				assessment({ 'profile.prior-soc': 'soc2-type2' }, ['processing-integrity']),
				'processing-integrity'
			).overScoped
		).toBe(false);
	});

	it('a renewal is told about this examination, not a first one', () => {
		const a = assessment({ 'profile.prior-soc': 'soc2-type2' }, ['privacy']);
		expect(leaveOutAdvice(adviceOf(a, 'privacy'), 1, false)).toBe(
			'Leave Privacy out of this examination (no buyer asked for it and nothing in your answers calls for it): it adds 1 blocking action.'
		);
		expect(adviceOf(a, 'privacy').text).toMatch(/leave it out of this examination\.$/);
	});

	it('the report advises leaving out only what the rule allows, when the date is missed', () => {
		const doc = JSON.parse(
			readFileSync('test/fixtures/assessments/all-not-in-place.json', 'utf8')
		) as { assessment: Assessment };
		const a: Assessment = {
			...doc.assessment,
			meta: { ...doc.assessment.meta, targetReportDate: '2026-04-01' },
			profile: {
				...doc.assessment.profile,
				'profile.prior-soc': 'none',
				'profile.categories-requested': [],
				'scope.data-types': ['customer-confidential', 'health-data'],
				'scope.processing-critical': false
			},
			categories: ['confidentiality', 'processing-integrity', 'privacy']
		};
		const m = buildReportModel(bank, a, '2026-03-02');
		expect(m.recommendation.meetsTarget).toBe(false);
		const advice = m.recommendation.toMeetTarget.join('\n');
		expect(advice).toMatch(
			/^Leave Processing Integrity out of the first examination \(no buyer asked/m
		);
		expect(advice).toMatch(
			/^Consider leaving Privacy out of the first examination unless a buyer needs it/m
		);
		expect(advice).not.toMatch(/Confidentiality out/);
		expect(m.categoryAdvice!.map((x) => [x.category, x.label])).toEqual([
			['availability', 'No signal'],
			['confidentiality', 'Strongly suggested'],
			['processing-integrity', 'No signal'],
			['privacy', 'Suggested']
		]);
	});

	it('a buyer request outranks every signal', () => {
		const a = assessment({ 'profile.categories-requested': ['privacy'] }, ['privacy']);
		expect(adviceOf(a, 'privacy')).toMatchObject({
			backing: 'requested',
			label: 'Requested by a buyer'
		});
		expect(leaveOutAdvice(adviceOf(a, 'privacy'), 9)).toBeNull();
	});
});

/** The role suggested for a new vendor, per kind and scope (issue 14 point 1). */
describe('vendor role suggestions', () => {
	const role = (kind: string, profile: Record<string, ProfileAnswer> = {}) =>
		suggestedVendorRole(
			bank.vendorKinds.find((k) => k.id === kind),
			conditionContext(assessment(profile), bank)
		);
	it.each<[string, 'subservice' | 'vendor']>([
		['cloud-iaas', 'subservice'],
		['paas', 'subservice'],
		['managed-database', 'subservice'],
		['identity-provider', 'subservice'],
		['managed-service-provider', 'subservice'],
		['hris-payroll', 'vendor'],
		['background-checks', 'vendor'],
		['endpoint-management', 'vendor'],
		['productivity-suite', 'vendor'],
		['messaging', 'vendor'],
		['compliance-platform', 'vendor'],
		['payment-processor', 'vendor'],
		['cdn-waf-dns', 'vendor'],
		['other', 'subservice']
	])('%s → %s', (kind, expected) => {
		expect(role(kind)).toBe(expected);
	});
	it('a payment processor is a subservice organisation when processing payments is the service', () => {
		expect(
			role('payment-processor', {
				'scope.processing-critical': true,
				'scope.data-types': ['financial-transactions']
			})
		).toBe('subservice');
		expect(role('payment-processor', { 'scope.data-types': ['financial-transactions'] })).toBe(
			'vendor'
		);
	});
	it('a CDN is a subservice organisation when you promise uptime', () => {
		expect(role('cdn-waf-dns', { 'profile.uptime-commitment': true })).toBe('subservice');
	});
});

/** A recorded CUEC that no longer fits the scope is flagged, not silently kept (issue 14 point 5). */
describe('recorded CUECs that do not fit the scope', () => {
	const recorded = (templateId: string) => ({
		id: `c-${templateId}`,
		templateId,
		area: 'x',
		text: 'x',
		criteria: []
	});
	it('a privacy CUEC recorded for a controller is flagged, with the reason, in the scope notes', () => {
		const a: Assessment = {
			...assessment({ 'scope.data-types': ['personal-data'], 'scope.privacy-role': 'controller' }),
			cuecs: [recorded('CUEC-PRIV-03'), recorded('CUEC-COMM-01')]
		};
		expect(unfitCuecs(bank, a).map((u) => u.id)).toEqual(['c-CUEC-PRIV-03']);
		expect(scopeNotesOf(a)).toContain(
			'The user entity control CUEC-PRIV-03 (Breach duties as controller) does not fit the scope you described: it applies when you process personal data on behalf of business customers (processor). Remove it, or correct the answers if they are wrong.'
		);
	});
	it('the same CUEC for a processor fits', () => {
		const a: Assessment = {
			...assessment({ 'scope.data-types': ['personal-data'], 'scope.privacy-role': 'processor' }),
			cuecs: [recorded('CUEC-PRIV-03')]
		};
		expect(unfitCuecs(bank, a)).toEqual([]);
	});
});

function scopeNotesOf(a: Assessment): string[] {
	return buildReportModel(bank, a, '2026-03-02').scopeNotes;
}
