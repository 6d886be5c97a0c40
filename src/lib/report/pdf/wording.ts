/** Fixed sentences of the report (kept together so they can be reviewed in one place). */

export const REPORT_TITLE = 'SOC 2 readiness assessment';

export const NOT_A_REPORT_LINE = 'Readiness assessment — not a SOC 2 report';

export const ATTESTATION_STATEMENTS: { heading: string; text: string }[] = [
	{
		heading: 'A readiness assessment, not an attestation',
		text: 'This document records a readiness (gap) assessment. It is not an audit, an examination or an attestation, and it gives no assurance of any kind.'
	},
	{
		heading: 'Who can issue a SOC 2 report',
		text: 'Only an independent, licensed CPA firm can examine the organisation’s system and controls and issue a SOC 2 report. No consultant, software tool or compliance platform can issue one, and this document must not be presented to customers as one.'
	},
	{
		heading: 'An attestation, not a certificate',
		text: 'SOC 2 is an attestation: the CPA firm gives an opinion on management’s description of its system and on its controls. It is not a certification; there is no SOC 2 certificate, badge or pass mark, and no company becomes “SOC 2 certified”.'
	},
	{
		heading: 'Limits of this assessment',
		text: 'The results reflect the answers given on the assessment date. Scores, risk ratings, durations and dates are estimates produced by the method described in Appendix B; they are indicative and do not predict the opinion a CPA firm will reach.'
	}
];

export const INTROS = {
	recommendation:
		'Which report to aim for first, and when it could realistically be issued, given current control maturity, open gaps, retained evidence, what customers ask for and the target date.',
	scope:
		'What the assessment covered: the company profile, the system in scope (its services and five components), the data it handles and the Trust Services Categories chosen.',
	subservices:
		'Vendors the system relies on to meet its commitments. Under the carve-out method their controls are excluded from the examination and their SOC reports must be obtained and reviewed; under the inclusive method the auditor tests their controls too.',
	cuecs:
		'Controls the organisation expects its customers to operate. They will be listed in the system description, and the auditor’s opinion assumes customers perform them.',
	gaps: 'Every question whose current level is below its target, sorted by risk (likelihood × impact, 1–25). Target 3 = designed and implemented (needed for a Type I); target 4 = operating with retained evidence (needed for a Type II).',
	roadmap:
		'Actions that close the gaps, grouped by phase from the plan start date. Owners are roles; effort is S (under a week), M (1–4 weeks) or L (over a month). An action is done when its acceptance criteria are met and its evidence is filed.',
	evidence:
		'What an auditor will typically ask for, per control, and the evidence already recorded during the assessment. Use it as the filing plan for the evidence store.',
	iso: 'Indicative only: which gaps an operating ISO/IEC 27001:2022 management system usually already addresses, and what SOC 2 still needs beyond it. The mapping is a practical guide, not an official crosswalk.',
	answers:
		'Every maturity answer as given, with notes, justifications for “not applicable” and evidence pointers (shown as text only). Questions outside the scope are listed at the end with the reason.',
	methodology:
		'How the figures in this report are calculated. Thresholds and durations are typical values; a CPA firm may judge differently.'
};

/** Section numbers (cross-references in the text use them). */
export const SECTION = {
	summary: '1',
	recommendation: '2',
	scope: '3',
	subservices: '4',
	cuecs: '5',
	gaps: '6',
	roadmap: '7',
	evidence: '8',
	iso: '9'
} as const;
