/**
 * The start page's list state (issue 19, fourth pass): the first read is the light one (plain
 * IndexedDB, no Dexie), shows what Dexie's read shows, and Dexie's live query takes over when
 * the page needs it (a write, or a change stored elsewhere). Each test starts from fresh modules,
 * as a page does: nothing has asked for Dexie yet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Assessment } from '$lib/domain/types';

type Db = typeof import('$lib/db');
type Light = typeof import('$lib/db/light');

const exportDir = path.resolve('test/fixtures/assessments');
const fixtures: Assessment[] = readdirSync(exportDir)
	.filter((f) => f.endsWith('.json'))
	.map(
		(f) =>
			(JSON.parse(readFileSync(path.join(exportDir, f), 'utf8')) as { assessment: Assessment })
				.assessment
	);

let n = 0;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const f of cleanup.splice(0).reverse()) await f();
});

async function exists(name: string): Promise<boolean> {
	return (await indexedDB.databases()).some((d) => d.name === name);
}

/**
 * A page's modules, fresh (Dexie not asked for), reading the database `name`. `seed` stores
 * through a Dexie connection of its own before the page starts (another tab, earlier).
 */
async function openPage(name: string, seed?: (db: Db) => Promise<void>) {
	vi.resetModules();
	const db: Db = await import('$lib/db');
	const light: Light = await import('$lib/db/light');
	const { startListState } = await import('./assessments-test-root.svelte');
	if (seed) {
		const other = new db.ReadinessDB(name);
		await seed({ ...db, db: () => other } as Db);
		other.close();
	}
	// The page's database name (as the app's own would be), without opening it.
	db.setDb(new db.ReadinessDB(name));
	cleanup.push(async () => {
		db.setDb(null);
		await new db.ReadinessDB(name).delete();
	});
	const { state, stop } = startListState();
	cleanup.push(stop);
	await vi.waitFor(() => expect(state.loading).toBe(false));
	/** Another Dexie connection to the page's database (a second look, or another tab). */
	const other = () => {
		const d = new db.ReadinessDB(name);
		cleanup.push(() => d.close());
		return d;
	};
	return { state, db, light, other };
}

describe('the start page list, read light first', () => {
	it('shows the stored assessments as Dexie lists them, without asking for Dexie', async () => {
		const name = `list-state-${++n}`;
		const { state, db, light, other } = await openPage(name, async (d) => {
			for (const a of fixtures) await d.putAssessment(structuredClone(a), d.db());
			await d.setSetting('list.sort', 'name', d.db());
		});
		expect(light.dbRequested()).toBe(false);
		expect(state.error).toBeNull();
		expect(state.items).toHaveLength(fixtures.length);
		expect(state.items).toEqual(await db.listAssessments(other()));
		// The remembered sort order came with the list.
		expect(state.sort).toBe('name');
	});

	it('follows the database live once a change is stored elsewhere (another tab)', async () => {
		const name = `list-state-${++n}`;
		const [first, second] = fixtures;
		const { state, db, light, other } = await openPage(name, (d) =>
			d.putAssessment(structuredClone(first!), d.db()).then(() => undefined)
		);
		expect(state.items.map((s) => s.id)).toEqual([first!.id]);
		expect(light.dbRequested()).toBe(false);
		// Another tab: its own Dexie connection writes, and Dexie announces it.
		const tab = other();
		await db.putAssessment(structuredClone(second!), tab);
		await vi.waitFor(() =>
			expect(state.items.map((s) => s.id).sort()).toEqual([first!.id, second!.id].sort())
		);
		expect(light.dbRequested()).toBe(true);
		await db.deleteAssessment(first!.id, tab);
		await vi.waitFor(() => expect(state.items.map((s) => s.id)).toEqual([second!.id]));
	});

	it('writes through Dexie, loaded for the write, and the list follows it', async () => {
		const name = `list-state-${++n}`;
		const [first] = fixtures;
		const { state, light } = await openPage(name, (d) =>
			d.putAssessment(structuredClone(first!), d.db()).then(() => undefined)
		);
		expect(light.dbRequested()).toBe(false);
		await light.renameAssessment(first!.id, 'Renamed by the page');
		expect(light.dbRequested()).toBe(true);
		await vi.waitFor(() => expect(state.items[0]?.organisation).toBe('Renamed by the page'));
		state.setSort('name');
		await vi.waitFor(async () =>
			expect(await light.readSetting('list.sort')).toEqual({ value: 'name' })
		);
	});

	it('on a device without the database: the empty state, nothing created; the first assessment is then created', async () => {
		const name = `list-state-${++n}`;
		const { state, db, light, other } = await openPage(name);
		expect(state.items).toEqual([]);
		expect(state.error).toBeNull();
		expect(state.sort).toBe('modified');
		expect(light.dbRequested()).toBe(false);
		expect(await exists(name)).toBe(false);

		const created = await light.createAssessment({
			organisation: 'First Client',
			assessor: 'Ada Lovelace',
			assessmentDate: '2026-12-05',
			targetReportDate: null
		});
		expect(await exists(name)).toBe(true);
		await vi.waitFor(() => expect(state.items.map((s) => s.id)).toEqual([created.id]));
		expect((await db.getAssessment(created.id, other()))?.meta.organisation).toBe('First Client');
	});

	it('leaves a database of an older version to Dexie, which migrates it and lists it', async () => {
		const name = `list-state-${++n}`;
		const fx = JSON.parse(readFileSync(path.resolve('test/fixtures/db/v1.json'), 'utf8')) as {
			dexieVersion: number;
			stores: Record<string, string>;
			tables: Record<string, Record<string, unknown>[]>;
		};
		const { default: Dexie } = await import('dexie');
		const old = new Dexie(name);
		old.version(fx.dexieVersion).stores(fx.stores);
		await old.open();
		await old.transaction('rw', old.tables, async () => {
			for (const [table, rows] of Object.entries(fx.tables)) await old.table(table).bulkAdd(rows);
		});
		old.close();
		const { state, db, light, other } = await openPage(name);
		expect(light.dbRequested()).toBe(true);
		expect(state.items.length).toBe(fx.tables.assessments!.length);
		expect(state.items).toEqual(await db.listAssessments(other()));
	});
});
