/**
 * The assessment engine: question bank + assessment + "today" → report model.
 *
 * Pure and deterministic: no clock, no randomness, no I/O. Same input, same (deep-equal) output.
 * The rules are explained in methodology.ts (printed in the report) and docs/methodology.md.
 */
import { isIsoDate } from '../dates';
import {
	activeSmallTeamPaths,
	categoryAdvice,
	selectedCategories,
	suggestCategories
} from '../scope';
import type {
	Assessment,
	Bank,
	CategoryId,
	MaturityAnswer,
	MaturityLevel,
	ReportModel
} from '../types';
import { buildEvidenceRequests } from './evidence-requests';
import { buildGaps } from './gaps';
import {
	DISCLAIMER,
	GROUP_PLAN_BY_CONTROL,
	MODEL_VERSION,
	methodologySections
} from './methodology';
import { planStartOf } from './plan-start';
import { pointsOfFocusRows } from './points-of-focus';
import {
	appliesBelowOf,
	applicableTemplates,
	buildPlan,
	groupPlan,
	teamFor,
	withRoleNames
} from './plan';
import { buildRecommendation } from './recommendation';
import { sensitiveData } from './risk';
import { carriedNote } from '../reassess';
import {
	aggregate,
	areaScores,
	criterionScores,
	questionScores,
	questionStates,
	scoreCounts,
	scored
} from './scoring';
import {
	answerRows,
	evidenceChecklist,
	iso27001Overlap,
	profileRows,
	scopeNotes,
	skippedRows,
	subserviceRows
} from './summaries';

export { DISCLAIMER, MODEL_VERSION, methodologySections } from './methodology';

export { planStartHint, planStartOf } from './plan-start';
export {
	REQUEST_AREA_LABELS,
	REQUEST_FREQUENCY_LABELS,
	REQUEST_NOTE,
	REQUEST_STATUS_LABELS,
	buildEvidenceRequests,
	occurrencesIn,
	requestPeriod,
	sampleFor,
	type RequestOptions
} from './evidence-requests';
export { POINT_STATUS_LABELS, pointStatusCounts, pointsOfFocusRows } from './points-of-focus';

function withCarriedNote(notes: string[], note: string | null): string[] {
	return note ? [...notes, note] : notes;
}

