/**
 * The report-model worker's handler, called directly (no Worker): it answers what the results and
 * export pages show with the same models as the engine called in-thread, and every failure is an
 * answer with a message (the page shows it), never a throw or a silent nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBankFromDisk } from '../../../scripts/lib/bank-node';
import { splitBank } from '$lib/bank/split';
import { readPersona } from '../../../test/fixtures/assessments/read';
import { buildEvidenceRequests, buildReportModel, whatIf } from '$lib/domain/engine';
import type { Bank } from '$lib/domain/types';
import type { ModelRequest, PeerResult, ReportResult } from './model-protocol';

const real = loadBankFromDisk();
const gate = vi.hoisted(() => ({ bank: null as unknown, fail: null as Error | null }));
vi.mock('$lib/bank', () => ({
	loadBank: async () => {
		if (gate.fail) throw gate.fail;
		return gate.bank;
	}
}));
gate.bank = real;
/** The assessment the worker reads from the database for a prepare request. */
const stored = vi.hoisted(() => ({ assessment: null as unknown, reads: [] as [string, string][] }));
vi.mock('$lib/db/light-read', () => ({
	readAssessment: async (id: string, db: string) => {
		stored.reads.push([id, db]);
		return stored.assessment ? { assessment: stored.assessment, revision: 3 } : null;
	}
}));
/** The engine, counted (it computes as before). */
const computed = vi.hoisted(() => ({ n: 0 }));
vi.mock('$lib/domain/engine', async (original) => {
	const engine = await original<typeof import('$lib/domain/engine')>();
	return {
		...engine,
		buildReportModel: (...args: Parameters<typeof engine.buildReportModel>) => {
			computed.n++;
			return engine.buildReportModel(...args);
		}
	};
});

const { handleModelRequest } = await import('./model-handler');

afterEach(() => {
	gate.fail = null;
	vi.unstubAllGlobals();
});

const TODAY = '2026-11-28';
const workshop = readPersona('full-workshop');

function report(over: Partial<Extract<ModelRequest, { kind: 'report' }>> = {}): ModelRequest {
	return {
		seq: 1,
		kind: 'report',
		assessment: workshop,
		today: TODAY,
		whatIf: true,
		examination: 'type1',
		...over
	};
}

