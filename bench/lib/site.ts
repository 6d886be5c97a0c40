/**
 * The site the bench measures: the app built with `vite build` (under the shared build lock,
 * /tmp/e2e.lock, because build/ is shared), then copied to bench-results/work/site/build together with
 * scripts/serve.js, so that measuring can take minutes without holding the lock or seeing another
 * developer's build replace files mid-run. The bench-only harness is added under /__bench/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

export const WORK = resolve('bench-results/work');
export const SITE = resolve(WORK, 'site');
export const SITE_BUILD = resolve(SITE, 'build');
export const SITE_MANIFEST = resolve(SITE, 'vite-manifest.json');
const LOCK = '/tmp/e2e.lock';

function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

/**
 * Build the app under the lock and snapshot build/ and Vite's client manifest. Retries when
 * the build fails (another developer's file may be mid-edit).
 */
export async function buildSnapshot(log: (s: string) => void, attempts = 3): Promise<void> {
	mkdirSync(WORK, { recursive: true });
	const logFile = resolve(WORK, 'build.log');
	const script = [
		`npx vite build > ${JSON.stringify(logFile)} 2>&1`,
		`rm -rf ${JSON.stringify(SITE)}`,
		`mkdir -p ${JSON.stringify(SITE + '/scripts/lib')}`,
		`cp -r build ${JSON.stringify(SITE_BUILD)}`,
		`cp .svelte-kit/output/client/.vite/manifest.json ${JSON.stringify(SITE_MANIFEST)}`,
		`cp scripts/serve.js ${JSON.stringify(SITE + '/scripts/serve.js')}`,
		// serve.js shares its static handler with the team server.
		`cp scripts/lib/static-app.js ${JSON.stringify(SITE + '/scripts/lib/static-app.js')}`
	].join(' && ');
	for (let i = 1; i <= attempts; i++) {
		log(`building the app (attempt ${i}, waiting for ${LOCK})…`);
		const r = spawnSync('flock', [LOCK, 'sh', '-c', script], { stdio: 'inherit' });
		if (r.status === 0) return;
		const tail = spawnSync('tail', ['-n', '15', logFile], { encoding: 'utf8' }).stdout;
		log(`build failed:\n${tail}`);
		if (i < attempts) await sleep(45_000);
	}
	throw new Error(`vite build failed ${attempts} times; see ${logFile}`);
}

/** Build the bench harness page and copy it into the snapshot under /__bench/. */
export function addHarness(): void {
	const out = resolve(WORK, 'harness');
	const r = spawnSync('npx', ['vite', 'build', '--config', 'bench/harness/vite.config.ts'], {
		stdio: 'inherit'
	});
	if (r.status !== 0) throw new Error('building the bench harness failed');
	rmSync(resolve(SITE_BUILD, '__bench'), { recursive: true, force: true });
	cpSync(out, resolve(SITE_BUILD, '__bench'), { recursive: true });
}

export function hasSnapshot(): boolean {
	return (
		existsSync(resolve(SITE_BUILD, '200.html')) && existsSync(resolve(SITE, 'scripts/serve.js'))
	);
}

export interface Server {
	url: string;
	stop: () => Promise<void>;
}

/** Serve the snapshot with (a copy of) scripts/serve.js on 127.0.0.1:port. */
export async function serve(port: number): Promise<Server> {
	const child: ChildProcess = spawn(process.execPath, [resolve(SITE, 'scripts/serve.js')], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	child.stderr?.on('data', (d) => (stderr += String(d)));
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		if (child.exitCode !== null) throw new Error(`serve.js exited: ${stderr}`);
		try {
			const res = await fetch(url + '/');
			if (res.ok) break;
		} catch {
			/* not up yet */
		}
		await sleep(100);
	}
	return {
		url,
		stop: () =>
			new Promise((r) => {
				if (child.exitCode !== null) return r();
				child.once('exit', () => r());
				child.kill('SIGTERM');
			})
	};
}
