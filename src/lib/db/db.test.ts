import { beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDatabases } from '../../../test/fixtures/fresh-db';
import {
	ReadinessDB,
	createAssessment,
	deleteAssessment,
	dumpDatabase,
	duplicateAssessment,
	flushPendingWrites,
	getAssessment,
	holdUnsaved,
	isQuotaError,
	listAssessments,
	listKeyOf,
	markExported,
	newId,
	onFlush,
	pendingWriteCount,
	putAssessment,
	renameAssessment,
	saveAnswer,
	setRequestPrepared,
	setSetting,
	storageErrorMessage,
	toSummary,
	unsavedInput,
	updateAssessment,
	type AssessmentRow
} from './index';
import { readKeys, readReport, writeReport } from './report-cache';

const fresh = freshDatabases('test-db');
let database: ReadinessDB;
beforeEach(() => {
	database = fresh();
});

const meta = {
	organisation: 'Acme Ltd',
	assessor: 'Ada',
	assessmentDate: '2026-11-28',
	targetReportDate: '2027-06-30'
};

describe('assessment store', () => {
	it('creates, lists, answers and reads back an assessment', async () => {
		const a = await createAssessment(meta, database);
		await saveAnswer(a.id, 'cc6-mfa', { value: 3, evidence: [], updatedAt: 'x' }, database);
		const list = await listAssessments(database);
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ organisation: 'Acme Ltd', answered: 1 });
		const back = await getAssessment(a.id, database);
		expect(back?.answers['cc6-mfa']?.value).toBe(3);
	});

	it('renames, duplicates with answers, and deletes with an undo payload', async () => {
		const a = await createAssessment(meta, database);
		await saveAnswer(
			a.id,
			'q1',
			{ value: 'na', naReason: 'no office', evidence: [], updatedAt: 'x' },
			database
		);
		await renameAssessment(a.id, '  Acme Inc ', database);
		expect((await getAssessment(a.id, database))?.meta.organisation).toBe('Acme Inc');
		await expect(renameAssessment(a.id, '   ', database)).rejects.toThrow(/Enter the name/);
		const copy = await duplicateAssessment(a.id, undefined, database);
		expect(copy.id).not.toBe(a.id);
		expect((await getAssessment(copy.id, database))?.answers['q1']?.naReason).toBe('no office');
		const deleted = await deleteAssessment(a.id, database);
		expect(await getAssessment(a.id, database)).toBeUndefined();
		expect(await database.answers.where('assessmentId').equals(a.id).count()).toBe(0);
		await putAssessment(deleted!, database);
		expect((await getAssessment(a.id, database))?.answers['q1']?.value).toBe('na');
	});

	it('deleting an assessment drops the reports computed from it, and only those', async () => {
		const a = await createAssessment(meta, database);
		const b = await createAssessment({ ...meta, organisation: 'Other Ltd' }, database);
		const cache = `${database.name}-report-cache`;
		await writeReport(`report:${a.id}`, a.id, 'k-a', { organisation: 'Acme Ltd' }, cache);
		await writeReport(`report:${b.id}`, b.id, 'k-b', { organisation: 'Other Ltd' }, cache);
		await deleteAssessment(a.id, database);
		expect(await readReport(`report:${a.id}`, 'k-a', cache)).toBeNull();
		expect(await readKeys(cache)).toEqual(new Map([[`report:${b.id}`, { key: 'k-b', id: b.id }]]));
		expect(await readReport(`report:${b.id}`, 'k-b', cache)).toEqual({ organisation: 'Other Ltd' });
	});

	it('refuses to save an answer for a deleted assessment', async () => {
		const a = await createAssessment(meta, database);
		await deleteAssessment(a.id, database);
		await expect(
			saveAnswer(a.id, 'q', { value: 1, evidence: [], updatedAt: 'x' }, database)
		).rejects.toThrow(/no longer exists/);
		expect(await database.answers.count()).toBe(0);
	});
});

const ans = (value: 0 | 1 | 2 | 3 | 4 | 5 | 'na' | 'unknown' | null, extra = {}) => ({
	value,
	evidence: [],
	updatedAt: '2026-11-28T10:00:00.000Z',
	...extra
});

