/**
 * Text helpers shared by the PDF and CSV renderers: deterministic formatting (no locale or
 * time-zone dependence, so the browser and Node produce the same bytes) and labels.
 */
import type {
	ActionKind,
	CategoryId,
	Effort,
	InclusionMethod,
	MaturityValue,
	Phase,
	Risk,
	SocReportStatus
} from '$lib/domain/types';
import { diffDays, formatDate as formatLongDate, isIsoDate } from '$lib/domain/dates';
import { formatPercent } from '$lib/domain/engine/display';
import { FONT_COVERAGE, RTL_FONT_COVERAGE } from './fonts/coverage';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** "2025-09-30" → "30 Sep 2025" (or "30 September 2025" with `long`); anything else is returned as is. */
export function formatDate(iso: string | null | undefined, long = false): string {
	if (!iso) return '—';
	const day = iso.slice(0, 10);
	if (!isIsoDate(day)) return iso;
	if (long) return formatLongDate(day);
	const m = ISO_DATE.exec(day);
	return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** Whole days from a to b (ISO dates), positive when b is later. */
export function daysBetween(a: string, b: string): number {
	return diffDays(a.slice(0, 10), b.slice(0, 10));
}

export const RISK_ORDER: readonly Risk[] = ['critical', 'high', 'medium', 'low'];
export const RISK_LABELS: Record<Risk, string> = {
	critical: 'Critical',
	high: 'High',
	medium: 'Medium',
	low: 'Low'
};
export const riskRank = (r: Risk): number => RISK_ORDER.indexOf(r);

export const PHASES: readonly Phase[] = ['0-30', '31-60', '61-90', 'later'];
export const PHASE_LABELS: Record<Phase, string> = {
	'0-30': 'Days 0–30',
	'31-60': 'Days 31–60',
	'61-90': 'Days 61–90',
	later: 'After day 90'
};

export const EFFORT_LABELS: Record<Effort, string> = {
	S: 'under a week',
	M: '1–4 weeks',
	L: 'over a month'
};

export const CATEGORY_LABELS: Record<CategoryId, string> = {
	security: 'Security',
	availability: 'Availability',
	confidentiality: 'Confidentiality',
	'processing-integrity': 'Processing Integrity',
	privacy: 'Privacy'
};

export {
	RECOMMENDATION_LABELS,
	recommendationLabel,
	windowStartLabel
} from '$lib/domain/engine/labels';

/** What a plan action does for an examination (CSV, roadmap). */
export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
	design: 'Design (before a Type I date or a window)',
	evidence: 'Switch on evidence (by the window start)',
	recurring: 'Recurring (runs during the window)',
	improvement: 'Improvement (beyond the target)'
};

export const METHOD_LABELS: Record<InclusionMethod, string> = {
	'carve-out': 'Carve-out',
	inclusive: 'Inclusive'
};

export const SOC_STATUS_LABELS: Record<SocReportStatus, string> = {
	type2: 'SOC 2 Type II',
	type1: 'SOC 2 Type I',
	iso27001: 'ISO 27001 only',
	none: 'None',
	unknown: 'Unknown'
};

const LEVEL_LABELS = [
	'Not in place',
	'Informal',
	'Documented',
	'Implemented',
	'Operating',
	'Monitored'
];

/** "3 Implemented", "Don't know", "N/A", "Unanswered". */
export function levelLabel(value: MaturityValue | null): string {
	if (value === null) return 'Unanswered';
	if (value === 'unknown') return 'Don’t know';
	if (value === 'na') return 'Not applicable';
	return `${value} ${LEVEL_LABELS[value] ?? ''}`.trim();
}

/** "2 Documented" for a plain level. */
export function levelName(level: number): string {
	return `${level} ${LEVEL_LABELS[level] ?? ''}`.trim();
}

/** Percentage label for a 0–100 score, "n/a" when excluded. */
export function pct(score: number | null | undefined): string {
	return formatPercent(score);
}

// ---------------------------------------------------------------------------
// Characters the embedded font can draw
// ---------------------------------------------------------------------------

function inRanges(ranges: readonly (readonly [number, number])[], cp: number): boolean {
	let lo = 0;
	let hi = ranges.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const r = ranges[mid]!;
		if (cp < r[0]) hi = mid - 1;
		else if (cp > r[1]) lo = mid + 1;
		else return true;
	}
	return false;
}

/**
 * Printed in place of text in a script that no embedded font can draw (emoji, CJK, Thai…), so the
 * reader sees that something is there; the JSON export (and the CSV registers, for their
 * fields) keep the text itself.
 */
