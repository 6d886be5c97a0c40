/**
 * Pure helpers of the assessment list (no Svelte, no database): backup status, search and sort.
 * Kept apart from the rune class so that they are unit-tested in Node.
 */
import type { AssessmentSummary } from '$lib/db';

export type SortKey = 'modified' | 'name';

/** Days after which an export counts as old. */
export const BACKUP_MAX_AGE_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

export type BackupStatus =
	| { kind: 'never' }
	| { kind: 'stale'; days: number }
	| { kind: 'changed'; days: number }
	| { kind: 'current'; days: number };

/**
 * - `never`: never exported (the only copy is in this browser);
 * - `stale`: the last export is older than 30 days and the assessment changed since;
 * - `changed`: exported within 30 days, changed since;
 * - `current`: the last export has everything.
 */
export function backupStatus(s: AssessmentSummary, now = Date.now()): BackupStatus {
	if (!s.lastExportedAt) return { kind: 'never' };
	const exported = Date.parse(s.lastExportedAt);
	const days = Math.max(0, Math.floor((now - exported) / DAY));
	if (Date.parse(s.updatedAt) <= exported) return { kind: 'current', days };
	return days > BACKUP_MAX_AGE_DAYS ? { kind: 'stale', days } : { kind: 'changed', days };
}

/** True when the list should remind the user to export this assessment. */
export function needsBackup(s: AssessmentSummary, now = Date.now()): boolean {
	const b = backupStatus(s, now);
	return b.kind === 'never' || b.kind === 'stale';
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Filter by organisation (case- and accent-insensitive substring) and sort. Pure. */
export function filterAndSort(
	items: readonly AssessmentSummary[],
	query: string,
	sort: SortKey
): AssessmentSummary[] {
	const q = fold(query.trim());
	const out = q ? items.filter((s) => fold(s.organisation).includes(q)) : [...items];
	if (sort === 'name') {
		out.sort(
			(a, b) => collator.compare(a.organisation, b.organisation) || cmp(b.updatedAt, a.updatedAt)
		);
	} else {
		out.sort(
			(a, b) => cmp(b.updatedAt, a.updatedAt) || collator.compare(a.organisation, b.organisation)
		);
	}
	return out;
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

const foldCache = new Map<string, string>();
/** Lower case without accents ("Ελληνική" → "ελληνικη"), cached: search runs on every keystroke. */
function fold(s: string): string {
	let f = foldCache.get(s);
	if (f === undefined) {
		f = s
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLocaleLowerCase();
		if (foldCache.size > 5000) foldCache.clear();
		foldCache.set(s, f);
	}
	return f;
}
