/**
 * Commands: the one way to change an assessment's document. Each command is one Yjs transaction
 * that changes only what it names (one answer, one field of one vendor, one plan tick…), so two
 * commands never overwrite each other's work, in one tab, in two tabs, or in two copies merged
 * later. Storage (src/lib/db/doc-store.ts) runs a command inside an IndexedDB transaction and
 * stores the Yjs update it produced.
 *
 * Every command takes a context: when (`at`, ISO) and by whom (`by`, the device's "your name").
 * Commands validate their input and throw an Error with a message for the user when it is
 * invalid; nothing is changed then.
 */
import * as Y from 'yjs';
import type {
	Branding,
	Cuec,
	CustomQuestion,
	EvidencePointer,
	MaturityAnswer,
	MaturityValue,
	OptionalCategoryId,
	ProfileAnswer,
	SubserviceOrg
} from '$lib/domain/types';
import {
	carriedOf,
	currentEntry,
	customQuestionsOf,
	docToAssessment,
	noteOf,
	randomId
} from './convert';
import { META_KEYS, ROOT, evidenceKey, noteName, orderTime, type AnswerEntry } from './layout';

export interface CommandContext {
	/** ISO time of the change. */
	at: string;
	/** Who made it (the device's "your name"). */
	by: string;
	/**
	 * The storage clock, when the change carries a time of its own in `at` (the interview's):
	 * the assessment's last-modified time. Default: `at`.
	 */
	now?: string;
}

/** Origin given to every command's transaction (providers can tell local changes apart). */
export const LOCAL_ORIGIN = 'local-command';

function run<T>(doc: Y.Doc, ctx: CommandContext, fn: () => T): T {
	return doc.transact(() => {
		const out = fn();
		doc.getMap(ROOT.doc).set('updatedAt', ctx.now ?? ctx.at);
		return out;
	}, LOCAL_ORIGIN);
}

function touch(doc: Y.Doc, ctx: CommandContext, questionId: string): void {
	doc.getMap<string>(ROOT.answered).set(questionId, ctx.at);
}

/** Set a Y.Text to `next` with the smallest edit (common prefix and suffix kept). */
export function setText(text: Y.Text, next: string): void {
	const prev = text.toString();
	if (prev === next) return;
	let start = 0;
	const max = Math.min(prev.length, next.length);
	while (start < max && prev[start] === next[start]) start++;
	let end = 0;
	while (end < max - start && prev[prev.length - 1 - end] === next[next.length - 1 - end]) end++;
	const removed = prev.length - start - end;
	if (removed > 0) text.delete(start, removed);
	const inserted = next.slice(start, next.length - end);
	if (inserted) text.insert(start, inserted);
}

// ------------------------------------------------------------------ answers

function appendEntry(
	doc: Y.Doc,
	ctx: CommandContext,
	questionId: string,
	value: MaturityValue | null,
	naReason: string | undefined
): void {
	// A new answer is always the current one: with a clock behind the current entry (merged from
	// another device), it is ordered at that entry's time, with a higher n.
	const cur = currentEntry(doc, questionId);
	const entry: AnswerEntry = { id: randomId(), q: questionId, value, at: ctx.at, by: ctx.by };
	entry.n = (cur?.n ?? 0) + 1;
	if (cur && orderTime(cur) > ctx.at) entry.t = orderTime(cur);
	if (naReason !== undefined && naReason !== '') entry.naReason = naReason;
	doc.getArray<AnswerEntry>(ROOT.entries).push([entry]);
}

/** Answer a question (a level, "unknown" or "na" with its reason). */
export function setAnswer(
	doc: Y.Doc,
	ctx: CommandContext,
	questionId: string,
	value: MaturityValue,
	naReason?: string
): void {
	run(doc, ctx, () => {
		appendEntry(doc, ctx, questionId, value, value === 'na' ? naReason : undefined);
		touch(doc, ctx, questionId);
	});
}

/** Change the N/A reason of the current answer (a new entry with the same value). */
export function setNaReason(
	doc: Y.Doc,
	ctx: CommandContext,
	questionId: string,
	reason: string
): void {
	run(doc, ctx, () => {
		const cur = currentEntry(doc, questionId);
		appendEntry(doc, ctx, questionId, cur?.value ?? 'na', reason);
		touch(doc, ctx, questionId);
	});
}

