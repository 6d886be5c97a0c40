/**
 * The layout of an assessment's Yjs document (see docs/architecture.md, "The assessment
 * document").
 *
 * Everything that two copies may both create lives in a named root type, never in a nested type
 * created on the fly: Yjs merges two root types of the same name item by item, but of two nested
 * types created concurrently under one map key it keeps only one (chosen by client id), and the
 * other's content would be lost. Nested Y.Maps are used only for items created by one side (a
 * vendor, a CUEC, an evidence pointer: each has a fresh random id), so that their fields merge
 * one by one.
 *
 * Root types:
 * - `doc` (Y.Map): id, createdAt, updatedAt, lineage (the id of the document this one descends
 *   from: two copies merge with Yjs only when they share it), format (FORMAT).
 * - `meta` (Y.Map): organisation, assessor, assessmentDate, targetReportDate, planStartDate.
 * - `branding` (Y.Map): logoDataUrl, brandColor.
 * - `profile` (Y.Map): profile question id → answer (JSON value).
 * - `categories` (Y.Map): optional category id → selected (boolean); `flags` (Y.Map):
 *   categoriesConfirmed.
 * - `vendors`, `cuecs` (Y.Map): item id → Y.Map of its fields plus `pos` (list order).
 * - `entries` (Y.Array, append-only): answer entries {id, q, value, naReason?, at, by}. The
 *   current answer of a question is its latest entry by (`at`, then `id`); the others are its
 *   history. Yjs keeps every entry both sides appended, so merging never loses an answer, and
 *   "the later change wins" is decided by time, not by Yjs' client ids.
 * - `answered` (Y.Map): question id → time of the last change of its answer record (value, note
 *   or evidence). A question has an answer record exactly while it has a key here; clearing an
 *   answer removes the key (and its note and evidence).
 * - `note:<question id>` (Y.Text): the answer's note; edits on both sides merge as text.
 * - `evidence` (Y.Map): `<question id>\u0000<pointer id>` → Y.Map of the pointer's fields plus `q`
 *   and `pos`.
 * - `planOwner` (Y.Map): action id → owner role; `planDone` (Y.Map): action id → done (boolean).
 * - `requestsPrepared` (Y.Map): evidence request id → ISO time it was marked prepared.
 * - `otherAnswers` (Y.Map): question id unknown to the bank → the answer as it was imported.
 * - `customQuestions` (Y.Map): custom question id → the question (plain JSON) plus `pos` (list
 *   order). One key per question, set whole by one command, so two copies that edited different
 *   questions keep both edits (the same question edited on both: one edit wins, as Yjs decides for
 *   one map key). Questions are retired, never removed: ids are forever. Documents written before
 *   this map existed hold the list whole in `extra`; the first command on a question moves it here.
 * - `reassessmentOf` (Y.Map): id, assessedOn — the predecessor of a re-assessment, set once when it
 *   is started (issue 20).
 * - `carried` (Y.Map): question id → the id of the entry carried over from the predecessor. The
 *   answer counts as changed once an entry after it gives another value or N/A reason (decided by
 *   the entries, so a change made on another copy counts after a merge; the same answer arriving
 *   again as another entry does not). Set once when the re-assessment starts.
 * - `confirmed` (Y.Map): question id → ISO time the assessor confirmed the carried answer. One key
 *   per question, so confirmations made on two copies all stay after a merge.
 * - `extra`, `answerExtra` (question id →), `planExtra` (action id →) (Y.Map): fields a newer
 *   version's file carried that this version does not know, kept and exported again as they are
 *   (unknown fields of meta, branding, vendors, CUECs and evidence are kept in their own maps).
 *
 * Per-device state (the interview position, when this device last exported) is not in the
 * document: it stays in the device's assessment row.
 */
export const FORMAT = 1;

export const ROOT = {
	doc: 'doc',
	meta: 'meta',
	branding: 'branding',
	profile: 'profile',
	categories: 'categories',
	flags: 'flags',
	vendors: 'vendors',
	cuecs: 'cuecs',
	entries: 'entries',
	answered: 'answered',
	evidence: 'evidence',
	planOwner: 'planOwner',
	planDone: 'planDone',
	requestsPrepared: 'requestsPrepared',
	otherAnswers: 'otherAnswers',
	customQuestions: 'customQuestions',
	reassessmentOf: 'reassessmentOf',
	carried: 'carried',
	confirmed: 'confirmed',
	extra: 'extra',
	answerExtra: 'answerExtra',
	planExtra: 'planExtra'
} as const;

export const NOTE_PREFIX = 'note:';

export const META_KEYS = [
	'organisation',
	'assessor',
	'assessmentDate',
	'targetReportDate',
	'planStartDate'
] as const;

export function noteName(questionId: string): string {
	return NOTE_PREFIX + questionId;
}

export function evidenceKey(questionId: string, pointerId: string): string {
	return `${questionId}\u0000${pointerId}`;
}

/** One answer given to a question at a time, by an assessor (an element of `entries`). */
export interface AnswerEntry {
	/** Random for an answer given in the app; derived from the data for one converted from plain data. */
	id: string;
	/** Question id. */
	q: string;
	value: import('$lib/domain/types').MaturityValue | null;
	naReason?: string;
	/** ISO time the answer was given. */
	at: string;
	/** Who gave it (the device's "your name", by default the assessment's assessor). */
	by: string;
	/**
	 * One more than the question's current entry had when this one was given: of two answers
	 * given in the same millisecond on one device, the second wins.
	 */
	n?: number;
	/**
	 * Order time, when later than `at`: a device whose clock is behind an entry merged from
	 * another device still makes its new answer the current one (`at` keeps the time it showed).
	 */
	t?: string;
}

/** The time an entry is ordered by. */
export function orderTime(e: AnswerEntry): string {
	return e.t ?? e.at;
}

/**
 * Order of entries: by time, then by `n` (given one after the other on one device), then by id
 * (two copies, same time: the same result everywhere).
 */
export function compareEntries(a: AnswerEntry, b: AnswerEntry): number {
	const at = orderTime(a);
	const bt = orderTime(b);
	if (at !== bt) return at < bt ? -1 : 1;
	const an = a.n ?? 0;
	const bn = b.n ?? 0;
	if (an !== bn) return an - bn;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The later of two entries (see compareEntries). */
export function laterEntry(a: AnswerEntry, b: AnswerEntry): AnswerEntry {
	return compareEntries(a, b) >= 0 ? a : b;
}
