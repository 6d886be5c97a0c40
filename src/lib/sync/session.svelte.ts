/**
 * Live sync of one assessment with the team server (Hocuspocus over a WebSocket on this origin).
 *
 * The provider works on a replica of the assessment's document, kept in step with the stored one
 * in both directions through the store's one write path:
 *   - local → server: whenever the assessment's revision changes (a command here or in another
 *     tab), what the stored document has that the replica lacks is applied to the replica
 *     (`stateSince`); the provider sends exactly that.
 *   - server → local: updates the provider applies to the replica are stored like a merge
 *     (`applyRemoteUpdates`: one transaction, the derived rows updated), so the open screens
 *     refresh as they do for a second tab, and answer history and "later change wins" are the
 *     document's own rules.
 * The replica starts from the stored document, so edits made offline (even before a reload) are
 * sent when the server is reachable again: Yjs's sync handshake sends what the server lacks.
 *
 * "N changes waiting" is derived from storage (`waitingChanges`): when the provider reports that
 * the server holds everything, the seq of the last stored row the replica had is recorded
 * (`acknowledgeSync`); the changes made here after it are waiting, also after a reload.
 *
 * One session per open assessment (`openSession` / `closeSession` below): the root layout holds
 * it while any page of that assessment is open (interview, presenter, results, export), so a
 * change made on the results page goes out live, other members' changes reach every open page,
 * and moving between those pages keeps the connection.
 *
 * Loaded only when this device has a team server configured (see ./config.ts).
 */
import { liveQuery, type Subscription } from 'dexie';
import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { SvelteMap } from 'svelte/reactivity';
import * as Y from 'yjs';
import { getRevision } from '$lib/db';
import { acknowledgeSync, applyRemoteUpdates, stateSince, waitingChanges } from '$lib/db/doc-store';

export type TeamStatus = 'connecting' | 'synced' | 'syncing' | 'offline' | 'refused';

const FROM_STORE = 'store';

