/**
 * Merging another copy of an assessment into this one.
 *
 * - Same lineage (the other copy descends from the same document: an export of this
 *   assessment, or of a copy imported from it): the other copy's Yjs state is applied. Yjs merges
 *   item by item: answers changed on one side come in, answer entries of both sides are all kept
 *   (the current answer is the latest by time, the other stays in the history), notes edited on
 *   both sides merge as text, vendors and CUECs merge field by field.
 * - Different lineage, or a plain (formatVersion 1) file: the plain data is merged. Answers by
 *   time: every answer of the other copy becomes an entry (an answer both copies hold is one
 *   entry, its id being derived from the data); items (vendors, CUECs, evidence, profile answers,
 *   plan owners) that exist only in the other copy are added; fields that differ and carry no
 *   time keep this copy's value, and the difference is listed in the summary.
 *
 * Either way the summary lists what came in and every answer changed on both sides.
 */
import * as Y from 'yjs';
import type { Assessment, MaturityAnswer } from '$lib/domain/types';
import { normaliseAssessment } from '$lib/domain/normalise';
import { docToAssessment, entriesByQuestion, lineageOf, noteOf, plainEntryId } from './convert';
import { customMap, setText } from './commands';
import { META_KEYS, ROOT, evidenceKey, laterEntry, noteName, type AnswerEntry } from './layout';

/** One side of an answer changed on both sides. */
export interface ConflictSide {
	value: AnswerEntry['value'];
	naReason?: string;
	at: string;
	by: string;
}

export interface AnswerConflict {
	questionId: string;
	local: ConflictSide;
	incoming: ConflictSide;
	/** Which of the two is the current answer after the merge (the later one). */
	current: 'local' | 'incoming';
}

/** A field whose two values differ and carry no time: this copy's value was kept. */
export interface KeptDifference {
	/** What it is, for people ("Organisation", "Vendor “AWS” — services", "Note on cc6-mfa"). */
	label: string;
	local: string;
	incoming: string;
}

export interface MergeSummary {
	/** 'yjs': states of one lineage merged; 'plain': plain data merged. */
	mode: 'yjs' | 'plain';
	/** Questions whose current answer now comes from the other copy. */
	answersIn: string[];
	/** Answers changed on both sides (both values kept; the later is current). */
	conflicts: AnswerConflict[];
	/** Everything else that came in, one line each ("Vendor “AWS” added"). */
	changes: string[];
	/** Differences where this copy's value was kept (plain merges only). */
	kept: KeptDifference[];
}

function side(e: AnswerEntry): ConflictSide {
	const s: ConflictSide = { value: e.value, at: e.at, by: e.by };
	if (e.naReason !== undefined) s.naReason = e.naReason;
	return s;
}

function latest(list: AnswerEntry[]): AnswerEntry {
	return list.reduce((a, b) => laterEntry(a, b));
}

/** Answer entries changed on one side and on both. */
function compareEntries(
	local: Map<string, AnswerEntry[]>,
	incoming: Map<string, AnswerEntry[]>
): { answersIn: string[]; conflicts: AnswerConflict[] } {
	const answersIn: string[] = [];
	const conflicts: AnswerConflict[] = [];
	const qs = [...new Set([...local.keys(), ...incoming.keys()])].sort();
	for (const q of qs) {
		const l = local.get(q) ?? [];
		const i = incoming.get(q) ?? [];
		const lIds = new Set(l.map((e) => e.id));
		const iIds = new Set(i.map((e) => e.id));
		const onlyL = l.filter((e) => !iIds.has(e.id));
		const onlyI = i.filter((e) => !lIds.has(e.id));
		if (!onlyI.length) continue;
		const all = [...l, ...onlyI];
		const cur = latest(all);
		const incomingWins = iIds.has(cur.id) && !lIds.has(cur.id);
		if (onlyL.length) {
			conflicts.push({
				questionId: q,
				local: side(latest(onlyL)),
				incoming: side(latest(onlyI)),
				current: incomingWins ? 'incoming' : 'local'
			});
		}
		if (incomingWins) answersIn.push(q);
	}
	return { answersIn, conflicts };
}

