/**
 * Loads the question bank and follows one assessment live in IndexedDB (so edits in another tab
 * show up) for the pages about one assessment (results, export). The pages' own states extend it
 * and compute their report model from `bank` and `assessment`.
 */
import { liveQuery, type Subscription } from 'dexie';
import { getAssessment } from '$lib/db';
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

	constructor(
		readonly id: string,
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- one read of the clock, not state
		today = localIsoDate(new Date())
	) {
		this.today = today;
	}

	async start(): Promise<void> {
		try {
			this.#baseBank = await loadBank();
			this.bank = this.#baseBank;
		} catch (e) {
			this.fail(
				`The question bank could not be loaded (${errorText(e)}). Reload the page to try again.`
			);
			return;
		}
		if (this.destroyed) return;
		this.sub = liveQuery(() => getAssessment(this.id)).subscribe({
			next: (a) => void this.#show(a, ++this.#reads),
			error: (e) =>
				this.fail(`This assessment could not be read from this device (${errorText(e)}).`)
		});
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
		this.sub?.unsubscribe();
		this.sub = null;
	}

	protected fail(text: string): void {
		this.error = text;
		this.status = 'error';
	}
}
