/**
 * Fetches the built question bank (hashed JSON files the service worker precaches), with a
 * message a user can act on when it cannot be had. The bank comes in two files (`split.ts`): the
 * first, whose URL the app knows, holds what the interview reads and names the second, which holds
 * the rest. Used by `loadBank`/`loadBankCore` and by the report-model worker, which is given the
 * first file's URL by the page and fetches both (`fetchBank`).
 */
import type { Bank } from '$lib/domain/types';
import { joinBank, type BankCoreFile, type BankRest } from './split';

/** The second file's name as the build writes it: a file in the first one's folder, nothing else. */
const REST_FILE = /^soc2-bank-rest\.[A-Za-z0-9_-]+\.json$/;

const damaged = () =>
	new Error('The question bank could not be loaded (the file is damaged). Reload the page.');

async function fetchJson<T>(url: string): Promise<T> {
	let res: Response;
	try {
		res = await fetch(url);
	} catch {
		throw new Error(
			'The question bank could not be loaded (no network and not yet stored for offline use). Reload the page once you are online.'
		);
	}
	if (!res.ok) throw new Error(`The question bank could not be loaded (HTTP ${res.status}).`);
	try {
		return (await res.json()) as T;
	} catch {
		throw damaged();
	}
}

/** The first file: the interview's part of the bank, and the URL of the rest. */
export async function fetchBankCore(url: string): Promise<{ core: BankCoreFile; restUrl: string }> {
	const core = await fetchJson<BankCoreFile>(url);
	if (
		!core ||
		typeof core.rest !== 'string' ||
		!REST_FILE.test(core.rest) ||
		!core.bank ||
		!Array.isArray(core.bank.questions)
	)
		throw damaged();
	// The second file sits beside the first (same folder; a relative or an absolute URL).
	return { core, restUrl: url.slice(0, url.lastIndexOf('/') + 1) + core.rest };
}

/** The second file: the remediation templates, the points of focus and the request list. */
export async function fetchBankRest(url: string): Promise<BankRest> {
	const rest = await fetchJson<BankRest>(url);
	if (
		!rest ||
		typeof rest.remediation !== 'object' ||
		!Array.isArray(rest.pointsOfFocus) ||
		!Array.isArray(rest.evidenceRequests)
	)
		throw damaged();
	return rest;
}

/** The whole bank from the first file's URL: both files, joined. */
export async function fetchBank(url: string): Promise<Bank> {
	const { core, restUrl } = await fetchBankCore(url);
	return joinBank(core.bank, await fetchBankRest(restUrl));
}
