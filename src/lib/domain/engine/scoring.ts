/**
 * Scores: per question, per criterion, per area and overall, plus Type I / Type II readiness.
 * See methodology.ts for the rules in words.
 */
import { questionApplicability, skipSplit, type SkipKind } from '../scope';
import type {
	AreaScore,
	Assessment,
	Bank,
	CategoryId,
	CriterionScore,
	Gap,
	MaturityAnswer,
	MaturityLevel,
	MaturityQuestion,
	MaturityValue,
	QuestionScore,
	Risk
} from '../types';
import {
	DEFAULT_QUESTION_WEIGHT,
	DESIGN_TARGET,
	MAX_LEVEL,
	OPERATING_TARGET,
	UNKNOWN_LEVEL
} from './methodology';

/** Everything the engine needs to know about one bank question for this assessment. */
export interface QuestionState {
	question: MaturityQuestion;
	/** Position in the bank (interview order); used for stable ordering. */
	index: number;
	applicable: boolean;
	skipReason: string | null;
	skipKind?: SkipKind;
	answer: MaturityAnswer | undefined;
	/** The recorded value (null when unanswered). Invalid values count as unanswered. */
	value: MaturityValue | null;
	/** Level used for scoring: null when N/A or not applicable. */
	level: MaturityLevel | null;
	weight: number;
	flagged: 'unknown' | 'unanswered' | null;
}

const LEVELS: readonly MaturityValue[] = [0, 1, 2, 3, 4, 5, 'unknown', 'na'];

/** The recorded value if it is a valid maturity value, otherwise null (unanswered). */
export function validValue(answer: MaturityAnswer | undefined): MaturityValue | null {
	const v = answer?.value;
	return v !== undefined && v !== null && LEVELS.includes(v) ? v : null;
}

/** True for a non-blank "why not applicable" text. */
export function hasNaReason(answer: MaturityAnswer | undefined): boolean {
	return typeof answer?.naReason === 'string' && answer.naReason.trim() !== '';
}

/**
 * The value the engine works with: the recorded value, except that "not applicable" without a
 * written reason counts as unanswered (scored 0 and flagged), so N/A is never a silent way out.
 */
export function effectiveValue(answer: MaturityAnswer | undefined): MaturityValue | null {
	const v = validValue(answer);
	return v === 'na' && !hasNaReason(answer) ? null : v;
}

/** The scoring level of a value: unknown and unanswered count as UNKNOWN_LEVEL; N/A is excluded. */
export function levelOf(value: MaturityValue | null): MaturityLevel | null {
	if (value === 'na') return null;
	if (value === null || value === 'unknown') return UNKNOWN_LEVEL;
	return value;
}

export function weightOf(q: MaturityQuestion): number {
	return typeof q.weight === 'number' && Number.isFinite(q.weight) && q.weight > 0
		? q.weight
		: DEFAULT_QUESTION_WEIGHT;
}

export function questionStates(bank: Bank, a: Assessment): QuestionState[] {
	return questionApplicability(bank, a).map(
		({ question, applicable, skipReason, skipKind }, index) => {
			const answer = a.answers?.[question.id];
			const value = effectiveValue(answer);
			const level = applicable ? levelOf(value) : null;
			const flagged = !applicable
				? null
				: value === null
					? 'unanswered'
					: value === 'unknown'
						? 'unknown'
						: null;
			return {
				question,
				index,
				applicable,
				skipReason,
				...(skipKind ? { skipKind } : {}),
				answer,
				value,
				level,
				weight: weightOf(question),
				flagged
			};
		}
	);
}

/** Questions that count in scores: applicable and not N/A. */
export function scored(
	states: readonly QuestionState[]
): (QuestionState & { level: MaturityLevel })[] {
	return states.filter((s): s is QuestionState & { level: MaturityLevel } => s.level !== null);
}

function percent(part: number, whole: number): number {
	return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** Weighted score 0–100 and readiness shares of a set of scored questions; null when empty. */
export function aggregate(states: readonly (QuestionState & { level: MaturityLevel })[]): {
	score: number;
	type1Readiness: number;
	type2Readiness: number;
	level: number;
} | null {
	let w = 0;
	let sum = 0;
	let design = 0;
	let operating = 0;
	for (const s of states) {
		w += s.weight;
		sum += s.weight * s.level;
		if (s.level >= DESIGN_TARGET) design += s.weight;
		if (s.level >= OPERATING_TARGET) operating += s.weight;
	}
	if (w === 0) return null;
	return {
		score: percent(sum, w * MAX_LEVEL),
		type1Readiness: percent(design, w),
		type2Readiness: percent(operating, w),
		level: Math.round((sum / w) * 100) / 100
	};
}

export function questionScores(states: readonly QuestionState[]): QuestionScore[] {
	return states.map((s) => ({
		questionId: s.question.id,
		area: s.question.area,
		criteria: [...s.question.criteria],
		title: s.question.title,
		value: s.value,
		level: s.level,
		score: s.level === null ? null : (s.level / MAX_LEVEL) * 100,
		weight: s.weight,
		flagged: s.flagged
	}));
}

export function criterionScores(
	bank: Bank,
	states: readonly QuestionState[],
	tsc: readonly CategoryId[]
): CriterionScore[] {
	return bank.criteria
		.filter((c) => tsc.includes(c.category))
		.map((c) => {
			const related = states.filter((s) => s.applicable && s.question.criteria.includes(c.id));
			const counted = scored(related);
			const agg = aggregate(counted);
			const minLevel = counted.length ? Math.min(...counted.map((s) => s.level)) : null;
			return {
				criterionId: c.id,
				area: c.area,
				title: c.title,
				score: agg?.score ?? null,
				level: agg?.level ?? null,
				minLevel,
				questionIds: related.map((s) => s.question.id),
				designReady: minLevel !== null && minLevel >= DESIGN_TARGET,
				operatingReady: minLevel !== null && minLevel >= OPERATING_TARGET
			};
		});
}

export function areaScores(
	bank: Bank,
	states: readonly QuestionState[],
	tsc: readonly CategoryId[],
	gaps: readonly Gap[]
): AreaScore[] {
	return bank.areas
		.filter((area) => tsc.includes(area.category))
		.map((area) => {
			const inArea = states.filter((s) => s.applicable && s.question.area === area.id);
			const agg = aggregate(scored(inArea));
			const gapCount: Record<Risk, number> = { critical: 0, high: 0, medium: 0, low: 0 };
			for (const g of gaps) if (g.area === area.id) gapCount[g.risk] += 1;
			return {
				area: area.id,
				name: area.name,
				category: area.category,
				score: agg?.score ?? null,
				type1Readiness: agg?.type1Readiness ?? null,
				type2Readiness: agg?.type2Readiness ?? null,
				answered: inArea.filter((s) => s.value !== null).length,
				total: inArea.length,
				gapCount
			};
		});
}

export function scoreCounts(states: readonly QuestionState[]) {
	const applicable = states.filter((s) => s.applicable);
	const split = skipSplit(states);
	return {
		applicable: applicable.length,
		answered: applicable.filter((s) => s.value !== null).length,
		unanswered: applicable.filter((s) => s.value === null).length,
		unknown: applicable.filter((s) => s.value === 'unknown').length,
		na: applicable.filter((s) => s.value === 'na').length,
		skipped: states.length - applicable.length,
		skippedNotSelected: split.notSelected,
		skippedByAnswers: split.byAnswers
	};
}
