/**
 * Repairs of an assessment that would otherwise break the screens, applied wherever an assessment
 * enters the app: on import (after the schema) and on every read from storage (rows stored before
 * these rules existed are repaired as they are read; no schema migration needed).
 *
 * - Two items of one list with the same id (evidence pointers of an answer, vendors, CUECs): the
 *   later one gets a new id derived from the old one (`x` → `x~2`), so nothing is lost and the
 *   result is the same on every read. Screens key their lists by these ids.
 * - The same criterion twice in a CUEC, the same CSOC twice in a vendor: the repeat is dropped
 *   (the two are the same text, so nothing is lost).
 * - `requestsPrepared` that is not an object keyed by request id with timestamp text: entries
 *   that are not non-empty text are dropped (a mark without a date is no mark), a non-object is
 *   dropped whole.

 * The interview snapshot stays as it is (it is opaque here): the interview checks it before it
 * restores it (`storedInterviewProblem` in src/lib/interview/snapshot.ts).
 *
 * Pure: no storage, no clock. Returns the input object itself when nothing needed repairing.
 */
import type { Assessment, Cuec, EvidencePointer, MaturityAnswer, SubserviceOrg } from './types';

/** Longest id an item of a list may have (the export format's limit). */
export const ITEM_ID_MAX = 200;

function isPlainObject(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Ids of `items` made unique; null when they already were (nothing to change). */
function uniqueIds<T extends { id: string }>(items: readonly T[]): T[] | null {
	const seen = new Set<string>();
	let changed = false;
	const all = new Set(items.map((i) => i.id));
	const out = items.map((item) => {
		if (!seen.has(item.id)) {
			seen.add(item.id);
			return item;
		}
		changed = true;
		let n = 2;
		let id: string;
		do {
			const suffix = `~${n++}`;
			id = item.id.slice(0, ITEM_ID_MAX - suffix.length) + suffix;
		} while (seen.has(id) || all.has(id));
		seen.add(id);
		return { ...item, id };
	});
	return changed ? out : null;
}

/** `list` without repeated entries; null when there were none. */
function uniqueStrings(list: readonly string[]): string[] | null {
	const out = [...new Set(list)];
	return out.length === list.length ? null : out;
}

/** One answer with its twin evidence ids repaired (the same object when nothing changed). */
export function normaliseAnswer(answer: MaturityAnswer): MaturityAnswer {
	const evidence = Array.isArray(answer.evidence) ? answer.evidence : [];
	const ids = uniqueIds<EvidencePointer>(evidence);
	return ids ? { ...answer, evidence: ids } : answer;
}

function normaliseVendor(v: SubserviceOrg): SubserviceOrg {
	const csocs = Array.isArray(v.csocs) ? uniqueStrings(v.csocs) : null;
	return csocs ? { ...v, csocs } : v;
}

function normaliseCuec(c: Cuec): Cuec {
	const criteria = Array.isArray(c.criteria) ? uniqueStrings(c.criteria) : null;
	return criteria ? { ...c, criteria } : c;
}

/** The assessment with the repairs above applied (the same object when none was needed). */
export function normaliseAssessment(a: Assessment): Assessment {
	let out = a;
	const patch = (p: Partial<Assessment>) => (out = { ...out, ...p });

	if (Array.isArray(a.subservices)) {
		const each = a.subservices.map(normaliseVendor);
		const ids = uniqueIds(each);
		if (ids || each.some((v, i) => v !== a.subservices[i])) patch({ subservices: ids ?? each });
	}
	if (Array.isArray(a.cuecs)) {
		const each = a.cuecs.map(normaliseCuec);
		const ids = uniqueIds(each);
		if (ids || each.some((c, i) => c !== a.cuecs[i])) patch({ cuecs: ids ?? each });
	}
	if ('requestsPrepared' in a && a.requestsPrepared !== undefined) {
		const marks: unknown = a.requestsPrepared;
		if (!isPlainObject(marks)) {
			const { requestsPrepared: _dropped, ...rest } = out;
			out = rest;
		} else {
			const kept = Object.entries(marks).filter(
				(e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''
			);
			if (kept.length !== Object.keys(marks).length)
				patch({ requestsPrepared: Object.fromEntries(kept) });
		}
	}
	if (isPlainObject(a.answers)) {
		let answers: Record<string, MaturityAnswer> | null = null;
		for (const [qid, ans] of Object.entries(a.answers)) {
			const next = normaliseAnswer(ans);
			if (next !== ans) (answers ??= { ...a.answers })[qid] = next;
		}
		if (answers) patch({ answers });
	}
	return out;
}

/**
 * Split maturity answers into those the bank knows and the rest. Answers to unknown question ids
 * (a file from a newer bank, or junk) are kept aside — stored and exported again unchanged — but
 * never counted or scored.
 */
export function partitionAnswers(
	answers: Record<string, MaturityAnswer>,
	known: ReadonlySet<string>
): { known: Record<string, MaturityAnswer>; unknown: Record<string, MaturityAnswer> } {
	const k: Record<string, MaturityAnswer> = {};
	const u: Record<string, MaturityAnswer> = {};
	for (const [qid, ans] of Object.entries(answers)) (known.has(qid) ? k : u)[qid] = ans;
	return { known: k, unknown: u };
}
