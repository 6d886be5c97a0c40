/**
 * Readiness of each assessment of an organisation with two or more, for the trend shown on the
 * start page's groups ("42 % → 68 %"). Computed after the list is on screen, when the browser is
 * idle: the bank and the engine load then (never with the start page), one assessment at a time,
 * each scored as of its own date. A failure leaves the trend out; the list never waits for it.
 */
import type { AssessmentSummary } from '$lib/db';

const key = (s: AssessmentSummary) => `${s.id}@${s.updatedAt}`;

export class ListTrend {
	/** Overall readiness by `id@updatedAt` (null: could not be computed). */
	readiness = $state.raw<Record<string, number | null>>({});
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
	#queued = new Set<string>();
	#running = false;
	#todo: AssessmentSummary[] = [];
	#stopped = false;

	/** Stop (the page is gone): nothing more is read. */
	stop(): void {
		this.#stopped = true;
		this.#todo = [];
	}

	/** The readiness of `s`, or undefined while not computed yet. */
	of(s: AssessmentSummary): number | null | undefined {
		return this.readiness[key(s)];
	}

	/** Ask for the readiness of every member of the groups with two or more assessments. */
	request(groups: readonly (readonly AssessmentSummary[])[]): void {
		for (const g of groups) {
			if (g.length < 2) continue;
			for (const s of g) {
				const k = key(s);
				if (k in this.readiness || this.#queued.has(k)) continue;
				this.#queued.add(k);
				this.#todo.push(s);
			}
		}
		if (this.#todo.length && !this.#running && !this.#stopped) this.#schedule();
	}

	#schedule(): void {
		this.#running = true;
		const idle =
			globalThis.requestIdleCallback ??
			((cb: () => void) => setTimeout(cb, 50) as unknown as number);
		idle(() => void this.#run(), { timeout: 2000 });
	}

	async #run(): Promise<void> {
		let load: typeof import('$lib/components/compare/load');
		try {
			load = await import('$lib/components/compare/load');
		} catch {
			this.#running = false;
			return; // offline without the chunk: no trend, the list is unaffected
		}
		while (this.#todo.length && !this.#stopped) {
			const s = this.#todo.shift()!;
			let value: number | null = null;
			try {
				value = (await load.modelOf(s.id))?.score.overall ?? null;
			} catch {
				value = null;
			}
			this.#queued.delete(key(s));
			if (this.#stopped) break;
			this.readiness = { ...this.readiness, [key(s)]: value };
		}
		this.#running = false;
	}
}
