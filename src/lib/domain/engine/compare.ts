/**
 * Comparing two assessments of one organisation: "where were we in March, what has moved since".
 * Pure: it reads two report models (each computed with its own bank and its own "today") and says
 * what changed in scores, gaps, plan progress, the recommendation and its dates. A question that
 * left the scope is reported as such, never as a closed gap; a change of bank version (a question
 * added, removed or reworded) is stated.
 */
import { diffDays, formatDate } from '../dates';
import type { AreaId, Gap, MaturityValue, ReportModel, Risk } from '../types';
import { recommendationLabel } from './labels';
import { RISK_BANDS, riskRank } from './display';

export interface ScoreChange {
	before: number;
	after: number;
	/** after − before, in percentage points. */
	change: number;
}

export interface AreaChange {
	area: AreaId;
	name: string;
	/** null: the area was not in scope on that side. */
	before: number | null;
	after: number | null;
	change: number | null;
	status: 'compared' | 'entered-scope' | 'left-scope' | 'out-of-scope';
}

export type QuestionStatus =
	| 'improved'
	| 'worse'
	| 'unchanged'
	| 'answered'
	| 'unanswered'
	| 'entered-scope'
	| 'left-scope'
	| 'out-of-scope'
	| 'new-question'
	| 'removed-question';

export interface QuestionChange {
	questionId: string;
	area: AreaId;
	title: string;
	before: { value: MaturityValue | null; label: string } | null;
	after: { value: MaturityValue | null; label: string } | null;
	status: QuestionStatus;
	/** The question's wording changed between the two bank versions. */
	reworded: boolean;
}

export type GapStatus = 'closed' | 'new' | 'worse' | 'better' | 'still-open' | 'left-scope';

export interface GapChange {
	questionId: string;
	area: AreaId;
	title: string;
	status: GapStatus;
	/** Risk band before / after (null where there was no gap). */
	before: Risk | null;
	after: Risk | null;
	levelBefore: number | null;
	levelAfter: number | null;
}

export interface RecommendationChange {
	before: string;
	after: string;
	/** Sentences: "Window start moved 6 weeks earlier (from 1 June 2026 to 20 April 2026)." */
	changes: string[];
}

export interface Comparison {
	before: { assessmentId: string; assessmentDate: string; bankVersion: string };
	after: { assessmentId: string; assessmentDate: string; bankVersion: string };
	/** Nothing a reader would notice changed (scores, answers, gaps, plan, recommendation). */
	noChange: boolean;
	scores: { overall: ScoreChange; type1: ScoreChange; type2: ScoreChange };
	areas: AreaChange[];
	questions: QuestionChange[];
	gaps: GapChange[];
	/** How many gaps moved from each band (or from none) to each band (or to closed). */
	riskMoves: { from: Risk | 'none'; to: Risk | 'closed'; count: number }[];
	plan: {
		/** Actions ticked done since. */
		completed: { id: string; action: string }[];
		/** Actions no longer needed: the control reached the level the action was for. */
		noLongerNeeded: { id: string; action: string }[];
		/** Actions that are new in the plan. */
		added: { id: string; action: string }[];
	};
	recommendation: RecommendationChange;
	bank: {
		changed: boolean;
		added: string[];
		removed: string[];
		reworded: string[];
		/** One sentence when the bank changed, '' otherwise. */
		note: string;
	};
	/** "Readiness 68 %, up from 42 % on 3 March 2026." */
	summary: string;
}

const pct = (n: number) => `${Math.round(n)} %`;

function scoreChange(before: number, after: number): ScoreChange {
	return { before, after, change: Math.round(after - before) };
}

/** "6 weeks", "10 days", "1 day" — weeks when the gap is a whole number of weeks over 2. */
export function spanWords(days: number): string {
	const d = Math.abs(days);
	if (d >= 14 && d % 7 === 0) return `${d / 7} weeks`;
	return d === 1 ? '1 day' : `${d} days`;
}

function dateMove(label: string, before: string | null, after: string | null): string | null {
	if (before === after) return null;
	if (before && after) {
		const days = diffDays(before, after);
		const way = days < 0 ? 'earlier' : 'later';
		return `${label} moved ${spanWords(days)} ${way} (from ${formatDate(before)} to ${formatDate(after)}).`;
	}
	if (after) return `${label} is now ${formatDate(after)} (there was none before).`;
	return `${label} is no longer set (it was ${formatDate(before!)}).`;
}

