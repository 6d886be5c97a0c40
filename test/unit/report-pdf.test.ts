import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/lib/domain/types';
import { FONT_COVERAGE, RTL_FONT_COVERAGE } from '../../src/lib/report/fonts/coverage';
import { renderReportPdf } from '../../src/lib/report/pdf';
import { makeRefs } from '../../src/lib/report/pdf/refs';
import {
	formatDate,
	needsRtlFonts,
	pdfText,
	RECOMMENDATION_LABELS,
	RISK_LABELS,
	setPdfScripts,
	UNSUPPORTED_SCRIPT_MARKER
} from '../../src/lib/report/text';
import {
	extractPdfText,
	fullModel,
	hasCommand,
	layoutProblems,
	minimalModel,
	openPdf,
	pngDataUrl,
	sampleModel,
	wordBoxes,
	writeTemp,
	type PdfText
} from './report-helpers';

const NAME = 'Łódź Ğüneş Ωμέγα Москва';
const MM = 72 / 25.4;

/** Collapses whitespace so assertions do not depend on where lines wrap. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

const rendered: Record<
	string,
	{ bytes: Uint8Array; text: PdfText; model: ReportModel; ms: number }
> = {};

async function render(key: string, model: ReportModel, paper: 'a4' | 'letter' = 'a4') {
	const t = performance.now();
	const bytes = await renderReportPdf(model, { paper });
	const ms = performance.now() - t;
	rendered[key] = { bytes, text: await extractPdfText(bytes), model, ms };
	return rendered[key];
}

beforeAll(async () => {
	await render('a4', sampleModel(), 'a4');
	await render('letter', sampleModel(), 'letter');
	await render('minimal', minimalModel(), 'a4');
	await render('passed', passedTargetModel(), 'a4');
}, 60_000);

/** The sample with a target date already in the past and questions skipped for both reasons. */
function passedTargetModel(): ReportModel {
	const m = sampleModel();
	m.recommendation = {
		...m.recommendation,
		targetReportDate: '2025-01-10',
		meetsTarget: false,
		daysLate: 503,
		targetPassed: true,
		suggestedTargetDate: m.recommendation.expectedReportDate,
		toMeetTarget: [
			`The target report date of 10 January 2025 has already passed, so no plan can meet it. Reset it to a realistic date: on this plan the first report is expected around ${formatDate(m.recommendation.expectedReportDate)}.`
		]
	};
	m.score.counts = { ...m.score.counts, skipped: 32, skippedNotSelected: 29, skippedByAnswers: 3 };
	return m;
}

