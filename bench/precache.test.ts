import { describe, expect, it } from 'vitest';
import {
	parsePrecacheEntries,
	reachableFiles,
	unusedPrecachedChunks,
	importedSpecifiers,
	type ViteManifest
} from './lib/precache';

const MINIFIED =
	'define(["./workbox-2fbc6a65"],function(e){"use strict";self.addEventListener("message",e=>{}),' +
	'e.precacheAndRoute([{url:"favicon.svg",revision:"d9ee"},{url:"_app/immutable/entry/start.1G.js",revision:null},' +
	'{url:"_app/immutable/chunks/Html.js",revision:null},{url:"interview",revision:"abc"}],{}),e.cleanupOutdatedCaches()});';

describe('parsePrecacheEntries', () => {
	it('reads the entries of a minified workbox service worker', () => {
		expect(parsePrecacheEntries(MINIFIED)).toEqual([
			{ url: 'favicon.svg', revision: 'd9ee' },
			{ url: '_app/immutable/entry/start.1G.js', revision: null },
			{ url: '_app/immutable/chunks/Html.js', revision: null },
			{ url: 'interview', revision: 'abc' }
		]);
	});

	it('reads JSON-style entries too', () => {
		const sw =
			'precacheAndRoute([\n  { "url": "a.js", "revision": null },\n  { "url": "b.css", "revision": "1" }\n], {})';
		expect(parsePrecacheEntries(sw).map((e) => e.url)).toEqual(['a.js', 'b.css']);
	});

	it('fails loudly when there is no precache manifest', () => {
		expect(() => parsePrecacheEntries('self.addEventListener("fetch", () => {})')).toThrow(
			/precacheAndRoute/
		);
		expect(() => parsePrecacheEntries('precacheAndRoute([{weird: 1}], {})')).toThrow(
			/could not be parsed/
		);
	});
});

// A SvelteKit-like manifest: app entry → route nodes; the export node lazily imports jsPDF,
// which lazily imports html2canvas (which shares a helper chunk with nothing else) and DOMPurify.
const manifest: ViteManifest = {
	'.svelte-kit/generated/client-optimized/app.js': {
		file: '_app/immutable/entry/app.A.js',
		isEntry: true,
		imports: ['_shared.js'],
		dynamicImports: ['.svelte-kit/generated/client-optimized/nodes/2.js']
	},
	'.svelte-kit/generated/client-optimized/nodes/2.js': {
		file: '_app/immutable/nodes/2.B.js',
		isEntry: true,
		imports: ['_shared.js'],
		dynamicImports: ['node_modules/jspdf/dist/jspdf.es.min.js'],
		css: ['_app/immutable/assets/2.css']
	},
	'_shared.js': { file: '_app/immutable/chunks/Shared.js' },
	'node_modules/jspdf/dist/jspdf.es.min.js': {
		file: '_app/immutable/chunks/Jspdf.js',
		isDynamicEntry: true,
		dynamicImports: [
			'node_modules/html2canvas/dist/html2canvas.esm.js',
			'node_modules/dompurify/dist/purify.es.mjs',
			'node_modules/canvg/lib/index.es.js'
		]
	},
	'node_modules/html2canvas/dist/html2canvas.esm.js': {
		file: '_app/immutable/chunks/Html.js',
		isDynamicEntry: true,
		imports: ['_h2c-helper.js']
	},
	'_h2c-helper.js': { file: '_app/immutable/chunks/Helper.js' },
	'node_modules/dompurify/dist/purify.es.mjs': {
		file: '_app/immutable/chunks/Purify.js',
		isDynamicEntry: true
	},
	'node_modules/canvg/lib/index.es.js': {
		file: '_app/immutable/chunks/Index.es.js',
		isDynamicEntry: true
	}
};

