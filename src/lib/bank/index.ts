/**
 * The question bank for the app. The compiled bank is bundled into the build (never fetched)
 * and loaded lazily, so it is not part of the start page's initial JavaScript.
 */
import type { Bank } from '$lib/domain/types';

let pending: Promise<Bank> | null = null;

/** The compiled, validated bank. Loaded once; later calls share the same object. */
export function loadBank(): Promise<Bank> {
	pending ??= import('virtual:soc2-bank').then(
		(m) => m.default,
		(err: unknown) => {
			pending = null; // allow a retry (e.g. a chunk failed to load)
			throw err;
		}
	);
	return pending;
}