describe('renderReportPdf — content matches the model', () => {
	it('produces a PDF with metadata naming the organisation and the assessor', async () => {
		const { bytes, model } = rendered.a4!;
		expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
		const pdf = await openPdf(bytes);
		const meta = await pdf.getMetadata();
		const info = meta.info as Record<string, string>;
		expect(info.Title).toBe(`SOC 2 readiness assessment — ${model.assessment.organisation}`);
		expect(info.Author).toBe(model.assessment.assessor);
		expect(info.Subject).toMatch(/Not a SOC 2 report/);
		expect(info.Creator).toBe('SOC 2 Readiness');
		expect(info.CreationDate).toMatch(/^D:20250314000000/);
	});

	it('renders Polish, Turkish, Greek and Cyrillic names exactly (extractable text)', () => {
		const { text, model } = rendered.a4!;
		expect(model.assessment.organisation).toContain(NAME);
		expect(text.pages[0]).toContain(NAME);
		expect(text.all).toContain('Zofia Żółkiewska-Müller, Ωmega Advisory');
		expect(text.all).toContain('ООО «Облако Москва»');
		expect(text.all).toContain('Θεσσαλονίκη'.slice(0, 0) + 'Ωμέγα Insights');
		// The running header repeats the organisation on every page after the cover.
		for (const page of text.pages.slice(1)) expect(page).toContain(NAME);
	});

	it('has every section, in order, with the contents page listing them', () => {
		const { text } = rendered.a4!;
		const order = [
			'Executive summary',
			'Readiness and recommendation',
			'Scope and system description',
			'Subservice organisations',
			'Complementary user entity controls',
			'Gap register',
			'Remediation roadmap',
			'Evidence checklist',
			'ISO/IEC 27001 overlap (indicative)',
			'Answers',
			'Methodology',
			'Important notice'
		];
		const contents = text.pages[1]!;
		let last = -1;
		for (const title of order) {
			const at = contents.indexOf(title);
			expect(at, `contents lists ${title}`).toBeGreaterThan(last);
			last = at;
		}
		// Each section starts on its own page (its title appears at the top of some page).
		for (const title of order) {
			expect(
				text.pages.slice(2).some((p) => flat(p).includes(title)),
				`section ${title}`
			).toBe(true);
		}
	});

	it('cover states what the document is and is not', () => {
		const cover = flat(rendered.a4!.text.pages[0]!);
		expect(cover).toContain('Readiness assessment — not a SOC 2 report');
		expect(cover).toContain('Only a licensed CPA firm can issue a SOC 2 report');
		expect(cover).toContain('SOC 2 is an attestation, not a certificate');
		expect(cover).toContain('12 March 2025');
		expect(cover).toContain('30 September 2025');
		expect(cover).toContain('Security, Availability, Confidentiality');
	});

	it('executive summary fits on one page with score, recommendation, dates, top risks, chart and 30-day plan', () => {
		const { text, model } = rendered.a4!;
		const page = flat(text.pages[2]!);
		expect(page).toContain('Executive summary');
		// A reader of this page alone learns who issues a SOC 2 report and what it is.
		expect(page).toContain(
			'only a licensed CPA firm can examine the controls and issue a SOC 2 report'
		);
		expect(page).toContain('an attestation, not a certificate');
		expect(page).toContain(`${model.score.overall} %`);
		expect(page).toContain(`${model.score.type1Readiness} %`);
		expect(page).toContain(`${model.score.type2Readiness} %`);
		expect(page).toContain(RECOMMENDATION_LABELS[model.recommendation.type]);
		expect(page).toContain(flat(model.recommendation.headline));
		expect(page).toContain(formatDate(model.recommendation.windowStart));
		expect(page).toContain(formatDate(model.recommendation.expectedReportDate));
		expect(page).toContain(formatDate(model.recommendation.targetReportDate));
		expect(page).toContain(`${model.recommendation.daysLate} days after the target`);
		expect(page).toContain(String(model.gaps.length));
		// Top five risks by score, with their risk label in words.
		const refs = makeRefs(model);
		for (const gap of refs.gaps.slice(0, 5)) {
			expect(page).toContain(gap.title);
			expect(page).toContain(RISK_LABELS[gap.risk]);
		}
		expect(page).not.toContain(refs.gaps[5]!.title);
		// Chart: one labelled value per area.
		for (const area of model.score.byArea) {
			expect(page).toMatch(new RegExp(`${area.area}\\s+${area.name.slice(0, 12)}`));
			expect(page).toContain(area.score === null ? 'n/a' : `${area.score} %`);
		}
		expect(page).toContain('First 30 days');
		const first = model.plan.find((p) => p.id === model.starterPlan[0])!;
		expect(page).toContain(first.action.slice(0, 40));
		// The next page is section 2.
		expect(flat(text.pages[3]!)).toContain('Readiness and recommendation');
	});

	it('names a window that follows the Type I by its Type I date, not as the earliest start', () => {
		const { text, model } = rendered.a4!;
		const rec = model.recommendation;
		expect(rec.type1Date).toBe('2025-06-30');
		expect(rec.windowStart).toBe('2025-07-01');
		const page = flat(text.pages[3]!);
		expect(page).toContain('Type I as-of date 30 June 2025');
		expect(page).toContain('from 1 July 2025, the day after the Type I as-of date');
		expect(page).not.toContain('earliest defensible start');
	});

	it('gap register lists every gap with criteria, levels and risk in words, sorted by risk', () => {
		const { text, model } = rendered.a4!;
		const refs = makeRefs(model);
		const start = text.pages.findIndex((p, i) => i > 1 && flat(p).includes('Gap register'));
		const end = text.pages.findIndex(
			(p, i) => i > start && flat(p).includes('Remediation roadmap')
		);
		const register = flat(text.pages.slice(start, end).join(' '));
		expect(register).toContain(`${model.gaps.length} gaps`);
		let last = -1;
		for (const [i, gap] of refs.gaps.entries()) {
			const at = register.indexOf(`G${i + 1} ${RISK_LABELS[gap.risk]} ${gap.title}`);
			expect(at, `G${i + 1} ${gap.title}`).toBeGreaterThan(last);
			last = at;
			expect(register).toContain(gap.criteria[0]!);
		}
		expect(register).toContain('Flag: answered “don’t know”, scored as 0');
		expect(register).toContain('Level 0 Not in place → 3 Implemented (blocks a Type I)');
	});

	it('roadmap groups every action by phase with owner, due date and acceptance criteria', () => {
		const { text, model } = rendered.a4!;
		const all = flat(text.all);
		for (const label of ['Days 0–30', 'Days 31–60', 'Days 61–90', 'After day 90']) {
			expect(all).toContain(label);
		}
		for (const p of model.plan) {
			expect(all).toContain(flat(p.action).slice(0, 30));
			expect(all).toContain(formatDate(p.due));
			expect(all).toContain(p.acceptance[0]!.slice(0, 30));
		}
		expect(all).toContain('Quick win');
		expect(all).toContain('✓ Done');
	});

	it('subservices, CUECs, ISO overlap, answers, skipped questions, methodology and disclaimer', () => {
		const { text, model } = rendered.a4!;
		const all = flat(text.all);
		for (const s of model.subservices) expect(all).toContain(s.name);
		expect(all).toContain('Carve-out');
		expect(all).toContain('Inclusive');
		expect(all).toContain('SOC report not reviewed');
		for (const c of model.cuecs) expect(all).toContain(flat(c.text).slice(0, 40));
		expect(all).toContain('Indicative mapping — not an official crosswalk');
		expect(all).toContain('A.5.15');
		// Answers appendix: N/A justification, notes and evidence pointers as text.
		expect(all).toContain('Why not applicable');
		expect(all).toContain(flat(model.answers.find((a) => a.naReason)!.naReason).slice(0, 60));
		expect(all).toContain('https://notion.so/omega/');
		expect(all).toContain('SHA-256');
		for (const s of model.skipped) expect(all).toContain(s.reason);
		for (const m of model.methodology) expect(all).toContain(m.heading);
		expect(all).toContain('17–25');
		expect(all).toContain('Only an independent, licensed CPA firm can examine');
		expect(all).toContain('It is not a certification');
		expect(all).toContain(flat(model.disclaimer).slice(0, 60));
	});

	it('every page after the cover has the running header and "Page n of N"', () => {
		const { text } = rendered.a4!;
		const n = text.numPages;
		text.pages.forEach((page, i) => {
			if (i === 0) return;
			expect(page).toContain(`Page ${i + 1} of ${n}`);
			expect(page).toContain('SOC 2 readiness assessment');
			expect(page).toContain('Readiness assessment — not a SOC 2 report');
		});
		expect(n).toBeGreaterThan(12);
		expect(n).toBeLessThan(60);
	});

	it('repeats table headers on every page a table continues on', () => {
		const { text } = rendered.a4!;
		const gapPages = text.pages.filter((p) => /\bG\d+\b/.test(p) && p.includes('Rationale'));
		expect(gapPages.length).toBeGreaterThan(1);
		const answerPages = text.pages.filter((p) => p.includes('Notes and evidence'));
		expect(answerPages.length).toBeGreaterThan(2);
	});
});

