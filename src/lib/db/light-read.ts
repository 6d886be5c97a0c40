/**
 * The light reader's core (see `light.ts`, which re-exports it): opening the app's database for
 * reading with plain IndexedDB, never creating or upgrading it, and reading one assessment. Kept
 * apart from `light.ts` so that the report-model worker, which reads the assessment of the page
 * that is loading itself (issue 19), imports only this: no Dexie loader, no write tracking.
 */
import type { AnswerRow, AssessmentRow } from './index';
import { completion, request } from './idb';
import { DB_VERSION, currentDbName, fromRow } from './rows';
import type { Assessment } from '$lib/domain/types';

/** The IndexedDB version of this build's schema (Dexie multiplies its version by 10). */
export const NATIVE_VERSION = DB_VERSION * 10;

/**
 * The database, open, when it exists at this build's version; 'missing' when there is no
 * database at all (nothing is created: the upgrade that opening a missing database starts is
 * aborted before it creates anything); null when it cannot be read here (leave it to Dexie).
 */
function openForRead(name: string): Promise<IDBDatabase | 'missing' | null> {
	return new Promise((resolve) => {
		let req: IDBOpenDBRequest;
		let missing = false;
		try {
			req = indexedDB.open(name);
		} catch {
			resolve(null);
			return;
		}
		req.onupgradeneeded = (e) => {
			// Opening without a version only upgrades a database that does not exist yet.
			missing = e.oldVersion === 0;
			try {
				req.transaction?.abort();
			} catch {
				/* already finished: onsuccess closes it below */
			}
		};
		req.onsuccess = () => {
			const d = req.result;
			if (d.version !== NATIVE_VERSION) {
				d.close();
				resolve(null);
				return;
			}
			// Never hold up Dexie's upgrade (this or another tab): let go at once when asked.
			d.onversionchange = () => d.close();
			resolve(d);
		};
		req.onerror = (e) => {
			e.preventDefault();
			resolve(missing ? 'missing' : null);
		};
		req.onblocked = () => resolve(null);
	});
}

/**
 * The database, open, when it exists at this build's version; otherwise null (nothing created:
 * the upgrade that opening a missing database starts is aborted before it creates anything).
 */
export async function openExisting(name = currentDbName()): Promise<IDBDatabase | null> {
	const d = await openForRead(name);
	return d === 'missing' ? null : d;
}

/** One read-only transaction on the database, closed afterwards; null when it cannot be done. */
export async function withStores<T>(
	stores: string[],
	read: (tx: IDBTransaction) => Promise<T>,
	name: string,
	/** What a device without the database reads (default: null, leave it to Dexie). */
	missing: (() => T) | null = null
): Promise<T | null> {
	const d = await openForRead(name);
	if (d === 'missing') return missing ? missing() : null;
	if (!d) return null;
	try {
		const tx = d.transaction(stores, 'readonly');
		const done = completion(tx);
		const out = await read(tx);
		await done;
		return out;
	} catch {
		return null;
	} finally {
		d.close();
	}
}

export interface LightAssessment {
	/** The assessment as `getAssessment` shows it (undefined: not stored on this device). */
	assessment: Assessment | undefined;
	/** Its row's revision (0 when it is not stored). */
	revision: number;
}

/**
 * The assessment and its revision, read in one transaction with plain IndexedDB; null when the
 * light reader cannot read it (see the rules above): read through Dexie then.
 */
export function readAssessment(
	id: string,
	name = currentDbName()
): Promise<LightAssessment | null> {
	return withStores(
		['assessments', 'answers'],
		async (tx) => {
			const [row, answers] = await Promise.all([
				request(tx.objectStore('assessments').get(id) as IDBRequest<AssessmentRow | undefined>),
				request(
					tx.objectStore('answers').index('assessmentId').getAll(id) as IDBRequest<AnswerRow[]>
				)
			]);
			if (!row) return { assessment: undefined, revision: 0 };
			return { assessment: fromRow(row, answers), revision: row.revision ?? 0 };
		},
		name
	);
}
