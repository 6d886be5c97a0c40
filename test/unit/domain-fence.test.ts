/**
 * The domain fence (issue 16): ESLint refuses, in any file under src/lib/domain, an import of
 * another app layer (`$lib/<x>` other than `$lib/domain/...`, or a relative path out of the
 * folder) and of the framework, storage, CRDT and document libraries. Runs the project's real
 * ESLint config on in-memory sources placed at domain paths.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: 'eslint.config.js' });

/** The messages of `no-restricted-imports` for one import line in a file at `filePath`. */
async function fenceErrors(from: string, filePath: string): Promise<string[]> {
	const code = `import * as probe from '${from}';\nexport const used = probe;\n`;
	const [result] = await eslint.lintText(code, { filePath });
	return result!.messages
		.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)
		.map((m) => m.message);
}

const TOP = 'src/lib/domain/fence-probe.ts';
const NESTED = 'src/lib/domain/engine/fence-probe.ts';
const DEEPER = 'src/lib/domain/engine/rules/fence-probe.ts';

describe('src/lib/domain imports', () => {
	it.each([
		['$lib/db', TOP],
		['$lib/db/index', TOP],
		['$lib/bank', TOP],
		['$lib/export', TOP],
		['$lib/export/schema', NESTED],
		['$lib/state', TOP],
		['$lib/state/interview.svelte', TOP],
		['$lib/report', TOP],
		['$lib/report/pdf', NESTED],
		['$lib/components/x', TOP],
		['$lib/interview', TOP],
		['$lib/interview/flow', NESTED],
		['$lib', TOP],
		['$lib/domainish', TOP],
		['$app/navigation', TOP],
		['../db', TOP],
		['../db/index', TOP],
		['./../export', TOP],
		['../../db', NESTED],
		['../../../state', DEEPER],
		['yjs', TOP],
		['y-indexeddb', TOP],
		['y-dexie', NESTED],
		['dexie', TOP],
		['svelte', TOP],
		['svelte/store', TOP],
		['jspdf', TOP],
		['jspdf-autotable', TOP],
		['docx', TOP],
		['xlsx', TOP],
		['exceljs', TOP],
		['write-excel-file', TOP]
	])('refuses %s (in %s)', async (from, filePath) => {
		expect(await fenceErrors(from, filePath)).not.toEqual([]);
	});

	it.each([
		['./dates', TOP],
		['./engine/plan', TOP],
		['$lib/domain/types', TOP],
		['$lib/domain/engine/plan', NESTED],
		['../types', NESTED],
		['../scope', NESTED],
		['./plan', NESTED],
		['../../types', DEEPER],
		['valibot', TOP],
		['fast-check', TOP]
	])('allows %s (in %s)', async (from, filePath) => {
		expect(await fenceErrors(from, filePath)).toEqual([]);
	});

	it('outside the domain, the same imports are not fenced', async () => {
		expect(await fenceErrors('$lib/db', 'src/lib/state/fence-probe.ts')).toEqual([]);
	});
});