describe('the report-model handler', () => {
	it('answers the model the engine computes, with its sequence number', async () => {
		const res = await handleModelRequest(report({ seq: 7, whatIf: false }));
		expect(res).toMatchObject({ seq: 7, ok: true });
		const r = (res as { result: ReportResult }).result;
		expect(r.model).toEqual(buildReportModel(real, workshop, TODAY));
		expect(r.whatIf).toBeNull();
		expect(r.requests).toBeNull();
		expect(r.customProblems).toEqual([]);
	});

	it('adds the what-if model for the actions marked done, and none when none is marked', async () => {
		const base = buildReportModel(real, workshop, TODAY);
		const ids = base.starterPlan.slice(0, 3);
		expect(ids.length).toBeGreaterThan(0);
		const ticked = {
			...workshop,
			planOverrides: Object.fromEntries(ids.map((id) => [id, { done: true }]))
		};
		const res = await handleModelRequest(report({ assessment: ticked }));
		const r = (res as { ok: true; result: ReportResult }).result;
		expect(r.model.plan.filter((p) => p.done).map((p) => p.id)).toEqual(
			expect.arrayContaining(ids)
		);
		const done = r.model.plan.filter((p) => p.done).map((p) => p.id);
		expect(r.whatIf).toEqual(whatIf(real, ticked, TODAY, done));
		expect(r.whatIf!.score.overall).toBeGreaterThanOrEqual(r.model.score.overall);
		const none = await handleModelRequest(
			report({ assessment: { ...workshop, planOverrides: {} } })
		);
		expect((none as { result: ReportResult }).result.whatIf).toBeNull();
	});

	it('adds the Type II request list only when a Type I comes first and the Type II is asked for', async () => {
		const young = readPersona('designed-young-deadline');
		const res = await handleModelRequest(report({ assessment: young, examination: 'type2' }));
		const r = (res as { result: ReportResult }).result;
		expect(r.model.recommendation.type).toBe('type1-then-type2');
		expect(r.requests).toEqual(
			buildEvidenceRequests(real, real.evidenceRequests, young, r.model, { examination: 'type2' })
		);
		expect(r.requests!.period.kind).toBe('type2');
		expect(r.model.evidenceRequests!.period.kind).toBe('type1');
		// The first examination's list is the model's own: nothing more is sent.
		const first = await handleModelRequest(report({ assessment: young, examination: 'type1' }));
		expect((first as { result: ReportResult }).result.requests).toBeNull();
		// No Type I first (the workshop remediates first): no second list either.
		const workshopRes = await handleModelRequest(report({ examination: 'type2' }));
		expect((workshopRes as { result: ReportResult }).result.model.recommendation.type).not.toBe(
			'type1-then-type2'
		);
		expect((workshopRes as { result: ReportResult }).result.requests).toBeNull();
	});

	it('scores the comparison’s other assessment as of its own date, or the date given', async () => {
		const res = await handleModelRequest({ seq: 2, kind: 'peer', assessment: workshop });
		const { model } = (res as { result: PeerResult }).result;
		expect(model).toEqual(buildReportModel(real, workshop, workshop.meta.assessmentDate));
		const at = await handleModelRequest({
			seq: 3,
			kind: 'peer',
			assessment: workshop,
			asOf: TODAY
		});
		expect((at as { result: PeerResult }).result.model.asOf).toBe(TODAY);
	});

	it('says so when the other assessment’s date is not a date', async () => {
		const bad = { ...workshop, meta: { ...workshop.meta, assessmentDate: 'last spring' } };
		const res = await handleModelRequest({ seq: 4, kind: 'peer', assessment: bad });
		expect(res).toEqual({
			seq: 4,
			ok: false,
			message: 'The assessment date “last spring” is not a date.'
		});
	});

	it('a bank that cannot load is an answer with the reason, for warm-up and report alike', async () => {
		gate.fail = new Error('HTTP 503');
		for (const req of [{ seq: 5, kind: 'warm' } as ModelRequest, report({ seq: 6 })]) {
			const res = await handleModelRequest(req);
			expect(res).toEqual({
				seq: req.seq,
				ok: false,
				message: 'The question bank could not be loaded (HTTP 503).'
			});
		}
	});

	it('a throw in the engine is an answer with its message, never a throw', async () => {
		const res = await handleModelRequest(report({ seq: 9, today: 'soon' }));
		expect(res).toEqual({
			seq: 9,
			ok: false,
			message: '"today" must be an ISO date (YYYY-MM-DD), got "soon"'
		});
	});

	it('in a build, fetches the bank files from the URL the page sent (once), and says why it failed', async () => {
		// The build's two files (issue 19, sixth pass): the first names the second, beside it.
		const { core, rest } = splitBank(real);
		const fetch = vi.fn(async (url: string) =>
			url.endsWith('missing.json')
				? new Response('', { status: 404 })
				: url.endsWith('/soc2-bank-rest.0123456789ab.json')
					? new Response(JSON.stringify(rest), { status: 200 })
					: new Response(JSON.stringify({ rest: 'soc2-bank-rest.0123456789ab.json', bank: core }), {
							status: 200
						})
		);
		vi.stubGlobal('fetch', fetch);
		gate.fail = new Error('loadBank must not be used when the page sent a URL');
		const a = await handleModelRequest(report({ seq: 10, bankUrl: '/_app/bank.json' }));
		const b = await handleModelRequest(report({ seq: 11, bankUrl: '/_app/bank.json' }));
		expect(a.ok && b.ok).toBe(true);
		expect((a as { result: ReportResult }).result.model).toEqual(
			buildReportModel(real as Bank, workshop, TODAY)
		);
		expect(fetch.mock.calls.map(([url]) => url)).toEqual([
			'/_app/bank.json',
			'/_app/soc2-bank-rest.0123456789ab.json'
		]);
		const missing = await handleModelRequest(report({ seq: 12, bankUrl: '/_app/missing.json' }));
		expect(missing).toEqual({
			seq: 12,
			ok: false,
			message: 'The question bank could not be loaded (HTTP 404).'
		});
	});

	it('reports custom questions that fail the checks, and still computes the report', async () => {
		const odd = {
			...workshop,
			customQuestions: [{ id: 'not-custom', text: 42 }]
		} as unknown as typeof workshop;
		const res = await handleModelRequest(report({ seq: 13, assessment: odd, whatIf: false }));
		const r = (res as { ok: true; result: ReportResult }).result;
		expect(r.customProblems.length).toBeGreaterThan(0);
		expect(r.model.score.overall).toBe(buildReportModel(real, workshop, TODAY).score.overall);
	});
});

