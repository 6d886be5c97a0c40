/**
 * An assessment page whose report model is computed in the report-model worker
 * (src/lib/report/model-client.ts): whenever the assessment the page shows changes (a read, an
 * edit elsewhere, a tick on this page), a request goes to the worker, and the newest one's answer
 * becomes `model` (a report computed before for exactly the same inputs is taken from this
 * device's report cache without asking the worker: src/lib/report/model-cache.ts) (with the what-if model and the Type II request list when the page asks for
 * them). Until the first answer `model` is null and the page shows that it is computing; a failure
 * (the bank cannot load, the engine throws) is `modelError`, shown as the page's error.
 */
import { untrack } from 'svelte';
import type { Assessment, EvidenceRequestList, ReportModel } from '$lib/domain/types';
import { readAssessmentList } from '$lib/db/light';
import { currentDbName } from '$lib/db/rows';
import { localIsoDate } from '$lib/domain/dates';
import { cacheDbName, pruneReports } from '$lib/db/report-cache';
import { ReportCache, slotFor, type KnownKeys } from '$lib/report/model-cache';
import { ModelFeed, modelClient } from '$lib/report/model-client';
import type { ReportJob, ReportResult } from '$lib/report/model-protocol';
import { AssessmentLoader } from './assessment-loader.svelte';

/** Starts the worker and loads the bank in it (once per page). */
function warm(): void {
	modelClient()
		.warm()
		.catch(() => {});
}

/**
 * As the page's module is evaluated (before the page mounts and reads its assessment): the report
 * cache's keys are read, and the worker starts, loads the bank and computes the report of the
 * assessment in the address from the database (`ModelClient.prepare`). It starts whether or not
 * the cache holds a report of the assessment: a stored report is usually of the assessment as it was
 * before the user's last answers (a miss, known only once the assessment is read and its digest
 * computed), and a worker started then had its start, its script and the bank on the path of the
 * report (issue 19, sixth pass). On a hit its start runs in its own thread meanwhile, and the
 * what-if ticks and the comparison need it anyway.
 */
const early = ((): { id: string; known: Promise<KnownKeys> } | null => {
	if (typeof window === 'undefined' || typeof Worker === 'undefined') return null;
	const id = new URLSearchParams(location.search).get('id');
	if (!id) {
		warm();
		return null;
	}
	// The worker also reads the assessment and computes its report now, with the options the page
	// will ask for first (the export page: no what-if model), unless the report cache holds exactly
	// that report; the page's request gets it only if it asks for exactly the same inputs
	// (model-handler.ts).
	const whatIf = !/\/export\/?$/.test(location.pathname);
	const cache = new ReportCache();
	const identity = cache.keyIdentity;
	modelClient()
		.prepare({
			id,
			db: currentDbName(),
			today: localIsoDate(new Date()),
			whatIf,
			examination: 'type1',
			cache: identity ? { identity, db: cacheDbName(), slot: slotFor(id, whatIf, 'type1') } : null
		})
		.catch(() => {});
	return cache.enabled ? { id, known: cache.prefetch() } : null;
})();

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
	/** The worker's answers, or a report computed before for exactly the same inputs. */
	#cache = new ReportCache();
	#feed = new ModelFeed<ReportJob>(modelClient(), this.#cache);
	#pruned = false;
	/** The report cache's keys, read ahead (at the module's evaluation for the first page). */
	#prefetched = this.#cache.prefetch(early?.id === this.id ? early.known : undefined);

	/** The worker starts with the page (see `early`), cache or not. */
	protected override startWorker(): void {
		void this.#prefetched;
		warm();
	}
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
				this.#prune();
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

	/**
	 * Once per page, when the browser is idle after the report is shown: the report cache forgets
	 * the assessments that are no longer stored on this device (deleted here or in another tab).
	 */
	#prune(): void {
		if (this.#pruned || !this.#cache.enabled) return;
		this.#pruned = true;
		const idle =
			globalThis.requestIdleCallback ??
			((cb: () => void) => setTimeout(cb, 500) as unknown as number);
		idle(
			() => {
				void readAssessmentList()
					.then((list) => (list ? pruneReports(list.map((x) => x.id)) : undefined))
					.catch(() => {});
			},
			{ timeout: 5000 }
		);
	}

	override destroy(): void {
		this.#stop?.();
		this.#stop = null;
		super.destroy();
	}
}
