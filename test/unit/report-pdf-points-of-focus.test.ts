/**
 * Appendix D of the PDF: points of focus per criterion in scope, drawn from the report model
 * of the real bank. Models without points of focus (saved before they existed) have no appendix.
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
	model = buildReportModel(loadBankFromDisk(), persona('full-workshop'), '2026-03-02');
	bytes = await renderReportPdf(model, { paper: 'a4' });
	text = await extractPdfText(bytes);
}, 120_000);

describe('PDF appendix D: points of focus', () => {
	it('is listed in the contents and the outline after the important notice', async () => {
		const contents = flat(text.pages[1]!);
		expect(contents.indexOf('Points of focus')).toBeGreaterThan(
			contents.indexOf('Important notice')
		);
		const pdf = await openPdf(bytes);
		const outline = (await pdf.getOutline()) ?? [];
		const appendix = outline.find((o) => o.title === 'Appendix D  Points of focus');
		expect(appendix).toBeDefined();
		// one outline child per area in scope (every category is selected in this persona)
		expect(appendix!.items.map((i) => i.title.split(' ')[0])).toEqual([
			'CC1',
			'CC2',
			'CC3',
			'CC4',
			'CC5',
			'CC6',
			'CC7',
			'CC8',
			'CC9',
			'A1',
			'C1',
			'PI1',
			'P'
		]);
	});

	it('prints every point in scope with its status and the answers that speak to it', () => {
		const start = text.pages.findIndex((p) => flat(p).includes('APPENDIX D'));
		expect(start).toBeGreaterThan(0);
		const appendix = flat(text.pages.slice(start).join(' '));
		const counts = { evidenced: 0, weak: 0, open: 0, 'not-asked': 0, na: 0 };
		for (const r of model.pointsOfFocus!) for (const p of r.points) counts[p.status]++;
		expect(appendix).toContain(
			`${Object.values(counts).reduce((a, b) => a + b, 0)} points in scope: ${counts.evidenced} with evidence expected, ${counts.weak} below implemented, ${counts.open} unanswered or unknown, ${counts['not-asked']} not asked in this assessment, ${counts.na} not applicable to SOC 2.`
		);
		for (const r of model.pointsOfFocus!)
			for (const p of r.points) expect(appendix, p.id).toContain(`${p.id} ${p.name}`);
		// the reason a point does not apply, and a question with its answer
		expect(appendix).toContain('CC3.1.5');
		expect(appendix).toMatch(/Financial statement reporting is the subject of a SOC 1 examination/);
		const tone = model.pointsOfFocus![0]!.points[0]!;
		expect(tone.questions.length).toBeGreaterThan(0);
		expect(appendix).toContain(`${tone.questions[0]!.title}:`);
	});

	it('keeps every word inside the margins', () => {
		if (!hasCommand('pdftotext')) {
			console.warn('pdftotext not installed: layout check skipped');
			return;
		}
		expect(layoutProblems(writeTemp(bytes, 'pof.pdf'))).toEqual([]);
	});

	it('is left out for a model saved before points of focus existed', async () => {
		const old = sampleModel();
		expect(old.pointsOfFocus).toBeUndefined();
		const t = await extractPdfText(await renderReportPdf(old, { paper: 'a4' }));
		expect(flat(t.all)).not.toContain('Points of focus');
	}, 60_000);
});
