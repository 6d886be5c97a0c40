/**
 * A small, hand-made question bank and assessment for interview tests (machine, state class,
 * components). Independent of the real bank content so the tests pin the flow, not the text.
 */
import type { Assessment, Bank, MaturityQuestion } from '$lib/domain/types';

function q(
	id: string,
	area: MaturityQuestion['area'],
	criteria: string[],
	extra: Partial<MaturityQuestion> = {}
): MaturityQuestion {
	return {
		id,
		area,
		criteria,
		title: `Title of ${id}`,
		prompt: `Prompt of ${id}?`,
		why: `Why ${id} matters.`,
		level3: `Level 3 for ${id}.`,
		level4: `Level 4 for ${id}.`,
		evidence: [`Evidence A for ${id}`, `Evidence B for ${id}`],
		criticality: 3,
		weight: 1,
		remediation: [
			{
				id: `rem.${id}.fix`,
				action: `Fix ${id}`,
				ownerRole: 'CTO',
				effort: 'S',
				acceptance: ['Done'],
				evidence: ['Proof'],
				dependsOn: [],
				quickWin: true
			}
		],
		...extra
	};
}

export function fixtureBank(): Bank {
	return {
		version: '0.0.1-test',
		areas: [
			{ id: 'CC1', name: 'Control environment', category: 'security', intro: 'Tone at the top.' },
			{
				id: 'CC6',
				name: 'Logical and physical access',
				category: 'security',
				intro: 'Who gets in.'
			},
			{ id: 'A1', name: 'Availability', category: 'availability', intro: 'Staying up.' },
			{ id: 'P', name: 'Privacy', category: 'privacy', intro: 'Personal data.' }
		],
		criteria: [
			{
				id: 'CC1.1',
				category: 'security',
				area: 'CC1',
				series: 'CC1 Control environment',
				title: 'Integrity and ethics',
				summary: 'Ethics.',
				coso: 1,
				iso27001: ['5.1']
			},
			{
				id: 'CC6.1',
				category: 'security',
				area: 'CC6',
				series: 'CC6 Access',
				title: 'Logical access',
				summary: 'Access.',
				iso27001: ['A.5.15']
			},
			{
				id: 'CC6.4',
				category: 'security',
				area: 'CC6',
				series: 'CC6 Access',
				title: 'Physical access',
				summary: 'Doors.',
				iso27001: ['A.7.2']
			},
			{
				id: 'A1.2',
				category: 'availability',
				area: 'A1',
				series: 'A1 Availability',
				title: 'Recovery',
				summary: 'Backups.',
				iso27001: []
			},
			{
				id: 'P1.1',
				category: 'privacy',
				area: 'P',
				series: 'P1 Notice',
				title: 'Notice',
				summary: 'Notice.',
				iso27001: []
			}
		],
		profileQuestions: [
			{
				id: 'profile.headcount',
				stage: 'profile',
				kind: 'single',
				prompt: 'How many people work at the company?',
				required: true,
				options: [
					{ id: '1-10', label: '1–10' },
					{ id: '11-50', label: '11–50' }
				]
			},
			{
				id: 'profile.prior-soc',
				stage: 'profile',
				kind: 'single',
				prompt: 'Prior SOC reports?',
				options: [
					{ id: 'none', label: 'None' },
					{ id: 'soc2-type2', label: 'SOC 2 Type II' }
				]
			},
			{
				id: 'profile.uptime-commitment',
				stage: 'profile',
				kind: 'boolean',
				prompt: 'Do you promise uptime?'
			},
			{
				id: 'profile.categories-requested',
				stage: 'profile',
				kind: 'multi',
				prompt: 'Categories buyers asked for',
				options: [
					{ id: 'availability', label: 'Availability' },
					{ id: 'privacy', label: 'Privacy' }
				]
			},
			{ id: 'scope.services', stage: 'scope', kind: 'longtext', prompt: 'Services in scope' },
			{
				id: 'scope.data-types',
				stage: 'scope',
				kind: 'multi',
				prompt: 'Data handled',
				options: [
					{ id: 'personal-data', label: 'Personal data', sensitive: true },
					{ id: 'payment-card', label: 'Payment card data', sensitive: true },
					{ id: 'source-code', label: 'Source code' }
				]
			},
			{
				id: 'scope.privacy-role',
				stage: 'scope',
				kind: 'single',
				prompt: 'Controller or processor?',
				when: { answer: 'scope.data-types', includes: 'personal-data' },
				options: [
					{ id: 'controller', label: 'Controller' },
					{ id: 'processor', label: 'Processor' }
				]
			},
			{
				id: 'scope.offices',
				stage: 'scope',
				kind: 'single',
				prompt: 'Offices?',
				required: true,
				options: [
					{ id: 'none', label: 'None' },
					{ id: 'own-offices', label: 'Own offices' }
				]
			}
		],
		vendorKinds: [
			{
				id: 'cloud-iaas',
				name: 'Cloud infrastructure (IaaS)',
				examples: 'AWS, Google Cloud, Azure',
				usuallySubservice: 'yes',
				defaultMethod: 'carve-out',
				guidance: 'Runs the servers.',
				csocs: ['Restricts physical access to data centres', 'Destroys storage media securely'],
				companyKeeps: 'IAM, network rules.',
				criteria: ['CC6.4']
			},
			{
				id: 'msp',
				name: 'Managed service provider',
				examples: 'A local MSP',
				usuallySubservice: 'sometimes',
				defaultMethod: 'inclusive',
				guidance: 'Runs infrastructure for you.',
				csocs: ['Patches servers monthly'],
				companyKeeps: 'Oversight.',
				criteria: ['CC9.2']
			}
		],
		vendorQuestions: [],
		categoryRules: [
			{
				id: 'rule.uptime',
				category: 'availability',
				when: { answer: 'profile.uptime-commitment', equals: true },
				strength: 'strong',
				reason: 'You promise uptime.'
			},
			{
				id: 'rule.personal',
				category: 'privacy',
				when: { answer: 'scope.privacy-role', equals: 'controller' },
				strength: 'medium',
				reason: 'You collect personal data as controller.'
			},
			{
				id: 'rule.requested-privacy',
				category: 'privacy',
				when: { answer: 'profile.categories-requested', includes: 'privacy' },
				strength: 'strong',
				reason: 'A buyer asked for Privacy.'
			}
		],
		scopeNotes: [
			{
				id: 'note.pci',
				when: { answer: 'scope.data-types', includes: 'payment-card' },
				text: 'PCI DSS is a separate obligation.'
			}
		],
		overScopingWarning: 'Keep the first audit small.',
		cuecs: [
			{
				id: 'CUEC-ACCESS-01',
				area: 'User access',
				text: 'Approve each account.',
				criteria: ['CC6.1'],
				whenText: 'Always'
			},
			{
				id: 'CUEC-PRIV-02',
				area: 'Data subjects',
				text: 'Handle data-subject requests.',
				criteria: ['P1.1'],
				when: { category: 'privacy' },
				whenText: 'When Privacy is selected'
			}
		],
		questions: [
			q('cc1-ethics', 'CC1', ['CC1.1']),
			q('cc1-board', 'CC1', ['CC1.1']),
			q('cc6-mfa', 'CC6', ['CC6.1'], { key: true }),
			q('cc6-office', 'CC6', ['CC6.4'], {
				when: { answer: 'scope.offices', in: ['own-offices'] },
				skipReason: 'You have no offices, so office access controls do not apply.'
			}),
			q('cc6-review', 'CC6', ['CC6.1']),
			q('a1-backup', 'A1', ['A1.2']),
			q('p-notice', 'P', ['P1.1']),
			q('p-dsr', 'P', ['P1.1'])
		],
		pointsOfFocus: [],
		evidenceRequests: []
	};
}

/** A fresh assessment with a valid Start stage. */
export function fixtureAssessment(over: Partial<Assessment> = {}): Assessment {
	return {
		id: 'a-1',
		meta: {
			organisation: 'Acme Analytics',
			assessor: 'Dana Consultant',
			assessmentDate: '2026-03-02',
			targetReportDate: '2026-12-31',
			planStartDate: null,
			branding: {}
		},
		profile: {},
		subservices: [],
		categories: [],
		categoriesConfirmed: false,
		cuecs: [],
		answers: {},
		planOverrides: {},
		interview: null,
		createdAt: '2026-03-02T09:00:00.000Z',
		updatedAt: '2026-03-02T09:00:00.000Z',
		lastExportedAt: null,
		...over
	};
}

/** An assessment with profile/scope answered and categories confirmed (maturity reachable). */
export function scopedAssessment(over: Partial<Assessment> = {}): Assessment {
	return fixtureAssessment({
		profile: {
			'profile.headcount': '1-10',
			'profile.prior-soc': 'none',
			'scope.services': 'Analytics API',
			'scope.offices': 'none'
		},
		categoriesConfirmed: true,
		...over
	});
}