/** Clear an answer: its value (kept in the history), note and evidence. */
export function clearAnswer(doc: Y.Doc, ctx: CommandContext, questionId: string): void {
	run(doc, ctx, () => {
		if (currentEntry(doc, questionId)?.value != null)
			appendEntry(doc, ctx, questionId, null, undefined);
		if (doc.share.has(noteName(questionId))) setText(doc.getText(noteName(questionId)), '');
		removeEvidenceOf(doc, questionId);
		doc.getMap(ROOT.answered).delete(questionId);
	});
}

/** Set the note of an answer (merged as text with concurrent edits). */
export function setNote(doc: Y.Doc, ctx: CommandContext, questionId: string, text: string): void {
	run(doc, ctx, () => {
		setText(doc.getText(noteName(questionId)), text);
		touch(doc, ctx, questionId);
	});
}

function removeEvidenceOf(doc: Y.Doc, questionId: string): void {
	const map = doc.getMap<Y.Map<unknown>>(ROOT.evidence);
	for (const [key, value] of [...map.entries()]) if (value.get('q') === questionId) map.delete(key);
}

function nextPos(map: Y.Map<unknown>, filter: (m: Y.Map<unknown>) => boolean = () => true): number {
	let max = -1;
	for (const v of map.values()) {
		if (!(v instanceof Y.Map) || !filter(v)) continue;
		const p = v.get('pos');
		if (typeof p === 'number' && p > max) max = p;
	}
	return max + 1;
}

function newItem(fields: Record<string, unknown>, pos: number): Y.Map<unknown> {
	const m = new Y.Map<unknown>();
	for (const [k, v] of Object.entries(fields)) if (v !== undefined) m.set(k, v);
	m.set('pos', pos);
	return m;
}

/** Add an evidence pointer to an answer. */
export function addEvidence(
	doc: Y.Doc,
	ctx: CommandContext,
	questionId: string,
	pointer: EvidencePointer
): void {
	run(doc, ctx, () => {
		const map = doc.getMap<Y.Map<unknown>>(ROOT.evidence);
		const key = evidenceKey(questionId, pointer.id);
		if (map.has(key)) throw new Error('This evidence pointer is already listed.');
		const pos = nextPos(map as Y.Map<unknown>, (m) => m.get('q') === questionId);
		map.set(key, newItem({ ...pointer, q: questionId }, pos));
		touch(doc, ctx, questionId);
	});
}

/** Change fields of an evidence pointer (others keep their value). */
export function editEvidence(
	doc: Y.Doc,
	ctx: CommandContext,
	questionId: string,
	pointerId: string,
	patch: Partial<Omit<EvidencePointer, 'id'>>
): void {
	run(doc, ctx, () => {
		const item = doc.getMap<Y.Map<unknown>>(ROOT.evidence).get(evidenceKey(questionId, pointerId));
		if (!item) throw new Error('This evidence pointer no longer exists.');
		for (const [k, v] of Object.entries(patch)) {
			if (v === undefined || v === '') {
				if (k === 'name' || k === 'location') item.set(k, '');
				else item.delete(k);
			} else item.set(k, v);
		}
		touch(doc, ctx, questionId);
	});
}

export function removeEvidence(
	doc: Y.Doc,
	ctx: CommandContext,
	questionId: string,
	pointerId: string
): void {
	run(doc, ctx, () => {
		doc.getMap(ROOT.evidence).delete(evidenceKey(questionId, pointerId));
		touch(doc, ctx, questionId);
	});
}

/**
 * Bring one answer to `next` (the interview's answer write carries the whole answer): only the
 * parts that differ are changed, each with its own command step, so concurrent edits of other
 * parts (another tab's note, another copy's evidence) are kept.
 */
