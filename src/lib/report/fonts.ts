/**
 * Loads the embedded report fonts (DejaVu Sans regular + bold, subset to Latin, Greek and
 * Cyrillic by scripts/fonts/subset-dejavu.sh). The TTF files ship as build assets: the browser
 * fetches them from its own origin (precached by the service worker, so it works offline) only
 * when a PDF is rendered; Node reads them from disk. Loaded once per session.
 */

export interface ReportFonts {
	/** TTF file contents as binary strings (the form jsPDF's virtual file system expects). */
	regular: string;
	bold: string;
}

export const FONT_FAMILY = 'DejaVuSans';

const REGULAR_URL = new URL('./fonts/DejaVuSans.subset.ttf', import.meta.url);
const BOLD_URL = new URL('./fonts/DejaVuSans-Bold.subset.ttf', import.meta.url);

let cache: Promise<ReportFonts> | null = null;

export function loadReportFonts(): Promise<ReportFonts> {
	cache ??= Promise.all([readBytes(REGULAR_URL), readBytes(BOLD_URL)]).then(
		([regular, bold]) => ({ regular: toBinaryString(regular), bold: toBinaryString(bold) }),
		(err: unknown) => {
			cache = null;
			throw new Error(
				`The report font could not be loaded (${err instanceof Error ? err.message : String(err)}).`
			);
		}
	);
	return cache;
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
