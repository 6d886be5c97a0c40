/**
 * Reading the Office exports back for tests: unzip the OOXML package, parse its XML parts
 * (a malformed part fails the test) and read cells, styles and paragraphs.
 */
import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';

const { DOMParser } = new JSDOM('').window;

export type Parts = Record<string, string>;

export function unzip(bytes: Uint8Array): Parts {
	const files = unzipSync(bytes);
	return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** Parses an XML part; throws with the parser's message when it is not well-formed XML. */
export function parseXml(text: string, name = 'part'): Document {
	const doc = new DOMParser().parseFromString(text, 'application/xml');
	const error = doc.getElementsByTagName('parsererror')[0];
	if (error) throw new Error(`${name} is not well-formed XML: ${error.textContent}`);
	return doc as unknown as Document;
}

/** Every .xml and .rels part of the package parsed (throws on the first malformed one). */
export function parseAll(parts: Parts): Record<string, Document> {
	return Object.fromEntries(
		Object.entries(parts)
			.filter(([k]) => /\.(xml|rels)$/.test(k))
			.map(([k, v]) => [k, parseXml(v, k)])
	);
}

const byTag = (node: Document | Element, tag: string): Element[] =>
	Array.from(node.getElementsByTagName(tag));

// ------------------------------------------------------------------ xlsx

export interface XCell {
	ref: string;
	col: string;
	row: number;
	/** 's' shared string, 'b' boolean, 'str'/'inlineStr', or '' for a number. */
	t: string;
	/** Resolved text for strings, raw value otherwise. */
	value: string;
	/** Number format code of the cell's style ('General' when none). */
	format: string;
	hasFormula: boolean;
}

export interface XSheet {
	name: string;
	xml: string;
	doc: Document;
	rows: Map<number, Map<string, XCell>>;
	frozenRows: number;
	autoFilter: string | null;
}

function decode(xml: string): string {
	return xml
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&#(x?)([0-9a-f]+);/gi, (_, x: string, n: string) =>
			String.fromCodePoint(parseInt(n, x ? 16 : 10))
		)
		.replace(/&amp;/g, '&');
}

const BUILTIN_FORMATS: Record<number, string> = { 0: 'General', 14: 'mm-dd-yy', 22: 'm/d/yy h:mm' };

export function readWorkbook(parts: Parts): XSheet[] {
	const docs = parseAll(parts);
	const shared = byTag(docs['xl/sharedStrings.xml']!, 'si').map((si) =>
		byTag(si, 't')
			.map((t) => t.textContent ?? '')
			.join('')
	);
	const styles = docs['xl/styles.xml']!;
	const numFmts = new Map(
		byTag(styles, 'numFmt').map((n) => [
			Number(n.getAttribute('numFmtId')),
			n.getAttribute('formatCode')!
		])
	);
	const xfs = byTag(byTag(styles, 'cellXfs')[0]!, 'xf').map((xf) => {
		const id = Number(xf.getAttribute('numFmtId') ?? 0);
		return numFmts.get(id) ?? BUILTIN_FORMATS[id] ?? `builtin ${id}`;
	});
	const rels = new Map(
		byTag(docs['xl/_rels/workbook.xml.rels']!, 'Relationship').map((r) => [
			r.getAttribute('Id')!,
			r.getAttribute('Target')!
		])
	);
	return byTag(docs['xl/workbook.xml']!, 'sheet').map((s) => {
		const target = rels.get(s.getAttribute('r:id')!)!;
		const path = `xl/${target.replace(/^\/?xl\//, '')}`;
		const doc = docs[path]!;
		// The part parsed above (so it is well-formed); cells are read from its text, which is much
		// faster than walking jsdom's tree.
		const rows = new Map<number, Map<string, XCell>>();
		const CELL = /<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
		const attr = (attrs: string, name: string) =>
			new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;
		for (const [ref, col, row, attrs, inner = ''] of parts[path]!.matchAll(CELL)) {
			const t = attr(attrs!, 't') ?? '';
			const raw = decode(
				/<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? /<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1] ?? ''
			);
			const cell: XCell = {
				ref: ref.slice(6, ref.indexOf('"', 6)),
				col: col!,
				row: Number(row),
				t,
				value: t === 's' ? shared[Number(raw)]! : raw,
				format: xfs[Number(attr(attrs!, 's') ?? 0)] ?? 'General',
				hasFormula: /<f[\s>/]/.test(inner)
			};
			if (!rows.has(cell.row)) rows.set(cell.row, new Map());
			rows.get(cell.row)!.set(cell.col, cell);
		}
		const pane = byTag(doc, 'pane')[0];
		return {
			name: s.getAttribute('name')!,
			xml: parts[path]!,
			doc,
			rows,
			frozenRows:
				pane?.getAttribute('state') === 'frozen' ? Number(pane.getAttribute('ySplit') ?? 0) : 0,
			autoFilter: byTag(doc, 'autoFilter')[0]?.getAttribute('ref') ?? null
		};
	});
}

/** Texts of one row, by column order. */
export function rowValues(sheet: XSheet, row: number): string[] {
	return Array.from(sheet.rows.get(row)?.values() ?? []).map((c) => c.value);
}

/** The column letter of a header in row `row`. */
export function columnOf(sheet: XSheet, header: string, row = 1): string {
	const cell = Array.from(sheet.rows.get(row)?.values() ?? []).find((c) => c.value === header);
	if (!cell) throw new Error(`no column "${header}" in ${sheet.name}`);
	return cell.col;
}

/** Excel serial day of an ISO date (1900 date system). */
export function excelSerial(iso: string): number {
	return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000) + 25_569;
}

// ------------------------------------------------------------------ docx

export interface WParagraph {
	style: string;
	text: string;
	bullet: boolean;
}

/** The body paragraphs of word/document.xml with their style and text (tables included). */
export function readParagraphs(parts: Parts): WParagraph[] {
	const doc = parseXml(parts['word/document.xml']!, 'word/document.xml');
	return byTag(doc, 'w:p').map((p) => {
		const style = byTag(p, 'w:pStyle')[0]?.getAttribute('w:val') ?? 'Normal';
		const text = byTag(p, 'w:r')
			.map((r) =>
				Array.from(r.childNodes)
					.map((n) =>
						n.nodeName === 'w:t' ? (n.textContent ?? '') : n.nodeName === 'w:br' ? '\n' : ''
					)
					.join('')
			)
			.join('');
		return { style, text, bullet: byTag(p, 'w:numPr').length > 0 };
	});
}
