/**
 * The PDF appendix "Evidence request list": the requests of the model, grouped by area, with the
 * same facts as requests.csv (period, sample, owner, status, prepared mark). Models saved before
 * the list existed have no such appendix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { buildReportModel } from '../../src/lib/domain/engine';
import type { ReportModel } from '../../src/lib/domain/types';
import { renderReportPdf } from '../../src/lib/report/pdf';
import {
	extractPdfText,
	hasCommand,
	layoutProblems,
	openPdf,
	sampleModel,
	writeTemp,
	type PdfText
} from './report-helpers';
import { readPersona } from '../fixtures/assessments/read';

const flat = (s: string) => s.replace(/\s+/g, ' ');

const persona = readPersona;

let model: ReportModel;
let bytes: Uint8Array;
let text: PdfText;
beforeAll(async () => {
	const a = persona('renewal-type2');
	a.requestsPrepared = { 'access-reviews': '2026-02-20T10:00:00.000Z' };
	model = buildReportModel(loadBankFromDisk(), a, '2026-03-02');
	bytes = await renderReportPdf(model, { paper: 'a4' });
	text = await extractPdfText(bytes);
}, 120_000);

describe('PDF appendix: evidence request list', () => {
	it('is the last appendix, in the contents and the outline with one entry per area', async () => {
		const contents = flat(text.pages[1]!);
		expect(contents).toContain('Evidence request list');
		const pdf = await openPdf(bytes);
		const outline = (await pdf.getOutline()) ?? [];
		const last = outline[outline.length - 1]!;
		expect(last.title).toMatch(/^Appendix [DE] {2}Evidence request list$/);
		const areas = [...new Set(model.evidenceRequests!.rows.map((r) => r.areaLabel))];
		expect(last.items.map((i) => i.title)).toEqual(areas);
	});

	it('prints every request with its sample, owner, status and the prepared mark', () => {
		const start = text.pages.findIndex((p) => /APPENDIX [DE] Evidence request list/.test(flat(p)));
		expect(start).toBeGreaterThan(0);
		const appendix = flat(text.pages.slice(start).join(' '));
		const list = model.evidenceRequests!;
		expect(appendix).toContain(
			`Period: ${list.period.text}. ${list.counts.total} requests: ${list.counts.ready} ready, ${list.counts.partial} partial, ${list.counts.missing} missing; 1 marked prepared.`
		);
		expect(appendix).toContain('auditor-dependent');
		for (const r of list.rows) expect(appendix, r.id).toContain(`${r.ref} ${r.item}`);
		// a 12-month renewal: a quarterly review occurs 4 times and 2 are sampled
		expect(appendix).toMatch(/User access reviews .*?Quarterly Occurrences: 4 Sample: 2/);
		expect(appendix).toContain('Prepared 20 Feb 2026');
	});

	it('keeps every word inside the margins', () => {
		if (!hasCommand('pdftotext')) {
			console.warn('pdftotext not installed: layout check skipped');
			return;
		}
		expect(layoutProblems(writeTemp(bytes, 'requests.pdf'))).toEqual([]);
	});

	it('is left out for a model saved before the list existed', async () => {
		const old = sampleModel();
		expect(old.evidenceRequests).toBeUndefined();
		const t = await extractPdfText(await renderReportPdf(old, { paper: 'a4' }));
		expect(flat(t.all)).not.toContain('Evidence request list');
	}, 60_000);
});
