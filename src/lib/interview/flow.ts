/**
 * The shape of the interview: which stages can be left (and why not), which are reachable,
 * the path through the maturity questions, and where "next", "back" and "go to" lead.
 * Pure functions of (bank, assessment, position); the XState machine calls them from its
 * named guards and actions.
 */
import { evaluateCondition, isAnswered } from '$lib/domain/conditions';
import { conditionContext, questionApplicability, selectedCategories } from '$lib/domain/scope';
import * as fields from '$lib/domain/fields';
import { isIsoDate } from '$lib/domain/dates';
import type { Assessment, AssessmentMeta, BankCore, ProfileQuestion } from '$lib/domain/types';
import { STAGES, type GotoTarget, type Position, type Stage } from './types';

/** True for a real calendar date written as YYYY-MM-DD (the one calendar check of the app). */
export { isIsoDate };

/**
 * Why a value cannot be stored in a meta field (null when it can): the field validators of
 * `$lib/domain/fields`, the same ones the create dialog and import use. The Start form shows
 * the message and keeps the saved value unchanged.
 */
export function validateMetaField(
	field: keyof AssessmentMeta,
	value: unknown,
	meta?: AssessmentMeta
): string | null {
	const r = (() => {
		switch (field) {
			case 'organisation':
				return fields.organisationName(value);
			case 'assessor':
				return fields.assessorName(value);
			case 'assessmentDate':
				return fields.assessmentDate(value);
			case 'targetReportDate':
				return fields.targetReportDate(value, meta?.assessmentDate);
			case 'planStartDate':
				return fields.planStartDate(value);
			case 'branding':
				return fields.branding(value);
		}
		return null;
	})();
	return r && !r.ok ? r.message : null;
}

/** Profile/scope questions of a stage that are currently shown (their `when` holds). */
export function visibleProfileQuestions(
	bank: BankCore,
	a: Assessment,
	stage: 'profile' | 'scope'
): ProfileQuestion[] {
	const ctx = conditionContext(a, bank);
	return bank.profileQuestions.filter(
		(q) => q.stage === stage && (!q.when || evaluateCondition(q.when, ctx))
	);
}

/** What must still be done before the user can leave `stage` (empty: nothing). */
export function stageIssues(bank: BankCore, a: Assessment, stage: Stage): string[] {
	switch (stage) {
		case 'start': {
			const issues: string[] = [];
			for (const f of ['organisation', 'assessor', 'assessmentDate'] as const) {
				const err = validateMetaField(f, a.meta[f], a.meta);
				if (err) issues.push(err);
			}
			for (const f of ['targetReportDate', 'planStartDate'] as const) {
				const err = validateMetaField(f, a.meta[f] ?? null, a.meta);
				if (err) issues.push(err);
			}
			return [...new Set(issues)];
		}
		case 'profile':
		case 'scope':
			return visibleProfileQuestions(bank, a, stage)
				.filter((q) => q.required && !isAnswered(a.profile[q.id]))
				.map((q) => `Answer “${q.prompt}”`);
		case 'subservices':
			return a.subservices
				.map((s, i) => (s.name.trim() ? null : `Name vendor ${i + 1}.`))
				.filter((x): x is string => x !== null);
		case 'cuecs':
			return a.cuecs
				.map((c, i) =>
					c.text.trim() ? null : `Write the wording of user entity control ${i + 1}.`
				)
				.filter((x): x is string => x !== null);
		default:
			return [];
	}
}

/**
 * What keeps the user on the current question: an N/A answer needs a non-blank reason (it is
 * printed in the report next to the question, and the engine counts a bare N/A as unanswered).
 */
export function questionIssues(bank: BankCore, a: Assessment, pos: Position): string[] {
	if (pos.stage !== 'maturity' || !pos.questionId) return [];
	const answer = a.answers[pos.questionId];
	if (answer?.value !== 'na' || answer.naReason?.trim()) return [];
	const title = bank.questions.find((q) => q.id === pos.questionId)?.title ?? pos.questionId;
	return [`Say why “${title}” does not apply, or choose another answer.`];
}

/** Everything that keeps the user where they are: the stage's issues and the question's. */
export function leaveIssues(bank: BankCore, a: Assessment, pos: Position): string[] {
	return [...stageIssues(bank, a, pos.stage), ...questionIssues(bank, a, pos)];
}

/** Stages from `start` up to (excluding) `stage` whose issues block reaching `stage`. */
export function blockingIssues(
	bank: BankCore,
	a: Assessment,
	stage: Stage
): { stage: Stage; issues: string[] }[] {
	const out: { stage: Stage; issues: string[] }[] = [];
	for (const s of STAGES) {
		if (s === stage) break;
		const issues = stageIssues(bank, a, s);
		if (issues.length) out.push({ stage: s, issues });
	}
	if (
		(stage === 'maturity' || stage === 'review' || stage === 'results') &&
		!a.categoriesConfirmed
	) {
		out.push({ stage: 'tsc', issues: ['Confirm the Trust Services Criteria in scope.'] });
	}
	return out;
}

/** A stage is reachable when every earlier stage can be left (and, after TSC, it was confirmed). */
export function isReachable(bank: BankCore, a: Assessment, stage: Stage): boolean {
	return blockingIssues(bank, a, stage).length === 0;
}

/** Ids of the applicable maturity questions in interview order. */
export function maturityPath(bank: BankCore, a: Assessment): string[] {
	return questionApplicability(bank, a)
		.filter((x) => x.applicable)
		.map((x) => x.question.id);
}

