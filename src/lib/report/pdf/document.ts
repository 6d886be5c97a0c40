/**
 * Assembles the report: cover, contents, sections, running header/footer, outline and metadata.
 */
import type { jsPDF } from 'jspdf';
import type { ReportModel } from '$lib/domain/types';
import { FONT_FAMILY, type ReportFonts } from '../fonts';
import { lineIsRightToLeft, needsRtlFonts, pdfText, setPdfScripts } from '../text';
import { makeTheme } from '../theme';
import { drawCover } from './cover';
import { drawProgress } from './progress';
import { makeRefs } from './refs';
import { drawIntroduction, drawSections } from './sections';
import { drawSummary } from './summary';
import { NOT_A_REPORT_LINE, REPORT_TITLE } from './wording';
import { LH, Writer, type AutoTableFn, type Geometry } from './writer';

export interface BuildOptions {
	paper: 'a4' | 'letter';
	onWarning?: (message: string) => void;
}

export function buildDocument(
	JsPDF: typeof jsPDF,
	autoTable: AutoTableFn,
	fonts: ReportFonts,
	model: ReportModel,
	opts: BuildOptions
): Uint8Array {
	const doc = new JsPDF({
		unit: 'mm',
		format: opts.paper,
		orientation: 'portrait',
		compress: true,
		putOnlyUsedFonts: true,
		// Coordinates to a thousandth of a point (jsPDF writes 16 decimals by default, which
		// makes page content about three times larger and slower to compress).
		floatPrecision: 3
	});
	dropArabicShaping(doc);
	// Text measurement calls the shaper through the shared plugin API as well. Arabic is shaped
	// once, in pdfText, before text is measured or drawn, so switch it off there too.
	const api = (JsPDF as unknown as { API: JsPdfApi }).API;
	api.processArabic = undefined;
	// Hebrew and Arabic: the right-to-left fonts are embedded (fonts.rtl), pdfText shapes Arabic
	// and every line is drawn in visual order.
	setPdfScripts(
		fonts.rtl
			? { rtl: true, shape: (line) => api.__arabicParser__.processArabic(line) }
			: { rtl: false }
	);
	try {
		if (fonts.rtl) drawRightToLeftInVisualOrder(doc, JsPDF);
		return draw(doc, autoTable, fonts, model, opts);
	} finally {
		setPdfScripts({ rtl: false });
	}
}

interface JsPdfApi {
	processArabic?: unknown;
	__arabicParser__: { processArabic: (text: string) => string };
}

function draw(
	doc: jsPDF,
	autoTable: AutoTableFn,
	fonts: ReportFonts,
	model: ReportModel,
	opts: BuildOptions
): Uint8Array {
	doc.addFileToVFS('DejaVuSans.ttf', fonts.regular);
	doc.addFont('DejaVuSans.ttf', FONT_FAMILY, 'normal');
	doc.addFileToVFS('DejaVuSans-Bold.ttf', fonts.bold);
	doc.addFont('DejaVuSans-Bold.ttf', FONT_FAMILY, 'bold');
	speedUpFontBookkeeping(doc);
	// jspdf-autotable asks for the font list for every cell it styles; no font is added after
	// this point, so answer from a copy instead of rebuilding the list each time.
	const fontList = doc.getFontList();
	doc.getFontList = () => fontList;
	doc.setFont(FONT_FAMILY, 'normal');
	doc.setLineHeightFactor(LH);

	const width = doc.internal.pageSize.getWidth();
	const height = doc.internal.pageSize.getHeight();
	const g: Geometry = {
		width,
		height,
		left: 18,
		right: 18,
		top: 22,
		bottom: 20,
		contentWidth: width - 36
	};
	const theme = makeTheme(model.assessment.branding?.brandColor);
	const w = new Writer(doc, autoTable, theme, g);
	const refs = makeRefs(model);

	drawCover(w, model, opts.onWarning);
	w.newPage(); // contents, filled in once every section knows its page
	const contentsPage = w.page;
	drawIntroduction(w, model);
	drawSummary(w, model, refs);
	drawProgress(w, model);
	drawSections(w, model, refs);

	drawContents(w, contentsPage);
	drawRunningHeads(w, model);
	addOutline(w, contentsPage);

	const org = pdfText(model.assessment.organisation) || 'Organisation';
	doc.setProperties({
		title: `${REPORT_TITLE} — ${org}`,
		subject:
			'SOC 2 readiness (gap) assessment: readiness scores, risk-rated gap register, remediation plan and Type I / Type II recommendation. Not a SOC 2 report.',
		author: pdfText(model.assessment.assessor) || org,
		keywords: 'SOC 2, readiness assessment, gap assessment, Trust Services Criteria',
		creator: 'SOC 2 Readiness'
	});
	doc.setLanguage('en-GB');
	// Open at full width with the bookmarks panel showing the sections.
	doc.setDisplayMode('fullwidth', 'continuous', 'UseOutlines');
	doc.setCreationDate(pdfDate(model.asOf));
	doc.setFileId(fileId(JSON.stringify(model) + opts.paper));

	const out = doc.output();
	return toBytes(fixCidSystemInfo(out));
}

