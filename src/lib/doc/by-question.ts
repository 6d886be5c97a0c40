/**
 * A per-question index of a document's answer entries and evidence pointers (issue 19).
 *
 * The entries array only grows (one entry per answer given) and the evidence map holds every
 * question's pointers, so deriving one question's answer by scanning them costs in proportion to
 * the whole document. The index groups both by question id, so that the derivations for a few
 * questions cost in proportion to those questions' entries and pointers.
 *
 * It is built on first use from one full scan and kept exact by Yjs observers (`observe` on the
 * `entries` array, `observeDeep` on the `evidence` map). Each observer call brings the index to
 * the document's current state for what the transaction touched, found from the transaction
 * itself (the structs it created, its delete set, the types it changed), so a change reported
 * twice, or already seen by the first scan, is applied once:
 * - an entry is one element of the array, known by its Yjs id (client, clock), which splits and
 *   merges of Yjs items keep; it is indexed while it is not deleted, under its `q` field;
 * - a pointer is known by its key in the map and grouped by its `q` FIELD (a copy from another
 *   device may hold a pointer whose key names another question), re-read whenever its key or
 *   anything inside it changed.
 *
 * The derivations keep the full scan's results exactly (the scans below are the reference, kept
 * for the cases the index does not decide and as the tests' oracle):
 * - entries: the first of the duplicates of an id in array order counts, and a sort's ties keep
 *   array order. The index knows no array order, so when the entries of the asked questions hold
 *   a duplicate id, or a malformed entry (non-string id or time, non-finite `n`) for which the
 *   order is not total, the scan answers; otherwise the order is total and the result is the
 *   same whatever order the index holds them in;
 * - pointers: sorted by (`pos`, key), a total order unless a `pos` is not finite (then the scan);
 * - while a transaction that changed the entries (or the pointers) has not yet reached the
 *   observer (a read inside a transaction after a write, or inside another observer), the scan.
 *
 * Results are fresh arrays: a caller cannot change the index through them.
 */
import * as Y from 'yjs';
import type { EvidencePointer } from '$lib/domain/types';
import { ROOT, compareEntries, laterEntry, orderTime, type AnswerEntry } from './layout';

// ------------------------------------------------------------------ the full scans (reference)

/** Every element of the entries array, in array order. */
export function entriesOf(doc: Y.Doc): AnswerEntry[] {
	return doc.getArray<AnswerEntry>(ROOT.entries).toArray();
}

/** The entries of each question, oldest first, duplicates (same id) once: by a full scan. */
export function scanEntriesByQuestion(
	doc: Y.Doc,
	only?: ReadonlySet<string>
): Map<string, AnswerEntry[]> {
	const out = new Map<string, AnswerEntry[]>();
	const seen = new Set<string>();
	for (const e of entriesOf(doc)) {
		if (!e || typeof e !== 'object' || seen.has(e.id)) continue;
		if (only && !only.has(e.q)) continue;
		seen.add(e.id);
		let list = out.get(e.q);
		if (!list) out.set(e.q, (list = []));
		list.push(e);
	}
	for (const list of out.values()) list.sort(compareEntries);
	return out;
}

/** The current entry of a question (latest by time, then id), if any: by a full scan. */
export function scanCurrentEntry(doc: Y.Doc, questionId: string): AnswerEntry | null {
	let best: AnswerEntry | null = null;
	for (const e of entriesOf(doc)) {
		if (!e || typeof e !== 'object' || e.q !== questionId) continue;
		best = best ? laterEntry(best, e) : e;
	}
	return best;
}

interface Placed {
	pos: number;
	key: string;
	p: EvidencePointer;
}

function byPlace(x: Placed, y: Placed): number {
	return x.pos - y.pos || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
}

