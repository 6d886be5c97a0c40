import { describe, expect, it } from 'vitest';
import { byGroup, moduleGroup, onDemand, staticClosure, type StatsChunk } from './lib/bundle';

const ROOT = '/repo';

function chunk(file: string, over: Partial<StatsChunk> = {}): [string, StatsChunk] {
	return [
		file,
		{ file, bytes: 100, gzip: 50, imports: [], dynamicImports: [], modules: [], ...over }
	];
}

describe('staticClosure', () => {
	const chunks = new Map([
		chunk('entry.js', { imports: ['a.js', 'b.js'], dynamicImports: ['lazy.js'] }),
		chunk('a.js', { imports: ['shared.js'] }),
		chunk('b.js', { imports: ['shared.js', 'entry.js'] }),
		chunk('shared.js'),
		chunk('lazy.js', { imports: ['shared.js', 'big.js'] }),
		chunk('big.js')
	]);

	it('follows static imports only, each chunk once, cycles included', () => {
		expect(staticClosure(chunks, ['entry.js'])).toEqual(['a.js', 'b.js', 'entry.js', 'shared.js']);
	});

	it('fails on a chunk the stats do not know (a stale manifest)', () => {
		expect(() => staticClosure(chunks, ['gone.js'])).toThrow(/Unknown chunk gone\.js/);
	});

	it('lists what can be loaded on demand without what is already loaded', () => {
		const files = staticClosure(chunks, ['entry.js']);
		expect(onDemand(chunks, files)).toEqual([{ file: 'lazy.js', closure: ['big.js', 'lazy.js'] }]);
	});
});

describe('moduleGroup', () => {
	it('names npm packages, scoped or not, however deep the file', () => {
		expect(moduleGroup('/repo/node_modules/dexie/dist/dexie.js', ROOT)).toBe('dexie');
		expect(moduleGroup('/repo/node_modules/@sveltejs/kit/src/runtime/client.js', ROOT)).toBe(
			'@sveltejs/kit'
		);
		expect(moduleGroup('/repo/node_modules/.pnpm/x/node_modules/svelte/src/a.js', ROOT)).toBe(
			'svelte'
		);
	});

	it('keeps virtual modules by name and cuts source paths to the depth asked', () => {
		expect(moduleGroup('\0virtual:soc2-bank', ROOT)).toBe('virtual:soc2-bank');
		expect(moduleGroup('/repo/src/lib/components/interview/QuestionCard.svelte', ROOT)).toBe(
			'src/lib/components/interview'
		);
		expect(moduleGroup('/repo/src/lib/db/index.ts', ROOT)).toBe('src/lib/db/index.ts');
		expect(moduleGroup('/repo/src/lib/a.svelte?svelte&type=style', ROOT, 2)).toBe('src/lib');
	});
});

describe('byGroup', () => {
	it("shares each chunk's gzip size among its modules, so groups add up to the chunks", () => {
		const chunks = new Map([
			chunk('x.js', {
				gzip: 30,
				modules: [
					{ id: '/repo/node_modules/dexie/dist/dexie.js', bytes: 900, gzip: 40 },
					{ id: '/repo/src/lib/db/index.ts', bytes: 100, gzip: 20 }
				]
			}),
			chunk('y.js', {
				gzip: 10,
				modules: [{ id: '/repo/node_modules/dexie/dist/other.js', bytes: 50, gzip: 5 }]
			})
		]);
		const groups = byGroup(chunks, ['x.js', 'y.js'], ROOT);
		expect(groups).toEqual([
			{ group: 'dexie', gzip: 30, bytes: 950 },
			{ group: 'src/lib/db/index.ts', gzip: 10, bytes: 100 }
		]);
		expect(groups.reduce((s, g) => s + g.gzip, 0)).toBe(40);
	});
});
