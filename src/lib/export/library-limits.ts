/**
 * The firm library's bounds and its empty value: what the library page needs to draw itself.
 * Kept apart from the library file's reader and writer (library.ts: valibot, the file schema,
 * the bank's custom-question checks), which the page and its state import on demand, when a
 * change is stored or a file is exported or imported.
 */
import { FIELD_LIMITS } from '$lib/domain/fields';
import type { FirmLibrary } from '$lib/domain/types';

/** Bounds on a library (far above real use); text limits are those of `$lib/domain/fields`. */
export const LIBRARY_LIMITS = {
	name: FIELD_LIMITS.libraryName,
	questions: 500,
	ownerRoles: 200,
	roleName: FIELD_LIMITS.planOwnerRole,
	introduction: FIELD_LIMITS.reportIntroduction
} as const;

/** An empty library, named. */
export function emptyLibrary(name: string, now: string): FirmLibrary {
	return {
		name,
		questions: [],
		branding: { logoDataUrl: null, brandColor: null },
		ownerRoles: {},
		introduction: '',
		updatedAt: now
	};
}