describe('answered count (schema v2)', () => {
	it('is maintained by saveAnswer for new, changed, value-less and cleared answers', async () => {
		const a = await createAssessment(meta, database);
		const count = async () => (await listAssessments(database))[0]?.answered;
		expect(await count()).toBe(0);
		await saveAnswer(a.id, 'q1', ans(2), database);
		await saveAnswer(a.id, 'q2', ans('unknown'), database);
		expect(await count()).toBe(2);
		await saveAnswer(a.id, 'q1', ans(4), database); // change: still 2
		expect(await count()).toBe(2);
		await saveAnswer(a.id, 'q3', ans(null, { note: 'ask Bob' }), database); // note only
		expect(await count()).toBe(2);
		await saveAnswer(a.id, 'q1', ans(null, { note: 'unsure now' }), database); // value removed
		expect(await count()).toBe(1);
		await saveAnswer(a.id, 'q2', null, database); // cleared
		await saveAnswer(a.id, 'never-answered', null, database);
		expect(await count()).toBe(0);
		expect(Object.keys((await getAssessment(a.id, database))!.answers).sort()).toEqual([
			'q1',
			'q3'
		]);
	});

	it('is computed by putAssessment and carried by duplicates', async () => {
		const a = await createAssessment(meta, database);
		await putAssessment(
			{ ...a, answers: { x: ans(1), y: ans('na', { naReason: 'n/a' }), z: ans(null) } },
			database
		);
		const copy = await duplicateAssessment(a.id, 'Acme Q2', database);
		const list = await listAssessments(database);
		expect(list.map((s) => [s.organisation, s.answered]).sort()).toEqual([
			['Acme Ltd', 2],
			['Acme Q2', 2]
		]);
		expect(copy.meta.organisation).toBe('Acme Q2');
		const q3 = await duplicateAssessment(
			a.id,
			{ organisation: 'Acme Q3', assessmentDate: '2027-01-15' },
			database
		);
		const back = await getAssessment(q3.id, database);
		expect(back?.meta).toMatchObject({
			organisation: 'Acme Q3',
			assessmentDate: '2027-01-15',
			assessor: 'Ada'
		});
		expect(Object.keys(back!.answers).sort()).toEqual(['x', 'y', 'z']);
		expect(back?.lastExportedAt).toBeNull();
	});

	it('lists 200 assessments with one query and no answer reads', async () => {
		for (let i = 0; i < 200; i++) {
			const a = await createAssessment({ ...meta, organisation: `Org ${i}` }, database);
			await saveAnswer(a.id, 'q', ans(3), database);
		}
		const spy = vi.spyOn(database.answers, 'where');
		const list = await listAssessments(database);
		expect(list).toHaveLength(200);
		expect(list.every((s) => s.answered === 1)).toBe(true);
		expect(spy).not.toHaveBeenCalled();
		// Most recently modified first.
		expect(list[0]!.updatedAt >= list[199]!.updatedAt).toBe(true);
	});
});

describe('writes', () => {
	it('markExported records the export without changing last modified', async () => {
		const a = await createAssessment(meta, database);
		await markExported(a.id, '2026-12-01T09:00:00.000Z', database);
		const back = await getAssessment(a.id, database);
		expect(back?.lastExportedAt).toBe('2026-12-01T09:00:00.000Z');
		expect(back?.updatedAt).toBe(a.updatedAt);
		await expect(markExported('missing', undefined, database)).rejects.toThrow(/no longer exists/);
	});

	it('updateAssessment bumps the revision and last modified, and keeps the search key in step', async () => {
		const a = await createAssessment(meta, database);
		const rev = await updateAssessment(
			a.id,
			{ meta: { ...a.meta, organisation: ' Zeta ' } },
			database
		);
		expect(rev).toBe(2);
		const row = await database.assessments.get(a.id);
		expect(row?.orgKey).toBe('zeta');
		expect(row?.answeredCount).toBe(0);
	});

	it('rolls back the whole transaction and rejects when the browser refuses a write (quota)', async () => {
		const a = await createAssessment(meta, database);
		await saveAnswer(a.id, 'q1', ans(2), database);
		const before = await dumpDatabase(database);
		const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		vi.spyOn(database.answers, 'put').mockImplementation(() => Promise.reject(quota) as never);
		const failed = saveAnswer(a.id, 'q1', ans(5), database);
		await expect(failed).rejects.toBeDefined();
		const err = await failed.catch((e: unknown) => e);
		expect(isQuotaError(err)).toBe(true);
		expect(storageErrorMessage(err)).toMatch(/no more storage space/);
		expect(await dumpDatabase(database)).toBe(before);
	});

	it('a rejected create leaves nothing behind', async () => {
		vi.spyOn(database.assessments, 'put').mockImplementation(
			() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never
		);
		await expect(createAssessment(meta, database)).rejects.toBeDefined();
		expect(await database.assessments.count()).toBe(0);
		// …not even the document it started to store in the same transaction.
		expect(await database.docUpdates.count()).toBe(0);
	});

	it('explains other storage failures without claiming success', () => {
		expect(storageErrorMessage(new Error('Assessment x no longer exists.'))).toMatch(
			/no longer exists on this device/
		);
		expect(
			storageErrorMessage(Object.assign(new Error('closed'), { name: 'DatabaseClosedError' }))
		).toMatch(/Reload the page/);
		expect(storageErrorMessage(new Error('boom'), 'The rename')).toBe(
			'The rename could not be saved on this device (boom). Nothing was changed.'
		);
		expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
		expect(isQuotaError(new Error('x'))).toBe(false);
	});
});

