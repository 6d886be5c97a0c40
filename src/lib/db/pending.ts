/**
 * Tracks database writes that are still in flight, and editors that hold changes they have not
 * written yet (e.g. a note field that saves after a short pause).
 *
 * Before the app reloads itself (accepting an update, or a new service worker taking control) it
 * calls `flushPendingWrites()`: every registered flush handler is asked to write what it holds,
 * then every write still in flight is awaited. Only after that does the page reload, so an answer
 * the user has given is committed to IndexedDB first. Writes made through `src/lib/db` are tracked
 * automatically; components with debounced input register a handler with `onFlush`.
 *
 * Some input cannot be written at all until the user finishes it (a half-filled "add an evidence
 * pointer" form). Such editors register with `holdUnsaved`; the app never reloads itself over
 * them (an update accepted in another window asks here first, see pwa.svelte.ts).
 */

const inFlight = new Set<Promise<unknown>>();
const handlers = new Set<() => unknown>();
const holders = new Set<() => string | null>();

/** Register a promise for a write; it is forgotten once it settles. Returns the same promise. */
export function trackWrite<T>(p: Promise<T>): Promise<T> {
	inFlight.add(p);
	const forget = () => inFlight.delete(p);
	p.then(forget, forget);
	return p;
}

/**
 * Register a function that writes any change the caller holds but has not saved yet (it may
 * return a promise). Returns a function that unregisters it (call it when the editor unmounts).
 */
export function onFlush(handler: () => unknown): () => void {
	handlers.add(handler);
	return () => handlers.delete(handler);
}

/** Number of writes still in flight (for status displays and tests). */
export function pendingWriteCount(): number {
	return inFlight.size;
}

export interface FlushResult {
	/** Writes (and flush handlers) that failed; empty when everything is stored. */
	failures: unknown[];
}

/**
 * Ask every editor to save what it holds, then wait for every write in flight to settle
 * (including writes started by the handlers). Never rejects: failures are returned so the caller
 * can refuse to reload and tell the user.
 */
export async function flushPendingWrites(): Promise<FlushResult> {
	const failures: unknown[] = [];
	for (const handler of [...handlers]) {
		try {
			await handler();
		} catch (e) {
			failures.push(e);
		}
	}
	// Writes can start while we wait (a handler's save, a last keystroke); loop until quiet.
	for (let round = 0; inFlight.size > 0 && round < 20; round++) {
		const results = await Promise.allSettled([...inFlight]);
		for (const r of results) if (r.status === 'rejected') failures.push(r.reason);
	}
	return { failures };
}

/**
 * Register input that cannot be saved until the user finishes it. `describe` returns what would be
 * lost ("the evidence pointer you are adding …"), or null while there is nothing. Returns a
 * function that unregisters it (call it when the editor unmounts).
 */
export function holdUnsaved(describe: () => string | null): () => void {
	holders.add(describe);
	return () => holders.delete(describe);
}

/** What this window holds that no flush can save: one description per unfinished input. */
export function unsavedInput(): string[] {
	const out: string[] = [];
	for (const describe of holders) {
		try {
			const d = describe();
			if (d) out.push(d);
		} catch {
			/* a broken editor must not block the app */
		}
	}
	return out;
}
