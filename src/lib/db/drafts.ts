/**
 * Drafts: text typed into a field in the last moment before the page goes away (reload, tab or
 * browser closed, phone switching apps). Its database write is asynchronous and may not finish
 * while the page unloads, so the field also keeps the draft here, synchronously, in the origin's
 * localStorage (on this device, like everything else). When the field shows up again it takes
 * the draft back and saves it, but only if the stored value is still the one the draft started
 * from, so a newer value saved meanwhile is never overwritten.
 *
 * A deleted assessment leaves no draft behind, in any window: `deleteAssessment` removes its
 * drafts and a window that sees it disappear (the interview's watcher) calls `forgetDrafts`, after
 * which this window keeps no draft of it, whatever is typed there. A draft that a window still
 * wrote in the instant before it learned of the deletion (or a window that died) is swept by
 * `pruneOrphanDrafts` (src/lib/db) when the app starts.
 */

const PREFIX = 'soc2-readiness:draft:';

export interface Draft {
	/** The text typed. */
	draft: string;
	/** The stored value the typing started from. */
	base: string;
}

function key(assessmentId: string, fieldId: string): string {
	return `${PREFIX}${assessmentId}:${fieldId}`;
}

function store(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null; // blocked storage (some privacy settings) throws on access
	}
}

/** Assessments this window knows to be deleted: no draft of theirs is kept any more. */
const forgotten = new Set<string>();

/**
 * The assessment was deleted (in this window or another): remove its drafts, and from now on keep
 * none of it in this window (text still typed there can no longer be saved anywhere).
 */
export function forgetDrafts(assessmentId: string): void {
	forgotten.add(assessmentId);
	clearDrafts(assessmentId);
}

/** The assessment exists again (undo of a delete, an import of the same id): drafts are kept again. */
export function allowDrafts(assessmentId: string): void {
	forgotten.delete(assessmentId);
}

/** Keep a draft (synchronous, so it survives a page that is going away). Never throws. */
export function keepDraft(assessmentId: string, fieldId: string, d: Draft): void {
	if (forgotten.has(assessmentId)) return;
	try {
		store()?.setItem(key(assessmentId, fieldId), JSON.stringify({ draft: d.draft, base: d.base }));
	} catch {
		/* storage full or blocked: the database write is still attempted */
	}
}

/** Take (read and remove) the draft kept for a field, if any and well-formed. */
export function takeDraft(assessmentId: string, fieldId: string): Draft | null {
	const s = store();
	const k = key(assessmentId, fieldId);
	let raw: string | null = null;
	try {
		raw = s?.getItem(k) ?? null;
		if (raw !== null) s?.removeItem(k);
	} catch {
		return null;
	}
	if (raw === null) return null;
	try {
		const d = JSON.parse(raw) as Partial<Draft>;
		return typeof d.draft === 'string' && typeof d.base === 'string'
			? { draft: d.draft, base: d.base }
			: null;
	} catch {
		return null;
	}
}

/** Drop a field's draft (its value was saved normally). */
export function dropDraft(assessmentId: string, fieldId: string): void {
	try {
		store()?.removeItem(key(assessmentId, fieldId));
	} catch {
		/* nothing to drop */
	}
}

/** Remove every draft of an assessment (it was deleted). */
export function clearDrafts(assessmentId: string): void {
	const s = store();
	if (!s) return;
	try {
		const mine = `${PREFIX}${assessmentId}:`;
		const keys: string[] = [];
		for (let i = 0; i < s.length; i++) {
			const k = s.key(i);
			if (k?.startsWith(mine)) keys.push(k);
		}
		for (const k of keys) s.removeItem(k);
	} catch {
		/* blocked storage holds no drafts */
	}
}

/** Ids of the assessments that have at least one draft kept on this device. */
export function draftAssessmentIds(): string[] {
	const s = store();
	if (!s) return [];
	const ids = new Set<string>();
	try {
		for (let i = 0; i < s.length; i++) {
			const k = s.key(i);
			if (!k?.startsWith(PREFIX)) continue;
			const rest = k.slice(PREFIX.length);
			const colon = rest.indexOf(':');
			if (colon > 0) ids.add(rest.slice(0, colon));
		}
	} catch {
		/* blocked storage holds no drafts */
	}
	return [...ids];
}
