#!/usr/bin/env node
// Serves the built app from build/ the way a static host would: files as they are,
// 200.html for any other path (the SPA fallback). Used by `npm run serve` and the e2e tests.
import http from 'node:http';
import { appHandler, isBuilt } from './lib/static-app.js';

if (!isBuilt()) {
	console.error('build/200.html not found: run `npm run build` first.');
	process.exit(1);
}
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
const assets = appHandler();
const server = http.createServer((req, res) => assets(req, res));
server.listen(port, host, () => {
	console.log(
		`SOC 2 Readiness is served at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`
	);
});
