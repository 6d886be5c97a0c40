/** The service worker's precache: what it holds, how big it is, and whether any of it is dead weight. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { measuredFigure, notMeasured, type Figure } from './lib/figures';
import { parsePrecacheEntries, unusedPrecachedChunks, type ViteManifest } from './lib/precache';
import { SITE_BUILD, SITE_MANIFEST } from './lib/site';

/** The built file behind a precache URL: as is, or a prerendered page (`/` → index.html, `interview` → interview.html). */
function precachedFile(url: string): string | null {
	const path = (url.split('?')[0] as string).replace(/^\/+/, '');
	const candidates = path === '' ? ['index.html'] : [path, `${path}.html`, `${path}/index.html`];
	for (const c of candidates) {
		const f = resolve(SITE_BUILD, c);
		if (existsSync(f) && statSync(f).isFile()) return f;
	}
	return null;
}

export function precacheFigures(): Figure[] {
	const unusedBase = {
		id: 'precache-unused',
		label: 'Precached JS chunks the app never loads',
		unit: 'count' as const,
		budget: { kind: 'max' as const, value: 0 }
	};
	const sizeBase = {
		id: 'precache-size',
		label: 'Service worker precache, total size (reported)',
		unit: 'KB' as const,
		budget: null
	};
	const sw = resolve(SITE_BUILD, 'sw.js');
	if (!existsSync(sw)) {
		return [
			notMeasured(unusedBase, 'build/sw.js missing'),
			notMeasured(sizeBase, 'build/sw.js missing')
		];
	}
	let entries;
	try {
		entries = parsePrecacheEntries(readFileSync(sw, 'utf8'));
	} catch (e) {
		const reason = e instanceof Error ? e.message : String(e);
		return [notMeasured(unusedBase, reason), notMeasured(sizeBase, reason)];
	}
	let total = 0;
	const missing: string[] = [];
	const byKind: Record<string, number> = {};
	const sizes: { url: string; bytes: number }[] = [];
	const seen = new Set<string>();
	const duplicates: string[] = [];
	for (const { url } of entries) {
		if (seen.has(url)) {
			duplicates.push(url);
			continue;
		}
		seen.add(url);
		const file = precachedFile(url);
		if (!file) {
			missing.push(url);
			continue;
		}
		const bytes = statSync(file).size;
		total += bytes;
		sizes.push({ url, bytes });
		const ext = (url.match(/\.([a-z0-9]+)$/i)?.[1] ?? 'other').toLowerCase();
		byKind[ext] = (byKind[ext] ?? 0) + bytes;
	}
	const kinds = Object.entries(byKind)
		.sort((a, b) => b[1] - a[1])
		.map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KB`)
		.join(', ');
	const largest = sizes
		.sort((a, b) => b.bytes - a.bytes)
		.slice(0, 3)
		.map((s) => `${s.url.split('/').pop()} ${(s.bytes / 1024).toFixed(0)} KB`)
		.join(', ');
	const sizeFigure = measuredFigure(
		{
			...sizeBase,
			detail: `${seen.size} files (${kinds}); largest ${largest}${duplicates.length ? `; listed twice: ${duplicates.join(', ')}` : ''}${missing.length ? `; ${missing.length} MISSING FILES: ${missing.join(', ')}` : ''}`,
			data: { entries: sizes, missing, duplicates }
		},
		total / 1024
	);
	if (!existsSync(SITE_MANIFEST)) {
		return [
			notMeasured(
				unusedBase,
				'Vite client manifest missing (.svelte-kit/output/client/.vite/manifest.json)'
			),
			sizeFigure
		];
	}
	const manifest = JSON.parse(readFileSync(SITE_MANIFEST, 'utf8')) as ViteManifest;
	const unused = unusedPrecachedChunks(entries, manifest, (file) => {
		const f = resolve(SITE_BUILD, file);
		return existsSync(f) ? readFileSync(f, 'utf8') : null;
	});
	const unusedBytes = unused.reduce(
		(s, u) => s + (sizes.find((x) => x.url === u.url)?.bytes ?? 0),
		0
	);
	const unusedFigure = measuredFigure(
		{
			...unusedBase,
			detail: unused.length
				? `${(unusedBytes / 1024).toFixed(0)} KB of dead weight: ${unused.map((u) => `${u.url.split('/').pop()} ← ${u.source}`).join('; ')}`
				: `every precached chunk is reachable from the app's entries (jsPDF's optional html2canvas/DOMPurify/canvg excluded; the PDF and report-model workers' files found from the chunks that start them)`,
			data: unused
		},
		unused.length
	);
	if (missing.length) {
		return [
			{
				...unusedFigure,
				status: 'fail',
				reason: `precache lists files that are not in the build: ${missing.join(', ')}`
			},
			sizeFigure
		];
	}
	return [unusedFigure, sizeFigure];
}
