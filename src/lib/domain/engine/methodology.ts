/**
 * The methodology: every threshold, formula constant and lookup table the engine uses, and the
 * prose that explains them (printed in the report appendix and generated into
 * docs/methodology.md). A test checks that every value below appears in that text, so changing
 * a value here changes the explanation with it.
 */
import { VENDOR_BRIDGE_GAP_MONTHS } from '../vendor-period';
import { formatPercent, PHASE_BOUNDS, RISK_BANDS, RISK_ORDER } from './display';
import {
	MATURITY_LABELS,
	type AreaId,
	type Effort,
	type MaturityLevel,
	type MethodologySection,
	type Risk
} from '../types';

// The risk bands, the plan's phases and the percent format are defined with the other display
// helpers (./display, small enough for the pages' first paint) and explained here.
export { formatPercent, PHASE_BOUNDS, RISK_BANDS, RISK_ORDER };

/** Version of the report model shape (bump on a breaking change of `ReportModel`). */
export const MODEL_VERSION = 1;
/** A point of focus counts as "evidence expected" from this answer level up (Implemented). */
export const POINT_EVIDENCE_LEVEL = 3;

// --- Scoring ---------------------------------------------------------------------------------

/** Highest maturity level; a question's score is level / MAX_LEVEL × 100. */
export const MAX_LEVEL = 5;
/** Design target: "Implemented" — what a Type I examines. */
export const DESIGN_TARGET = 3;
/** Operating target: "Operating" with ~3 months of retained evidence — what a Type II samples. */
export const OPERATING_TARGET = 4;
/** Weight used when a bank question carries no valid weight. */
export const DEFAULT_QUESTION_WEIGHT = 1;
/** Level assumed for "don't know" and for unanswered applicable questions. */
export const UNKNOWN_LEVEL: MaturityLevel = 0;

// --- Risk ------------------------------------------------------------------------------------

/** Likelihood (1–5) that a gap leads to an audit exception, from the current level. */
export const LIKELIHOOD_BY_LEVEL: Readonly<Record<0 | 1 | 2 | 3, 1 | 2 | 3 | 4 | 5>> = {
	0: 5,
	1: 4,
	2: 3,
	3: 2
};

/**
 * The highest rating of an operating gap (a control at level 3: it runs, but its evidence is
 * shorter than a window). What is missing is evidence time, not the control.
 */
export const OPERATING_GAP_MAX_RISK: Risk = 'medium';

/** Impact added to a question's criticality when relevant sensitive data is in scope. */
export const SENSITIVE_IMPACT_UPLIFT = 1;
/** Impact and likelihood scale maximum. */
export const MAX_IMPACT = 5;

/**
 * Areas whose impact rises when a sensitive data type (a `scope.data-types` option id) is in
 * scope. Sensitive options not listed fall back to DEFAULT_SENSITIVE_AREAS.
 */
export const SENSITIVE_DATA_AREAS: Readonly<Record<string, readonly AreaId[]>> = {
	'customer-confidential': ['CC6', 'CC7', 'CC9', 'C1'],
	'personal-data': ['CC6', 'CC7', 'CC9', 'C1', 'P'],
	'health-data': ['CC6', 'CC7', 'CC9', 'C1', 'P'],
	'payment-card': ['CC6', 'CC7', 'CC8', 'CC9', 'PI1'],
	'financial-transactions': ['CC6', 'CC7', 'CC8', 'CC9', 'PI1']
};
export const DEFAULT_SENSITIVE_AREAS: readonly AreaId[] = ['CC6', 'CC7', 'CC9', 'C1'];

// --- Evidence requests -------------------------------------------------------------------------

/**
 * Typical sample sizes (smallest, largest) for a manually performed control over a 12-month
 * Type II period, by how often it runs: the figures most often cited (scoping-and-audit.md §7.2).
 * AICPA mandates none; each CPA firm sets its own. Shorter windows are capped at the number of
 * occurrences in them.
 */
export const REQUEST_SAMPLE_12_MONTHS: Readonly<
	Record<'annual' | 'quarterly' | 'monthly' | 'weekly' | 'daily', readonly [number, number]>
> = {
	annual: [1, 1],
	quarterly: [2, 2],
	monthly: [2, 5],
	weekly: [5, 15],
	daily: [20, 40]
};

/** Per-event controls (hires, leavers, changes, incidents): a share of the population, with a floor and a cap (one firm's published rule). */
export const REQUEST_EVENT_SAMPLE = { share: 0.1, floor: 3, cap: 30 } as const;

// --- Plan ------------------------------------------------------------------------------------

/** Calendar days reserved per effort size (S < 1 week, M 1–4 weeks, L > 1 month). */
export const EFFORT_DAYS: Readonly<Record<Effort, number>> = { S: 7, M: 21, L: 42 };