/** The pointer of a Y.Map of the evidence map, with its place (null without a string `q`). */
function placed(key: string, value: Y.Map<unknown>): (Placed & { q: string }) | null {
	const { pos, q, ...p } = value.toJSON() as Record<string, unknown>;
	if (typeof q !== 'string') return null;
	return { pos: typeof pos === 'number' ? pos : 0, key, q, p: p as unknown as EvidencePointer };
}

/** The evidence pointers of every question, in list order: by a full scan. */
export function scanEvidenceByQuestion(
	doc: Y.Doc,
	only?: ReadonlySet<string>
): Map<string, EvidencePointer[]> {
	const grouped = new Map<string, Placed[]>();
	for (const [key, value] of doc.getMap(ROOT.evidence).entries()) {
		if (!(value instanceof Y.Map)) continue;
		if (only && !only.has(value.get('q') as string)) continue;
		const x = placed(key, value);
		if (!x) continue;
		let list = grouped.get(x.q);
		if (!list) grouped.set(x.q, (list = []));
		list.push(x);
	}
	const out = new Map<string, EvidencePointer[]>();
	for (const [q, list] of grouped) {
		list.sort(byPlace);
		out.set(
			q,
			list.map((x) => x.p)
		);
	}
	return out;
}

// ------------------------------------------------------------------ the index

/** One element of the entries array that is an object. */
interface Occurrence {
	e: AnswerEntry;
	q: unknown;
}

interface Index {
	entries: Y.Array<unknown>;
	evidence: Y.Map<unknown>;
	/** Live object elements of the entries array by Yjs id: client → clock → element. */
	elements: Map<number, Map<number, Occurrence>>;
	/** The live object elements by their `q` field. */
	entriesOf: Map<unknown, Set<Occurrence>>;
	/** Evidence key → the pointer's `q` field (keys whose value is a Y.Map with a string `q`). */
	questionOf: Map<string, string>;
	/** Question id → the keys of its pointers. */
	keysOf: Map<string, Set<string>>;
	/** Transactions the observers have applied (those not in it may still be pending). */
	entriesSeen: WeakSet<Y.Transaction>;
	evidenceSeen: WeakSet<Y.Transaction>;
}

const indexes = new WeakMap<Y.Doc, Index>();

function addElement(ix: Index, client: number, clock: number, e: unknown): void {
	if (!e || typeof e !== 'object') return;
	let byClock = ix.elements.get(client);
	if (!byClock) ix.elements.set(client, (byClock = new Map()));
	if (byClock.has(clock)) return;
	const o: Occurrence = { e: e as AnswerEntry, q: (e as AnswerEntry).q };
	byClock.set(clock, o);
	let set = ix.entriesOf.get(o.q);
	if (!set) ix.entriesOf.set(o.q, (set = new Set()));
	set.add(o);
}

function removeElement(ix: Index, client: number, clock: number): void {
	const byClock = ix.elements.get(client);
	const o = byClock?.get(clock);
	if (!o) return;
	byClock!.delete(clock);
	const set = ix.entriesOf.get(o.q)!;
	set.delete(o);
	if (!set.size) ix.entriesOf.delete(o.q);
}

/** Index the elements of a live item of the entries array. */
function addItem(ix: Index, item: Y.Item): void {
	if (item.deleted || !item.countable) return;
	const content = item.content.getContent();
	for (let i = 0; i < content.length; i++)
		addElement(ix, item.id.client, item.id.clock + i, content[i]);
}

