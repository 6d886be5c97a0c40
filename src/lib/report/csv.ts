/**
 * CSV exports of the gap register, the remediation plan, the CUEC register and the evidence
 * request list (their columns are defined once in `tables.ts`, which the Excel workbook uses
 * too).
 *
 * RFC 4180: CRLF between records, fields with a comma, quote or line break are quoted and
 * quotes are doubled. UTF-8 with a byte-order mark so spreadsheet programs detect the encoding.
 * Text cells that a spreadsheet could run as a formula get a leading apostrophe, which
 * spreadsheets show as plain text (the rule is `neutralise` below and `docs/security.md`).
 */
import type { Comparison } from '$lib/domain/engine/compare';
import type { ReportModel } from '$lib/domain/types';
import { fileSlug } from '$lib/export/filename';
import {
	comparisonTable,
	cuecsTable,
	gapsTable,
	isDateCell,
	planTable,
	requestsTable,
	type Table
} from './tables';

export { fileSlug };

export const BOM = '\ufeff';

export type CsvValue = string | number | boolean | null | undefined;

/** Characters a spreadsheet may skip before it reads a formula: whitespace, controls, format characters. */
const LEADING_INVISIBLE = /^[\s\p{Cc}\p{Cf}]*/u;
/** Formula starters once compatibility forms are folded (full-width ＝＋－＠, small ﹦﹢﹣﹫). */
const FORMULA_CHARS = new Set(['=', '+', '-', '@']);

/**
 * Neutralises a text cell a spreadsheet could run as a formula (numbers are written as numbers):
 * a cell that starts with a tab or a carriage return, or whose first visible character — after
 * any whitespace (spaces, no-break spaces, line breaks), control or format characters
 * (zero-width spaces and joiners, byte-order marks, direction marks) — is `=`, `+`, `-` or `@`
 * or a compatibility form of one (full-width `＝＋－＠`, small `﹦﹢﹣﹫`), gets a leading
 * apostrophe. Checked on the text as given, before line breaks are normalised.
 */
export function neutralise(value: string): string {
	if (value.startsWith('\t') || value.startsWith('\r')) return `'${value}`;
	const rest = value.slice(LEADING_INVISIBLE.exec(value)![0].length);
	const first = rest.codePointAt(0);
	if (first === undefined) return value;
	const folded = String.fromCodePoint(first).normalize('NFKC');
	return FORMULA_CHARS.has(folded[0]!) ? `'${value}` : value;
}

export function csvCell(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	const text = neutralise(value).replace(/\r\n?/g, '\n');
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header row, records separated by CRLF, trailing CRLF. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
	return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A table (`tables.ts`) as CSV: dates as ISO text, booleans as yes/no. */
export function tableCsv(table: Table): string {
	return toCsv(
		table.columns.map((c) => c.header),
		table.rows.map((r) => r.map((cell) => (isDateCell(cell) ? cell.date : cell)))
	);
}

export function gapsCsv(model: ReportModel): string {
	return tableCsv(gapsTable(model));
}

export function planCsv(model: ReportModel): string {
	return tableCsv(planTable(model));
}

export function cuecsCsv(model: ReportModel): string {
	return tableCsv(cuecsTable(model));
}

/**
 * The evidence request list (PBC) with the same columns as the PDF appendix, in list order
 * (grouped by area). Empty (header only) for a model computed before the list existed.
 */
export function requestsCsv(model: ReportModel): string {
	return tableCsv(requestsTable(model));
}

/** Two assessments compared: a row per question and per gap (`comparisonTable`). */
export function comparisonCsv(c: Comparison): string {
	return tableCsv(comparisonTable(c));
}

/**
 * File name for an export of this model, in the same pattern as the JSON export:
 * "soc2-readiness-acme-2025-03-14.pdf" (also .xlsx, .docx), "soc2-readiness-acme-gaps-2025-03-14.csv".
 */
export function exportFileName(
	model: Pick<ReportModel, 'assessment' | 'asOf'>,
	kind: 'report' | 'gaps' | 'plan' | 'cuecs' | 'requests' | 'comparison',
	ext: 'pdf' | 'csv' | 'xlsx' | 'docx'
): string {
	const suffix = kind === 'report' ? '' : `-${kind}`;
	return `soc2-readiness-${fileSlug(model.assessment.organisation)}${suffix}-${model.asOf}.${ext}`;
}
