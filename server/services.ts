// Real Redis and PostgreSQL servers for the tests, started on free loopback ports in a temp
// folder and stopped afterwards. Debian's redis-server and postgresql are installed by the test
// set-up (scripts/ensure-env.js, .ci/run), like Chromium.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { vi } from 'vitest';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(port));
		});
	});
}

function canConnect(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const c = net.connect(port, '127.0.0.1');
		c.once('connect', () => {
			c.destroy();
			resolve(true);
		});
		c.once('error', () => resolve(false));
	});
}

async function waitForPort(port: number, child: ChildProcess, what: string, log: () => string) {
	await vi.waitFor(
		async () => {
			if (child.exitCode !== null) throw new Error(`${what} exited: ${log()}`);
			if (!(await canConnect(port))) throw new Error(`${what} not listening yet`);
		},
		{ timeout: 30_000, interval: 50 }
	);
}

function stopChild(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
	});
}

export const REDIS_SERVER = '/usr/bin/redis-server';

export function postgresBin(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const versions = readdirSync(base)
		.filter((v) => existsSync(path.join(base, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0]!, 'bin') : undefined;
}

export async function startRedis(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
	const port = await freePort();
	let out = '';
	const child = spawn(
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	await waitForPort(port, child, 'redis-server', () => out);
	return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

/**
 * A throwaway PostgreSQL cluster. As root (CI) it runs as the `postgres` system user, since
 * PostgreSQL refuses to run as root.
 */
export async function startPostgres(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql).');
	const asRoot = process.getuid?.() === 0;
	const data = path.join(dir, 'pg');
	mkdirSync(data, { recursive: true });
	const wrap = (cmd: string, args: string[]): [string, string[]] =>
		asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
	if (asRoot) {
		const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		chmodSync(dir, 0o755);
		chownSync(data, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
	}
	const [initCmd, initArgs] = wrap(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=trust',
		'--no-sync',
		'-E',
		'UTF8'
	]);
	const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	const port = await freePort();
	let out = '';
	const [cmd, args] = wrap(path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-h',
		'127.0.0.1',
		'-k',
		data,
		'-c',
		'fsync=off'
	]);
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	await waitForPort(port, child, 'postgres', () => out);
	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	// Accepting connections may lag the port opening by a moment.
	const { default: pg } = await import('pg');
	await vi.waitFor(
		async () => {
			const c = new pg.Client({ connectionString: url });
			await c.connect();
			await c.end();
		},
		{ timeout: 30_000, interval: 100 }
	);
	return { url, stop: () => stopChild(child) };
}