/**
 * jsPDF runs an Arabic shaping pass over every string it draws. The embedded font has no
 * Arabic glyphs (such characters are replaced before drawing), so the pass only costs time —
 * about a tenth of the rendering time of a large report.
 */
function dropArabicShaping(doc: jsPDF): void {
	const events = (
		doc.internal as unknown as { events?: { getTopics?: () => Record<string, unknown> } }
	).events;
	const topics = events?.getTopics?.();
	if (topics && 'preProcessText' in topics) delete topics.preProcessText;
}

interface BidiEngine {
	setOptions(options: Record<string, boolean>): void;
	doBidiReorder(text: string): string;
}

/**
 * Every line is drawn in visual order: text is kept in logical (typed) order up to this point —
 * so that it wraps and measures right — and each line with Hebrew or Arabic in it is reordered
 * with jsPDF's Unicode bidirectional algorithm as it is drawn (by the writer, the tables and
 * every section alike), in the direction of its paragraph (see `noteWrappedLines`).
 */
function drawRightToLeftInVisualOrder(doc: jsPDF, JsPDF: typeof jsPDF): void {
	const Engine = (JsPDF as unknown as { __bidiEngine__: new (o: object) => BidiEngine })
		.__bidiEngine__;
	const engine = new Engine({});
	const visual = (line: string): string => {
		if (!needsRtlFonts(line)) return line;
		engine.setOptions({
			isInputVisual: false,
			isOutputVisual: true,
			isInputRtl: lineIsRightToLeft(line),
			isOutputRtl: false
		});
		return engine.doBidiReorder(line);
	};
	const text = doc.text.bind(doc) as (...args: unknown[]) => jsPDF;
	// jsPDF's own bidi pass (run on every string) would reorder the visual lines once more: tell
	// it that they are visual already, so it leaves them as they are.
	const asIs = { isInputVisual: true, isOutputVisual: true, isInputRtl: false, isOutputRtl: false };
	doc.text = ((t: unknown, x: unknown, y: unknown, options?: object, ...rest: unknown[]) => {
		if (typeof t !== 'string' && !Array.isArray(t)) return text(t, x, y, options, ...rest);
		const lines =
			typeof t === 'string'
				? t.split('\n').map(visual).join('\n')
				: t.map((l: unknown) => (typeof l === 'string' ? l.split('\n').map(visual).join('\n') : l));
		return text(lines, x, y, { ...options, ...asIs }, ...rest);
	}) as jsPDF['text'];
}

/** An array that keeps only the first occurrence of each value pushed into it. */
class UniqueList extends Array<unknown> {
	static override get [Symbol.species]() {
		return Array;
	}
	private readonly seen = new Set<unknown>();
	override push(...items: unknown[]): number {
		for (const item of items) {
			if (!this.seen.has(item)) {
				this.seen.add(item);
				super.push(item);
			}
		}
		return this.length;
	}
}

/** The glyph-width list `[gid, [width], gid, [width], …]` with a constant-time lookup of gids. */
class WidthList extends Array<unknown> {
	static override get [Symbol.species]() {
		return Array;
	}
	private readonly positions = new Map<unknown, number>();
	override push(...items: unknown[]): number {
		for (const item of items) {
			if (!Array.isArray(item) && !this.positions.has(item)) this.positions.set(item, this.length);
			super.push(item);
		}
		return this.length;
	}
	override indexOf(item: unknown): number {
		return this.positions.get(item) ?? -1;
	}
}

/**
 * jsPDF records every glyph drawn in an ever-growing list (one entry per character) and looks
 * up glyph widths with a linear search, so large reports spend most of their time there. Both
 * lists only need set semantics; swap in equivalents with the same contents and order.
 */
function speedUpFontBookkeeping(doc: jsPDF): void {
	const internal = doc.internal as unknown as {
		getFont?: (family: string, style: string) => { metadata?: FontMetadata } | undefined;
	};
	for (const style of ['normal', 'bold']) {
		const meta = internal.getFont?.(FONT_FAMILY, style)?.metadata;
		if (!meta || !Array.isArray(meta.glyIdsUsed) || !Array.isArray(meta.Unicode?.widths)) continue;
		const used = new UniqueList();
		used.push(...meta.glyIdsUsed);
		meta.glyIdsUsed = used;
		const widths = new WidthList();
		widths.push(...meta.Unicode.widths);
		meta.Unicode.widths = widths;
	}
}

interface FontMetadata {
	glyIdsUsed: unknown[];
	Unicode: { widths: unknown[] };
}

/** "2025-03-14" → "D:20250314000000+00'00'" (a fixed time so output is reproducible). */
function pdfDate(iso: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
	const [y, mo, d] = m ? [m[1], m[2], m[3]] : ['2000', '01', '01'];
	return `D:${y}${mo}${d}000000+00'00'`;
}

