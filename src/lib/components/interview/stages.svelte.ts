/**
 * The interview's stage components (everything but the question card), loaded on demand: a
 * workshop resumes at a question far more often than at a stage, and the stages bring the report
 * engine (the results preview, the subservice organisations' gap list) and the vendor editor.
 * They are fetched when first shown, or all at once after the user's first interaction with the
 * screen (prefetch), so moving to a stage later is instant; the service worker precaches them
 * for offline use.
 */
import type { stageLoaders } from './stage-loaders';

/** The loaders' module (a tiny chunk), requested once; see stage-loaders.ts for why. */
let loadersModule: Promise<typeof import('./stage-loaders')> | null = null;
function loaders(): Promise<typeof stageLoaders> {
	loadersModule ??= import('./stage-loaders').catch((e: unknown) => {
		loadersModule = null; // a later attempt may succeed
		throw e;
	});
	return loadersModule.then((m) => m.stageLoaders);
}

type Loaders = typeof stageLoaders;

/** How long after the first interaction the other stages are fetched. */
const PREFETCH_DELAY_MS = 500;
export type StageKey = keyof Loaders;
export type StageComponent<K extends StageKey> = Awaited<ReturnType<Loaders[K]>>;
type Loaded = { [K in StageKey]?: StageComponent<K> };

const STAGE_KEYS: StageKey[] = [
	'start',
	'profile',
	'subservices',
	'tsc',
	'cuecs',
	'review',
	'results'
];

export class LazyStages {
	/**
	 * Requests the loaders' module (it is small) without loading a stage: called once the first
	 * question is on screen, so that a stage shown later waits one request less. A stage shown
	 * first requests it itself (`get`).
	 */
	warm(): void {
		void loaders().catch(() => {});
	}

	#loaded = $state.raw<Loaded>({});
	// Bookkeeping only (never rendered): a plain Map.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pending = new Map<StageKey, Promise<unknown>>();
	/** Set when a stage could not be loaded (e.g. offline before the app was stored). */
	failed = $state<string | null>(null);

	/** The component when it is loaded; otherwise starts loading it (the caller re-renders). */
	get<K extends StageKey>(key: K): StageComponent<K> | undefined {
		const c = this.#loaded[key] as StageComponent<K> | undefined;
		if (!c) void this.load(key);
		return c;
	}

	load(key: StageKey): Promise<unknown> {
		let p = this.#pending.get(key);
		if (!p) {
			p = loaders()
				.then((l) => l[key]())
				.then(
					(c) => {
						this.#loaded = { ...this.#loaded, [key]: c };
						if (this.failed) this.failed = null;
					},
					() => {
						this.#pending.delete(key); // a later attempt may succeed
						this.failed =
							'This part of the interview could not be loaded. Check the connection and reload the page; your answers are saved.';
					}
				);
			this.#pending.set(key, p);
		}
		return p;
	}

	#prefetching = false;

	/**
	 * Load every stage (after the first interaction): later moves then render at once. A moment
	 * later, so that the chunks arriving do not compete with what that interaction does (the
	 * visit's first answer and its save).
	 */
	prefetch(): void {
		if (this.#prefetching) return;
		this.#prefetching = true;
		setTimeout(() => {
			for (const k of STAGE_KEYS) void this.load(k);
		}, PREFETCH_DELAY_MS);
	}
}