describe('unused precached chunks', () => {
	it('follows static and dynamic imports from the entries, but not into jsPDF’s optional helpers', () => {
		const { used } = reachableFiles(manifest);
		expect([...used].sort()).toEqual([
			'_app/immutable/assets/2.css',
			'_app/immutable/chunks/Jspdf.js',
			'_app/immutable/chunks/Shared.js',
			'_app/immutable/entry/app.A.js',
			'_app/immutable/nodes/2.B.js'
		]);
	});

	it('flags html2canvas, DOMPurify, canvg and chunks only they import, whatever their file names', () => {
		const urls = [
			'_app/immutable/entry/app.A.js',
			'_app/immutable/nodes/2.B.js',
			'_app/immutable/chunks/Shared.js',
			'_app/immutable/chunks/Jspdf.js',
			'_app/immutable/chunks/Html.js',
			'_app/immutable/chunks/Helper.js',
			'_app/immutable/chunks/Purify.js',
			'_app/immutable/chunks/Index.es.js',
			'_app/immutable/chunks/Stale.js',
			'favicon.svg',
			'interview'
		].map((url) => ({ url, revision: null }));
		expect(unusedPrecachedChunks(urls, manifest)).toEqual([
			{
				url: '_app/immutable/chunks/Html.js',
				source: 'node_modules/html2canvas/dist/html2canvas.esm.js'
			},
			{ url: '_app/immutable/chunks/Helper.js', source: '_h2c-helper.js' },
			{
				url: '_app/immutable/chunks/Purify.js',
				source: 'node_modules/dompurify/dist/purify.es.mjs'
			},
			{ url: '_app/immutable/chunks/Index.es.js', source: 'node_modules/canvg/lib/index.es.js' },
			{ url: '_app/immutable/chunks/Stale.js', source: '(not in the Vite manifest)' }
		]);
	});

	it('passes a precache that holds only reachable chunks', () => {
		const urls = ['_app/immutable/entry/app.A.js', '_app/immutable/chunks/Jspdf.js'].map((url) => ({
			url,
			revision: null
		}));
		expect(unusedPrecachedChunks(urls, manifest)).toEqual([]);
	});

	it("counts a Web Worker's files as used when a used chunk starts it, and only then", () => {
		const files: Record<string, string> = {
			'_app/immutable/entry/app.A.js':
				'const w=new Worker(new URL(new URL(`../workers/pdf.worker-X.js`,import.meta.url).href,``+import.meta.url),{type:`module`});',
			'_app/immutable/workers/pdf.worker-X.js':
				'import{a}from"./chunks/Fonts.js";async function r(){await import(`./chunks/Jspdf.js`)}',
			'_app/immutable/workers/chunks/Fonts.js': 'export const a=1;',
			'_app/immutable/workers/chunks/Jspdf.js': "import './Deflate.js';",
			'_app/immutable/workers/chunks/Deflate.js': '',
			'_app/immutable/workers/chunks/Orphan.js': ''
		};
		const read = (f: string) => files[f] ?? null;
		const urls = Object.keys(files)
			.concat('_app/immutable/chunks/Jspdf.js')
			.map((url) => ({ url, revision: null }));
		expect(unusedPrecachedChunks(urls, manifest, read)).toEqual([
			{ url: '_app/immutable/workers/chunks/Orphan.js', source: '(not in the Vite manifest)' }
		]);
		// Without reading the files, the worker's chunks are unknown to the manifest.
		expect(unusedPrecachedChunks(urls, manifest).map((u) => u.url)).toContain(
			'_app/immutable/workers/pdf.worker-X.js'
		);
	});

	it('follows every worker a used chunk starts (the PDF worker and the report-model worker)', () => {
		const files: Record<string, string> = {
			'_app/immutable/entry/app.A.js':
				'let m=new Worker(new URL(new URL(`../workers/model.worker-M.js`,import.meta.url).href,``+import.meta.url),{type:`module`,name:`report-model`});' +
				'let p=new Worker(new URL(new URL(`../workers/pdf.worker-X.js`,import.meta.url).href,``+import.meta.url),{type:`module`});',
			'_app/immutable/workers/model.worker-M.js': 'import{h}from"./chunks/Engine.js";',
			'_app/immutable/workers/chunks/Engine.js': 'async function c(){await import(`./Compile.js`)}',
			'_app/immutable/workers/chunks/Compile.js': '',
			'_app/immutable/workers/pdf.worker-X.js': ''
		};
		const read = (f: string) => files[f] ?? null;
		const urls = Object.keys(files).map((url) => ({ url, revision: null }));
		expect(unusedPrecachedChunks(urls, manifest, read)).toEqual([]);
	});

	it('reads relative import specifiers of built chunks, static and dynamic', () => {
		expect(
			importedSpecifiers(
				'import{a as b}from"./A.js";import"../B.mjs";const c=import(`./C.js`);import("https://x/y.js");from"lib"'
			)
		).toEqual(['./A.js', '../B.mjs', './C.js']);
	});
});