function levelOf(value: MaturityValue | null): number | null {
	return typeof value === 'number' ? value : null;
}

function questionStatus(
	b: ReportModel['answers'][number] | undefined,
	a: ReportModel['answers'][number] | undefined
): QuestionStatus {
	if (!b) return 'new-question';
	if (!a) return 'removed-question';
	if (b.applicable && !a.applicable) return 'left-scope';
	if (!b.applicable && a.applicable) return 'entered-scope';
	if (!b.applicable && !a.applicable) return 'out-of-scope';
	if (b.value === a.value) return 'unchanged';
	if (b.value === null) return 'answered';
	if (a.value === null) return 'unanswered';
	const lb = levelOf(b.value);
	const la = levelOf(a.value);
	// "Don't know" and N/A have no level: moving to or from them is a change, neither up nor down
	// unless a level is on both sides.
	if (lb !== null && la !== null) return la > lb ? 'improved' : 'worse';
	if (la !== null) return 'improved';
	return b.value === 'unknown' ? 'unchanged' : 'worse';
}

function gapStatus(
	before: Gap | undefined,
	after: Gap | undefined,
	leftScope: boolean
): GapStatus | null {
	if (before && leftScope) return 'left-scope';
	if (before && !after) return 'closed';
	if (!before && after) return 'new';
	if (!before || !after) return null;
	const rb = riskRank(before.risk);
	const ra = riskRank(after.risk);
	// riskRank: 0 = critical (highest).
	if (ra < rb) return 'worse';
	if (ra > rb) return 'better';
	if (after.current < before.current) return 'worse';
	if (after.current > before.current) return 'better';
	return 'still-open';
}

