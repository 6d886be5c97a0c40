#!/usr/bin/env node
// Serves the built app from build/ the way a static host would: files as they are,
// 200.html for any other path (the SPA fallback). Used by `npm run serve` and the e2e tests.
import http from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import sirv from 'sirv';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build');
if (!existsSync(path.join(root, '200.html'))) {
	console.error('build/200.html not found: run `npm run build` first.');
	process.exit(1);
}
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
// gzip/brotli: serve the precompressed .gz/.br files the build writes (svelte.config.js precompress).
const assets = sirv(root, {
	single: '200.html',
	etag: true,
	gzip: true,
	brotli: true,
	dev: false,
	setHeaders(res, pathname) {
		if (pathname === '/sw.js' || pathname.endsWith('.html') || pathname.endsWith('.webmanifest')) {
			res.setHeader('Cache-Control', 'no-cache');
		} else if (pathname.startsWith('/_app/immutable/')) {
			res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
		}
	}
});
const server = http.createServer((req, res) => assets(req, res));
server.listen(port, host, () => {
	console.log(
		`SOC 2 Readiness is served at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`
	);
});