describe('renderReportPdf — structure', () => {
	it('has a document outline with one entry per section', async () => {
		const pdf = await openPdf(rendered.a4!.bytes);
		const outline = (await pdf.getOutline()) ?? [];
		const titles = outline.map((o) => o.title);
		expect(titles[0]).toBe('Cover');
		expect(titles).toContain('Contents');
		expect(titles).toContain('1  Executive summary');
		expect(titles).toContain('6  Gap register');
		expect(titles).toContain('Appendix A  Answers');
		expect(titles).toContain('Appendix C  Important notice');
		const roadmap = outline.find((o) => o.title === '7  Remediation roadmap')!;
		expect(roadmap.items.map((i) => i.title.split(' · ')[0])).toEqual([
			'Days 0–30',
			'Days 31–60',
			'Days 61–90',
			'After day 90'
		]);
	});

	it('uses A4 and US Letter page sizes on every page', async () => {
		for (const [key, w, h] of [
			['a4', 210, 297],
			['letter', 215.9, 279.4]
		] as const) {
			const pdf = await openPdf(rendered[key]!.bytes);
			for (let i = 1; i <= pdf.numPages; i++) {
				const [x0, y0, x1, y1] = (await pdf.getPage(i)).view;
				expect(Math.abs(x1! - x0! - w * MM)).toBeLessThan(0.5);
				expect(Math.abs(y1! - y0! - h * MM)).toBeLessThan(0.5);
			}
		}
		// Letter is shorter, so the same content needs at least as many pages.
		expect(rendered.letter!.text.numPages).toBeGreaterThanOrEqual(rendered.a4!.text.numPages);
		expect(flat(rendered.letter!.text.pages[2]!)).toContain('First 30 days');
		expect(flat(rendered.letter!.text.pages[3]!)).toContain('Readiness and recommendation');
	});

	it('is byte-for-byte deterministic for the same model and paper', async () => {
		const again = await renderReportPdf(sampleModel(), { paper: 'a4' });
		expect(Buffer.compare(Buffer.from(again), Buffer.from(rendered.a4!.bytes))).toBe(0);
	});

	it('links only to its own pages: no URI or JavaScript actions, evidence URLs stay text', () => {
		const raw = Buffer.from(rendered.a4!.bytes).toString('latin1');
		expect(raw).toMatch(/\/Subtype \/Link/);
		expect(raw).toMatch(/\/Dest \[/);
		expect(raw).not.toMatch(/\/URI|\/JavaScript|\/JS\b|\/Launch|\/SubmitForm|\/ImportData/);
		// The only open action is jsPDF's "show page 1" destination.
		expect([...raw.matchAll(/\/OpenAction ([^\n]*)/g)].map((m) => m[1])).toEqual([
			expect.stringMatching(/^\[\d+ 0 R \/FitH null\]$/)
		]);
	});

	it('embeds the font subset with a Unicode map, and nothing else', () => {
		if (!hasCommand('pdffonts')) {
			console.warn('pdffonts not installed: font embedding check skipped');
			return;
		}
		const file = writeTemp(rendered.a4!.bytes);
		const out = spawnSync('pdffonts', [file], { encoding: 'utf8' });
		expect(out.status).toBe(0);
		const rows = out.stdout.trim().split('\n').slice(2);
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			expect(row).toMatch(/^DejaVuSans(-Bold)?\s+CID TrueType\s+Identity-H\s+yes\s+\w+\s+yes/);
		}
		expect(out.stderr).not.toMatch(/Syntax Error/);
	});

	it('passes qpdf --check (structure, xref, streams)', () => {
		if (!hasCommand('qpdf')) {
			console.warn('qpdf is not installed: structural PDF check skipped (apt-get install qpdf)');
			return;
		}
		for (const key of ['a4', 'letter', 'minimal']) {
			const file = writeTemp(rendered[key]!.bytes);
			const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
			expect(r.stderr, key).toBe('');
			expect(r.status, `${key}: ${r.stdout}`).toBe(0);
			expect(r.stdout).toContain('No syntax or stream encoding errors found');
		}
	});

	it('keeps every word inside the page margins and never draws words over each other', () => {
		if (!hasCommand('pdftotext')) {
			console.warn('pdftotext not installed: layout check skipped');
			return;
		}
		for (const key of ['a4', 'letter', 'passed']) {
			const file = writeTemp(rendered[key]!.bytes);
			expect(wordBoxes(file).reduce((n, p) => n + p.words.length, 0)).toBeGreaterThan(5000);
			expect(layoutProblems(file), key).toEqual([]);
		}
	});
});

