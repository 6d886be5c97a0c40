/**
 * The firm library on this device: one row of the settings table (no schema change). Every
 * change is a read-modify-write inside one transaction, so two quick edits (or two tabs) never
 * lose each other's change; the mutator validates and throws to store nothing.
 */
import type { FirmLibrary } from '$lib/domain/types';
import { db, type ReadinessDB } from './index';
import { trackWrite } from './pending';
import { LIBRARY_SETTING } from './rows';

export { LIBRARY_SETTING };

export async function getLibrary(database: ReadinessDB = db()): Promise<FirmLibrary | undefined> {
	return (await database.settings.get(LIBRARY_SETTING))?.value as FirmLibrary | undefined;
}

/**
 * Change the library in one transaction: `change` receives what is stored now (undefined when
 * there is no library) and returns the library to store. Resolves with it after the commit;
 * when `change` throws, nothing is stored and the error is passed on.
 */
export async function updateLibrary(
	change: (current: FirmLibrary | undefined) => FirmLibrary,
	database: ReadinessDB = db()
): Promise<FirmLibrary> {
	return trackWrite(
		database.transaction('rw', database.settings, async () => {
			const current = (await database.settings.get(LIBRARY_SETTING))?.value as
				FirmLibrary | undefined;
			const next = change(current === undefined ? undefined : structuredClone(current));
			await database.settings.put({ key: LIBRARY_SETTING, value: next });
			return next;
		})
	);
}

export async function deleteLibrary(database: ReadinessDB = db()): Promise<void> {
	await trackWrite(database.settings.delete(LIBRARY_SETTING));
}
