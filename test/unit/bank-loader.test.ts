/**
 * How the app gets the bank: the `virtual:soc2-bank` module produced by the Vite plugin (used by
 * `loadBank()`), and the plugin's failure on an invalid bank.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { loadBank, loadBankCore } from '../../src/lib/bank';
import { joinBank, type BankCoreFile, type BankRest } from '../../src/lib/bank/split';
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

	it('outside a build, gives the whole bank for the interview too (one module, no second part)', async () => {
		expect(await loadBankCore()).toBe(await loadBank());
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

	/** The URL module's code and the files it emits, for a build or the dev server. */
	function loadUrlModule(command: 'build' | 'serve', dir = QUESTIONS) {
		const plugin = soc2Bank({ dir });
		const emitted: { type: string; name?: string; fileName?: string; source: string }[] = [];
		const ctx = {
			...{ addWatchFile() {}, warn() {} },
			error(m: string): never {
				throw new Error(m);
			},
			emitFile(f: { type: string; name?: string; fileName?: string; source: string }) {
				emitted.push(f);
				return `ref${emitted.length}`;
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
	}

	it("emits the bank as two JSON files of the client build that join into the compiled bank, and exports the first one's URL (null outside a build)", () => {
		const built = loadUrlModule('build');
		expect(built.emitted).toHaveLength(2);
		const [rest, first] = built.emitted as [
			(typeof built.emitted)[number],
			(typeof built.emitted)[number]
		];
		// The first file is the one the app knows (named and hashed by Rollup); it names the rest.
		expect(built.code).toBe('export default import.meta.ROLLUP_FILE_URL_ref2;\n');
		expect(first).toMatchObject({ type: 'asset', name: 'soc2-bank.json' });
		const firstFile = JSON.parse(first.source) as BankCoreFile;
		expect(rest.type).toBe('asset');
		expect(rest.fileName).toBe(`_app/immutable/assets/${firstFile.rest}`);
		expect(firstFile.rest).toMatch(/^soc2-bank-rest\.[0-9a-f]{12}\.json$/);
		const whole = loadBankFromDisk();
		expect(joinBank(firstFile.bank, JSON.parse(rest.source) as BankRest)).toEqual(whole);
		// What the interview does not read is in the second file only.
		expect(first.source).not.toContain('"remediation"');
		expect(first.source).not.toContain('"pointsOfFocus"');
		expect(first.source).not.toContain('"evidenceRequests"');
		expect(first.source.length).toBeLessThan(JSON.stringify(whole).length * 0.75);
		const dev = loadUrlModule('serve');
		expect(dev.code).toBe('export default null;\n');
		expect(dev.emitted).toHaveLength(0);
	});

	it('content-hashes both files: the rest by its name, the first file by content that names the rest', () => {
		tmp = mkdtempSync(join(tmpdir(), 'bank-plugin-'));
		cpSync(QUESTIONS, tmp, { recursive: true });
		const before = loadUrlModule('build', tmp).emitted;
		expect(loadUrlModule('build', tmp).emitted).toEqual(before); // the same bank, the same files
		// Change a remediation template only: the rest gets a new name, so the first file's content
		// (hence Rollup's hash of it, the report cache's key) changes with it.
		const file = join(tmp, 'maturity', 'cc1.yaml');
		const yaml = readFileSync(file, 'utf8');
		const m = /(\n\s+action: )([^\n]+)/.exec(yaml);
		expect(m).not.toBeNull();
		writeFileSync(file, yaml.replace(m![0], `${m![1]}${m![2]} (changed)`));
		const after = loadUrlModule('build', tmp).emitted;
		expect(after[0]!.fileName).not.toBe(before[0]!.fileName);
		expect(after[1]!.source).not.toBe(before[1]!.source);
		const b = (JSON.parse(before[1]!.source) as BankCoreFile).bank;
		const a = (JSON.parse(after[1]!.source) as BankCoreFile).bank;
		expect(a).toEqual(b); // the interview's part itself did not change
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