/** Compare an earlier assessment (`before`) with a later one (`after`) of one organisation. */
export function compareModels(before: ReportModel, after: ReportModel): Comparison {
	const answersBefore = new Map(before.answers.map((r) => [r.questionId, r]));
	const answersAfter = new Map(after.answers.map((r) => [r.questionId, r]));
	const ids = [
		...after.answers.map((r) => r.questionId),
		...before.answers.map((r) => r.questionId).filter((id) => !answersAfter.has(id))
	];

	const questions: QuestionChange[] = ids.map((id) => {
		const b = answersBefore.get(id);
		const a = answersAfter.get(id);
		const row = (a ?? b)!;
		return {
			questionId: id,
			area: row.area,
			title: row.title,
			before: b ? { value: b.value, label: b.label } : null,
			after: a ? { value: a.value, label: a.label } : null,
			status: questionStatus(b, a),
			reworded: !!a && !!b && (a.prompt !== b.prompt || a.title !== b.title)
		};
	});
	const statusOf = new Map(questions.map((q) => [q.questionId, q.status]));

	const gapBefore = new Map(before.gaps.map((g) => [g.questionId, g]));
	const gapAfter = new Map(after.gaps.map((g) => [g.questionId, g]));
	const gaps: GapChange[] = [];
	for (const id of ids) {
		const b = gapBefore.get(id);
		const a = gapAfter.get(id);
		const status = gapStatus(
			b,
			a,
			statusOf.get(id) === 'left-scope' || statusOf.get(id) === 'removed-question'
		);
		if (!status) continue;
		const g = (a ?? b)!;
		gaps.push({
			questionId: id,
			area: g.area,
			title: g.title,
			status,
			before: b?.risk ?? null,
			after: status === 'left-scope' ? null : (a?.risk ?? null),
			levelBefore: b ? b.current : null,
			levelAfter: a ? a.current : null
		});
	}

	const moves = new Map<string, { from: Risk | 'none'; to: Risk | 'closed'; count: number }>();
	for (const g of gaps) {
		if (g.status === 'left-scope') continue;
		const from = g.before ?? 'none';
		const to = g.after ?? 'closed';
		if (from === to) continue;
		const key = `${from}>${to}`;
		const m = moves.get(key) ?? { from, to, count: 0 };
		m.count += 1;
		moves.set(key, m);
	}
	const bandOrder = (r: Risk | 'none' | 'closed') =>
		r === 'none' || r === 'closed' ? 9 : riskRank(r);
	const riskMoves = [...moves.values()].sort(
		(x, y) => bandOrder(x.from) - bandOrder(y.from) || bandOrder(x.to) - bandOrder(y.to)
	);

	const areaBefore = new Map(before.score.byArea.map((s) => [s.area, s]));
	const areaAfter = new Map(after.score.byArea.map((s) => [s.area, s]));
	const inScope = (m: ReportModel, area: AreaId) =>
		m.answers.some((r) => r.area === area && r.applicable);
	const areaIds = [
		...after.score.byArea.map((s) => s.area),
		...before.score.byArea.map((s) => s.area).filter((x) => !areaAfter.has(x))
	];
	const areas: AreaChange[] = areaIds.map((area) => {
		const b = areaBefore.get(area);
		const a = areaAfter.get(area);
		const bIn = inScope(before, area) && b?.score != null;
		const aIn = inScope(after, area) && a?.score != null;
		const vb = bIn ? b!.score : null;
		const va = aIn ? a!.score : null;
		return {
			area,
			name: (a ?? b)!.name,
			before: vb,
			after: va,
			change: vb !== null && va !== null ? Math.round(va - vb) : null,
			status: bIn && aIn ? 'compared' : aIn ? 'entered-scope' : bIn ? 'left-scope' : 'out-of-scope'
		};
	});

	const planBefore = new Map(before.plan.map((p) => [p.id, p]));
	const planAfter = new Map(after.plan.map((p) => [p.id, p]));
	const completed = after.plan
		.filter((p) => p.done && !planBefore.get(p.id)?.done)
		.map((p) => ({ id: p.id, action: p.action }));
	const noLongerNeeded = before.plan
		.filter((p) => !p.done && !planAfter.has(p.id))
		.map((p) => ({ id: p.id, action: p.action }));
	const added = after.plan
		.filter((p) => !planBefore.has(p.id))
		.map((p) => ({ id: p.id, action: p.action }));

	const rb = before.recommendation;
	const ra = after.recommendation;
	const recChanges = [
		recommendationLabel(rb) !== recommendationLabel(ra)
			? `The recommendation changed from “${recommendationLabel(rb)}” to “${recommendationLabel(ra)}”.`
			: null,
		rb.windowMonths !== ra.windowMonths && rb.windowMonths && ra.windowMonths
			? `The observation window is now ${ra.windowMonths} months (it was ${rb.windowMonths}).`
			: null,
		dateMove('The window start', rb.windowStart, ra.windowStart),
		dateMove('The Type I as-of date', rb.type1Date, ra.type1Date),
		dateMove('The expected report', rb.expectedReportDate, ra.expectedReportDate)
	].filter((s): s is string => s !== null);

	const added_ = questions.filter((q) => q.status === 'new-question').map((q) => q.questionId);
	const removed = questions.filter((q) => q.status === 'removed-question').map((q) => q.questionId);
	const reworded = questions.filter((q) => q.reworded).map((q) => q.questionId);
	const bankChanged =
		before.bankVersion !== after.bankVersion ||
		added_.length + removed.length + reworded.length > 0;
	const bankNote = bankChanged
		? `The question bank changed between the two assessments (version ${before.bankVersion} to ${after.bankVersion}): ${
				[
					added_.length ? `${added_.length} question${added_.length === 1 ? '' : 's'} added` : '',
					removed.length
						? `${removed.length} question${removed.length === 1 ? '' : 's'} removed`
						: '',
					reworded.length
						? `${reworded.length} question${reworded.length === 1 ? '' : 's'} reworded`
						: ''
				]
					.filter(Boolean)
					.join(', ') || 'no question changed'
			}. Scores are compared as computed at each date.`
		: '';

	const overall = scoreChange(before.score.overall, after.score.overall);
	const word = overall.change > 0 ? 'up' : overall.change < 0 ? 'down' : 'unchanged';
	const summary =
		word === 'unchanged'
			? `Readiness ${pct(overall.after)}, unchanged since ${formatDate(before.assessment.assessmentDate)}.`
			: `Readiness ${pct(overall.after)}, ${word} from ${pct(overall.before)} on ${formatDate(before.assessment.assessmentDate)}.`;

	const scores = {
		overall,
		type1: scoreChange(before.score.type1Readiness, after.score.type1Readiness),
		type2: scoreChange(before.score.type2Readiness, after.score.type2Readiness)
	};
	const noChange =
		scores.overall.change === 0 &&
		scores.type1.change === 0 &&
		scores.type2.change === 0 &&
		questions.every((q) => q.status === 'unchanged' || q.status === 'out-of-scope') &&
		gaps.every((g) => g.status === 'still-open') &&
		completed.length + noLongerNeeded.length + added.length === 0 &&
		recChanges.length === 0;

	return {
		before: {
			assessmentId: before.assessment.id,
			assessmentDate: before.assessment.assessmentDate,
			bankVersion: before.bankVersion
		},
		after: {
			assessmentId: after.assessment.id,
			assessmentDate: after.assessment.assessmentDate,
			bankVersion: after.bankVersion
		},
		noChange,
		scores,
		areas,
		questions,
		gaps,
		riskMoves,
		plan: { completed, noLongerNeeded, added },
		recommendation: {
			before: recommendationLabel(rb),
			after: recommendationLabel(ra),
			changes: recChanges
		},
		bank: { changed: bankChanged, added: added_, removed, reworded, note: bankNote },
		summary
	};
}

