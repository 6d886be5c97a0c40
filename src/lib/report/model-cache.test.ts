/**
 * The report cache (model-cache.ts over src/lib/db/report-cache.ts, fake-indexeddb): a report is
 * taken from it only for exactly the inputs it was computed for. Each change that can change the
 * report — an answer, a note, a tick, another write of the assessment, another bank, another build,
 * another day, another kind of report — is computed again by the worker (here: the same handler in
 * this thread), and a cache that cannot be read or holds a damaged entry is ignored, never an error.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBankFromDisk } from '../../../scripts/lib/bank-node';
import { readPersona } from '../../../test/fixtures/assessments/read';
import { buildReportModel } from '$lib/domain/engine';
import type { Assessment } from '$lib/domain/types';
import {
	MAX_SLOTS,
	cacheDbName,
	clearReports,
	pruneReports,
	readReport,
	writeReport
} from '$lib/db/report-cache';
import { ReportCache, builtIdentity, hasReportOf, slotOf, type CacheIdentity } from './model-cache';
import { ModelClient, ModelFeed, type Transport } from './model-client';
import { handleModelRequest, storeResult } from './model-handler';
import type { ModelRequest, ReportJob, ReportResult } from './model-protocol';

const real = loadBankFromDisk();
vi.mock('$lib/bank', () => ({ loadBank: async () => real }));

const IDENTITY: CacheIdentity = {
	bank: '/_app/immutable/assets/soc2-bank.Bl_gvduI.json',
	build: '1764930000000'
};
const workshop = readPersona('full-workshop');
const job = (a: Assessment = workshop, today = '2026-11-28', whatIf = true): ReportJob => ({
	kind: 'report',
	assessment: a,
	today,
	whatIf,
	examination: 'type1'
});

/** The worker's part, in this thread: computes, answers, then keeps the report where asked. */
function worker() {
	const sent: ModelRequest[] = [];
	const stored: Promise<boolean>[] = [];
	const transport: Transport = async (req) => {
		sent.push(req);
		const res = await handleModelRequest(req);
		stored.push(storeResult(req, res));
		return res;
	};
	return { sent, stored, settled: () => Promise.all(stored), transport };
}

function feedOf(w: ReturnType<typeof worker>, identity: CacheIdentity | null = IDENTITY) {
	return new ModelFeed<ReportJob>(
		new ModelClient(w.transport, async () => null),
		new ReportCache(identity)
	);
}

/** Asks once; the result shown (or the error). */
async function show(feed: ModelFeed<ReportJob>, j: ReportJob): Promise<ReportResult> {
	let shown: ReportResult | null = null;
	let error: Error | null = null;
	await feed.ask(
		j,
		(r) => (shown = r),
		(e) => (error = e)
	);
	if (error) throw error;
	expect(shown).not.toBeNull();
	return shown!;
}

beforeEach(() => clearReports());
afterEach(() => vi.unstubAllGlobals());

describe('the cache is on only where every input has an identity', () => {
	it('needs a content-hashed bank file and a build', () => {
		expect(builtIdentity(IDENTITY.bank, IDENTITY.build)).toEqual(IDENTITY);
		// Development and tests: the bank is a module, no file.
		expect(builtIdentity(null, IDENTITY.build)).toBeNull();
		// A bank file whose name does not carry its content's hash could change under the same URL.
		expect(builtIdentity('/_app/immutable/assets/soc2-bank.json', IDENTITY.build)).toBeNull();
		expect(builtIdentity(IDENTITY.bank, '')).toBeNull();
		// In this test run there is no built bank: the pages' default cache is off.
		expect(new ReportCache().enabled).toBe(false);
	});

	it('off, every request goes to the worker and nothing is stored', async () => {
		const w = worker();
		const feed = feedOf(w, null);
		await show(feed, job());
		await show(feed, job());
		await w.settled();
		expect(w.sent).toHaveLength(2);
		expect(w.sent.every((r) => !r.store)).toBe(true);
	});
});

