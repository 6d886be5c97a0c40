/**
 * The report-model worker's work, apart from the worker itself so that it can be called directly
 * (unit tests, and in-thread where there is no `Worker`: vitest, Node). It loads the question
 * bank (`loadBank`: the hashed JSON file, from the service-worker cache offline), extends it with
 * the assessment's custom questions, and runs the engine. The engine stays pure in
 * `src/lib/domain/`; this module is the adapter around it, like `pdf.worker.ts` for the PDF.
 */
import { loadBank } from '$lib/bank';
import { fetchBank } from '$lib/bank/fetch';
import { buildEvidenceRequests, buildReportModel, whatIf } from '$lib/domain/engine';
import { isIsoDate } from '$lib/domain/dates';
import { readKeys, writeReport } from '$lib/db/report-cache';
import { readAssessment } from '$lib/db/light-read';
import type { Assessment, Bank } from '$lib/domain/types';
import {
	jobText,
	reportKey,
	type ModelRequest,
	type ModelResponse,
	type PeerJob,
	type PeerResult,
	type PrepareJob,
	type ReportJob,
	type ReportResult
} from './model-protocol';

/** The message of an error, or the thrown value as text. */
function text(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** The bank fetched from the URL the page sent (a build), kept once it loaded. */
let fetched: { url: string; bank: Promise<Bank> } | null = null;

/** The built-in bank: from the page's URL in a build, as a module otherwise (`loadBank`). */
function baseBank(url: string | null | undefined): Promise<Bank> {
	if (!url) return loadBank();
	if (fetched?.url !== url) {
		const bank = fetchBank(url);
		fetched = { url, bank };
		bank.catch(() => {
			if (fetched?.bank === bank) fetched = null; // the next request tries again
		});
	}
	return fetched.bank;
}

/** Extended banks by their custom questions (JSON): the same list is checked once. */
const extended = new Map<string, { base: Bank; bank: Bank; problems: string[] }>();

async function bankFor(
	a: Assessment | null,
	url: string | null | undefined
): Promise<{ bank: Bank; problems: string[] }> {
	let base: Bank;
	try {
		base = await baseBank(url);
	} catch (e) {
		const why = text(e);
		throw new Error(
			/question bank/i.test(why) ? why : `The question bank could not be loaded (${why}).`
		);
	}
	const list = a?.customQuestions ?? [];
	if (!list.length) return { bank: base, problems: [] };
	const key = JSON.stringify(list);
	let hit = extended.get(key);
	if (!hit || hit.base !== base) {
		const { bankForAssessment } = await import('$lib/domain/bank/compile');
		hit = { base, ...bankForAssessment(base, list) };
		extended.clear(); // one assessment at a time: keep only the latest list
		extended.set(key, hit);
	}
	return { bank: hit.bank, problems: hit.problems };
}

async function report(req: ReportJob & { bankUrl?: string | null }): Promise<ReportResult> {
	const { assessment: a, today, examination } = req;
	const { bank, problems } = await bankFor(a, req.bankUrl);
	const model = buildReportModel(bank, a, today);
	const done = model.plan.filter((p) => p.done).map((p) => p.id);
	const next = req.whatIf && done.length ? whatIf(bank, a, today, done) : null;
	const requests =
		examination === 'type2' && model.recommendation.type === 'type1-then-type2'
			? buildEvidenceRequests(bank, bank.evidenceRequests, a, model, { examination: 'type2' })
			: null;
	return { model, whatIf: next, requests, customProblems: problems };
}

/**
 * The report computed ahead for the page that is loading (`PrepareJob`): the text of every input
 * it was computed from (`jobText`) and the bank's URL; used once, by the first report request of
 * that assessment, and only when that request's inputs are exactly the same.
 */
let prepared: {
	id: string;
	done: Promise<{ text: string; bankUrl: string | null; result: ReportResult } | null>;
} | null = null;

function prepare(req: PrepareJob & { bankUrl?: string | null }): void {
	const bankUrl = req.bankUrl ?? null;
	const done = (async () => {
		const light = await readAssessment(req.id, req.db);
		const assessment = light?.assessment;
		if (!assessment) return null;
		const job = { assessment, today: req.today, whatIf: req.whatIf, examination: req.examination };
		// The page's cache holds this very report (a later visit): the page shows it, nothing to do.
		if (req.cache) {
			const [key, known] = await Promise.all([
				reportKey(req.cache.identity, job),
				readKeys(req.cache.db).catch(() => null)
			]);
			if (key && known?.get(req.cache.slot)?.key === key) return null;
		}
		const result = await report({ kind: 'report', ...job, bankUrl });
		return { text: jobText(job), bankUrl, result };
	})().catch(() => null);
	prepared = { id: req.id, done };
}

/** The prepared report when `req` asks for exactly what it was computed from; null otherwise. */
async function takePrepared(
	req: ReportJob & { bankUrl?: string | null }
): Promise<ReportResult | null> {
	const p = prepared;
	if (!p || p.id !== req.assessment.id) return null;
	prepared = null;
	const hit = await p.done;
	return hit && hit.bankUrl === (req.bankUrl ?? null) && hit.text === jobText(req)
		? hit.result
		: null;
}

async function peer(req: PeerJob & { bankUrl?: string | null }): Promise<PeerResult> {
	const a = req.assessment;
	const asOf = req.asOf ?? (isIsoDate(a.meta.assessmentDate) ? a.meta.assessmentDate : undefined);
	if (!asOf) throw new Error(`The assessment date “${a.meta.assessmentDate}” is not a date.`);
	const { bank } = await bankFor(a, req.bankUrl);
	return { model: buildReportModel(bank, a, asOf) };
}

/** Answers one request; never throws (a failure is an answer with `ok: false` and a message). */
export async function handleModelRequest(req: ModelRequest): Promise<ModelResponse> {
	try {
		switch (req.kind) {
			case 'warm':
				await bankFor(null, req.bankUrl);
				return { seq: req.seq, ok: true, result: null };
			case 'prepare':
				prepare(req);
				// Answered once the bank is there (the page's `warm`), the report still computing.
				await bankFor(null, req.bankUrl);
				return { seq: req.seq, ok: true, result: null };
			case 'report':
				return {
					seq: req.seq,
					ok: true,
					result: (await takePrepared(req)) ?? (await report(req))
				};
			case 'peer':
				return { seq: req.seq, ok: true, result: await peer(req) };
			default:
				throw new Error(`unknown request ${JSON.stringify((req as { kind?: unknown }).kind)}`);
		}
	} catch (e) {
		return { seq: req.seq, ok: false, message: text(e) };
	}
}

/**
 * Keeps a report the worker computed where the page asked (`store`), after its answer was posted:
 * the page's main thread never clones it for the cache. Never throws; false when not stored.
 */
export async function storeResult(req: ModelRequest, res: ModelResponse): Promise<boolean> {
	if (req.kind !== 'report' || !req.store || !res.ok || !res.result) return false;
	const { db, slot, id, key } = req.store;
	return writeReport(slot, id, key, res.result, db).catch(() => false);
}
