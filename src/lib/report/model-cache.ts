/**
 * The computed report of an assessment, kept on this device (`src/lib/db/report-cache.ts`) so
 * that a later visit of the results or export page shows it without waiting for the report-model
 * worker to start, load the bank and compute (issue 19).
 *
 * Stale by construction impossible: an entry is found only under the digest (SHA-256) of every
 * input of the computation —
 * - the job as it is sent to the worker: the whole assessment (every answer, note, override,
 *   mark and custom question; so another tab's edit, an import, a sync or a tick is another key),
 *   "today" (the report is computed for a day: its windows, plan dates and advice move with it)
 *   and what else the page asks for (the what-if model, the Type II list);
 * - the question bank: the URL of the built bank file, whose name carries a hash of its content
 *   (a name without such a hash turns the cache off);
 * - the code that computes: the app build's version (SvelteKit's `version`, new for every build).
 * The engine reads nothing else (no clock, no randomness: it is pure, `src/lib/domain/`).
 * Outside a build (development, tests) there is no bank file and the cache is off unless a test
 * gives both identities.
 */
import { version as appVersion } from '$app/environment';
import bankFileUrl from 'virtual:soc2-bank-url';
import { cacheDbName, readKeys, readReport, writeReport } from '$lib/db/report-cache';
import { reportKey, type CacheIdentity, type ReportJob, type ReportResult } from './model-protocol';

/** A built bank file's name: `soc2-bank.<hash>.json` (the hash identifies its content). */
const HASHED_BANK = /\.[A-Za-z0-9_-]{6,}\.json(?:$|[?#])/;

export type { CacheIdentity };

/** The identity of this build's bank and code, or null when the cache must stay off. */
export function builtIdentity(
	bank: string | null | undefined = bankFileUrl,
	build: string | null | undefined = appVersion
): CacheIdentity | null {
	if (!bank || !HASHED_BANK.test(bank) || !build) return null;
	return { bank, build };
}

/** The slot of a job: one per assessment and kind of report (results, export, Type II list). */
export function slotOf(job: ReportJob): string {
	return slotFor(job.assessment.id, job.whatIf, job.examination);
}

/** The slot of assessment `id`'s report with these options. */
export function slotFor(
	id: string,
	whatIf: boolean,
	examination: ReportJob['examination']
): string {
	return `${id}|${whatIf ? 'whatif' : 'plain'}|${examination}`;
}

/** The stored keys by slot, as read once ahead of the first lookup (`ReportCache.prefetch`). */
export type KnownKeys = Map<string, { key: string; id: string }> | null;

/** Whether `known` holds a report of assessment `id` (of any kind). */
export function hasReportOf(known: KnownKeys, id: string): boolean {
	return !!known && [...known.values()].some((k) => k.id === id);
}

export class ReportCache {
	#known: Promise<KnownKeys> | null = null;

	constructor(private readonly identity: CacheIdentity | null = builtIdentity()) {}

	/**
	 * Reads the stored keys now (in parallel with the assessment's own read), so that the first
	 * lookup knows at once whether there is an entry; `known`: keys already being read.
	 */
	prefetch(known?: Promise<KnownKeys>): Promise<KnownKeys> {
		if (!this.enabled) return Promise.resolve(null);
		this.#known ??= known ?? readKeys().catch(() => null);
		return this.#known;
	}

	get enabled(): boolean {
		return this.identity !== null && typeof crypto !== 'undefined' && !!crypto.subtle;
	}

	/** The digest of every input of `job`'s computation; null when the cache is off. */
	async keyOf(job: ReportJob): Promise<string | null> {
		if (!this.enabled || !this.identity) return null;
		return reportKey(this.identity, job);
	}

	/** The identity keys are made with (null: the cache is off). */
	get keyIdentity(): CacheIdentity | null {
		return this.enabled ? this.identity : null;
	}

	/** The result stored for exactly this job (null: none, or it cannot be read). */
	async read(job: ReportJob): Promise<{ key: string; result: ReportResult | null } | null> {
		const key = await this.keyOf(job);
		if (!key) return null;
		// The keys read ahead serve the first lookup only (entries are written after it).
		const known = this.#known ? await this.#known : null;
		this.#known = null;
		const result = await readReport<ReportResult>(slotOf(job), key, cacheDbName(), known);
		// The digest covers the day; the model's own date is checked as well.
		return { key, result: isResult(result) && result.model.asOf === job.today ? result : null };
	}

	/** Stores the worker's result for the job of `key` (false: not stored). */
	write(job: ReportJob, key: string, result: ReportResult): Promise<boolean> {
		return writeReport(slotOf(job), job.assessment.id, key, result).catch(() => false);
	}
}

/** A stored value that has the shape of a result (a damaged entry reads as none). */
function isResult(x: unknown): x is ReportResult {
	if (!x || typeof x !== 'object') return false;
	const r = x as Partial<ReportResult>;
	return (
		!!r.model &&
		typeof r.model === 'object' &&
		Array.isArray(r.model.plan) &&
		Array.isArray(r.customProblems) &&
		'whatIf' in r &&
		'requests' in r
	);
}
