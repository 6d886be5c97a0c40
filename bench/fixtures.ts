/**
 * Realistic assessments for the bench, generated from the real question bank: a consultant's
 * full assessment (every optional category selected, so all 61 criteria are in scope; every
 * maturity question answered, a note on every answer, evidence pointers, N/A justifications,
 * vendors, CUECs, branding) and a list of many client assessments in various states.
 *
 * Deterministic: the same seed gives the same assessments, so runs are comparable.
 */
import type {
	Assessment,
	Bank,
	EvidencePointer,
	MaturityAnswer,
	MaturityValue,
	OptionalCategoryId,
	ProfileAnswer,
	ProfileQuestion,
	SubserviceOrg
} from '../src/lib/domain/types';

/** mulberry32: a tiny, good-enough deterministic PRNG. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function pick<T>(r: () => number, items: readonly T[]): T {
	if (items.length === 0) throw new Error('pick from an empty list');
	return items[Math.floor(r() * items.length)] as T;
}

function pickSome<T>(r: () => number, items: readonly T[], min: number, max: number): T[] {
	const n = Math.min(items.length, min + Math.floor(r() * (max - min + 1)));
	const pool = [...items];
	const out: T[] = [];
	while (out.length < n && pool.length)
		out.push(pool.splice(Math.floor(r() * pool.length), 1)[0] as T);
	return out;
}

/** A deterministic UUID-shaped id. */
export function fakeUuid(r: () => number): string {
	const hex = () => Math.floor(r() * 16).toString(16);
	const part = (n: number) => Array.from({ length: n }, hex).join('');
	return `${part(8)}-${part(4)}-4${part(3)}-${pick(r, ['8', '9', 'a', 'b'])}${part(3)}-${part(12)}`;
}

const ORG_FIRST = [
	'Northwind',
	'Bluefin',
	'Cobalt',
	'Juniper',
	'Halcyon',
	'Granite',
	'Lumen',
	'Meridian',
	'Quarry',
	'Saffron',
	'Tundra',
	'Vesper',
	'Wren',
	'Zephyr',
	'Orchid',
	'Pioneer',
	'Kestrel',
	'Aurora',
	'Basalt',
	'Cypress'
] as const;
const ORG_SECOND = [
	'Analytics',
	'Health',
	'Payments',
	'Logistics',
	'Robotics',
	'Learning',
	'Security',
	'Cloud',
	'Labs',
	'Software'
] as const;
const ORG_SUFFIX = ['Ltd', 'GmbH', 'Inc.', 'SAS', 'B.V.', 'AB', 'Oy', 'S.L.', 'ApS', 'AG'] as const;
const ASSESSORS = [
	'Dana Whitfield (vCISO)',
	'Marta Kowalczyk',
	'Ioannis Papadakis',
	'Ольга Смирнова',
	'Sam O’Neill',
	'Priya Raman'
] as const;

const NOTE_PARTS = [
	'Discussed with the Head of Engineering during the workshop on site.',
	'The policy exists in the wiki but nobody could say when it was last reviewed or who approved it.',
	'Tickets in Jira show the procedure being followed for most changes since March; older ones lack approvals.',
	'Evidence is kept in the shared drive, folder “SOC 2 / evidence”, but exports are not dated.',
	'Owner: CTO. Follow up next week with screenshots of the configuration.',
	'Auditor will sample this quarterly; we need at least three months of retained records before the window.',
	'Partly automated through the compliance platform; the manual steps are done by the office manager.',
	'Staff in the Athens office (Αθήνα) follow a slightly different onboarding checklist — to be aligned.',
	'Contractors are not yet covered; 4 of 31 people are contractors with production access.',
	'Client said “we do this informally” — no ticket, no record, depends on one person.',
	'Alerting goes to a Slack channel that is muted at night; on-call rotation starts next month.',
	'Data processing agreement template reviewed by counsel; signed with 12 of 15 customers.'
] as const;

const EVIDENCE_NAMES = [
	'Access review export (Q3)',
	'Information security policy v2.1',
	'Change approval report from CI',
	'On-call schedule',
	'Vendor inventory spreadsheet',
	'Incident post-mortem template',
	'Backup restore test record',
	'Security awareness training completion'
] as const;