/** Bring the entries of the index to the document's state for what `tr` created or deleted. */
function applyEntries(ix: Index, doc: Y.Doc, tr: Y.Transaction): void {
	if (ix.entriesSeen.has(tr)) return;
	ix.entriesSeen.add(tr);
	const store = doc.store.clients;
	for (const [client, after] of tr.afterState) {
		const before = tr.beforeState.get(client) ?? 0;
		const structs = store.get(client);
		if (before >= after || !structs?.length) continue;
		for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
			const s = structs[i]!;
			if (s instanceof Y.Item && s.parent === ix.entries && s.parentSub === null) addItem(ix, s);
		}
	}
	for (const [client, ranges] of tr.deleteSet.clients) {
		const structs = store.get(client);
		if (!structs?.length || !ix.elements.has(client)) continue;
		const last = structs[structs.length - 1]!;
		const end = last.id.clock + last.length;
		for (const { clock, len } of ranges) {
			if (clock >= end) continue;
			for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
				const s = structs[i]!;
				if (s.id.clock >= clock + len) break;
				if (!(s instanceof Y.Item) || s.parent !== ix.entries) continue;
				const to = Math.min(clock + len, s.id.clock + s.length);
				for (let c = Math.max(clock, s.id.clock); c < to; c++) removeElement(ix, client, c);
			}
		}
	}
}

/** Index (again) the pointer under one key of the evidence map, as it is now. */
function reindexKey(ix: Index, key: string): void {
	const value = ix.evidence.get(key);
	const q = value instanceof Y.Map ? value.get('q') : undefined;
	const next = typeof q === 'string' ? q : undefined;
	const prev = ix.questionOf.get(key);
	if (prev === next) return;
	if (prev !== undefined) {
		const keys = ix.keysOf.get(prev)!;
		keys.delete(key);
		if (!keys.size) ix.keysOf.delete(prev);
		ix.questionOf.delete(key);
	}
	if (next !== undefined) {
		ix.questionOf.set(key, next);
		let keys = ix.keysOf.get(next);
		if (!keys) ix.keysOf.set(next, (keys = new Set()));
		keys.add(key);
	}
}

/** The key in the evidence map of the pointer `type` is (or is inside), or undefined. */
function evidenceKeyOf(ix: Index, type: unknown): string | null | undefined {
	let t = type;
	while (t instanceof Y.AbstractType && t._item) {
		const item: Y.Item = t._item;
		if (item.parent === ix.evidence) return item.parentSub;
		t = item.parent;
	}
	return undefined;
}

/** Whether `tr` changed the evidence map or anything inside it. */
function touchesEvidence(ix: Index, tr: Y.Transaction): boolean {
	for (const type of tr.changed.keys() as Iterable<unknown>)
		if (type === ix.evidence || evidenceKeyOf(ix, type) !== undefined) return true;
	return false;
}

/** Bring the pointers of the index to the document's state for the keys `tr` touched. */
function applyEvidence(ix: Index, tr: Y.Transaction): void {
	if (ix.evidenceSeen.has(tr)) return;
	ix.evidenceSeen.add(tr);
	for (const [type, keys] of tr.changed as Map<unknown, Set<string | null>>) {
		if (type === ix.evidence) {
			for (const key of keys) if (key !== null) reindexKey(ix, key);
			continue;
		}
		const key = evidenceKeyOf(ix, type);
		if (typeof key === 'string') reindexKey(ix, key);
	}
}

function build(doc: Y.Doc): Index {
	const ix: Index = {
		entries: doc.getArray<unknown>(ROOT.entries),
		evidence: doc.getMap<unknown>(ROOT.evidence),
		elements: new Map(),
		entriesOf: new Map(),
		questionOf: new Map(),
		keysOf: new Map(),
		entriesSeen: new WeakSet(),
		evidenceSeen: new WeakSet()
	};
	for (let item = ix.entries._start; item; item = item.right) addItem(ix, item);
	for (const key of ix.evidence.keys()) reindexKey(ix, key);
	ix.entries.observe((_event, tr) => applyEntries(ix, doc, tr));
	ix.evidence.observeDeep((_events, tr) => applyEvidence(ix, tr));
	return ix;
}

/** The document's index (built on first use). */
function indexOf(doc: Y.Doc): Index {
	let ix = indexes.get(doc);
	if (!ix) indexes.set(doc, (ix = build(doc)));
	return ix;
}

