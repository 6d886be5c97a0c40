/**
 * Pure helpers of the bundle analysis (bench/bundle-analysis.ts): which chunks a route loads
 * before any interaction and which modules their bytes come from.
 */

export interface StatsModule {
	id: string;
	bytes: number;
	gzip: number;
}

export interface StatsChunk {
	file: string;
	bytes: number;
	gzip: number;
	imports: string[];
	dynamicImports: string[];
	modules: StatsModule[];
}

/** Every chunk reachable from `entries` through static imports, entries included. */
export function staticClosure(
	chunks: ReadonlyMap<string, StatsChunk>,
	entries: string[]
): string[] {
	const seen = new Set<string>();
	const stack = [...entries];
	while (stack.length) {
		const f = stack.pop() as string;
		if (seen.has(f)) continue;
		const c = chunks.get(f);
		if (!c) throw new Error(`Unknown chunk ${f}`);
		seen.add(f);
		stack.push(...c.imports);
	}
	return [...seen].sort();
}

/**
 * The chunks `files` may import on demand (dynamic imports of any of them) that are not already
 * part of `files`, each with its own static closure minus `files`.
 */
export function onDemand(
	chunks: ReadonlyMap<string, StatsChunk>,
	files: string[]
): { file: string; closure: string[] }[] {
	const have = new Set(files);
	const out = new Map<string, string[]>();
	for (const f of files) {
		for (const d of chunks.get(f)?.dynamicImports ?? []) {
			if (have.has(d) || out.has(d)) continue;
			out.set(
				d,
				staticClosure(chunks, [d]).filter((x) => !have.has(x))
			);
		}
	}
	return [...out].map(([file, closure]) => ({ file, closure }));
}

/**
 * The group a module is counted under: the npm package for node_modules (`@scope/name` or
 * `name`), a virtual module by its name, otherwise its path relative to `root` up to `depth`
 * directories (e.g. `src/lib/components/interview`).
 */
export function moduleGroup(id: string, root: string, depth = 4): string {
	const clean = id.replace(/^\0/, '').replace(/\?.*$/, '');
	const nm = clean.lastIndexOf('/node_modules/');
	if (nm >= 0) {
		const parts = clean.slice(nm + '/node_modules/'.length).split('/');
		return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? clean);
	}
	if (!clean.startsWith('/')) return clean; // virtual:soc2-bank and the like
	const rel = clean.startsWith(root + '/') ? clean.slice(root.length + 1) : clean;
	const parts = rel.split('/');
	return parts.length > depth ? parts.slice(0, depth).join('/') : rel;
}

/**
 * Sum the bytes of the modules of `files` per group, largest first. A module's gzip bytes are its
 * share of its chunk's gzip size (in proportion to the gzip size of its code on its own), so the
 * groups add up to the chunks' real compressed size.
 */
export function byGroup(
	chunks: ReadonlyMap<string, StatsChunk>,
	files: string[],
	root: string,
	depth = 4
): { group: string; gzip: number; bytes: number }[] {
	const sums = new Map<string, { gzip: number; bytes: number }>();
	for (const f of files) {
		const c = chunks.get(f);
		if (!c) continue;
		const alone = c.modules.reduce((s, m) => s + m.gzip, 0);
		for (const m of c.modules) {
			const g = moduleGroup(m.id, root, depth);
			const s = sums.get(g) ?? { gzip: 0, bytes: 0 };
			s.gzip += alone > 0 ? (m.gzip * c.gzip) / alone : 0;
			s.bytes += m.bytes;
			sums.set(g, s);
		}
	}
	return [...sums]
		.map(([group, s]) => ({ group, ...s }))
		.sort((a, b) => b.gzip - a.gzip || a.group.localeCompare(b.group));
}
