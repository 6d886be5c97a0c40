/**
 * The Type I / Type II recommendation: decision table (methodology.ts), earliest defensible
 * window start from the plan, expected report dates, comparison with the target date, and
 * reasons traced to the answers.
 */
import { isAnswered } from '../conditions';
import {
	addDays,
	addMonths,
	diffDays,
	formatDate,
	isIsoDate,
	latestPeriodStart,
	maxDate,
	periodEnd
} from '../dates';
import { CATEGORY_LABELS, isFirstAudit, leaveOutAdvice } from '../scope';
import type {
	Assessment,
	CategoryAdvice,
	CategoryId,
	CriterionScore,
	Gap,
	PlanAction,
	Reason,
	Recommendation,
	RecommendationType,
	TimelineStep
} from '../types';
import {
	AUDITOR_ENGAGEMENT_DAYS,
	BLOCKER_RISKS,
	DESIGN_READY_SHARE,
	DESIGN_TARGET,
	FIRST_WINDOW_MONTHS,
	LONGER_FIRST_WINDOW_MONTHS,
	MAX_RETROSPECTIVE_MONTHS,
	OPERATING_PARTLY_SHARE,
	OPERATING_READY_SHARE,
	OPERATING_TARGET,
	REASON_EXAMPLES,
	RENEWAL_WINDOW_MONTHS,
	TYPE1_FIELDWORK_DAYS,
	TYPE1_REPORT_DAYS,
	TYPE2_FIELDWORK_DAYS,
	TYPE2_REPORT_LAG_DAYS,
	formatPercent
} from './methodology';
import type { ActionInfo } from './plan';
import type { QuestionState } from './scoring';

export interface RecommendationInput {
	assessment: Assessment;
	today: string;
	planStart: string;
	tsc: readonly CategoryId[];
	/** Category of each criterion id (from the bank). */
	criterionCategory: ReadonlyMap<string, CategoryId>;
	states: readonly QuestionState[];
	criteria: readonly CriterionScore[];
	/** Overall Type I / Type II readiness (weighted shares of answers, 0–100). */
	readiness: { type1: number; type2: number };
	gaps: readonly Gap[];
	plan: readonly PlanAction[];
	info: ReadonlyMap<string, ActionInfo>;
	/** The category verdicts of scope.ts categoryAdvice (the one rule on category advice). */
	categoryAdvice?: readonly CategoryAdvice[];
}

export type OperatingStatus = 'yes' | 'partly' | 'no';

/** The derived inputs of the decision (exported for tests and the dashboard). */
export interface DecisionInputs {
	criticalGaps: number;
	designShare: number;
	operatingShare: number;
	designInPlace: boolean;
	operating: OperatingStatus;
	type2Demand: boolean;
	type1Accepted: 'yes' | 'no' | 'unknown';
	firstAudit: boolean;
	renewal: boolean;
	priorType1: boolean;
	target: string | null;
	/** Earliest defensible window start (ISO). */
	windowReady: string;
	/** Earliest Type I as-of date (ISO). */
	type1Earliest: string;
	/** Last due date of the open actions that block the window, null when none. */
	remediationEnd: string | null;
	/** Months of retained evidence the profile vouches for (3 or 6), 0 when none or unanswered. */
	evidenceMonths: number;
	/** Nothing in the plan blocks a window (it could start today). */
	nothingBlocks: boolean;
	/** End of the previous report's period (Type II) or its as-of date (Type I), when given. */
	priorPeriodEnd: string | null;
	/** Issue date of the previous report, when given. */
	priorIssued: string | null;
}

// --- small helpers ---------------------------------------------------------------------------

export function type2ReportDate(windowStart: string, months: number): string {
	return addDays(windowEnd(windowStart, months), TYPE2_REPORT_LAG_DAYS);
}

/** Last day of a window of `months` months from `windowStart` (month-end arithmetic, see dates.ts). */
export function windowEnd(windowStart: string, months: number): string {
	return periodEnd(windowStart, months);
}

export function type1ReportDate(asOf: string): string {
	return addDays(asOf, TYPE1_FIELDWORK_DAYS + TYPE1_REPORT_DAYS);
}

function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

