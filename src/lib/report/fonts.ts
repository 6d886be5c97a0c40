/**
 * Loads the embedded report fonts (DejaVu Sans regular + bold, subset to Latin, Greek and
 * Cyrillic by scripts/fonts/subset-dejavu.sh; the right-to-left pair adds Hebrew and Arabic and
 * is loaded instead only for a report whose text needs it). The TTF files ship as build assets:
 * the browser fetches them from its own origin (precached by the service worker, so it works
 * offline) only when a PDF is rendered; Node reads them from disk. Each pair is loaded once per
 * session.
 */

export interface ReportFonts {
	/** TTF file contents as binary strings (the form jsPDF's virtual file system expects). */
	regular: string;
	bold: string;
	/** The right-to-left pair (Hebrew and Arabic as well). */
	rtl: boolean;
}

export const FONT_FAMILY = 'DejaVuSans';

const REGULAR_URL = new URL('./fonts/DejaVuSans.subset.ttf', import.meta.url);
const BOLD_URL = new URL('./fonts/DejaVuSans-Bold.subset.ttf', import.meta.url);
const RTL_REGULAR_URL = new URL('./fonts/DejaVuSans.rtl.subset.ttf', import.meta.url);
const RTL_BOLD_URL = new URL('./fonts/DejaVuSans-Bold.rtl.subset.ttf', import.meta.url);

const cache = new Map<boolean, Promise<ReportFonts>>();

/** The report fonts: the right-to-left pair when `rtl` (the text has Hebrew or Arabic). */
export function loadReportFonts(opts: { rtl?: boolean } = {}): Promise<ReportFonts> {
	const rtl = opts.rtl ?? false;
	let loading = cache.get(rtl);
	if (!loading) {
		const urls = rtl ? [RTL_REGULAR_URL, RTL_BOLD_URL] : [REGULAR_URL, BOLD_URL];
		loading = Promise.all(urls.map(readBytes)).then(
			([regular, bold]) => ({
				regular: toBinaryString(regular!),
				bold: toBinaryString(bold!),
				rtl
			}),
			(err: unknown) => {
				cache.delete(rtl);
				throw new Error(
					`The report font could not be loaded (${err instanceof Error ? err.message : String(err)}).`
				);
			}
		);
		cache.set(rtl, loading);
	}
	return loading;
}

async function readBytes(url: URL): Promise<Uint8Array> {
	if (url.protocol === 'file:') {
		// Node (scripts, tests). The specifier is a variable so bundlers leave it alone.
		const fsModule = 'node:fs/promises';
		const fs = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
		return new Uint8Array(await fs.readFile(url));
	}
	const res = await fetch(url);
	if (!res.ok) throw new Error(`HTTP ${res.status} for ${url.pathname}`);
	return new Uint8Array(await res.arrayBuffer());
}

function toBinaryString(bytes: Uint8Array): string {
	let out = '';
	const CHUNK = 0x8000;
	for (let i = 0; i < bytes.length; i += CHUNK) {
		out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	}
	return out;
}
