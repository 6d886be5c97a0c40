/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Service worker registration (vite-pwa, prompt mode) and the "new version" flow.
 *
 * How an update never loses an answer:
 * 1. A new build is deployed; the browser installs its service worker, which then *waits*
 *    (prompt mode: it does not take over by itself). `needRefresh` becomes true and the
 *    `UpdatePrompt` asks the user.
 * 2. On "Reload", `apply()` first calls `flushPendingWrites()` (src/lib/db/pending.ts): every
 *    editor holding a debounced change writes it, and every IndexedDB write still in flight is
 *    awaited. Only when all of them have committed does it tell the waiting worker to take over.
 *    If a write failed (e.g. storage full) it does not reload and says so.
 * 3. The new worker takes control; every open tab of the app gets `onNeedReload`, flushes its
 *    own pending writes the same way, and reloads — but only when it holds no input that cannot
 *    be saved yet (`holdUnsaved`: a half-filled evidence-pointer form). A tab that does shows the
 *    prompt instead and reloads when its user says so; "Reload" there asks again while the input
 *    is still unfinished, "Reload and discard" does not. The window whose user accepted the update
 *    is asked the same way before anything happens.
 * Answers are committed to IndexedDB the moment they are given, so in practice step 2 waits for
 * at most one transaction.
 */
import { flushPendingWrites, unsavedInput } from '$lib/db/pending';
import { toasts } from './toasts.svelte';

const CHECK_EVERY_MS = 60 * 60 * 1000;

class PwaState {
	/** A new version is installed and waiting for the user's go-ahead. */
	needRefresh = $state(false);
	/** Set while the update is being applied. */
	updating = $state(false);
	/** Why the update could not be applied (writes failed). */
	error = $state<string | null>(null);
	registered = $state(false);
	/** Set when a reload was held back for unfinished input in this window. */
	#held = $state(false);
	/**
	 * While a reload is held back: the unfinished input it waits for, live (it empties as the user
	 * finishes or cancels it, since the editors describe their own state).
	 */
	get unsaved(): string[] {
		return this.#held ? unsavedInput() : [];
	}
	/** The new version already took over (accepted in another window); this one waits for its user. */
	takenOver = $state(false);

	#update: ((reloadPage?: boolean) => Promise<void>) | null = null;
	#started = false;

	/** Register the service worker once (call from the root layout's onMount). */
	async register(): Promise<void> {
		if (this.#started || typeof navigator === 'undefined' || !('serviceWorker' in navigator))
			return;
		this.#started = true;
		const { registerSW } = await import('virtual:pwa-register');
		this.#update = registerSW({
			immediate: true,
			onNeedRefresh: () => {
				this.needRefresh = true;
			},
			onOfflineReady: () => {
				toasts.show({
					message: 'SOC 2 Readiness is ready to work offline on this device.',
					tone: 'success',
					timeout: 4000
				});
			},
			onNeedReload: () => void this.#reloadWhenSafe(),
			onRegisteredSW: (_url, reg) => {
				this.registered = true;
				if (!reg) return;
				// Long workshops: look for a new version now and then while online.
				setInterval(() => {
					if (navigator.onLine && !reg.installing) reg.update().catch(() => undefined);
				}, CHECK_EVERY_MS);
			},
			onRegisterError: () => {
				this.registered = false;
			}
		});
	}

	/**
	 * The user accepted the update: save everything, then let the new version take over. Unfinished
	 * input in this window (that no save can store) stops it first, unless `discard` says to reload
	 * anyway.
	 */
	async apply(discard = false): Promise<void> {
		if (this.updating) return;
		this.updating = true;
		this.error = null;
		const { failures } = await flushPendingWrites();
		if (failures.length > 0) {
			this.updating = false;
			this.error =
				'Some changes could not be saved on this device, so the app did not reload (that would lose them). Fix the problem shown on the page, then try again.';
			return;
		}
		this.#held = !discard && unsavedInput().length > 0;
		if (this.#held) {
			this.updating = false;
			return;
		}
		this.#discard = discard;
		if (this.takenOver) {
			location.reload();
			return;
		}
		await this.#update?.(true);
		// The new worker normally takes over within moments and triggers the reload; if it was
		// already active (another tab accepted first), reload anyway.
		setTimeout(() => void this.#reloadWhenSafe(), 4000);
	}

	dismiss(): void {
		this.needRefresh = false;
		this.error = null;
		this.#held = false;
	}

	/** The user of this window chose to reload and lose its unfinished input. */
	#discard = false;

	/** The new version took control (accepted here or in another window). */
	async #reloadWhenSafe(): Promise<void> {
		const { failures } = await flushPendingWrites();
		if (failures.length > 0) {
			this.needRefresh = true;
			this.takenOver = true;
			this.updating = false;
			this.error =
				'A new version took over, but some changes here could not be saved yet. Resolve that first, then reload.';
			return;
		}
		const held = this.#discard ? [] : unsavedInput();
		if (held.length > 0) {
			// Never reload over input the user is still typing: ask in this window.
			this.#held = true;
			this.takenOver = true;
			this.needRefresh = true;
			this.updating = false;
			return;
		}
		location.reload();
	}
}

export const pwa = new PwaState();
