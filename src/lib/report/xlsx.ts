/**
 * The Excel workbook: every register of the report on its own sheet (`tables.ts`), with real
 * cell types (numbers, yes/no, Excel dates), a frozen and filterable header row and set column
 * widths. Text cells are always written as text, never as formulas, and a cell a spreadsheet
 * could run as a formula gets the same leading apostrophe as in the CSV files (`neutralise`).
 *
 * The writer (write-excel-file) is imported only when this function runs; it works in the
 * browser and in Node (the `npm run report -- --xlsx` CLI).
 */
import type { CellObject, Feature, SheetData } from 'write-excel-file/universal';
import { neutralise } from './csv';
import { hex, LONE_SURROGATE } from './office';
import { isDateCell, type Cell, type Table } from './tables';
import { workbookTables, type WorkbookSource } from './workbook';
import { makeTheme } from './theme';

/** Excel refuses a cell with more characters than this. */
export const EXCEL_CELL_LIMIT = 32_767;
const CUT_MARK =
	' … [cut at the 32,767-character limit of an Excel cell; the JSON export keeps it all]';

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * What write-excel-file would strip from a text (characters XML cannot hold or discourages, and
 * U+FFFD): removed here first, so that the text the formula rule checks is the text Excel gets
 * (the library's own removal can take the character before a lone surrogate with it, which
 * could be the apostrophe of a neutralised cell).
 */
const EXCEL_DROPS =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufdd0-\ufdef\ufffd\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/g;

/**
 * write-excel-file numbers its shared strings in a plain object, so a text that names one of
 * `Object.prototype`'s members ("constructor", "toString", "__proto__"…) finds an inherited
 * value instead of its own entry and the cell loses its text. Such a text is written with its
 * first character as Excel's `_xHHHH_` escape: the stored string no longer collides and Excel
 * shows the text unchanged.
 */
function inheritedName(text: string): boolean {
	return ({} as Record<string, unknown>)[text] !== undefined;
}

/**
 * A text cell as Excel should store it: characters XML cannot hold removed, then the CSV formula
 * rule, line breaks as Excel stores them, Excel's own `_xHHHH_` escapes kept literal (Excel would
 * otherwise turn "_x0041_" into "A"), at most 32,767 characters, and the first character escaped
 * when the whole text is the name of an inherited object member (`inheritedName`).
 */
export function excelText(value: string): string {
	const clean = value.replace(LONE_SURROGATE, '').replace(EXCEL_DROPS, '');
	let text = neutralise(clean)
		.replace(/\r\n?/g, '\n')
		.replace(/_(x[0-9a-f]{4}_)/gi, '_x005F_$1');
	if (text.length > EXCEL_CELL_LIMIT) {
		let cut = EXCEL_CELL_LIMIT - CUT_MARK.length;
		if (/[\ud800-\udbff]/.test(text[cut - 1]!)) cut--; // keep surrogate pairs whole
		text = text.slice(0, cut) + CUT_MARK;
	}
	if (inheritedName(text)) {
		text = `_x${text.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_${text.slice(1)}`;
	}
	return text;
}

/** "2025-03-14" or an ISO timestamp → a Date Excel can store (null when it is not one). */
function excelDate(iso: string, time: boolean): Date | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	const d = time ? new Date(iso) : m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
	if (!d || Number.isNaN(d.getTime())) return null;
	const y = d.getUTCFullYear();
	return y >= 1900 && y <= 9999 ? d : null; // Excel's 1900 date system
}

function toCell(cell: Cell, numberFormat: string | undefined, wrap: boolean): CellObject | null {
	if (cell === null || cell === undefined) return null;
	if (isDateCell(cell)) {
		const date = excelDate(cell.date, !!cell.time);
		if (!date) return { value: excelText(cell.date), type: String };
		return { value: date, type: Date, format: cell.time ? DATETIME_FORMAT : DATE_FORMAT };
	}
	if (typeof cell === 'number') {
		if (!Number.isFinite(cell)) return null;
		return numberFormat
			? { value: cell, type: Number, format: numberFormat }
			: { value: cell, type: Number };
	}
	if (typeof cell === 'boolean') return { value: cell, type: Boolean };
	const value = excelText(cell);
	if (!value) return null;
	return wrap
		? { value, type: String, wrap: true, alignVertical: 'top' }
		: { value, type: String, alignVertical: 'top' };
}

