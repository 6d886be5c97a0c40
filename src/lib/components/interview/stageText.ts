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
		'Vendors whose controls your service depends on. For each one, choose how the report treats it, record its own assurance report and the controls you count on it to run.',
	tsc: 'Security is always in. Add other categories only where your commitments or your buyers call for them — you can add more in a later year.',
	cuecs:
		'Controls your customers must run for yours to work (complementary user entity controls). They are listed in your system description, so keep them specific.',
	maturity: '',
	review:
		'Check what is still open before reading the results. Each link takes you straight to the question.',
	results: ''
};
