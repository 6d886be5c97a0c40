/**
 * Server hooks: run only while the pages are prerendered at build time (the app has no server).
 *
 * The interview and presenter pages cannot show their first question before the question bank
 * (a hashed JSON file, about 110 KB compressed) has arrived, and the app fetches it only once its
 * JavaScript runs. Their HTML asks for it at once with `<link rel="preload" as="fetch">`, so the
 * bank downloads beside the scripts instead of after them (the first question is the pages'
 * largest paint). `crossorigin` makes the preload match `fetch()`'s request (CORS mode, same-origin
 * credentials), so the app's fetch takes the preloaded response rather than downloading it twice.
 * The app fetches the bank from this link's URL when there is one (`loadBank`), so the page does
 * not wait for the module that holds the URL first. No other page gets the hint: the start page
 * never loads the bank, and the results and export pages read it elsewhere.
 */
import type { Handle } from '@sveltejs/kit';

const PRELOAD_BANK = new Set(['/interview', '/present']);

/** The bank's file name in the build (`soc2-bank.<hash>.json`), or null outside a build. */
async function bankFile(): Promise<string | null> {
	const url = (await import('virtual:soc2-bank-url')).default;
	return url ? (url.split('/').pop() ?? null) : null;
}

export const handle: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname.replace(/\/$/, '');
	if (!PRELOAD_BANK.has(path)) return resolve(event);
	const file = await bankFile();
	if (!file) return resolve(event);
	// The prerendered pages use relative paths (`./_app/…`); both routes are one level deep.
	const link = `<link rel="preload" as="fetch" crossorigin data-soc2-bank href="./_app/immutable/assets/${file}">`;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('</head>', `\t${link}\n\t</head>`)
	});
};
