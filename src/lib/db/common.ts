/**
 * The Dexie-free helpers that both ways into storage export: the database module (`index.ts`,
 * with Dexie) and the light module (`light.ts`, without). One list, re-exported by both, so that
 * a page importing these from `$lib/db/light` never brings Dexie in and gets the same functions.
 * Nothing here may import Dexie or `index.ts` (`test/unit/initial-imports.test.ts`).
 */
export {
	flushPendingWrites,
	holdUnsaved,
	onFlush,
	pendingWriteCount,
	trackWrite,
	unsavedInput
} from './pending';
export { isQuotaError, storageErrorMessage } from './errors';
export { allowDrafts, dropDraft, forgetDrafts, keepDraft, takeDraft, type Draft } from './drafts';
export {
	DB_NAME,
	DB_VERSION,
	LIBRARY_SETTING,
	YOUR_NAME_KEY,
	fromListKey,
	fromRow,
	newId,
	orgKey,
	toSummary
} from './rows';
