/**
 * The page side of the report-model worker, with a transport whose answers the test releases in
 * any order (no Worker): the newest request wins, a late older answer is dropped, a failure of
 * the request that counts reaches the page with the worker's message, a superseded one does not.
 * Without `Worker` (here: Node) the shared client answers in this thread with the same handler.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadBankFromDisk } from '../../../scripts/lib/bank-node';
import { readPersona } from '../../../test/fixtures/assessments/read';
import { buildReportModel } from '$lib/domain/engine';
import type { ReportModel } from '$lib/domain/types';
import { ModelClient, ModelFeed, modelClient, peerModel, type Transport } from './model-client';
import type { ModelRequest, ModelResponse, ReportJob, ReportResult } from './model-protocol';

const real = loadBankFromDisk();
vi.mock('$lib/bank', () => ({ loadBank: async () => real }));

/** A transport that holds every request until the test answers it. */
function held() {
	const sent: ModelRequest[] = [];
	const answer = new Map<number, (r: ModelResponse) => void>();
	const transport: Transport = (req) =>
		new Promise((resolve) => {
			sent.push(req);
			answer.set(req.seq, resolve);
		});
	const model = (n: number) => ({ model: { n } as unknown as ReportModel }) as ReportResult;
	return {
		sent,
		transport,
		ok: (seq: number, n: number) => answer.get(seq)!({ seq, ok: true, result: model(n) }),
		fail: (seq: number, message: string) => answer.get(seq)!({ seq, ok: false, message })
	};
}

const workshop = readPersona('full-workshop');
const job = (n: number): ReportJob => ({
	kind: 'report',
	assessment: { ...workshop, id: `a-${n}` },
	today: '2026-11-28',
	whatIf: false,
	examination: 'type1'
});
const noUrl = async () => null;

describe('ModelFeed: the newest request wins', () => {
	it('an older answer arriving after a newer one is dropped', async () => {
		const t = held();
		const feed = new ModelFeed<ReportJob>(new ModelClient(t.transport, noUrl));
		const shown: number[] = [];
		const errors: string[] = [];
		const first = feed.ask(
			job(1),
			(r) => shown.push((r.model as unknown as { n: number }).n),
			(e) => errors.push(e.message)
		);
		const second = feed.ask(
			job(2),
			(r) => shown.push((r.model as unknown as { n: number }).n),
			(e) => errors.push(e.message)
		);
		await vi.waitFor(() => expect(t.sent.map((r) => r.seq)).toEqual([1, 2]));
		expect(t.sent.map((r) => (r as { assessment: { id: string } }).assessment.id)).toEqual([
			'a-1',
			'a-2'
		]);
		expect(feed.waiting).toBe(true);
		t.ok(2, 2);
		await second;
		t.ok(1, 1);
		await first;
		expect(shown).toEqual([2]);
		expect(errors).toEqual([]);
		expect(feed.waiting).toBe(false);
	});

	it('answers in order are each shown, the last one last', async () => {
		const t = held();
		const feed = new ModelFeed<ReportJob>(new ModelClient(t.transport, noUrl));
		const shown: number[] = [];
		const a = feed.ask(
			job(1),
			(r) => shown.push((r.model as unknown as { n: number }).n),
			() => {}
		);
		const b = feed.ask(
			job(2),
			(r) => shown.push((r.model as unknown as { n: number }).n),
			() => {}
		);
		await vi.waitFor(() => expect(t.sent).toHaveLength(2));
		t.ok(1, 1);
		await a;
		expect(feed.waiting).toBe(true);
		t.ok(2, 2);
		await b;
		expect(shown).toEqual([1, 2]);
		expect(feed.waiting).toBe(false);
	});

	it('the failure of a request that a newer one replaced is dropped; the newest one’s is shown', async () => {
		const t = held();
		const feed = new ModelFeed<ReportJob>(new ModelClient(t.transport, noUrl));
		const shown: number[] = [];
		const errors: string[] = [];
		const onResult = (r: ReportResult) => shown.push((r.model as unknown as { n: number }).n);
		const onError = (e: Error) => errors.push(e.message);
		const a = feed.ask(job(1), onResult, onError);
		const b = feed.ask(job(2), onResult, onError);
		await vi.waitFor(() => expect(t.sent).toHaveLength(2));
		t.fail(1, 'older failure');
		await a;
		expect(errors).toEqual([]);
		t.fail(2, 'The question bank could not be loaded (HTTP 503).');
		await b;
		expect(errors).toEqual(['The question bank could not be loaded (HTTP 503).']);
		expect(shown).toEqual([]);
		// A later request that succeeds replaces the error (the page clears it).
		const c = feed.ask(job(3), onResult, onError);
		await vi.waitFor(() => expect(t.sent).toHaveLength(3));
		t.ok(3, 3);
		await c;
		expect(shown).toEqual([3]);
	});

	it('sends the URL of the built bank file with every request', async () => {
		const t = held();
		const client = new ModelClient(t.transport, async () => '/_app/immutable/assets/bank.json');
		const done = client.ask(job(1));
		await vi.waitFor(() => expect(t.sent).toHaveLength(1));
		expect(t.sent[0]!.bankUrl).toBe('/_app/immutable/assets/bank.json');
		t.ok(1, 1);
		await expect(done).resolves.toMatchObject({ model: { n: 1 } });
	});
});

describe('ModelClient', () => {
	it('rejects with the worker’s message, and warms up again after a failed warm-up', async () => {
		let fail = true;
		const transport: Transport = async (req) =>
			fail
				? { seq: req.seq, ok: false, message: 'The question bank could not be loaded (offline).' }
				: { seq: req.seq, ok: true, result: null };
		const client = new ModelClient(transport, noUrl);
		await expect(client.warm()).rejects.toThrow('The question bank could not be loaded (offline).');
		fail = false;
		await expect(client.warm()).resolves.toBeUndefined();
	});

	it('without Worker (Node), computes in this thread with the same handler', async () => {
		expect(typeof Worker).toBe('undefined');
		const r = await modelClient().ask(job(1));
		expect(r.model).toEqual(buildReportModel(real, { ...workshop, id: 'a-1' }, '2026-11-28'));
		const peer = await peerModel(workshop);
		expect(peer.model.asOf).toBe(workshop.meta.assessmentDate);
	});
});
