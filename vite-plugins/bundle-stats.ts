/**
 * Vite plugin, on demand only (`BUNDLE_STATS=1 npx vite build`): writes
 * `.svelte-kit/bundle-stats.json`, every client chunk with the modules rendered into it (rendered
 * and gzip bytes of each module's code). `npx tsx scripts/bundle-analysis.ts` joins it with Vite's
 * client manifest to list, per route, the initial JavaScript and where its bytes go.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export interface BundleStatsChunk {
	file: string;
	bytes: number;
	gzip: number;
	imports: string[];
	dynamicImports: string[];
	modules: { id: string; bytes: number; gzip: number }[];
}

export function bundleStats(out = '.svelte-kit/bundle-stats.json'): Plugin {
	return {
		name: 'bundle-stats',
		apply: 'build',
		generateBundle(_options, bundle) {
			// SvelteKit builds the server too; only the client bundle is of interest.
			if (!Object.keys(bundle).some((f) => f.startsWith('_app/immutable/'))) return;
			const chunks: BundleStatsChunk[] = [];
			for (const item of Object.values(bundle)) {
				if (item.type !== 'chunk') continue;
				chunks.push({
					file: item.fileName,
					bytes: Buffer.byteLength(item.code),
					gzip: gzipSync(item.code).length,
					imports: item.imports,
					dynamicImports: item.dynamicImports,
					modules: Object.entries(item.modules)
						.map(([id, m]) => ({
							id,
							bytes: m.renderedLength,
							gzip: m.code ? gzipSync(m.code).length : 0
						}))
						.filter((m) => m.bytes > 0)
				});
			}
			const path = resolve(out);
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, JSON.stringify({ chunks }, null, 1));
		}
	};
}
