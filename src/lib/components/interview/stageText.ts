import type { Stage } from '$lib/interview/types';

/** One or two sentences under each stage title. */
export const STAGE_INTROS: Record<Stage, string> = {
	start:
		'Who is being assessed, by whom and when. Everything you enter stays in this browser on this device.',
	profile:
		'A few facts about the company. They drive which categories are suggested, which questions apply and whether a Type I or Type II report makes sense first.',
	scope:
		'Describe the system the SOC 2 report will cover: services, components, data and where people work. Questions that do not fit this scope are skipped later.',
	subservices:
		'The vendors your system uses. Say which are subservice organisations (their controls are needed to meet your commitments: choose carve-out or inclusive and the controls you count on them to run) and which are ordinary vendors, managed through vendor risk management.',
	tsc: 'Security is always in. Add other categories only where your commitments or your buyers call for them — you can add more in a later year.',
	cuecs:
		'Controls your customers must run for yours to work (complementary user entity controls). They are listed in your system description, so keep them specific.',
	maturity: '',
	review:
		'Check what is still open before reading the results. Each link takes you straight to the question.',
	results: ''
};
