/**
 * The page side of the report-model worker (model.worker.ts): one worker per page, shared by the
 * results and export pages (it stays when the user goes from one to the other) and by the
 * comparison. It is started when a page starts reading its assessment, so the bank loads in
 * parallel with that read. Where there is no `Worker` (vitest's jsdom, Node) the same requests are
 * answered in this thread by the same handler, imported on demand.
 *
 * `ModelFeed`: the newest request wins. Each page sends a request whenever what it shows changes
 * (an edit, a tick); an answer to an older request that arrives after a newer one's is dropped,
 * and so is the failure of a request that a newer one has replaced.
 */
import bankFileUrl from 'virtual:soc2-bank-url';
import { cacheDbName } from '$lib/db/report-cache';
import { slotOf, type ReportCache } from './model-cache';
import type {
	ModelJob,
	ModelRequest,
	ModelResponse,
	PeerJob,
	PrepareJob,
	ReportJob,
	ResultOf,
	StoreAt
} from './model-protocol';

/** Sends one request and resolves with its answer (never rejects: failures are answers). */
export type Transport = (req: ModelRequest) => Promise<ModelResponse>;

const STOPPED = 'the report could not be computed: its background worker stopped';

/** The worker transport: one module worker, restarted after it failed. */
function workerTransport(): Transport {
	let worker: Worker | null = null;
	const waiting = new Map<number, (r: ModelResponse) => void>();
	function failAll(message: string): void {
		for (const [seq, done] of waiting) done({ seq, ok: false, message });
		waiting.clear();
		worker?.terminate();
		worker = null; // the next request starts a new worker
	}
	function get(): Worker {
		if (worker) return worker;
		const w = new Worker(new URL('./model.worker.ts', import.meta.url), {
			type: 'module',
			name: 'report-model'
		});
		w.onmessage = (e: MessageEvent<ModelResponse>) => {
			const done = waiting.get(e.data.seq);
			if (!done) return;
			waiting.delete(e.data.seq);
			done(e.data);
		};
		w.onerror = (e) => {
			e.preventDefault();
			failAll(
				`${STOPPED} (${e.message || 'it could not be loaded'}). Reload the page to try again.`
			);
		};
		w.onmessageerror = () => failAll(`${STOPPED} (an unreadable message).`);
		return (worker = w);
	}
	return (req) =>
		new Promise((resolve) => {
			waiting.set(req.seq, resolve);
			try {
				get().postMessage(req);
			} catch (e) {
				waiting.delete(req.seq);
				resolve({
					seq: req.seq,
					ok: false,
					message: `${STOPPED} (${e instanceof Error ? e.message : String(e)}).`
				});
			}
		});
}

/** In this thread: the handler, imported on the first request (tests, Node, no Worker). */
const inThread: Transport = (req) =>
	import('./model-handler').then(
		async (m) => {
			const res = await m.handleModelRequest(req);
			await m.storeResult(req, res);
			return res;
		},
		(e: unknown) => ({
			seq: req.seq,
			ok: false as const,
			message: `the report engine could not be loaded (${e instanceof Error ? e.message : String(e)})`
		})
	);

/**
 * The URL of the built app's bank file (null outside a build: the bank is a module there).
 * Imported statically (a few bytes) so that the first request does not wait for another chunk.
 */
async function builtBankUrl(): Promise<string | null> {
	return bankFileUrl ?? null;
}

export class ModelClient {
	#seq = 0;
	#warm: Promise<void> | null = null;

	constructor(
		private readonly transport: Transport,
		private readonly bankUrl: () => Promise<string | null> = builtBankUrl
	) {}

	/**
	 * Computes `job`; rejects with the worker's message when it fails. `store`: where the worker
	 * keeps the report once it answered (model-cache.ts).
	 */
	async ask<J extends ModelJob>(job: J, store?: StoreAt | null): Promise<ResultOf<J>> {
		const seq = ++this.#seq;
		const res = await this.transport({
			...job,
			seq,
			bankUrl: await this.bankUrl(),
			...(store ? { store } : {})
		} as ModelRequest);
		if (!res.ok) throw new Error(res.message);
		return res.result as ResultOf<J>;
	}

	/**
	 * Starts the worker, loads the bank in it and has it compute the report of assessment `job.id`
	 * from the database ahead of the page's own request (`PrepareJob`); counts as `warm`.
	 */
	prepare(job: Omit<PrepareJob, 'kind'>): Promise<void> {
		this.#warm ??= this.ask({ kind: 'prepare', ...job }).then(() => undefined);
		this.#warm.catch(() => (this.#warm = null));
		return this.#warm;
	}

	/** Starts the worker and loads the bank in it (once; again after a failure). */
	warm(): Promise<void> {
		this.#warm ??= this.ask({ kind: 'warm' }).then(() => undefined);
		this.#warm.catch(() => (this.#warm = null));
		return this.#warm;
	}
}

let shared: ModelClient | null = null;

/** The page's client: the worker where there is one, this thread otherwise. */
export function modelClient(): ModelClient {
	shared ??= new ModelClient(typeof Worker === 'undefined' ? inThread : workerTransport());
	return shared;
}

/** The comparison's other assessment, scored as of its own date (or `asOf`). */
export function peerModel(
	assessment: PeerJob['assessment'],
	asOf?: string
): Promise<ResultOf<PeerJob>> {
	return modelClient().ask({ kind: 'peer', assessment, asOf });
}

/**
 * Newest request wins: see the module comment. With a report cache (`ReportCache`), a report
 * computed before for exactly the same inputs is shown from it without asking the worker, and a
 * report the worker computes is kept there by the worker.
 */
export class ModelFeed<J extends ReportJob | PeerJob> {
	#sent = 0;
	#applied = 0;

	constructor(
		private readonly client: ModelClient = modelClient(),
		private readonly cache: ReportCache | null = null
	) {}

	/** Requests sent whose answer has not been applied or dropped yet. */
	get waiting(): boolean {
		return this.#applied < this.#sent;
	}

	/**
	 * Sends `job`; `onResult` gets its answer unless a newer request's answer came first, `onError`
	 * its failure unless a newer request was sent since. Resolves when this request is settled.
	 */
	async ask(
		job: J,
		onResult: (r: ResultOf<J>) => void,
		onError: (e: Error) => void
	): Promise<void> {
		const n = ++this.#sent;
		let store: StoreAt | null = null;
		if (this.cache && job.kind === 'report') {
			const hit = await this.cache.read(job).catch(() => null);
			if (hit?.result) {
				if (n <= this.#applied) return;
				this.#applied = n;
				onResult(hit.result as ResultOf<J>);
				return;
			}
			if (hit)
				store = { db: cacheDbName(), slot: slotOf(job), id: job.assessment.id, key: hit.key };
		}
		try {
			const r = await this.client.ask(job, store);
			if (n <= this.#applied) return;
			this.#applied = n;
			onResult(r);
		} catch (e) {
			if (n !== this.#sent) return;
			this.#applied = n;
			onError(e instanceof Error ? e : new Error(String(e)));
		}
	}
}
