/**
 * What each route loads before any interaction (issue 19): the modules reachable from its page
 * through static, non-type imports in the sources. Heavy layers a page uses only after a click
 * or a first write (yjs and the assessment document, the export/import layer) must be imported
 * on demand (`import()`), so a fresh load stays small. A static import added back anywhere on
 * the chain fails here, with the chain that reaches it. (The built figures, in KB, are the
 * bench's `js` group; this is the cheap guard that runs with the unit tests.)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const SRC_LIB = join(ROOT, 'src/lib');

/** Static value imports and re-exports of one source file (type-only ones left out). */
export function staticSpecifiers(code: string): string[] {
	const out: string[] = [];
	const re =
		/^\s*(?:import|export)\s+(?!type\b)(?:[\w*\s{},$]*?(?:\{[^}]*\})?[\w*\s,$]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
	for (const m of code.matchAll(re)) out.push(m[1]!);
	return out;
}

/** A specifier resolved to a source file, or the package name for a dependency. */
function resolveSpecifier(from: string, spec: string): string {
	let base: string;
	if (spec.startsWith('$lib')) base = join(SRC_LIB, spec.slice('$lib'.length));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
	const forms = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')];
	return forms.find((f) => existsSync(f) && statSync(f).isFile()) ?? base;
}

/** Every module statically reachable from `entry`, each with the chain that first reached it. */
function reachable(entry: string): Map<string, string[]> {
	const seen = new Map<string, string[]>([[entry, [entry]]]);
	const queue = [entry];
	while (queue.length) {
		const file = queue.shift()!;
		if (!file.startsWith(ROOT) || !existsSync(file)) continue;
		for (const spec of staticSpecifiers(readFileSync(file, 'utf8'))) {
			const target = resolveSpecifier(file, spec);
			if (seen.has(target)) continue;
			seen.set(target, [...seen.get(file)!, target]);
			queue.push(target);
		}
	}
	return seen;
}

const page = (route: string) => join(ROOT, 'src/routes', route, '+page.svelte');
const lib = (path: string) => join(SRC_LIB, path);
const show = (chain: string[]) => chain.map((f) => relative(ROOT, f) || f).join(' → ');

/** Modules that must not load with a page before the user acts. */
const DOCUMENT_LAYER = ['yjs', lib('db/doc-store.ts'), lib('doc/index.ts'), lib('doc/commands.ts')];
/** Dexie and the database module that opens it (issue 19: the light first read). */
const DEXIE = ['dexie', lib('db/index.ts'), lib('db/library.ts'), lib('db/doc-store.ts')];
const EXPORT_LAYER = [lib('export/index.ts'), lib('export/crypto.ts'), lib('export/schema.ts')];