function show(v: unknown): string {
	if (v === undefined || v === null || v === '') return '(empty)';
	if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 200)}…` : v;
	return JSON.stringify(v);
}

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Lines describing what differs between the plain assessment before and after a merge. */
function describeChanges(before: Assessment, after: Assessment): string[] {
	const out: string[] = [];
	const m0 = before.meta as unknown as Record<string, unknown>;
	const m1 = after.meta as unknown as Record<string, unknown>;
	for (const k of META_KEYS)
		if (!same(m0[k], m1[k])) out.push(`${k}: ${show(m0[k])} → ${show(m1[k])}`);
	if (!same(before.meta.branding, after.meta.branding)) out.push('Report branding changed');
	for (const k of new Set([...Object.keys(before.profile), ...Object.keys(after.profile)]))
		if (!same(before.profile[k], after.profile[k]))
			out.push(`Profile answer ${k}: ${show(before.profile[k])} → ${show(after.profile[k])}`);
	if (!same(before.categories, after.categories))
		out.push(`Categories: ${show(before.categories)} → ${show(after.categories)}`);
	const items = <T extends { id: string; name?: string; text?: string }>(
		what: string,
		b: T[],
		a: T[]
	) => {
		const bm = new Map(b.map((x) => [x.id, x]));
		const am = new Map(a.map((x) => [x.id, x]));
		for (const [id, x] of am) {
			const label = `${what} “${x.name ?? x.text ?? id}”`;
			const old = bm.get(id);
			if (!old) out.push(`${label} added`);
			else if (!same(old, x)) out.push(`${label} changed`);
		}
		for (const [id, x] of bm)
			if (!am.has(id)) out.push(`${what} “${x.name ?? x.text ?? id}” removed`);
	};
	items('Vendor', before.subservices, after.subservices);
	items('User entity control', before.cuecs, after.cuecs);
	for (const q of new Set([...Object.keys(before.answers), ...Object.keys(after.answers)])) {
		const b = before.answers[q];
		const a = after.answers[q];
		if ((b?.note ?? '') !== (a?.note ?? '')) out.push(`Note on ${q} changed`);
		if (!same(b?.evidence ?? [], a?.evidence ?? [])) out.push(`Evidence of ${q} changed`);
	}
	if (!before.reassessmentOf && after.reassessmentOf)
		out.push(`Linked as a re-assessment of the assessment of ${after.reassessmentOf.assessedOn}`);
	for (const [q, c] of Object.entries(after.carried ?? {}))
		if (c.confirmedAt && !before.carried?.[q]?.confirmedAt)
			out.push(`Carried answer to ${q} confirmed`);
	for (const id of new Set([
		...Object.keys(before.planOverrides),
		...Object.keys(after.planOverrides)
	]))
		if (!same(before.planOverrides[id], after.planOverrides[id]))
			out.push(
				`Plan action ${id}: ${show(before.planOverrides[id])} → ${show(after.planOverrides[id])}`
			);
	return out;
}

/** Decode an incoming Yjs state into a document of its own (throws on a corrupt state). */
export function decodeState(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return doc;
}

/**
 * Merge another copy given as a Yjs state. Copies of one lineage merge with Yjs; copies of
 * different lineages merge their plain data (see the module comment).
 */
export function mergeState(local: Y.Doc, state: Uint8Array, by: string): MergeSummary {
	const incoming = decodeState(state);
	const incomingEntries = entriesByQuestion(incoming);
	if (lineageOf(incoming) !== lineageOf(local)) {
		return mergePlain(local, docToAssessment(incoming), by, incomingEntries);
	}
	const before = docToAssessment(local);
	const { answersIn, conflicts } = compareEntries(entriesByQuestion(local), incomingEntries);
	const touchedBefore = local.getMap<string>(ROOT.answered).toJSON() as Record<string, string>;
	local.transact(() => {
		Y.applyUpdate(local, state, 'merge');
		// An answer changed on both sides was last changed at the later of the two times (Yjs
		// would keep one of the two by client id).
		const answered = local.getMap<string>(ROOT.answered);
		const theirs = incoming.getMap<string>(ROOT.answered);
		for (const [q, t] of answered.entries()) {
			const latest = [touchedBefore[q], theirs.get(q)].reduce<string>(
				(m, x) => (x !== undefined && x > m ? x : m),
				t
			);
			if (latest !== t) answered.set(q, latest);
		}
	}, 'merge');
	const after = docToAssessment(local);
	return { mode: 'yjs', answersIn, conflicts, changes: describeChanges(before, after), kept: [] };
}

/** The entries a plain assessment's answers stand for (one per answer, ids from the data). */
export function plainEntries(a: Assessment, by: string): Map<string, AnswerEntry[]> {
	const out = new Map<string, AnswerEntry[]>();
	for (const [q, ans] of Object.entries(a.answers)) {
		const e: AnswerEntry = {
			id: plainEntryId(q, ans),
			q,
			value: ans.value ?? null,
			at: ans.updatedAt,
			by
		};
		if (ans.naReason !== undefined) e.naReason = ans.naReason;
		out.set(q, [e]);
	}
	return out;
}

/**
 * Merge another copy given as plain data (a formatVersion 1 file, or a copy of another lineage,
 * with its answer entries). Nothing is dropped: answers come in as entries, new items are added,
 * and differing untimed fields keep this copy's value and are listed.
 */
export function mergePlain(
	local: Y.Doc,
	incomingRaw: Assessment,
	by: string,
	incomingEntries?: Map<string, AnswerEntry[]>
): MergeSummary {
	const incoming = normaliseAssessment(incomingRaw);
	const entries = incomingEntries ?? plainEntries(incoming, incoming.meta.assessor || by);
	const before = docToAssessment(local);
	const localEntries = entriesByQuestion(local);
	const { answersIn, conflicts } = compareEntries(localEntries, entries);
	const kept: KeptDifference[] = [];
	const keep = (label: string, l: unknown, i: unknown) => {
		if (!same(l, i)) kept.push({ label, local: show(l), incoming: show(i) });
	};
	local.transact(() => {
		// Answers: every entry of the other copy that this one lacks.
		const known = new Set([...localEntries.values()].flat().map((e) => e.id));
		const add: AnswerEntry[] = [];
		for (const list of entries.values()) for (const e of list) if (!known.has(e.id)) add.push(e);
		if (add.length) local.getArray<AnswerEntry>(ROOT.entries).push(add);
		const answered = local.getMap<string>(ROOT.answered);
		const evidence = local.getMap<Y.Map<unknown>>(ROOT.evidence);
		for (const [q, ans] of Object.entries(incoming.answers) as [string, MaturityAnswer][]) {
			const had = answered.get(q);
			if (had === undefined || ans.updatedAt > had) answered.set(q, ans.updatedAt);
			const note = ans.note ?? '';
			const mine = noteOf(local, q);
			if (note && !mine) setText(local.getText(noteName(q)), note);
			else if (note && note !== mine) keep(`Note on ${q}`, mine, note);
			const mineList = before.answers[q]?.evidence ?? [];
			let pos = mineList.length;
			for (const p of ans.evidence) {
				const key = evidenceKey(q, p.id);
				const existing = mineList.find((x) => x.id === p.id);
				if (!existing && !evidence.has(key)) {
					const m = new Y.Map<unknown>();
					for (const [k, v] of Object.entries(p)) if (v !== undefined) m.set(k, v);
					m.set('q', q);
					m.set('pos', pos++);
					evidence.set(key, m);
				} else if (existing) keep(`Evidence “${existing.name}” of ${q}`, existing, p);
			}
		}
		// Meta, branding, categories: no times, so this copy's values stay.
		const lm = before.meta as unknown as Record<string, unknown>;
		const im = incoming.meta as unknown as Record<string, unknown>;
		const meta = local.getMap(ROOT.meta);
		for (const k of META_KEYS) {
			if ((lm[k] === undefined || lm[k] === null || lm[k] === '') && im[k] != null && im[k] !== '')
				meta.set(k, im[k]);
			else if (im[k] !== undefined) keep(k, lm[k], im[k]);
		}
		const branding = local.getMap(ROOT.branding);
		for (const [k, v] of Object.entries(incoming.meta.branding ?? {})) {
			if (v == null) continue;
			if (!branding.has(k) || branding.get(k) == null) branding.set(k, v);
			else keep(`Branding ${k}`, branding.get(k), v);
		}
		keep('Categories', before.categories, incoming.categories);
		// Profile answers: missing ones come in.
		const profile = local.getMap(ROOT.profile);
		for (const [k, v] of Object.entries(incoming.profile)) {
			if (v === null || v === undefined) continue;
			if (!profile.has(k)) profile.set(k, v);
			else keep(`Profile answer ${k}`, profile.get(k), v);
		}
		// Vendors and CUECs: new ones come in; differing fields of shared ones are listed.
		const list = (root: string, what: string, mine: { id: string }[], theirs: { id: string }[]) => {
			const map = local.getMap<unknown>(root);
			let pos = mine.length;
			for (const item of theirs) {
				const existing = mine.find((x) => x.id === item.id) as Record<string, unknown> | undefined;
				if (!existing) {
					if (map.has(item.id)) continue;
					const m = new Y.Map<unknown>();
					for (const [k, v] of Object.entries(item)) if (v !== undefined) m.set(k, v);
					m.set('pos', pos++);
					map.set(item.id, m);
					continue;
				}
				const name = String(existing.name ?? existing.text ?? item.id);
				for (const [k, v] of Object.entries(item)) keep(`${what} “${name}” — ${k}`, existing[k], v);
			}
		};
		list(ROOT.vendors, 'Vendor', before.subservices, incoming.subservices);
		list(ROOT.cuecs, 'User entity control', before.cuecs, incoming.cuecs);
		// Plan: owners and ticks this copy lacks come in.
		const owner = local.getMap<string>(ROOT.planOwner);
		const done = local.getMap<boolean>(ROOT.planDone);
		for (const [id, o] of Object.entries(incoming.planOverrides)) {
			if (o.ownerRole !== undefined) {
				if (!owner.has(id)) owner.set(id, o.ownerRole);
				else keep(`Owner of plan action ${id}`, owner.get(id), o.ownerRole);
			}
			if (o.done === true && !done.has(id)) done.set(id, true);
		}
		const prepared = local.getMap<string>(ROOT.requestsPrepared);
		for (const [id, t] of Object.entries(incoming.requestsPrepared ?? {}))
			if (typeof t === 'string' && !prepared.has(id)) prepared.set(id, t);
		const other = local.getMap(ROOT.otherAnswers);
		for (const [q, ans] of Object.entries(incoming.otherAnswers ?? {}))
			if (!other.has(q)) other.set(q, ans);
		// Custom questions only the file has come in (after this copy's); shared ones that differ
		// keep this copy's version and are listed.
		if (incoming.customQuestions?.length) {
			const custom = customMap(local);
			const mine = new Map((before.customQuestions ?? []).map((q) => [q.id, q]));
			let pos = custom.size;
			for (const q of incoming.customQuestions) {
				const existing = mine.get(q.id);
				if (!existing) custom.set(q.id, { ...q, pos: pos++ });
				else keep(`Custom question “${existing.title}”`, existing, q);
			}
		}
		// Re-assessment: the link comes in when this copy has none; confirmations of answers this
		// copy also carried come in (a change made there came in with its entry above).
		const link = local.getMap<string>(ROOT.reassessmentOf);
		if (!link.has('id') && incoming.reassessmentOf) {
			link.set('id', incoming.reassessmentOf.id);
			link.set('assessedOn', incoming.reassessmentOf.assessedOn);
		}
		const carried = local.getMap<string>(ROOT.carried);
		const confirmed = local.getMap<string>(ROOT.confirmed);
		for (const [q, c] of Object.entries(incoming.carried ?? {}))
			if (c.confirmedAt && carried.has(q) && !confirmed.has(q)) confirmed.set(q, c.confirmedAt);
		const d = local.getMap<string>(ROOT.doc);
		if ((d.get('updatedAt') ?? '') < incoming.updatedAt) d.set('updatedAt', incoming.updatedAt);
	}, 'merge');
	const after = docToAssessment(local);
	return { mode: 'plain', answersIn, conflicts, changes: describeChanges(before, after), kept };
}
