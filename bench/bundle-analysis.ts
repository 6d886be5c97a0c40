/**
 * Where the bytes of each route go. On demand, not part of the bench or CI:
 *
 *   BUNDLE_STATS=1 npx vite build && npx tsx bench/bundle-analysis.ts [--top 12] [--json out.json]
 *
 * For each route: the chunks loaded before any interaction through static imports (SvelteKit's
 * start and app entries, the root layout and the route's page node), their gzip size, and the
 * largest contributors grouped by npm package or source folder; then what the route can load on
 * demand (dynamic imports), each with its own largest contributors. Module sizes are the gzip
 * size of each module's rendered code on its own, so they add up to a little more than the gzip
 * size of their chunk.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { byGroup, onDemand, staticClosure, type StatsChunk } from './lib/bundle';

const args = process.argv.slice(2);
const top = Number(args[args.indexOf('--top') + 1] || 12) || 12;
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const root = process.cwd();

const stats = JSON.parse(readFileSync('.svelte-kit/bundle-stats.json', 'utf8')) as {
	chunks: StatsChunk[];
};
const manifest = JSON.parse(
	readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')
) as Record<string, { file: string; isEntry?: boolean }>;
const app = readFileSync('.svelte-kit/generated/client-optimized/app.js', 'utf8');
const chunks = new Map(stats.chunks.map((c) => [c.file, c]));

const fileOf = (key: string) => {
	const e = manifest[key];
	if (!e) throw new Error(`${key} is not in the manifest (run BUNDLE_STATS=1 npx vite build)`);
	return e.file;
};
const start = fileOf('node_modules/@sveltejs/kit/src/runtime/client/entry.js');
const appEntry = fileOf('.svelte-kit/generated/client-optimized/app.js');
const node = (n: number) => fileOf(`.svelte-kit/generated/client-optimized/nodes/${n}.js`);
const routes = [...app.matchAll(/"([^"]+)": \[(\d+)\]/g)].map((m) => ({
	route: m[1] as string,
	node: Number(m[2])
}));

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const report: unknown[] = [];
for (const { route, node: n } of routes) {
	const files = staticClosure(chunks, [start, appEntry, node(0), node(n)]);
	const gzip = files.reduce((s, f) => s + (chunks.get(f)?.gzip ?? 0), 0);
	const groups = byGroup(chunks, files, root);
	// Other routes' page nodes are dynamic imports of the app entry: not "on demand" of this route.
	const pages = new Set(routes.map((r) => node(r.node)).concat(node(1)));
	const lazy = onDemand(chunks, files)
		.filter((d) => !pages.has(d.file))
		.map((d) => ({
			file: d.file,
			gzip: d.closure.reduce((s, f) => s + (chunks.get(f)?.gzip ?? 0), 0),
			groups: byGroup(chunks, d.closure, root).slice(0, 4)
		}))
		.sort((a, b) => b.gzip - a.gzip);
	console.log(`\n${route}: static initial JS ${kb(gzip)} gzip in ${files.length} chunks`);
	for (const g of groups.slice(0, top)) console.log(`  ${kb(g.gzip).padStart(9)}  ${g.group}`);
	if (lazy.length) console.log('  on demand:');
	for (const d of lazy)
		console.log(
			`  ${kb(d.gzip).padStart(9)}  ${d.file.split('/').pop()} (${d.groups.map((g) => `${g.group} ${kb(g.gzip)}`).join(', ')})`
		);
	report.push({ route, gzip, files, groups, lazy });
}
if (jsonOut) writeFileSync(resolve(jsonOut), JSON.stringify(report, null, 1));