/** "A", …, "Z", "AA" … */
function columnLetter(index: number): string {
	let n = index + 1;
	let s = '';
	while (n > 0) {
		const r = (n - 1) % 26;
		s = String.fromCharCode(65 + r) + s;
		n = Math.floor((n - 1) / 26);
	}
	return s;
}

interface SheetPlan {
	table: Table;
	data: SheetData;
	/** 1-based row of the header a filter hangs on, and the last row of its range. */
	filter: { from: number; to: number } | null;
}

/** Names of the workbook's sheets: what the header row of each looks like. */
function plan(tables: Table[], head: CellObject): SheetPlan[] {
	return tables.map((table) => {
		const header = table.columns.map((c) => c.header);
		const areaHeaderRow = (table as { areaHeaderRow?: number }).areaHeaderRow;
		const headerRows = new Set([0, ...(areaHeaderRow ? [areaHeaderRow - 1] : [])]);
		const rows: Cell[][] = [header, ...table.rows];
		const data: SheetData = rows.map((row, r) =>
			row.map((cell, c) => {
				if (headerRows.has(r)) {
					return typeof cell === 'string' && cell
						? { ...head, value: excelText(cell), type: String }
						: null;
				}
				const column = table.columns[c];
				return toCell(cell, column?.numberFormat, (column?.width ?? 0) >= 30);
			})
		);
		const filter = areaHeaderRow
			? { from: areaHeaderRow, to: rows.length }
			: { from: 1, to: Math.max(1, rows.length) };
		return { table, data, filter };
	});
}

/** Excel's autofilter on each sheet's header row (write-excel-file has no option for it). */
function autoFilters(plans: SheetPlan[]): Feature<Blob> {
	const ref = (p: SheetPlan) =>
		`A${p.filter!.from}:${columnLetter(p.table.columns.length - 1)}${p.filter!.to}`;
	return {
		files: {
			transform: {
				'xl/worksheets/sheet{id}.xml': {
					transform(content, _options, { sheetIndex }) {
						const p = plans[sheetIndex];
						if (!p?.filter || content.includes('<autoFilter')) return content;
						// autoFilter comes right after sheetData (ECMA-376 element order).
						return content.replace('</sheetData>', `</sheetData><autoFilter ref="${ref(p)}"/>`);
					}
				},
				'xl/workbook.xml': {
					transform(content) {
						const names = plans
							.map((p, i) => {
								if (!p.filter) return '';
								const [a, b] = ref(p).split(':') as [string, string];
								const abs = (c: string) => c.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
								const sheet = `'${p.table.name.replace(/'/g, "''")}'`;
								return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${sheet}!${abs(a)}:${abs(b)}</definedName>`;
							})
							.join('');
						return content
							.replace('<definedNames/>', `<definedNames>${names}</definedNames>`)
							.replace('<definedNames></definedNames>', `<definedNames>${names}</definedNames>`);
					}
				}
			}
		}
	};
}

/** The sheets as the workbook writes them (exposed for tests). */
export function workbookSheets(src: WorkbookSource): SheetPlan[] {
	const theme = makeTheme(src.model.assessment.branding?.brandColor);
	const head: CellObject = {
		fontWeight: 'bold',
		textColor: hex(theme.onBrand),
		backgroundColor: hex(theme.brand),
		alignVertical: 'top',
		wrap: true
	};
	return plan(workbookTables(src), head);
}

/** The workbook as the bytes of an .xlsx file. */
export async function renderWorkbook(src: WorkbookSource): Promise<Uint8Array> {
	const { default: writeXlsxFile } = await import('write-excel-file/universal');
	const plans = workbookSheets(src);
	const blob = await writeXlsxFile(
		plans.map((p) => ({
			data: p.data,
			sheet: p.table.name,
			columns: p.table.columns.map((c) => ({ width: c.width })),
			stickyRowsCount: 1
		})),
		{ fontFamily: 'Calibri', fontSize: 11, features: [autoFilters(plans)] }
	).toBlob();
	return new Uint8Array(await blob.arrayBuffer());
}
