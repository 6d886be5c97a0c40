/**
 * The light first read (light.ts): plain IndexedDB for a page's first paint, never creating or
 * upgrading the database, and showing exactly what Dexie's read shows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Assessment } from '$lib/domain/types';
import {
	ReadinessDB,
	getAssessment,
	getRevision,
	getSetting,
	listAssessments,
	putAssessment,
	setDb,
	setSetting,
	toRow,
	type AnswerRow
} from './index';
import * as light from './light';
import {
	DB_VERSION,
	NATIVE_VERSION,
	STORAGE_MUTATED,
	loadDb,
	openExisting,
	readAssessment,
	readAssessmentList,
	readSetting,
	whenDbNeeded
} from './light';

let n = 0;
const opened: Dexie[] = [];
const fresh = () => `light-${++n}`;
afterEach(async () => {
	for (const d of opened.splice(0)) await d.delete();
});

async function exists(name: string): Promise<boolean> {
	return (await indexedDB.databases()).some((d) => d.name === name);
}

function current(name: string): ReadinessDB {
	const d = new ReadinessDB(name);
	opened.push(d);
	return d;
}

const exportDir = path.resolve('test/fixtures/assessments');
const assessments: Assessment[] = readdirSync(exportDir)
	.filter((f) => f.endsWith('.json'))
	.map(
		(f) =>
			(JSON.parse(readFileSync(path.join(exportDir, f), 'utf8')) as { assessment: Assessment })
				.assessment
	);

const dbDir = path.resolve('test/fixtures/db');
const released = readdirSync(dbDir)
	.filter((f) => /^v\d+\.json$/.test(f))
	.map((f) => ({
		file: f,
		fx: JSON.parse(readFileSync(path.join(dbDir, f), 'utf8')) as {
			dexieVersion: number;
			stores: Record<string, string>;
			tables: Record<string, Record<string, unknown>[]>;
		}
	}));

/** A released database shape, stored with exactly the schema of its version. */
async function seedReleased(fx: (typeof released)[number]['fx'], name: string): Promise<void> {
	const old = new Dexie(name);
	old.version(fx.dexieVersion).stores(fx.stores);
	await old.open();
	await old.transaction('rw', old.tables, async () => {
		for (const [table, rows] of Object.entries(fx.tables)) {
			const decoded = rows.map((row) => {
				const out: Record<string, unknown> = {};
				for (const [k, v] of Object.entries(row)) {
					const b = (v as { $bytes?: unknown } | null)?.$bytes;
					out[k] = typeof b === 'string' ? new Uint8Array(Buffer.from(b, 'base64')) : v;
				}
				return out;
			});
			await old.table(table).bulkAdd(decoded);
		}
	});
	old.close();
}

/** The light read equals Dexie's read (assessment and revision) for this id. */
async function expectSameRead(database: ReadinessDB, id: string): Promise<void> {
	const light = await readAssessment(id, database.name);
	expect(light, `the light reader read ${id}`).not.toBeNull();
	expect(light!.assessment).toEqual(await getAssessment(id, database));
	expect(light!.revision).toBe((await getRevision(id, database)) ?? 0);
}

