/**
 * A plain patch of top-level fields, turned into commands: only what differs from the current
 * plain assessment is changed, field by field and item by item (never a whole map rewritten), so
 * concurrent changes of other fields, other items or other answers are kept.
 */
import type * as Y from 'yjs';
import type { Assessment, Cuec, OptionalCategoryId, SubserviceOrg } from '$lib/domain/types';
import {
	addCuec,
	addVendor,
	removeCustomQuestion,
	setCustomQuestion,
	removeCuec,
	removeVendor,
	setCategoriesConfirmed,
	setCategory,
	setCuecField,
	setExtraField,
	setMeta,
	setPlanDone,
	setPlanOwner,
	setProfileAnswer,
	setRequestPrepared,
	setVendorField,
	type CommandContext
} from './commands';
import { META_KEYS } from './layout';

export type PlainPatch = Partial<
	Omit<
		Assessment,
		'id' | 'answers' | 'otherAnswers' | 'interview' | 'createdAt' | 'updatedAt' | 'lastExportedAt'
	>
>;

/** Patch fields applied item by item below; any other field is set whole. */
const HANDLED = new Set([
	'meta',
	'profile',
	'subservices',
	'categories',
	'categoriesConfirmed',
	'cuecs',
	'planOverrides',
	'requestsPrepared',
	'customQuestions'
]);

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function items<T extends { id: string }>(
	cur: T[],
	next: T[],
	add: (item: T) => void,
	remove: (id: string) => void,
	field: (id: string, k: string, v: unknown) => void
): void {
	const before = new Map(cur.map((x) => [x.id, x]));
	const ids = new Set(next.map((x) => x.id));
	for (const id of before.keys()) if (!ids.has(id)) remove(id);
	for (const item of next) {
		const old = before.get(item.id) as Record<string, unknown> | undefined;
		if (!old) {
			add(item);
			continue;
		}
		const now = item as unknown as Record<string, unknown>;
		for (const k of new Set([...Object.keys(old), ...Object.keys(now)])) {
			if (k === 'id' || same(old[k], now[k])) continue;
			field(item.id, k, now[k]);
		}
	}
}

/** Apply the parts of `patch` that differ from `cur` as commands. */
export function applyPatch(
	doc: Y.Doc,
	ctx: CommandContext,
	cur: Assessment,
	patch: PlainPatch
): void {
	doc.transact(() => {
		if (patch.meta) {
			const m0 = cur.meta as unknown as Record<string, unknown>;
			const m1 = patch.meta as unknown as Record<string, unknown>;
			for (const k of META_KEYS) if (k in m1 && !same(m0[k], m1[k])) setMeta(doc, ctx, k, m1[k]);
			if ('branding' in m1 && !same(m0.branding ?? {}, m1.branding ?? {}))
				setMeta(doc, ctx, 'branding', m1.branding);
		}
		if (patch.profile) {
			for (const k of new Set([...Object.keys(cur.profile), ...Object.keys(patch.profile)]))
				if (!same(cur.profile[k], patch.profile[k]))
					setProfileAnswer(doc, ctx, k, patch.profile[k]);
		}
		if (patch.categories) {
			const next = new Set(patch.categories);
			for (const c of new Set<OptionalCategoryId>([...cur.categories, ...patch.categories]))
				if (cur.categories.includes(c) !== next.has(c)) setCategory(doc, ctx, c, next.has(c));
		}
		if (
			patch.categoriesConfirmed !== undefined &&
			patch.categoriesConfirmed !== cur.categoriesConfirmed
		)
			setCategoriesConfirmed(doc, ctx, patch.categoriesConfirmed);
		if (patch.subservices)
			items<SubserviceOrg>(
				cur.subservices,
				patch.subservices,
				(v) => addVendor(doc, ctx, v),
				(id) => removeVendor(doc, ctx, id),
				(id, k, v) => setVendorField(doc, ctx, id, k as never, v)
			);
		if (patch.cuecs)
			items<Cuec>(
				cur.cuecs,
				patch.cuecs,
				(c) => addCuec(doc, ctx, c),
				(id) => removeCuec(doc, ctx, id),
				(id, k, v) => setCuecField(doc, ctx, id, k as never, v)
			);
		if (patch.requestsPrepared) {
			const r0 = cur.requestsPrepared ?? {};
			const r1 = patch.requestsPrepared;
			for (const id of new Set([...Object.keys(r0), ...Object.keys(r1)]))
				if ((r0[id] ?? null) !== (r1[id] ?? null)) setRequestPrepared(doc, ctx, id, r1[id] ?? null);
		}
		if (patch.customQuestions) {
			// Question by question: an edit of one never writes over another's.
			const before = new Map((cur.customQuestions ?? []).map((q) => [q.id, q]));
			const ids = new Set(patch.customQuestions.map((q) => q.id));
			for (const id of before.keys()) if (!ids.has(id)) removeCustomQuestion(doc, ctx, id);
			for (const q of patch.customQuestions)
				if (!same(before.get(q.id), q)) setCustomQuestion(doc, ctx, q);
		}
		// Fields this module does not name (added by later features) are set whole.
		for (const [k, v] of Object.entries(patch)) {
			if (HANDLED.has(k)) continue;
			if (!same((cur as unknown as Record<string, unknown>)[k], v)) setExtraField(doc, ctx, k, v);
		}
		if (patch.planOverrides) {
			const p0 = cur.planOverrides;
			const p1 = patch.planOverrides;
			for (const id of new Set([...Object.keys(p0), ...Object.keys(p1)])) {
				if ((p0[id]?.ownerRole ?? null) !== (p1[id]?.ownerRole ?? null))
					setPlanOwner(doc, ctx, id, p1[id]?.ownerRole ?? null);
				if ((p0[id]?.done === true) !== (p1[id]?.done === true))
					setPlanDone(doc, ctx, id, p1[id]?.done === true);
			}
		}
	});
}
