// The team server, for real: a Hocuspocus server on an ephemeral loopback port with its own
// SQLite file, real providers over WebSocket, members with real invitation tokens.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { removeMember } from './store.js';
import {
	api,
	connect,
	docName,
	member,
	rawSocket,
	share,
	startTeam,
	tempDir,
	waitFor,
	type Client,
	type Started
} from './test-helpers';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
	while (cleanup.length) await cleanup.pop()!();
});

async function team(options: Parameters<typeof startTeam>[0] = {}): Promise<Started> {
	const tmp = tempDir();
	const s = await startTeam({ sqlite: path.join(tmp.dir, 'team.sqlite'), ...options });
	cleanup.push(tmp.remove, s.stop);
	return s;
}

function client(...args: Parameters<typeof connect>): Client {
	const c = connect(...args);
	cleanup.push(() => c.destroy());
	return c;
}

describe('team server: members and tokens', () => {
	it('lets a member with a valid token sync, and two members see each other’s edits', async () => {
		const s = await team();
		const ada = await member(s.store, 'Ada');
		const bo = await member(s.store, 'Bo');
		const doc = docName('acme');
		expect((await share(s.http, ada.token, doc, { mode: 'team', title: 'Acme' })).status).toBe(201);
		const a = client(s.ws, doc, ada.token);
		const b = client(s.ws, doc, bo.token);
		await a.synced();
		await b.synced();
		a.text.insert(0, 'from Ada ');
		b.doc.getMap('answers').set('cc6-mfa', 3);
		await waitFor(() => expect(b.text.toString()).toBe('from Ada '));
		await waitFor(() => expect(a.doc.getMap('answers').get('cc6-mfa')).toBe(3));
	});

	it('refuses a made-up token and an empty one, and stores only a hash of real ones', async () => {
		const s = await team();
		const ada = await member(s.store, 'Ada');
		const doc = docName('acme');
		await share(s.http, ada.token, doc);
		const bad = client(s.ws, doc, 'x'.repeat(43));
		const empty = client(s.ws, doc, '');
		await waitFor(() => expect(bad.failures.length).toBeGreaterThan(0));
		await waitFor(() => expect(empty.failures.length).toBeGreaterThan(0));
		expect(bad.provider.isSynced).toBe(false);
		const listed = JSON.stringify(await s.store.listMembers());
		expect(listed).not.toContain(ada.token);
		expect((await api(s.http, 'y'.repeat(43), 'GET', '/api/team/me')).status).toBe(401);
	});

	it('refuses a removed member, and closes their open connection', async () => {
		const s = await team();
		const ada = await member(s.store, 'Ada');
		const bo = await member(s.store, 'Bo');
		const doc = docName('acme');
		await share(s.http, ada.token, doc);
		const b = client(s.ws, doc, bo.token);
		await b.synced();
		expect(await removeMember(s.store, 'Bo')).toMatchObject({ id: bo.id });
		// The open connection is closed by the server's access check, without a reconnect.
		await waitFor(() => expect(b.closes.join()).toContain('Forbidden'));
		await waitFor(() => {
			const open = s.team.hocuspocus.documents.get(doc)?.getConnections() ?? [];
			expect(open.map((c) => c.context?.member?.id)).not.toContain(bo.id);
		});
		const again = client(s.ws, doc, bo.token);
		await waitFor(() => expect(again.failures.length).toBeGreaterThan(0));
		expect((await api(s.http, bo.token, 'GET', '/api/team/me')).status).toBe(401);
		// Ada is unaffected.
		const a = client(s.ws, doc, ada.token);
		await a.synced();
	});
});

