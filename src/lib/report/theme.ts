/** Colours of the PDF report, derived from the (optional) brand colour with contrast checks. */
import type { Risk } from '$lib/domain/types';

export type RGB = [number, number, number];

export const DEFAULT_BRAND = '#1d3a5f';

export interface Theme {
	/** The brand colour as given (fills: cover band, table heads, chart bars). */
	brand: RGB;
	/** Brand colour darkened until it reads as text on white (≥ 4.5:1). */
	brandInk: RGB;
	/** Text colour on a brand fill (white or near-black, whichever contrasts more). */
	onBrand: RGB;
	/** A very light tint of the brand colour for panels. */
	brandTint: RGB;
	text: RGB;
	muted: RGB;
	rule: RGB;
	panel: RGB;
	zebra: RGB;
	track: RGB;
	ok: RGB;
	risk: Record<Risk, RGB>;
}

/** Parses "#1d3a5f" or "#abc"; null when it is not a hex colour. */
export function parseHexColor(input: string | null | undefined): RGB | null {
	if (!input) return null;
	const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(input.trim());
	if (!m) return null;
	let hex = m[1]!;
	if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
	return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as RGB;
}

function channel(c: number): number {
	const s = c / 255;
	return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance([r, g, b]: RGB): number {
	return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: RGB, b: RGB): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

function mix(a: RGB, b: RGB, t: number): RGB {
	return a.map((v, i) => Math.round(v + (b[i]! - v) * t)) as RGB;
}

const WHITE: RGB = [255, 255, 255];
const INK: RGB = [23, 32, 43];

export function makeTheme(brandColor?: string | null): Theme {
	let brand = parseHexColor(brandColor) ?? parseHexColor(DEFAULT_BRAND)!;
	// Text sits on brand fills (cover bands, table heads): when neither white nor ink reaches
	// 4.5:1 on the colour (mid-tones), darken the fill until white does.
	if (Math.max(contrast(brand, WHITE), contrast(brand, INK)) < 4.5) {
		const given = brand;
		for (let i = 1; i <= 20 && contrast(brand, WHITE) < 4.5; i++) {
			brand = mix(given, [0, 0, 0], i * 0.05);
		}
	}
	let brandInk = brand;
	for (let i = 1; i <= 20 && contrast(brandInk, WHITE) < 4.5; i++) {
		brandInk = mix(brand, [0, 0, 0], i * 0.05);
	}
	return {
		brand,
		brandInk,
		onBrand: contrast(brand, WHITE) >= contrast(brand, INK) ? WHITE : INK,
		brandTint: mix(brand, WHITE, 0.9),
		text: INK,
		muted: [84, 96, 112],
		rule: [208, 214, 222],
		panel: [244, 246, 249],
		zebra: [248, 249, 251],
		track: [228, 232, 238],
		ok: [29, 122, 85],
		risk: {
			critical: [164, 22, 26],
			high: [194, 65, 12],
			medium: [138, 97, 0],
			low: [47, 111, 79]
		}
	};
}