describe('a report prepared ahead (the page still loading)', () => {
	afterEach(() => {
		stored.assessment = null;
		stored.reads = [];
	});
	const prepare = (
		over: Partial<Extract<ModelRequest, { kind: 'prepare' }>> = {}
	): ModelRequest => ({
		seq: 20,
		kind: 'prepare',
		id: workshop.id,
		db: 'soc2-readiness',
		today: TODAY,
		whatIf: true,
		examination: 'type1',
		...over
	});
	/** The same assessment as another object, as the page reads it itself. */
	const again = () => structuredClone(workshop);
	const changed = () => {
		const a = structuredClone(workshop);
		const [id, ans] = Object.entries(a.answers).find(([, v]) => typeof v.value === 'number')!;
		a.answers[id] = { ...ans, value: ((Number(ans.value) + 3) % 6) as 0 };
		return a;
	};

	it('is computed once, from the database, and given to the first request for exactly its inputs', async () => {
		stored.assessment = again();
		const n = computed.n;
		expect(await handleModelRequest(prepare())).toEqual({ seq: 20, ok: true, result: null });
		expect(stored.reads).toEqual([[workshop.id, 'soc2-readiness']]);
		const res = await handleModelRequest(report({ seq: 21, assessment: again() }));
		const r = (res as { ok: true; result: ReportResult }).result;
		expect(r.model).toEqual(buildReportModel(real, workshop, TODAY));
		// The engine ran once for the prepared report and once for the expectation above: the
		// request did not compute again.
		expect(computed.n - n).toBe(2);
		// Used once: the next request computes.
		const m = computed.n;
		await handleModelRequest(report({ seq: 22, assessment: again() }));
		expect(computed.n - m).toBe(1);
	});

	it('is never given for an assessment or options other than those it was computed for', async () => {
		const cases: [string, Partial<Extract<ModelRequest, { kind: 'report' }>>][] = [
			['an answer changed since it was read', { assessment: changed() }],
			['another day', { today: '2026-11-29' }],
			['without the what-if model', { whatIf: false }],
			['another examination', { examination: 'type2' }],
			['another write of the assessment', { assessment: { ...again(), updatedAt: 'x' } }]
		];
		for (const [why, over] of cases) {
			stored.assessment = again();
			await handleModelRequest(prepare());
			const res = await handleModelRequest(report({ seq: 23, ...over }));
			const r = (res as { ok: true; result: ReportResult }).result;
			const a = (over.assessment ?? workshop) as typeof workshop;
			expect(r.model, why).toEqual(buildReportModel(real, a, over.today ?? TODAY));
			expect(r.model.asOf, why).toBe(over.today ?? TODAY);
			expect(r.whatIf === null, why).toBe(true);
		}
	});

	it('nothing is prepared for an assessment the database does not hold; the request computes', async () => {
		stored.assessment = null;
		await handleModelRequest(prepare());
		const n = computed.n;
		const res = await handleModelRequest(report({ seq: 24 }));
		expect(res.ok).toBe(true);
		expect(computed.n - n).toBe(1);
	});

	it('computes nothing ahead when the page’s cache holds exactly this report, and does when it is stale', async () => {
		const { writeReport, clearReports } = await import('$lib/db/report-cache');
		const { reportKey } = await import('./model-protocol');
		const identity = { bank: '/_app/immutable/assets/soc2-bank.AbCdEf12.json', build: '42' };
		const cache = {
			identity,
			db: 'handler-test-report-cache',
			slot: `${workshop.id}|whatif|type1`
		};
		const key = await reportKey(identity, {
			assessment: workshop,
			today: TODAY,
			whatIf: true,
			examination: 'type1'
		});
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		try {
			// Cached: the page shows that one; the worker reads, compares and computes nothing.
			expect(await writeReport(cache.slot, workshop.id, key!, { cached: true }, cache.db)).toBe(
				true
			);
			stored.assessment = again();
			let n = computed.n;
			await handleModelRequest(prepare({ cache }));
			// (The request asks for another day, so it computes whether or not a report was
			// prepared: only what the worker computed ahead differs.)
			const r1 = await handleModelRequest(
				report({ seq: 25, assessment: again(), today: '2026-11-29' })
			);
			expect(r1.ok).toBe(true);
			expect(computed.n - n).toBe(1); // the request itself, nothing ahead
			// Stale (the assessment changed since it was cached): computed ahead, used by the request.
			stored.assessment = changed();
			n = computed.n;
			await handleModelRequest(prepare({ cache }));
			const edited = structuredClone(stored.assessment) as typeof workshop;
			const r2 = await handleModelRequest(report({ seq: 26, assessment: edited }));
			expect((r2 as { ok: true; result: ReportResult }).result.model.score).toEqual(
				buildReportModel(real, edited, TODAY).score
			);
			expect(computed.n - n).toBe(2); // ahead, and the expectation above
		} finally {
			await clearReports(cache.db);
		}
	});
});