export function applyAnswer(
	doc: Y.Doc,
	ctx: CommandContext,
	questionId: string,
	current: MaturityAnswer | null,
	next: MaturityAnswer | null
): void {
	if (next === null) {
		clearAnswer(doc, ctx, questionId);
		return;
	}
	run(doc, ctx, () => {
		const cur = currentEntry(doc, questionId);
		const value = next.value ?? null;
		const naReason = value === 'na' ? next.naReason || undefined : undefined;
		const answered = doc.getMap(ROOT.answered).has(questionId);
		if (!answered || (cur?.value ?? null) !== value || (cur?.naReason || undefined) !== naReason) {
			if (!(cur === null && value === null && naReason === undefined))
				appendEntry(doc, ctx, questionId, value, naReason);
		}
		const note = next.note ?? '';
		if (note !== noteOf(doc, questionId)) setText(doc.getText(noteName(questionId)), note);
		const map = doc.getMap<Y.Map<unknown>>(ROOT.evidence);
		const before = new Map((current?.evidence ?? []).map((p) => [p.id, p]));
		const wanted = new Set(next.evidence.map((p) => p.id));
		for (const id of before.keys()) if (!wanted.has(id)) map.delete(evidenceKey(questionId, id));
		next.evidence.forEach((p) => {
			const key = evidenceKey(questionId, p.id);
			const item = map.get(key);
			if (!item) {
				map.set(
					key,
					newItem(
						{ ...p, q: questionId },
						nextPos(map as Y.Map<unknown>, (m) => m.get('q') === questionId)
					)
				);
				return;
			}
			const old = before.get(p.id);
			for (const k of ['name', 'location', 'owner', 'sha256'] as const) {
				if (old && old[k] === p[k]) continue;
				if (p[k] === undefined) item.delete(k);
				else if (item.get(k) !== p[k]) item.set(k, p[k]);
			}
		});
		touch(doc, ctx, questionId);
	});
}

// ------------------------------------------------------------------ profile, scope, meta

export function setProfileAnswer(
	doc: Y.Doc,
	ctx: CommandContext,
	questionId: string,
	value: ProfileAnswer | undefined
): void {
	run(doc, ctx, () => {
		const profile = doc.getMap(ROOT.profile);
		if (value === null || value === undefined) profile.delete(questionId);
		else profile.set(questionId, value);
	});
}

export function setCategory(
	doc: Y.Doc,
	ctx: CommandContext,
	category: OptionalCategoryId,
	selected: boolean
): void {
	run(doc, ctx, () => {
		const map = doc.getMap<boolean>(ROOT.categories);
		if (selected) map.set(category, true);
		else if (map.has(category)) map.set(category, false);
	});
}

export function setCategoriesConfirmed(doc: Y.Doc, ctx: CommandContext, value: boolean): void {
	run(doc, ctx, () => doc.getMap(ROOT.flags).set('categoriesConfirmed', value));
}

export type MetaKey = (typeof META_KEYS)[number];

/** Set one meta field (`branding` sets the branding fields it is given). */
export function setMeta(doc: Y.Doc, ctx: CommandContext, field: string, value: unknown): void {
	if (field === 'branding') {
		setBranding(doc, ctx, (value ?? {}) as Branding, true);
		return;
	}
	if (!(META_KEYS as readonly string[]).includes(field)) throw new Error(`Unknown field ${field}.`);
	run(doc, ctx, () => {
		const meta = doc.getMap(ROOT.meta);
		if (value === undefined) meta.delete(field);
		else meta.set(field, value);
	});
}

export function renameOrganisation(doc: Y.Doc, ctx: CommandContext, name: string): void {
	setMeta(doc, ctx, 'organisation', name);
}

/**
 * Set branding fields. Only the fields given change (a colour change never rewrites the logo);
 * with `replace`, the fields not given are removed.
 */
export function setBranding(
	doc: Y.Doc,
	ctx: CommandContext,
	patch: Branding,
	replace = false
): void {
	run(doc, ctx, () => {
		const map = doc.getMap(ROOT.branding);
		for (const k of ['logoDataUrl', 'brandColor'] as const) {
			if (k in patch) {
				const v = patch[k];
				if (v === undefined) map.delete(k);
				else if (map.get(k) !== v) map.set(k, v);
			} else if (replace) map.delete(k);
		}
	});
}

// ------------------------------------------------------------------ vendors and CUECs

type ListRoot = typeof ROOT.vendors | typeof ROOT.cuecs;

function addItem(doc: Y.Doc, ctx: CommandContext, root: ListRoot, item: { id: string }): void {
	run(doc, ctx, () => {
		const map = doc.getMap<unknown>(root);
		if (map.has(item.id)) return;
		map.set(item.id, newItem(item as unknown as Record<string, unknown>, nextPos(map)));
	});
}

