/**
 * Checks for the PDF branding a user can set on the export page: a PNG or JPEG logo of at
 * most 300 KB (checked by its bytes, not its name) and a hex brand colour.
 */
import { parseHexColor } from './theme';

export const MAX_LOGO_BYTES = 300 * 1024;

export type LogoKind = 'png' | 'jpeg';

/** The image type from the file's first bytes, or null when it is neither PNG nor JPEG. */
export function sniffLogo(bytes: Uint8Array): LogoKind | null {
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
		return 'jpeg';
	}
	return null;
}

/** A message for the user when the file cannot be a logo; null when it can. */
export function logoProblem(bytes: Uint8Array, size = bytes.length): string | null {
	if (size === 0) return 'This file is empty.';
	if (!sniffLogo(bytes)) return 'Choose a PNG or JPEG image; this file is neither.';
	if (size > MAX_LOGO_BYTES) {
		return `This image is ${Math.ceil(size / 1024)} KB; the logo can be at most ${MAX_LOGO_BYTES / 1024} KB. Export a smaller version (for example 600 pixels wide).`;
	}
	return null;
}

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
