/**
 * The assessment list as reactive state: a Dexie liveQuery keeps `items` in step with IndexedDB
 * (this tab's writes and other tabs' writes alike); search and sort are derived in memory, so
 * typing in the search box never touches the database and stays instant with hundreds of rows.
 * The page renders the first `LIST_PAGE_SIZE` matches and offers the rest on request ("Show
 * more"), so a consultant with hundreds of clients gets a list that opens and filters at once.
 *
 * Create it during component initialisation (it uses `$effect` to subscribe and unsubscribe).
 */
import { liveQuery } from 'dexie';
import {
	db as appDb,
	getSetting,
	listAssessments,
	setSetting,
	storageErrorMessage,
	type AssessmentSummary,
	type ReadinessDB
} from '$lib/db';

import { groupByOrganisation } from '$lib/components/compare/peers';
import { filterAndSort, needsBackup, type SortKey } from './assessment-list';

export { backupStatus, filterAndSort, needsBackup, BACKUP_MAX_AGE_DAYS } from './assessment-list';
export type { BackupStatus, SortKey } from './assessment-list';

export const SORT_SETTING = 'list.sort';
/** Cards rendered at first, and added by each "Show more". */
export const LIST_PAGE_SIZE = 50;

export class AssessmentListState {
	/** Every assessment, as stored (most recently modified first). */
	items = $state.raw<AssessmentSummary[]>([]);
	/** True until the first result arrives. */
	loading = $state(true);
	/** A message when the database cannot be read (private mode, blocked storage…). */
	error = $state<string | null>(null);
	query = $state('');
	sort = $state<SortKey>('modified');

	/**
	 * The assessments that match the search (all of them without one), in display order: the
	 * assessments of one organisation together, newest first, where the first of them would be.
	 */
	visible = $derived(groupByOrganisation(filterAndSort(this.items, this.query, this.sort)).flat());
	/** How many of `visible` the page renders. */
	limit = $state(LIST_PAGE_SIZE);
	/** What the page renders: the first `limit` of `visible`. */
	shown = $derived(
		this.visible.length > this.limit ? this.visible.slice(0, this.limit) : this.visible
	);
	/** Matching assessments not rendered yet. */
	more = $derived(this.visible.length - this.shown.length);
	/**
	 * Assessments with answers whose only copy is here, or whose backup is old and out of date
	 * (the page-level reminder; each row shows its own status too).
	 */
	backupDue = $derived(this.items.filter((s) => s.answered > 0 && needsBackup(s)));

	readonly #db: () => ReadinessDB;

	constructor(database: () => ReadinessDB = appDb) {
		this.#db = database;
		$effect(() => {
			const sub = liveQuery(() => listAssessments(this.#db())).subscribe({
				next: (rows) => {
					this.items = rows;
					this.loading = false;
					this.error = null;
				},
				error: (e: unknown) => {
					this.loading = false;
					this.error = storageErrorMessage(e, 'Your assessments', 'read');
				}
			});
			return () => sub.unsubscribe();
		});
		$effect(() => {
			getSetting<SortKey>(SORT_SETTING, this.#db()).then(
				(s) => {
					if (s === 'name' || s === 'modified') this.sort = s;
				},
				() => undefined
			);
		});
	}

	/** Change the sort order and remember it (a failure to remember is harmless). */
	setSort(sort: SortKey): void {
		this.sort = sort;
		setSetting(SORT_SETTING, sort, this.#db()).catch(() => undefined);
	}

	/** Render the next page of matches (or all of them). */
	showMore(all = false): void {
		this.limit = all ? Number.POSITIVE_INFINITY : this.shown.length + LIST_PAGE_SIZE;
	}

	/** Make sure the card of `id` is rendered (after an import or a duplicate, say). */
	reveal(id: string): void {
		const i = this.visible.findIndex((s) => s.id === id);
		if (i >= this.limit) this.limit = i + 1;
	}

	find(id: string): AssessmentSummary | undefined {
		return this.items.find((s) => s.id === id);
	}
}