function setItemField(
	doc: Y.Doc,
	ctx: CommandContext,
	root: ListRoot,
	id: string,
	field: string,
	value: unknown
): void {
	if (field === 'id' || field === 'pos') throw new Error(`The ${field} of an item cannot change.`);
	run(doc, ctx, () => {
		const item = doc.getMap<unknown>(root).get(id);
		if (!(item instanceof Y.Map)) throw new Error('This item no longer exists.');
		if (value === undefined) item.delete(field);
		else item.set(field, value);
	});
}

function removeItem(doc: Y.Doc, ctx: CommandContext, root: ListRoot, id: string): void {
	run(doc, ctx, () => doc.getMap(root).delete(id));
}

export function addVendor(doc: Y.Doc, ctx: CommandContext, v: SubserviceOrg): void {
	addItem(doc, ctx, ROOT.vendors, v);
}
export function setVendorField(
	doc: Y.Doc,
	ctx: CommandContext,
	id: string,
	field: Exclude<keyof SubserviceOrg, 'id'>,
	value: unknown
): void {
	setItemField(doc, ctx, ROOT.vendors, id, field, value);
}
export function removeVendor(doc: Y.Doc, ctx: CommandContext, id: string): void {
	removeItem(doc, ctx, ROOT.vendors, id);
}
export function addCuec(doc: Y.Doc, ctx: CommandContext, c: Cuec): void {
	addItem(doc, ctx, ROOT.cuecs, c);
}
export function setCuecField(
	doc: Y.Doc,
	ctx: CommandContext,
	id: string,
	field: Exclude<keyof Cuec, 'id'>,
	value: unknown
): void {
	setItemField(doc, ctx, ROOT.cuecs, id, field, value);
}
export function removeCuec(doc: Y.Doc, ctx: CommandContext, id: string): void {
	removeItem(doc, ctx, ROOT.cuecs, id);
}

// ------------------------------------------------------------------ plan

/** Set (or, with null, reset to the default) the owner of a plan action. */
export function setPlanOwner(
	doc: Y.Doc,
	ctx: CommandContext,
	actionId: string,
	role: string | null
): void {
	run(doc, ctx, () => {
		const map = doc.getMap<string>(ROOT.planOwner);
		if (role === null || role.trim() === '') map.delete(actionId);
		else map.set(actionId, role.trim());
	});
}

/** Tick (or untick) one plan action as done. */
export function setPlanDone(
	doc: Y.Doc,
	ctx: CommandContext,
	actionId: string,
	done: boolean
): void {
	run(doc, ctx, () => {
		const map = doc.getMap<boolean>(ROOT.planDone);
		if (done) map.set(actionId, true);
		else map.delete(actionId);
	});
}

/** Mark one evidence request prepared at `at` (ISO), or not prepared (null). */
export function setRequestPrepared(
	doc: Y.Doc,
	ctx: CommandContext,
	requestId: string,
	at: string | null
): void {
	run(doc, ctx, () => {
		const map = doc.getMap<string>(ROOT.requestsPrepared);
		if (at === null) map.delete(requestId);
		else map.set(requestId, at);
	});
}

/** Untick every action that is ticked now (ticks made concurrently elsewhere stay). */
export function clearAllDone(doc: Y.Doc, ctx: CommandContext): void {
	run(doc, ctx, () => {
		const map = doc.getMap<boolean>(ROOT.planDone);
		for (const id of [...map.keys()]) map.delete(id);
	});
}

/**
 * Keep aside the answers to questions the bank does not know (a file from a newer bank): they
 * leave the answers (their entries stay in the history) for `otherAnswers`, exported again and
 * never scored — what an import of plain data does (partitionAnswers).
 */
export function setAsideAnswers(doc: Y.Doc, known: ReadonlySet<string>): void {
	const answered = doc.getMap<string>(ROOT.answered);
	const unknown = [...answered.keys()].filter((q) => !known.has(q));
	if (!unknown.length) return;
	const plain = docToAssessment(doc).answers;
	doc.transact(() => {
		const other = doc.getMap(ROOT.otherAnswers);
		for (const q of unknown) {
			if (plain[q]) other.set(q, plain[q]);
			answered.delete(q);
		}
	}, LOCAL_ORIGIN);
}

