#!/usr/bin/env node
// `npm run team-load`: a bounded load test of the team server on loopback. Starts the server as
// its own process (SQLite in a temp folder), adds members, shares documents, connects one real
// Hocuspocus provider per member and has every member make one edit per second.
//   --members 50 --docs 20 --seconds 60
// Prints the convergence time of the edits (from the edit until every other member of that
// document has it: p50, p95, max), the edits that never converged, and the server process's
// memory (resident set, sampled each second: start, peak, end).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addMember, openStore } from './store.js';

const { values } = parseArgs({
	options: {
		members: { type: 'string', default: '50' },
		docs: { type: 'string', default: '20' },
		seconds: { type: 'string', default: '60' }
	}
});
const MEMBERS = Math.min(200, Math.max(2, Number(values.members)));
const DOCS = Math.min(100, Math.max(1, Number(values.docs)));
const SECONDS = Math.min(300, Math.max(5, Number(values.seconds)));
const here = path.dirname(fileURLToPath(import.meta.url));

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

function rssMb(pid) {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const dir = mkdtempSync(path.join(tmpdir(), 'team-load-'));
const db = path.join(dir, 'team.sqlite');
const port = await freePort();
const store = await openStore({ sqlite: db });
const members = [];
for (let i = 0; i < MEMBERS; i++) members.push(await addMember(store, `Member ${i + 1}`));
await store.close();

const server = spawn(
	process.execPath,
	[
		path.join(here, 'team-server.js'),
		'--db',
		db,
		'--port',
		String(port),
		'--rate-burst',
		String(MEMBERS * 4),
		'--rate-per-minute',
		'100000'
	],
	{ stdio: ['ignore', 'pipe', 'inherit'] }
);
await new Promise((resolve, reject) => {
	let out = '';
	server.stdout.on('data', (d) => {
		out += d;
		if (out.includes('Team server at')) resolve();
	});
	server.once('exit', (c) => reject(new Error(`team server exited ${c}`)));
});
const base = `http://127.0.0.1:${port}`;
const memory = [rssMb(server.pid)];

const docs = Array.from({ length: DOCS }, (_, i) => `load-doc-${String(i).padStart(4, '0')}`);
for (let i = 0; i < DOCS; i++) {
	const owner = members[i % MEMBERS];
	const res = await fetch(`${base}/api/team/shares/${docs[i]}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ mode: 'team', title: `Assessment ${i + 1}` })
	});
	if (!res.ok) throw new Error(`share failed: ${res.status}`);
}

/** edit key → { sent, waiting: members still to see it, doc } */
const pending = new Map();
const convergence = [];
const peers = new Map(docs.map((d) => [d, 0]));
const clients = members.map((m, i) => {
	const name = docs[i % DOCS];
	peers.set(name, peers.get(name) + 1);
	const doc = new Y.Doc();
	const map = doc.getMap('answers');
	const provider = new HocuspocusProvider({
		url: `ws://127.0.0.1:${port}/sync`,
		name,
		token: m.token,
		document: doc,
		WebSocketPolyfill: WebSocket
	});
	map.observe((ev) => {
		if (ev.transaction.local) return;
		const now = performance.now();
		for (const key of ev.keysChanged) {
			const p = pending.get(key);
			if (!p) continue;
			p.waiting -= 1;
			if (p.waiting === 0) {
				convergence.push(now - p.sent);
				pending.delete(key);
			}
		}
	});
	return { id: i, name, doc, map, provider };
});

await new Promise((resolve, reject) => {
	const timer = setTimeout(() => reject(new Error('clients did not sync within 60 s')), 60_000);
	const check = () => {
		if (clients.every((c) => c.provider.isSynced)) {
			clearTimeout(timer);
			resolve();
		} else setTimeout(check, 50);
	};
	check();
});

console.log(
	`${MEMBERS} members on ${DOCS} documents, one edit per member per second for ${SECONDS} s…`
);
let edits = 0;
const timers = [];
const sampler = setInterval(() => memory.push(rssMb(server.pid)), 1000);
for (const c of clients) {
	let seq = 0;
	const offset = Math.random() * 1000;
	timers.push(
		setTimeout(() => {
			const tick = () => {
				const key = `m${c.id}-${seq++}`;
				const others = peers.get(c.name) - 1;
				if (others > 0) pending.set(key, { sent: performance.now(), waiting: others });
				c.map.set(key, seq % 6);
				edits += 1;
			};
			tick();
			timers.push(setInterval(tick, 1000));
		}, offset)
	);
}
await new Promise((r) => setTimeout(r, SECONDS * 1000));
for (const t of timers) clearInterval(t);
// Let the last edits arrive (bounded).
const drainUntil = performance.now() + 10_000;
while (pending.size && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
clearInterval(sampler);
memory.push(rssMb(server.pid));

const sorted = [...convergence].sort((a, b) => a - b);
const result = {
	members: MEMBERS,
	documents: DOCS,
	seconds: SECONDS,
	edits,
	converged: convergence.length,
	neverConverged: pending.size,
	convergenceMs: {
		p50: Number(percentile(sorted, 50).toFixed(1)),
		p95: Number(percentile(sorted, 95).toFixed(1)),
		max: Number((sorted.at(-1) ?? NaN).toFixed(1))
	},
	serverRssMb: {
		start: Number(memory[0].toFixed(1)),
		peak: Number(Math.max(...memory).toFixed(1)),
		end: Number(memory.at(-1).toFixed(1))
	},
	node: process.version
};
console.log(JSON.stringify(result, null, 2));

for (const c of clients) {
	c.provider.configuration.websocketProvider.destroy();
	c.provider.destroy();
}
await new Promise((r) => {
	server.once('exit', r);
	server.kill('SIGTERM');
});
rmSync(dir, { recursive: true, force: true });
process.exit(result.neverConverged ? 1 : 0);
