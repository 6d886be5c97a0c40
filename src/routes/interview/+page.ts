import { browser } from '$app/environment';
import { loadBankCore } from '$lib/bank';

/**
 * Starts the download and parse of the question bank's first part (what the interview asks with,
 * see src/lib/bank/split.ts) as soon as SvelteKit prepares this page: when a link to it is pressed
 * or hovered (`data-sveltekit-preload-data` in app.html), before the click completes, or as the
 * page itself loads. The interview session then takes the same promise (`loadBankCore` loads
 * once); a failure is reported by the session, not here. The rest follows the first question.
 */
export function load(): void {
	if (browser) void loadBankCore().catch(() => undefined);
}
