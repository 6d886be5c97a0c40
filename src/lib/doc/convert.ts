/**
 * Plain assessment ⇄ Yjs document.
 *
 * `assessmentToDoc` builds a new document (a new lineage) from plain data: an import, a v4
 * database row, a duplicate. `docToAssessment` derives the plain `Assessment` the engine and the
 * screens read, normalised once (`normaliseAssessment`); it is a pure function of the document's
 * state, so two copies that have merged the same changes give the same plain assessment.
 */
import * as Y from 'yjs';
import { normaliseAnswer, normaliseAssessment } from '$lib/domain/normalise';
import {
	OPTIONAL_CATEGORY_IDS,
	type Assessment,
	type Branding,
	type CarriedAnswer,
	type CustomQuestion,
	type Cuec,
	type MaturityAnswer,
	type OptionalCategoryId,
	type PlanOverride,
	type ProfileAnswer,
	type SubserviceOrg
} from '$lib/domain/types';
import {
	FORMAT,
	META_KEYS,
	NOTE_PREFIX,
	ROOT,
	evidenceKey,
	noteName,
	type AnswerEntry
} from './layout';
import { currentEntry, entriesByQuestion, entriesOf, evidenceByQuestion } from './by-question';

export { currentEntry, entriesByQuestion, entriesOf };

/** The carry-over mark of an answer changed after the carry-over (matches no entry id). */
export const CHANGED_MARK = 'changed';

