/**
 * Dexie on demand (issue 19): the database module (`index.ts`, with Dexie) is loaded by the first
 * call of `loadDb`, which writes make before their transaction opens. Pages that read their first
 * paint with the light reader (`light.ts`) start following the database live when `whenDbNeeded`
 * says so. Small on purpose: the root layout imports it on every page.
 */
type DbModule = typeof import('./index');

let dbModule: Promise<DbModule> | null = null;
const onLoad = new Set<() => void>();

/**
 * The Dexie database module, loaded on the first call (a module that cannot load, e.g. offline
 * without the precached chunk, rejects; the next call tries again). Writes call this before
 * their transaction opens.
 */
export function loadDb(): Promise<DbModule> {
	if (!dbModule) {
		const loading = import('./index');
		dbModule = loading;
		loading.catch(() => {
			if (dbModule === loading) dbModule = null;
		});
		for (const f of [...onLoad]) f();
	}
	return dbModule;
}

/** Whether the Dexie module has been asked for. */
export function dbRequested(): boolean {
	return dbModule !== null;
}

/**
 * Dexie's own signal that something was stored: a `BroadcastChannel` message from another tab and
 * a window event for another Dexie connection of this page (the names Dexie 4 uses; a unit test
 * checks them against Dexie).
 */
export const STORAGE_MUTATED = 'x-storagemutated-1';

/**
 * Calls `then` once, when the page needs Dexie: when the Dexie module is asked for (a write), or
 * when something is stored elsewhere (another tab, or a Dexie connection of this page). Set it
 * up before the light read, so no change after the read goes unnoticed. Returns a function that
 * stops waiting.
 */
export function whenDbNeeded(then: () => void): () => void {
	let done = false;
	let channel: BroadcastChannel | null = null;
	const fire = () => {
		if (done) return;
		stop();
		then();
	};
	const stop = () => {
		done = true;
		onLoad.delete(fire);
		channel?.close();
		channel = null;
		globalThis.removeEventListener?.(STORAGE_MUTATED, fire);
		globalThis.removeEventListener?.('pageshow', onShow);
	};
	// Back from the back/forward cache: anything may have changed meanwhile.
	const onShow = (e: Event) => {
		if ((e as PageTransitionEvent).persisted) fire();
	};
	if (dbModule) {
		queueMicrotask(fire);
		return stop;
	}
	onLoad.add(fire);
	if (typeof BroadcastChannel !== 'undefined') {
		channel = new BroadcastChannel(STORAGE_MUTATED);
		channel.onmessage = fire;
	}
	globalThis.addEventListener?.(STORAGE_MUTATED, fire);
	globalThis.addEventListener?.('pageshow', onShow);
	return stop;
}

/**
 * Loads Dexie at the page's first interaction (a pointer press or a key), so that the write that
 * usually follows does not wait for it, and the live updates start. A page nobody touches never
 * loads it. A press on a link does not count: it leaves for a page that reads without Dexie too
 * (a card of the start page opening the interview), which loads it when it is touched.
 */
export function loadDbOnInteraction(): void {
	if (typeof addEventListener === 'undefined' || dbModule) return;
	const go = (e: Event) => {
		if (e.target instanceof Element && e.target.closest('a[href]')) return;
		removeEventListener('pointerdown', go, true);
		removeEventListener('keydown', go, true);
		void loadDb().catch(() => undefined);
	};
	addEventListener('pointerdown', go, { capture: true, passive: true });
	addEventListener('keydown', go, { capture: true, passive: true });
}