/** How many plan actions one owner role works on at the same time (51 people or more, or headcount not given). */
export const PARALLEL_ACTIONS_PER_OWNER = 3;

/**
 * Small teams: the bank's owner roles fold into the few people who actually exist, and each
 * carries fewer actions at once because compliance is part of a day job. Keyed by the
 * `profile.headcount` answer; other answers keep the bank roles and PARALLEL_ACTIONS_PER_OWNER.
 * A role edited on the assessment is kept as written.
 */
export const TEAM_BY_HEADCOUNT: Readonly<
	Record<string, { parallelPerOwner: number; roles: Readonly<Record<string, string>> }>
> = {
	'1-10': {
		parallelPerOwner: 2,
		roles: {
			CTO: 'CTO / founder',
			'Head of Engineering': 'CTO / founder',
			'Security lead': 'CTO / founder',
			'DevOps lead': 'CTO / founder',
			'Support lead': 'CTO / founder',
			'Privacy lead/DPO': 'CEO / founder',
			'People/HR lead': 'CEO / founder',
			Legal: 'CEO / founder',
			'Finance lead': 'CEO / founder',
			CEO: 'CEO / founder'
		}
	},
	'11-50': {
		parallelPerOwner: 3,
		roles: {
			CTO: 'CTO (security owner)',
			'Security lead': 'CTO (security owner)',
			'Head of Engineering': 'Engineering lead',
			'DevOps lead': 'Engineering lead',
			'Support lead': 'Engineering lead',
			'Privacy lead/DPO': 'Legal and privacy (often outside counsel)',
			Legal: 'Legal and privacy (often outside counsel)',
			'People/HR lead': 'CEO / operations',
			'Finance lead': 'CEO / operations',
			CEO: 'CEO / operations'
		}
	}
};

/** Headcount answers for which the plan is also shown grouped by control (one item per control). */
export const GROUP_PLAN_BY_CONTROL: readonly string[] = ['1-10', '11-50'];

/**
 * Earliest start (days after the plan start) by effective risk. Critical, high and medium gaps
 * block an observation window, so they start as soon as an owner is free (capacity and priority
 * order put the most urgent first); low-risk hygiene waits.
 */
export const RELEASE_DAY_BY_RISK: Readonly<Record<Risk, number>> = {
	critical: 0,
	high: 0,
	medium: 0,
	low: 90
};

/** Quick wins (not low risk) may start on this day whatever their risk. */
export const QUICK_WIN_RELEASE_DAY = 0;

/** Improvements beyond the audit target (templates with appliesBelow 5) start no earlier than this. */
export const IMPROVEMENT_RELEASE_DAY = 90;

// --- Recommendation ----------------------------------------------------------------------------

/** Design is "in place" when at least this share of assessed criteria is design-ready (all questions ≥ 3). */
export const DESIGN_READY_SHARE = 0.8;
/** Controls are "operating" when at least this share of assessed criteria is operating-ready (all ≥ 4). */
export const OPERATING_READY_SHARE = 0.8;
/** …and "partly operating" from this share. */
export const OPERATING_PARTLY_SHARE = 0.3;

/** Open actions of gaps at these risks must be finished before a window (or a Type I date). */
export const BLOCKER_RISKS: readonly Risk[] = ['critical', 'high', 'medium'];

/** First Type II observation window, default. */
export const FIRST_WINDOW_MONTHS = 3;
/** First Type II window when the target date leaves room for it. */
export const LONGER_FIRST_WINDOW_MONTHS = 6;
/** Renewals: 12-month periods back to back. */
export const RENEWAL_WINDOW_MONTHS = 12;
/** A first window may start at most this many months before today, on retained evidence. */
export const MAX_RETROSPECTIVE_MONTHS = 12;

/** Time to select and engage a CPA firm before a Type I as-of date. */
export const AUDITOR_ENGAGEMENT_DAYS = 14;
/** Type I fieldwork after the as-of date. */
export const TYPE1_FIELDWORK_DAYS = 14;
/** Type I report issued this long after fieldwork. */
export const TYPE1_REPORT_DAYS = 28;
/** Type II fieldwork after the window ends. */
export const TYPE2_FIELDWORK_DAYS = 21;
/** Type II report issued this long after the window ends (about six weeks; range 4–10). */
export const TYPE2_REPORT_LAG_DAYS = 42;

/** A vendor's SOC report review older than this many months counts as stale. */
export const VENDOR_REVIEW_MAX_AGE_MONTHS = 12;

/** How many items a reason names before saying "and N more". */
export const REASON_EXAMPLES = 3;