describe('the light reader', () => {
	it('is written for the schema version Dexie declares (raise DB_VERSION with a new version block)', () => {
		const probe = new ReadinessDB('light-version-probe');
		expect(DB_VERSION).toBe(probe.verno);
		expect(NATIVE_VERSION).toBe(probe.verno * 10);
	});

	it('leaves a missing database to Dexie and does not create it', async () => {
		const name = fresh();
		expect(await openExisting(name)).toBeNull();
		expect(await readAssessment('anything', name)).toBeNull();
		expect(await readSetting('anything', name)).toBeNull();
		expect(await exists(name)).toBe(false);
		// Dexie then creates it at this build's version, and the light reader can read it.
		const database = current(name);
		expect(await getAssessment('anything', database)).toBeUndefined();
		expect(await exists(name)).toBe(true);
		expect(await readAssessment('anything', name)).toEqual({
			assessment: undefined,
			revision: 0
		});
	});

	it.each(released.map((r) => [r.file, r.fx] as const))(
		'leaves a %s database (an older version) to Dexie, which migrates it; then reads what Dexie reads',
		async (_file, fx) => {
			const name = fresh();
			await seedReleased(fx, name);
			const d = indexedDB.open(name);
			const version = await new Promise<number>((resolve) => {
				d.onsuccess = () => {
					resolve(d.result.version);
					d.result.close();
				};
			});
			expect(version).toBe(fx.dexieVersion * 10);
			const ids = fx.tables.assessments!.map((r) => r.id as string);
			if (version !== NATIVE_VERSION) {
				for (const id of ids) expect(await readAssessment(id, name)).toBeNull();
				expect(await readSetting('list.sort', name)).toBeNull();
				expect(await readAssessmentList(name)).toBeNull();
			}
			// Nothing was upgraded by the light reader: the database is at its old version still.
			const again = indexedDB.open(name);
			await new Promise<void>((resolve) => {
				again.onsuccess = () => {
					expect(again.result.version).toBe(fx.dexieVersion * 10);
					again.result.close();
					resolve();
				};
			});
			const database = current(name);
			await database.open();
			expect(database.verno).toBe(DB_VERSION);
			for (const id of ids) await expectSameRead(database, id);
			const listed = await readAssessmentList(name);
			expect(listed).toHaveLength(ids.length);
			expect(listed).toEqual(await listAssessments(database));
			expect(await readSetting('list.sort', name)).toEqual({
				value: await getSetting('list.sort', database)
			});
		}
	);

	it.each(assessments.map((a) => [a.id, a] as const))(
		'reads %s exactly as Dexie does',
		async (_id, a) => {
			const database = current(fresh());
			await putAssessment(structuredClone(a), database);
			await expectSameRead(database, a.id);
		}
	);

	it('repairs a stored row on read exactly as Dexie does (the shared fromRow)', async () => {
		const database = current(fresh());
		const a = structuredClone(assessments.find((x) => x.subservices.length > 0)!);
		await putAssessment(a, database);
		// A row written before the repair rules: two vendors with one id, a twin evidence id.
		const twin = { ...a.subservices[0]!, name: 'Twin vendor' };
		const row = toRow({ ...a, subservices: [...a.subservices, twin] }, 7);
		await database.assessments.put(row);
		const [qid, answer] = Object.entries(a.answers).find(([, x]) => x.evidence.length > 0)!;
		const pointer = answer.evidence[0]!;
		const damaged: AnswerRow = {
			...answer,
			evidence: [pointer, { ...pointer }],
			assessmentId: a.id,
			questionId: qid
		};
		await database.answers.put(damaged);
		const light = await readAssessment(a.id, database.name);
		expect(light!.revision).toBe(7);
		const ids = light!.assessment!.subservices.map((s) => s.id);
		expect(new Set(ids).size).toBe(ids.length);
		const evidence = light!.assessment!.answers[qid]!.evidence.map((e) => e.id);
		expect(new Set(evidence).size).toBe(evidence.length);
		await expectSameRead(database, a.id);
	});

	it('reads a revision as Dexie does (missing: undefined)', async () => {
		const database = current(fresh());
		const a = structuredClone(assessments[0]!);
		await putAssessment(a, database);
		setDb(database);
		try {
			expect(await light.getRevision(a.id)).toBe(await getRevision(a.id, database));
			expect(await light.getRevision(a.id)).toBeGreaterThan(0);
			expect(await light.getRevision('not-stored')).toBeUndefined();
		} finally {
			setDb(null);
		}
	});

	it('says a missing assessment is missing, as Dexie does', async () => {
		const database = current(fresh());
		await putAssessment(structuredClone(assessments[0]!), database);
		expect(await readAssessment('not-stored', database.name)).toEqual({
			assessment: undefined,
			revision: 0
		});
		expect(await getAssessment('not-stored', database)).toBeUndefined();
	});

	it('lists nothing on a device without the database, and does not create it', async () => {
		const name = fresh();
		expect(await readAssessmentList(name)).toEqual([]);
		expect(await exists(name)).toBe(false);
		// What Dexie lists once it has created the database.
		expect(await listAssessments(current(name))).toEqual([]);
		expect(await exists(name)).toBe(true);
		expect(await readAssessmentList(name)).toEqual([]);
	});

	it('lists the assessments as Dexie does, from the index or, when a row is missing from it, the rows', async () => {
		const database = current(fresh());
		await database.open();
		expect(await readAssessmentList(database.name)).toEqual([]);
		for (const a of assessments) await putAssessment(structuredClone(a), database);
		const listed = await readAssessmentList(database.name);
		expect(listed).toHaveLength(assessments.length);
		expect(listed).toEqual(await listAssessments(database));
		// A row written by code that bypassed the db module, without its index key.
		const { listKey: _k, ...row } = toRow(
			{
				...structuredClone(assessments[0]!),
				id: 'no-list-key',
				updatedAt: '2027-01-01T00:00:00.000Z'
			},
			1
		);
		await database.assessments.put(row as never);
		const again = await readAssessmentList(database.name);
		expect(again).toHaveLength(assessments.length + 1);
		expect(again![0]!.id).toBe('no-list-key');
		expect(again).toEqual(await listAssessments(database));
	});

	it('reads settings as Dexie does (unset: undefined)', async () => {
		const database = current(fresh());
		await setSetting('paper', 'letter', database);
		await setSetting('firm-library', { name: 'Firm', questions: [] }, database);
		for (const key of ['paper', 'firm-library', 'never-set'])
			expect(await readSetting(key, database.name)).toEqual({
				value: await getSetting(key, database)
			});
	});

	it('does not hold up a Dexie upgrade (its connection closes at once)', async () => {
		const name = fresh();
		const database = current(name);
		await database.open();
		database.close();
		const held = await openExisting(name);
		expect(held).not.toBeNull();
		// Another connection asks for a newer version: the light connection lets go.
		const next = new Dexie(name);
		opened.push(next);
		next.version(DB_VERSION + 1).stores({ settings: 'key' });
		await next.open();
		expect(next.verno).toBe(DB_VERSION + 1);
		// …and this build's light reader now leaves that database to Dexie.
		expect(await readSetting('x', name)).toBeNull();
	});
});