/** 128-bit FNV-1a style digest as 32 hex digits, for the PDF file identifier. */
function fileId(input: string): string {
	const seeds = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
	return seeds
		.map((seed, k) => {
			let h = seed >>> 0;
			for (let i = 0; i < input.length; i++) {
				h ^= input.charCodeAt(i) + k;
				h = Math.imul(h, 0x01000193) >>> 0;
			}
			return h.toString(16).padStart(8, '0');
		})
		.join('')
		.toUpperCase();
}

/**
 * jsPDF writes `/Ordering (Identity-H)` in the CIDSystemInfo of embedded fonts; the correct value
 * is `(Identity)`. Patch it with a same-length replacement so the cross-reference offsets stay valid.
 */
function fixCidSystemInfo(pdf: string): string {
	return pdf.replaceAll('/Ordering (Identity-H)', '/Ordering (Identity)  ');
}

function toBytes(binary: string): Uint8Array {
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
	return bytes;
}

function drawContents(w: Writer, page: number): void {
	const { doc, g, theme } = w;
	doc.setPage(page);
	w.y = g.top;
	w.sections.unshift({ title: 'Contents', number: '', page, level: 0, toc: false });
	const fill = theme.brand;
	doc.setFillColor(fill[0], fill[1], fill[2]);
	doc.rect(g.left, w.y, 14, 1.2, 'F');
	w.y += 8.6;
	w.textAt('Contents', g.left, w.y, 17, { bold: true });
	w.y += 14;
	const right = g.width - g.right;
	for (const s of w.sections.filter((e) => e.toc)) {
		const label = s.number ? `${s.number}` : '';
		const title = pdfText(s.title);
		const numX = g.left;
		const titleX = g.left + 26;
		w.textAt(label, numX, w.y, 10, { bold: true, color: theme.brandInk });
		w.textAt(title, titleX, w.y, 10);
		w.textAt(String(s.page), right, w.y, 10, { align: 'right' });
		// Dotted leader between the title and the page number.
		const from = titleX + w.textWidth(title, 10) + 2;
		const to = right - w.textWidth(String(s.page), 10) - 2;
		doc.setDrawColor(theme.rule[0], theme.rule[1], theme.rule[2]);
		doc.setLineWidth(0.3);
		doc.setLineDashPattern([0.3, 1.2], 0);
		if (to > from) doc.line(from, w.y + 3, to, w.y + 3);
		doc.setLineDashPattern([], 0);
		// Internal destination only (a prototype-free object: jsPDF checks `options.url` first).
		const target = Object.assign(Object.create(null) as object, { pageNumber: s.page });
		doc.link(g.left, w.y - 1, g.contentWidth, 6, target);
		w.y += 8;
	}
	w.y += 4;
	w.para(
		'How to read this report: the executive summary fits on one page; the numbered sections give the detail behind it; the appendices hold every answer, the scoring method and the limits of this assessment. Gaps are referred to as G1, G2… in risk order and remediation actions as R1, R2… in roadmap order.',
		{ size: 8.5, color: theme.muted }
	);
}

function drawRunningHeads(w: Writer, model: ReportModel): void {
	const { doc, g, theme } = w;
	const total = doc.getNumberOfPages();
	const org = pdfText(model.assessment.organisation);
	const right = g.width - g.right;
	for (let p = 2; p <= total; p++) {
		doc.setPage(p);
		const headY = 10;
		const title = REPORT_TITLE;
		const titleW = w.textWidth(title, 7.5);
		const orgLines = w.wrap(org, g.contentWidth - titleW - 8, 7.5, true);
		let orgText = orgLines[0] ?? '';
		if (orgLines.length > 1) orgText = orgText.replace(/\s*\S{0,3}$/, '') + '…';
		w.textAt(orgText, g.left, headY, 7.5, { bold: true, color: theme.muted });
		w.textAt(title, right, headY, 7.5, { color: theme.muted, align: 'right' });
		w.rule(headY + 5, theme.rule, 0.2);

		const footY = g.height - 12;
		w.rule(footY - 2.5, theme.rule, 0.2);
		w.textAt(`${NOT_A_REPORT_LINE} · Confidential`, g.left, footY, 7, { color: theme.muted });
		w.textAt(`Page ${p} of ${total}`, right, footY, 7, { color: theme.muted, align: 'right' });
	}
}

function addOutline(w: Writer, contentsPage: number): void {
	const { doc } = w;
	const outline = (doc as unknown as { outline: jsPDF['outline'] }).outline;
	outline.add(null, 'Cover', { pageNumber: 1 });
	let parent: ReturnType<jsPDF['outline']['add']> | null = null;
	for (const s of w.sections) {
		const title = s.number ? `${s.number}  ${s.title}` : s.title;
		if (s.level === 0 || !parent) {
			parent = outline.add(null, title, { pageNumber: s.page });
			if (s.page === contentsPage) parent = null;
		} else {
			outline.add(parent, s.title, { pageNumber: s.page });
		}
	}
}