export function buildReportModel(bank: Bank, a: Assessment, today: string): ReportModel {
	if (!isIsoDate(today))
		throw new RangeError(`"today" must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(today)}`);
	const planStart = planStartOf(a, today);
	const tsc = selectedCategories(a);
	const states = questionStates(bank, a);
	const sensitive = sensitiveData(bank, a);
	const gaps = buildGaps(states, sensitive.byArea);
	const headcount = a.profile?.['profile.headcount'];
	const smallTeam = activeSmallTeamPaths(bank, a);
	const { plan, starterPlan, info } = buildPlan(
		states,
		gaps,
		a.planOverrides ?? {},
		planStart,
		withRoleNames(teamFor(headcount), a.ownerRoles),
		smallTeam
	);
	const planGroups =
		typeof headcount === 'string' && GROUP_PLAN_BY_CONTROL.includes(headcount)
			? groupPlan(plan, new Map(states.map((s) => [s.question.id, s.question.title])))
			: null;
	const byCriterion = criterionScores(bank, states, tsc);
	const overall = aggregate(scored(states));
	const suggestions = suggestCategories(bank, a);
	const answers = answerRows(states);
	const advice = categoryAdvice(bank, a);
	const criterionCategory = new Map<string, CategoryId>(
		bank.criteria.map((c) => [c.id, c.category])
	);

	const recommendation = buildRecommendation({
		assessment: a,
		today,
		planStart,
		tsc,
		criterionCategory,
		states,
		criteria: byCriterion,
		readiness: { type1: overall?.type1Readiness ?? 0, type2: overall?.type2Readiness ?? 0 },
		gaps,
		plan,
		info,
		categoryAdvice: advice
	});

	const model: ReportModel = {
		modelVersion: MODEL_VERSION,
		bankVersion: bank.version,
		asOf: today,
		customQuestionIds: bank.questions.filter((q) => q.custom).map((q) => q.id),
		introduction: a.reportIntroduction?.trim() ?? '',
		assessment: {
			id: a.id,
			organisation: a.meta.organisation,
			assessor: a.meta.assessor,
			assessmentDate: a.meta.assessmentDate,
			targetReportDate: a.meta.targetReportDate ?? null,
			planStartDate: planStart,
			branding: { ...(a.meta.branding ?? {}) }
		},
		profile: profileRows(bank, a),
		sensitiveData: sensitive.types.map((t) => t.label),
		tsc,
		categorySuggestions: suggestions,
		categoryAdvice: advice,
		scopeNotes: withCarriedNote(
			scopeNotes(bank, a, suggestions, advice),
			carriedNote(
				a,
				states.filter((s) => s.applicable).map((s) => s.question.id)
			)
		),
		score: {
			overall: overall?.score ?? 0,
			type1Readiness: overall?.type1Readiness ?? 0,
			type2Readiness: overall?.type2Readiness ?? 0,
			byArea: areaScores(bank, states, tsc, gaps),
			byCriterion,
			byQuestion: questionScores(states),
			counts: scoreCounts(states)
		},
		gaps,
		plan,
		starterPlan,
		planGroups,
		recommendation,
		subservices: subserviceRows(bank, a, today, recommendation),
		cuecs: (a.cuecs ?? []).map((c) => ({ ...c, criteria: [...c.criteria] })),
		iso27001: iso27001Overlap(bank, a, gaps, tsc),
		evidenceChecklist: evidenceChecklist(states, plan, smallTeam),
		answers,
		skipped: skippedRows(states),
		naKeyControls: states
			.filter((s) => s.applicable && s.value === 'na' && s.question.naNeedsReason === true)
			.map((s) => ({
				questionId: s.question.id,
				title: s.question.title,
				criteria: [...s.question.criteria],
				reason: s.answer!.naReason!.trim()
			})),
		methodology: methodologySections(),
		disclaimer: DISCLAIMER,
		pointsOfFocus: pointsOfFocusRows(bank, tsc, answers)
	};
	model.evidenceRequests = buildEvidenceRequests(bank, bank.evidenceRequests ?? [], a, model);
	return model;
}

/**
 * The level each question would reach if the given plan actions were done: the highest level L
 * such that every remediation template of the question that applies below L (and above its
 * current level) is among `done`. Only questions whose level would rise are returned.
 */
export function assumedLevels(
	bank: Bank,
	a: Assessment,
	done: ReadonlySet<string>
): Map<string, MaturityLevel> {
	const out = new Map<string, MaturityLevel>();
	const smallTeam = activeSmallTeamPaths(bank, a);
	for (const s of questionStates(bank, a)) {
		if (s.level === null) continue;
		const templates = applicableTemplates(s.question, s.level, smallTeam);
		const thresholds = [...new Set(templates.map(appliesBelowOf))].sort((x, y) => x - y);
		let level: number = s.level;
		for (const t of thresholds) {
			if (templates.filter((x) => appliesBelowOf(x) <= t).every((x) => done.has(x.id))) level = t;
			else break;
		}
		if (level > s.level) out.set(s.question.id, level as MaturityLevel);
	}
	return out;
}

/**
 * The report model as if the given plan actions were done (dashboard what-if). Answers of the
 * questions those actions fix are raised per `assumedLevels`; the actions are marked done.
 */
export function whatIf(
	bank: Bank,
	a: Assessment,
	today: string,
	doneActionIds: string[]
): ReportModel {
	const done = new Set(doneActionIds);
	const raised = assumedLevels(bank, a, done);
	const answers: Record<string, MaturityAnswer> = { ...a.answers };
	for (const [id, level] of raised) {
		const prev = a.answers?.[id];
		answers[id] = {
			evidence: [],
			...prev,
			value: level,
			updatedAt: prev?.updatedAt ?? ''
		};
	}
	const planOverrides = { ...(a.planOverrides ?? {}) };
	for (const id of done) planOverrides[id] = { ...planOverrides[id], done: true };
	return buildReportModel(bank, { ...a, answers, planOverrides }, today);
}