export const UNSUPPORTED_SCRIPT_MARKER = '[text in an unsupported script — see the JSON export]';

/** Hebrew and Arabic letters: a report with any of them embeds the right-to-left fonts. */
const RTL_LETTER =
	/[\u0590-\u05ff\ufb1d-\ufb4f\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]/;
const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f]/;

/** True when the text holds Hebrew or Arabic, which only the right-to-left fonts can draw. */
export function needsRtlFonts(text: string): boolean {
	return RTL_LETTER.test(text);
}

/** True when a line's first strong character is right-to-left (its paragraph direction). */
export function startsRightToLeft(line: string): boolean {
	for (const ch of line) {
		if (RTL_LETTER.test(ch)) return true;
		if (/\p{L}/u.test(ch)) return false;
	}
	return false;
}

export interface PdfScripts {
	/** The right-to-left fonts (Hebrew, Arabic) are embedded in the document being drawn. */
	rtl: boolean;
	/** Arabic shaping (letters → their joined presentation forms), in logical order. */
	shape?: (line: string) => string;
}

let scripts: PdfScripts = { rtl: false };
/** Wrapped lines of a paragraph with Hebrew or Arabic → the paragraph's direction (true: RTL). */
let lineDirections = new Map<string, boolean>();

/**
 * Tells `pdfText` which fonts the document being drawn embeds. The renderer sets it before it
 * draws (synchronously) and resets it afterwards.
 */
export function setPdfScripts(next: PdfScripts): void {
	scripts = next;
	lineDirections = new Map();
}

/**
 * Records the lines a paragraph was wrapped into, so that each is drawn in the paragraph's
 * direction (the direction of its first strong letter), not that of its own first letter.
 */
export function noteWrappedLines(paragraph: string, lines: readonly string[]): void {
	if (!scripts.rtl || !needsRtlFonts(paragraph)) return;
	const rtl = startsRightToLeft(paragraph);
	for (const line of lines) lineDirections.set(line, rtl);
}

/** The direction to draw a line in: its paragraph's when known, else its own first letter's. */
export function lineIsRightToLeft(line: string): boolean {
	return lineDirections.get(line) ?? startsRightToLeft(line);
}

function covered(cp: number): boolean {
	return inRanges(FONT_COVERAGE, cp) || (scripts.rtl && inRanges(RTL_FONT_COVERAGE, cp));
}

// Invisible characters that would otherwise print as boxes or stray hyphens.
const INVISIBLE =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060\u202a-\u202e\ufeff]/g;

/**
 * Prepares user text for the PDF: NFC (precomposed letters, as jsPDF does not position combining
 * marks), normalised line breaks and spaces, invisible characters removed, Arabic shaped when
 * the right-to-left fonts are embedded, and every character the embedded fonts cannot draw mapped
 * to a compatibility form (e.g. fullwidth Ａ → A). A combining mark the fonts lack is left out;
 * any other run of characters they cannot draw (emoji, CJK…; spaces between such characters
 * belong to the run) becomes one `UNSUPPORTED_SCRIPT_MARKER`, so nothing silently disappears and
 * nothing prints as a box or a replacement character. Text stays in logical order: the renderer
 * puts right-to-left runs in visual order as it draws each line.
 */
export function pdfText(input: string | null | undefined): string {
	if (!input) return '';
	let s = input
		.replace(/\r\n?/g, '\n')
		.replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
		.replace(INVISIBLE, '')
		.normalize('NFC');
	if (scripts.rtl && scripts.shape && ARABIC_LETTER.test(s)) {
		const shape = scripts.shape;
		s = s
			.split('\n')
			.map((line) => shape(line))
			.join('\n');
	}
	let out = '';
	/** Where the last marker ends in `out` (-1: none yet). */
	let markerEnd = -1;
	for (const ch of s) {
		const cp = ch.codePointAt(0)!;
		if (ch === '\n' || covered(cp)) {
			out += ch;
			continue;
		}
		const compat = ch.normalize('NFKC');
		if (compat !== ch && [...compat].every((c) => covered(c.codePointAt(0)!))) {
			out += compat;
			continue;
		}
		if (/\p{M}/u.test(ch)) continue;
		if (markerEnd >= 0 && /^ *$/.test(out.slice(markerEnd))) {
			out = out.slice(0, markerEnd); // the same run: spaces between its characters included
			continue;
		}
		out += UNSUPPORTED_SCRIPT_MARKER;
		markerEnd = out.length;
	}
	return out;
}
