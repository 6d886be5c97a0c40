/**
 * An assessment page whose report model is computed in the report-model worker
 * (src/lib/report/model-client.ts): whenever the assessment the page shows changes (a read, an
 * edit elsewhere, a tick on this page), a request goes to the worker, and the newest one's answer
 * becomes `model` (with the what-if model and the Type II request list when the page asks for
 * them). Until the first answer `model` is null and the page shows that it is computing; a failure
 * (the bank cannot load, the engine throws) is `modelError`, shown as the page's error.
 */
import { untrack } from 'svelte';
import type { Assessment, EvidenceRequestList, ReportModel } from '$lib/domain/types';
import { ModelFeed } from '$lib/report/model-client';
import type { ReportJob, ReportResult } from '$lib/report/model-protocol';
import { AssessmentLoader } from './assessment-loader.svelte';

export class ReportLoader extends AssessmentLoader {
	/** The report model of `source()` (null until the worker's first answer). */
	model = $state.raw<ReportModel | null>(null);
	/** The model as if the plan actions marked done were finished (null when none is marked). */
	whatIfModel = $state.raw<ReportModel | null>(null);
	/** The Type II request list when the page asked for it (see `options`). */
	type2Requests = $state.raw<EvidenceRequestList | null>(null);
	/** Why the report could not be computed (null when it was). */
	modelError = $state<string | null>(null);
	/** A newer request than the model shown is still being computed. */
	computing = $state(false);
	#feed = new ModelFeed<ReportJob>();
	#stop: (() => void) | null = null;

	/** The assessment the report is computed from (the results page adds its pending marks). */
	protected source(): Assessment | null {
		return this.assessment;
	}

	/** What else the page needs computed with the model. */
	protected options(): Pick<ReportJob, 'whatIf' | 'examination'> {
		return { whatIf: false, examination: 'type1' };
	}

	override async start(): Promise<void> {
		this.#stop ??= $effect.root(() => {
			$effect(() => {
				const a = this.source();
				const options = this.options();
				if (a) untrack(() => void this.compute(a, options));
			});
		});
		await super.start();
	}

	/** Asks the worker for the report of `a` (the newest request wins). */
	protected compute(
		a: Assessment,
		options: Pick<ReportJob, 'whatIf' | 'examination'>
	): Promise<void> {
		this.computing = true;
		return this.#feed.ask(
			{ kind: 'report', assessment: a, today: this.today, ...options },
			(r: ReportResult) => {
				this.model = r.model;
				this.whatIfModel = r.whatIf;
				this.type2Requests = r.requests;
				this.customProblems = r.customProblems;
				this.modelError = null;
				this.computing = this.#feed.waiting;
			},
			(e) => {
				const m = e.message;
				this.modelError = /question bank/i.test(m)
					? /reload/i.test(m)
						? m
						: `${m.replace(/\.?$/, '.')} Reload the page to try again.`
					: `The report could not be computed from this assessment (${m}). Open it in the interview to check its answers, or reload the page.`;
				this.computing = this.#feed.waiting;
			}
		);
	}

	override destroy(): void {
		this.#stop?.();
		this.#stop = null;
		super.destroy();
	}
}
