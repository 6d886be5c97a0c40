/** The cover page: logo, organisation, what the document is (and is not), key facts. */
import type { ReportModel } from '$lib/domain/types';
import { CATEGORY_LABELS, formatDate, pdfText } from '../text';
import { NOT_A_REPORT_LINE } from './wording';
import type { Writer } from './writer';

const LOGO_MAX_W = 52;
const LOGO_MAX_H = 22;

export function drawCover(w: Writer, model: ReportModel, onWarning?: (m: string) => void): void {
	const { doc, g, theme } = w;
	const a = model.assessment;
	const x = g.left;

	// Brand band along the top edge.
	w.fill(theme.brand);
	doc.rect(0, 0, g.width, 7, 'F');

	let y = 22;
	const logo = a.branding?.logoDataUrl;
	if (logo) {
		const drawn = drawLogo(w, logo, x, y);
		if (!drawn) onWarning?.('The logo could not be read, so the report was made without it.');
		y += LOGO_MAX_H;
	}

	y = Math.max(y + 20, g.height * 0.3);
	w.textAt('SOC 2 READINESS ASSESSMENT', x, y, 10, { bold: true, color: theme.brandInk });
	y += 9;
	const org = pdfText(a.organisation) || 'Unnamed organisation';
	for (const line of w.wrap(org, g.contentWidth, 26, true)) {
		w.textAt(line, x, y, 26, { bold: true });
		y += 26 * 0.3528 * 1.2;
	}
	y += 3;
	w.fill(theme.brand);
	doc.rect(x, y, 24, 1.4, 'F');
	y += 7;
	for (const line of w.wrap(NOT_A_REPORT_LINE, g.contentWidth, 12)) {
		w.textAt(line, x, y, 12, { color: theme.muted });
		y += 6;
	}

	// Key facts.
	const facts: [string, string][] = [
		['Assessment date', formatDate(a.assessmentDate, true)],
		['Assessor', pdfText(a.assessor) || '—'],
		[
			'Target report date',
			a.targetReportDate ? formatDate(a.targetReportDate, true) : 'No target set'
		],
		['Trust Services Categories', model.tsc.map((c) => CATEGORY_LABELS[c]).join(', ')],
		['Figures as of', formatDate(model.asOf, true)],
		['Question bank', `version ${pdfText(model.bankVersion)}`]
	];
	y = Math.max(y + 14, g.height * 0.58);
	const labelW = 52;
	for (const [label, value] of facts) {
		const lines = w.wrap(value, g.contentWidth - labelW, 10, true);
		w.rule(y - 2.2, theme.rule, 0.2);
		w.textAt(label, x, y, 9, { color: theme.muted });
		lines.forEach((line, i) => w.textAt(line, x + labelW, y + i * 5, 10, { bold: true }));
		y += Math.max(1, lines.length) * 5 + 4.2;
	}

	// Footer band.
	const bandH = 24;
	const bandY = g.height - bandH;
	w.fill(theme.brand);
	doc.rect(0, bandY, g.width, bandH, 'F');
	const confidential = `Confidential — prepared for the leadership of ${org}${/[.!?]$/.test(org) ? '' : '.'}`;
	const lines = w.wrap(confidential, g.contentWidth, 8.5, true);
	let fy = bandY + 6;
	for (const line of lines.slice(0, 2)) {
		w.textAt(line, x, fy, 8.5, { bold: true, color: theme.onBrand });
		fy += 4.4;
	}
	for (const line of w.wrap(
		'Only a licensed CPA firm can issue a SOC 2 report. SOC 2 is an attestation, not a certificate.',
		g.contentWidth,
		8
	)) {
		w.textAt(line, x, fy, 8, { color: theme.onBrand });
		fy += 4.2;
	}
}

function drawLogo(w: Writer, dataUrl: string, x: number, y: number): boolean {
	const m = /^data:image\/(png|jpe?g);base64,/i.exec(dataUrl);
	if (!m) return false;
	const format = m[1]!.toLowerCase() === 'png' ? 'PNG' : 'JPEG';
	try {
		const props = w.doc.getImageProperties(dataUrl);
		if (!props.width || !props.height) return false;
		const scale = Math.min(LOGO_MAX_W / props.width, LOGO_MAX_H / props.height);
		const width = props.width * scale;
		const height = props.height * scale;
		w.doc.addImage(
			dataUrl,
			format,
			x,
			y + (LOGO_MAX_H - height) / 2,
			width,
			height,
			'logo',
			'FAST'
		);
		return true;
	} catch {
		return false;
	}
}
