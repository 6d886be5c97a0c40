/**
 * `npm run report -- --requests r.csv`: the evidence request list from the command line, the same
 * bytes as the app's CSV for the same model.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { readAssessment, run } from '../../scripts/report';
import { buildReportModel } from '../../src/lib/domain/engine/index';
import { requestsCsv } from '../../src/lib/report/csv';

const FIXTURE = 'test/fixtures/assessments/renewal-type2.json';
const TODAY = '2026-03-02';
const dir = mkdtempSync(join(tmpdir(), 'soc2-requests-'));

async function runCli(...args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await run(args, { log: (s) => out.push(s), err: (s) => err.push(s) });
	return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('npm run report -- --requests', () => {
	it('writes the evidence request list as the app writes it, next to the model', async () => {
		const csv = join(dir, 'nested', 'requests.csv');
		const model = join(dir, 'model.json');
		const r = await runCli('--in', FIXTURE, '--requests', csv, '--model', model, '--today', TODAY);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const expected = buildReportModel(loadBankFromDisk(), await readAssessment(FIXTURE), TODAY);
		const rows = expected.evidenceRequests!.rows.length;
		expect(r.stdout).toContain(`wrote evidence request list (${rows} requests, CSV) → ${csv}`);
		expect(readFileSync(csv, 'utf8')).toBe(requestsCsv(expected));
		// The renewal's period is the 12 months back to back with the previous one.
		expect(readFileSync(csv, 'utf8')).toContain('Renewal Type II period');
	});

	it('is listed in the usage, needs a value and writes nothing on bad input', async () => {
		expect((await runCli('--help')).stdout).toMatch(
			/--requests <requests\.csv>\s+write the evidence request list as CSV/
		);
		const missing = await runCli('--in', FIXTURE, '--requests');
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/--requests needs a value/);
		const out = join(dir, 'never.csv');
		const bad = await runCli('--in', join(dir, 'nope.json'), '--requests', out);
		expect(bad.code).toBe(1);
		expect(existsSync(out)).toBe(false);
	});
});