describe('a report is shown from the cache only for exactly the same inputs', () => {
	it('the same job again is answered from the cache with the worker’s report', async () => {
		const w = worker();
		const first = await show(feedOf(w), job());
		await w.settled();
		expect(w.sent).toHaveLength(1);
		expect(w.sent[0]!.store).toMatchObject({ db: cacheDbName(), slot: slotOf(job()) });
		// A later visit (a new page: a new feed).
		const again = await show(feedOf(w), job());
		expect(w.sent).toHaveLength(1);
		expect(again).toEqual(first);
		expect(again.model).toEqual(buildReportModel(real, workshop, '2026-11-28'));
	});

	const changes: [string, (a: Assessment) => Assessment][] = [
		[
			'a changed answer',
			(a) => {
				const [id, ans] = Object.entries(a.answers).find(([, v]) => typeof v.value === 'number')!;
				const value = ans.value === 5 ? 4 : (((ans.value as number) + 1) as typeof ans.value);
				return { ...a, answers: { ...a.answers, [id]: { ...ans, value } } };
			}
		],
		[
			'a changed note',
			(a) => {
				const [id, ans] = Object.entries(a.answers)[0]!;
				return {
					...a,
					answers: { ...a.answers, [id]: { ...ans, note: `${ans.note ?? ''} more` } }
				};
			}
		],
		[
			'a plan action ticked',
			(a) => ({ ...a, planOverrides: { ...a.planOverrides, 'any-action': { done: true } } })
		],
		[
			'another write of the assessment (another revision)',
			(a) => ({ ...a, updatedAt: new Date(Date.parse(a.updatedAt) + 1000).toISOString() })
		],
		[
			'an answer that became undefined',
			(a) => {
				const [id, ans] = Object.entries(a.answers)[0]!;
				return { ...a, answers: { ...a.answers, [id]: { ...ans, value: undefined as never } } };
			}
		]
	];

	for (const [what, change] of changes) {
		it(`${what}: computed again, and the new report is the one kept`, async () => {
			const w = worker();
			await show(feedOf(w), job());
			await w.settled();
			const changed = change(workshop);
			const next = await show(feedOf(w), job(changed));
			await w.settled();
			expect(w.sent).toHaveLength(2);
			expect(next.model).toEqual(buildReportModel(real, changed, '2026-11-28'));
			// The new report is now the cached one; the old inputs are computed again.
			await show(feedOf(w), job(changed));
			expect(w.sent).toHaveLength(2);
			await show(feedOf(w), job());
			expect(w.sent).toHaveLength(3);
		});
	}

	it('another day: computed again (the report is computed for a day)', async () => {
		const w = worker();
		await show(feedOf(w), job());
		await w.settled();
		const next = await show(feedOf(w), job(workshop, '2026-11-29'));
		expect(w.sent).toHaveLength(2);
		expect(next.model.asOf).toBe('2026-11-29');
	});

	it('another bank or another build: computed again', async () => {
		const w = worker();
		await show(feedOf(w), job());
		await w.settled();
		await show(
			feedOf(w, { ...IDENTITY, bank: '/_app/immutable/assets/soc2-bank.Xy12ab34.json' }),
			job()
		);
		expect(w.sent).toHaveLength(2);
		await w.settled();
		await show(feedOf(w, { ...IDENTITY, build: '1764939999999' }), job());
		expect(w.sent).toHaveLength(3);
	});

	it('another kind of report (the export page’s, without what-if) has its own slot', async () => {
		const w = worker();
		await show(feedOf(w), job());
		await w.settled();
		await show(feedOf(w), job(workshop, '2026-11-28', false));
		await w.settled();
		expect(w.sent).toHaveLength(2);
		// Both kept: neither page evicts the other's report.
		await show(feedOf(w), job());
		await show(feedOf(w), job(workshop, '2026-11-28', false));
		expect(w.sent).toHaveLength(2);
	});
});

