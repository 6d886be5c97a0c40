/**
 * Loads the question bank and follows one assessment live in IndexedDB (so edits in another tab
 * show up) for the pages about one assessment (results, export). The pages' own states extend it
 * and compute their report model from `bank` and `assessment`.
 *
 * The first read is the light one (`$lib/db/light`: plain IndexedDB, no Dexie); Dexie and its
 * live query load when the page needs them (its first write, or a change stored elsewhere), or at
 * once when the light reader cannot read the database (not there yet, or to be migrated).
 */
import type { Subscription } from 'dexie';
import { loadDb, readAssessment, whenDbNeeded, type LightAssessment } from '$lib/db/light';
import { loadBank } from '$lib/bank';
import { localIsoDate } from '$lib/domain/dates';
import type { Assessment, Bank } from '$lib/domain/types';

export type LoadStatus = 'loading' | 'ready' | 'missing' | 'error';

/** The message of an error, or the thrown value as text. */
export function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

export class AssessmentLoader {
	status = $state<LoadStatus>('loading');
	error = $state<string | null>(null);
	assessment = $state.raw<Assessment | null>(null);
	/**
	 * The bank the assessment is scored with: the built-in bank plus its custom questions (null
	 * until loaded). The compiler that checks custom questions loads only for an assessment that
	 * has some.
	 */
	bank = $state.raw<Bank | null>(null);
	/** Why the assessment's custom questions could not be used (empty when they are fine). */
	customProblems = $state.raw<string[]>([]);
	#baseBank: Bank | null = null;
	/** The custom questions the bank was extended with, as JSON ('' for none). */
	#customKey = '';
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
		let light: LightAssessment | null;
		try {
			[this.#baseBank, light] = await Promise.all([loadBank(), readAssessment(this.id)]);
			this.bank = this.#baseBank;
		} catch (e) {
			this.fail(
				`The question bank could not be loaded (${errorText(e)}). Reload the page to try again.`
			);
			return;
		}
		if (this.destroyed) return;
		if (!light) {
			this.#follow();
			return;
		}
		await this.#show(light.assessment, ++this.#reads);
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
					next: (a) => void this.#show(a, ++this.#reads),
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

	async #show(a: Assessment | undefined, read: number): Promise<void> {
		const base = this.#baseBank!;
		const list = a?.customQuestions ?? [];
		const key = list.length ? JSON.stringify(list) : '';
		let extended: { bank: Bank; problems: string[] } | null = null;
		if (key !== this.#customKey) {
			extended = { bank: base, problems: [] };
			if (key) {
				const { bankForAssessment } = await import('$lib/domain/bank/compile');
				extended = bankForAssessment(base, list);
			}
		}
		if (read !== this.#reads || this.destroyed) return;
		if (extended) {
			this.#customKey = key;
			this.bank = extended.bank;
			this.customProblems = extended.problems;
		}
		this.assessment = a ?? null;
		if (a) this.received(a);
		this.status = a ? 'ready' : 'missing';
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
