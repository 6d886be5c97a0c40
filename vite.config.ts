import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { soc2Bank } from './vite-plugins/soc2-bank.ts';
import { jspdfOptionalDeps } from './vite-plugins/jspdf-optional.ts';
import { xlsxSyncZip } from './vite-plugins/xlsx-sync-zip.ts';
import { bundleStats } from './vite-plugins/bundle-stats.ts';
import { dexieEsm } from './vite-plugins/dexie-esm.ts';

/**
 * Modules every page loads at start, in two chunks of similar size rather than a dozen small
 * ones: Svelte's runtime; SvelteKit's client with what the root layout imports (its header,
 * toasts and update prompt, the on-demand database loader, the drafts list, the first-content
 * hold) and the bundler's preload helper. Every page loads all of them, so grouping them costs
 * no page a byte; two chunks rather than one download side by side.
 */
const SVELTE_RUNTIME = /[\\/]node_modules[\\/](svelte|esm-env|clsx)[\\/]/;
const KIT_AND_LAYOUT = [
	/[\\/]node_modules[\\/](@sveltejs[\\/]kit|devalue)[\\/]/,
	/[\\/]src[\\/]lib[\\/]components[\\/]app[\\/](AppHeader\.svelte|Toasts\.svelte|ToastItem\.svelte|UpdatePrompt\.svelte|Icon\.svelte|toasts\.svelte\.ts|pwa\.svelte\.ts|first-content\.ts)$/,
	/[\\/]src[\\/]lib[\\/]db[\\/](on-demand|drafts|pending)\.ts$/,
	/^\0vite[\\/]preload-helper/
];
const startChunks = [
	{ name: 'svelte', test: SVELTE_RUNTIME },
	{ name: 'framework', test: (id: string) => KIT_AND_LAYOUT.some((re) => re.test(id)) }
];

export default defineConfig({
	plugins: [
		soc2Bank(),
		jspdfOptionalDeps(),
		xlsxSyncZip(),
		dexieEsm(),
		// On demand: BUNDLE_STATS=1 npx vite build (see bench/bundle-analysis.ts).
		...(process.env.BUNDLE_STATS ? [bundleStats()] : []),
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			strategies: 'generateSW',
			manifestFilename: 'manifest.webmanifest',
			manifest: {
				id: '/',
				name: 'SOC 2 Readiness',
				short_name: 'SOC 2 Ready',
				description:
					'Offline SOC 2 readiness assessment: guided interview, risk-rated gap report, remediation plan and Type I / Type II recommendation. Nothing leaves your device.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				background_color: '#f7f8fa',
				theme_color: '#1d3a5f',
				categories: ['business', 'productivity'],
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			workbox: {
				globPatterns: [
					'client/**/*.{js,css,html,svg,png,webmanifest,ttf,woff2}',
					// The question bank, fetched as data (vite-plugins/soc2-bank.ts).
					'client/_app/immutable/assets/*.json',
					'prerendered/**/*.html'
				],
				// (The favicon and icons are precached through the glob; jsPDF's optional helpers
				// never reach the build: see jspdfOptionalDeps.)
				maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
				cleanupOutdatedCaches: true
			},
			kit: {
				adapterFallback: '200.html',
				spa: true,
				trailingSlash: 'never'
			},
			devOptions: { enabled: false }
		})
	],
	build: {
		rolldownOptions: {
			output: {
				// Issue 19, fifth pass: what every page loads before it can show anything in one chunk
				// rather than a dozen small ones (each a request: over HTTP/1.1 and a slow mobile link,
				// each a round trip before the first paint). See `startChunks`.
				codeSplitting: { groups: startChunks }
			}
		}
	},
	// The report worker (src/lib/report/pdf.worker.ts) is an ES module worker with its own chunks
	// (jsPDF, the table plugin, the fonts loader, the Office writers), loaded on demand inside the
	// worker. So is the report-model worker (src/lib/report/model.worker.ts: the engine; it fetches
	// the question bank from the URL of the app's own hashed JSON file, which the page sends it,
	// so the worker bundle emits no second copy). Worker bundles do not run the app's plugins:
	// jsPDF's optional helpers are left out here too, and the workbook is zipped synchronously (no
	// blob: worker, which the CSP refuses).
	worker: {
		format: 'es',
		plugins: () => [soc2Bank({ urlFromPage: true }), jspdfOptionalDeps(), xlsxSyncZip()]
	},
	test: {
		expect: { requireAssertions: true },
		// CI runs on 2 shared cores: generous limits keep slow-but-correct tests from flaking.
		testTimeout: 30_000,
		hookTimeout: 30_000,
		projects: [
			{
				extends: './vite.config.ts',
				plugins: [svelteTesting()],
				test: {
					name: 'client',
					environment: 'jsdom',
					clearMocks: true,
					include: [
						'src/**/*.svelte.{test,spec}.{js,ts}',
						'src/**/*.component.{test,spec}.{js,ts}'
					],
					setupFiles: ['./src/vitest-setup-client.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'server',
					environment: 'node',
					include: [
						'src/**/*.{test,spec}.{js,ts}',
						'test/unit/**/*.{test,spec}.{js,ts}',
						'scripts/**/*.{test,spec}.{js,ts}',
						'server/**/*.test.ts',
						'bench/**/*.test.ts'
					],
					exclude: [
						'src/**/*.svelte.{test,spec}.{js,ts}',
						'src/**/*.component.{test,spec}.{js,ts}'
					],
					setupFiles: ['./src/vitest-setup-server.ts']
				}
			}
		]
	}
});
