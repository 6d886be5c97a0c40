/**
 * The light way into storage for a page's first paint (issue 19): what the interview, presenter,
 * results, export and library pages read first is read here with plain IndexedDB, and Dexie (the
 * database module `index.ts`, its live queries, the write path) loads only when the page needs it:
 * its first write, or a change stored by another tab or by this page's own Dexie (a team sync).
 * This module never imports Dexie; `test/unit/initial-imports.test.ts` keeps it so.
 *
 * Rules of the light reader:
 * - It never creates or upgrades the database. A database that does not exist, or whose version
 *   is not the one this build's Dexie schema declares (Dexie opens version n as n × 10), is left
 *   to Dexie (`null` comes back and the caller reads through Dexie, which runs the migrations).
 * - It shows what Dexie would: the rows go through the same `fromRow` (repair on read).
 * - Any failure (no IndexedDB, a blocked or refused open, a missing table) also returns `null`:
 *   the caller falls back to Dexie, which reports real errors as before.
 *
 * The Dexie-free helpers the pages use (write tracking, drafts, error messages, ids: `common.ts`,
 * the same list `index.ts` re-exports) are re-exported here so that importing them never brings
 * Dexie in.
 */
import type { Assessment } from '$lib/domain/types';
import type { AssessmentRow, AssessmentSummary, ListKey, SettingRow } from './index';
import { loadDb } from './on-demand';
import { trackWrite } from './pending';
import { completion, request } from './idb';
import { openExisting, readAssessment, withStores } from './light-read';
import { currentDbName, fromListKey, toSummary } from './rows';

export * from './common';
export {
	STORAGE_MUTATED,
	dbRequested,
	loadDb,
	loadDbOnInteraction,
	whenDbNeeded
} from './on-demand';

type DbModule = typeof import('./index');

export { NATIVE_VERSION, openExisting, readAssessment, type LightAssessment } from './light-read';

// -------------------------------------------------------------------------- the light reader

/**
 * Every assessment's summary, most recently modified first, as `listAssessments` reads it: the
 * `listKey` index alone, or the rows when one is missing from the index; null: read it through
 * Dexie. A device without the database has no assessment: `[]`, and nothing is created (the
 * start page of a first visit shows its empty state without Dexie).
 */
export function readAssessmentList(name = currentDbName()): Promise<AssessmentSummary[] | null> {
	return withStores(
		['assessments'],
		async (tx) => {
			const store = tx.objectStore('assessments');
			const [keys, total] = await Promise.all([
				new Promise<ListKey[]>((resolve, reject) => {
					const out: ListKey[] = [];
					const cursor = store.index('listKey').openKeyCursor(null, 'prev');
					cursor.onsuccess = () => {
						const c = cursor.result;
						if (!c) return resolve(out);
						out.push(c.key as ListKey);
						c.continue();
					};
					cursor.onerror = () => reject(cursor.error);
				}),
				request(store.count())
			]);
			if (keys.length === total) return keys.map(fromListKey);
			const rows = await request(store.index('updatedAt').getAll() as IDBRequest<AssessmentRow[]>);
			return rows.reverse().map(toSummary);
		},
		name,
		() => []
	);
}

/** A setting's stored value (`{ value: undefined }` when unset); null: read it through Dexie. */
export function readSetting<T>(
	key: string,
	name = currentDbName()
): Promise<{ value: T | undefined } | null> {
	return withStores(
		['settings'],
		async (tx) => {
			const row = await request(
				tx.objectStore('settings').get(key) as IDBRequest<SettingRow | undefined>
			);
			return { value: row?.value as T | undefined };
		},
		name
	);
}

/**
 * Store this device's place in an assessment's interview (`interview` of its row, nothing else:
 * not a modification, no revision), as Dexie's `update` does, without loading Dexie: a page
 * opened at a question writes its place before anyone touches it. False when the light reader
 * cannot write there (see the rules above): write through Dexie then.
 */
export async function writeInterviewLight(
	id: string,
	interview: unknown,
	name = currentDbName()
): Promise<boolean> {
	const d = await openExisting(name);
	if (!d) return false;
	try {
		const tx = d.transaction(['assessments'], 'readwrite', { durability: 'strict' });
		const done = completion(tx);
		const store = tx.objectStore('assessments');
		const row = await request(store.get(id) as IDBRequest<AssessmentRow | undefined>);
		if (row) store.put({ ...row, interview });
		await done;
		return true;
	} catch {
		return false;
	} finally {
		d.close();
	}
}

// ------------------------------------------------------- reads and writes the pages share

/** A setting: the light read, or through Dexie when the light reader cannot read it. */
export async function getSetting<T>(key: string): Promise<T | undefined> {
	const light = await readSetting<T>(key);
	if (light) return light.value;
	return (await loadDb()).getSetting<T>(key);
}

/** An assessment (undefined: not stored): the light read, or through Dexie when it cannot. */
export async function getAssessment(id: string): Promise<Assessment | undefined> {
	const light = await readAssessment(id);
	if (light) return light.assessment;
	return (await loadDb()).getAssessment(id);
}

/** An assessment's revision (undefined: not stored), as `getRevision`; through Dexie when it cannot. */
export async function getRevision(id: string): Promise<number | undefined> {
	const light = await withStores(
		['assessments'],
		async (tx) => {
			const row = await request(
				tx.objectStore('assessments').get(id) as IDBRequest<AssessmentRow | undefined>
			);
			return { revision: row?.revision };
		},
		currentDbName()
	);
	if (light) return light.revision;
	return (await loadDb()).getRevision(id);
}

/** The list of assessments: the light read, or through Dexie when it cannot. */
export async function listAssessments(): Promise<AssessmentSummary[]> {
	return (await readAssessmentList()) ?? (await loadDb()).listAssessments();
}

/**
 * A write of the database module, loaded with it on the first call. Tracked from the call (so an
 * app update waits for it while Dexie loads), resolving only after its commit like the write.
 */
function write<K extends keyof DbModule>(name: K): DbModule[K] {
	return ((...args: unknown[]) =>
		trackWrite(
			loadDb().then((m) => (m[name] as (...a: unknown[]) => Promise<unknown>)(...args))
		)) as DbModule[K];
}

export const setSetting = write('setSetting');
// The start page's dialogs (issue 19, fourth pass): the list is read light, its writes load Dexie.
export const createAssessment = write('createAssessment');
export const putAssessment = write('putAssessment');
export const renameAssessment = write('renameAssessment');
export const duplicateAssessment = write('duplicateAssessment');
export const deleteAssessment = write('deleteAssessment');
export const updateBranding = write('updateBranding');
export const setActionDone = write('setActionDone');
export const clearActionsDone = write('clearActionsDone');
export const setRequestPrepared = write('setRequestPrepared');
export const saveCustomQuestion = write('saveCustomQuestion');
export const setCustomQuestionRetired = write('setCustomQuestionRetired');
export const startReassessment = write('startReassessment');
