/**
 * A thin layout layer over jsPDF + jspdf-autotable: a vertical cursor with page breaks,
 * headings that feed the outline and the contents page, wrapped paragraphs, bullet lists,
 * callouts and tables whose cells can mix bold and regular lines or show risk badges.
 *
 * Units are millimetres; font sizes are points. Every string passes through `pdfText` so the
 * embedded font can draw it.
 */
import type { jsPDF } from 'jspdf';
import type { CellDef, CellHookData, RowInput, Styles, UserOptions } from 'jspdf-autotable';
import type { Risk } from '$lib/domain/types';
import { FONT_FAMILY } from '../fonts';
import { lineIsRightToLeft, noteWrappedLines, pdfText, RISK_LABELS } from '../text';
import type { RGB, Theme } from '../theme';

export type AutoTableFn = (doc: jsPDF, options: UserOptions) => void;

export const PT = 25.4 / 72;
/** Line-height factor for body text and table cells. */
export const LH = 1.3;

export interface Geometry {
	width: number;
	height: number;
	left: number;
	right: number;
	top: number;
	bottom: number;
	contentWidth: number;
}

export interface SectionEntry {
	title: string;
	number: string;
	page: number;
	level: 0 | 1;
	/** Listed on the contents page. */
	toc: boolean;
}

/** One run of text inside a rich table cell; a run may wrap over several lines. */
export interface Run {
	text: string;
	bold?: boolean;
	color?: RGB;
	/** Prefix drawn on the first line (e.g. "•"), continuation lines are indented to match. */
	bullet?: string;
}

export type CellSpec =
	| string
	| { runs: Run[] }
	| { badge: Risk; text?: string }
	| { text: string; bold?: boolean; color?: RGB; align?: 'left' | 'right' | 'center' };

export interface ColumnSpec {
	header: string;
	/** Share of the content width (all columns add up to 1). */
	width: number;
	align?: 'left' | 'right' | 'center';
}

export interface TableOptions {
	columns: ColumnSpec[];
	rows: CellSpec[][];
	fontSize?: number;
	/** No header row (key/value tables). */
	noHead?: boolean;
	/** Zebra striping (default true). */
	zebra?: boolean;
	/** Space after the table (mm). */
	after?: number;
}

interface Line {
	text: string;
	bold: boolean;
	color?: RGB;
	/** x offset from the cell's text start (bullet indent). */
	dx: number;
	/** Bullet marker drawn at dx - markerWidth on this line. */
	marker?: string;
}

interface RichRaw extends CellDef {
	content: string;
	lines: Line[];
	drawn: number;
}

interface BadgeRaw extends CellDef {
	content: string;
	badge: Risk;
}

const CELL_PAD = { top: 1.5, bottom: 1.6, left: 1.8, right: 1.8 };

/** How far (mm) the last line of a text block may reach below the bottom margin; the footer rule sits lower. */
const LAST_LINE_SLACK = 4.6;

export class Writer {
	y: number;
	readonly sections: SectionEntry[] = [];

	constructor(
		readonly doc: jsPDF,
		private readonly autoTable: AutoTableFn,
		readonly theme: Theme,
		readonly g: Geometry
	) {
		this.y = g.top;
	}

	// ---------------------------------------------------------------- primitives

	get page(): number {
		return this.doc.getNumberOfPages();
	}

	get bottomLimit(): number {
		return this.g.height - this.g.bottom;
	}

	setFont(size: number, bold = false, color: RGB = this.theme.text): void {
		this.useFont(size, bold);
		this.doc.setTextColor(color[0], color[1], color[2]);
	}

	/** Selects the font only when it differs from the current one (setFont is not free). */
	private useFont(size: number, bold: boolean): void {
		const style = bold ? 'bold' : 'normal';
		const current = this.doc.getFont();
		if (current.fontName !== FONT_FAMILY || current.fontStyle !== style) {
			this.doc.setFont(FONT_FAMILY, style);
		}
		if (this.doc.getFontSize() !== size) this.doc.setFontSize(size);
	}