describe('team server: sharing', () => {
	it('gives a document only to the owner and the members it is shared with', async () => {
		const s = await team();
		const ada = await member(s.store, 'Ada');
		const bo = await member(s.store, 'Bo');
		const cy = await member(s.store, 'Cy');
		const doc = docName('acme');
		const secret = docName('other');
		expect(
			(await share(s.http, ada.token, doc, { mode: 'members', members: [bo.id] })).status
		).toBe(201);
		// Not shared at all: nobody opens it, not even with a valid token.
		const never = client(s.ws, secret, ada.token);
		await waitFor(() => expect(never.failures.length).toBeGreaterThan(0));
		const a = client(s.ws, doc, ada.token);
		a.text.insert(0, 'confidential');
		await a.synced();
		const b = client(s.ws, doc, bo.token);
		await waitFor(() => expect(b.text.toString()).toBe('confidential'));
		const c = client(s.ws, doc, cy.token);
		await waitFor(() => expect(c.failures.length).toBeGreaterThan(0));
		expect(c.text.toString()).toBe('');
		// Cy cannot take the share over or stop it.
		expect((await share(s.http, cy.token, doc, { mode: 'team' })).status).toBe(403);
		expect((await api(s.http, cy.token, 'DELETE', `/api/team/shares/${doc}`)).status).toBe(403);
		expect((await api(s.http, cy.token, 'GET', `/api/team/shares/${doc}`)).status).toBe(404);
		const me = await api(s.http, cy.token, 'GET', '/api/team/me');
		expect(me.json.shares).toEqual([]);
		// The owner opens it to the team: Cy gets it.
		expect((await share(s.http, ada.token, doc, { mode: 'team' })).status).toBe(200);
		const c2 = client(s.ws, doc, cy.token);
		await waitFor(() => expect(c2.text.toString()).toBe('confidential'));
	});

	it('narrowing a share closes the connections of members taken off it', async () => {
		const s = await team();
		const ada = await member(s.store, 'Ada');
		const bo = await member(s.store, 'Bo');
		const doc = docName('acme');
		await share(s.http, ada.token, doc, { mode: 'team' });
		const b = client(s.ws, doc, bo.token);
		await b.synced();
		await share(s.http, ada.token, doc, { mode: 'members', members: [] });
		await waitFor(() => expect(b.closes.join()).toContain('Forbidden'));
	});

	it('stop sharing closes every connection and removes the document from the server', async () => {
		const s = await team();
		const ada = await member(s.store, 'Ada');
		const bo = await member(s.store, 'Bo');
		const doc = docName('acme');
		await share(s.http, ada.token, doc);
		const a = client(s.ws, doc, ada.token);
		a.text.insert(0, 'hello');
		await a.synced();
		const b = client(s.ws, doc, bo.token);
		await waitFor(() => expect(b.text.toString()).toBe('hello'));
		await waitFor(async () => expect(await s.store.fetchDocument(doc)).not.toBeNull());
		expect((await api(s.http, ada.token, 'DELETE', `/api/team/shares/${doc}`)).status).toBe(200);
		await waitFor(() => expect(b.closes.join()).toContain('Forbidden'));
		await waitFor(async () => {
			expect(s.team.hocuspocus.documents.has(doc)).toBe(false);
			expect(await s.store.fetchDocument(doc)).toBeNull();
		});
		expect(await s.store.getShare(doc)).toBeUndefined();
	});

	it('checks share requests: mode, members of the team, document names, body size', async () => {
		const s = await team();
		const ada = await member(s.store, 'Ada');
		const doc = docName('acme');
		const bad = (body: unknown) => api(s.http, ada.token, 'PUT', `/api/team/shares/${doc}`, body);
		expect((await bad({ mode: 'world' })).status).toBe(400);
		expect((await bad({ mode: 'members', members: ['not-a-member'] })).status).toBe(400);
		expect((await bad({ mode: 'members' })).status).toBe(400);
		expect((await api(s.http, ada.token, 'PUT', '/api/team/shares/..%2F..', {})).status).toBe(400);
		expect((await bad({ mode: 'team', title: 'x'.repeat(20_000) })).status).toBe(413);
		expect(await s.store.getShare(doc)).toBeUndefined();
	});
});