describe('a cache that cannot be used is ignored', () => {
	it('a damaged entry under the right key is computed again, not shown', async () => {
		const w = worker();
		const j = job();
		const key = (await new ReportCache(IDENTITY).keyOf(j))!;
		expect(await writeReport(slotOf(j), j.assessment.id, key, { model: 'garbage' })).toBe(true);
		const r = await show(feedOf(w), j);
		expect(w.sent).toHaveLength(1);
		expect(r.model.asOf).toBe('2026-11-28');
	});

	it('an entry for another day under a key that matched is not shown', async () => {
		const w = worker();
		const j = job();
		const key = (await new ReportCache(IDENTITY).keyOf(j))!;
		const other = buildReportModel(real, workshop, '2026-01-01');
		await writeReport(slotOf(j), j.assessment.id, key, {
			model: other,
			whatIf: null,
			requests: null,
			customProblems: []
		} satisfies ReportResult);
		const r = await show(feedOf(w), j);
		expect(w.sent).toHaveLength(1);
		expect(r.model.asOf).toBe('2026-11-28');
	});

	it('no IndexedDB at all: the worker computes, nothing fails', async () => {
		vi.stubGlobal('indexedDB', undefined);
		const w = worker();
		const r = await show(feedOf(w), job());
		expect(await w.settled()).toEqual([false]);
		await show(feedOf(w), job());
		expect(w.sent).toHaveLength(2);
		expect(r.model.asOf).toBe('2026-11-28');
	});

	it('an IndexedDB that throws on open: the worker computes, nothing fails', async () => {
		vi.stubGlobal('indexedDB', {
			open: () => {
				throw new Error('SecurityError');
			}
		});
		const w = worker();
		await show(feedOf(w), job());
		await show(feedOf(w), job());
		expect(w.sent).toHaveLength(2);
	});

	it('no Web Crypto (not a secure context): the cache is off', async () => {
		vi.stubGlobal('crypto', {});
		const w = worker();
		const cache = new ReportCache(IDENTITY);
		expect(cache.enabled).toBe(false);
		expect(await cache.keyOf(job())).toBeNull();
		await show(feedOf(w), job());
		expect(w.sent[0]!.store).toBeUndefined();
	});
});

describe('the newest request still wins', () => {
	it('a cached answer to an older request does not replace a newer report', async () => {
		const w = worker();
		await show(feedOf(w), job());
		await w.settled();
		const feed = feedOf(w);
		const shown: string[] = [];
		const changed = { ...workshop, updatedAt: '2099-01-01T00:00:00.000Z' };
		// The older request (cached) and the newer one (computed) are sent at once.
		const older = feed.ask(
			job(),
			() => shown.push('older'),
			() => {}
		);
		const newer = feed.ask(
			job(changed),
			() => shown.push('newer'),
			() => {}
		);
		await Promise.all([older, newer]);
		expect(shown.at(-1)).toBe('newer');
	});
});

describe('the keys read ahead (prefetch)', () => {
	it('spare a lookup that cannot hit, and never return a value written under another key since', async () => {
		const w = worker();
		await show(feedOf(w), job());
		await w.settled();
		const j = job();
		const key = (await new ReportCache(IDENTITY).keyOf(j))!;
		const cache = new ReportCache(IDENTITY);
		const known = await cache.prefetch();
		expect(hasReportOf(known, workshop.id)).toBe(true);
		expect(hasReportOf(known, 'another-assessment')).toBe(false);
		// Written after the keys were read: the slot now holds another key's value.
		await writeReport(slotOf(j), workshop.id, 'another-key', { model: { plan: [] } });
		expect(await cache.read(j)).toEqual({ key, result: null });
		// The keys read ahead serve one lookup; the next one reads them again.
		expect(
			await readReport(slotOf(j), key, cacheDbName(), new Map([[slotOf(j), { key }]]))
		).toBeNull();
		expect(await readReport(slotOf(j), 'another-key', cacheDbName(), new Map())).toBeNull();
	});
});

describe('the store of the cache', () => {
	it('keeps the most recent slots only, and forgets assessments no longer stored', async () => {
		for (let i = 0; i < MAX_SLOTS + 3; i++)
			expect(await writeReport(`s${i}`, `id${i}`, `k${i}`, { i })).toBe(true);
		expect(await readReport('s0', 'k0')).toBeNull();
		expect(await readReport('s2', 'k2')).toBeNull();
		expect(await readReport(`s${MAX_SLOTS + 2}`, `k${MAX_SLOTS + 2}`)).toEqual({
			i: MAX_SLOTS + 2
		});
		// A key that does not match is no entry.
		expect(await readReport(`s${MAX_SLOTS + 2}`, 'other')).toBeNull();
		await pruneReports(new Set([`id${MAX_SLOTS + 2}`]));
		expect(await readReport(`s${MAX_SLOTS + 1}`, `k${MAX_SLOTS + 1}`)).toBeNull();
		expect(await readReport(`s${MAX_SLOTS + 2}`, `k${MAX_SLOTS + 2}`)).toEqual({
			i: MAX_SLOTS + 2
		});
	});
});
