// The built app as a static host serves it: files as they are (precompressed .gz/.br when the
// browser takes them), 200.html for any other path (the SPA fallback), and the cache headers
// the service worker relies on. Shared by `npm run serve` (scripts/serve.js) and the team server
// (server/team-server.js), so both serve exactly the same bytes and headers. The strict CSP is a
// <meta> tag in every built page (svelte.config.js), so it travels with the files.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import sirv from 'sirv';

/** build/ of this checkout. */
export const defaultBuildDir = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'..',
	'..',
	'build'
);

/** Whether `root` holds a built app (`npm run build` writes 200.html last). */
export function isBuilt(root = defaultBuildDir) {
	return existsSync(path.join(root, '200.html'));
}

/** Headers every response of the app carries (a static host would set the same). */
export function setAppHeaders(res, pathname) {
	// A path without an extension is a page (`/`, `/interview`) or the SPA fallback: HTML too.
	const page = pathname.endsWith('.html') || !/\.[a-z0-9]+$/i.test(pathname);
	if (pathname === '/sw.js' || page || pathname.endsWith('.webmanifest')) {
		res.setHeader('Cache-Control', 'no-cache');
	} else if (pathname.startsWith('/_app/immutable/')) {
		res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
	}
}

/** A `(req, res, next?)` handler serving the built app from `root`. */
export function appHandler(root = defaultBuildDir) {
	return sirv(root, {
		single: '200.html',
		etag: true,
		gzip: true,
		brotli: true,
		dev: false,
		setHeaders: setAppHeaders
	});
}