describe('evidence requests marked prepared', () => {
	it('two quick marks on different requests both stay, and a mark can be taken back', async () => {
		const a = await createAssessment(meta, database);
		// Started together, without waiting for each other: neither may overwrite the other.
		await Promise.all([
			setRequestPrepared(a.id, 'new-hires', '2026-12-01T09:00:00.000Z', database),
			setRequestPrepared(a.id, 'access-reviews', '2026-12-01T09:00:01.000Z', database)
		]);
		expect((await getAssessment(a.id, database))?.requestsPrepared).toEqual({
			'new-hires': '2026-12-01T09:00:00.000Z',
			'access-reviews': '2026-12-01T09:00:01.000Z'
		});
		const rev = await setRequestPrepared(a.id, 'new-hires', null, database);
		const back = await getAssessment(a.id, database);
		expect(back?.requestsPrepared).toEqual({ 'access-reviews': '2026-12-01T09:00:01.000Z' });
		expect(rev).toBe((await database.assessments.get(a.id))?.revision);
		expect(back?.updatedAt).not.toBe(a.updatedAt);
	});

	it('changes nothing else, keeps other writes, and refuses an unknown assessment', async () => {
		const a = await createAssessment(meta, database);
		await saveAnswer(a.id, 'q1', ans(3), database);
		await Promise.all([
			setRequestPrepared(a.id, 'policy-set', '2026-12-01T09:00:00.000Z', database),
			updateAssessment(a.id, { planOverrides: { 'rem.x.y': { done: true } } }, database)
		]);
		const back = await getAssessment(a.id, database);
		expect(back?.planOverrides).toEqual({ 'rem.x.y': { done: true } });
		expect(back?.requestsPrepared).toEqual({ 'policy-set': '2026-12-01T09:00:00.000Z' });
		expect(back?.answers.q1?.value).toBe(3);
		await expect(setRequestPrepared('missing', 'x', null, database)).rejects.toThrow(
			/no longer exists/
		);
	});

	it('a stored map that is not an object of timestamps is repaired on read', async () => {
		const a = await createAssessment(meta, database);
		await database.assessments.update(a.id, {
			requestsPrepared: { ok: '2026-12-01T09:00:00.000Z', bad: 3, empty: '' } as never
		});
		expect((await getAssessment(a.id, database))?.requestsPrepared).toEqual({
			ok: '2026-12-01T09:00:00.000Z'
		});
		await database.assessments.update(a.id, { requestsPrepared: ['x'] as never });
		expect((await getAssessment(a.id, database))?.requestsPrepared).toBeUndefined();
	});
});

describe('newId', () => {
	it('makes v4 UUIDs, also where crypto.randomUUID is missing (plain http)', () => {
		const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
		expect(newId()).toMatch(uuid);
		const saved = crypto.randomUUID;
		Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
		try {
			const ids = new Set(Array.from({ length: 100 }, () => newId()));
			expect(ids.size).toBe(100);
			for (const id of ids) expect(id).toMatch(uuid);
		} finally {
			Object.defineProperty(crypto, 'randomUUID', { value: saved, configurable: true });
		}
	});
});

describe('dumpDatabase', () => {
	it('changes exactly when stored data changes', async () => {
		const empty = await dumpDatabase(database);
		expect(JSON.parse(empty)).toEqual({
			answers: [],
			assessments: [],
			docUpdates: [],
			settings: []
		});
		await setSetting('k', 1, database);
		const one = await dumpDatabase(database);
		expect(one).not.toBe(empty);
		expect(await dumpDatabase(database)).toBe(one);
	});
});

describe('unsaved input (what no flush can save)', () => {
	it('lists what registered editors hold, skips the empty and broken ones, and forgets the unregistered', () => {
		let form = '';
		const offForm = holdUnsaved(() => (form ? `the pointer “${form}” you are adding` : null));
		const offBroken = holdUnsaved(() => {
			throw new Error('unmounted');
		});
		expect(unsavedInput()).toEqual([]);
		form = 'Access review';
		expect(unsavedInput()).toEqual(['the pointer “Access review” you are adding']);
		offForm();
		offBroken();
		expect(unsavedInput()).toEqual([]);
	});
});

