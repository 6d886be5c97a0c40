#!/usr/bin/env node
// Runs every test: vitest (unit + component), then builds the app and runs the Playwright
// end-to-end tests against it in Chromium. Prints one closing line "N passed, N failed".
// Env: E2E_SKIP_BUILD=1 reuses build/; SKIP_E2E=1 runs only vitest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = false;

function run(cmd, args, env = {}) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status ?? 1;
}

// 1. vitest
rmSync('test-results/unit.json', { force: true });
const unitStatus = run('npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	'--outputFile.json=test-results/unit.json'
]);
if (existsSync('test-results/unit.json')) {
	const r = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
	passed += r.numPassedTests ?? 0;
	failed += r.numFailedTests ?? 0;
	skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
	if (unitStatus !== 0 && !r.numFailedTests) broken = true;
} else {
	console.error('vitest produced no report');
	broken = true;
}

// 2. build + e2e
if (!process.env.SKIP_E2E) {
	let buildOk = true;
	if (!process.env.E2E_SKIP_BUILD) buildOk = run('npx', ['vite', 'build']) === 0;
	if (!buildOk) {
		console.error('build failed: end-to-end tests not run');
		broken = true;
	} else {
		rmSync('test-results/e2e.json', { force: true });
		const e2eStatus = run('npx', ['playwright', 'test']);
		if (existsSync('test-results/e2e.json')) {
			const r = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
			const s = r.stats ?? {};
			passed += (s.expected ?? 0) + (s.flaky ?? 0);
			failed += s.unexpected ?? 0;
			skipped += s.skipped ?? 0;
			if (e2eStatus !== 0 && !s.unexpected) broken = true;
		} else {
			console.error('playwright produced no report');
			broken = true;
		}
	}
}

if (broken && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || broken ? 1 : 0);