/** The transactions not yet cleaned up (the running one, and those whose observers run). */
function openTransactions(doc: Y.Doc): Y.Transaction[] {
	const open = doc._transactionCleanups;
	const t = doc._transaction;
	return t && !open.includes(t) ? [...open, t] : open;
}

/** Whether a transaction changed the entries and the observer has not applied it yet. */
function entriesPending(doc: Y.Doc, ix: Index): boolean {
	for (const tr of openTransactions(doc))
		if (!ix.entriesSeen.has(tr) && tr.changed.has(ix.entries)) return true;
	return false;
}

function evidencePending(doc: Y.Doc, ix: Index): boolean {
	for (const tr of openTransactions(doc))
		if (!ix.evidenceSeen.has(tr) && touchesEvidence(ix, tr)) return true;
	return false;
}

/** Whether the order of entries is total on `e` (with a distinct id, compareEntries never ties). */
function regular(e: AnswerEntry): boolean {
	return (
		typeof e.id === 'string' &&
		typeof orderTime(e) === 'string' &&
		(e.n === undefined || e.n === null || Number.isFinite(e.n))
	);
}

/**
 * The entries of the questions `only` (see scanEntriesByQuestion), from the index, or null when
 * the index cannot decide them (the scan must).
 */
function indexedEntries(doc: Y.Doc, only: ReadonlySet<string>): Map<string, AnswerEntry[]> | null {
	const ix = indexOf(doc);
	if (entriesPending(doc, ix)) return null;
	const out = new Map<string, AnswerEntry[]>();
	const ids = new Set<string>();
	for (const q of only) {
		const set = ix.entriesOf.get(q);
		if (!set) continue;
		const list: AnswerEntry[] = [];
		for (const { e } of set) {
			if (!regular(e) || ids.has(e.id)) return null;
			ids.add(e.id);
			list.push(e);
		}
		out.set(q, list.sort(compareEntries));
	}
	return out;
}

/** The entries of each question, oldest first, duplicates (same id) once. */
export function entriesByQuestion(
	doc: Y.Doc,
	only?: ReadonlySet<string>
): Map<string, AnswerEntry[]> {
	return (only && indexedEntries(doc, only)) || scanEntriesByQuestion(doc, only);
}

/** The current entry of a question (latest by time, then id), if any. */
export function currentEntry(doc: Y.Doc, questionId: string): AnswerEntry | null {
	// From the index, the last of the question's entries in order (the same entry as the scan's
	// latest: the order is total on them); the scan where the index cannot decide.
	const indexed = indexedEntries(doc, new Set([questionId]));
	if (!indexed) return scanCurrentEntry(doc, questionId);
	return indexed.get(questionId)?.at(-1) ?? null;
}

function indexedEvidence(
	doc: Y.Doc,
	only: ReadonlySet<string>
): Map<string, EvidencePointer[]> | null {
	const ix = indexOf(doc);
	if (evidencePending(doc, ix)) return null;
	const out = new Map<string, EvidencePointer[]>();
	for (const q of only) {
		const keys = ix.keysOf.get(q);
		if (!keys) continue;
		const list: Placed[] = [];
		for (const key of keys) {
			const value = ix.evidence.get(key);
			if (!(value instanceof Y.Map)) return null;
			const x = placed(key, value);
			// A pos that is not finite makes the order depend on the map's order: the scan's.
			if (!x || x.q !== q || !Number.isFinite(x.pos)) return null;
			list.push(x);
		}
		list.sort(byPlace);
		out.set(
			q,
			list.map((x) => x.p)
		);
	}
	return out;
}

/** The evidence pointers of each question (grouped by their `q` field), in list order. */
export function evidenceByQuestion(
	doc: Y.Doc,
	only?: ReadonlySet<string>
): Map<string, EvidencePointer[]> {
	return (only && indexedEvidence(doc, only)) || scanEvidenceByQuestion(doc, only);
}
