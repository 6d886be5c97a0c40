import { describe, expect, it } from 'vitest';
import {
	logoDataUrl,
	logoProblem,
	MAX_LOGO_BYTES,
	normaliseBrandColor,
	sniffLogo
} from '../../src/lib/report/branding';
import { contrast, makeTheme } from '../../src/lib/report/theme';
import { pngDataUrl } from './report-helpers';

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('logo checks', () => {
	it('recognises PNG and JPEG by content, nothing else', async () => {
		const png = Buffer.from((await pngDataUrl(4, 2, [1, 2, 3])).split(',')[1]!, 'base64');
		expect(sniffLogo(new Uint8Array(png))).toBe('png');
		expect(sniffLogo(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
		for (const bad of [
			new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
			new TextEncoder().encode('GIF89a......'),
			new Uint8Array([0x89, 0x50, 0x4e, 0x47]), // truncated signature
			new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]), // WebP
			new Uint8Array()
		]) {
			expect(sniffLogo(bad)).toBeNull();
		}
	});

	it('explains what is wrong: empty, wrong type, too large', () => {
		expect(logoProblem(new Uint8Array(), 0)).toBe('This file is empty.');
		expect(logoProblem(new TextEncoder().encode('%PDF-1.7'))).toMatch(/PNG or JPEG/);
		const head = new Uint8Array(PNG_SIG);
		expect(logoProblem(head, MAX_LOGO_BYTES)).toBeNull();
		expect(logoProblem(head, MAX_LOGO_BYTES + 1)).toMatch(
			/is 301 KB; the logo can be at most 300 KB/
		);
	});

	it('builds a data URL typed by content, not by file name', async () => {
		const url = await pngDataUrl(3, 3, [9, 9, 9]);
		const bytes = new Uint8Array(Buffer.from(url.split(',')[1]!, 'base64'));
		expect(logoDataUrl(bytes)).toBe(url);
		expect(logoDataUrl(new Uint8Array([0xff, 0xd8, 0xff, 1]))).toBe(
			'data:image/jpeg;base64,/9j/AQ=='
		);
		expect(() => logoDataUrl(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG or JPEG/);
	});
});

describe('brand colour', () => {
	it('normalises hex codes and refuses anything else', () => {
		expect(normaliseBrandColor('#1D3A5F')).toBe('#1d3a5f');
		expect(normaliseBrandColor('1d3a5f')).toBe('#1d3a5f');
		expect(normaliseBrandColor('#abc')).toBe('#aabbcc');
		for (const bad of ['', '#12345', 'red', 'rgb(1,2,3)', '#ggg', 'url(javascript:x)']) {
			expect(normaliseBrandColor(bad)).toBeNull();
		}
	});

	it('keeps text readable whatever the brand colour (WCAG contrast)', () => {
		const white: [number, number, number] = [255, 255, 255];
		for (const c of [
			'#ffd400',
			'#ffffff',
			'#000000',
			'#1d3a5f',
			'#00ff00',
			'#7f7f7f',
			'nonsense'
		]) {
			const t = makeTheme(c);
			expect(contrast(t.brandInk, white), `${c} as text on white`).toBeGreaterThanOrEqual(4.5);
			expect(contrast(t.onBrand, t.brand), `${c} text on the brand fill`).toBeGreaterThanOrEqual(
				4.5
			);
		}
		expect(makeTheme('nonsense').brand).toEqual(makeTheme(null).brand);
	});
});
