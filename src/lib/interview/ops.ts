/**
 * Applying interview write operations to an assessment, and detecting stale edits.
 * Pure functions: used by the machine (optimistic update) and by the persister (inside the
 * IndexedDB transaction, against what is really stored).
 */
import type { Assessment, BankCore, OptionalCategoryId } from '$lib/domain/types';
import { OPTIONAL_CATEGORY_IDS } from '$lib/domain/types';
import { withAnswerChanged, withConfirmed } from '$lib/domain/carried';
import type { Op } from './types';

/**
 * Empty-ish values compare equal: undefined, null, '' and whitespace-only strings; strings
 * compare without the spaces around them (a field stores its trimmed value while the editor
 * still holds what was typed).
 */
function norm(v: unknown): unknown {
	if (v === undefined || v === null) return null;
	if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
	if (Array.isArray(v) && v.length === 0) return null;
	return v;
}

/** Structural equality for JSON-like values (object key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
	const x = norm(a);
	const y = norm(b);
	if (x === y) return true;
	if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
	if (Array.isArray(x) !== Array.isArray(y)) return false;
	if (Array.isArray(x) && Array.isArray(y)) {
		return x.length === y.length && x.every((v, i) => sameValue(v, y[i]));
	}
	const xo = x as Record<string, unknown>;
	const yo = y as Record<string, unknown>;
	const keys = new Set([...Object.keys(xo), ...Object.keys(yo)]);
	for (const k of keys) if (!sameValue(xo[k], yo[k])) return false;
	return true;
}

/** The value an op's `base` is compared with, as currently found in `a`. */
export function currentValue(a: Assessment, op: Op): unknown {
	switch (op.kind) {
		case 'meta':
			return (a.meta as unknown as Record<string, unknown>)[op.field];
		case 'profile':
			return a.profile[op.questionId];
		case 'subservice.field':
			return (
				a.subservices.find((s) => s.id === op.id) as unknown as Record<string, unknown> | undefined
			)?.[op.field];
		case 'cuec.field':
			return (
				a.cuecs.find((c) => c.id === op.id) as unknown as Record<string, unknown> | undefined
			)?.[op.field];
		case 'answer':
			return a.answers[op.questionId] ?? null;
		default:
			return undefined;
	}
}

/**
 * Null when the op may be applied to `a`; otherwise the newer value found there. An edit is
 * stale when the value it was based on is no longer the stored one (another tab changed it).
 * Setting a field to the value it already has is never a conflict.
 */
export function findConflict(a: Assessment, op: Op): { current: unknown } | null {
	switch (op.kind) {
		case 'meta':
		case 'profile':
		case 'subservice.field':
		case 'cuec.field': {
			const current = currentValue(a, op);
			if (sameValue(current, op.value) || sameValue(current, op.base)) return null;
			if (op.kind === 'subservice.field' && !a.subservices.some((s) => s.id === op.id)) {
				return { current: null };
			}
			if (op.kind === 'cuec.field' && !a.cuecs.some((c) => c.id === op.id)) {
				return { current: null };
			}
			return { current };
		}
		case 'answer': {
			const { questionId, answer, base } = op;
			const current = a.answers[questionId] ?? null;
			if ((current?.updatedAt ?? null) === base) return null;
			if (sameValue(current, answer)) return null;
			return { current };
		}
		default:
			return null;
	}
}

function sortCategories(list: OptionalCategoryId[]): OptionalCategoryId[] {
	const set = new Set(list);
	return OPTIONAL_CATEGORY_IDS.filter((c) => set.has(c));
}

/** The assessment with the op applied (a new object; `a` is not modified). Idempotent. */
export function applyOp(a: Assessment, op: Op): Assessment {
	switch (op.kind) {
		case 'meta':
			return { ...a, meta: { ...a.meta, [op.field]: op.value } };
		case 'profile': {
			const profile = { ...a.profile };
			if (op.value === null || op.value === undefined) delete profile[op.questionId];
			else profile[op.questionId] = op.value;
			return { ...a, profile };
		}
		case 'category': {
			const rest = a.categories.filter((c) => c !== op.category);
			return { ...a, categories: sortCategories(op.selected ? [...rest, op.category] : rest) };
		}
		case 'categoriesConfirmed':
			return { ...a, categoriesConfirmed: op.value };
		case 'subservice.add':
			if (a.subservices.some((s) => s.id === op.item.id)) return a;
			return { ...a, subservices: [...a.subservices, op.item] };
		case 'subservice.field':
			return {
				...a,
				subservices: a.subservices.map((s) => (s.id === op.id ? { ...s, [op.field]: op.value } : s))
			};
		case 'subservice.remove':
			return { ...a, subservices: a.subservices.filter((s) => s.id !== op.id) };
		case 'cuec.add':
			if (a.cuecs.some((c) => c.id === op.item.id)) return a;
			return { ...a, cuecs: [...a.cuecs, op.item] };
		case 'cuec.field':
			return {
				...a,
				cuecs: a.cuecs.map((c) => (c.id === op.id ? { ...c, [op.field]: op.value } : c))
			};
		case 'cuec.remove':
			return { ...a, cuecs: a.cuecs.filter((c) => c.id !== op.id) };
		case 'answer': {
			const answers = { ...a.answers };
			const before = a.answers[op.questionId];
			if (op.answer === null) delete answers[op.questionId];
			else answers[op.questionId] = op.answer;
			return withAnswerChanged({ ...a, answers }, op.questionId, before, op.answer);
		}
		case 'confirm':
			return withConfirmed(a, op.questionIds, op.at);
	}
}

/** Ops that write the same thing (used to drop a stale chain after a conflict). */
export function sameTarget(x: Op, y: Op): boolean {
	if (x.kind !== y.kind) return false;
	switch (x.kind) {
		case 'meta':
			return x.field === (y as typeof x).field;
		case 'profile':
		case 'answer':
			return x.questionId === (y as typeof x).questionId;
		case 'subservice.field':
		case 'cuec.field':
			return x.id === (y as typeof x).id && x.field === (y as typeof x).field;
		default:
			return false;
	}
}

const META_LABELS: Record<string, string> = {
	organisation: 'the organisation name',
	assessor: 'the assessor',
	assessmentDate: 'the assessment date',
	targetReportDate: 'the target report date',
	planStartDate: 'the plan start date',
	branding: 'the report branding'
};

/** A short description of what an op changes, for conflict and error messages. */
export function describeOp(bank: BankCore | null, a: Assessment, op: Op): string {
	switch (op.kind) {
		case 'meta':
			return META_LABELS[op.field] ?? op.field;
		case 'profile': {
			const q = bank?.profileQuestions.find((p) => p.id === op.questionId);
			return q ? `your answer to “${q.prompt}”` : 'a profile answer';
		}
		case 'subservice.field': {
			const s = a.subservices.find((x) => x.id === op.id);
			return `the ${op.field} of ${s?.name ? `“${s.name}”` : 'a subservice organisation'}`;
		}
		case 'cuec.field':
			return 'the wording or mapping of a user entity control';
		case 'answer': {
			const q = bank?.questions.find((x) => x.id === op.questionId);
			return q ? `your answer to “${q.title}”` : 'a maturity answer';
		}
		default:
			return 'a change';
	}
}