/** The team server's sync endpoint on this origin. */
export function syncUrl(loc: Location = location): string {
	return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/sync`;
}

export class TeamSync {
	status = $state<TeamStatus>('connecting');
	/** Changes made on this device that the server has not acknowledged (from storage). */
	waiting = $state(0);
	/** Names of the other members in this assessment now. */
	others = $state.raw<string[]>([]);
	/** Why the server refused, or why a change from it could not be stored. */
	problem = $state<string | null>(null);

	#replica = new Y.Doc();
	#provider: HocuspocusProvider | null = null;
	#sub: Subscription | null = null;
	#waitingSub: Subscription | null = null;
	/** The last stored row the replica holds, and the last one recorded as acknowledged. */
	#pulledSeq = -1;
	#ackedSeq = -1;
	#pulling: Promise<void> = Promise.resolve();
	#storing: Promise<void> = Promise.resolve();
	#incoming: Uint8Array[] = [];
	#destroyed = false;
	#onOnline = () => this.#provider?.configuration.websocketProvider.connect();
	#onOffline = () => {
		// The browser knows it is offline: do not wait for the socket's own timeout.
		void this.#provider?.configuration.websocketProvider.disconnect();
		this.#refresh();
	};

	constructor(
		readonly id: string,
		readonly doc: string,
		readonly token: string,
		readonly name: string,
		/** The sync endpoint (default: /sync on this page's origin). */
		readonly url: string = syncUrl()
	) {}

	async start(): Promise<void> {
		const s = await stateSince(this.id);
		if (!s || this.#destroyed) return;
		Y.applyUpdate(this.#replica, s.update, FROM_STORE);
		this.#pulledSeq = s.seq;
		this.#waitingSub = liveQuery(() => waitingChanges(this.id, this.doc)).subscribe({
			next: (n) => {
				if (!this.#destroyed) this.waiting = n;
			},
			error: () => undefined
		});
		this.#replica.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === FROM_STORE) return;
			this.#incoming.push(update);
			this.#store();
		});
		const provider = new HocuspocusProvider({
			url: this.url,
			name: this.doc,
			token: this.token,
			document: this.#replica,
			onStatus: () => this.#refresh(),
			onSynced: () => this.#refresh(),
			onUnsyncedChanges: () => this.#refresh(),
			onAuthenticated: () => {
				this.problem = null;
				this.#refresh();
			},
			onClose: ({ event }) => {
				// The server ends access on an open connection (membership removed, sharing
				// narrowed or stopped) with this reason; the provider would not try again.
				if (event.reason === 'Forbidden') {
					this.problem =
						'The team server ended sharing of this assessment with you (membership removed or sharing stopped). Your copy on this device is kept.';
					this.status = 'refused';
				} else this.#refresh();
			},
			onAuthenticationFailed: ({ reason }) => {
				this.problem = `The team server refused this assessment: ${reason}`;
				this.status = 'refused';
			},
			onAwarenessChange: ({ states }) => {
				const me = this.#replica.clientID;
				const names = states
					.filter((st) => st.clientId !== me)
					.map((st) => (st.user as { name?: unknown } | undefined)?.name)
					.filter((n): n is string => typeof n === 'string' && n !== '');
				this.others = names
					.filter((n, i) => names.indexOf(n) === i)
					.sort((a, b) => a.localeCompare(b));
			}
		});
		this.#provider = provider;
		provider.setAwarenessField('user', { name: this.name });
		addEventListener('online', this.#onOnline);
		addEventListener('offline', this.#onOffline);
		if (!navigator.onLine) this.#onOffline();
		this.#sub = liveQuery(() => getRevision(this.id)).subscribe({
			next: () => this.#pull(),
			error: () => undefined
		});
	}

	/** Bring the replica up to date with the stored document (commands here or in other tabs). */
	#pull(): void {
		this.#pulling = this.#pulling
			.then(async () => {
				if (this.#destroyed) return;
				const s = await stateSince(this.id, Y.encodeStateVector(this.#replica));
				if (!s || this.#destroyed) return;
				// The seq moves with the update, in one step: "synced" then covers this row.
				Y.applyUpdate(this.#replica, s.update, FROM_STORE);
				this.#pulledSeq = Math.max(this.#pulledSeq, s.seq);
				this.#refresh();
			})
			.catch(() => undefined);
	}

	/** Store what came from the server, in order, one transaction per batch. */
	#store(): void {
		this.#storing = this.#storing.then(async () => {
			if (this.#destroyed || !this.#incoming.length) return;
			const batch = this.#incoming;
			this.#incoming = [];
			try {
				await applyRemoteUpdates(this.id, batch);
				if (this.problem?.startsWith('A change')) this.problem = null;
			} catch (e) {
				// Kept for the next attempt: nothing from the server is dropped.
				this.#incoming = [...batch, ...this.#incoming];
				this.problem = `A change from the team server could not be stored yet (${
					e instanceof Error ? e.message : String(e)
				}); it is tried again with the next change.`;
			}
		});
	}

	#refresh(): void {
		const p = this.#provider;
		if (!p || this.status === 'refused') return;
		const ws = p.configuration.websocketProvider.status;
		if (ws !== WebSocketStatus.Connected || !navigator.onLine) this.status = 'offline';
		else if (!p.isSynced || p.hasUnsyncedChanges) this.status = 'syncing';
		else {
			this.status = 'synced';
			this.#acknowledge();
		}
	}

	/** The server holds everything the replica has: record it (what "waiting" counts from). */
	#acknowledge(): void {
		const seq = this.#pulledSeq;
		if (seq <= this.#ackedSeq || this.#destroyed) return;
		this.#ackedSeq = seq;
		acknowledgeSync(this.id, this.doc, seq).catch(() => {
			// Not recorded: the next "synced" tries again.
			if (this.#ackedSeq === seq) this.#ackedSeq = -1;
		});
	}

	/** Resolves once everything stored here is on the server (tests, "Stop sharing"). */
	get settled(): Promise<void> {
		return Promise.all([this.#pulling, this.#storing]).then(() => undefined);
	}

	destroy(): void {
		this.#destroyed = true;
		this.#sub?.unsubscribe();
		this.#waitingSub?.unsubscribe();
		removeEventListener('online', this.#onOnline);
		removeEventListener('offline', this.#onOffline);
		const p = this.#provider;
		if (p) {
			p.configuration.websocketProvider.destroy();
			p.destroy();
		}
		this.#replica.destroy();
	}
}

/** The open assessments' sessions, by assessment id (reactive: panels show what is here). */
export const sessions = new SvelteMap<string, TeamSync>();

/**
 * The session of an open assessment: the one already running for this id and document, or a
 * new one (any other session of this id is ended first).
 */
export function openSession(id: string, doc: string, token: string, name: string): TeamSync {
	const running = sessions.get(id);
	if (running && running.doc === doc && running.token === token) return running;
	running?.destroy();
	const s = new TeamSync(id, doc, token, name);
	sessions.set(id, s);
	void s.start();
	return s;
}

/** End the session of an assessment (its pages were left, or sharing stopped). */
export function closeSession(id: string): void {
	const s = sessions.get(id);
	if (!s) return;
	sessions.delete(id);
	s.destroy();
}

/**
 * Fetch a document shared with this member from the server, once, as a Yjs state (to store it
 * on this device as a new assessment).
 */
export function fetchShared(doc: string, token: string, timeoutMs = 20_000): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const replica = new Y.Doc();
		let provider: HocuspocusProvider | null = null;
		const done = (fn: () => void) => {
			clearTimeout(timer);
			provider?.configuration.websocketProvider.destroy();
			provider?.destroy();
			fn();
		};
		const timer = setTimeout(
			() => done(() => reject(new Error('The team server did not answer in time.'))),
			timeoutMs
		);
		provider = new HocuspocusProvider({
			url: syncUrl(),
			name: doc,
			token,
			document: replica,
			onSynced: () => done(() => resolve(Y.encodeStateAsUpdate(replica))),
			onAuthenticationFailed: ({ reason }) =>
				done(() => reject(new Error(`The team server refused: ${reason}`)))
		});
	});
}
