/**
 * `npm run report`: a few end-to-end runs of the real command (spawned like a user would) for
 * success and each kind of failure, plus in-process checks of every message through `run()`.
 * (The engine itself is tested in src/lib/domain/engine.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from './lib/bank-node';
import { readAssessment, run } from './report';
import { buildReportModel } from '../src/lib/domain/engine/index';
import { encryptDocument } from '../src/lib/export/crypto';

const FIXTURE = 'test/fixtures/assessments/designed-young-deadline.json';
const TODAY = '2026-03-02';
const dir = mkdtempSync(join(tmpdir(), 'soc2-report-'));

function spawnCli(...args: string[]) {
	const r = spawnSync('npx', ['tsx', 'scripts/report.ts', ...args], {
		encoding: 'utf8',
		env: { ...process.env, SOC2_PASSPHRASE: '' },
		timeout: 90_000
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function runCli(...args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await run(args, { log: (s) => out.push(s), err: (s) => err.push(s) });
	return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function file(name: string, text: string): string {
	const p = join(dir, name);
	writeFileSync(p, text);
	return p;
}

describe('npm run report (spawned)', () => {
	it('writes the report model of an exported assessment', async () => {
		const out = join(dir, 'nested', 'model.json');
		const r = spawnCli('--in', FIXTURE, '--model', out, '--today', TODAY);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/wrote report model/);
		expect(r.stdout).toMatch(
			/Fast Follow GmbH: readiness \d+ %, \d+ gaps, recommendation type1-then-type2/
		);
		const model = JSON.parse(readFileSync(out, 'utf8'));
		expect(model).toEqual(
			buildReportModel(loadBankFromDisk(), await readAssessment(FIXTURE), TODAY)
		);
	}, 90_000);

	it('exits 1 with a clear message on invalid input and writes nothing', () => {
		const out = join(dir, 'never.json');
		const r = spawnCli('--in', file('broken.json', '{"format": "soc2-'), '--model', out);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/broken\.json: The file ends too early/);
		expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
		expect(existsSync(out)).toBe(false);
	}, 90_000);

	it('exits 2 with the usage text on a usage error', () => {
		const r = spawnCli('--model', join(dir, 'x.json'));
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/--in <assessment.json> is required/);
		expect(r.stderr).toMatch(/usage: npm run report/);
	}, 90_000);
});

describe('npm run report (in process)', () => {
	it('writes the model to standard output with --model - and keeps messages off it', async () => {
		const chunks: string[] = [];
		const write = process.stdout.write.bind(process.stdout);
		process.stdout.write = ((c: string) => (
			chunks.push(String(c)),
			true
		)) as typeof process.stdout.write;
		try {
			const r = await runCli('--in', FIXTURE, '--model=-', `--today=${TODAY}`);
			expect(r.code).toBe(0);
			expect(r.stdout).toBe('');
			expect(r.stderr).toMatch(/wrote report model → standard output/);
		} finally {
			process.stdout.write = write;
		}
		expect(JSON.parse(chunks.join('')).recommendation.type).toBe('type1-then-type2');
	});

	it.each([
		[
			'a missing file',
			() => join(dir, 'nope.json'),
			/Cannot read .*nope\.json: the file does not exist\./
		],
		['a directory', () => dir, /it is a directory/],
		[
			'invalid JSON',
			() => file('broken2.json', '{"format": "soc2-readiness-assessment", '),
			/ends too early/
		],
		[
			'JSON that is not an export',
			() => file('other.json', '{"hello": "world"}'),
			/not an assessment exported from SOC 2 Readiness/
		],
		[
			'an export with an invalid assessment',
			() => {
				const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
				doc.assessment.answers['cc6-mfa'].value = 9;
				return file('invalid.json', JSON.stringify(doc));
			},
			/not a valid assessment export: “assessment\.answers\.cc6-mfa\.value”/
		],
		[
			'an export from a newer app version',
			() => {
				const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
				doc.formatVersion = 99;
				return file('newer.json', JSON.stringify(doc));
			},
			/newer version of the app/
		]
	])('fails clearly on %s (exit 1, nothing written)', async (name, make, message) => {
		const out = join(dir, `never-${name.replace(/\W+/g, '-')}.json`);
		const r = await runCli('--in', make(), '--model', out, '--today', TODAY);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(message);
		expect(r.stderr).not.toMatch(/saved assessments are unchanged/);
		expect(existsSync(out)).toBe(false);
	});

	it.each([
		[[], /--in <assessment.json> is required/],
		[['--in', FIXTURE], /nothing to write/],
		[['--in', FIXTURE, '--model', 'x.json', '--today', '2026-13-01'], /--today must be a date/],
		[['--in', FIXTURE, '--model'], /--model needs a value/],
		[
			['--in', FIXTURE, '--model', '-', '--model', '-'],
			/only one output can go to standard output/
		],
		[['--in', FIXTURE, '--pdf', 'x.pdf'], /unknown argument "--pdf"/],
		[['--in', FIXTURE, '--xlsx'], /--xlsx needs a value/],
		[['--in', FIXTURE, '--docx', '--xlsx', 'r.xlsx'], /--docx needs a value/],
		[
			['--in', FIXTURE, '--xlsx', 'same.bin', '--docx', './same.bin'],
			/--xlsx and --docx would both write \.\/same\.bin: give each output its own file/
		]
	])('rejects usage %j with exit 2 and the usage text', async (args, message) => {
		const r = await runCli(...(args as string[]));
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(message);
		expect(r.stderr).toMatch(/usage: npm run report/);
	});

	it('prints the usage with --help', async () => {
		const r = await runCli('--help');
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(
			/usage: npm run report -- --in <assessment.json> \[--model <model.json>\]/
		);
	});

	it('reads an encrypted export with the passphrase from SOC2_PASSPHRASE', async () => {
		const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
		const enc = file(
			'enc.json',
			JSON.stringify(await encryptDocument(doc, 'correct horse battery'))
		);
		await expect(readAssessment(enc, {})).rejects.toThrow(
			/is encrypted: put its passphrase in the SOC2_PASSPHRASE/
		);
		await expect(readAssessment(enc, { SOC2_PASSPHRASE: 'wrong passphrase!' })).rejects.toThrow(
			/passphrase/i
		);
		const a = await readAssessment(enc, { SOC2_PASSPHRASE: 'correct horse battery' });
		expect(a.meta.organisation).toBe('Fast Follow GmbH');
	}, 30_000);
});