/**
 * Set a top-level field this module has no finer command for (a field added by a later feature,
 * e.g. the report introduction): the whole value is replaced. `undefined` removes it.
 */
export function setExtraField(
	doc: Y.Doc,
	ctx: CommandContext,
	field: string,
	value: unknown
): void {
	run(doc, ctx, () => {
		const map = doc.getMap(ROOT.extra);
		if (value === undefined) map.delete(field);
		else map.set(field, value);
	});
}

// ------------------------------------------------------------------ custom questions

/**
 * The custom questions map, with the list of a document written before it existed (kept whole
 * in `extra`) moved into it first: from then on each question is a key of its own.
 */
export function customMap(doc: Y.Doc): Y.Map<unknown> {
	const map = doc.getMap<unknown>(ROOT.customQuestions);
	const extra = doc.getMap<unknown>(ROOT.extra);
	if (map.size === 0 && extra.has('customQuestions')) {
		(customQuestionsOf(doc) ?? []).forEach((q, pos) => map.set(q.id, { ...q, pos }));
		extra.delete('customQuestions');
	}
	return map;
}

function positionOf(map: Y.Map<unknown>, id: string): number {
	const cur = map.get(id) as { pos?: unknown } | undefined;
	if (typeof cur?.pos === 'number') return cur.pos;
	let max = -1;
	for (const v of map.values()) {
		const p = (v as { pos?: unknown } | null)?.pos;
		if (typeof p === 'number' && p > max) max = p;
	}
	return max + 1;
}

/**
 * Add a custom question or replace one (by id), keeping its place in the list. Only this
 * question's key changes: an edit of another question, here or on another copy, is kept. The
 * caller validates the resulting list against the bank (db: saveCustomQuestion).
 */
export function setCustomQuestion(doc: Y.Doc, ctx: CommandContext, question: CustomQuestion): void {
	if (!question?.id) throw new Error('A custom question needs an id.');
	run(doc, ctx, () => {
		const map = customMap(doc);
		const plain = JSON.parse(JSON.stringify(question)) as Record<string, unknown>;
		delete plain.pos;
		map.set(question.id, { ...plain, pos: positionOf(map, question.id) });
	});
}

/**
 * Retire a custom question (no longer asked, scored or planned; its answers stay in the
 * history) or bring it back.
 */
export function setCustomQuestionRetired(
	doc: Y.Doc,
	ctx: CommandContext,
	id: string,
	retired: boolean
): void {
	run(doc, ctx, () => {
		const map = customMap(doc);
		const cur = map.get(id) as Record<string, unknown> | undefined;
		if (!cur) throw new Error('This custom question no longer exists in the assessment.');
		const { retired: _r, ...rest } = cur;
		map.set(id, retired ? { ...rest, retired: true } : rest);
	});
}

/**
 * Remove a custom question from the list (a whole list set by a patch: an import or a test).
 * The app itself retires questions instead, so their ids are never reused.
 */
export function removeCustomQuestion(doc: Y.Doc, ctx: CommandContext, id: string): void {
	run(doc, ctx, () => {
		customMap(doc).delete(id);
	});
}

// ------------------------------------------------------------------ re-assessment

/**
 * Confirm carried answers as still true (one question, or every one of an area at once: one
 * transaction). Only answers still as they were carried are confirmed; the rest are left alone.
 * Each confirmation is a key of its own, so confirmations made on two copies all stay.
 */
export function confirmCarried(doc: Y.Doc, ctx: CommandContext, questionIds: string[]): string[] {
	return run(doc, ctx, () => {
		const carried = doc.getMap<string>(ROOT.carried);
		const confirmed = doc.getMap<string>(ROOT.confirmed);
		const answered = doc.getMap<string>(ROOT.answered);
		const done: string[] = [];
		const pending = carriedOf(doc).carried ?? {};
		for (const q of questionIds) {
			const c = pending[q];
			if (!carried.has(q) || !c || c.changed || confirmed.has(q) || !answered.has(q)) continue;
			confirmed.set(q, ctx.at);
			done.push(q);
		}
		return done;
	});
}