function note(r: () => number, questionTitle: string): string {
	const parts = pickSome(r, NOTE_PARTS, 2, 4);
	return `${questionTitle}: ${parts.join(' ')}`;
}

function evidence(r: () => number, n: number): EvidencePointer[] {
	return Array.from({ length: n }, (_, i) => {
		const name = pick(r, EVIDENCE_NAMES);
		const p: EvidencePointer = {
			id: fakeUuid(r),
			name,
			location:
				r() < 0.6
					? `https://wiki.example.internal/security/${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
					: `\\\\fileserver\\compliance\\evidence\\${i + 1}-${name.replace(/[^A-Za-z0-9]+/g, '_')}.pdf`,
			owner: pick(r, ['CTO', 'Head of Engineering', 'People lead', 'Office manager'])
		};
		if (r() < 0.3)
			p.sha256 = Array.from({ length: 64 }, () => Math.floor(r() * 16).toString(16)).join('');
		return p;
	});
}

function profileAnswer(r: () => number, q: ProfileQuestion, org: string): ProfileAnswer {
	const ids = (q.options ?? []).map((o) => o.id);
	switch (q.kind) {
		case 'single':
			return ids.length ? pick(r, ids) : null;
		case 'multi':
			return ids.length ? pickSome(r, ids, 1, Math.min(4, ids.length)) : [];
		case 'boolean':
			return r() < 0.5;
		case 'number':
			return 1 + Math.floor(r() * 200);
		case 'date':
			return '2027-06-30';
		case 'text':
			return `${org}: EU (Frankfurt) and US (Virginia) regions`;
		case 'longtext':
			return `${org} — ${pickSome(r, NOTE_PARTS, 2, 3).join(' ')}`;
	}
}

const ALL_OPTIONAL: OptionalCategoryId[] = [
	'availability',
	'confidentiality',
	'processing-integrity',
	'privacy'
];

const VENDORS: { name: string; kind: string; services: string }[] = [
	{
		name: 'Amazon Web Services',
		kind: 'cloud-iaas',
		services: 'Hosting of the production environment (EC2, RDS, S3)'
	},
	{ name: 'Okta', kind: 'identity-provider', services: 'Single sign-on and MFA for staff' },
	{ name: 'GitHub', kind: 'code-hosting-ci', services: 'Source code hosting, CI/CD pipelines' },
	{ name: 'Stripe', kind: 'payment-processor', services: 'Card payments and billing' },
	{ name: 'Datadog', kind: 'monitoring-logging', services: 'Logs, metrics and alerting' }
];

export interface FullAssessmentOptions {
	seed?: number;
	id?: string;
	organisation?: string;
	/** Fraction of maturity questions answered (1 = all). */
	answeredFraction?: number;
	/** data: URL of a logo for the PDF cover (optional). */
	logoDataUrl?: string | null;
	/** All optional categories selected (true) or a random subset. */
	allCategories?: boolean;
	/** ISO timestamp used for createdAt/updatedAt. */
	now?: string;
}

/**
 * An assessment as a consultant would leave it after a full workshop: every profile and scope
 * question answered, all categories in scope, every maturity question answered with a note
 * (about 5 % "don't know", about 6 % N/A with a justification), evidence pointers on most.
 */
export function fullAssessment(bank: Bank, opts: FullAssessmentOptions = {}): Assessment {
	const r = rng(opts.seed ?? 42);
	const organisation =
		opts.organisation ?? `${pick(r, ORG_FIRST)} ${pick(r, ORG_SECOND)} ${pick(r, ORG_SUFFIX)}`;
	const now = opts.now ?? '2026-11-20T10:00:00.000Z';
	const fraction = opts.answeredFraction ?? 1;

	const profile: Record<string, ProfileAnswer> = {};
	for (const q of bank.profileQuestions) profile[q.id] = profileAnswer(r, q, organisation);
	// Make the scope realistic for a full assessment: sensitive data, personal data, offices.
	profile['scope.data-types'] = [
		'customer-confidential',
		'personal-data',
		'credentials',
		'source-code'
	];
	profile['scope.privacy-role'] = 'processor';
	profile['profile.prior-soc'] = 'none';

	const answers: Record<string, MaturityAnswer> = {};
	const questions = bank.questions;
	questions.forEach((q, i) => {
		if (fraction < 1 && r() >= fraction) return;
		const roll = r();
		let value: MaturityValue;
		if (roll < 0.05) value = 'unknown';
		else if (roll < 0.11) value = 'na';
		else value = pick(r, [0, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5] as const);
		const a: MaturityAnswer = {
			value,
			note: note(r, q.title),
			evidence: evidence(r, Math.floor(r() * 4)),
			updatedAt: new Date(Date.parse(now) - (questions.length - i) * 60_000).toISOString()
		};
		if (value === 'na') {
			a.naReason =
				'The company has no physical office and no on-premises equipment; all staff work remotely on managed laptops.';
		}
		answers[q.id] = a;
	});

	const subservices: SubserviceOrg[] = VENDORS.map((v, i) => ({
		id: fakeUuid(r),
		name: v.name,
		kind: v.kind,
		role: 'subservice',
		services: v.services,
		method: 'carve-out',
		socReport: i < 3 ? 'type2' : pick(r, ['type1', 'none', 'unknown'] as const),
		reportReviewed: i < 2,
		reviewDate: i < 2 ? '2026-09-15' : null,
		csocs: (bank.vendorKinds.find((k) => k.id === v.kind)?.csocs ?? []).slice(0, 3),
		notes: i === 0 ? 'Bridge letter requested for the gap after the report period.' : undefined
	}));

	const planOverrides: Assessment['planOverrides'] = {};
	const templates = questions.flatMap((q) => q.remediation);
	for (const t of pickSome(r, templates, 8, 12))
		planOverrides[t.id] = { ownerRole: 'Security lead' };
	for (const t of pickSome(r, templates, 3, 5))
		planOverrides[t.id] = { ...planOverrides[t.id], done: true };

	return {
		id: opts.id ?? fakeUuid(r),
		meta: {
			organisation,
			assessor: pick(r, ASSESSORS),
			assessmentDate: '2026-11-20',
			targetReportDate: '2027-09-30',
			planStartDate: '2026-12-01',
			branding: { logoDataUrl: opts.logoDataUrl ?? null, brandColor: '#0b6e4f' }
		},
		profile,
		subservices,
		categories: opts.allCategories === false ? pickSome(r, ALL_OPTIONAL, 0, 2) : [...ALL_OPTIONAL],
		categoriesConfirmed: true,
		cuecs: bank.cuecs.map((c) => ({
			id: fakeUuid(r),
			templateId: c.id,
			area: c.area,
			text: c.text,
			criteria: [...c.criteria]
		})),
		answers,
		planOverrides,
		interview: null,
		createdAt: now,
		updatedAt: now,
		lastExportedAt: null
	};
}

/** The organisation-name words the list search can be tested with. */
export const SEARCH_WORDS = ORG_FIRST;

/**
 * `count` client assessments (for the list at scale): unique organisation names built from
 * the words above, answered from 0 % to 100 %, a third of them complete.
 */
export function manyAssessments(bank: Bank, count: number, seed = 7): Assessment[] {
	const r = rng(seed);
	const out: Assessment[] = [];
	for (let i = 0; i < count; i++) {
		const first = ORG_FIRST[i % ORG_FIRST.length] as string;
		const second = ORG_SECOND[Math.floor(i / ORG_FIRST.length) % ORG_SECOND.length] as string;
		const suffix = pick(r, ORG_SUFFIX);
		const fraction = i % 3 === 0 ? 1 : r();
		const day = String(1 + (i % 28)).padStart(2, '0');
		out.push(
			fullAssessment(bank, {
				seed: seed * 1000 + i,
				organisation: `${first} ${second} ${suffix}${i >= ORG_FIRST.length * ORG_SECOND.length ? ` ${i}` : ''}`,
				answeredFraction: fraction,
				allCategories: i % 2 === 0,
				now: `2026-${String(1 + (i % 11)).padStart(2, '0')}-${day}T09:00:00.000Z`
			})
		);
	}
	return out;
}

/** How many of `list` a case-insensitive organisation-name search for `query` should show. */
export function expectedMatches(list: readonly Assessment[], query: string): number {
	const q = query.trim().toLocaleLowerCase();
	return list.filter((a) => a.meta.organisation.toLocaleLowerCase().includes(q)).length;
}
