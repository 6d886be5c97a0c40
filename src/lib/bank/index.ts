/**
 * The question bank for the app, compiled and validated at build time
 * (vite-plugins/soc2-bank.ts). The built app fetches it as data — a hashed JSON file that the
 * service worker precaches, so it works offline — rather than as JavaScript: that keeps it out of
 * every page's JavaScript and JSON is cheaper to parse. In development and tests it is imported as
 * a module. Either way it is loaded lazily, never by the start page.
 */
import type { Bank } from '$lib/domain/types';
import { fetchBank } from './fetch';

let pending: Promise<Bank> | null = null;

/**
 * The bank's URL as the page's HTML preloads it (the interview and presenter pages, see
 * src/hooks.server.ts): fetching it from there uses the preloaded download at once, without
 * first loading the module that holds the URL (one round trip less before the first question).
 */
function preloadedUrl(): string | null {
	if (typeof document === 'undefined') return null;
	return (
		document.querySelector<HTMLLinkElement>('link[rel="preload"][data-soc2-bank]')?.href || null
	);
}

/**
 * The compiled, validated bank. Loaded once; later calls share the same object. Both virtual
 * modules are imported dynamically, so that Node scripts (`npm run report`, under tsx) can import
 * modules that use this one without resolving them.
 */
export function loadBank(): Promise<Bank> {
	// A build fetches the JSON file (and leaves the module out of the bundle altogether).
	pending ??= (
		import.meta.env.PROD
			? preloadedUrl()
				? fetchBank(preloadedUrl()!)
				: import('virtual:soc2-bank-url').then((m) => fetchBank(m.default ?? ''))
			: import('virtual:soc2-bank').then((m) => m.default)
	).catch((err: unknown) => {
		pending = null; // allow a retry (e.g. a chunk or the file failed to load)
		throw err;
	});
	return pending;
}
