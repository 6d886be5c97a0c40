/**
 * How the app gets the bank: the `virtual:soc2-bank` module produced by the Vite plugin (used by
 * `loadBank()`), and the plugin's failure on an invalid bank.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { loadBank } from '../../src/lib/bank';
import { BANK_MODULE_ID, BANK_URL_MODULE_ID, soc2Bank } from '../../vite-plugins/soc2-bank';

const QUESTIONS = resolve(import.meta.dirname, '..', '..', 'questions');

interface FakeContext {
	watched: string[];
	warnings: string[];
	addWatchFile(p: string): void;
	warn(m: string): void;
	error(m: string): never;
}

function runPlugin(dir: string): { code: string; ctx: FakeContext } {
	const plugin = soc2Bank({ dir });
	const ctx: FakeContext = {
		watched: [],
		warnings: [],
		addWatchFile(p) {
			this.watched.push(p);
		},
		warn(m) {
			this.warnings.push(m);
		},
		error(m) {
			throw new Error(m);
		}
	};
	(plugin.configResolved as (c: { root: string }) => void)({ root: process.cwd() });
	const id = (plugin.resolveId as (id: string) => string | null)(BANK_MODULE_ID);
	expect(id).toBe('\0virtual:soc2-bank');
	const code = (plugin.load as unknown as (this: FakeContext, id: string) => string).call(ctx, id!);
	return { code, ctx };
}

describe('loadBank()', () => {
	it('returns the compiled bank bundled by the Vite plugin, identical to the one on disk', async () => {
		const bank = await loadBank();
		expect(bank).toEqual(loadBankFromDisk());
		expect(bank.criteria).toHaveLength(61);
	}, 30_000); // the first import compiles the bank through Vite; slow on a busy machine

	it('loads once and shares the same object', async () => {
		const [a, b] = await Promise.all([loadBank(), loadBank()]);
		expect(a).toBe(b);
		expect(await loadBank()).toBe(a);
	});
});

describe('vite plugin soc2-bank', () => {
	let tmp: string | null = null;
	afterEach(() => {
		if (tmp) rmSync(tmp, { recursive: true, force: true });
		tmp = null;
		delete process.env.SOC2_BANK_PARTIAL;
	});

	it('emits the bank as a JSON.parse module (no eval) and watches every YAML file', () => {
		const { code, ctx } = runPlugin(QUESTIONS);
		expect(code.startsWith('export default JSON.parse(')).toBe(true);
		const json = JSON.parse(code.slice('export default JSON.parse('.length, code.lastIndexOf(')')));
		expect(JSON.parse(json)).toEqual(loadBankFromDisk());
		expect(ctx.watched.some((p) => p.endsWith('criteria.yaml'))).toBe(true);
		expect(ctx.watched.some((p) => p.endsWith('cc1.yaml'))).toBe(true);
	});

	it('emits the bank as a JSON file of the client build and exports its URL (null outside a build)', () => {
		const load = (command: 'build' | 'serve') => {
			const plugin = soc2Bank({ dir: QUESTIONS });
			const emitted: { type: string; name: string; source: string }[] = [];
			const ctx = {
				...{ addWatchFile() {}, warn() {} },
				error(m: string): never {
					throw new Error(m);
				},
				emitFile(f: { type: string; name: string; source: string }) {
					emitted.push(f);
					return 'ref1';
				}
			};
			(plugin.configResolved as (c: { root: string; command: string }) => void)({
				root: process.cwd(),
				command
			});
			const id = (plugin.resolveId as (id: string) => string | null)(BANK_URL_MODULE_ID);
			expect(id).toBe('\0virtual:soc2-bank-url');
			const code = (plugin.load as unknown as (this: typeof ctx, id: string) => string).call(
				ctx,
				id!
			);
			return { code, emitted };
		};
		const built = load('build');
		expect(built.code).toBe('export default import.meta.ROLLUP_FILE_URL_ref1;\n');
		expect(built.emitted).toHaveLength(1);
		expect(built.emitted[0]).toMatchObject({ type: 'asset', name: 'soc2-bank.json' });
		expect(JSON.parse(built.emitted[0]!.source)).toEqual(loadBankFromDisk());
		const dev = load('serve');
		expect(dev.code).toBe('export default null;\n');
		expect(dev.emitted).toHaveLength(0);
	});

	it('fails the build with every problem when the bank is invalid', () => {
		tmp = mkdtempSync(join(tmpdir(), 'bank-plugin-'));
		cpSync(QUESTIONS, tmp, { recursive: true });
		writeFileSync(join(tmp, 'bank.yaml'), 'version: one\n');
		expect(() => runPlugin(tmp!)).toThrow(
			/question bank in .* is invalid \(1 problem\):\n {2}- questions\/bank\.yaml: version: must be a semantic version/
		);
	});

	it('enforces coverage unless SOC2_BANK_PARTIAL=1, which warns loudly', () => {
		tmp = mkdtempSync(join(tmpdir(), 'bank-plugin-'));
		cpSync(QUESTIONS, tmp, { recursive: true });
		rmSync(join(tmp, 'maturity', 'cc4.yaml'));
		expect(() => runPlugin(tmp!)).toThrow(
			/not covered by any maturity question of their area: CC4\.1, CC4\.2[\s\S]*SOC2_BANK_PARTIAL=1/
		);
		process.env.SOC2_BANK_PARTIAL = '1';
		const { code, ctx } = runPlugin(tmp);
		expect(code).toContain('export default');
		expect(ctx.warnings.join(' ')).toMatch(/coverage NOT enforced/);
	});
});
