// The sync client against a real team server (started here as its own process on a free
// loopback port, SQLite in a temp folder): an answer saved on this device reaches another
// member, and another member's answer is stored through the one write path (the derived answer
// rows and the list index updated, the revision bumped as for a second tab).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { createAssessment, getAssessment, getRevision, saveAnswer } from '$lib/db';
import { stateSince } from '$lib/db/doc-store';
import { applyAnswer, docToAssessment } from '$lib/doc';
import type { MaturityAnswer, MaturityValue } from '$lib/domain/types';
import { TeamSync, closeSession, openSession, sessions } from './session.svelte';

// The Node build of `ws` (this project's resolve conditions would give its browser stub).
const WebSocket = createRequire(import.meta.url)(
	path.resolve('node_modules/ws/index.js')
) as typeof globalThis.WebSocket;

let child: ChildProcess;
let dir: string;
let port: number;
const tokens: Record<string, string> = {};

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const p = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(p));
		});
	});
}

beforeAll(async () => {
	// jsdom's WebSocket (undici's, with jsdom's events) cannot run here; the browser's is what the
	// app uses, `ws` stands in for it.
	vi.stubGlobal('WebSocket', WebSocket);
	dir = mkdtempSync(path.join(tmpdir(), 'team-client-'));
	const db = path.join(dir, 'team.sqlite');
	for (const name of ['Ada', 'Bo']) {
		const out = execFileSync(
			process.execPath,
			['server/team-server.js', '--db', db, 'member', 'add', name],
			{
				encoding: 'utf8'
			}
		);
		tokens[name] = /token: ([A-Za-z0-9_-]{43})/.exec(out)![1]!;
	}
	port = await freePort();
	child = spawn(process.execPath, ['server/team-server.js', '--db', db, '--port', String(port)], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	await new Promise<void>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (d) => {
			out += d;
			if (out.includes('Team server at')) resolve();
		});
		child.once('exit', (c) => reject(new Error(`team server exited ${c}`)));
	});
});

afterAll(async () => {
	if (child && child.exitCode === null)
		await new Promise((r) => {
			child.once('exit', r);
			child.kill('SIGTERM');
		});
	rmSync(dir, { recursive: true, force: true });
});

const answer = (value: MaturityValue, at: string): MaturityAnswer => ({
	value,
	evidence: [],
	updatedAt: at
});

