/**
 * Writer page breaks: the last line of a paragraph or list may use the slack above the footer
 * rule, so a block never leaves a page holding a single line of its own.
 */
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { beforeAll, describe, expect, it } from 'vitest';
import { FONT_FAMILY, loadReportFonts } from '../fonts';
import { makeTheme } from '../theme';
import { Writer, type AutoTableFn } from './writer';

let fonts: Awaited<ReturnType<typeof loadReportFonts>>;
beforeAll(async () => {
	fonts = await loadReportFonts();
});

function writer(): Writer {
	const doc = new jsPDF({ unit: 'mm', format: 'a4' });
	doc.addFileToVFS('DejaVuSans.ttf', fonts.regular);
	doc.addFont('DejaVuSans.ttf', FONT_FAMILY, 'normal');
	doc.addFileToVFS('DejaVuSans-Bold.ttf', fonts.bold);
	doc.addFont('DejaVuSans-Bold.ttf', FONT_FAMILY, 'bold');
	const width = doc.internal.pageSize.getWidth();
	const g = {
		width,
		height: doc.internal.pageSize.getHeight(),
		left: 18,
		right: 18,
		top: 22,
		bottom: 20,
		contentWidth: width - 36
	};
	return new Writer(doc, autoTable as unknown as AutoTableFn, makeTheme(null), g);
}

const LONG = 'A sentence long enough to wrap over several lines of the page. '.repeat(4).trim();

describe('Writer page breaks', () => {
	it.each(['para', 'bullets'] as const)(
		'%s: a last line that would sit alone on a new page stays above the footer',
		(kind) => {
			const w = writer();
			const draw = (x: Writer) =>
				kind === 'para' ? x.para(LONG) : x.bullets(['First item.', LONG]);
			// Measure the block, then place it so that all but its last line fit on the page.
			const probe = writer();
			const top = probe.y;
			draw(probe);
			const lineH = probe.lineHeight(9, 1.4);
			const after = kind === 'para' ? 2.2 : 0.8 + 1.6;
			const blockH = probe.y - top - after;
			w.y = w.bottomLimit - blockH + lineH - 0.01;
			draw(w);
			expect(w.page).toBe(1);
			expect(w.y - after).toBeLessThanOrEqual(w.bottomLimit + lineH + 0.02);
			expect(w.y - after).toBeLessThan(w.g.height - 14.5);
		}
	);

	it('a block missing two lines still breaks: only one line may use the slack', () => {
		const w = writer();
		const probe = writer();
		const top = probe.y;
		probe.para(LONG);
		const lineH = probe.lineHeight(9, 1.4);
		w.y = w.bottomLimit - (probe.y - top - 2.2) + 2 * lineH - 0.01;
		w.para(LONG);
		expect(w.page).toBe(2);
	});
});