/** A short, stable hash of a string (53 bits, hex): used for ids derived from data. */
export function stableHash(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The id of an answer entry built from plain data: the same question, time, value and N/A reason
 * give the same id on every device, so the same answer held by two copies is one entry after a
 * merge.
 */
export function plainEntryId(
	questionId: string,
	a: Pick<MaturityAnswer, 'value' | 'naReason' | 'updatedAt'>
): string {
	return 'p-' + stableHash(JSON.stringify([questionId, a.updatedAt, a.value, a.naReason ?? null]));
}

/** A random id (entries, lineages). */
export function randomId(): string {
	const b = crypto.getRandomValues(new Uint8Array(12));
	return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Top-level fields of an assessment this version knows; others are kept as they are. */
const KNOWN_TOP = new Set([
	'id',
	'customQuestions',
	'meta',
	'profile',
	'subservices',
	'categories',
	'categoriesConfirmed',
	'cuecs',
	'answers',
	'otherAnswers',
	'planOverrides',
	'requestsPrepared',
	'reassessmentOf',
	'carried',
	'interview',
	'createdAt',
	'updatedAt',
	'lastExportedAt'
]);
const KNOWN_ANSWER = new Set(['value', 'naReason', 'note', 'evidence', 'updatedAt']);
const KNOWN_PLAN = new Set(['ownerRole', 'done']);

/** The fields of `o` not in `known` (a newer version's), or null when there are none. */
function unknownFields(o: object, known: ReadonlySet<string>): Record<string, unknown> | null {
	let out: Record<string, unknown> | null = null;
	for (const [k, v] of Object.entries(o)) if (!known.has(k) && v !== undefined) (out ??= {})[k] = v;
	return out;
}

/** A copy of a JSON-like value without `undefined` members (Yjs cannot store undefined). */
function defined<T extends object>(o: T): Partial<T> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
	return out as Partial<T>;
}

function fieldMap(fields: Record<string, unknown>, pos: number): Y.Map<unknown> {
	const m = new Y.Map<unknown>();
	for (const [k, v] of Object.entries(defined(fields))) m.set(k, v);
	m.set('pos', pos);
	return m;
}

/** Fill an empty document from plain data (in one transaction), twin ids repaired. */
export function writeAssessment(doc: Y.Doc, plain: Assessment, lineage = randomId()): void {
	// Twin ids are repaired first: items are keyed by id in the document.
	const a = normaliseAssessment(plain);
	doc.transact(() => {
		const d = doc.getMap(ROOT.doc);
		d.set('format', FORMAT);
		d.set('id', a.id);
		d.set('createdAt', a.createdAt);
		d.set('updatedAt', a.updatedAt);
		d.set('lineage', lineage);

		// Every meta field, also those this version does not know (a newer file's).
		const meta = doc.getMap(ROOT.meta);
		const m = a.meta as unknown as Record<string, unknown>;
		for (const [k, v] of Object.entries(m)) if (k !== 'branding' && v !== undefined) meta.set(k, v);
		const extra = doc.getMap(ROOT.extra);
		for (const [k, v] of Object.entries(a as unknown as Record<string, unknown>))
			if (!KNOWN_TOP.has(k) && v !== undefined) extra.set(k, v);
		const branding = doc.getMap(ROOT.branding);
		for (const [k, v] of Object.entries(defined(a.meta.branding ?? {}))) branding.set(k, v);

		const profile = doc.getMap(ROOT.profile);
		for (const [k, v] of Object.entries(a.profile ?? {})) if (v !== undefined) profile.set(k, v);

		const categories = doc.getMap<boolean>(ROOT.categories);
		for (const c of a.categories ?? []) categories.set(c, true);
		if (a.categoriesConfirmed !== undefined)
			doc.getMap(ROOT.flags).set('categoriesConfirmed', a.categoriesConfirmed);

		const vendors = doc.getMap(ROOT.vendors);
		(a.subservices ?? []).forEach((v, i) =>
			vendors.set(v.id, fieldMap(v as unknown as Record<string, unknown>, i))
		);
		const cuecs = doc.getMap(ROOT.cuecs);
		(a.cuecs ?? []).forEach((c, i) =>
			cuecs.set(c.id, fieldMap(c as unknown as Record<string, unknown>, i))
		);

		const entries = doc.getArray<AnswerEntry>(ROOT.entries);
		const answered = doc.getMap<string>(ROOT.answered);
		const evidence = doc.getMap(ROOT.evidence);
		const by = a.meta.assessor ?? '';
		const batch: AnswerEntry[] = [];
		const answerExtra = doc.getMap(ROOT.answerExtra);
		for (const [q, ans] of Object.entries(a.answers ?? {})) {
			const more = unknownFields(ans, KNOWN_ANSWER);
			if (more) answerExtra.set(q, more);
			batch.push(
				defined({
					id: plainEntryId(q, ans),
					q,
					value: ans.value ?? null,
					naReason: ans.naReason,
					at: ans.updatedAt,
					by
				}) as AnswerEntry
			);
			answered.set(q, ans.updatedAt);
			if (ans.note) doc.getText(noteName(q)).insert(0, ans.note);
			(ans.evidence ?? []).forEach((p, i) =>
				evidence.set(
					evidenceKey(q, p.id),
					fieldMap({ ...(p as unknown as Record<string, unknown>), q }, i)
				)
			);
		}
		if (batch.length) entries.push(batch);

		const owner = doc.getMap<string>(ROOT.planOwner);
		const done = doc.getMap<boolean>(ROOT.planDone);
		const planExtra = doc.getMap(ROOT.planExtra);
		for (const [id, o] of Object.entries(a.planOverrides ?? {})) {
			const more = unknownFields(o, KNOWN_PLAN);
			if (more || Object.keys(o).length === 0) planExtra.set(id, more ?? {});
			if (o.ownerRole !== undefined) owner.set(id, o.ownerRole);
			if (o.done !== undefined) done.set(id, o.done);
		}
		const prepared = doc.getMap<string>(ROOT.requestsPrepared);
		for (const [id, at] of Object.entries(a.requestsPrepared ?? {}))
			if (typeof at === 'string') prepared.set(id, at);
		const other = doc.getMap(ROOT.otherAnswers);
		for (const [q, ans] of Object.entries(a.otherAnswers ?? {})) other.set(q, ans);
		const custom = doc.getMap(ROOT.customQuestions);
		(a.customQuestions ?? []).forEach((q, pos) => custom.set(q.id, { ...q, pos }));
		writeCarried(doc, a, batch);
	});
}

/**
 * The re-assessment link and the carried answers of plain data: an answer still as carried keeps
 * pointing at the entry written for it here, one changed meanwhile at no entry.
 */
function writeCarried(doc: Y.Doc, a: Assessment, batch: AnswerEntry[]): void {
	if (a.reassessmentOf) {
		const link = doc.getMap(ROOT.reassessmentOf);
		link.set('id', a.reassessmentOf.id);
		link.set('assessedOn', a.reassessmentOf.assessedOn);
	}
	if (!a.carried) return;
	const entryOf = new Map(batch.map((e) => [e.q, e.id]));
	const carried = doc.getMap<string>(ROOT.carried);
	const confirmed = doc.getMap<string>(ROOT.confirmed);
	for (const [q, c] of Object.entries(a.carried)) {
		const entry = entryOf.get(q);
		carried.set(q, !c.changed && entry ? entry : CHANGED_MARK);
		if (c.confirmedAt) confirmed.set(q, c.confirmedAt);
	}
}

/**
 * Whether a carried answer was changed: an entry after the carried one gives another value or
 * N/A reason (changing it back later still counts: it was touched). The same answer arriving
 * again as another entry (a copy of another lineage merged in) is not a change.
 */
function wasChanged(list: AnswerEntry[], carriedId: string | undefined): boolean {
	const i = list.findIndex((e) => e.id === carriedId);
	if (i < 0) return true;
	const c = list[i]!;
	return list
		.slice(i + 1)
		.some((e) => e.value !== c.value || (e.naReason || undefined) !== (c.naReason || undefined));
}

/** The re-assessment link and carried answers held by the document (plain). */
export function carriedOf(doc: Y.Doc): Pick<Assessment, 'reassessmentOf' | 'carried'> {
	const out: Pick<Assessment, 'reassessmentOf' | 'carried'> = {};
	const link = doc.getMap<unknown>(ROOT.reassessmentOf);
	const id = link.get('id');
	const assessedOn = link.get('assessedOn');
	if (typeof id === 'string' && typeof assessedOn === 'string')
		out.reassessmentOf = { id, assessedOn };
	const carried = doc.getMap<string>(ROOT.carried);
	if (!carried.size) return out;
	const confirmed = doc.getMap<string>(ROOT.confirmed);
	const byQ = entriesByQuestion(doc, new Set(carried.keys()));
	const answered = doc.getMap<string>(ROOT.answered);
	const list: NonNullable<Assessment['carried']> = {};
	for (const q of [...carried.keys()].sort()) {
		const c: CarriedAnswer = {};
		const at = confirmed.get(q);
		if (typeof at === 'string') c.confirmedAt = at;
		if (!answered.has(q) || wasChanged(byQ.get(q) ?? [], carried.get(q))) c.changed = true;
		list[q] = c;
	}
	out.carried = list;
	return out;
}

/**
 * The custom questions held by the document, in list order (null when it holds none): from
 * their map, or, for a document written before the map existed, the list kept whole in `extra`.
 */
export function customQuestionsOf(doc: Y.Doc): CustomQuestion[] | null {
	const map = doc.getMap<unknown>(ROOT.customQuestions);
	if (map.size === 0) {
		const old = doc.getMap<unknown>(ROOT.extra).get('customQuestions');
		return Array.isArray(old) ? (old as CustomQuestion[]) : null;
	}
	const list: { pos: number; id: string; q: CustomQuestion }[] = [];
	for (const [id, value] of map.entries()) {
		if (!value || typeof value !== 'object') continue;
		const { pos, ...q } = value as Record<string, unknown>;
		list.push({ pos: typeof pos === 'number' ? pos : 0, id, q: q as unknown as CustomQuestion });
	}
	list.sort((x, y) => x.pos - y.pos || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
	return list.map((x) => x.q);
}

/** A new document (a new lineage) holding the plain assessment. */
export function assessmentToDoc(a: Assessment, lineage?: string): Y.Doc {
	const doc = new Y.Doc();
	writeAssessment(doc, a, lineage);
	return doc;
}

function itemsOf<T>(map: Y.Map<unknown>): T[] {
	const list: { pos: number; id: string; item: T }[] = [];
	for (const [key, value] of map.entries()) {
		if (!(value instanceof Y.Map)) continue;
		const { pos, ...fields } = value.toJSON() as Record<string, unknown> & { pos?: number };
		list.push({ pos: typeof pos === 'number' ? pos : 0, id: key, item: fields as T });
	}
	list.sort((x, y) => x.pos - y.pos || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
	return list.map((x) => x.item);
}

/** The note of a question ('' when none). */
export function noteOf(doc: Y.Doc, questionId: string): string {
	return doc.share.has(noteName(questionId)) ? doc.getText(noteName(questionId)).toString() : '';
}

/** The plain answers held by the document (with `only`: of those questions alone). */
function answersOf(doc: Y.Doc, only?: ReadonlySet<string>): Record<string, MaturityAnswer> {
	const byQ = entriesByQuestion(doc, only);
	const evidence = evidenceByQuestion(doc, only);
	const out: Record<string, MaturityAnswer> = {};
	const answered = doc.getMap<string>(ROOT.answered);
	const extra = doc.getMap<Record<string, unknown>>(ROOT.answerExtra);
	const qs = only ? [...only].filter((q) => answered.has(q)) : [...answered.keys()];
	for (const q of qs.sort()) {
		const list = byQ.get(q) ?? [];
		const cur = list.length ? list[list.length - 1]! : null;
		// The time of the last change of the answer record (value, note or evidence).
		const updatedAt = answered.get(q) ?? '';
		const note = noteOf(doc, q);
		out[q] = defined({
			...(extra.get(q) ?? {}),
			value: cur?.value ?? null,
			naReason: cur?.naReason,
			note: note || undefined,
			evidence: evidence.get(q) ?? [],
			updatedAt
		}) as MaturityAnswer;
	}
	return out;
}

/**
 * One question's answer as `docToAssessment` gives it (normalised), or undefined when it has
 * none: what a write that changes one answer needs to know before it, without deriving the rest
 * of the assessment.
 */
export function docAnswer(doc: Y.Doc, questionId: string): MaturityAnswer | undefined {
	const a = answersOf(doc, new Set([questionId]))[questionId];
	return a && normaliseAnswer(a);
}

export interface DeviceState {
	interview?: Assessment['interview'];
	lastExportedAt?: string | null;
}

/**
 * The plain assessment held by the document (normalised once), with this device's own state.
 * With `only`, `answers` holds the answers of those questions alone (a write that touched only
 * them: the other answers are not derived again).
 */
export function docToAssessment(
	doc: Y.Doc,
	device: DeviceState = {},
	only?: readonly string[]
): Assessment {
	const d = doc.getMap<unknown>(ROOT.doc);
	const metaMap = doc.getMap<unknown>(ROOT.meta);
	const meta: Record<string, unknown> = {};
	for (const k of META_KEYS) if (metaMap.has(k)) meta[k] = metaMap.get(k);
	for (const [k, v] of metaMap.entries()) if (!(k in meta) && k !== 'branding') meta[k] = v;
	meta.branding = doc.getMap(ROOT.branding).toJSON() as Branding;
	const categories = doc.getMap<boolean>(ROOT.categories);
	const known = OPTIONAL_CATEGORY_IDS.filter((c) => categories.get(c) === true);
	const unknown = [...categories.keys()]
		.filter((c) => categories.get(c) === true && !known.includes(c as OptionalCategoryId))
		.sort();
	const flags = doc.getMap<unknown>(ROOT.flags);
	const planOverrides: Record<string, PlanOverride> = {};
	for (const [id, role] of doc.getMap<string>(ROOT.planOwner).entries())
		(planOverrides[id] ??= {}).ownerRole = role;
	for (const [id, more] of doc.getMap<Record<string, unknown>>(ROOT.planExtra).entries())
		planOverrides[id] = { ...more, ...planOverrides[id] };
	for (const [id, done] of doc.getMap<boolean>(ROOT.planDone).entries())
		(planOverrides[id] ??= {}).done = done;
	const other = doc.getMap<MaturityAnswer>(ROOT.otherAnswers).toJSON() as Record<
		string,
		MaturityAnswer
	>;
	const a: Assessment = {
		...(doc.getMap(ROOT.extra).toJSON() as object),
		id: String(d.get('id') ?? ''),
		meta: meta as unknown as Assessment['meta'],
		profile: doc.getMap<ProfileAnswer>(ROOT.profile).toJSON() as Record<string, ProfileAnswer>,
		subservices: itemsOf<SubserviceOrg>(doc.getMap(ROOT.vendors)),
		categories: [...known, ...(unknown as OptionalCategoryId[])],
		cuecs: itemsOf<Cuec>(doc.getMap(ROOT.cuecs)),
		answers: answersOf(doc, only ? new Set(only) : undefined),
		planOverrides,
		interview: device.interview ?? null,
		createdAt: String(d.get('createdAt') ?? ''),
		updatedAt: String(d.get('updatedAt') ?? ''),
		lastExportedAt: device.lastExportedAt ?? null
	};
	if (flags.has('categoriesConfirmed'))
		a.categoriesConfirmed = flags.get('categoriesConfirmed') as boolean;
	if (Object.keys(other).length) a.otherAnswers = other;
	const custom = customQuestionsOf(doc);
	if (custom) a.customQuestions = custom;
	else delete a.customQuestions;
	const prepared = doc.getMap<string>(ROOT.requestsPrepared);
	if (prepared.size) a.requestsPrepared = prepared.toJSON() as Record<string, string>;
	Object.assign(a, carriedOf(doc));
	return normaliseAssessment(a);
}

/** The document's lineage (copies merge with Yjs only when they share it). */
export function lineageOf(doc: Y.Doc): string {
	return String(doc.getMap(ROOT.doc).get('lineage') ?? '');
}

/** Every note root type name present in the document (for tests and summaries). */
export function noteQuestionIds(doc: Y.Doc): string[] {
	return [...doc.share.keys()]
		.filter((k) => k.startsWith(NOTE_PREFIX))
		.map((k) => k.slice(NOTE_PREFIX.length));
}

/** One earlier (or the current) answer as the history shows it. */
export interface HistoryItem {
	id: string;
	value: AnswerEntry['value'];
	naReason?: string;
	at: string;
	by: string;
	current: boolean;
}

/** A question's answers, newest first; the first is the current one. */
export function answerHistory(doc: Y.Doc, questionId: string): HistoryItem[] {
	const list = entriesByQuestion(doc, new Set([questionId])).get(questionId) ?? [];
	return list
		.map(
			(e, i) =>
				defined({
					id: e.id,
					value: e.value,
					naReason: e.naReason,
					at: e.at,
					by: e.by,
					current: i === list.length - 1
				}) as HistoryItem
		)
		.reverse();
}