/** Per area, the score at each assessment (oldest first), for a trend chart. */
export function areaTrend(
	models: readonly ReportModel[]
): { area: AreaId; name: string; points: { date: string; score: number | null }[] }[] {
	const ordered = [...models].sort((a, b) =>
		a.assessment.assessmentDate.localeCompare(b.assessment.assessmentDate)
	);
	const areas = new Map<AreaId, string>();
	for (const m of ordered) for (const s of m.score.byArea) areas.set(s.area, s.name);
	return [...areas].map(([area, name]) => ({
		area,
		name,
		points: ordered.map((m) => {
			const s = m.score.byArea.find((x) => x.area === area);
			const inScope = m.answers.some((r) => r.area === area && r.applicable);
			return { date: m.assessment.assessmentDate, score: inScope ? (s?.score ?? null) : null };
		})
	}));
}

/** Each question status in words (the results section, the PDF and the CSV). */
export const QUESTION_WORDS: Record<QuestionStatus, string> = {
	improved: 'Improved',
	worse: 'Worse',
	unchanged: 'Unchanged',
	answered: 'Answered since',
	unanswered: 'No longer answered',
	'entered-scope': 'Entered scope',
	'left-scope': 'Left scope',
	'out-of-scope': 'Out of scope on both dates',
	'new-question': 'New question in the bank',
	'removed-question': 'Removed from the bank'
};

/** Each gap status in words (the results section, the PDF and the CSV). */
export const GAP_WORDS: Record<GapStatus, string> = {
	closed: 'Closed',
	new: 'New',
	worse: 'Worse',
	better: 'Better',
	'still-open': 'Still open',
	'left-scope': 'No longer assessed (left scope)'
};

/** A risk band in words: "High". */
export function riskWord(r: Risk): string {
	return RISK_BANDS.find((b) => b.risk === r)?.label ?? r;
}

/** A gap on one date: "High risk, level 1", or "no gap". */
function gapCell(risk: Risk | null, level: number | null): string {
	if (!risk) return 'no gap';
	return level === null ? `${riskWord(risk)} risk` : `${riskWord(risk)} risk, level ${level}`;
}

/**
 * The comparison as one table for a CSV: a row per question, then a row per gap, with both
 * dates' values. Plain values; the CSV writer neutralises formulas.
 */
export function comparisonRows(c: Comparison): { header: string[]; rows: string[][] } {
	const header = [
		'Row',
		'Question id',
		'Area',
		'Title',
		`Before (${c.before.assessmentDate})`,
		`After (${c.after.assessmentDate})`,
		'Change',
		'Reworded'
	];
	const rows: string[][] = [];
	for (const q of c.questions) {
		if (q.status === 'out-of-scope') continue;
		rows.push([
			'Question',
			q.questionId,
			q.area,
			q.title,
			q.before?.label ?? '',
			q.after?.label ?? '',
			QUESTION_WORDS[q.status],
			q.reworded ? 'yes' : ''
		]);
	}
	for (const g of c.gaps)
		rows.push([
			'Gap',
			g.questionId,
			g.area,
			g.title,
			gapCell(g.before, g.levelBefore),
			g.status === 'left-scope' ? 'not assessed' : gapCell(g.after, g.levelAfter),
			GAP_WORDS[g.status],
			''
		]);
	return { header, rows };
}