describe('renderReportPdf — edge cases', () => {
	it('says a past target date must be reset, with the plan’s date, never days late', () => {
		const { text, model } = rendered.passed!;
		const summary = flat(text.pages[2]!);
		const expected = formatDate(model.recommendation.expectedReportDate);
		expect(summary).toContain(
			`The target date of ${formatDate('2025-01-10')} has already passed and must be reset; a realistic new target on this plan is ${expected}.`
		);
		const all = flat(text.all);
		expect(all).toContain('The target date has already passed and must be reset');
		expect(all).not.toMatch(/503 days|Late by/);
	});

	it('the executive summary names every area whole beside its bar', () => {
		const summary = flat(rendered.passed!.text.pages[2]!);
		expect(summary).toContain('CC2 Communication and information');
		expect(summary).toContain('CC6 Logical and physical access');
		expect(summary).not.toMatch(/CC\d [^%]*…/);
	});

	it('splits the questions not asked the same way as the dashboard and the review stage', () => {
		const summary = flat(rendered.passed!.text.pages[2]!);
		expect(summary).toContain(
			'Not asked: 29 in categories not selected, 3 skipped by your answers.'
		);
		expect(summary).not.toContain('outside the scope');
	});

	it('a 16-month remediate-first timeline: month labels never collide, every cut label keeps “(projected)”', async () => {
		const model = sampleModel();
		model.recommendation = {
			...model.recommendation,
			type: 'remediate-first',
			windowMonths: null,
			timeline: [
				{
					kind: 'remediation',
					label: 'Remediation of blocking gaps',
					start: '2026-03-02',
					end: '2026-12-20'
				},
				{
					kind: 'window',
					label: '3-month Type II observation window with a very long explanation (projected)',
					start: '2026-12-21',
					end: '2027-03-20'
				},
				{
					kind: 'fieldwork',
					label: 'Type II fieldwork and sample requests from the CPA firm (projected)',
					start: '2027-03-21',
					end: '2027-04-10'
				},
				{
					kind: 'report',
					label: 'Type II report drafted and issued by the CPA firm (projected)',
					start: '2027-04-11',
					end: '2027-05-01'
				}
			]
		};
		model.naKeyControls = [
			{
				questionId: 'cc6-mfa',
				title: 'MFA everywhere',
				criteria: ['CC6.1'],
				reason: 'Single founder, no staff accounts yet'
			}
		];
		const bytes = await renderReportPdf(model);
		const text = await extractPdfText(bytes);
		const all = flat(text.all);
		expect(all.match(/\(projected\)/g)!.length).toBeGreaterThanOrEqual(3);
		expect(flat(text.pages[2]!)).toContain(
			'Not applicable on 1 key control, confirm with your CPA firm: MFA everywhere (“Single founder, no staff accounts yet”)'
		);
		expect(all).toContain('Key controls answered “not applicable”: confirm with your CPA firm');
		expect(all).toContain('Readiness is the weighted average level divided by 5');
		if (!hasCommand('pdftotext')) return;
		expect(layoutProblems(writeTemp(bytes))).toEqual([]);
	}, 60_000);

	it('the timeline shows the engine’s own step labels whole, the longest window included', async () => {
		const model = sampleModel();
		const labels = [
			'Remediation of blocking gaps',
			'12-month Type II observation window (projected)',
			'Type II fieldwork (projected)',
			'Type II report drafted and issued (projected)'
		];
		const kinds = ['remediation', 'window', 'fieldwork', 'report'] as const;
		const dates = ['2026-12-05', '2027-02-13', '2028-02-13', '2028-03-05', '2028-04-16'];
		model.recommendation = {
			...model.recommendation,
			type: 'remediate-first',
			timeline: labels.map((label, i) => ({
				kind: kinds[i]!,
				label,
				start: dates[i]!,
				end: dates[i + 1]!
			}))
		};
		const all = flat((await extractPdfText(await renderReportPdf(model))).all);
		for (const label of labels) expect(all).toContain(label);
		expect(all).not.toContain('observation win…');
	}, 60_000);

	it('renders a model with nothing answered (remediate first, no gaps, no vendors, no target)', () => {
		const { text } = rendered.minimal!;
		const all = flat(text.all);
		expect(all).toContain('Remediate first, then reassess');
		expect(all).toContain('No open gaps');
		expect(all).toContain('No subservice organisations were recorded');
		expect(all).toContain('No CUECs were recorded');
		expect(all).toContain('No gaps: every applicable question');
		expect(all).not.toContain('ISO/IEC 27001 overlap');
		expect(all).toContain('No target set');
		expect(flat(text.pages[1]!)).not.toContain('ISO/IEC 27001');
	});

	it('embeds a PNG logo and uses the brand colour; reports an unreadable logo instead of failing', async () => {
		const model = sampleModel();
		model.assessment.branding = {
			logoDataUrl: await pngDataUrl(120, 40, [200, 30, 60]),
			brandColor: '#ffd400'
		};
		const bytes = await renderReportPdf(model);
		const raw = Buffer.from(bytes).toString('latin1');
		expect(raw).toMatch(/\/Subtype \/Image/);
		expect(raw).toMatch(/\/Width 120/);

		const warnings: string[] = [];
		model.assessment.branding = {
			logoDataUrl: 'data:image/png;base64,AAAA',
			brandColor: 'not-a-colour'
		};
		const noLogo = await renderReportPdf(model, { onWarning: (m) => warnings.push(m) });
		expect(Buffer.from(noLogo).toString('latin1')).not.toMatch(/\/Subtype \/Image/);
		expect(warnings).toEqual(['The logo could not be read, so the report was made without it.']);
	});

	it('marks text in a script no embedded font can draw instead of dropping it or printing boxes', async () => {
		const model = minimalModel();
		model.assessment.organisation = 'ＡＣＭＥ 株式会社 😀 Ωμέγα';
		const text = await extractPdfText(await renderReportPdf(model));
		expect(flat(text.pages[0]!)).toContain(`ACME ${UNSUPPORTED_SCRIPT_MARKER} Ωμέγα`);
		expect(text.all).not.toContain('\ufffd');
	});

	it('renders a full 61-criteria assessment with notes everywhere', async () => {
		const model = fullModel();
		const { text, ms } = await render('full', model);
		const all = flat(text.all);
		expect(all).toContain('Control 150 for');
		expect(all).toContain('P8.1');
		expect(text.numPages).toBeGreaterThan(40);
		// One-page summary even with a long plan: the list is cut and points to the roadmap.
		expect(flat(text.pages[2]!)).toMatch(/\+ \d+ more actions in the first 30 days/);
		expect(flat(text.pages[3]!)).toContain('Readiness and recommendation');
		console.info(`full model: ${text.numPages} pages, rendered in ${Math.round(ms)} ms`);
	}, 60_000);
});

