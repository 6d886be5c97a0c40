import { describe, expect, it } from 'vitest';
import { addMissingPreloads, staticClosure, type ClientManifest } from './preloads';

/**
 * A manifest shaped like the one that showed the problem: the page's node imports the on-demand
 * module (whose dynamic import, the database module, statically imports `rows`) before the
 * interview screen, which imports `rows` statically as well.
 */
const manifest: ClientManifest = {
	'nodes/4.js': { file: '_app/immutable/nodes/4.A.js', imports: ['_onDemand.js', '_screen.js'] },
	'_onDemand.js': {
		file: '_app/immutable/chunks/onDemand.js',
		imports: ['_svelte.js'],
		dynamicImports: ['src/lib/db/index.ts']
	},
	'src/lib/db/index.ts': {
		file: '_app/immutable/chunks/dexie.js',
		imports: ['_rows.js', '_errors.js']
	},
	'_screen.js': { file: '_app/immutable/chunks/screen.js', imports: ['_rows.js', '_svelte.js'] },
	'_rows.js': { file: '_app/immutable/chunks/rows.js', imports: ['_types.js'] },
	'_types.js': { file: '_app/immutable/chunks/types.js' },
	'_errors.js': { file: '_app/immutable/chunks/errors.js' },
	'_svelte.js': { file: '_app/immutable/chunks/svelte.js' },
	'nodes/1.js': { file: '_app/immutable/nodes/1.E.js', imports: ['_svelte.js', '_errorPage.js'] },
	'_errorPage.js': { file: '_app/immutable/chunks/errorPage.js' }
};

const link = (prefix: string, file: string) => `<link href="${prefix}${file}" rel="modulepreload">`;

/** What SvelteKit wrote: `rows` and `types` are missing (first met below the dynamic import). */
function page(prefix = './') {
	return [
		'<html><head>',
		link(prefix, '_app/immutable/nodes/4.A.js'),
		link(prefix, '_app/immutable/chunks/onDemand.js'),
		link(prefix, '_app/immutable/chunks/svelte.js'),
		link(prefix, '_app/immutable/chunks/screen.js'),
		`<link href="${prefix}_app/immutable/assets/0.css" rel="stylesheet">`,
		'</head><body></body></html>'
	].join('\n');
}

const preloaded = (html: string) =>
	[...html.matchAll(/<link href="([^"]+)" rel="modulepreload">/g)].map((m) => m[1]!);

describe('modulepreload links SvelteKit leaves out', () => {
	it('follows static imports only, each file once, the given files first', () => {
		expect(staticClosure(manifest, ['_app/immutable/nodes/4.A.js'])).toEqual([
			'_app/immutable/nodes/4.A.js',
			'_app/immutable/chunks/onDemand.js',
			'_app/immutable/chunks/svelte.js',
			'_app/immutable/chunks/screen.js',
			'_app/immutable/chunks/rows.js',
			'_app/immutable/chunks/types.js'
		]);
		// A file the manifest does not know stays as it is.
		expect(staticClosure(manifest, ['x.js'])).toEqual(['x.js']);
	});

	it('adds the static imports the page lacks, never a chunk reached only dynamically', () => {
		const out = addMissingPreloads(page(), manifest);
		expect(preloaded(out)).toEqual([
			'./_app/immutable/nodes/4.A.js',
			'./_app/immutable/chunks/onDemand.js',
			'./_app/immutable/chunks/svelte.js',
			'./_app/immutable/chunks/screen.js',
			'./_app/immutable/chunks/rows.js',
			'./_app/immutable/chunks/types.js'
		]);
		expect(out).not.toContain('dexie.js');
		expect(out).not.toContain('errors.js');
		// Added right after SvelteKit's links, before the stylesheet; the rest untouched.
		expect(out.indexOf('types.js')).toBeLessThan(out.indexOf('0.css'));
		expect(
			out.replace(
				/\n\t\t<link href="\.\/_app\/immutable\/chunks\/(rows|types)\.js" rel="modulepreload">/g,
				''
			)
		).toBe(page());
	});

	it('keeps the relative prefix of a nested page', () => {
		expect(preloaded(addMissingPreloads(page('../'), manifest))).toContain(
			'../_app/immutable/chunks/rows.js'
		);
	});

	it('adds modules known to load at start with their static imports (the error page)', () => {
		const out = preloaded(addMissingPreloads(page(), manifest, ['nodes/1.js', 'nodes/99.js']));
		expect(out.slice(-2)).toEqual([
			'./_app/immutable/nodes/1.E.js',
			'./_app/immutable/chunks/errorPage.js'
		]);
		expect(out.filter((f) => f.endsWith('svelte.js'))).toHaveLength(1);
	});

	it('leaves a complete page, and a page without modulepreload links, as they are', () => {
		const complete = addMissingPreloads(page(), manifest);
		expect(addMissingPreloads(complete, manifest)).toBe(complete);
		const none = '<html><head></head><body></body></html>';
		expect(addMissingPreloads(none, manifest, ['nodes/1.js'])).toBe(none);
	});
});
