/**
 * The condition language of the question bank: applicability rules (`when`), category
 * suggestion rules, scope notes and CUEC relevance are all `Condition`s evaluated here.
 *
 * Semantics (see also docs/bank-authoring.md):
 * - `{ all: [...] }` true when every sub-condition holds (an empty list is true).
 * - `{ any: [...] }` true when at least one holds (an empty list is false).
 * - `{ not: c }` negation.
 * - `{ answer, equals }` the answer is exactly the value (single choice id, boolean, number, text).
 * - `{ answer, includes }` a multi-choice answer contains the option id.
 * - `{ answer, in: [...] }` a single-choice answer is one of the ids; for a multi-choice answer,
 *   at least one selected option is in the list.
 * - `{ answer, answered }` the answer is non-empty (`true`) or empty/missing (`false`).
 *   `false` is a real answer to a yes/no question; `''`, whitespace, `[]`, `null` are empty.
 * - `{ answer, gte }` / `{ answer, lte }` numeric comparison.
 * - `{ category }` the category is selected (Security always is).
 * An unanswered question makes `equals`, `includes`, `in`, `gte` and `lte` false.
 *
 * Pure: no I/O, no dates, no framework imports.
 */
import type { CategoryId, Condition, ProfileAnswer, Scalar } from './types';

export interface ConditionContext {
	/** Profile and scope answers keyed by profile question id. */
	profile: Record<string, ProfileAnswer>;
	/** Selected categories; always includes 'security'. */
	categories: CategoryId[];
}

/** True when the answer carries information (false and 0 count as answers). */
export function isAnswered(value: ProfileAnswer | undefined): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value === 'string') return value.trim() !== '';
	if (Array.isArray(value)) return value.length > 0;
	if (typeof value === 'number') return Number.isFinite(value);
	return true;
}

function scalarEquals(answer: ProfileAnswer | undefined, expected: Scalar): boolean {
	if (!isAnswered(answer) || Array.isArray(answer)) return false;
	return answer === expected;
}

/**
 * Evaluate a condition. Throws on a value that is not a condition at all (the bank is
 * validated at build time, so this only happens with hand-made conditions in code).
 */
export function evaluateCondition(cond: Condition, ctx: ConditionContext): boolean {
	if ('all' in cond) return cond.all.every((c) => evaluateCondition(c, ctx));
	if ('any' in cond) return cond.any.some((c) => evaluateCondition(c, ctx));
	if ('not' in cond) return !evaluateCondition(cond.not, ctx);
	if ('category' in cond) {
		return cond.category === 'security' || ctx.categories.includes(cond.category);
	}
	if ('answer' in cond) {
		const value = Object.prototype.hasOwnProperty.call(ctx.profile, cond.answer)
			? ctx.profile[cond.answer]
			: undefined;
		if ('equals' in cond) return scalarEquals(value, cond.equals);
		if ('includes' in cond) return Array.isArray(value) && value.includes(cond.includes);
		if ('in' in cond) {
			if (!isAnswered(value)) return false;
			if (Array.isArray(value)) return value.some((v) => cond.in.includes(v));
			return typeof value === 'string' && cond.in.includes(value);
		}
		if ('answered' in cond) return isAnswered(value) === cond.answered;
		if ('gte' in cond)
			return typeof value === 'number' && Number.isFinite(value) && value >= cond.gte;
		if ('lte' in cond)
			return typeof value === 'number' && Number.isFinite(value) && value <= cond.lte;
	}
	throw new Error(`Not a valid condition: ${JSON.stringify(cond)}`);
}

/** A reference from a condition to a profile/scope question (and the option ids it names). */
export interface ConditionRef {
	question: string;
	/** Option ids named by `includes`/`in`, or a string `equals` value. */
	options: string[];
	op: 'equals' | 'includes' | 'in' | 'answered' | 'gte' | 'lte';
	value: unknown;
}

/** Every question reference in a condition, depth first (used for validation and traceability). */
export function conditionRefs(cond: Condition): ConditionRef[] {
	const out: ConditionRef[] = [];
	const walk = (c: Condition): void => {
		if ('all' in c) c.all.forEach(walk);
		else if ('any' in c) c.any.forEach(walk);
		else if ('not' in c) walk(c.not);
		else if ('answer' in c) {
			if ('equals' in c)
				out.push({
					question: c.answer,
					op: 'equals',
					value: c.equals,
					options: typeof c.equals === 'string' ? [c.equals] : []
				});
			else if ('includes' in c)
				out.push({ question: c.answer, op: 'includes', value: c.includes, options: [c.includes] });
			else if ('in' in c) out.push({ question: c.answer, op: 'in', value: c.in, options: c.in });
			else if ('answered' in c)
				out.push({ question: c.answer, op: 'answered', value: c.answered, options: [] });
			else if ('gte' in c) out.push({ question: c.answer, op: 'gte', value: c.gte, options: [] });
			else if ('lte' in c) out.push({ question: c.answer, op: 'lte', value: c.lte, options: [] });
		}
	};
	walk(cond);
	return out;
}

/** Ids of the profile/scope questions a condition reads, unique, in first-seen order. */
export function conditionQuestionIds(cond: Condition): string[] {
	return [...new Set(conditionRefs(cond).map((r) => r.question))];
}

/** Categories a condition names, unique. */
export function conditionCategories(cond: Condition): CategoryId[] {
	const out = new Set<CategoryId>();
	const walk = (c: Condition): void => {
		if ('all' in c) c.all.forEach(walk);
		else if ('any' in c) c.any.forEach(walk);
		else if ('not' in c) walk(c.not);
		else if ('category' in c) out.add(c.category);
	};
	walk(cond);
	return [...out];
}