describe('Hebrew, Arabic, emoji and other scripts', () => {
	const HEBREW = 'המדיניות אושרה על ידי ההנהלה ב-2023 אך לא נבדקה מאז.';
	const ARABIC = 'سياسة أمن المعلومات معتمدة من الإدارة في عام 2023 ولكن لم تتم مراجعتها.';
	const ORG_RTL = 'שירותי ענן בע״מ — شركة الأمن';
	const MIXED =
		'Reviewed with the CISO: שלום עולם and مرحبا بالعالم, then 👍🏽 🎉 and 中文 文本 too.';
	let rtl: { bytes: Uint8Array; text: PdfText };

	beforeAll(async () => {
		const m = sampleModel();
		m.answers[0]!.note = HEBREW;
		m.answers[1]!.note = ARABIC;
		m.answers[2]!.note = MIXED;
		m.assessment.organisation = ORG_RTL;
		const bytes = await renderReportPdf(m);
		rtl = { bytes, text: await extractPdfText(bytes) };
	}, 60_000);

	// pdf.js reads the drawn (visual) lines back into logical order, as a reader sees them, and
	// folds Arabic presentation forms back to letters. So a sentence comes back whole only when
	// the PDF drew it in correct visual order; drawn in typed order it would come back reversed.
	it('never prints a replacement character, and the Hebrew reads back as typed', () => {
		expect(rtl.text.all).not.toContain('\ufffd');
		const all = flat(rtl.text.all);
		expect(all).toContain(HEBREW);
		expect(all).not.toContain('3202');
	});

	it('draws the Arabic shaped (joined letter forms), and it reads back as typed', async () => {
		expect(flat(rtl.text.all).normalize('NFKC')).toContain(ARABIC.normalize('NFKC'));
		// The glyphs drawn are the joined presentation forms (pdf.js without its normalisation).
		const pdf = await openPdf(rtl.bytes);
		const page = rtl.text.pages.findIndex((p) => flat(p).includes(HEBREW)) + 1;
		const content = await (await pdf.getPage(page)).getTextContent({ disableNormalization: true });
		const raw = content.items.map((i) => ('str' in i ? i.str : '')).join(' ');
		expect(raw).toMatch(/[\ufe70-\ufefc]/);
	});

	it('marks emoji and CJK with a visible note instead, keeping the text around them', () => {
		const all = flat(rtl.text.all);
		expect(all).toContain(`${UNSUPPORTED_SCRIPT_MARKER} and ${UNSUPPORTED_SCRIPT_MARKER} too.`);
		expect(all).toContain('Reviewed with the CISO');
		expect(all).toContain('שלום עולם');
	});

	it('embeds the right-to-left fonts only for a report that needs them', () => {
		expect(needsRtlFonts(JSON.stringify(sampleModel()))).toBe(false);
		expect(needsRtlFonts(HEBREW)).toBe(true);
		expect(needsRtlFonts(ARABIC)).toBe(true);
		expect(needsRtlFonts('Ωμέγα Москва 👍 中文')).toBe(false);
		// The Latin report is byte-for-byte what the Latin fonts give (unchanged by this feature):
		// the glyphs embedded for the same text differ between the two font files.
		const glyphs = (bytes: Uint8Array) =>
			[
				...Buffer.from(bytes)
					.toString('latin1')
					.matchAll(/\/Length1 (\d+)/g)
			].map((m) => m[1]);
		expect(glyphs(rtl.bytes)).not.toEqual(glyphs(rendered.a4!.bytes));
		if (!hasCommand('pdffonts')) return;
		const out = spawnSync('pdffonts', [writeTemp(rtl.bytes)], { encoding: 'utf8' });
		const rows = out.stdout.trim().split('\n').slice(2);
		expect(rows).toHaveLength(2);
		for (const row of rows)
			expect(row).toMatch(/^DejaVuSans(-Bold)?\s+CID TrueType\s+Identity-H\s+yes\s+\w+\s+yes/);
	});

	it('names a Hebrew and Arabic organisation on the cover and every running head, within the margins', () => {
		const org = ORG_RTL.normalize('NFKC');
		expect(flat(rtl.text.pages[0]!).normalize('NFKC')).toContain(org);
		expect(flat(rtl.text.pages[rtl.text.numPages - 1]!).normalize('NFKC')).toContain(org);
		if (!hasCommand('pdftotext')) return;
		expect(layoutProblems(writeTemp(rtl.bytes))).toEqual([]);
	});

	it('passes qpdf --check with the right-to-left fonts embedded', () => {
		if (!hasCommand('qpdf')) return;
		const r = spawnSync('qpdf', ['--check', writeTemp(rtl.bytes)], { encoding: 'utf8' });
		expect(r.status, r.stdout).toBe(0);
	});
});

