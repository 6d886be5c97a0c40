/**
 * Dexie's package entry (`import-wrapper.mjs`) re-exports its UMD build, which the bundler can
 * neither tree-shake nor minify as well as an ES module. The app's build resolves `dexie` to
 * Dexie's own modern ES module build instead (same version, same code, ES2018+ like the rest of
 * the bundle). Only the build: tests and dev keep the package entry. Every import of `dexie` in
 * the app resolves to the one module, so there is still exactly one Dexie.
 */
import type { Plugin } from 'vite';

export function dexieEsm(): Plugin {
	return {
		name: 'dexie-esm',
		enforce: 'pre',
		apply: 'build',
		async resolveId(id, importer) {
			if (id !== 'dexie') return null;
			return this.resolve('dexie/dist/modern/dexie.mjs', importer, { skipSelf: true });
		}
	};
}
