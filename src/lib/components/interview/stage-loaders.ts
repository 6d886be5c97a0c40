/**
 * The imports of the interview's stage components, in a module of their own that
 * `stages.svelte.ts` imports on demand.
 *
 * Why a module of its own: SvelteKit writes the stylesheets of every component the page imports
 * dynamically (one level deep) into the page's HTML as render-blocking `<link rel="stylesheet">`
 * (to avoid a flash of unstyled content after server rendering, which this app does not do).
 * Imported from here, two dynamic imports deep, the stages' CSS loads with each stage instead
 * (Vite's preload helper waits for it before the component renders), and the first paint of
 * `/interview` and `/present` waits for no stage's CSS.
 */
export const stageLoaders = {
	start: () => import('./StartStage.svelte').then((m) => m.default),
	profile: () => import('./ProfileStage.svelte').then((m) => m.default),
	subservices: () => import('./SubservicesStage.svelte').then((m) => m.default),
	tsc: () => import('./TscStage.svelte').then((m) => m.default),
	cuecs: () => import('./CuecsStage.svelte').then((m) => m.default),
	review: () => import('./ReviewStage.svelte').then((m) => m.default),
	results: () => import('./ResultsStage.svelte').then((m) => m.default)
};
