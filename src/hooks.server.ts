/**
 * Server hooks: run only while the pages are prerendered at build time (the app has no server).
 *
 * Every page: the modulepreload links SvelteKit leaves out are added (`addMissingPreloads`, see
 * `src/lib/server/preloads.ts`), so that a page's statically imported scripts are all requested
 * with its HTML rather than in a second round trip once the first scripts have run.
 *
 * The interview and presenter pages cannot show their first question before the question bank's
 * first part (a hashed JSON file, about 54 KB brotli: what the interview reads, see
 * `src/lib/bank/split.ts`; the rest follows the first question) has arrived, and the app fetches
 * it only once its JavaScript runs. Their HTML asks for it at once with `<link rel="preload" as="fetch">`, so the
 * bank downloads beside the scripts instead of after them (the first question is the pages'
 * largest paint). `crossorigin` makes the preload match `fetch()`'s request (CORS mode, same-origin
 * credentials), so the app's fetch takes the preloaded response rather than downloading it twice.
 * The app fetches the bank from this link's URL when there is one (`loadBank`), so the page does
 * not wait for the module that holds the URL first. No other page gets the hint: the start page
 * never loads the bank, and the results and export pages read it elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Handle } from '@sveltejs/kit';
import { addMissingPreloads, type ClientManifest } from '$lib/server/preloads';

const PRELOAD_BANK = new Set(['/interview', '/present']);

/**
 * SvelteKit's client imports the root error page at start on every page (so that a lost
 * connection later can still show an error), one round trip after its own scripts: it is
 * preloaded with them.
 */
const ERROR_NODE = '.svelte-kit/generated/client-optimized/nodes/1.js';

/** Vite's client manifest: written by the client build, which runs before the prerendering. */
const CLIENT_MANIFEST = '.svelte-kit/output/client/.vite/manifest.json';
let manifest: ClientManifest | null | undefined;
function clientManifest(): ClientManifest | null {
	if (manifest === undefined)
		manifest = existsSync(CLIENT_MANIFEST)
			? (JSON.parse(readFileSync(CLIENT_MANIFEST, 'utf8')) as ClientManifest)
			: null; // `vite dev`: no built chunks, nothing to preload
	return manifest;
}

/** The bank's file name in the build (`soc2-bank.<hash>.json`), or null outside a build. */
async function bankFile(): Promise<string | null> {
	const url = (await import('virtual:soc2-bank-url')).default;
	return url ? (url.split('/').pop() ?? null) : null;
}

export const handle: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname.replace(/\/$/, '');
	const file = PRELOAD_BANK.has(path) ? await bankFile() : null;
	// The prerendered pages use relative paths (`./_app/…`); both routes are one level deep.
	const link = file
		? `<link rel="preload" as="fetch" crossorigin data-soc2-bank href="./_app/immutable/assets/${file}">`
		: null;
	const built = clientManifest();
	if (!link && !built) return resolve(event);
	return resolve(event, {
		transformPageChunk: ({ html }) => {
			let out = built ? addMissingPreloads(html, built, [ERROR_NODE]) : html;
			if (link) out = out.replace('</head>', `\t${link}\n\t</head>`);
			return out;
		}
	});
};
