/**
 * Build time only (imported by `src/hooks.server.ts` while the pages are prerendered).
 *
 * SvelteKit writes into each page's HTML a `<link rel="modulepreload">` for every script the page
 * imports statically, so the browser fetches them all at once instead of discovering them one
 * import at a time. Its walk over Vite's client manifest (`find_deps` in
 * `@sveltejs/kit/src/exports/vite/build/utils.js`) marks a chunk as seen when it first meets it
 * below a *dynamic* import (to collect stylesheets), and then skips it when a static import
 * reaches it later: such chunks get no preload link although the page imports them before it can
 * render. On `/interview` that was seven chunks (the field limits, the row helpers, the error
 * messages, the drafts, the scope conditions, the carried-answer checks), which the browser only
 * asked for once the interview screen's chunk had arrived and run: a second round trip before the
 * first question. `addMissingPreloads` adds the links SvelteKit left out: the static closure of the
 * scripts the page already preloads, never a chunk reached only through a dynamic import.
 */

/** The part of Vite's client manifest (`.vite/manifest.json`) used here. */
export interface ManifestChunk {
	file: string;
	imports?: string[];
	dynamicImports?: string[];
}
export type ClientManifest = Record<string, ManifestChunk>;

const PRELOAD = /<link\s+href="([^"]*?)(_app\/[^"]+\.js)"\s+rel="modulepreload"\s*\/?>/g;

/**
 * Every file statically imported, directly or not, by the given files (built paths such as
 * `_app/immutable/chunks/X.js`), in a stable order: the given files first, then what they import.
 * Files the manifest does not know are kept as they are.
 */
export function staticClosure(manifest: ClientManifest, files: string[]): string[] {
	const keyOf = new Map<string, string>();
	for (const [key, chunk] of Object.entries(manifest)) keyOf.set(chunk.file, key);
	const out: string[] = [];
	const seen = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		out.push(file);
		const key = keyOf.get(file);
		for (const dep of (key && manifest[key]?.imports) || []) {
			const depFile = manifest[dep]?.file;
			if (depFile) visit(depFile);
		}
	};
	for (const f of files) visit(f);
	return out;
}

/**
 * The page's HTML with a modulepreload link for every script its preloaded scripts import
 * statically and SvelteKit did not list, written like SvelteKit's own links (same relative
 * prefix) right after the last of them. `alsoEntries` are manifest keys of modules the page is
 * known to import at start (with their static imports). HTML without modulepreload links is
 * returned as it is.
 */
export function addMissingPreloads(
	html: string,
	manifest: ClientManifest,
	alsoEntries: string[] = []
): string {
	const links = [...html.matchAll(PRELOAD)];
	if (links.length === 0) return html;
	const prefix = links[0]![1]!;
	const listed = links.map((m) => m[2]!);
	const also = alsoEntries.flatMap((key) => (manifest[key] ? [manifest[key].file] : []));
	const missing = staticClosure(manifest, [...listed, ...also]).filter((f) => !listed.includes(f));
	if (missing.length === 0) return html;
	const last = links[links.length - 1]!;
	const at = last.index! + last[0].length;
	const added = missing
		.map((f) => `\n\t\t<link href="${prefix}${f}" rel="modulepreload">`)
		.join('');
	return html.slice(0, at) + added + html.slice(at);
}