// --- ISO 27001 ---------------------------------------------------------------------------------

/** How much of each area an ISO/IEC 27001:2022 ISMS typically covers (indicative). */
export const ISO_OVERLAP: Readonly<Record<AreaId, 'strong' | 'partial' | 'weak'>> = {
	CC1: 'partial',
	CC2: 'partial',
	CC3: 'strong',
	CC4: 'strong',
	CC5: 'strong',
	CC6: 'strong',
	CC7: 'strong',
	CC8: 'strong',
	CC9: 'strong',
	A1: 'partial',
	C1: 'strong',
	PI1: 'weak',
	P: 'weak'
};

// --- Texts -----------------------------------------------------------------------------------

/** Printed at the end of every report (and on the dashboard). */
export const DISCLAIMER =
	'This is a readiness assessment, not an audit. It records what the organisation told us and compares it with the SOC 2 Trust Services Criteria; it gives no assurance and no opinion. A SOC 2 report is an attestation, not a certificate: only an independent, licensed CPA firm can examine the controls and issue one. Durations, dates and typical figures are planning estimates; the CPA firm you engage decides window lengths, sampling and what evidence it accepts.';

function pct(share: number): string {
	return formatPercent(share * 100);
}

function days(n: number): string {
	return `${n} days`;
}

const AREA_NAMES: Record<AreaId, string> = {
	CC1: 'CC1 control environment',
	CC2: 'CC2 communication and information',
	CC3: 'CC3 risk assessment',
	CC4: 'CC4 monitoring',
	CC5: 'CC5 control activities',
	CC6: 'CC6 logical and physical access',
	CC7: 'CC7 system operations',
	CC8: 'CC8 change management',
	CC9: 'CC9 risk mitigation and vendors',
	A1: 'A1 Availability',
	C1: 'C1 Confidentiality',
	PI1: 'PI1 Processing Integrity',
	P: 'P1–P8 Privacy'
};

/**
 * The methodology as printed in the report appendix and in docs/methodology.md. Every number
 * comes from the constants above.
 */
