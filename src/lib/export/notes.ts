/**
 * Import texts shared by the export module and the list page's import dialog (kept apart from
 * index.ts so the dialog does not pull the export code into the list page's first load).
 */

/** Why a “Keep both” copy shows “Never exported” while the original keeps its backup status. */
export const KEEP_BOTH_BACKUP_NOTE =
	'The copy gets its own identity, so the file backs up the original, not the copy: the copy shows “Never exported” until you export it.';
