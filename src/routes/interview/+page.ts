import { browser } from '$app/environment';
import { loadBank } from '$lib/bank';

/**
 * Starts the question bank's download and parse as soon as SvelteKit prepares this page: when a
 * link to it is pressed or hovered (`data-sveltekit-preload-data` in app.html), before the click
 * completes, or as the page itself loads. The interview session then takes the same promise
 * (`loadBank` loads once); a failure is reported by the session, not here.
 */
export function load(): void {
	if (browser) void loadBank().catch(() => undefined);
}
