/**
 * The PDF of every persona fixture, from the engine's real report model: the figures, the
 * recommendation, the top risks and the structure match the model, and the file is sound.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { buildReportModel } from '../../src/lib/domain/engine/index';
import type { Assessment } from '../../src/lib/domain/types';
import { renderReportPdf } from '../../src/lib/report/pdf';
import { makeRefs } from '../../src/lib/report/pdf/refs';
import { formatDate, pct, recommendationLabel, RISK_LABELS } from '../../src/lib/report/text';
import { extractPdfText, hasCommand, layoutProblems, writeTemp } from './report-helpers';

const DIR = 'test/fixtures/assessments';
const TODAY = '2026-03-02';
const personas = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const bank = loadBankFromDisk();
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe.each(personas)('PDF of persona %s', (file) => {
	const assessment = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')).assessment as Assessment;
	const model = buildReportModel(bank, assessment, TODAY);

	it('shows the model’s figures, recommendation and top risks', async () => {
		const bytes = await renderReportPdf(model, { paper: 'a4' });
		const text = await extractPdfText(bytes);
		const summary = flat(text.pages[2]!);
		const all = flat(text.all);

		expect(text.pages[0]).toContain(assessment.meta.organisation);
		expect(summary).toContain('Executive summary');
		expect(summary).toContain(pct(model.score.overall));
		expect(summary).toContain(pct(model.score.type1Readiness));
		expect(summary).toContain(pct(model.score.type2Readiness));
		expect(summary).toContain(recommendationLabel(model.recommendation));
		expect(summary).toContain(flat(model.recommendation.headline));
		const r = model.recommendation;
		for (const d of [r.windowStart, r.expectedReportDate, r.targetReportDate]) {
			if (d) expect(summary).toContain(formatDate(d));
		}
		expect(summary).toMatch(new RegExp(`Open gaps ${model.gaps.length}\\b`));
		const refs = makeRefs(model);
		for (const gap of refs.gaps.slice(0, 5)) {
			expect(summary).toContain(RISK_LABELS[gap.risk]);
			expect(summary).toContain(flat(gap.title).slice(0, 30));
		}
		expect(summary).toContain('First 30 days');
		// A renewal's next report is not its first: the summary must not say so.
		if (r.renewal) {
			expect(summary).toContain('Expected report');
			expect(summary).not.toContain('Expected first report');
		} else expect(summary).toContain('Expected first report');
		expect(flat(text.pages[3]!)).toContain('Readiness and recommendation');

		// Every gap and every action appears; so does every reason for the recommendation.
		expect(all).toContain(`${model.gaps.length} gaps`.replace(/^0 gaps$/, 'No gaps'));
		for (const gap of refs.gaps)
			expect(all).toContain(`${refs.gapRef.get(gap.id)} ${RISK_LABELS[gap.risk]}`);
		for (const p of refs.plan) expect(all).toContain(refs.actionRef.get(p.id)!);
		for (const reason of r.reasons) expect(all).toContain(flat(reason.text).slice(0, 50));
		for (const m of model.methodology) expect(all).toContain(flat(m.heading));
		if (model.iso27001) expect(all).toContain('ISO/IEC 27001 overlap (indicative)');
		else expect(all).not.toContain('ISO/IEC 27001 overlap (indicative)');

		if (file === 'full-workshop.json' && hasCommand('pdftotext')) {
			expect(layoutProblems(writeTemp(bytes))).toEqual([]);
		}
		if (hasCommand('qpdf')) {
			const q = spawnSync('qpdf', ['--check', writeTemp(bytes)], { encoding: 'utf8' });
			expect(q.status, q.stdout + q.stderr).toBe(0);
		}
	}, 60_000);
});