describe('team server: hostile input', () => {
	it('closes a connection that sends an oversized message; other documents are untouched', async () => {
		const s = await team({ maxMessageBytes: 64 * 1024 });
		const ada = await member(s.store, 'Ada');
		const doc = docName('acme');
		const other = docName('other');
		await share(s.http, ada.token, doc);
		await share(s.http, ada.token, other);
		const keep = client(s.ws, other, ada.token);
		keep.text.insert(0, 'keep me');
		await keep.synced();
		const big = client(s.ws, doc, ada.token);
		await big.synced();
		big.text.insert(0, 'x'.repeat(200 * 1024));
		// The server drops the socket (1009: message too big) instead of applying the update.
		await waitFor(() => expect(big.closes.join()).toContain('1009'));
		const check = client(s.ws, doc, ada.token);
		await check.synced();
		expect(check.text.length).toBeLessThan(200 * 1024);
		const still = client(s.ws, other, ada.token);
		await waitFor(() => expect(still.text.toString()).toBe('keep me'));
	});

	it('survives malformed messages and a corrupt Yjs update; another document is not corrupted', async () => {
		const s = await team();
		const ada = await member(s.store, 'Ada');
		const doc = docName('acme');
		const other = docName('other');
		await share(s.http, ada.token, doc);
		await share(s.http, ada.token, other);
		const keep = client(s.ws, other, ada.token);
		keep.text.insert(0, 'intact');
		await keep.synced();

		// Raw garbage before any authentication.
		const raw = await rawSocket(s.ws);
		const closed = new Promise((r) => raw.ws!.once('close', r));
		raw.ws!.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02]));
		raw.ws!.send(Buffer.from('not a yjs message at all'));
		raw.ws!.send('text frame');
		await closed;

		// An authenticated client sends a sync update whose payload is not a Yjs update.
		const a = client(s.ws, doc, ada.token);
		await a.synced();
		const enc = encoding.createEncoder();
		encoding.writeVarString(enc, doc);
		encoding.writeVarUint(enc, 0); // Sync
		encoding.writeVarUint(enc, 2); // y-protocols: update
		encoding.writeVarUint8Array(enc, new Uint8Array([1, 200, 3, 255, 255, 255, 9, 9, 9]));
		const socket = (
			a.provider.configuration.websocketProvider as unknown as {
				webSocket: { send(b: Uint8Array): void };
			}
		).webSocket;
		socket.send(encoding.toUint8Array(enc));

		// The server still answers, the other document is as it was.
		const fresh = client(s.ws, other, ada.token);
		await waitFor(() => expect(fresh.text.toString()).toBe('intact'));
		const again = client(s.ws, doc, ada.token);
		again.text.insert(0, 'still works');
		await again.synced();
		const me = await api(s.http, ada.token, 'GET', '/api/team/me');
		expect(me.status).toBe(200);
	});

	it('limits connection attempts per address (429), without affecting the API of others', async () => {
		const s = await team({ rateLimit: { burst: 3, perMinute: 1 } });
		const results: Array<number | 'open'> = [];
		for (let i = 0; i < 5; i++) {
			// A forwarded address is ignored unless the server trusts its proxy.
			const r = await rawSocket(s.ws, { 'x-forwarded-for': `10.0.0.${i}` });
			results.push(r.ws ? 'open' : r.status!);
			r.ws?.terminate();
		}
		expect(results).toEqual(['open', 'open', 'open', 429, 429]);
	});

	it('behind a trusted proxy, limits each forwarded client address on its own', async () => {
		const s = await team({ rateLimit: { burst: 2, perMinute: 1 }, trustProxy: true });
		const from = async (ip: string) => {
			const r = await rawSocket(s.ws, { 'x-forwarded-for': `203.0.113.9, ${ip}` });
			r.ws?.terminate();
			return r.ws ? 'open' : r.status;
		};
		expect([await from('10.0.0.1'), await from('10.0.0.1'), await from('10.0.0.1')]).toEqual([
			'open',
			'open',
			429
		]);
		// Another client behind the same proxy is not affected.
		expect(await from('10.0.0.2')).toBe('open');
	});

	it('answers a rename of the awareness with the name the administrator gave', async () => {
		const s = await team();
		const ada = await member(s.store, 'Ada');
		const bo = await member(s.store, 'Bo');
		const doc = docName('acme');
		await share(s.http, ada.token, doc);
		const a = client(s.ws, doc, ada.token);
		const b = client(s.ws, doc, bo.token);
		await a.synced();
		await b.synced();
		a.provider.setAwarenessField('user', { name: 'The CEO', color: 'red' });
		a.provider.setAwarenessField('secret', 'x');
		await waitFor(() => {
			const names = [...b.provider.awareness!.getStates().entries()]
				.filter(([id]) => id !== b.doc.clientID)
				.map(([, st]) => st);
			expect(names).toContainEqual({ user: { name: 'Ada' } });
		});
	});
});