/** Areas of the selected categories, in interview order. */
export function selectedAreas(bank: BankCore, a: Assessment): BankCore['areas'] {
	const cats = selectedCategories(a);
	return bank.areas.filter((ar) => cats.includes(ar.category));
}

function hasValue(a: Assessment, questionId: string): boolean {
	const v = a.answers[questionId]?.value;
	return v !== null && v !== undefined;
}

/**
 * Keep the maturity position valid when the path changed under it: a question that no longer
 * applies is replaced by the next applicable one after it (bank order), or Review.
 */
export function normalizePosition(bank: BankCore, a: Assessment, pos: Position): Position {
	if (pos.stage !== 'maturity') return { stage: pos.stage, questionId: null };
	const path = maturityPath(bank, a);
	if (pos.questionId && path.includes(pos.questionId)) return pos;
	const order = bank.questions.map((q) => q.id);
	const from = pos.questionId ? order.indexOf(pos.questionId) : -1;
	const onPath = new Set(path);
	const next = from >= 0 ? order.slice(from + 1).find((id) => onPath.has(id)) : path[0];
	return next ? { stage: 'maturity', questionId: next } : { stage: 'review', questionId: null };
}

function entry(bank: BankCore, a: Assessment, stage: Stage, fromEnd = false): Position {
	if (stage !== 'maturity') return { stage, questionId: null };
	const path = maturityPath(bank, a);
	const id = fromEnd ? path[path.length - 1] : path[0];
	if (id) return { stage: 'maturity', questionId: id };
	return fromEnd ? { stage: 'cuecs', questionId: null } : { stage: 'review', questionId: null };
}

/** Where "next" leads from `pos` (the same position at the very end). */
export function nextPosition(bank: BankCore, a: Assessment, pos: Position): Position {
	if (pos.stage === 'maturity') {
		const path = maturityPath(bank, a);
		const i = pos.questionId ? path.indexOf(pos.questionId) : -1;
		const next = path[i + 1];
		return next ? { stage: 'maturity', questionId: next } : { stage: 'review', questionId: null };
	}
	const i = STAGES.indexOf(pos.stage);
	const stage = STAGES[i + 1];
	return stage ? entry(bank, a, stage) : pos;
}

/** Where "back" leads from `pos` (the same position at the very start). */
export function previousPosition(bank: BankCore, a: Assessment, pos: Position): Position {
	if (pos.stage === 'maturity') {
		const path = maturityPath(bank, a);
		const i = pos.questionId ? path.indexOf(pos.questionId) : -1;
		const prev = i > 0 ? path[i - 1] : undefined;
		return prev ? { stage: 'maturity', questionId: prev } : { stage: 'cuecs', questionId: null };
	}
	const i = STAGES.indexOf(pos.stage);
	const stage = i > 0 ? STAGES[i - 1] : undefined;
	return stage ? entry(bank, a, stage, true) : pos;
}

/** The position a "go to" request resolves to, or null when it is not reachable. */
export function resolveGoto(bank: BankCore, a: Assessment, target: GotoTarget): Position | null {
	if (!STAGES.includes(target.stage)) return null;
	if (!isReachable(bank, a, target.stage)) return null;
	if (target.stage !== 'maturity') return { stage: target.stage, questionId: null };
	const path = maturityPath(bank, a);
	if (target.questionId)
		return path.includes(target.questionId)
			? { stage: 'maturity', questionId: target.questionId }
			: null;
	if (target.area) {
		const inArea = bank.questions
			.filter((q) => q.area === target.area && path.includes(q.id))
			.map((q) => q.id);
		const first = inArea.find((id) => !hasValue(a, id)) ?? inArea[0];
		return first ? { stage: 'maturity', questionId: first } : null;
	}
	const first = path.find((id) => !hasValue(a, id)) ?? path[0];
	return first ? { stage: 'maturity', questionId: first } : { stage: 'review', questionId: null };
}

/**
 * A sensible position derived from the stored answers alone (used when there is no stored
 * snapshot, or it is of an unknown version): the first stage with something left to do, or
 * the first unanswered maturity question, or Review.
 */
export function derivePosition(bank: BankCore, a: Assessment): Position {
	for (const stage of ['start', 'profile', 'scope', 'subservices'] as const) {
		if (stageIssues(bank, a, stage).length) return { stage, questionId: null };
	}
	const answeredProfile = Object.keys(a.profile).some((k) => k.startsWith('profile.'));
	if (!answeredProfile) return { stage: 'profile', questionId: null };
	const answeredScope = Object.keys(a.profile).some((k) => k.startsWith('scope.'));
	if (!answeredScope) return { stage: 'scope', questionId: null };
	if (!a.categoriesConfirmed) return { stage: 'tsc', questionId: null };
	if (stageIssues(bank, a, 'cuecs').length) return { stage: 'cuecs', questionId: null };
	const path = maturityPath(bank, a);
	const first = path.find((id) => !hasValue(a, id));
	if (first) return { stage: 'maturity', questionId: first };
	return { stage: 'review', questionId: null };
}

/** Validate an untrusted position (from storage or a URL) against the current data. */
export function isValidPosition(bank: BankCore, a: Assessment, pos: unknown): pos is Position {
	if (!pos || typeof pos !== 'object') return false;
	const p = pos as Partial<Position>;
	if (typeof p.stage !== 'string' || !STAGES.includes(p.stage as Stage)) return false;
	if (!isReachable(bank, a, p.stage as Stage)) return false;
	if (p.stage === 'maturity') {
		return typeof p.questionId === 'string' && maturityPath(bank, a).includes(p.questionId);
	}
	return true;
}
