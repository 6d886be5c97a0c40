/**
 * A cache of computed reports, so that a later visit of the results or export page shows the
 * report before the report-model worker has started (issue 19). It is purely a cache:
 *
 * - It lives in a database of its own (`<app database>-report-cache`), never in the app's
 *   database: nothing saved there changes, no schema version is added, and exports, imports,
 *   backups and the team sync never see it. It may be dropped at any time.
 * - Every entry is stored under a *slot* (one per assessment and kind of report) with the *key*
 *   it was computed for: a digest of every input of the computation, made by the caller
 *   (`src/lib/report/model-cache.ts`). An entry is returned only for the very key asked for, so
 *   an entry of an assessment that changed since (another tab, an import, a sync), of another
 *   bank, another build of the engine or another day is never returned.
 * - Any failure (no IndexedDB, a blocked open, a damaged entry, a full disk) reads as "no entry"
 *   and writes nothing; it is never an error for the page.
 * - At most `MAX_SLOTS` slots are kept (the most recently written), and `pruneReports` drops the
 *   slots of assessments no longer stored.
 *
 * Two stores: `keys` (slot → key, assessment id, time written: small) and `values` (slot → the
 * value), so that a stale entry is recognised without reading, or cloning, its report.
 * This module never imports Dexie.
 */
import { currentDbName } from './rows';
import { completion, request } from './idb';

export const MAX_SLOTS = 12;
const VERSION = 1;

interface KeyRow {
	slot: string;
	key: string;
	id: string;
	at: number;
}

interface ValueRow<T> {
	slot: string;
	key: string;
	value: T;
}

/**
 * The cache database of the current app database (tests give theirs to `useDbName`). The
 * report-model worker, which writes the entries, is given this name by the page.
 */
export function cacheDbName(): string {
	return `${currentDbName()}-report-cache`;
}

function open(db: string): Promise<IDBDatabase | null> {
	return new Promise((resolve) => {
		let req: IDBOpenDBRequest;
		try {
			req = indexedDB.open(db, VERSION);
		} catch {
			resolve(null);
			return;
		}
		req.onupgradeneeded = () => {
			const d = req.result;
			for (const name of [...d.objectStoreNames]) d.deleteObjectStore(name);
			d.createObjectStore('keys', { keyPath: 'slot' });
			d.createObjectStore('values', { keyPath: 'slot' });
		};
		req.onsuccess = () => {
			const d = req.result;
			d.onversionchange = () => d.close();
			resolve(d);
		};
		req.onerror = (e) => {
			e.preventDefault();
			resolve(null);
		};
		req.onblocked = () => resolve(null);
	});
}

async function withCache<T>(
	db: string,
	mode: IDBTransactionMode,
	work: (keys: IDBObjectStore, values: IDBObjectStore) => Promise<T>
): Promise<T | null> {
	let d: IDBDatabase | null = null;
	try {
		d = await open(db);
		if (!d) return null;
		const tx = d.transaction(['keys', 'values'], mode);
		const done = completion(tx);
		const out = await work(tx.objectStore('keys'), tx.objectStore('values'));
		await done;
		return out;
	} catch {
		return null;
	} finally {
		d?.close();
	}
}

/** When the last entry was written here (strictly increasing: the order of the writes). */
let lastAt = 0;

/** The keys stored, by slot (small rows only); null when they cannot be read. */
export async function readKeys(
	db = cacheDbName()
): Promise<Map<string, { key: string; id: string }> | null> {
	return withCache(db, 'readonly', async (keys) => {
		const rows = (await request(keys.getAll())) as KeyRow[];
		return new Map(rows.map((r) => [r.slot, { key: r.key, id: r.id }]));
	});
}

/**
 * The value stored in `slot` for exactly `key`; null when there is none (or it cannot be read).
 * `known`: the keys read before (`readKeys`), which spares reading the slot's key again; a value
 * is returned only when its own row carries `key`, whatever was written since.
 */
export async function readReport<T>(
	slot: string,
	key: string,
	db = cacheDbName(),
	known: Map<string, { key: string }> | null = null
): Promise<T | null> {
	if (known && known.get(slot)?.key !== key) return null;
	const hit = await withCache(db, 'readonly', async (keys, values) => {
		if (!known) {
			const k = (await request(keys.get(slot))) as KeyRow | undefined;
			if (!k || k.key !== key) return null;
		}
		const v = (await request(values.get(slot))) as ValueRow<T> | undefined;
		// Both rows are written in one transaction; a value of another key is never returned.
		return v && v.key === key ? { value: v.value } : null;
	});
	return hit ? hit.value : null;
}

/**
 * Stores `value` in `slot` for `key` (replacing what the slot held), then drops the oldest slots
 * beyond `MAX_SLOTS`. Resolves true once it is committed, false when it could not be stored.
 */
export async function writeReport<T>(
	slot: string,
	id: string,
	key: string,
	value: T,
	db = cacheDbName()
): Promise<boolean> {
	const ok = await withCache(db, 'readwrite', async (keys, values) => {
		const row: KeyRow = { slot, key, id, at: (lastAt = Math.max(Date.now(), lastAt + 1)) };
		keys.put(row);
		values.put({ slot, key, value } satisfies ValueRow<T>);
		const all = ((await request(keys.getAll())) as KeyRow[]).sort((a, b) => b.at - a.at);
		for (const old of all.slice(MAX_SLOTS)) {
			if (old.slot === slot) continue;
			keys.delete(old.slot);
			values.delete(old.slot);
		}
		return true;
	});
	return ok === true;
}

/** Drops the slots of every assessment not in `stored` (the ids stored on this device). */
export async function pruneReports(stored: Iterable<string>, db = cacheDbName()): Promise<void> {
	const keep = new Set(stored);
	await pruneWhere((k) => !keep.has(k.id), db);
}

async function pruneWhere(drop: (k: KeyRow) => boolean, db: string): Promise<void> {
	await withCache(db, 'readwrite', async (keys, values) => {
		for (const k of (await request(keys.getAll())) as KeyRow[]) {
			if (!drop(k)) continue;
			keys.delete(k.slot);
			values.delete(k.slot);
		}
	});
}

/**
 * Drops the slots of one assessment: called when it is deleted, so that nothing computed from it
 * stays on the device ("delete means delete", docs/security.md).
 */
export async function dropReports(id: string, db = cacheDbName()): Promise<void> {
	await pruneWhere((k) => k.id === id, db);
}

/** Drops every entry (the cache may be dropped at any time). */
export async function clearReports(db = cacheDbName()): Promise<void> {
	await withCache(db, 'readwrite', async (keys, values) => {
		keys.clear();
		values.clear();
	});
}