describe('team server: persistence', () => {
	it('a restart loses nothing (SQLite), and an edit made while it was down arrives after', async () => {
		const tmp = tempDir();
		cleanup.push(tmp.remove);
		const file = path.join(tmp.dir, 'team.sqlite');
		const first = await startTeam({ sqlite: file });
		const ada = await member(first.store, 'Ada');
		const doc = docName('acme');
		await share(first.http, ada.token, doc);
		const a = client(first.ws, doc, ada.token);
		for (let i = 0; i < 20; i++) a.doc.getMap('answers').set(`q${i}`, i);
		a.text.insert(0, 'before restart');
		await a.synced();
		await first.stop();
		// While the server is down, the client keeps working.
		a.doc.getMap('answers').set('offline', 'yes');
		const second = await startTeam({ sqlite: file, port: first.port });
		cleanup.push(second.stop);
		const check = client(second.ws, doc, ada.token);
		await waitFor(() => {
			expect(check.text.toString()).toBe('before restart');
			expect(check.doc.getMap('answers').get('q19')).toBe(19);
			expect(check.doc.getMap('answers').get('offline')).toBe('yes');
		});
		const state = await second.store.fetchDocument(doc);
		const stored = new Y.Doc();
		await second.stop();
		Y.applyUpdate(stored, state!);
		expect(stored.getText('t').toString()).toBe('before restart');
	});
});

describe('team server: command line and the app', () => {
	it('member add prints the invitation once, stores only its hash; remove and list', async () => {
		const { execFileSync } = await import('node:child_process');
		const { readFileSync } = await import('node:fs');
		const tmp = tempDir();
		cleanup.push(tmp.remove);
		const db = path.join(tmp.dir, 'cli.sqlite');
		const run = (...args: string[]) =>
			execFileSync(process.execPath, ['server/team-server.js', '--db', db, ...args], {
				encoding: 'utf8'
			});
		const out = run('member', 'add', 'Ada', 'Lovelace');
		const token = /token: ([A-Za-z0-9_-]{43})/.exec(out)?.[1];
		expect(token).toBeDefined();
		expect(out).toContain(`/team#invite=${token}`);
		expect(readFileSync(db).includes(Buffer.from(token!))).toBe(false);
		expect(run('member', 'list')).toMatch(/active\s+Ada Lovelace/);
		expect(() => run('member', 'add', 'Ada Lovelace')).toThrow(/already a member/);
		expect(run('member', 'remove', 'Ada Lovelace')).toContain('Removed Ada Lovelace');
		expect(run('member', 'list')).toMatch(/removed\s+Ada Lovelace/);
		expect(() => run('member', 'remove', 'Nobody')).toThrow(/No active member/);
	});

	it('serves the built app with the same files and headers as npm run serve', async () => {
		const { writeFileSync, mkdirSync } = await import('node:fs');
		const { openStore } = await import('./store.js');
		const { createTeamServer } = await import('./app.js');
		const tmp = tempDir();
		cleanup.push(tmp.remove);
		writeFileSync(path.join(tmp.dir, '200.html'), '<!doctype html><title>fallback</title>');
		writeFileSync(path.join(tmp.dir, 'index.html'), '<!doctype html><title>start</title>');
		mkdirSync(path.join(tmp.dir, '_app', 'immutable'), { recursive: true });
		writeFileSync(path.join(tmp.dir, '_app', 'immutable', 'a.js'), 'export {}');
		const store = await openStore({ sqlite: ':memory:' });
		const t = await createTeamServer({ store, appRoot: tmp.dir, log: () => {} });
		const port = await t.listen(0);
		cleanup.push(
			() => store.close(),
			() => t.close()
		);
		const base = `http://127.0.0.1:${port}`;
		const index = await fetch(`${base}/`);
		expect(await index.text()).toContain('start');
		expect(index.headers.get('cache-control')).toBe('no-cache');
		const deep = await fetch(`${base}/team`);
		expect(await deep.text()).toContain('fallback');
		const asset = await fetch(`${base}/_app/immutable/a.js`);
		expect(asset.headers.get('cache-control')).toContain('immutable');
		const api = await fetch(`${base}/api/team/me`);
		expect(api.status).toBe(401);
		expect(api.headers.get('cache-control')).toBe('no-store');
	});
});
