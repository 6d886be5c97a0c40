/**
 * The assessment list as reactive state. The first read is the light one (`$lib/db/light`: plain
 * IndexedDB, no Dexie; a device without the database reads as an empty list and nothing is
 * created). Dexie loads when the page needs it (its first interaction or write, or a change
 * stored elsewhere: another tab, an import), or at once when the light reader cannot read the
 * database (to be migrated); from then on a Dexie liveQuery keeps `items` in step with IndexedDB
 * (this tab's writes and other tabs' writes alike). Search and sort are derived in memory, so
 * typing in the search box never touches the database and stays instant with hundreds of rows.
 * The page renders the first `LIST_PAGE_SIZE` matches and offers the rest on request ("Show
 * more"), so a consultant with hundreds of clients gets a list that opens and filters at once.
 *
 * Create it during component initialisation (it uses `$effect` to subscribe and unsubscribe).
 */
import type { Subscription } from 'dexie';
import {
	getSetting,
	loadDb,
	readAssessmentList,
	readSetting,
	setSetting,
	storageErrorMessage,
	whenDbNeeded
} from '$lib/db/light';
import type { AssessmentSummary } from '$lib/db';
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

	constructor() {
		$effect(() => {
			let cancelled = false;
			let sub: Subscription | null = null;
			/** Following the list through Dexie's live query (or loading Dexie to). */
			let following = false;
			/** The live query has delivered: a light read still on its way is out of date. */
			let live = false;
			const failed = (e: unknown) => {
				if (cancelled) return;
				this.loading = false;
				this.error = storageErrorMessage(e, 'Your assessments', 'read');
			};
			const follow = (readSort: boolean) => {
				if (following || cancelled) return;
				following = true;
				loadDb().then(
					({ liveQuery, listAssessments, getSetting }) => {
						if (cancelled) return;
						if (readSort) this.#applySort(getSetting(SORT_SETTING));
						sub = liveQuery(() => listAssessments()).subscribe({
							next: (rows) => {
								live = true;
								// The same list as the light read: keep it (no card is rendered again).
								if (this.loading || !sameList(this.items, rows)) this.items = rows;
								this.loading = false;
								this.error = null;
							},
							error: failed
						});
					},
					(e: unknown) => {
						following = false;
						// Shown already: the list stays as read; a write reports that storage cannot load.
						if (this.loading) failed(e);
					}
				);
			};
			// Listen before the first read, so that a change stored after it is never missed.
			let shown = false;
			let needed = false;
			const stopWaiting = whenDbNeeded(() => (shown ? follow(false) : (needed = true)));
			void Promise.all([readAssessmentList(), readSetting(SORT_SETTING)]).then(([rows, sort]) => {
				if (cancelled || live) return;
				// The light reader cannot read this database (e.g. to be migrated): Dexie reads it.
				if (!rows) return follow(true);
				// With the list, in the same update: the list never shows in the wrong order first.
				if (sort) this.#storedSort(sort.value);
				// Not read light although the list was (a failed read): as the other pages do.
				else if (rows.length) this.#applySort(getSetting(SORT_SETTING));
				// (An empty list and no setting read: there is no database yet, nothing to apply.)
				this.items = rows;
				this.loading = false;
				shown = true;
				if (needed) follow(false);
			});
			return () => {
				cancelled = true;
				stopWaiting();
				sub?.unsubscribe();
			};
		});
	}

	/** The remembered sort order, once read (one that cannot be read leaves the default). */
	#applySort(stored: Promise<unknown>): void {
		stored.then(
			(s) => this.#storedSort(s),
			() => undefined
		);
	}

	#storedSort(s: unknown): void {
		if (s === 'name' || s === 'modified') this.sort = s;
	}

	/** Change the sort order and remember it (a failure to remember is harmless). */
	setSort(sort: SortKey): void {
		this.sort = sort;
		setSetting(SORT_SETTING, sort).catch(() => undefined);
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

/** Whether two lists hold the same summaries in the same order. */
function sameList(a: readonly AssessmentSummary[], b: readonly AssessmentSummary[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		const x = a[i]!;
		const y = b[i]!;
		for (const k of Object.keys(y) as (keyof AssessmentSummary)[]) if (x[k] !== y[k]) return false;
	}
	return true;
}
