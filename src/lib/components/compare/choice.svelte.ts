/**
 * The export page's choice of an earlier assessment to report progress against (issue 20): the
 * earlier assessments of the organisation, newest first; the most recent one by default, or none.
 * The bank, the engine and the other assessment load only once the page has its assessment.
 */
import type { AssessmentSummary } from '$lib/db';
import type { Comparison } from '$lib/domain/engine/compare';
import type { Assessment, ReportModel } from '$lib/domain/types';

type Loader = typeof import('./load');

export class ComparisonChoice {
	/** The earlier assessments of the organisation, newest first. */
	earlier = $state.raw<AssessmentSummary[]>([]);
	/** The chosen one ('' for none). */
	chosenId = $state('');
	/** Its report model (null while loading or when none is chosen). */
	other = $state.raw<ReportModel | null>(null);
	error = $state<string | null>(null);
	#loader: Loader | null = null;
	#for = '';
	#reads = 0;
	/** The latest listing or choice still running (it never rejects: errors land in `error`). */
	#busy: Promise<void> = Promise.resolve();

	/** Lists the earlier assessments of `a`'s organisation once per assessment. */
	follow(a: Assessment): Promise<void> {
		return (this.#busy = this.#follow(a));
	}

	async #follow(a: Assessment): Promise<void> {
		const key = `${a.id}|${a.meta.organisation}|${a.meta.assessmentDate}`;
		if (key === this.#for) return;
		this.#for = key;
		try {
			this.#loader ??= await import('./load');
			const { isEarlier } = await import('./peers');
			const current = {
				id: a.id,
				organisation: a.meta.organisation,
				assessmentDate: a.meta.assessmentDate,
				createdAt: a.createdAt
			};
			const predecessor = a.reassessmentOf?.id;
			const { peers } = await this.#loader.peersOfAssessment(current, predecessor);
			if (key !== this.#for) return;
			this.earlier = peers.filter((p) => isEarlier(p, current));
			// A re-assessment reports progress since the assessment it re-assesses (issue 20).
			const first = this.earlier.find((p) => p.id === predecessor) ?? this.earlier[0];
			if (!this.earlier.some((p) => p.id === this.chosenId)) await this.#choose(first?.id ?? '');
		} catch (e) {
			this.error = `The earlier assessments could not be read (${e instanceof Error ? e.message : String(e)}).`;
		}
	}

	choose(id: string): Promise<void> {
		return (this.#busy = this.#choose(id));
	}

	async #choose(id: string): Promise<void> {
		this.chosenId = id;
		this.other = null;
		this.error = null;
		const read = ++this.#reads;
		if (!id) return;
		try {
			this.#loader ??= await import('./load');
			const m = await this.#loader.modelOf(id);
			if (read !== this.#reads) return;
			if (!m) this.error = 'That assessment is no longer on this device.';
			this.other = m;
		} catch (e) {
			if (read === this.#reads)
				this.error = `That assessment could not be read (${e instanceof Error ? e.message : String(e)}).`;
		}
	}

	/**
	 * The comparison of `model` with the chosen assessment once every listing and choice begun so
	 * far has finished: a download clicked while the chosen assessment is still being read waits
	 * for it, so the file always matches what the page shows as chosen.
	 */
	async settledComparison(model: ReportModel | null): Promise<Comparison | null> {
		let busy: Promise<void>;
		do {
			busy = this.#busy;
			await busy;
		} while (busy !== this.#busy);
		return this.comparisonFor(model);
	}

	/** The comparison of `model` with the chosen assessment, or null. */
	comparisonFor(model: ReportModel | null): Comparison | null {
		if (!model || !this.other || !this.#loader) return null;
		return this.#loader.compareModels(this.other, model);
	}
}
