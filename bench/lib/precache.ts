/**
 * Service-worker precache analysis: which files `build/sw.js` (workbox generateSW) precaches,
 * and which of the precached JavaScript chunks the app can never load.
 *
 * A chunk is "used" when it is reachable in Vite's client manifest from an entry (SvelteKit's
 * start/app entries and route nodes) through static or dynamic imports — except dynamic imports
 * of jsPDF's optional helpers (html2canvas, DOMPurify, canvg and what only they import), which
 * the app never triggers: it draws the PDF itself and never calls `doc.html()` or SVG import.
 * Web Workers (the PDF worker, the report-model worker) are not in the manifest; their files are
 * found from the chunk that starts each of them (`workerFiles`).
 */

export interface PrecacheEntry {
	url: string;
	revision: string | null;
}

/** Extract the precache manifest from a workbox-generated service worker (minified or not). */
export function parsePrecacheEntries(swSource: string): PrecacheEntry[] {
	const start = swSource.indexOf('precacheAndRoute(');
	if (start < 0) throw new Error('No precacheAndRoute(…) call found in the service worker.');
	const open = swSource.indexOf('[', start);
	if (open < 0) throw new Error('The precache manifest array was not found.');
	// Find the matching closing bracket (urls and revisions never contain brackets).
	let depth = 0;
	let end = -1;
	for (let i = open; i < swSource.length; i++) {
		const ch = swSource[i];
		if (ch === '[') depth++;
		else if (ch === ']') {
			depth--;
			if (depth === 0) {
				end = i;
				break;
			}
		}
	}
	if (end < 0) throw new Error('The precache manifest array is not closed.');
	const body = swSource.slice(open + 1, end);
	const entries: PrecacheEntry[] = [];
	const re = /\{\s*"?url"?\s*:\s*"([^"]*)"\s*,\s*"?revision"?\s*:\s*(null|"([^"]*)")\s*\}/g;
	for (const m of body.matchAll(re)) {
		entries.push({ url: m[1] as string, revision: m[2] === 'null' ? null : (m[3] ?? null) });
	}
	if (entries.length === 0 && body.trim() !== '') {
		throw new Error('The precache manifest could not be parsed.');
	}
	return entries;
}

/** One entry of Vite's `.vite/manifest.json`. */
export interface ViteManifestChunk {
	file: string;
	src?: string;
	name?: string;
	isEntry?: boolean;
	isDynamicEntry?: boolean;
	imports?: string[];
	dynamicImports?: string[];
	css?: string[];
	assets?: string[];
}

export type ViteManifest = Record<string, ViteManifestChunk>;

/** jsPDF's optional dependencies: loaded only by `doc.html()` and SVG support, never by the app. */
export const OPTIONAL_PDF_PACKAGES = ['html2canvas', 'dompurify', 'canvg'] as const;

export function isOptionalPdfModule(key: string): boolean {
	return OPTIONAL_PDF_PACKAGES.some((p) => new RegExp(`(^|/)node_modules/${p}/`).test(key));
}

export interface Reachability {
	/** Output files (e.g. `_app/immutable/chunks/x.js`) the app can load. */
	used: Set<string>;
	/** Output file → manifest key, for every file in the manifest. */
	keyOf: Map<string, string>;
}

/**
 * Output files reachable from the manifest's entries. Dynamic imports of jsPDF's optional
 * helpers are not followed.
 */
export function reachableFiles(manifest: ViteManifest): Reachability {
	const keyOf = new Map<string, string>();
	for (const [key, chunk] of Object.entries(manifest)) {
		if (!keyOf.has(chunk.file)) keyOf.set(chunk.file, key);
	}
	const seen = new Set<string>();
	const stack = Object.entries(manifest)
		.filter(([, c]) => c.isEntry)
		.map(([k]) => k);
	while (stack.length) {
		const key = stack.pop() as string;
		if (seen.has(key)) continue;
		seen.add(key);
		const chunk = manifest[key];
		if (!chunk) continue;
		for (const dep of chunk.imports ?? []) stack.push(dep);
		for (const dep of chunk.dynamicImports ?? []) {
			if (!isOptionalPdfModule(dep)) stack.push(dep);
		}
	}
	const used = new Set<string>();
	for (const key of seen) {
		const chunk = manifest[key];
		if (!chunk) continue;
		used.add(chunk.file);
		for (const css of chunk.css ?? []) used.add(css);
		for (const asset of chunk.assets ?? []) used.add(asset);
	}
	return { used, keyOf };
}

/** Relative module specifiers a built chunk imports, statically or dynamically. */
export function importedSpecifiers(code: string): string[] {
	const out = new Set<string>();
	const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)[`"'](\.{1,2}\/[^`"']+\.m?js)[`"']/g;
	for (const m of code.matchAll(re)) out.add(m[1] as string);
	return [...out];
}

function joinPath(dir: string, rel: string): string {
	const parts = dir ? dir.split('/') : [];
	for (const seg of rel.split('/')) {
		if (seg === '.' || seg === '') continue;
		if (seg === '..') parts.pop();
		else parts.push(seg);
	}
	return parts.join('/');
}

/**
 * Web Worker bundles are not in Vite's client manifest: the files of every worker that a used
 * chunk starts (`new Worker(new URL('../workers/x.js', import.meta.url))`), and the chunks those
 * import in turn. `read` returns a built file's text (null when missing).
 */
export function workerFiles(
	used: Iterable<string>,
	read: (file: string) => string | null
): Set<string> {
	const out = new Set<string>();
	const stack: string[] = [];
	for (const file of used) {
		if (!/\.m?js$/.test(file)) continue;
		const code = read(file);
		if (!code) continue;
		const dir = file.slice(0, file.lastIndexOf('/'));
		for (const m of code.matchAll(/[`"']((?:\.{1,2}\/)+workers\/[^`"']+\.m?js)[`"']/g))
			stack.push(joinPath(dir, m[1] as string));
	}
	while (stack.length) {
		const file = stack.pop() as string;
		if (out.has(file)) continue;
		const code = read(file);
		if (code === null) continue;
		out.add(file);
		const dir = file.slice(0, file.lastIndexOf('/'));
		for (const spec of importedSpecifiers(code)) stack.push(joinPath(dir, spec));
	}
	return out;
}

export interface UnusedChunk {
	url: string;
	/** Where it comes from (manifest key, e.g. node_modules/html2canvas/dist/html2canvas.esm.js). */
	source: string;
}

/**
 * Precached JavaScript files that no entry can reach. `prefix` is the path of the client
 * output relative to the precache URLs (SvelteKit: precache URLs and manifest files are both
 * relative to the site root, e.g. `_app/immutable/chunks/x.js`).
 */
export function unusedPrecachedChunks(
	entries: readonly PrecacheEntry[],
	manifest: ViteManifest,
	read?: (file: string) => string | null
): UnusedChunk[] {
	const { used, keyOf } = reachableFiles(manifest);
	if (read) for (const f of workerFiles([...used], read)) used.add(f);
	const out: UnusedChunk[] = [];
	for (const { url } of entries) {
		const file = url.replace(/^\/+/, '').split('?')[0] as string;
		if (!/\.m?js$/.test(file)) continue;
		if (!file.startsWith('_app/')) continue; // sw helpers, workbox runtime: not app chunks
		if (used.has(file)) continue;
		out.push({ url, source: keyOf.get(file) ?? '(not in the Vite manifest)' });
	}
	return out;
}