describe('flushPendingWrites', () => {
	it('runs flush handlers, then waits for every write in flight, including theirs', async () => {
		const a = await createAssessment(meta, database);
		let held: string | null = 'typed but not saved';
		const off = onFlush(async () => {
			if (held) await saveAnswer(a.id, 'q-note', ans(null, { note: held }), database);
			held = null;
		});
		const inFlight = saveAnswer(a.id, 'q1', ans(3), database);
		expect(pendingWriteCount()).toBeGreaterThan(0);
		const result = await flushPendingWrites();
		off();
		expect(result.failures).toEqual([]);
		expect(pendingWriteCount()).toBe(0);
		await inFlight;
		const back = await getAssessment(a.id, database);
		expect(back?.answers['q1']?.value).toBe(3);
		expect(back?.answers['q-note']?.note).toBe('typed but not saved');
	});

	it('reports failed writes instead of pretending they were stored', async () => {
		const a = await createAssessment(meta, database);
		vi.spyOn(database.answers, 'put').mockImplementation(
			() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never
		);
		const failing = saveAnswer(a.id, 'q1', ans(3), database).catch(() => 'caught');
		const result = await flushPendingWrites();
		expect(result.failures).toHaveLength(1);
		expect(isQuotaError(result.failures[0])).toBe(true);
		expect(await failing).toBe('caught');
	});
});

describe('list index (schema v3)', () => {
	/** The list read from the index must equal the list computed from the rows themselves. */
	async function expectIndexInStep() {
		const rows = await database.assessments.toArray();
		for (const row of rows) expect(row.listKey).toEqual(listKeyOf(row));
		const fromRows = rows
			.map(toSummary)
			.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
		expect(await listAssessments(database)).toEqual(fromRows);
	}

	it('stays in step with every kind of write', async () => {
		const a = await createAssessment(meta, database);
		await expectIndexInStep();
		await saveAnswer(a.id, 'q1', { value: 2, evidence: [], updatedAt: 'x' }, database);
		await saveAnswer(
			a.id,
			'q2',
			{ value: 'na', naReason: 'n/a', evidence: [], updatedAt: 'x' },
			database
		);
		await expectIndexInStep();
		await saveAnswer(a.id, 'q1', null, database);
		await expectIndexInStep();
		await renameAssessment(a.id, 'Acme Holdings', database);
		await updateAssessment(
			a.id,
			{ meta: { ...meta, organisation: 'Acme Holdings', targetReportDate: null, assessor: '' } },
			database
		);
		await expectIndexInStep();
		await markExported(a.id, '2026-11-28T10:00:00.000Z', database);
		await expectIndexInStep();
		const copy = await duplicateAssessment(a.id, 'Acme Q2', database);
		await putAssessment({ ...copy, meta: { ...copy.meta, assessor: 'Grace' } }, database);
		await expectIndexInStep();
		await deleteAssessment(a.id, database);
		await expectIndexInStep();
		expect((await listAssessments(database)).map((s) => s.organisation)).toEqual(['Acme Q2']);
		expect((await listAssessments(database))[0]).toMatchObject({
			assessor: 'Grace',
			answered: 1,
			targetReportDate: null,
			lastExportedAt: null
		});
	});

	it('lists the summaries without reading a single row', async () => {
		for (let i = 0; i < 5; i++)
			await createAssessment({ ...meta, organisation: `Org ${i}` }, database);
		const toArray = vi.spyOn(database.assessments, 'toArray');
		const get = vi.spyOn(database.assessments, 'get');
		expect(await listAssessments(database)).toHaveLength(5);
		expect(toArray).not.toHaveBeenCalled();
		expect(get).not.toHaveBeenCalled();
	});

	it('still lists a row that is missing from the index, from the row itself', async () => {
		const a = await createAssessment(meta, database);
		const stray = { ...(await database.assessments.get(a.id))!, id: 'stray', updatedAt: 'z' };
		delete (stray as Partial<AssessmentRow>).listKey;
		await database.assessments.add(stray);
		const list = await listAssessments(database);
		expect(list.map((s) => s.id)).toEqual(['stray', a.id]);
		expect(list[0]).toEqual(toSummary(stray));
	});

	it('keeps odd values indexable (a null or missing field never drops a row)', () => {
		const key = listKeyOf({
			id: 'x',
			meta: { organisation: 'X', assessor: undefined, assessmentDate: '2026-01-01' } as never,
			createdAt: 'c',
			updatedAt: 'u',
			lastExportedAt: undefined,
			answeredCount: Number.NaN
		});
		expect(key).toEqual(['u', 'x', 'X', '', '2026-01-01', '', 'c', '', 0]);
		expect(indexedDB.cmp(key, key)).toBe(0);
	});
});