export function methodologySections(): MethodologySection[] {
	const levelRows: string[][] = [
		['Answer', 'Scored as', 'Meaning'],
		['0', `0 — ${MATURITY_LABELS[0]}`, 'Nothing exists.'],
		['1', `1 — ${MATURITY_LABELS[1]}`, 'Done ad hoc, depends on individuals, not written down.'],
		['2', `2 — ${MATURITY_LABELS[2]}`, 'Written and approved, not yet done consistently.'],
		[
			'3',
			`3 — ${MATURITY_LABELS[3]}`,
			'Done consistently; evidence covers less than an observation window.'
		],
		[
			'4',
			`4 — ${MATURITY_LABELS[4]}`,
			'Done consistently with about three months of retained evidence an auditor can sample.'
		],
		[
			'5',
			`5 — ${MATURITY_LABELS[5]}`,
			'Operating, measured and improved (metrics, reviews, automation).'
		],
		[
			"Don't know",
			`${UNKNOWN_LEVEL}, flagged "unknown"`,
			'Treated as not in place until someone confirms it.'
		],
		[
			'Unanswered (applicable)',
			`${UNKNOWN_LEVEL}, flagged "unanswered"`,
			'Treated as not in place; listed for follow-up.'
		],
		[
			'Not applicable, with a reason',
			'excluded',
			'Left out of every score; the reason is printed in the answers appendix. On a key control every Security examination tests, it is also listed on the executive summary for the CPA firm to confirm.'
		],
		[
			'Not applicable, no reason',
			`${UNKNOWN_LEVEL}, flagged "unanswered"`,
			'Counts as unanswered everywhere until someone writes down why the control does not apply.'
		],
		[
			'Skipped question',
			'excluded',
			'Its category is not selected or its applicability rule is false; listed with the reason.'
		]
	];
	const likelihoodRows: string[][] = [
		['Current level', 'Likelihood', 'Why'],
		[
			`0 (incl. don't know, unanswered)`,
			String(LIKELIHOOD_BY_LEVEL[0]),
			'An absent control is near-certain to fail testing.'
		],
		[
			'1',
			String(LIKELIHOOD_BY_LEVEL[1]),
			'Informal controls leave no trail; exceptions are likely.'
		],
		['2', String(LIKELIHOOD_BY_LEVEL[2]), 'Written but inconsistent; samples will catch misses.'],
		[
			'3',
			String(LIKELIHOOD_BY_LEVEL[3]),
			'Runs consistently, but evidence is shorter than a window.'
		]
	];
	const sensitiveRows: string[][] = [
		[
			'Sensitive data type (scope answer)',
			'Areas whose impact rises by ' + SENSITIVE_IMPACT_UPLIFT
		],
		...Object.entries(SENSITIVE_DATA_AREAS).map(([id, areas]) => [id, areas.join(', ')]),
		['any other type marked sensitive', DEFAULT_SENSITIVE_AREAS.join(', ')]
	];
	const bandRows: string[][] = [
		['Likelihood × impact', 'Rating', 'Meaning'],
		...RISK_BANDS.map((b) => [
			`${b.min}–${b.max}`,
			b.label,
			{
				critical:
					'A key control is missing or a commitment is plainly unmet; do not start a window.',
				high: 'The control is informal or inconsistent; a Type II would likely show exceptions.',
				medium: 'The control exists but evidence, frequency or documentation falls short.',
				low: 'Hygiene; little effect on the examination.'
			}[b.risk]
		])
	];
	const effortRows: string[][] = [
		['Effort', 'Calendar days reserved', 'Meaning'],
		['S', days(EFFORT_DAYS.S), 'under about a week of one person’s work'],
		['M', days(EFFORT_DAYS.M), 'one to four weeks'],
		['L', days(EFFORT_DAYS.L), 'more than a month, or new tooling or architecture']
	];
	const releaseRows: string[][] = [
		['Effective risk', 'Earliest start (days after plan start)'],
		...RISK_ORDER.map((r) => [
			RISK_BANDS.find((b) => b.risk === r)!.label,
			String(RELEASE_DAY_BY_RISK[r])
		]),
		['Quick win (any risk but Low)', String(QUICK_WIN_RELEASE_DAY)],
		['Improvement beyond the target (appliesBelow 5)', `${IMPROVEMENT_RELEASE_DAY} or later`]
	];
	const phaseRows: string[][] = [
		['Phase', 'Starts on day (after plan start)'],
		...PHASE_BOUNDS.map((p) => [
			p.label,
			p.toDay === null ? `${p.fromDay} or later` : `${p.fromDay}–${p.toDay}`
		])
	];
	const decisionRows: string[][] = [
		['#', 'Situation', 'Recommendation', 'Window', 'Rule id (in reasons)'],
		[
			'1',
			'Any critical gap open',
			'remediate-first: close the critical gaps, then reassess',
			`none yet (a ${FIRST_WINDOW_MONTHS}-month window is projected)`,
			'decision:critical-gaps'
		],
		[
			'2',
			`No critical gap, but design not in place (under ${pct(DESIGN_READY_SHARE)} of criteria design-ready)`,
			'remediate-first',
			'none yet (projected as in row 1)',
			'decision:design-not-in-place'
		],
		[
			'0',
			'Renewal: a previous Type II exists (checked first, whatever the gaps)',
			'type2: the next period; with critical gaps or design not in place it still runs, so remediate now and expect exceptions until each fix is in place',
			`${RENEWAL_WINDOW_MONTHS} months from the day after the previous period ended (even if that is already past); if that period would already be over, coverage has lapsed: from today, and the days in between are flagged as a gap`,
			'decision:renewal, decision:renewal-with-gaps'
		],
		[
			'4',
			'First examination; the earliest feasible Type II report meets the target date, or there is no target',
			'type2 (a Type I nobody asked for only costs time and fees)',
			`${FIRST_WINDOW_MONTHS} months; ${LONGER_FIRST_WINDOW_MONTHS} when the target still allows it and the deadline is not hard`,
			'decision:type2-operating (controls operate), decision:type2-time-allows'
		],
		[
			'4a',
			`Deadline before the feasible Type II report; controls operate, at least ${FIRST_WINDOW_MONTHS} months of evidence are kept and nothing blocks a window`,
			'type2 over a period that has already run, if its report meets the target, the target has passed, or no plan meets the target and it reports sooner than a window from today (the CPA firm must agree)',
			`${FIRST_WINDOW_MONTHS} months (${LONGER_FIRST_WINDOW_MONTHS} with 6+ months of evidence and no hard deadline), starting up to the months of evidence kept before today, never more than ${MAX_RETROSPECTIVE_MONTHS}`,
			'decision:type2-retained-evidence'
		],
		[
			'5',
			'Deadline before the feasible Type II report; a Type I already exists',
			'type2 (meanwhile buyers take the Type I with the committed Type II date)',
			`${FIRST_WINDOW_MONTHS} months`,
			'decision:type2-after-type1'
		],
		[
			'6',
			'Deadline before the feasible Type II report; buyers would not accept a Type I',
			'type2, and negotiate the date',
			`${FIRST_WINDOW_MONTHS} months`,
			'decision:type2-type1-refused'
		],
		[
			'7',
			'Deadline before the feasible Type II report; a customer demands Type II, or controls already operate',
			'type1-then-type2 (confirm the buyer accepts a Type I as a bridge)',
			`${FIRST_WINDOW_MONTHS} months, from the day after the Type I date at the earliest`,
			'decision:type1-bridge'
		],
		[
			'8',
			'Deadline before the feasible Type II report; no Type II demand and controls not yet operating',
			'type1 now; Type II when buyers ask or at renewal',
			`${FIRST_WINDOW_MONTHS} months when started`,
			'decision:type1-deadline'
		]
	];
	const durationRows: string[][] = [
		['Step', 'Duration used'],
		['Engaging a CPA firm before a Type I as-of date', days(AUDITOR_ENGAGEMENT_DAYS)],
		['Type I fieldwork after the as-of date', days(TYPE1_FIELDWORK_DAYS)],
		['Type I report after fieldwork', days(TYPE1_REPORT_DAYS)],
		['Type II fieldwork after the window ends', days(TYPE2_FIELDWORK_DAYS)],
		['Type II report after the window ends (fieldwork included)', days(TYPE2_REPORT_LAG_DAYS)]
	];
	const isoRows: string[][] = [
		['Area', 'Typical ISMS coverage (indicative)'],
		...(Object.keys(ISO_OVERLAP) as AreaId[]).map((a) => [AREA_NAMES[a], ISO_OVERLAP[a]])
	];

	return [
		{
			heading: 'What this assessment is',
			paragraphs: [
				DISCLAIMER,
				`The engine turns the answers into scores, a gap register, a remediation plan and a Type I / Type II recommendation. Given the same answers, bank version and date it always produces the same result. Report model version ${MODEL_VERSION}.`
			]
		},
		{
			heading: 'Answer scale and scores',
			paragraphs: [
				`Each maturity question is answered on a 0–${MAX_LEVEL} scale. A question's score is its level divided by ${MAX_LEVEL}, times 100. Every score and readiness figure is on this 0–100 scale and is shown as a percentage, for example ${formatPercent(60)}.`,
				`Area, category and overall scores are weighted averages of the question scores, using the weight of each question in the question bank (${DEFAULT_QUESTION_WEIGHT} when a question has none). "Don't know" and unanswered applicable questions count as level ${UNKNOWN_LEVEL} and are flagged; not-applicable answers and skipped questions are left out.`,
				`Type I readiness is the weighted share of applicable questions at level ${DESIGN_TARGET} or higher (designed and implemented). Type II readiness is the weighted share at level ${OPERATING_TARGET} or higher (operating with retained evidence).`,
				`A criterion's score is the weighted average of every applicable question that lists it (a question counts in full for each criterion it names). A criterion is design-ready when all of its questions are at level ${DESIGN_TARGET} or higher and operating-ready when all are at level ${OPERATING_TARGET} or higher; criteria whose questions are all not applicable are not assessed and are left out of every count.`
			],
			table: levelRows
		},
		{
			heading: 'Gaps',
			paragraphs: [
				`Every applicable question below level ${OPERATING_TARGET} is a gap. Below level ${DESIGN_TARGET} its target is ${DESIGN_TARGET} (a design gap, which blocks a Type I); at level ${DESIGN_TARGET} its target is ${OPERATING_TARGET} (an operating gap: the control runs but has not yet built up the evidence a Type II samples). The description names both steps and quotes what the target looks like for that question.`
			]
		},
		{
			heading: 'Risk rating',
			paragraphs: [
				`Each gap is rated likelihood × impact on a 5 × 5 scale. Likelihood reflects how far the control is from operating. Impact is the question's criticality from the question bank (1–${MAX_IMPACT}), raised by ${SENSITIVE_IMPACT_UPLIFT} (never above ${MAX_IMPACT}) when sensitive data relevant to the question's area is in scope.`,
				`A gap at level ${DESIGN_TARGET} is an operating gap: the control runs, but its evidence does not yet cover a window. Its rating is capped at ${OPERATING_GAP_MAX_RISK}, whatever the score, because what it lacks is evidence time rather than the control.`,
				'The gap register is sorted by risk score, then impact, then likelihood, key controls first, then interview order.'
			],
			table: likelihoodRows
		},
		{
			heading: 'Sensitive data and impact',
			paragraphs: [
				'The sensitive data types come from the scope answers. Each raises impact only in the areas where its exposure matters most.'
			],
			table: sensitiveRows
		},
		{
			heading: 'Risk bands',
			paragraphs: [
				'These bands are a common 5 × 5 convention, not a standard; organisations differ, so they are printed here.'
			],
			table: bandRows
		},
		{
			heading: 'Remediation plan',
			paragraphs: [
				'For each gap, the plan takes the question bank’s remediation templates whose "applies below" level is above the current level ("don’t know" and unanswered count as 0). A template used by several gaps becomes one action serving all of them; its risk is the highest of those gaps. Owner roles can be changed per assessment.',
				`Dependencies are respected: an action never starts before the day after its prerequisites are due. Within one question, actions that run a control on a schedule or keep its evidence depend on the actions that design it. A prerequisite inherits the urgency of the most urgent action that depends on it (its effective risk). Actions are scheduled in dependency order; among those ready, by effective risk, then quick wins first, then smaller effort, then interview order.`,
				`Each owner role works on at most ${PARALLEL_ACTIONS_PER_OWNER} actions at the same time; an action takes the first free slot from its earliest start. Its due date is its start plus its effort in calendar days, minus one. The phase is the period in which the action starts, so a long action can be due in a later period. The 30-day starter plan lists the open actions that start in the first phase.`,
				`The plan is scheduled from the plan start date (the assessment date unless set), or from today when that date has passed, since open work cannot be done in the past; the report shows that date as the plan start. Actions marked done stay listed for tracking but take no time and block nothing. Improvements beyond the target (templates that apply below level ${MAX_LEVEL}) are planned no earlier than day ${IMPROVEMENT_RELEASE_DAY}.`
			],
			table: effortRows
		},
		{
			heading: 'Small teams',
			paragraphs: [
				`A company of ${Object.keys(TEAM_BY_HEADCOUNT).join(' or ')} people (profile: headcount) does not have the bank's specialist owner roles: they fold into the people who exist, as in the table, and each owner works on fewer actions at once because compliance is part of a day job (1-10: ${TEAM_BY_HEADCOUNT['1-10']!.parallelPerOwner} at a time; 11-50: ${TEAM_BY_HEADCOUNT['11-50']!.parallelPerOwner}). Larger companies, or a headcount not given, keep the bank's roles and ${PARALLEL_ACTIONS_PER_OWNER} at a time. The names an assessment gives to roles (its own, or a firm library's) replace a role's name after folding, so a small team's "CTO / founder" can read "Founder"; naming a bank role that a small team folds away does not bring it back. An owner role edited on one action is kept as written.`,
				`For headcounts ${GROUP_PLAN_BY_CONTROL.join(' and ')} the plan is also shown as one item per control: its design and evidence actions, then the recurring operation it needs. The item runs from its first start to the last due date of the work that puts the control in place; its phase is that of its first start. The summary and the roadmap lead with these items; every action stays listed in the roadmap detail and the CSV export.`
			],
			table: [
				['Bank owner role', 'Headcount 1-10', 'Headcount 11-50'],
				...Object.keys(TEAM_BY_HEADCOUNT['1-10']!.roles).map((role) => [
					role,
					TEAM_BY_HEADCOUNT['1-10']!.roles[role]!,
					TEAM_BY_HEADCOUNT['11-50']!.roles[role] ?? role
				])
			]
		},
		{
			heading: 'When actions start',
			paragraphs: ['Earliest start by effective risk, and the phases.'],
			table: [...releaseRows, ['', ''], ...phaseRows]
		},
		{
			heading: 'Earliest defensible window start and Type I date',
			paragraphs: [
				`An observation window can only start when controls are designed, running and keeping evidence from that day on: evidence cannot be produced afterwards. Every remediation template in the question bank says what it does for an examination: design (build, document or approve the control), evidence (switch on the record-keeping: retention, gates, checklists), recurring (run the control on its schedule) or improvement (beyond the target).`,
				`The earliest defensible window start is the day after the last open design or evidence action is due, for gaps rated ${BLOCKER_RISKS.join(', ')}; never before today or the plan start. Evidence actions do not block for questions already at level ${DESIGN_TARGET}: at that level the control runs and leaves records. Recurring operation (a quarterly access review, a monthly reconciliation, a yearly exercise) happens during the window and is never a prerequisite; in the plan it is scheduled after the design and evidence work. Low-risk items may finish during the window.`,
				`The earliest Type I as-of date is the day after the last such open design action is due, and at least ${days(AUDITOR_ENGAGEMENT_DAYS)} from today to engage a CPA firm. Booking a CPA firm early is normal; what waits is the window or the Type I date.`,
				'A window of N months starting on a given day ends on the day before the same day N months later, with month ends kept at month ends: 1 February to 30 April, 31 January to 30 April, 1 March to 31 May.',
				'Periodic controls must fit the window: at least one quarterly access review, the monthly and weekly checks, and a plan for annual items (risk assessment, training, policy review, penetration test, incident or recovery exercise, vendor reviews). Whether annual items performed shortly before the window count is for the auditor to decide.'
			],
			table: durationRows
		},
		{
			heading: 'Type I or Type II',
			paragraphs: [
				`Design is in place when at least ${pct(DESIGN_READY_SHARE)} of the assessed criteria are fully designed (design-ready). Controls are operating when at least ${pct(OPERATING_READY_SHARE)} are fully operating (operating-ready), and partly operating from ${pct(OPERATING_PARTLY_SHARE)}. These criteria shares are a different measure from Type I and Type II readiness (weighted shares of answers), and the report names them differently. "Operating" also needs the profile to vouch for at least ${FIRST_WINDOW_MONTHS} months of kept evidence; with fewer, or with that question unanswered, it is lowered to "partly": an unknown never supports the more optimistic branch.`,
				`Retained evidence: when controls operate, nothing blocks a window and the profile vouches for N months of evidence (3 for "3 to 5 months", 6 for "6 months or more"), a window that starts today but misses the target is replaced by a period that started up to N months ago (never more than ${MAX_RETROSPECTIVE_MONTHS}), if its report meets the target. When the target date has already passed, or no plan can meet it (a window from today reports too late, and so would a Type I the buyers accept, since it reports no earlier than the period already run), the earliest report is what counts, so the period that has already run is offered without that check whenever it reports sooner than a window from today; the report then says how late it still is and to agree the later date with the buyer. Its report is expected ${days(TYPE2_REPORT_LAG_DAYS)} after the later of the window end and the day a CPA firm can be engaged (${days(AUDITOR_ENGAGEMENT_DAYS)} from today). The CPA firm must agree to examine a period that has already run, and it samples the kept evidence for every day of it.`,
				`Renewals: the next Type II period lasts ${RENEWAL_WINDOW_MONTHS} months and starts the day after the previous period ended (profile: previous period end date), so there is no gap in coverage; the previous report plus a bridge letter from management covers the time until the new report is issued. Open gaps do not move a renewal period: they become exceptions until fixed, so the advice is to remediate at once. When the back-to-back period would already be over, coverage has lapsed and the gap is shown. An issue date before the period end is flagged as a likely typo.`,
				`The feasible Type II report date is the earliest window start plus a ${FIRST_WINDOW_MONTHS}-month window plus ${days(TYPE2_REPORT_LAG_DAYS)}. A Type I report is expected ${days(TYPE1_FIELDWORK_DAYS + TYPE1_REPORT_DAYS)} after its as-of date. The rows are checked in order; the first that fits decides. For remediate-first the dates shown are projections if the plan holds.`,
				'Each reason in the report lists its sources: the question ids and profile questions it rests on, and rule ids such as the ones below (plus decision:design, decision:operation, decision:window-start and decision:periodic-controls).'
			],
			table: decisionRows
		},
		{
			heading: 'Target date',
			paragraphs: [
				'The expected date of the first report (the Type I when one comes first) is compared with the target report date. When it is late the report says by how many days and what would change the answer: a shorter window, a Type I first (only if buyers accept one), finishing the blocking actions that are due last sooner, spreading work carried by one owner, leaving out categories no buyer asked for, or agreeing a later date. When the target date is already in the past on the day the report is computed, no plan can meet it: instead of counting days late, the report says the date has passed and must be reset, and suggests the expected first report date of the plan as a realistic new target.'
			]
		},
		{
			heading: 'Trust Services Categories',
			paragraphs: [
				'One rule gives the verdict on each optional category, and the criteria stage, the results and the PDF print the same sentence. A category a buyer asked for, or one with a strong signal in the answers, belongs in the report and is never advised out. A medium signal is worth adding only if buyers will expect it; to meet a date the report suggests considering leaving it out. A weak or no signal means leaving it out of a first audit; selected anyway, it is flagged as over-scoping. Only categories buyers asked for are pre-selected; the user ticks everything else.'
			]
		},
		{
			heading: 'Subservice organisations',
			paragraphs: [
				`Each vendor is either a subservice organisation (its controls are needed to meet the service commitments) or an ordinary vendor (managed through vendor risk management under CC9.2, with no carve-out or inclusive decision and no CSOCs). A subservice organisation under the carve-out method is excluded from your examination, which relies on its own report instead, so it is checked for: no SOC report or an unknown status; only an ISO certificate or only a Type I; a report obtained but not reviewed; a review older than ${VENDOR_REVIEW_MAX_AGE_MONTHS} months; no complementary subservice organisation controls (CSOCs) listed; a report period end not recorded; a report period that ended more than ${VENDOR_BRIDGE_GAP_MONTHS} months before the end of your window (or your Type I as-of date), which needs the vendor's bridge letter. Under the inclusive method the auditor tests the vendor's controls in your examination and its own report is not relied on, so none of those checks apply; the one check is that the vendor will cooperate in fieldwork and sign a written assertion. An ordinary vendor is flagged until a review is recorded, and again when that review is older than ${VENDOR_REVIEW_MAX_AGE_MONTHS} months.`
			]
		},
		{
			heading: 'ISO 27001 overlap (indicative)',
			paragraphs: [
				'For organisations that hold or are building ISO/IEC 27001:2022, each gap lists the ISO clauses and Annex A controls related to its criteria and how much an ISMS typically covers that area. This is an indicative mapping, not an official crosswalk; check it against your Statement of Applicability.'
			],
			table: isoRows
		},
		{
			heading: 'Points of focus',
			paragraphs: [
				`The AICPA lists points of focus under each criterion (2017 Trust Services Criteria, revised points of focus 2022). The question bank maps every point to the questions whose prompt or level 3 or level 4 text asks for it; points that a SOC 2 examination does not cover (financial statement reporting, which is SOC 1) are marked not applicable with the reason. For each criterion in scope the report shows every point with a status: evidence expected when at least one question that asks for it is answered at level ${POINT_EVIDENCE_LEVEL} or above (the auditor will ask to see the control working); below implemented when those questions are answered lower; unanswered or unknown; not asked when none of its questions is in this assessment (skipped by the scope answers or answered not applicable). Points the AICPA adds for Confidentiality or Privacy appear only when that category is selected. The statuses inform preparation; they are not scored and do not change the readiness figures.`
			]
		},
		{
			heading: 'Evidence request list',
			paragraphs: [
				'The evidence request list shows what a CPA firm is likely to ask for (its "provided by client" list), from the question bank: each request names what to hand over, the population to prepare, how often the control runs, the owner role (folded for small teams and renamed as in the plan) and the criteria it serves. Security requests are always listed; those of an optional category only when it is selected; a request is left out when every question it rests on is skipped by the scope answers or answered not applicable.',
				'The period is the one of the first examination the recommendation plans: the Type I as-of date, or the Type II window from its start to the day before the same day N months later (a renewal: the 12 months back to back with the previous period). When a Type I comes first, the results page can prepare the list for the Type II window that follows instead. When no date is planned yet, sample figures are those of a 12-month period.',
				`Occurrences in a Type II window: an annual control once per 12 months (in a shorter window it must be performed inside the period, or the CPA firm must agree that the latest one, within the 12 months before, counts); a quarterly control once per 3 months (a 3-month window holds one); monthly once per month; weekly once per full 7 days; daily once per calendar day. Per-event controls depend on the population; automated controls and point-in-time items have no count.`,
				`Sample sizes are typical figures, never a promise: the AICPA sets none and each CPA firm applies its own method (drawing on the AICPA's audit sampling guide), so ask yours. For a Type II they are the sizes CPA firms and practitioners most often publish for a manually performed control over a 12-month period, capped at the occurrences in a shorter window. Per-event controls follow one firm's published rule: about ${Math.round(REQUEST_EVENT_SAMPLE.share * 100)} % of the population, at least ${REQUEST_EVENT_SAMPLE.floor} (all when fewer), at most ${REQUEST_EVENT_SAMPLE.cap}. An automated control is usually tested once, together with the change management and access controls that keep it unchanged. A point-in-time item (a policy, a chart, a setting) is the version in force, with any changes in the period. A Type I looks at one instance of each control as of its date.`,
				`Status, from the answers and evidence pointers of the questions a request rests on (those asked in this assessment and not answered not applicable): ready when every one is at the target level (${OPERATING_TARGET}, operating, for a Type II window or while no date is planned; ${DESIGN_TARGET}, implemented, for a Type I) and at least one evidence pointer is recorded on them; missing when none is at level ${DESIGN_TARGET} or above (unanswered and "don’t know" count as 0); partial otherwise. Marking a request prepared records the date on this assessment; it does not change the status, which follows the answers.`
			],
			table: [
				['How often the control runs', 'Typical sample, 12-month Type II'],
				...Object.entries(REQUEST_SAMPLE_12_MONTHS).map(([f, [lo, hi]]) => [
					f,
					lo === hi ? String(lo) : `${lo}–${hi}`
				]),
				[
					'per event',
					`${Math.round(REQUEST_EVENT_SAMPLE.share * 100)} % of the population, ${REQUEST_EVENT_SAMPLE.floor} to ${REQUEST_EVENT_SAMPLE.cap}`
				],
				['automated', '1, plus change management and access over it']
			]
		},
		{
			heading: 'What-if',
			paragraphs: [
				'The dashboard can assume plan actions are done. A question then counts at the highest level L for which every one of its remediation actions that applies below L (and above its current level) is done; everything else is recomputed the same way as above. Answers themselves are never changed.'
			]
		}
	];
}