describe('Dexie on demand', () => {
	it('is needed once the database module is asked for', async () => {
		let calls = 0;
		const stop = whenDbNeeded(() => (calls += 1));
		await loadDb();
		await Promise.resolve();
		expect(calls).toBe(1);
		stop();
		// Asked for already: a new waiter hears at once.
		let later = 0;
		whenDbNeeded(() => (later += 1));
		await new Promise<void>((r) => queueMicrotask(r));
		expect(later).toBe(1);
	});

	it('is needed when Dexie stores something elsewhere (another tab, its broadcast)', async () => {
		// A page that has not loaded Dexie: a fresh copy of the light module.
		vi.resetModules();
		const light = await import('./light');
		expect(light.dbRequested()).toBe(false);
		const needed = new Promise<void>((resolve) => light.whenDbNeeded(resolve));
		// "Another tab": a Dexie connection of its own writes, and Dexie broadcasts the change.
		const database = current(fresh());
		await setSetting('announced', true, database);
		await needed;
		expect(light.dbRequested()).toBe(false);
		expect(STORAGE_MUTATED).toBe('x-storagemutated-1');
	});

	it('stops waiting when told to', async () => {
		vi.resetModules();
		const light = await import('./light');
		let calls = 0;
		const stop = light.whenDbNeeded(() => (calls += 1));
		stop();
		await light.loadDb();
		await Promise.resolve();
		expect(calls).toBe(0);
	});
});
