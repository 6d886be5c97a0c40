/**
 * Follows one assessment live in IndexedDB (so edits in another tab show up) for the pages about
 * one assessment (results, export). The pages' own states extend it (through `ReportLoader`) and
 * have their report model computed in the report-model worker, which this starts in parallel with
 * the first read, so that the question bank loads there meanwhile; the page never loads the bank.
 *
 * The first read is the light one (`$lib/db/light`: plain IndexedDB, no Dexie); Dexie and its
 * live query load when the page needs them (its first write, or a change stored elsewhere), or at
 * once when the light reader cannot read the database (not there yet, or to be migrated).
 */
import type { Subscription } from 'dexie';
import { loadDb, readAssessment, whenDbNeeded, type LightAssessment } from '$lib/db/light';
import { localIsoDate } from '$lib/domain/dates';
import type { Assessment } from '$lib/domain/types';
import { modelClient } from '$lib/report/model-client';

export type LoadStatus = 'loading' | 'ready' | 'missing' | 'error';

/** The message of an error, or the thrown value as text. */
export function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

export class AssessmentLoader {
	status = $state<LoadStatus>('loading');
	error = $state<string | null>(null);
	assessment = $state.raw<Assessment | null>(null);
	/** Why the assessment's custom questions could not be used (empty when they are fine). */
	customProblems = $state.raw<string[]>([]);
	/** Reads of the assessment so far: a slower earlier read never overwrites a later one. */
	#reads = 0;

	readonly today: string;
	private sub: Subscription | null = null;
	private destroyed = false;
	/** Following the assessment through Dexie's live query (or loading Dexie to). */
	#following = false;
	/** Dexie was needed before the first read was shown. */
	#needed = false;
	#shown = false;
	#stopWaiting: (() => void) | null = null;

	constructor(
		readonly id: string,
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- one read of the clock, not state
		today = localIsoDate(new Date())
	) {
		this.today = today;
	}

	async start(): Promise<void> {
		// Listen before the first read, so that a change stored after it is never missed.
		this.#stopWaiting = whenDbNeeded(() => {
			this.#stopWaiting = null;
			if (this.#shown) this.#follow();
			else this.#needed = true;
		});
		this.startWorker();
		let light: LightAssessment | null;
		try {
			light = await readAssessment(this.id);
		} catch (e) {
			this.fail(`This assessment could not be read from this device (${errorText(e)}).`);
			return;
		}
		if (this.destroyed) return;
		if (!light) {
			this.#follow();
			return;
		}
		this.#show(light.assessment, ++this.#reads);
		this.#shown = true;
		if (this.#needed) this.#follow();
	}

	/** Follow the assessment live through Dexie (loaded now if it is not yet). */
	#follow(): void {
		if (this.#following || this.destroyed) return;
		this.#following = true;
		loadDb().then(
			({ liveQuery, getAssessment }) => {
				if (this.destroyed) return;
				this.sub = liveQuery(() => getAssessment(this.id)).subscribe({
					next: (a) => this.#show(a, ++this.#reads),
					error: (e) =>
						this.fail(`This assessment could not be read from this device (${errorText(e)}).`)
				});
			},
			(e: unknown) => {
				this.#following = false;
				// Shown already: the page stays as read; a write reports that storage cannot load.
				if (!this.#shown)
					this.fail(`This assessment could not be read from this device (${errorText(e)}).`);
			}
		);
	}

	#show(a: Assessment | undefined, read: number): void {
		if (read !== this.#reads || this.destroyed) return;
		this.assessment = a ?? null;
		if (a) this.received(a);
		this.status = a ? 'ready' : 'missing';
	}

	/**
	 * The worker starts and loads the bank while the assessment is read; a bank that cannot load
	 * fails the report's own request, which says so on the page.
	 */
	protected startWorker(): void {
		modelClient()
			.warm()
			.catch(() => {});
	}

	/** Called with every version of the assessment read from the database, before `status` is set. */
	protected received(_a: Assessment): void {}

	destroy(): void {
		this.destroyed = true;
		this.#stopWaiting?.();
		this.sub?.unsubscribe();
		this.sub = null;
	}

	protected fail(text: string): void {
		this.error = text;
		this.status = 'error';
	}
}