describe('static imports of each route', () => {
	it('reads import forms as the bundler does (type-only imports load nothing)', () => {
		const code = [
			"import { a } from './a';",
			"import type { B } from './b';",
			"import * as C from 'c';",
			"import D, { e } from '$lib/d';",
			"import './side-effect';",
			'import {',
			'\tf,',
			'\tg',
			"} from './multi';",
			"export { h } from './h';",
			"export type { I } from './i';",
			"const lazy = () => import('./lazy');"
		].join('\n');
		expect(staticSpecifiers(code)).toEqual([
			'./a',
			'c',
			'$lib/d',
			'./side-effect',
			'./multi',
			'./h'
		]);
	});

	it.each([
		['interview'],
		['present'],
		['results'],
		['present/results'],
		['export'],
		['library'],
		['']
	])('/%s loads the assessment document (yjs) only on demand', (route) => {
		const graph = reachable(page(route));
		for (const mod of DOCUMENT_LAYER) {
			const chain = graph.get(mod);
			expect(chain ? show(chain) : null, `${mod} is loaded statically`).toBeNull();
		}
	});

	it.each([['results'], ['present/results'], ['library'], ['interview'], ['']])(
		'/%s loads the export and import layer only on demand',
		(route) => {
			const graph = reachable(page(route));
			for (const mod of EXPORT_LAYER) {
				const chain = graph.get(mod);
				expect(chain ? show(chain) : null, `${mod} is loaded statically`).toBeNull();
			}
		}
	);

	// The methodology module carries the whole method's text (≈ 11 KB gzip); the interview and the
	// start page show none of it (a date helper of the results pages once pulled it in).
	it.each([['interview'], ['present'], ['']])(
		'/%s loads the methodology text and the re-assessment rules only on demand',
		(route) => {
			const graph = reachable(page(route));
			for (const mod of [lib('domain/engine/methodology.ts'), lib('domain/reassess.ts')]) {
				const chain = graph.get(mod);
				expect(chain ? show(chain) : null, `${mod} is loaded statically`).toBeNull();
			}
		}
	);

	// Issue 19, fourth pass: the results and export pages have their report computed in the
	// report-model worker (src/lib/report/model.worker.ts); they import display helpers
	// (src/lib/domain/engine/display.ts) and never the engine, the methodology text, the bank
	// compiler or the bank loader itself. The comparison section and the export page's choice of
	// an earlier assessment, loaded once the report is shown, score the other one there too.
	const REPORT_ENGINE = [
		lib('domain/engine/index.ts'),
		lib('domain/engine/methodology.ts'),
		lib('domain/engine/scoring.ts'),
		lib('domain/engine/plan.ts'),
		lib('domain/engine/evidence-requests.ts'),
		lib('domain/engine/points-of-focus.ts'),
		lib('domain/engine/risk.ts'),
		lib('domain/bank/compile.ts'),
		lib('report/model-handler.ts')
	];
	it.each([
		['routes/results/+page.svelte'],
		['routes/present/results/+page.svelte'],
		['routes/export/+page.svelte'],
		['lib/components/compare/CompareSection.svelte'],
		['lib/components/compare/choice.svelte.ts'],
		['lib/components/compare/load.ts'],
		['lib/report/model-client.ts']
	])('%s reaches the report engine and the methodology text only in the worker', (file) => {
		const graph = reachable(join(ROOT, 'src', file));
		for (const mod of REPORT_ENGINE) {
			const chain = graph.get(mod);
			expect(chain ? show(chain) : null, `${relative(ROOT, mod)} is loaded statically`).toBeNull();
		}
	});

	it('sees the chain to the engine where there is one (the engine guard can fail)', () => {
		// The worker itself loads the engine and, through it, the methodology text.
		const graph = reachable(lib('report/model.worker.ts'));
		expect(graph.get(lib('domain/engine/index.ts'))?.map((f) => relative(ROOT, f))).toEqual([
			'src/lib/report/model.worker.ts',
			'src/lib/report/model-handler.ts',
			'src/lib/domain/engine/index.ts'
		]);
		expect(graph.has(lib('domain/engine/methodology.ts'))).toBe(true);
	});

	it.each([
		['routes/+layout.svelte'],
		['routes/+page.svelte'],
		['routes/interview/+page.svelte'],
		['routes/present/+page.svelte'],
		['routes/results/+page.svelte'],
		['routes/present/results/+page.svelte'],
		['routes/export/+page.svelte']
	])('%s loads the team sync client only on demand (issue 23)', (file) => {
		const graph = reachable(join(ROOT, 'src', file));
		for (const mod of [
			'@hocuspocus/provider',
			lib('sync/session.svelte.ts'),
			lib('sync/host.ts'),
			lib('sync/TeamPanel.svelte')
		]) {
			const chain = graph.get(mod);
			expect(chain ? show(chain) : null, `${mod} is loaded statically`).toBeNull();
		}
	});

	it.each([
		['interview'],
		['present'],
		['results'],
		['present/results'],
		['export'],
		['library'],
		// The start page: its list, and its dialogs' writes (issue 19, fourth pass).
		['']
	])(
		'/%s reads its first paint without Dexie (the light reader), Dexie only on demand',
		(route) => {
			const graph = reachable(page(route));
			for (const mod of DEXIE) {
				const chain = graph.get(mod);
				expect(chain ? show(chain) : null, `${mod} is loaded statically`).toBeNull();
			}
		}
	);

	it.each([
		// The interview prefetches its stages once the first one is shown.
		...['Start', 'Profile', 'Subservices', 'Tsc', 'Cuecs', 'Review', 'Results'].map((s) => [
			`components/interview/${s}Stage.svelte`
		]),
		// The results page loads the comparison once the report is on screen.
		['components/compare/CompareSection.svelte'],
		// The re-assessment dialog of the results page (issue 20).
		['components/list/ReassessDialog.svelte'],
		['components/list/ReassessmentNote.svelte']
	])('%s, loaded without a click, reaches Dexie only on demand', (file) => {
		const graph = reachable(lib(file));
		for (const mod of DEXIE) {
			const chain = graph.get(mod);
			expect(chain ? show(chain) : null, `${mod} is loaded statically`).toBeNull();
		}
	});

	// Issue 19, fifth pass: the interview and presenter routes start the bank's download in their
	// load function (run when a link to them is pressed or hovered); that must bring nothing else.
	it.each([['routes/interview/+page.ts'], ['routes/present/+page.ts']])(
		'%s starts the bank only: no Dexie, no document layer, no report engine',
		(file) => {
			const graph = reachable(join(ROOT, 'src', file));
			expect(graph.has(lib('bank/index.ts'))).toBe(true);
			for (const mod of [...DEXIE, ...DOCUMENT_LAYER, lib('domain/engine/index.ts')]) {
				const chain = graph.get(mod);
				expect(chain ? show(chain) : null, `${mod} is loaded statically`).toBeNull();
			}
		}
	);

	it('keeps Dexie out of the root layout and of the light reader itself', () => {
		for (const entry of [
			join(ROOT, 'src/routes/+layout.svelte'),
			lib('db/light.ts'),
			lib('db/on-demand.ts'),
			lib('db/common.ts')
		]) {
			const graph = reachable(entry);
			for (const mod of DEXIE) {
				const chain = graph.get(mod);
				expect(chain ? show(chain) : null, `${mod} is loaded statically`).toBeNull();
			}
		}
	});

	it('sees the chain to Dexie where there is one (the Dexie guard can fail)', () => {
		// The import and export layer, which the start page loads when a file is chosen, stores
		// through the database module: Dexie loads with it.
		const graph = reachable(lib('export/index.ts'));
		expect(graph.get('dexie')?.map((f) => relative(ROOT, f) || f)).toEqual([
			'src/lib/export/index.ts',
			'src/lib/db/index.ts',
			'dexie'
		]);
		// The start page holds the import flow, which loads that layer with `import()`: not a
		// static chain, so it is not counted (and Dexie is not reached through it).
		const start = reachable(page(''));
		expect(readFileSync(lib('components/list/ImportFlow.svelte'), 'utf8')).toContain(
			"import('$lib/export')"
		);
		expect(start.has(lib('components/list/ImportFlow.svelte'))).toBe(true);
		expect(start.has(lib('export/index.ts'))).toBe(false);
	});

	it('sees a static chain when there is one (the guard can fail)', () => {
		// The persister's on-demand commit module does load the document layer statically.
		const graph = reachable(lib('interview/commit.ts'));
		expect(graph.has(lib('db/doc-store.ts'))).toBe(true);
		expect(graph.has('yjs')).toBe(true);
	});
});
