/**
 * Small hand-made banks and assessments for the engine's table-driven tests (not used by the
 * app). Every default is visible here so a test reads as the rule it checks.
 */
import type {
	Area,
	AreaId,
	Assessment,
	Bank,
	CategoryId,
	Criterion,
	MaturityAnswer,
	MaturityQuestion,
	MaturityValue,
	OptionalCategoryId,
	RemediationTemplate
} from '../types';

const AREA_CATEGORY: Record<AreaId, CategoryId> = {
	CC1: 'security',
	CC2: 'security',
	CC3: 'security',
	CC4: 'security',
	CC5: 'security',
	CC6: 'security',
	CC7: 'security',
	CC8: 'security',
	CC9: 'security',
	A1: 'availability',
	C1: 'confidentiality',
	PI1: 'processing-integrity',
	P: 'privacy'
};

export function area(id: AreaId): Area {
	return { id, name: `${id} area`, category: AREA_CATEGORY[id], intro: '' };
}

export function criterion(id: string, areaId: AreaId, iso27001: string[] = []): Criterion {
	return {
		id,
		category: AREA_CATEGORY[areaId],
		area: areaId,
		series: areaId,
		title: `${id} title`,
		summary: '',
		iso27001
	};
}

export function template(id: string, over: Partial<RemediationTemplate> = {}): RemediationTemplate {
	return {
		id,
		action: `Do ${id}`,
		ownerRole: 'Engineering',
		effort: 'S',
		acceptance: [`${id} accepted`],
		evidence: [`${id} evidence`],
		dependsOn: [],
		quickWin: false,
		appliesBelow: 3,
		...over
	};
}

/** A question with a design template (`<id>.design`, below 3) and an operate template (`<id>.operate`, below 4). */
export function question(
	id: string,
	areaId: AreaId,
	over: Partial<MaturityQuestion> = {}
): MaturityQuestion {
	return {
		id,
		area: areaId,
		criteria: [`${areaId}.1`],
		title: `${id} title`,
		prompt: `${id}?`,
		why: '',
		level3: `${id} level 3 looks like this.`,
		level4: `${id} level 4 looks like this.`,
		evidence: [`${id} export`],
		criticality: 3,
		weight: 1,
		remediation: [
			template(`${id}.design`),
			template(`${id}.operate`, { appliesBelow: 4, dependsOn: [] })
		],
		...over
	};
}

export const DATA_TYPES = [
	{ id: 'customer-confidential', label: 'Customer confidential data', sensitive: true },
	{ id: 'personal-data', label: 'Personal data', sensitive: true },
	{ id: 'health-data', label: 'Health data', sensitive: true },
	{ id: 'payment-card', label: 'Payment card data', sensitive: true },
	{ id: 'financial-transactions', label: 'Financial transactions', sensitive: true },
	{ id: 'source-code', label: 'Source code' }
];

/** A bank with every area, one criterion `<area>.1` per area (plus extras) and the given questions. */
export function bank(questions: MaturityQuestion[], extraCriteria: Criterion[] = []): Bank {
	const areas = (Object.keys(AREA_CATEGORY) as AreaId[]).map(area);
	return {
		version: 'test-1',
		areas,
		criteria: [...areas.map((a) => criterion(`${a.id}.1`, a.id, [`A.${a.id}`])), ...extraCriteria],
		profileQuestions: [
			{
				id: 'scope.data-types',
				stage: 'scope',
				kind: 'multi',
				prompt: 'Data?',
				options: DATA_TYPES
			},
			{
				id: 'profile.iso27001',
				stage: 'profile',
				kind: 'single',
				prompt: 'ISO?',
				options: [
					{ id: 'certified', label: 'Certified' },
					{ id: 'in-progress', label: 'In progress' },
					{ id: 'none', label: 'None' }
				]
			},
			{ id: 'profile.type2-demand', stage: 'profile', kind: 'boolean', prompt: 'Type II demanded?' }
		],
		vendorKinds: [
			{
				id: 'cloud-iaas',
				name: 'Cloud IaaS',
				examples: 'AWS',
				usuallySubservice: 'yes',
				defaultMethod: 'carve-out',
				guidance: '',
				csocs: ['Physical security'],
				companyKeeps: '',
				criteria: ['CC6.4']
			}
		],
		vendorQuestions: [],
		categoryRules: [
			{
				id: 'rule.health-privacy',
				category: 'privacy',
				when: { answer: 'scope.data-types', includes: 'health-data' },
				strength: 'medium',
				reason: 'Health data: consider Privacy.'
			}
		],
		scopeNotes: [
			{
				id: 'note.pci',
				when: { answer: 'scope.data-types', includes: 'payment-card' },
				text: 'PCI DSS is separate.'
			}
		],
		overScopingWarning: 'Keep the first audit small.',
		cuecs: [
			{
				id: 'CUEC-1',
				area: 'Access',
				text: 'Approve users.',
				criteria: ['CC6.1'],
				whenText: 'Always'
			}
		],
		questions,
		pointsOfFocus: [],
		evidenceRequests: []
	};
}

/** Reason given to a bare 'na' in these helpers; pass `answer('na')` to test an N/A without one. */
export const TEST_NA_REASON = 'Not used in this system (test).';

export function answer(
	value: MaturityValue | null,
	over: Partial<MaturityAnswer> = {}
): MaturityAnswer {
	return { value, evidence: [], updatedAt: '2026-01-01T00:00:00.000Z', ...over };
}

export interface AssessmentOptions {
	answers?: Record<string, MaturityValue | null | MaturityAnswer>;
	profile?: Assessment['profile'];
	categories?: OptionalCategoryId[];
	target?: string | null;
	assessmentDate?: string;
	planStartDate?: string | null;
	planOverrides?: Assessment['planOverrides'];
	subservices?: Assessment['subservices'];
}

export function assessment(o: AssessmentOptions = {}): Assessment {
	const answers: Record<string, MaturityAnswer> = {};
	for (const [id, v] of Object.entries(o.answers ?? {})) {
		// A bare 'na' comes with a reason; an MaturityAnswer object is taken as given.
		answers[id] =
			v !== null && typeof v === 'object'
				? v
				: answer(v, v === 'na' ? { naReason: TEST_NA_REASON } : {});
	}
	return {
		id: 'a-1',
		meta: {
			organisation: 'Acme',
			assessor: 'Ada',
			assessmentDate: o.assessmentDate ?? '2026-03-02',
			targetReportDate: o.target ?? null,
			planStartDate: o.planStartDate ?? null,
			branding: {}
		},
		profile: o.profile ?? {},
		subservices: o.subservices ?? [],
		categories: o.categories ?? [],
		categoriesConfirmed: true,
		cuecs: [],
		answers,
		planOverrides: o.planOverrides ?? {},
		interview: null,
		createdAt: '2026-03-02T09:00:00.000Z',
		updatedAt: '2026-03-02T09:00:00.000Z',
		lastExportedAt: null
	};
}