describe('TeamSync', () => {
	it('sends local answers and stores the other member’s through the write path', async () => {
		const a = await createAssessment({
			organisation: 'Acme',
			assessor: 'Ada',
			assessmentDate: '2026-03-02',
			targetReportDate: null
		});
		const { lineage } = (await stateSince(a.id))!;
		const res = await fetch(`http://127.0.0.1:${port}/api/team/shares/${lineage}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${tokens.Ada}`, 'content-type': 'application/json' },
			body: JSON.stringify({ mode: 'team', title: 'Acme' })
		});
		expect(res.status).toBe(201);

		const sync = new TeamSync(a.id, lineage, tokens.Ada!, 'Ada', `ws://127.0.0.1:${port}/sync`);
		await sync.start();
		await vi.waitFor(() => expect(sync.status).toBe('synced'), { timeout: 20_000 });

		// Bo, on another device, holds a replica of the same document.
		const boDoc = new Y.Doc();
		const bo = new HocuspocusProvider({
			url: `ws://127.0.0.1:${port}/sync`,
			name: lineage,
			token: tokens.Bo!,
			document: boDoc,
			WebSocketPolyfill: WebSocket
		} as ConstructorParameters<typeof HocuspocusProvider>[0]);
		try {
			await vi.waitFor(() => expect(bo.isSynced).toBe(true), { timeout: 20_000 });
			const device = { interview: null, lastExportedAt: null };
			expect(docToAssessment(boDoc, device).meta.organisation).toBe('Acme');
			await vi.waitFor(() => expect(sync.others).toEqual(['Bo']), { timeout: 20_000 });

			// Ada answers here: Bo gets it.
			await saveAnswer(a.id, 'cc6-mfa', answer(2, '2026-03-02T10:00:00.000Z'));
			await vi.waitFor(
				() => expect(docToAssessment(boDoc, device).answers['cc6-mfa']?.value).toBe(2),
				{ timeout: 20_000 }
			);

			// Bo answers another question: stored here as the derived rows.
			const before = (await getRevision(a.id))!;
			applyAnswer(
				boDoc,
				{ at: '2026-03-02T10:01:00.000Z', by: 'Bo', now: '2026-03-02T10:01:00.000Z' },
				'cc6-secrets',
				null,
				answer(4, '2026-03-02T10:01:00.000Z')
			);
			await vi.waitFor(
				async () => expect((await getAssessment(a.id))?.answers['cc6-secrets']?.value).toBe(4),
				{ timeout: 20_000 }
			);
			expect((await getRevision(a.id))!).toBeGreaterThan(before);
			// Both agree, and Ada's own answer is still there.
			const here = (await getAssessment(a.id))!;
			expect(here.answers['cc6-mfa']?.value).toBe(2);
			await vi.waitFor(() => expect(sync.status).toBe('synced'), { timeout: 20_000 });
		} finally {
			bo.configuration.websocketProvider.destroy();
			bo.destroy();
			sync.destroy();
		}
	});

	it('counts the changes waiting from storage: across a reload, and 0 once the server has them', async () => {
		const a = await createAssessment({
			organisation: 'Globex',
			assessor: 'Ada',
			assessmentDate: '2026-03-02',
			targetReportDate: null
		});
		const { lineage } = (await stateSince(a.id))!;
		const res = await fetch(`http://127.0.0.1:${port}/api/team/shares/${lineage}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${tokens.Ada}`, 'content-type': 'application/json' },
			body: JSON.stringify({ mode: 'team', title: 'Globex' })
		});
		expect(res.status).toBe(201);
		const url = `ws://127.0.0.1:${port}/sync`;
		// A port nobody listens on: this device is offline from the team server.
		const nowhere = `ws://127.0.0.1:${await freePort()}/sync`;

		const first = new TeamSync(a.id, lineage, tokens.Ada!, 'Ada', url);
		await first.start();
		await vi.waitFor(() => expect(first.status).toBe('synced'), { timeout: 20_000 });
		await vi.waitFor(() => expect(first.waiting).toBe(0), { timeout: 20_000 });
		first.destroy();

		// Offline: two changes wait.
		const offline = new TeamSync(a.id, lineage, tokens.Ada!, 'Ada', nowhere);
		await offline.start();
		await saveAnswer(a.id, 'cc6-mfa', answer(3, '2026-03-02T11:00:00.000Z'));
		await saveAnswer(a.id, 'cc6-secrets', answer(2, '2026-03-02T11:01:00.000Z'));
		await vi.waitFor(() => expect(offline.waiting).toBe(2), { timeout: 20_000 });
		expect(offline.status).toBe('offline');
		offline.destroy();

		// The page is loaded again, still offline: the count is what is stored.
		const reloaded = new TeamSync(a.id, lineage, tokens.Ada!, 'Ada', nowhere);
		await reloaded.start();
		await vi.waitFor(() => expect(reloaded.waiting).toBe(2), { timeout: 20_000 });
		reloaded.destroy();

		// Online again: both changes reach the server and nothing waits.
		const back = new TeamSync(a.id, lineage, tokens.Ada!, 'Ada', url);
		await back.start();
		await vi.waitFor(() => expect(back.status).toBe('synced'), { timeout: 20_000 });
		await vi.waitFor(() => expect(back.waiting).toBe(0), { timeout: 20_000 });
		back.destroy();
		const boDoc = new Y.Doc();
		const bo = new HocuspocusProvider({
			url,
			name: lineage,
			token: tokens.Bo!,
			document: boDoc,
			WebSocketPolyfill: WebSocket
		} as ConstructorParameters<typeof HocuspocusProvider>[0]);
		try {
			await vi.waitFor(() => expect(bo.isSynced).toBe(true), { timeout: 20_000 });
			const got = docToAssessment(boDoc, { interview: null, lastExportedAt: null });
			expect(got.answers['cc6-mfa']?.value).toBe(3);
			expect(got.answers['cc6-secrets']?.value).toBe(2);
		} finally {
			bo.configuration.websocketProvider.destroy();
			bo.destroy();
		}
	});

	it('keeps one session per open assessment: pages attach to it, leaving closes it', async () => {
		const a = await createAssessment({
			organisation: 'Initech',
			assessor: 'Ada',
			assessmentDate: '2026-03-02',
			targetReportDate: null
		});
		const { lineage } = (await stateSince(a.id))!;
		const first = openSession(a.id, lineage, tokens.Ada!, 'Ada');
		try {
			// Another page of the same assessment gets the same session (no second connection).
			expect(openSession(a.id, lineage, tokens.Ada!, 'Ada')).toBe(first);
			expect(sessions.get(a.id)).toBe(first);
			// Another invitation on this device: a new session replaces the old one.
			const other = openSession(a.id, lineage, tokens.Bo!, 'Bo');
			expect(other).not.toBe(first);
			expect(sessions.get(a.id)).toBe(other);
		} finally {
			closeSession(a.id);
		}
		expect(sessions.has(a.id)).toBe(false);
		closeSession(a.id);
		expect(sessions.size).toBe(0);
	});
});