function listNames(names: readonly string[]): string {
	const shown = names.slice(0, REASON_EXAMPLES);
	const rest = names.length - shown.length;
	const quoted = shown.map((n) => `“${n}”`);
	if (rest > 0) return `${quoted.join(', ')} and ${rest} more`;
	if (quoted.length <= 1) return quoted.join('');
	return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** What an open action must be finished before: a Type I as-of date or a window start. */
type Milestone = 'type1' | 'window';

/**
 * Design actions come before both milestones; switching on evidence comes before a window
 * start, except for controls already at level 3 (they run and leave records by definition);
 * recurring operation happens inside the window and improvements go beyond it, so neither is
 * ever a prerequisite. Only gaps rated in BLOCKER_RISKS block.
 */
export function blocks(i: ActionInfo, milestone: Milestone): boolean {
	if (i.kind === 'design') return true;
	return milestone === 'window' && i.kind === 'evidence' && i.minLevel < DESIGN_TARGET;
}

function isBlocker(
	p: PlanAction,
	info: ReadonlyMap<string, ActionInfo>,
	milestone: Milestone
): boolean {
	const i = info.get(p.id);
	return (
		!p.done && !!i && i.dueDay !== null && blocks(i, milestone) && BLOCKER_RISKS.includes(p.risk)
	);
}

function readyDay(
	plan: readonly PlanAction[],
	info: ReadonlyMap<string, ActionInfo>,
	milestone: Milestone
): number {
	let day = 0;
	for (const p of plan) {
		if (isBlocker(p, info, milestone)) day = Math.max(day, info.get(p.id)!.dueDay! + 1);
	}
	return day;
}

// --- inputs ------------------------------------------------------------------------------------

export function decisionInputs(input: RecommendationInput): DecisionInputs {
	const { assessment: a, today, planStart, criteria, gaps, plan, info } = input;
	const assessed = criteria.filter((c) => c.score !== null);
	const share = (n: number) => (assessed.length ? n / assessed.length : 0);
	const designShare = share(assessed.filter((c) => c.designReady).length);
	const operatingShare = share(assessed.filter((c) => c.operatingReady).length);
	let operating: OperatingStatus =
		operatingShare >= OPERATING_READY_SHARE
			? 'yes'
			: operatingShare >= OPERATING_PARTLY_SHARE
				? 'partly'
				: 'no';
	const evidence = a.profile?.['profile.evidence-months'];
	const evidenceMonths = EVIDENCE_MONTHS[typeof evidence === 'string' ? evidence : ''] ?? 0;
	// Unknown never supports the optimistic branch: operating needs at least 3 months vouched for.
	if (operating === 'yes' && evidenceMonths < FIRST_WINDOW_MONTHS) operating = 'partly';
	const priorEnd = a.profile?.['profile.prior-period-end'];
	const priorIssued = a.profile?.['profile.prior-report-issued'];

	const accepted = a.profile?.['profile.type1-accepted'];
	const prior = a.profile?.['profile.prior-soc'];
	const target = isIsoDate(a.meta?.targetReportDate) ? a.meta.targetReportDate : null;

	const floor = maxDate(today, planStart);
	const windowDay = readyDay(plan, info, 'window');
	const designDay = readyDay(plan, info, 'type1');
	return {
		criticalGaps: gaps.filter((g) => g.risk === 'critical').length,
		designShare,
		operatingShare,
		designInPlace: assessed.length > 0 && designShare >= DESIGN_READY_SHARE,
		operating,
		type2Demand: a.profile?.['profile.type2-demand'] === true,
		type1Accepted: accepted === 'yes' || accepted === 'no' ? accepted : 'unknown',
		firstAudit: isFirstAudit(a),
		renewal: prior === 'soc2-type2',
		priorType1: prior === 'soc2-type1',
		target,
		windowReady: maxDate(addDays(planStart, windowDay), floor),
		type1Earliest: maxDate(
			addDays(planStart, designDay),
			addDays(today, AUDITOR_ENGAGEMENT_DAYS),
			floor
		),
		remediationEnd: windowDay > 0 ? addDays(planStart, windowDay - 1) : null,
		evidenceMonths,
		nothingBlocks: windowDay === 0,
		priorPeriodEnd:
			(prior === 'soc2-type1' || prior === 'soc2-type2') && isIsoDate(priorEnd) ? priorEnd : null,
		priorIssued:
			(prior === 'soc2-type1' || prior === 'soc2-type2') && isIsoDate(priorIssued)
				? priorIssued
				: null
	};
}

/** Months of evidence each `profile.evidence-months` answer vouches for. */
const EVIDENCE_MONTHS: Record<string, number> = { '3-to-5': 3, '6-plus': 6 };

// --- decision ---------------------------------------------------------------------------------

interface Decision {
	type: RecommendationType;
	/** Decision-table row (methodology) for traceability. */
	row: string;
	windowMonths: 3 | 6 | 12 | null;
	/** Months of the projected window when `windowMonths` is null (remediate-first). */
	projectedMonths: 3 | 6 | 12;
	windowStart: string;
	type1Date: string | null;
	expectedReportDate: string;
	expectedType2ReportDate: string | null;
	/** The window starts before today on retained evidence (the CPA firm must agree). */
	retrospective?: boolean;
	/** Renewal: days without coverage between the previous period and the new one. */
	coverageGap?: { from: string; to: string } | null;
	/** Renewal: the previous period end was not given, so back to back could not be checked. */
	priorEndUnknown?: boolean;
}

/**
 * Report date of a window that may already have run: the usual lag after the window ends, but
 * never before a CPA firm can be engaged and do the fieldwork.
 */
export function type2ReportDateFrom(windowStart: string, months: number, today: string): string {
	return addDays(
		maxDate(windowEnd(windowStart, months), addDays(today, AUDITOR_ENGAGEMENT_DAYS)),
		TYPE2_REPORT_LAG_DAYS
	);
}

/**
 * Renewal: the next period starts the day after the previous one ended, even when that is
 * already past (the period is running) and even with open gaps (they become exceptions). When the
 * back-to-back period would already have ended with no report, coverage has lapsed: the new
 * period starts today and the days in between are a gap customers will see.
 */
function renewal(d: DecisionInputs, today: string): Decision {
	const months = RENEWAL_WINDOW_MONTHS as 12;
	const floor = today;
	let start = floor;
	let coverageGap: { from: string; to: string } | null = null;
	if (d.priorPeriodEnd) {
		const backToBack = addDays(d.priorPeriodEnd, 1);
		if (windowEnd(backToBack, months) >= today) start = backToBack;
		else coverageGap = { from: backToBack, to: addDays(floor, -1) };
	}
	const report = type2ReportDateFrom(start, months, today);
	return {
		type: 'type2',
		row: d.criticalGaps > 0 || !d.designInPlace ? 'decision:renewal-with-gaps' : 'decision:renewal',
		windowMonths: months,
		projectedMonths: months,
		windowStart: start,
		type1Date: null,
		expectedReportDate: report,
		expectedType2ReportDate: report,
		coverageGap,
		priorEndUnknown: d.priorPeriodEnd === null
	};
}

/**
 * Retained evidence: controls operate and the profile vouches for N months of evidence, so a
 * period that started up to N months ago (never more than MAX_RETROSPECTIVE_MONTHS) can be
 * examined if the CPA firm agrees. Used only when a window from today would miss the target:
 * first if its report meets the target; then, with `earliest`, when nothing can meet it, because
 * the earliest report is what counts then (as when the target has already passed).
 */
function retrospective(
	d: DecisionInputs,
	pressure: unknown,
	today: string,
	earliest = false
): Decision | null {
	if (d.operating !== 'yes' || !d.nothingBlocks || d.evidenceMonths < FIRST_WINDOW_MONTHS)
		return null;
	if (!d.target) return null;
	// A passed target asks for the earliest report: the period that has already run gives it.
	const deadline = earliest || d.target < today ? null : d.target;
	const back = Math.min(d.evidenceMonths, MAX_RETROSPECTIVE_MONTHS);
	const tries: (3 | 6)[] =
		pressure !== 'hard' && back >= LONGER_FIRST_WINDOW_MONTHS
			? [LONGER_FIRST_WINDOW_MONTHS as 6, FIRST_WINDOW_MONTHS as 3]
			: [FIRST_WINDOW_MONTHS as 3];
	for (const months of tries) {
		const start = addMonths(d.windowReady, -Math.min(back, months));
		const report = type2ReportDateFrom(start, months, today);
		if (deadline === null || report <= deadline) {
			return {
				type: 'type2',
				row: 'decision:type2-retained-evidence',
				windowMonths: months,
				projectedMonths: months,
				windowStart: start,
				type1Date: null,
				expectedReportDate: report,
				expectedType2ReportDate: report,
				retrospective: true
			};
		}
	}
	return null;
}

function firstWindowMonths(d: DecisionInputs, pressure: unknown, start: string): 3 | 6 {
	if (
		d.target &&
		pressure !== 'hard' &&
		type2ReportDate(start, LONGER_FIRST_WINDOW_MONTHS) <= d.target
	) {
		return LONGER_FIRST_WINDOW_MONTHS as 6;
	}
	return FIRST_WINDOW_MONTHS as 3;
}

function decide(d: DecisionInputs, pressure: unknown, today: string): Decision {
	const first = FIRST_WINDOW_MONTHS as 3;
	if (d.renewal) return renewal(d, today);
	if (d.criticalGaps > 0 || !d.designInPlace) {
		const months = first;
		const report = type2ReportDate(d.windowReady, months);
		return {
			type: 'remediate-first',
			row: d.criticalGaps > 0 ? 'decision:critical-gaps' : 'decision:design-not-in-place',
			windowMonths: null,
			projectedMonths: months,
			windowStart: d.windowReady,
			type1Date: null,
			expectedReportDate: report,
			expectedType2ReportDate: report
		};
	}
	const feasible = type2ReportDate(d.windowReady, first);
	const deadlineFirst = d.target !== null && d.target < feasible;
	const type2 = (row: string, months: 3 | 6): Decision => {
		const report = type2ReportDate(d.windowReady, months);
		return {
			type: 'type2',
			row,
			windowMonths: months,
			projectedMonths: months,
			windowStart: d.windowReady,
			type1Date: null,
			expectedReportDate: report,
			expectedType2ReportDate: report
		};
	};
	if (!deadlineFirst) {
		return type2(
			d.operating === 'yes' ? 'decision:type2-operating' : 'decision:type2-time-allows',
			firstWindowMonths(d, pressure, d.windowReady)
		);
	}
	const retro = retrospective(d, pressure, today);
	if (retro) return retro;
	// Nothing meets the target (a Type I the buyers accept would have reported no earlier than
	// the period already run, so it was offered above when it was in time): the earliest report
	// is what counts, as when the target has passed. The period already run gives it, sooner
	// than a window from today.
	const late = retrospective(d, pressure, today, true);
	if (late && late.expectedReportDate < feasible) {
		const t1 = type1ReportDate(d.type1Earliest);
		if (d.priorType1 || d.type1Accepted === 'no' || t1 > d.target!) return late;
	}
	if (d.priorType1) return type2('decision:type2-after-type1', first);
	if (d.type1Accepted === 'no') return type2('decision:type2-type1-refused', first);
	const asOf = d.type1Earliest;
	const windowStart = maxDate(d.windowReady, addDays(asOf, 1));
	const both = d.type2Demand || d.operating === 'yes';
	return {
		type: both ? 'type1-then-type2' : 'type1',
		row: both ? 'decision:type1-bridge' : 'decision:type1-deadline',
		windowMonths: first,
		projectedMonths: first,
		windowStart,
		type1Date: asOf,
		expectedReportDate: type1ReportDate(asOf),
		expectedType2ReportDate: both ? type2ReportDate(windowStart, first) : null
	};
}

// --- reasons ----------------------------------------------------------------------------------

/**
 * With a Type I first, the Type II window starts the day after the Type I's as-of date, which
 * can be later than the day the plan would allow: said with the window-start reason, so that the
 * reason and the window's date in the report agree.
 */
function afterType1(d: DecisionInputs, dec: Decision): string {
	if (!dec.type1Date || !dec.windowStart || dec.windowStart <= d.windowReady) return '';
	return ` With the Type I as of ${formatDate(dec.type1Date)} first, the Type II window starts the day after it, on ${formatDate(dec.windowStart)}, so that one report follows on from the other.`;
}

function criteriaCounts(
	input: RecommendationInput,
	pick: (c: CriterionScore) => boolean
): { text: string; total: number; matching: number } {
	const parts: string[] = [];
	let total = 0;
	let matching = 0;
	for (const cat of input.tsc) {
		const mine = input.criteria.filter(
			(c) => c.score !== null && input.criterionCategory.get(c.criterionId) === cat
		);
		if (!mine.length) continue;
		const n = mine.filter(pick).length;
		total += mine.length;
		matching += n;
		parts.push(`${n} of ${mine.length} ${CATEGORY_LABELS[cat]}`);
	}
	const text =
		parts.length <= 1
			? (parts[0] ?? '0 of 0')
			: `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
	return { text, total, matching };
}

const EVIDENCE_LABEL: Record<string, string> = {
	none: 'no retained control evidence yet',
	'under-3': 'less than 3 months of retained control evidence',
	'3-to-5': '3 to 5 months of retained control evidence',
	'6-plus': '6 or more months of retained control evidence'
};

/** The renewal period in words, with the coverage check. */
function renewalPeriodText(d: DecisionInputs, dec: Decision): string {
	const months = dec.windowMonths ?? RENEWAL_WINDOW_MONTHS;
	const end = windowEnd(dec.windowStart, months);
	if (dec.coverageGap)
		return `Coverage has lapsed: the previous period ended on ${formatDate(d.priorPeriodEnd!)}, and a period back to back with it (to ${formatDate(windowEnd(dec.coverageGap.from, months))}) is already over; if a CPA firm is already examining that period, plan from its end instead. Otherwise the next ${months}-month period can start on ${formatDate(dec.windowStart)} at the earliest, which leaves ${formatDate(dec.coverageGap.from)} to ${formatDate(dec.coverageGap.to)} uncovered; customers will notice, so tell them and keep periods back to back from now on.`;
	if (dec.priorEndUnknown)
		return `You already hold a Type II report, so the next one is a Type II over ${months} months, back to back with the last period. The previous period's end date is not given, so the period is shown from today (${formatDate(dec.windowStart)} to ${formatDate(end)}); enter it to plan the period from the day after it ended.`;
	return `The next ${months}-month period runs from ${formatDate(dec.windowStart)} to ${formatDate(end)}, the day after the previous period ended on ${formatDate(d.priorPeriodEnd!)}, so there is no gap in coverage.`;
}

/** The bridge (gap) letter a renewal needs until the new report is issued. */
function bridgeText(d: DecisionInputs, dec: Decision): string {
	const from = d.priorPeriodEnd ? addDays(d.priorPeriodEnd, 1) : null;
	const issued =
		d.priorIssued && d.priorPeriodEnd && d.priorIssued < d.priorPeriodEnd
			? ` (the issue date given, ${formatDate(d.priorIssued)}, is before the end of that period: check both dates)`
			: d.priorIssued
				? ` (the previous report was issued on ${formatDate(d.priorIssued)})`
				: '';
	return from
		? `Customers get the previous report plus a bridge letter: your management's letter, not the CPA firm's, stating that nothing material changed in the controls, covering ${formatDate(from)} until the new report is issued around ${formatDate(dec.expectedReportDate)}${issued}.`
		: `Customers get the previous report plus a bridge letter: your management's letter, not the CPA firm's, stating that nothing material changed in the controls, from the end of the previous period until the new report is issued around ${formatDate(dec.expectedReportDate)}.`;
}

/** A period already run chosen as the earliest report although it misses a target still ahead. */
function lateRetro(d: DecisionInputs, dec: Decision, today: string): boolean {
	return (
		dec.retrospective === true &&
		d.target !== null &&
		d.target >= today &&
		dec.expectedReportDate > d.target
	);
}

function buildReasons(
	input: RecommendationInput,
	d: DecisionInputs,
	dec: Decision,
	blockers: readonly PlanAction[]
): Reason[] {
	const { assessment: a, states, gaps } = input;
	const reasons: Reason[] = [];
	const applicable = states.filter((s) => s.level !== null);
	const qTitle = new Map(states.map((s) => [s.question.id, s.question.title]));

	// 1. The deciding rule, then the critical gaps.
	const critical = gaps.filter((g) => g.risk === 'critical');
	const below3 = applicable.filter((s) => s.level! < DESIGN_TARGET).map((s) => s.question.id);
	const targetText = d.target
		? `${formatDate(d.target)}${d.target < input.today ? ' (already passed: reset it)' : ''}`
		: '';
	switch (dec.row) {
		case 'decision:critical-gaps':
			reasons.push({
				text: `${plural(critical.length, 'critical gap is', 'critical gaps are')} open (${listNames(critical.map((g) => g.title))}); an auditor would find exceptions on them from day one, so close them before starting a window or a Type I.`,
				sources: [dec.row, ...critical.map((g) => g.questionId)]
			});
			break;
		case 'decision:design-not-in-place':
			reasons.push({
				text: `Only ${Math.round(d.designShare * 100)} % of the assessed criteria are fully designed (design counts as in place from ${Math.round(DESIGN_READY_SHARE * 100)} % of criteria): build the controls before a Type I date or a window start. You can already book a CPA firm; what waits is the date the examination covers.`,
				sources: [dec.row, ...below3]
			});
			break;
		case 'decision:renewal':
		case 'decision:renewal-with-gaps':
			reasons.push({
				text: `${renewalPeriodText(d, dec)} Each report is a new examination; customers expect a new one every year.`,
				sources: [dec.row, 'profile.prior-soc', 'profile.prior-period-end']
			});
			if (dec.row === 'decision:renewal-with-gaps') {
				const what = critical.length
					? `${plural(critical.length, 'critical gap is', 'critical gaps are')} open (${listNames(critical.map((g) => g.title))})`
					: `only ${Math.round(d.designShare * 100)} % of the criteria are fully designed`;
				reasons.push({
					text: `${what}, but a renewal period does not wait: it ${dec.windowStart < input.today ? 'is already running' : 'starts on schedule'}. Remediate now. Until each fix is in place the auditor will find exceptions, and the report will describe them with your response; customers read those. The sooner a control is fixed, the fewer of its occurrences fail.`,
					sources: ['decision:critical-gaps', ...critical.map((g) => g.questionId)]
				});
			}
			break;
		case 'decision:type2-retained-evidence':
			reasons.push({
				text: `A window starting today would report too late for ${targetText}, but controls already operate and you keep ${d.evidenceMonths >= 6 ? '6 or more' : '3 to 5'} months of evidence. So the Type II can cover a ${dec.windowMonths}-month period that started on ${formatDate(dec.windowStart)}, already run, with a report around ${formatDate(dec.expectedReportDate)}${lateRetro(d, dec, input.today) ? `: still ${plural(diffDays(d.target!, dec.expectedReportDate), 'day')} after the target, but no plan meets it and this is the earliest report, ${plural(diffDays(dec.expectedReportDate, type2ReportDate(d.windowReady, FIRST_WINDOW_MONTHS)), 'day')} sooner than a window from today. Agree the later date with the buyer` : ''}. The CPA firm must agree to examine a period that has already run, and it will sample the evidence you kept for every day of it: a missing record is an exception.`,
				sources: [dec.row, 'profile.evidence-months', 'decision:operation', 'meta.targetReportDate']
			});
			break;
		case 'decision:type2-operating':
			reasons.push({
				text: `Controls already operate with retained evidence and ${d.target ? `the target date of ${targetText} leaves room for a Type II` : 'no target date forces an earlier report'}, so go straight to a Type II; a Type I would add a fee without bringing anything forward.`,
				sources: [dec.row, 'decision:operation', 'meta.targetReportDate']
			});
			break;
		case 'decision:type2-time-allows':
			reasons.push({
				text: `Controls are designed and ${d.target ? `the target date of ${targetText} leaves room for a Type II window` : 'no target date forces an earlier report'}, so go straight to a Type II; a Type I would add a fee without bringing the report forward.`,
				sources: [dec.row, 'decision:design', 'meta.targetReportDate']
			});
			break;
		case 'decision:type2-after-type1':
			reasons.push({
				text: `You already hold a Type I report, so the next step is a Type II even though it arrives after ${targetText}; until then, buyers normally take the Type I together with your committed Type II date.`,
				sources: [dec.row, 'profile.prior-soc', 'meta.targetReportDate']
			});
			break;
		case 'decision:type2-type1-refused':
			reasons.push({
				text: `The target date of ${targetText} comes before the earliest feasible Type II report, but buyers would not accept a Type I: go for the Type II and agree a later date with the buyer.`,
				sources: [dec.row, 'profile.type1-accepted', 'meta.targetReportDate']
			});
			break;
		case 'decision:type1-bridge':
			reasons.push({
				text: `The target date of ${targetText} comes before the earliest feasible Type II report, and ${d.type2Demand ? 'a customer requires a Type II' : 'controls already operate'}: a Type I bridges the gap while the Type II window runs. Confirm the buyer accepts the Type I as a bridge with a committed Type II date.`,
				sources: [
					dec.row,
					'profile.type2-demand',
					'profile.type1-accepted',
					'meta.targetReportDate'
				]
			});
			break;
		default:
			reasons.push({
				text: `The target date of ${targetText} comes before the earliest feasible Type II report and no customer requires a Type II: a Type I meets the need now; plan a Type II when buyers ask for it or at renewal.`,
				sources: [dec.row, 'profile.type2-demand', 'meta.targetReportDate']
			});
	}
	if (dec.row !== 'decision:critical-gaps' && dec.row !== 'decision:renewal-with-gaps') {
		reasons.push(
			critical.length
				? {
						text: `${plural(critical.length, 'critical gap is', 'critical gaps are')} open (${listNames(critical.map((g) => g.title))}).`,
						sources: ['decision:critical-gaps', ...critical.map((g) => g.questionId)]
					}
				: { text: 'No critical gaps are open.', sources: ['decision:critical-gaps'] }
		);
	}

	// 2. Design.
	const design = criteriaCounts(input, (c) => c.designReady);
	reasons.push({
		text: `Design: ${design.text} criteria are fully designed (every question of the criterion at level ${DESIGN_TARGET} or higher), ${Math.round(d.designShare * 100)} % of criteria; design counts as in place from ${Math.round(DESIGN_READY_SHARE * 100)} % of criteria. (Type I readiness, ${formatPercent(input.readiness.type1)}, is a different measure: the weighted share of answers at level ${DESIGN_TARGET} or higher.)`,
		sources: [
			'decision:design',
			...applicable.filter((s) => s.level! < DESIGN_TARGET).map((s) => s.question.id)
		]
	});

	// 3. Operation.
	const op = criteriaCounts(input, (c) => !c.operatingReady);
	const opState =
		d.operating === 'yes'
			? 'controls count as operating'
			: d.operating === 'partly'
				? 'controls are partly operating'
				: 'controls are not yet operating';
	reasons.push({
		text: `Operation: ${op.text} criteria are not yet operating with retained evidence (level ${OPERATING_TARGET} on every question); ${opState} (${Math.round(d.operatingShare * 100)} % of criteria fully operating${d.operating === 'partly' && d.operatingShare >= OPERATING_READY_SHARE ? ', but the months of evidence you keep are not confirmed' : ''}). (Type II readiness, ${formatPercent(input.readiness.type2)}, is the weighted share of answers at level ${OPERATING_TARGET} or higher.)`,
		sources: [
			'decision:operation',
			...applicable.filter((s) => s.level! < OPERATING_TARGET).map((s) => s.question.id)
		]
	});

	// 4. Evidence months.
	const evidence = a.profile?.['profile.evidence-months'];
	if (typeof evidence === 'string' && EVIDENCE_LABEL[evidence]) {
		let text = `You have ${EVIDENCE_LABEL[evidence]}.`;
		if (
			(evidence === 'none' || evidence === 'under-3') &&
			d.operatingShare >= OPERATING_READY_SHARE
		) {
			text += ` That is less than the answers at level ${OPERATING_TARGET} suggest, so operation is counted as partial until the evidence exists.`;
		} else if (evidence === 'none') {
			text +=
				' A Type II window needs dated records for every day it covers: keep them from its first day (a day without them is an exception), and switch on the record-keeping of controls still below level 3 before the window starts.';
		} else if (evidence === 'under-3') {
			text +=
				' That is shorter than a window, so the first window starts from now rather than in the past; keep the records going for every day of it.';
		} else if (d.operating === 'yes') {
			text += d.renewal
				? ' That is the record your next period is sampled from.'
				: dec.retrospective
					? ' That is what allows a period that has already run.'
					: ` Controls already run with evidence, so a CPA firm may agree to examine a period that started up to ${Math.min(d.evidenceMonths, MAX_RETROSPECTIVE_MONTHS)} months ago if a date requires it.`;
		} else {
			text += ` It counts only where answers are at level ${OPERATING_TARGET} or higher; the other controls still have to build up their evidence.`;
		}
		reasons.push({ text, sources: ['profile.evidence-months'] });
	} else {
		reasons.push({
			text: `How many months of control evidence you keep is not answered, so controls are not counted as operating${d.operatingShare >= OPERATING_READY_SHARE ? ' (the answers at level 4 alone do not prove retained evidence)' : ''} and no period before today is offered. Answer it to check whether a window could start earlier.`,
			sources: ['profile.evidence-months']
		});
	}

	// 5. Demand and acceptance of a Type I.
	reasons.push({
		text: d.type2Demand
			? 'A customer explicitly requires a Type II report.'
			: 'No customer has explicitly required a Type II report (yet).',
		sources: ['profile.type2-demand']
	});
	if (
		dec.type === 'type1' ||
		dec.type === 'type1-then-type2' ||
		dec.row === 'decision:type2-type1-refused'
	) {
		reasons.push({
			text:
				d.type1Accepted === 'yes'
					? 'Buyers would accept a Type I report in the meantime.'
					: d.type1Accepted === 'no'
						? 'Buyers would not accept a Type I report, so a Type I would not help with the deadline.'
						: 'It is not known whether buyers would accept a Type I; confirm it with them before paying for one.',
			sources: ['profile.type1-accepted']
		});
	}

	// 6. Earliest window start.
	if (d.renewal) {
		if (blockers.length)
			reasons.push({
				text: `${plural(blockers.length, 'open action')} for critical, high and medium gaps would hold back a first window; in a renewal they run in parallel with the period, so finish them as early as you can (the last is due on ${formatDate(
					[...blockers]
						.map((p) => p.due)
						.sort()
						.at(-1)!
				)}).`,
				sources: ['decision:window-start', ...new Set(blockers.flatMap((p) => p.questionIds))]
			});
	} else if (dec.retrospective) {
		reasons.push({
			text: `Nothing in the plan blocks a window, and the evidence you keep lets the period start on ${formatDate(dec.windowStart)}, before today.`,
			sources: ['decision:window-start', 'profile.evidence-months']
		});
	} else if (blockers.length) {
		const last = [...blockers].sort((x, y) => (x.due < y.due ? 1 : x.due > y.due ? -1 : 0));
		reasons.push({
			text: `The earliest defensible window start is ${formatDate(d.windowReady)}: ${plural(blockers.length, 'open action')} for critical, high and medium gaps (designing the controls, approving policies, switching on evidence retention) must be done first; the last is due on ${formatDate(last[0]!.due)} (latest first: ${listNames(last.map((p) => p.action))}).${afterType1(d, dec)}`,
			sources: ['decision:window-start', ...new Set(blockers.flatMap((p) => p.questionIds))]
		});
	} else {
		reasons.push({
			text: `Nothing in the plan blocks a window: it can start on ${formatDate(d.windowReady)}.${afterType1(d, dec)}`,
			sources: ['decision:window-start']
		});
	}

	// 7. Deadline.
	const pressure = a.profile?.['profile.deadline-pressure'];
	const feasible = type2ReportDate(d.windowReady, FIRST_WINDOW_MONTHS);
	if (d.renewal) {
		if (d.target && d.target < input.today) {
			reasons.push({
				text: `Your target report date, ${formatDate(d.target)}, has already passed; the next report is expected around ${formatDate(dec.expectedReportDate)}.`,
				sources: ['meta.targetReportDate']
			});
		} else if (d.target) {
			reasons.push({
				text: `Your target report date is ${formatDate(d.target)}; the next report, after the ${dec.windowMonths}-month period ending ${formatDate(windowEnd(dec.windowStart, dec.windowMonths ?? RENEWAL_WINDOW_MONTHS))}, is expected around ${formatDate(dec.expectedReportDate)}${dec.expectedReportDate <= d.target ? ', in time' : ''}.`,
				sources: ['meta.targetReportDate', 'profile.deadline-pressure']
			});
		}
	} else if (d.target && d.target < input.today) {
		reasons.push({
			text: `Your target report date, ${formatDate(d.target)}, has already passed (today is ${formatDate(input.today)}), so no plan can meet it and it has to be reset. On this plan the first report is expected around ${formatDate(dec.expectedReportDate)}; the earliest feasible Type II report, from a ${FIRST_WINDOW_MONTHS}-month window starting ${formatDate(d.windowReady)}, is ${formatDate(feasible)}.`,
			sources: ['meta.targetReportDate', 'profile.deadline-pressure']
		});
	} else if (d.target) {
		const delta = diffDays(d.target, feasible);
		const rel =
			delta > 0
				? `${plural(delta, 'day')} after`
				: delta < 0
					? `${plural(-delta, 'day')} before`
					: 'on';
		reasons.push({
			text: `Your target report date is ${formatDate(d.target)}${pressure === 'hard' ? ' (a hard deadline)' : pressure === 'soft' ? ' (a soft deadline)' : ''}; the earliest feasible Type II report, from a ${FIRST_WINDOW_MONTHS}-month window starting ${formatDate(d.windowReady)}, is ${formatDate(feasible)}, ${rel} the target.${dec.retrospective ? ` The period that has already run reports around ${formatDate(dec.expectedReportDate)} instead${lateRetro(d, dec, input.today) ? ', the earliest report on any plan' : ', in time'}.` : ''}`,
			sources: ['meta.targetReportDate', 'profile.deadline-pressure']
		});
	} else {
		reasons.push({
			text:
				pressure === 'hard'
					? 'You described a hard deadline but set no target report date; add it to the assessment to check the plan against it.'
					: 'No target report date is set, so nothing forces a Type I first.',
			sources: ['meta.targetReportDate', 'profile.deadline-pressure']
		});
	}

	// 8. First audit or renewal.
	reasons.push({
		text: d.renewal
			? bridgeText(d, dec)
			: d.priorType1
				? d.priorPeriodEnd && d.priorPeriodEnd < dec.windowStart
					? `You already hold a Type I report as of ${formatDate(d.priorPeriodEnd)}: the next step is a Type II. Its window could have started the day after (${formatDate(addDays(d.priorPeriodEnd, 1))}) only where controls kept running with evidence since then; a CPA firm may agree to examine such a period, otherwise it starts as shown. Buyers normally take the Type I with a committed Type II date meanwhile.`
					: 'You already hold a Type I report: the next step is a Type II, whose window can start right after the Type I as-of date.'
				: 'This is a first SOC 2 examination.',
		sources: ['profile.prior-soc', 'profile.prior-period-end', 'profile.prior-report-issued']
	});

	// 9. Unknown and unanswered answers.
	const unknown = applicable.filter((s) => s.flagged === 'unknown');
	const naNoReason = applicable.filter(
		(s) => s.flagged === 'unanswered' && s.answer?.value === 'na'
	);
	const unanswered = applicable.filter(
		(s) => s.flagged === 'unanswered' && s.answer?.value !== 'na'
	);
	if (unknown.length || unanswered.length || naNoReason.length) {
		const bits = [
			unknown.length ? `${plural(unknown.length, 'answer is', 'answers are')} "don't know"` : '',
			unanswered.length
				? `${plural(unanswered.length, 'question is', 'questions are')} unanswered`
				: '',
			naNoReason.length
				? `${plural(naNoReason.length, 'answer is', 'answers are')} "not applicable" with no reason given (write down why, or answer ${naNoReason.length === 1 ? 'it' : 'them'})`
				: ''
		].filter(Boolean);
		reasons.push({
			text: `${bits.length > 2 ? `${bits.slice(0, -1).join(', ')} and ${bits.at(-1)}` : bits.join(' and ')}; they count as not in place, so confirming them can only improve the picture (${listNames([...unknown, ...unanswered, ...naNoReason].map((s) => qTitle.get(s.question.id) ?? s.question.id))}).`,
			sources: [...unknown, ...unanswered, ...naNoReason].map((s) => s.question.id)
		});
	}

	// 10. ISO 27001 and tooling.
	const iso = a.profile?.['profile.iso27001'];
	if (iso === 'certified' || iso === 'in-progress') {
		reasons.push({
			text:
				iso === 'certified'
					? 'You hold ISO 27001: much of the control set and the habit of keeping evidence carry over, but SOC 2 samples individual occurrences across the whole window.'
					: 'Your ISO 27001 programme is in progress: build controls once and map them to both frameworks.',
			sources: ['profile.iso27001']
		});
	}
	if (a.profile?.['profile.compliance-platform'] === true) {
		reasons.push({
			text: 'You use a compliance automation platform, which helps keep evidence dated and complete; it does not replace the controls themselves.',
			sources: ['profile.compliance-platform']
		});
	}

	// 11. Periodic controls (auditor-dependent).
	if (dec.type !== 'type1') {
		reasons.push({
			text: 'Plan the periodic controls so they fall inside the window: at least one quarterly access review, the monthly and weekly checks, and the annual items (risk assessment, security training, policy review, penetration test, incident or recovery exercise, vendor reviews). Annual items done in the 12 months before the window are often accepted, but that is the auditor’s call.',
			sources: ['decision:periodic-controls']
		});
	}
	return reasons;
}

// --- what would change a missed deadline --------------------------------------------------------

function suggestions(
	input: RecommendationInput,
	d: DecisionInputs,
	dec: Decision,
	blockers: readonly PlanAction[]
): string[] {
	const target = d.target!;
	const out: string[] = [];
	if (target < input.today) return [targetPassedText(target, dec.expectedReportDate)];
	const pressure = input.assessment.profile?.['profile.deadline-pressure'];

	// Shorter window.
	const months = dec.windowMonths ?? dec.projectedMonths;
	if (dec.type !== 'type1' && months > FIRST_WINDOW_MONTHS && !d.renewal && !dec.retrospective) {
		const shorter = type2ReportDate(dec.windowStart, FIRST_WINDOW_MONTHS);
		out.push(
			`Use a ${FIRST_WINDOW_MONTHS}-month window instead of ${months} months: the report would arrive around ${formatDate(shorter)}${shorter <= target ? ', in time' : ''}${d.renewal ? '; return to 12-month periods back to back afterwards' : ''}.`
		);
	}

	// Type I first.
	if ((dec.type === 'type2' || dec.type === 'remediate-first') && !d.renewal && !d.priorType1) {
		const t1 = type1ReportDate(d.type1Earliest);
		const accept =
			d.type1Accepted === 'no'
				? ' Buyers said they would not accept one, so only if that changes.'
				: d.type1Accepted === 'unknown'
					? ' Ask the buyer first whether a Type I would do in the meantime.'
					: '';
		out.push(
			t1 <= target
				? `Get a Type I first: as of ${formatDate(d.type1Earliest)}, report around ${formatDate(t1)}, in time for the target.${accept}`
				: `Even a Type I (as of ${formatDate(d.type1Earliest)}, report around ${formatDate(t1)}) would be ${plural(diffDays(target, t1), 'day')} late.${accept}`
		);
	}

	// Faster remediation of the items that set the date (a renewal period does not wait for them).
	if (blockers.length && !d.renewal) {
		const byDue = [...blockers].sort((x, y) => (x.due < y.due ? 1 : x.due > y.due ? -1 : 0));
		const latestStart =
			dec.type === 'type1' || dec.type === 'type1-then-type2'
				? addDays(target, -(TYPE1_FIELDWORK_DAYS + TYPE1_REPORT_DAYS))
				: latestPeriodStart(addDays(target, -TYPE2_REPORT_LAG_DAYS), months);
		const pathName =
			dec.type === 'type1' || dec.type === 'type1-then-type2'
				? 'the Type I as-of date'
				: 'the window';
		if (latestStart < input.today) {
			out.push(
				`Even with remediation finished today, ${pathName} would have had to start by ${formatDate(latestStart)}; this path cannot meet the target.`
			);
		} else {
			out.push(
				`Finish the blocking actions by ${formatDate(addDays(latestStart, -1))} so ${pathName} can start on ${formatDate(latestStart)}: start with the ones due last, ${byDue
					.slice(0, REASON_EXAMPLES)
					.map((p) => `“${p.action}” (${p.ownerRole}, due ${formatDate(p.due)})`)
					.join('; ')}.`
			);
		}
		// Capacity: who carries most of the blocking work.
		const perOwner = new Map<string, number>();
		for (const p of blockers) perOwner.set(p.ownerRole, (perOwner.get(p.ownerRole) ?? 0) + 1);
		const [owner, count] = [...perOwner.entries()].sort(
			(x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)
		)[0]!;
		if (count >= 3 && count / blockers.length >= 0.3) {
			out.push(
				`Spread the work: ${owner} owns ${count} of the ${blockers.length} blocking actions; more people or outside help on those shortens the plan.`
			);
		}
	}

	// Over-scoping: the category rule of scope.ts decides (same verdict as every other screen).
	const requested = input.assessment.profile?.['profile.categories-requested'];
	const asked = Array.isArray(requested) ? requested : [];
	for (const cat of input.tsc) {
		if (cat === 'security') continue;
		const advice = input.categoryAdvice?.find((x) => x.category === cat) ?? {
			category: cat,
			backing: asked.includes(cat) ? ('requested' as const) : ('none' as const),
			selected: true,
			label: '',
			text: '',
			overScoped: false
		};
		const n = blockers.filter((p) =>
			p.criteria.some((id) => input.criterionCategory.get(id) === cat)
		).length;
		const text = leaveOutAdvice(advice, n, d.firstAudit);
		if (text) out.push(text);
	}

	if (pressure === 'hard' || out.length === 0) {
		out.push(
			`Otherwise agree a later date with the buyer: the earliest realistic report on this plan is ${formatDate(dec.expectedReportDate)}.`
		);
	}
	return out;
}

/** The target date is already in the past: say so plainly and suggest the plan's own date. */
function targetPassedText(target: string, expected: string): string {
	return `The target report date of ${formatDate(target)} has already passed, so no plan can meet it. Reset it to a realistic date: on this plan the first report is expected around ${formatDate(expected)}.`;
}

// --- timeline and headline ----------------------------------------------------------------------

function timeline(d: DecisionInputs, dec: Decision, planStart: string): TimelineStep[] {
	const steps: TimelineStep[] = [];
	const projected = dec.type === 'remediate-first' ? ' (projected)' : '';
	if (d.remediationEnd && d.remediationEnd >= planStart) {
		steps.push({
			kind: 'remediation',
			label: d.renewal ? 'Remediation (while the period runs)' : 'Remediation of blocking gaps',
			start: planStart,
			end: d.remediationEnd
		});
	}
	if (dec.type1Date) {
		steps.push({
			kind: 'type1-fieldwork',
			label: 'Type I fieldwork',
			start: addDays(dec.type1Date, 1),
			end: addDays(dec.type1Date, TYPE1_FIELDWORK_DAYS)
		});
		steps.push({
			kind: 'type1-report',
			label: 'Type I report drafted and issued',
			start: addDays(dec.type1Date, TYPE1_FIELDWORK_DAYS + 1),
			end: type1ReportDate(dec.type1Date)
		});
	}
	const months = dec.windowMonths ?? dec.projectedMonths;
	const end = windowEnd(dec.windowStart, months);
	if (d.renewal) {
		steps.push({
			kind: 'window',
			label: `Next ${months}-month Type II period${d.priorPeriodEnd && !dec.coverageGap ? ' (back to back)' : ''}`,
			start: dec.windowStart,
			end
		});
		const reportStart = addDays(end, 1);
		steps.push({
			kind: 'fieldwork',
			label: 'Type II fieldwork',
			start: reportStart,
			end: addDays(end, TYPE2_FIELDWORK_DAYS)
		});
		steps.push({
			kind: 'report',
			label: 'Type II report drafted and issued',
			start: addDays(end, TYPE2_FIELDWORK_DAYS + 1),
			end: dec.expectedReportDate
		});
		return steps;
	}
	if (dec.retrospective) {
		const fieldStart = maxDate(addDays(end, 1), addDays(planStart, AUDITOR_ENGAGEMENT_DAYS));
		steps.push({
			kind: 'window',
			label: 'Period already run (CPA firm to agree)',
			start: dec.windowStart,
			end
		});
		steps.push({
			kind: 'fieldwork',
			label: 'Type II fieldwork',
			start: fieldStart,
			end: addDays(fieldStart, TYPE2_FIELDWORK_DAYS - 1)
		});
		steps.push({
			kind: 'report',
			label: 'Type II report drafted and issued',
			start: addDays(fieldStart, TYPE2_FIELDWORK_DAYS),
			end: dec.expectedReportDate
		});
		return steps;
	}
	if (dec.type === 'type1') {
		steps.push({
			kind: 'window',
			label: `Suggested ${months}-month Type II window, once buyers ask for it`,
			start: dec.windowStart,
			end
		});
		return steps;
	}
	steps.push({
		kind: 'window',
		label: `${months}-month Type II observation window${projected}`,
		start: dec.windowStart,
		end
	});
	steps.push({
		kind: 'fieldwork',
		label: `Type II fieldwork${projected}`,
		start: addDays(end, 1),
		end: addDays(end, TYPE2_FIELDWORK_DAYS)
	});
	steps.push({
		kind: 'report',
		label: `Type II report drafted and issued${projected}`,
		start: addDays(end, TYPE2_FIELDWORK_DAYS + 1),
		end: type2ReportDate(dec.windowStart, months)
	});
	return steps;
}

function headline(
	d: DecisionInputs,
	dec: Decision,
	meets: boolean | null,
	daysLate: number | null,
	targetPassed: boolean
): string {
	let h: string;
	const t1 = dec.type1Date;
	switch (dec.type) {
		case 'remediate-first': {
			const what =
				d.criticalGaps > 0
					? `close ${plural(d.criticalGaps, 'critical gap')}`
					: 'bring the controls up to design level';
			h = `Remediate first: ${what} before the period an auditor examines can start. Booking a CPA firm now is fine; what waits is the window. If the plan holds, a Type II window could start on ${formatDate(dec.windowStart)} (projected), with a report around ${formatDate(dec.expectedReportDate)}.`;
			break;
		}
		case 'type1':
			h = `Get a Type I report as of ${formatDate(t1!)} (report around ${formatDate(dec.expectedReportDate)}); start a ${dec.windowMonths}-month Type II window when buyers ask for one, at the earliest on ${formatDate(dec.windowStart)}.`;
			break;
		case 'type1-then-type2':
			h = `Get a Type I as of ${formatDate(t1!)} (report around ${formatDate(dec.expectedReportDate)}), then a ${dec.windowMonths}-month Type II window from ${formatDate(dec.windowStart)} (report around ${formatDate(dec.expectedType2ReportDate!)}). Meanwhile buyers get the Type I with that committed Type II date.`;
			break;
		default:
			if (d.renewal) {
				const gaps = dec.row === 'decision:renewal-with-gaps';
				h = `Continue with your next ${dec.windowMonths}-month Type II period${dec.coverageGap ? `, from ${formatDate(dec.windowStart)} at the earliest: coverage has lapsed since ${formatDate(dec.coverageGap.from)}` : ` from ${formatDate(dec.windowStart)}${d.priorPeriodEnd ? ', back to back' : ''}`}; report around ${formatDate(dec.expectedReportDate)}, with a bridge letter until then.${gaps ? ' Remediate the open gaps now: expect exceptions until they are fixed.' : ''}`;
			} else if (dec.retrospective) {
				h = `Go straight to a Type II over a ${dec.windowMonths}-month period that has already run, from ${formatDate(dec.windowStart)}, on the evidence you kept; report expected around ${formatDate(dec.expectedReportDate)}. The CPA firm must agree to examine a period that has already run.`;
			} else {
				h = `Go straight to a Type II: a ${dec.windowMonths}-month observation window from ${formatDate(dec.windowStart)}, report expected around ${formatDate(dec.expectedReportDate)}.`;
			}
	}
	if (meets === true) h += ' That meets your target date.';
	if (targetPassed)
		h += ` Your target date of ${formatDate(d.target!)} has already passed: reset it.`;
	else if (meets === false && daysLate !== null)
		h += ` That is ${plural(daysLate, 'day')} after your target date.`;
	return h;
}

// --- entry point ----------------------------------------------------------------------------------

export function buildRecommendation(input: RecommendationInput): Recommendation {
	const d = decisionInputs(input);
	const pressure = input.assessment.profile?.['profile.deadline-pressure'];
	const dec = decide(d, isAnswered(pressure ?? null) ? pressure : null, input.today);
	const blockers = input.plan.filter((p) => isBlocker(p, input.info, 'window'));
	const meetsTarget = d.target ? dec.expectedReportDate <= d.target : null;
	const daysLate = d.target ? diffDays(d.target, dec.expectedReportDate) : null;
	const targetPassed = d.target !== null && d.target < input.today;
	return {
		type: dec.type,
		windowMonths: dec.windowMonths,
		windowStart: dec.windowStart,
		type1Date: dec.type1Date,
		expectedReportDate: dec.expectedReportDate,
		expectedType2ReportDate: dec.expectedType2ReportDate,
		targetReportDate: d.target,
		meetsTarget,
		daysLate,
		targetPassed,
		suggestedTargetDate: targetPassed ? dec.expectedReportDate : null,
		timeline: timeline(d, dec, input.planStart),
		reasons: buildReasons(input, d, dec, blockers),
		toMeetTarget: meetsTarget === false ? suggestions(input, d, dec, blockers) : [],
		headline: headline(d, dec, meetsTarget, daysLate, targetPassed),
		renewal: d.renewal,
		retrospective: dec.retrospective === true
	};
}
