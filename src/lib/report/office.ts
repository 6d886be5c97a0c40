/**
 * Helpers shared by the Office exports (the Excel workbook and the Word report): text that an
 * XML part can hold, colours as Office writes them, and the file types.
 */
import type { RGB } from './theme';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Characters XML 1.0 cannot hold (controls other than tab, line feed and carriage return, the
 * noncharacters U+FFFE/U+FFFF) and the C1 controls, which Office programs refuse or show as
 * boxes. Lone surrogates are dropped separately (they cannot be encoded as UTF-8).
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
export const LONE_SURROGATE =
	/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** User text made safe for an Office XML part: nothing an XML parser or Office would reject. */
export function xmlSafe(text: string): string {
	return text.replace(LONE_SURROGATE, '\ufffd').replace(NOT_XML, '');
}

/** "#1d3a5f" for an RGB triple. */
export function hex(rgb: RGB): string {
	return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
