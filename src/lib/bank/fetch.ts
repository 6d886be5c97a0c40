/**
 * Fetches the built question bank (the hashed JSON file the service worker precaches), with a
 * message a user can act on when it cannot be had. Used by `loadBank` and by the report-model
 * worker, which is given the file's URL by the page.
 */
import type { Bank } from '$lib/domain/types';

export async function fetchBank(url: string): Promise<Bank> {
	let res: Response;
	try {
		res = await fetch(url);
	} catch {
		throw new Error(
			'The question bank could not be loaded (no network and not yet stored for offline use). Reload the page once you are online.'
		);
	}
	if (!res.ok) throw new Error(`The question bank could not be loaded (HTTP ${res.status}).`);
	return (await res.json()) as Bank;
}
