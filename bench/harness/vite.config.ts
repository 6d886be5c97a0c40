// Builds the bench-only harness page (bench/harness) into bench-results/work/harness, served under
// /__bench/ next to a copy of the built app. Never part of the app build.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
	root: here('.'),
	base: '/__bench/',
	logLevel: 'warn',
	publicDir: false,
	resolve: { alias: { $lib: here('../../src/lib') } },
	build: {
		outDir: here('../../bench-results/work/harness'),
		emptyOutDir: true,
		minify: false,
		reportCompressedSize: false
	}
});
