/**
 * `npm run report -- --out report.pdf [--paper letter]`: the CLI writes the same bytes as the
 * renderer called in-process on the engine's model (the app uses the same renderer).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/lib/domain/types';
import { renderReportPdf } from '../../src/lib/report/pdf';

const FIXTURE = 'test/fixtures/assessments/designed-young-deadline.json';
const TODAY = '2026-03-02';
const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));

function cli(...args: string[]) {
	const r = spawnSync('npx', ['tsx', 'scripts/report.ts', ...args], {
		encoding: 'utf8',
		env: { ...process.env, SOC2_PASSPHRASE: '' },
		timeout: 90_000
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run report --out', () => {
	it('writes the identical PDF to the in-process rendering, with the model alongside', async () => {
		const pdf = join(dir, 'report.pdf');
		const model = join(dir, 'model.json');
		const r = cli(
			'--in',
			FIXTURE,
			'--out',
			pdf,
			'--model',
			model,
			'--today',
			TODAY,
			'--paper',
			'letter'
		);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/wrote PDF report \(US Letter, \d+ KB\) → /);
		// The model the CLI computed (the engine's own tests check it against the fixture).
		const written = JSON.parse(readFileSync(model, 'utf8')) as ReportModel;
		expect(written.asOf).toBe(TODAY);
		expect(written.assessment.organisation).toBe('Fast Follow GmbH');
		const bytes = readFileSync(pdf);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const inProcess = Buffer.from(await renderReportPdf(written, { paper: 'letter' }));
		expect(bytes.equals(inProcess)).toBe(true);
	}, 120_000);

	it('defaults to A4 and refuses an unknown paper size without writing anything', () => {
		const bad = join(dir, 'bad.pdf');
		const r = cli('--in', FIXTURE, '--out', bad, '--paper', 'a3', '--today', TODAY);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('--paper must be a4 or letter, got "a3"');
		expect(() => readFileSync(bad)).toThrow();

		const a4 = join(dir, 'a4.pdf');
		const ok = cli('--in', FIXTURE, '--out', a4, '--today', TODAY);
		expect(ok.code).toBe(0);
		expect(readFileSync(a4).toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.\d+ 841\.\d+\]/);
	}, 120_000);
});