describe('pdfText', () => {
	afterEach(() => setPdfScripts({ rtl: false }));
	const M = UNSUPPORTED_SCRIPT_MARKER;

	it.each([
		['emoji in a sentence', 'Great job 👍 team', `Great job ${M} team`],
		['an emoji sequence with skin tone and variation selector', 'ok 👍🏽️ ok', `ok ${M} ok`],
		['CJK words separated by spaces are one run', '中文 文本 here', `${M} here`],
		['Thai', 'สวัสดี', M],
		['Hebrew without the right-to-left fonts', 'שלום', M],
		['full-width Latin folds to Latin', 'ＡＣＭＥ', 'ACME'],
		['Greek and Cyrillic stay', 'Ωμέγα Москва', 'Ωμέγα Москва'],
		['invisible characters go', 'a\u200bb\u200fc', 'abc']
	])('%s', (_name, input, expected) => {
		expect(pdfText(input)).toBe(expected);
		expect(pdfText(input)).not.toContain('\ufffd');
	});

	it('prints only characters the embedded fonts draw, for any text (property)', () => {
		const seed = Date.now() ^ (Math.random() * 0x7fffffff);
		console.log(`pdfText coverage property seed: ${seed}`);
		const drawable = (ranges: readonly (readonly [number, number])[], cp: number) =>
			ranges.some(([a, b]) => cp >= a && cp <= b);
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.boolean(), (text, rtl) => {
				setPdfScripts(rtl ? { rtl: true, shape: (s) => s } : { rtl: false });
				const out = pdfText(text);
				for (const ch of out) {
					const cp = ch.codePointAt(0)!;
					const ok =
						ch === '\n' || drawable(FONT_COVERAGE, cp) || (rtl && drawable(RTL_FONT_COVERAGE, cp));
					expect(ok, `U+${cp.toString(16)} in ${JSON.stringify(out)}`).toBe(true);
				}
				// A replacement character only when the text had one.
				if (!text.includes('\ufffd')) expect(out).not.toContain('\ufffd');
			}),
			{ seed, numRuns: 400 }
		);
	});

	it('keeps Hebrew, and shapes Arabic, when the right-to-left fonts are embedded', () => {
		setPdfScripts({ rtl: true, shape: (s) => s.replace(/ب/g, '\ufe91') });
		expect(pdfText('שלום 👍')).toBe(`שלום ${M}`);
		expect(pdfText('باب')).toBe('\ufe91ا\ufe91');
		// Hebrew cantillation marks the font lacks are left out, the letters stay.
		expect(pdfText('בְּרֵאשִׁ֖ית')).not.toContain(M);
	});
});
