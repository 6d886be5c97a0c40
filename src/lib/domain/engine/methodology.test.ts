import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as prettier from 'prettier';
import { methodologyMarkdown } from './methodology-doc';
import * as M from './methodology';

const DOC = 'docs/methodology.md';

/** Every primitive inside a constant (numbers, strings), recursively. */
function leaves(v: unknown): (string | number)[] {
	if (typeof v === 'number' || typeof v === 'string') return [v];
	if (Array.isArray(v)) return v.flatMap(leaves);
	if (v && typeof v === 'object') return Object.values(v).flatMap(leaves);
	return [];
}

function normalise(text: string): string {
	return text.toLowerCase().replace(/[–—]/g, '-');
}

const constants = Object.entries(M).filter(([, v]) => typeof v !== 'function');

describe('methodology', () => {
	const sections = M.methodologySections();
	const prose = normalise(
		sections.flatMap((s) => [s.heading, ...s.paragraphs, ...(s.table ?? []).flat()]).join('\n')
	);

	it('has constants to check (guards against an empty import)', () => {
		expect(constants.length).toBeGreaterThan(25);
	});

	it.each(constants)('the printed methodology explains %s', (_name, v) => {
		for (const leaf of leaves(v)) {
			const text =
				typeof leaf === 'number' && leaf > 0 && leaf < 1
					? `${Math.round(leaf * 100)} %`
					: String(leaf);
			expect(prose, `${_name}: ${text}`).toContain(normalise(text));
		}
	});

	it('has a heading and text in every section', () => {
		for (const s of sections) {
			expect(s.heading.trim()).not.toBe('');
			expect(s.paragraphs.length).toBeGreaterThan(0);
			for (const row of s.table ?? []) expect(row.length).toBe(s.table![0]!.length);
		}
	});

	it('docs/methodology.md is generated from the module and current', async () => {
		const options = (await prettier.resolveConfig(DOC)) ?? {};
		const expected = await prettier.format(methodologyMarkdown(), {
			...options,
			parser: 'markdown'
		});
		if (process.env.UPDATE_DOCS) writeFileSync(DOC, expected);
		const actual = readFileSync(DOC, 'utf8');
		expect(
			actual,
			'run: UPDATE_DOCS=1 npx vitest run src/lib/domain/engine/methodology.test.ts'
		).toBe(expected);
		for (const [name] of constants)
			if (name !== 'DISCLAIMER') expect(actual).toContain(`\`${name}\``);
		expect(actual).toContain(M.DISCLAIMER);
	});
});
