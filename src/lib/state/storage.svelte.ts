/**
 * Persistent storage and usage (navigator.storage). Browsers may evict a site's IndexedDB under
 * storage pressure unless the site's storage is "persistent"; we ask for it once per session,
 * when there is something worth keeping (an assessment exists or was just created), so that a
 * first-time visitor is not greeted by a permission prompt in browsers that show one.
 */

export type Persistence = 'granted' | 'not-granted' | 'unsupported' | 'unknown';

class StorageState {
	persistence = $state<Persistence>('unknown');
	/** Bytes used by this app (all storage, as the browser reports it), null when unknown. */
	usage = $state<number | null>(null);
	/** Bytes the browser would allow this app, null when unknown. */
	quota = $state<number | null>(null);

	#asked = false;

	/** Read persistence and usage (cheap; call after writes to keep the numbers fresh). */
	async refresh(): Promise<void> {
		const s = typeof navigator === 'undefined' ? undefined : navigator.storage;
		if (!s?.persisted) {
			this.persistence = 'unsupported';
		} else {
			try {
				this.persistence = (await s.persisted()) ? 'granted' : 'not-granted';
			} catch {
				this.persistence = 'unsupported';
			}
		}
		if (s?.estimate) {
			try {
				const e = await s.estimate();
				this.usage = e.usage ?? null;
				this.quota = e.quota ?? null;
			} catch {
				this.usage = this.quota = null;
			}
		}
	}

	/**
	 * Ask the browser to keep this app's data (navigator.storage.persist()), at most once per
	 * page session and only when it is not persistent already.
	 */
	async requestPersistence(): Promise<Persistence> {
		if (this.#asked) return this.persistence;
		this.#asked = true;
		const s = typeof navigator === 'undefined' ? undefined : navigator.storage;
		if (!s?.persist) {
			this.persistence = 'unsupported';
			return this.persistence;
		}
		try {
			if (!(await s.persisted())) await s.persist();
		} catch {
			// Some browsers throw in private mode; the status below says what we got.
		}
		await this.refresh();
		return this.persistence;
	}

	/** The user asked (a button): always calls persist(), which some browsers answer with a prompt. */
	async askAgain(): Promise<Persistence> {
		this.#asked = true;
		try {
			await navigator.storage?.persist?.();
		} catch {
			// reported by refresh()
		}
		await this.refresh();
		return this.persistence;
	}
}

export const storage = new StorageState();

export function formatStorage(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let v = bytes / 1024;
	let i = 0;
	while (v >= 1024 && i < units.length - 1) {
		v /= 1024;
		i++;
	}
	return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
