// Helpers for the team server tests: a real server on an ephemeral loopback port with its own
// SQLite file, members with real invitation tokens, and real Hocuspocus providers over `ws`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createTeamServer } from './app.js';
import { addMember, openStore } from './store.js';

export type Store = Awaited<ReturnType<typeof openStore>>;
export type Team = Awaited<ReturnType<typeof createTeamServer>>;

export function tempDir(prefix = 'team-'): { dir: string; remove(): void } {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Started {
	team: Team;
	store: Store;
	port: number;
	http: string;
	ws: string;
	stop(): Promise<void>;
}

export async function startTeam(
	options: {
		sqlite?: string;
		postgres?: string;
		port?: number;
		redisUrl?: string;
		nodeName?: string;
		maxMessageBytes?: number;
		rateLimit?: { burst: number; perMinute: number };
		accessCheckMs?: number;
		trustProxy?: boolean;
	} = {}
): Promise<Started> {
	const store = await openStore(
		options.postgres ? { postgres: options.postgres } : { sqlite: options.sqlite ?? ':memory:' }
	);
	const team = await createTeamServer({
		store,
		appRoot: false,
		redisUrl: options.redisUrl,
		nodeName: options.nodeName,
		maxMessageBytes: options.maxMessageBytes,
		rateLimit: options.rateLimit ?? { burst: 1000, perMinute: 10_000 },
		accessCheckMs: options.accessCheckMs ?? 100,
		trustProxy: options.trustProxy,
		debounceMs: 50,
		log: () => {}
	});
	const port = await team.listen(options.port ?? 0, '127.0.0.1');
	let stopped = false;
	return {
		team,
		store,
		port,
		http: `http://127.0.0.1:${port}`,
		ws: `ws://127.0.0.1:${port}/sync`,
		async stop() {
			if (stopped) return;
			stopped = true;
			await team.close();
			await store.close();
		}
	};
}

export async function member(store: Store, name: string) {
	const { member, token } = await addMember(store, name);
	return { ...member, token };
}

export async function api(
	base: string,
	token: string,
	method: string,
	pathname: string,
	body?: unknown
): Promise<{ status: number; json: Record<string, unknown> }> {
	const res = await fetch(base + pathname, {
		method,
		headers: {
			authorization: `Bearer ${token}`,
			...(body === undefined ? {} : { 'content-type': 'application/json' })
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export function share(
	base: string,
	token: string,
	doc: string,
	body: { mode: 'team' | 'members'; members?: string[]; title?: string } = { mode: 'team' }
) {
	return api(base, token, 'PUT', `/api/team/shares/${doc}`, body);
}

export interface Client {
	provider: HocuspocusProvider;
	doc: Y.Doc;
	text: Y.Text;
	failures: string[];
	closes: string[];
	synced(): Promise<void>;
	destroy(): void;
}

/** A provider for `name` with `token` (a new Y.Doc unless one is given). */
export function connect(url: string, name: string, token: string, doc = new Y.Doc()): Client {
	const failures: string[] = [];
	const closes: string[] = [];
	const provider = new HocuspocusProvider({
		url,
		name,
		token,
		document: doc,
		WebSocketPolyfill: WebSocket,
		// Tests reconnect quickly after a server restart.
		delay: 50,
		minDelay: 50,
		maxDelay: 500,
		onAuthenticationFailed: ({ reason }) => failures.push(reason),
		onClose: ({ event }) => closes.push(`${event.code} ${event.reason ?? ''}`.trim())
	} as ConstructorParameters<typeof HocuspocusProvider>[0]);
	return {
		provider,
		doc,
		text: doc.getText('t'),
		failures,
		closes,
		async synced() {
			await vi.waitFor(
				() => {
					if (!provider.isSynced || provider.hasUnsyncedChanges) throw new Error('not synced');
				},
				{ timeout: 20_000, interval: 20 }
			);
		},
		destroy() {
			// A socket still connecting (the server is gone) reports its abort as an error event.
			const socket = (
				provider.configuration.websocketProvider as unknown as { webSocket?: WebSocket }
			).webSocket;
			socket?.on?.('error', () => {});
			provider.configuration.websocketProvider.destroy();
			provider.destroy();
		}
	};
}

export function waitFor<T>(fn: () => T, timeout = 20_000): Promise<T> {
	return vi.waitFor(fn, { timeout, interval: 20 });
}

/** A raw WebSocket to `url`: resolves with the socket once open, or the HTTP status refused. */
export function rawSocket(
	url: string,
	headers?: Record<string, string>
): Promise<{ ws?: WebSocket; status?: number }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.once('open', () => resolve({ ws }));
		ws.once('unexpected-response', (_req, res) => {
			resolve({ status: res.statusCode });
			ws.terminate();
		});
		ws.once('error', (e) => reject(e));
	});
}

/** A document name as the app makes them (a lineage id). */
export function docName(label: string): string {
	return `${label}-${Math.random().toString(36).slice(2, 12)}`;
}
