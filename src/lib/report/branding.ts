/**
 * Checks for the PDF branding a user can set on the export page: a PNG or JPEG logo of at
 * most 300 KB (checked by its bytes, not its name) and a hex brand colour.
 */
import { logoFileProblem, sniffLogo } from '$lib/domain/fields';
import { parseHexColor } from './theme';

// The checks themselves are field validators (one per field, shared with import).
export { MAX_LOGO_BYTES, sniffLogo, type LogoKind } from '$lib/domain/fields';

/** A message for the user when the file cannot be a logo; null when it can. */
export const logoProblem = logoFileProblem;

/** `data:` URL of the logo bytes (base64), typed by content. */
export function logoDataUrl(bytes: Uint8Array): string {
	const kind = sniffLogo(bytes);
	if (!kind) throw new Error('not a PNG or JPEG image');
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return `data:image/${kind};base64,${btoa(binary)}`;
}

/** Normalises "#ABC" / "1d3a5f" to "#aabbcc"; null when it is not a hex colour. */
export function normaliseBrandColor(input: string): string | null {
	const rgb = parseHexColor(input);
	return rgb ? `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}` : null;
}
