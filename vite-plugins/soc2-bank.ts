/**
 * Vite plugin: bundles the question bank into the app as the virtual module `virtual:soc2-bank`.
 *
 * At build (and dev/test) time it reads questions/**\/*.yaml, runs compileBank and emits the
 * compiled bank as JSON. Any invalid file fails the build with the list of problems.
 *
 * Two modules: `virtual:soc2-bank` is the bank itself as a module (`JSON.parse` of a string
 * literal), used in development, in tests and by the server build; `virtual:soc2-bank-url` is the
 * URL of the bank as JSON emitted into the client build (`_app/immutable/assets/`, hashed,
 * precached by the service worker), which the built app fetches as data: parsing JSON is cheaper
 * than parsing the same data as JavaScript, and it is not part of any page's JavaScript. Outside a
 * build the URL module exports `null`. The app reaches both only through `loadBank()` and
 * `loadBankCore()`.
 *
 * The JSON is two files (issue 19, sixth pass; `src/lib/bank/split.ts`): `soc2-bank.<hash>.json`,
 * the URL above, holds what the interview reads and the name of `soc2-bank-rest.<hash>.json`,
 * which holds the questions' remediation templates, the points of focus and the evidence request
 * list. The first file names the second, so its hash changes whenever either part does: its URL
 * identifies the whole bank (the report cache's key, `src/lib/report/model-cache.ts`).
 *
 * SOC2_BANK_PARTIAL=1 skips the "every criterion is covered" check, for development while the
 * bank is being written only; releases and tests never set it.
 */
import { createHash } from 'node:crypto';
import { resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import type { Bank } from '../src/lib/domain/types.ts';
import { checkBankOnDisk, resolveBankDir } from '../scripts/lib/bank-node.ts';
import { splitBank, type BankCoreFile } from '../src/lib/bank/split.ts';

/**
 * Where the client build puts its assets (SvelteKit's `_app/immutable/assets/`, as the first
 * file's name from Rollup shows); the second file is named here so that the first can hold its
 * name, so it needs the folder spelled out.
 */
const ASSETS_DIR = '_app/immutable/assets/';

export const BANK_MODULE_ID = 'virtual:soc2-bank';
export const BANK_URL_MODULE_ID = 'virtual:soc2-bank-url';
const RESOLVED_ID = '\0' + BANK_MODULE_ID;
const RESOLVED_URL_ID = '\0' + BANK_URL_MODULE_ID;

interface PluginContextLike {
	addWatchFile(path: string): void;
	warn(message: string): void;
	error(message: string): never;
}

export function soc2Bank(
	options: {
		dir?: string;
		/**
		 * For worker bundles (the report-model worker): do not emit a copy of the JSON file; the
		 * URL module exports null and the page sends the worker the URL of the app's own file.
		 */
		urlFromPage?: boolean;
	} = {}
): Plugin {
	const dir = options.dir ?? 'questions';
	let bankRoot = '';
	let building = false;
	/** Compile and check the bank; fails the build with every problem. */
	function compiled(this: PluginContextLike): Bank {
		const partial = process.env.SOC2_BANK_PARTIAL === '1';
		const result = checkBankOnDisk(bankRoot || dir, { requireCoverage: !partial });
		for (const p of result.paths) this.addWatchFile(p);
		if (!result.bank) {
			// Missing questions also leave points of focus pointing at unknown question ids.
			const coverageOnly =
				result.errors.some((e) => /not covered by any maturity question/.test(e)) &&
				result.errors.every((e) =>
					/not covered by any maturity question|coveredBy refers to unknown question|evidence-requests\.yaml: request [a-z0-9-]+: unknown question/.test(
						e
					)
				);
			this.error(
				`The question bank in ${dir}/ is invalid (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}):\n` +
					result.errors.map((e) => `  - ${e}`).join('\n') +
					(coverageOnly
						? '\n(While the bank is still being written you may set SOC2_BANK_PARTIAL=1 for a development build; never for a release.)'
						: '')
			);
		}
		if (partial) {
			this.warn('SOC2_BANK_PARTIAL=1: criterion coverage NOT enforced. Do not ship this build.');
		}
		return result.bank;
	}
	return {
		name: 'soc2-bank',
		configResolved(config) {
			bankRoot = options.dir ? resolveBankDir(options.dir) : resolve(config.root, dir);
			building = config.command === 'build';
		},
		resolveId(id) {
			if (id === BANK_MODULE_ID) return RESOLVED_ID;
			if (id === BANK_URL_MODULE_ID) return RESOLVED_URL_ID;
			return null;
		},
		load(id) {
			if (id === RESOLVED_URL_ID) {
				if (!building || options.urlFromPage) return 'export default null;\n';
				const { core, rest } = splitBank(compiled.call(this));
				const restJson = JSON.stringify(rest);
				const restName = `soc2-bank-rest.${createHash('sha256').update(restJson).digest('hex').slice(0, 12)}.json`;
				this.emitFile({ type: 'asset', fileName: ASSETS_DIR + restName, source: restJson });
				const first: BankCoreFile = { rest: restName, bank: core };
				const ref = this.emitFile({
					type: 'asset',
					name: 'soc2-bank.json',
					source: JSON.stringify(first)
				});
				return `export default import.meta.ROLLUP_FILE_URL_${ref};\n`;
			}
			if (id !== RESOLVED_ID) return null;
			const json = JSON.stringify(compiled.call(this));
			// JSON.parse of a string literal: fast to parse, CSP-safe (no eval).
			return `export default JSON.parse(${JSON.stringify(json)});\n`;
		},
		configureServer(server: ViteDevServer) {
			server.watcher.add(bankRoot);
			const onChange = (file: string) => {
				if (!file.startsWith(bankRoot + sep) || !/\.ya?ml$/i.test(file)) return;
				const mod = server.moduleGraph.getModuleById(RESOLVED_ID);
				if (mod) server.moduleGraph.invalidateModule(mod);
				server.ws.send({ type: 'full-reload' });
			};
			server.watcher.on('add', onChange);
			server.watcher.on('change', onChange);
			server.watcher.on('unlink', onChange);
		}
	};
}
