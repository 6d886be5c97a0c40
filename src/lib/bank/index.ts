/**
 * The question bank for the app, compiled and validated at build time
 * (vite-plugins/soc2-bank.ts). The built app fetches it as data — hashed JSON files that the
 * service worker precaches, so it works offline — rather than as JavaScript: that keeps it out of
 * every page's JavaScript and JSON is cheaper to parse. In development and tests it is imported as
 * a module. Either way it is loaded lazily, never by the start page.
 *
 * A build emits it in two files (`split.ts`): `loadBankCore()` gives what the interview asks
 * with (the first file alone, the one the interview's HTML preloads), `loadBank()` the whole
 * bank (both files, joined). The first file is fetched once for both.
 */
import type { Bank, BankCore } from '$lib/domain/types';
import { fetchBankCore, fetchBankRest } from './fetch';
import { joinBank, type BankCoreFile } from './split';

let pendingCore: Promise<{ core: BankCoreFile; restUrl: string }> | null = null;
let pendingBank: Promise<Bank> | null = null;
let pendingModule: Promise<Bank> | null = null;

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

/** Forget a failed load, so that the next call tries again (e.g. a file failed to load offline). */
function retryable<T>(p: Promise<T>, forget: () => void): Promise<T> {
	p.catch(() => forget());
	return p;
}

/** Development and tests: the whole bank as a module (both virtual modules load on demand). */
function bankModule(): Promise<Bank> {
	return (pendingModule ??= retryable(
		import('virtual:soc2-bank').then((m) => m.default),
		() => (pendingModule = null)
	));
}

function coreFile(): Promise<{ core: BankCoreFile; restUrl: string }> {
	const url = preloadedUrl();
	return (pendingCore ??= retryable(
		url
			? fetchBankCore(url)
			: import('virtual:soc2-bank-url').then((m) => fetchBankCore(m.default ?? '')),
		() => (pendingCore = null)
	));
}

/**
 * What the interview asks with: the bank without the remediation templates, the points of focus
 * and the evidence request list (in development and tests, the whole bank). Loaded once.
 */
export function loadBankCore(): Promise<BankCore> {
	if (!import.meta.env.PROD) return bankModule();
	return coreFile().then((f) => f.core.bank);
}

/**
 * The compiled, validated bank, whole. Loaded once; later calls share the same object. Both
 * virtual modules are imported dynamically, so that Node scripts (`npm run report`, under tsx)
 * can import modules that use this one without resolving them.
 */
export function loadBank(): Promise<Bank> {
	// A build fetches the JSON files (and leaves the module out of the bundle altogether).
	if (!import.meta.env.PROD) return bankModule();
	return (pendingBank ??= retryable(
		coreFile().then(async ({ core, restUrl }) => joinBank(core.bank, await fetchBankRest(restUrl))),
		() => (pendingBank = null)
	));
}