	lineHeight(size: number, factor = LH): number {
		return size * factor * PT;
	}

	/** Wraps already-sanitised text to a width with the given font; long words and URLs break. */
	wrap(text: string, width: number, size: number, bold = false): string[] {
		this.useFont(size, bold);
		const out: string[] = [];
		for (const para of text.split('\n')) {
			if (para.trim() === '') {
				out.push('');
				continue;
			}
			const lines = this.doc.splitTextToSize(para, width) as string[];
			noteWrappedLines(para, lines);
			out.push(...lines);
		}
		return out;
	}

	textWidth(text: string, size: number, bold = false): number {
		this.useFont(size, bold);
		return this.doc.getTextWidth(text);
	}

	/** Shortens a line to fit `width`, ending with an ellipsis. */
	ellipsize(text: string, width: number, size: number, bold = false): string {
		if (this.textWidth(text, size, bold) <= width) return text;
		let lo = 0;
		let hi = text.length;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.textWidth(text.slice(0, mid).trimEnd() + '…', size, bold) <= width) lo = mid;
			else hi = mid - 1;
		}
		return text.slice(0, lo).trimEnd() + '…';
	}

	/** Draws one line of sanitised text with its baseline derived from a top y. */
	textAt(
		text: string,
		x: number,
		top: number,
		size: number,
		opts: { bold?: boolean; color?: RGB; align?: 'left' | 'right' | 'center' } = {}
	): void {
		this.setFont(size, opts.bold, opts.color ?? this.theme.text);
		this.doc.text(text, x, top + size * PT * 0.8, { align: opts.align ?? 'left' });
	}

	fill(color: RGB): void {
		this.doc.setFillColor(color[0], color[1], color[2]);
	}

	stroke(color: RGB, width = 0.2): void {
		this.doc.setDrawColor(color[0], color[1], color[2]);
		this.doc.setLineWidth(width);
	}

	rule(y = this.y, color: RGB = this.theme.rule, width = 0.2): void {
		this.stroke(color, width);
		this.doc.line(this.g.left, y, this.g.width - this.g.right, y);
	}

	newPage(): void {
		this.doc.addPage();
		this.y = this.g.top;
	}

	/** Starts a new page unless `h` mm still fit below the cursor. */
	ensure(h: number): void {
		if (this.y + h > this.bottomLimit) this.newPage();
	}

	gap(mm: number): void {
		this.y += mm;
	}

	// ---------------------------------------------------------------- headings

	/** Top-level section: always on a new page, numbered, listed in contents and outline. */
	h1(number: string, title: string, opts: { newPage?: boolean } = {}): void {
		if (opts.newPage !== false) this.newPage();
		this.sections.push({ title, number, page: this.page, level: 0, toc: true });
		const { brandInk } = this.theme;
		const x = this.g.left;
		this.fill(this.theme.brand);
		this.doc.rect(x, this.y, 14, 1.2, 'F');
		this.y += 4;
		if (number) {
			this.textAt(number.toUpperCase(), x, this.y, 8.5, { bold: true, color: brandInk });
			this.y += 4.6;
		}
		for (const line of this.wrap(pdfText(title), this.g.contentWidth, 17, true)) {
			this.textAt(line, x, this.y, 17, { bold: true });
			this.y += this.lineHeight(17, 1.15);
		}
		this.y += 4;
	}

	/** Sub-section heading; optionally a child entry in the outline. */
	h2(title: string, opts: { outline?: boolean; keepWith?: number } = {}): void {
		const lines = this.wrap(pdfText(title), this.g.contentWidth, 11.5, true);
		const h = lines.length * this.lineHeight(11.5, 1.2) + 2.5;
		this.ensure(h + (opts.keepWith ?? 18));
		if (this.y > this.g.top + 0.5) this.y += 2.5;
		if (opts.outline) {
			this.sections.push({ title, number: '', page: this.page, level: 1, toc: false });
		}
		for (const line of lines) {
			this.textAt(line, this.g.left, this.y, 11.5, { bold: true, color: this.theme.brandInk });
			this.y += this.lineHeight(11.5, 1.2);
		}
		this.y += 2;
	}

	h3(title: string, opts: { keepWith?: number } = {}): void {
		const lines = this.wrap(pdfText(title), this.g.contentWidth, 9.5, true);
		this.ensure(lines.length * this.lineHeight(9.5) + (opts.keepWith ?? 14));
		if (this.y > this.g.top + 0.5) this.y += 1;
		for (const line of lines) {
			this.textAt(line, this.g.left, this.y, 9.5, { bold: true });
			this.y += this.lineHeight(9.5);
		}
		this.y += 1;
	}

	// ---------------------------------------------------------------- text blocks

	para(
		text: string,
		opts: {
			size?: number;
			bold?: boolean;
			color?: RGB;
			indent?: number;
			width?: number;
			after?: number;
		} = {}
	): void {
		const size = opts.size ?? 9;
		const x = this.g.left + (opts.indent ?? 0);
		const width = opts.width ?? this.g.contentWidth - (opts.indent ?? 0);
		const lh = this.lineHeight(size, 1.4);
		const lines = this.wrap(pdfText(text), width, size, opts.bold);
		lines.forEach((line, i) => {
			this.ensureLine(lh, i === lines.length - 1);
			if (line) this.textAt(line, x, this.y, size, { bold: opts.bold, color: opts.color });
			this.y += lh;
		});
		this.y += opts.after ?? 2.2;
	}

	/**
	 * Room for one line of a text block. The last line of a block may use the slack between the
	 * bottom margin and the footer rule (one line at most), so that a block never leaves a page
	 * holding a single line of its own.
	 */
	private ensureLine(lh: number, last: boolean): void {
		if (this.y + lh <= this.bottomLimit) return;
		if (last && this.y + lh <= this.bottomLimit + LAST_LINE_SLACK && this.y > this.g.top) return;
		this.newPage();
	}

	bullets(
		items: string[],
		opts: { size?: number; marker?: string; color?: RGB; indent?: number; after?: number } = {}
	): void {
		const size = opts.size ?? 9;
		const marker = opts.marker ?? '•';
		const indent = opts.indent ?? 0;
		const x = this.g.left + indent;
		const lh = this.lineHeight(size, 1.4);
		const tab = Math.max(4, this.textWidth(marker, size) + 2);
		for (const [k, item] of items.entries()) {
			const lines = this.wrap(pdfText(item), this.g.contentWidth - indent - tab, size);
			lines.forEach((line, i) => {
				this.ensureLine(lh, k === items.length - 1 && i === lines.length - 1);
				if (i === 0) this.textAt(marker, x, this.y, size, { color: this.theme.brandInk });
				this.textAt(line, x + tab, this.y, size, { color: opts.color });
				this.y += lh;
			});
			this.y += 0.8;
		}
		this.y += opts.after ?? 1.6;
	}

	/** A tinted box with an accent bar on the left, for notes and warnings. */
	callout(
		text: string,
		opts: { title?: string; accent?: RGB; size?: number; after?: number } = {}
	): void {
		const size = opts.size ?? 8.5;
		const pad = 3;
		const bar = 1.2;
		const width = this.g.contentWidth - pad * 2 - bar;
		const lh = this.lineHeight(size, 1.4);
		const titleLines = opts.title ? this.wrap(pdfText(opts.title), width, size, true) : [];
		const lines = this.wrap(pdfText(text), width, size);
		const h = (titleLines.length + lines.length) * lh + pad * 2 - 1;
		if (h < this.bottomLimit - this.g.top) this.ensure(h);
		const top = this.y;
		this.fill(this.theme.panel);
		this.doc.rect(this.g.left, top, this.g.contentWidth, h, 'F');
		this.fill(opts.accent ?? this.theme.brand);
		this.doc.rect(this.g.left, top, bar, h, 'F');
		this.y += pad;
		const x = this.g.left + bar + pad;
		for (const line of titleLines) {
			this.textAt(line, x, this.y, size, { bold: true });
			this.y += lh;
		}
		for (const line of lines) {
			if (this.y + lh > this.bottomLimit) this.newPage();
			if (line) this.textAt(line, x, this.y, size);
			this.y += lh;
		}
		this.y = Math.max(this.y, top + h) + (opts.after ?? 3);
		if (this.y < top) this.y += pad;
	}

	// ---------------------------------------------------------------- tables

	table(opts: TableOptions): void {
		const fontSize = opts.fontSize ?? 8;
		const total = opts.columns.reduce((s, c) => s + c.width, 0);
		const widths = opts.columns.map((c) => (c.width / total) * this.g.contentWidth);
		const theme = this.theme;

		const body: RowInput[] = opts.rows.map((row) =>
			row.map((cell, i) =>
				this.cellInput(cell, widths[i]! - CELL_PAD.left - CELL_PAD.right, fontSize)
			)
		);
		const columnStyles: NonNullable<UserOptions['columnStyles']> = {};
		opts.columns.forEach((c, i) => {
			columnStyles[i] = { cellWidth: widths[i]!, halign: c.align ?? 'left' };
		});

		// A heading or the previous block may leave too little room for the head + first row.
		this.ensure(12);
		this.autoTable(this.doc, {
			startY: this.y,
			margin: { left: this.g.left, right: this.g.right, top: this.g.top, bottom: this.g.bottom },
			theme: 'plain',
			tableWidth: this.g.contentWidth,
			head: opts.noHead
				? undefined
				: [
						opts.columns.map((c) => ({
							content: pdfText(c.header),
							styles: { halign: c.align ?? 'left' }
						}))
					],
			body,
			showHead: opts.noHead ? 'never' : 'everyPage',
			rowPageBreak: 'avoid',
			styles: {
				font: FONT_FAMILY,
				fontStyle: 'normal',
				fontSize,
				textColor: theme.text,
				cellPadding: CELL_PAD,
				lineColor: theme.rule,
				lineWidth: { bottom: 0.15 },
				overflow: 'linebreak',
				valign: 'top'
			},
			headStyles: {
				fillColor: theme.brand,
				textColor: theme.onBrand,
				fontStyle: 'bold',
				fontSize: fontSize - 0.5,
				valign: 'bottom',
				lineWidth: 0
			},
			alternateRowStyles: opts.zebra === false ? {} : { fillColor: theme.zebra },
			columnStyles,
			willDrawCell: (data) => this.willDrawCell(data),
			didDrawCell: (data) => this.didDrawCell(data)
		});
		const finalY = (this.doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable
			.finalY;
		this.y = finalY + (opts.after ?? 4);
	}

	private cellInput(cell: CellSpec, width: number, fontSize: number): string | CellDef {
		if (typeof cell === 'string') return pdfText(cell);
		if ('runs' in cell) {
			const lines = this.layoutRuns(cell.runs, width, fontSize);
			// The cell's own text is one empty line per laid-out line: autotable sizes the row from
			// the line count (the column widths are fixed) without measuring text again, and
			// didDrawCell draws the real lines.
			const raw: RichRaw = { content: '\n'.repeat(Math.max(0, lines.length - 1)), lines, drawn: 0 };
			return raw;
		}
		if ('badge' in cell) {
			const raw: BadgeRaw = {
				content: pdfText(cell.text ?? RISK_LABELS[cell.badge]),
				badge: cell.badge,
				styles: { fontStyle: 'bold' }
			};
			return raw;
		}
		const styles: Partial<Styles> = { fontStyle: cell.bold ? 'bold' : 'normal' };
		if (cell.color) styles.textColor = cell.color;
		if (cell.align) styles.halign = cell.align;
		return { content: pdfText(cell.text), styles };
	}

	/** Wraps runs for a cell of the given inner width; the lines are drawn as laid out here. */
	private layoutRuns(runs: Run[], width: number, fontSize: number): Line[] {
		const lines: Line[] = [];
		for (const run of runs) {
			const text = pdfText(run.text);
			if (run.bullet) {
				const tab = this.textWidth(run.bullet, fontSize) + 1.4;
				this.wrap(text, width - tab - 0.3, fontSize, run.bold).forEach((t, i) =>
					lines.push({
						text: t,
						bold: !!run.bold,
						color: run.color,
						dx: tab,
						marker: i === 0 ? run.bullet : undefined
					})
				);
			} else {
				for (const t of this.wrap(text, width - 0.3, fontSize, run.bold)) {
					lines.push({ text: t, bold: !!run.bold, color: run.color, dx: 0 });
				}
			}
		}
		return lines;
	}

	private willDrawCell(data: CellHookData): void {
		const raw = data.cell.raw as unknown;
		if (data.section !== 'body' || !raw || typeof raw !== 'object') return;
		if ('lines' in raw || 'badge' in raw) {
			// Keep the lines for didDrawCell; autotable draws only the background and borders.
			(data.cell as unknown as { pending: string[] }).pending = data.cell.text;
			data.cell.text = [];
		}
	}

	private didDrawCell(data: CellHookData): void {
		const raw = data.cell.raw as unknown;
		if (data.section !== 'body' || !raw || typeof raw !== 'object') return;
		if (!('lines' in raw) && !('badge' in raw)) return;
		const cell = data.cell;
		const pending = (cell as unknown as { pending?: string[] }).pending ?? [];
		const fontSize = cell.styles.fontSize;
		const x = cell.x + cell.padding('left');
		const top = cell.y + cell.padding('top');
		if ('badge' in raw) {
			const risk = (raw as BadgeRaw).badge;
			const label = pending.join(' ');
			const size = fontSize - 0.8;
			const w = this.textWidth(label, size, true) + 3.2;
			const h = size * PT * 1.45;
			this.fill(this.theme.risk[risk]);
			this.doc.roundedRect(x, top - 0.35, w, h, 0.9, 0.9, 'F');
			this.textAt(label, x + w / 2, top - 0.35 + (h - size * PT) / 2 - 0.05, size, {
				bold: true,
				color: [255, 255, 255],
				align: 'center'
			});
			return;
		}
		const rich = raw as RichRaw;
		// Rows split over pages draw their lines in order, piece by piece.
		const lines = rich.lines.slice(rich.drawn, rich.drawn + pending.length);
		rich.drawn += pending.length;
		const lh = fontSize * this.doc.getLineHeightFactor() * PT;
		const base = top + fontSize * PT * (2 - 1.15);
		const cellColor = cell.styles.textColor as unknown;
		const textColor = Array.isArray(cellColor) ? (cellColor as RGB) : this.theme.text;
		// Consecutive lines in the same style are drawn with one call (jsPDF spaces them by the
		// same line height).
		let i = 0;
		while (i < lines.length) {
			const line = lines[i]!;
			const color = line.color ?? textColor;
			if (line.marker) {
				this.setFont(fontSize, line.bold, this.theme.muted);
				this.doc.text(line.marker, x, base + i * lh);
			}
			let j = i + 1;
			while (
				j < lines.length &&
				!lines[j]!.marker &&
				lines[j]!.bold === line.bold &&
				lines[j]!.color === line.color &&
				lines[j]!.dx === line.dx &&
				lineIsRightToLeft(lines[j]!.text) === lineIsRightToLeft(line.text)
			) {
				j++;
			}
			const texts = lines.slice(i, j).map((l) => l.text);
			if (texts.some((t) => t)) {
				this.setFont(fontSize, line.bold, color);
				const text = texts.length === 1 ? texts[0]! : texts;
				// A right-to-left paragraph (Hebrew, Arabic) is aligned on the right of the cell.
				if (lineIsRightToLeft(line.text) && !line.marker) {
					const right = cell.x + cell.width - cell.padding('right');
					this.doc.text(text, right, base + i * lh, { align: 'right' });
				} else {
					this.doc.text(text, x + line.dx, base + i * lh);
				}
			}
			i = j;
		}
	}
}
