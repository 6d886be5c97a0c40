#!/usr/bin/env node
// Runs before `npm test` and `npm start`: makes sure npm packages are installed and, for the
// tests, that Debian's Chromium (plus poppler-utils and qpdf for the PDF checks, redis-server and
// postgresql for the team server's tests) is present.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const wantBrowser = process.argv.includes('--browser');

function run(cmd, args) {
	const r = spawnSync(cmd, args, { stdio: 'inherit' });
	return r.status === 0;
}

if (!existsSync('node_modules/.bin/vite') || !existsSync('node_modules/.bin/vitest')) {
	console.log('Installing npm packages (first run)…');
	if (!run('npm', ['install', '--no-audit', '--no-fund'])) {
		console.error('npm install failed: see the messages above.');
		process.exit(1);
	}
}

function hasPostgres() {
	const base = '/usr/lib/postgresql';
	return existsSync(base) && readdirSync(base).some((v) => existsSync(`${base}/${v}/bin/postgres`));
}

if (wantBrowser) {
	const missing = [];
	const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(chromium)) missing.push('chromium');
	if (!existsSync('/usr/bin/pdftoppm')) missing.push('poppler-utils');
	if (!existsSync('/usr/bin/qpdf')) missing.push('qpdf');
	// The team server's multi-node tests (server/team-nodes.test.ts) run Redis and PostgreSQL.
	if (!existsSync('/usr/bin/redis-server')) missing.push('redis-server');
	if (!hasPostgres()) missing.push('postgresql');
	if (missing.length) {
		const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
		if (isRoot && existsSync('/usr/bin/apt-get')) {
			console.log(`Installing ${missing.join(', ')} with apt-get…`);
			const ok =
				run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', ...missing]);
			if (!ok) process.exit(1);
		} else {
			console.error(
				`The end-to-end tests need ${missing.join(', ')}. On Debian/Ubuntu: sudo apt-get install ${missing.join(' ')}\n` +
					'(or point CHROMIUM_PATH at another Chromium build).'
			);
			process.exit(1);
		}
	}
}
