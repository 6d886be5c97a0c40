/**
 * Vite plugin: bundles the question bank into the app as the virtual module `virtual:soc2-bank`.
 *
 * At build (and dev/test) time it reads questions/**\/*.yaml, runs compileBank and emits the
 * compiled bank as JSON, so the app never fetches it. Any invalid file fails the build with the
 * list of problems. The app imports the module only through `loadBank()` (a dynamic import),
 * which keeps the bank out of the start page's initial JavaScript.
 *
 * SOC2_BANK_PARTIAL=1 skips the "every criterion is covered" check, for development while the
 * bank is being written only; releases and tests never set it.
 */
import { resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { checkBankOnDisk, resolveBankDir } from '../scripts/lib/bank-node.ts';

export const BANK_MODULE_ID = 'virtual:soc2-bank';
const RESOLVED_ID = '\0' + BANK_MODULE_ID;

export function soc2Bank(options: { dir?: string } = {}): Plugin {
	const dir = options.dir ?? 'questions';
	let bankRoot = '';
	return {
		name: 'soc2-bank',
		configResolved(config) {
			bankRoot = options.dir ? resolveBankDir(options.dir) : resolve(config.root, dir);
		},
		resolveId(id) {
			if (id === BANK_MODULE_ID) return RESOLVED_ID;
			return null;
		},
		load(id) {
			if (id !== RESOLVED_ID) return null;
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
			const json = JSON.stringify(result.bank);
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
