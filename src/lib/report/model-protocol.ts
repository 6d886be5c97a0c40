/**
 * Messages between the results and export pages and the report-model worker
 * (src/lib/report/model.worker.ts). Plain structured-clone data: the assessment and "today" go in,
 * the models come back. Every request carries a sequence number, echoed in its answer.
 */
import type { Assessment, EvidenceRequestList, ReportModel } from '$lib/domain/types';

/** What the results and export pages show of one assessment. */
export interface ReportJob {
	kind: 'report';
	assessment: Assessment;
	/** ISO date the report is computed for. */
	today: string;
	/** Also compute the what-if model for the plan actions marked done (results page). */
	whatIf: boolean;
	/**
	 * Which examination the evidence request list prepares for when a Type I comes first and a
	 * Type II follows; 'type2' adds that list (the model's own list is the Type I's).
	 */
	examination: 'type1' | 'type2';
}

/** Another assessment of the organisation, as of its own date (the comparison's other side). */
export interface PeerJob {
	kind: 'peer';
	assessment: Assessment;
	/** ISO date it is scored as of (its assessment date unless given). */
	asOf?: string;
}

/** Load the question bank now (sent when a page starts reading its assessment). */
export interface WarmJob {
	kind: 'warm';
}

/**
 * Sent as the page's module is evaluated, before the page has read its assessment: the worker
 * loads the bank, reads the assessment `id` from the app's database `db` itself and computes its
 * report with these options, and holds it. The page's own request (`ReportJob`) then gets that
 * report only when its assessment and options are exactly those the worker read and used
 * (`jobText`); otherwise the worker computes again. Answered with null at once.
 */
export interface PrepareJob {
	kind: 'prepare';
	id: string;
	db: string;
	today: string;
	whatIf: boolean;
	examination: 'type1' | 'type2';
	/**
	 * The page's report cache (model-cache.ts): when it already holds the report of exactly this
	 * assessment (the same digest, `reportKey`), the page shows that one and the worker computes
	 * nothing (null: no cache).
	 */
	cache?: { identity: CacheIdentity; db: string; slot: string } | null;
}

/** The bank and the code a report is computed with (model-cache.ts). */
export interface CacheIdentity {
	/** The bank the worker loads (a content-hashed URL). */
	bank: string;
	/** The build of the code that computes the report. */
	build: string;
}

export type ModelJob = ReportJob | PeerJob | WarmJob | PrepareJob;

export interface ReportResult {
	model: ReportModel;
	/** The model as if the actions marked done were finished (null: none marked, or not asked). */
	whatIf: ReportModel | null;
	/** The Type II list when asked for and planned; otherwise the model's own list applies. */
	requests: EvidenceRequestList | null;
	/** Why the assessment's custom questions could not be used (empty when they are fine). */
	customProblems: string[];
}

export interface PeerResult {
	model: ReportModel;
}

/**
 * JSON that keeps apart what plain JSON would merge: `undefined` (dropped from objects, null in
 * arrays) and the numbers JSON has no text for (NaN, ±Infinity become null).
 */
export function exactJson(_key: string, v: unknown): unknown {
	if (v === undefined) return { '\u0000undefined': 1 };
	if (typeof v === 'number' && !Number.isFinite(v)) return { '\u0000number': String(v) };
	return v;
}

/** Every input of a report job as text: two jobs with the same text compute the same report. */
export function jobText(job: Omit<ReportJob, 'kind'>): string {
	return JSON.stringify([job.today, job.whatIf, job.examination, job.assessment], exactJson);
}

/** Bumped when what the report cache stores changes shape. */
const CACHE_FORMAT = 1;

function hex(buf: ArrayBuffer): string {
	return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The report cache's key of a job: the SHA-256 of every input of its computation, the bank and
 * the build included (model-cache.ts); null without Web Crypto. The page and the worker compute it
 * alike.
 */
export async function reportKey(
	identity: CacheIdentity,
	job: Omit<ReportJob, 'kind'>
): Promise<string | null> {
	if (typeof crypto === 'undefined' || !crypto.subtle) return null;
	try {
		const text = JSON.stringify(
			[CACHE_FORMAT, identity, job.today, job.whatIf, job.examination, job.assessment],
			exactJson
		);
		return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
	} catch {
		return null;
	}
}

export type ResultOf<J extends ModelJob> = J extends ReportJob
	? ReportResult
	: J extends PeerJob
		? PeerResult
		: null;

/**
 * Where the worker keeps a report it computed (`src/lib/db/report-cache.ts`), once its answer is
 * posted: the cache database, the slot and the key the page computed for the job
 * (`src/lib/report/model-cache.ts`).
 */
export interface StoreAt {
	db: string;
	slot: string;
	id: string;
	key: string;
}

/**
 * A job as sent: its sequence number, and the URL of the app's bank file (null in development and
 * tests, where the bank is a module), which the worker's own bundle does not know; for a report,
 * where to keep it (absent: not kept).
 */
export type ModelRequest = ModelJob & {
	seq: number;
	bankUrl?: string | null;
	store?: StoreAt | null;
};

export type ModelResponse =
	| { seq: number; ok: true; result: ReportResult | PeerResult | null }
	| { seq: number; ok: false; message: string };
