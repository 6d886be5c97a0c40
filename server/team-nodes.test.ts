// Several team server nodes: a real redis-server keeps clients on different nodes in step, and
// PostgreSQL holds members, sharing and documents for all of them. The servers are Debian's,
// started here on free loopback ports (installed by the test set-up; in CI a missing one fails).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REDIS_SERVER, postgresBin, startPostgres, startRedis } from './services';
import {
	connect,
	docName,
	member,
	share,
	startTeam,
	tempDir,
	waitFor,
	type Client
} from './test-helpers';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
	while (cleanup.length) await cleanup.pop()!();
});

function client(...args: Parameters<typeof connect>): Client {
	const c = connect(...args);
	cleanup.push(() => c.destroy());
	return c;
}

const hasRedis = existsSync(REDIS_SERVER);
const hasPostgres = postgresBin() !== undefined;
if (process.env.CI && (!hasRedis || !hasPostgres))
	throw new Error('CI must install redis-server and postgresql (see .ci/run).');
if (!hasRedis || !hasPostgres)
	console.warn('redis-server or postgresql missing: the multi-node tests are skipped here.');

describe.skipIf(!hasRedis)('two team server nodes behind Redis', () => {
	it('keeps clients on different nodes in step (shared SQLite file)', async () => {
		const tmp = tempDir();
		cleanup.push(tmp.remove);
		const redis = await startRedis(tmp.dir);
		cleanup.push(redis.stop);
		const file = path.join(tmp.dir, 'team.sqlite');
		const n1 = await startTeam({ sqlite: file, redisUrl: redis.url, nodeName: 'n1' });
		cleanup.push(n1.stop);
		const n2 = await startTeam({ sqlite: file, redisUrl: redis.url, nodeName: 'n2' });
		cleanup.push(n2.stop);
		const ada = await member(n1.store, 'Ada');
		const bo = await member(n2.store, 'Bo');
		const doc = docName('acme');
		await share(n1.http, ada.token, doc);
		const a = client(n1.ws, doc, ada.token);
		const b = client(n2.ws, doc, bo.token);
		await a.synced();
		await b.synced();
		a.text.insert(0, 'A on node 1. ');
		b.doc.getMap('answers').set('cc6-mfa', 4);
		await waitFor(() => expect(b.text.toString()).toBe('A on node 1. '));
		await waitFor(() => expect(a.doc.getMap('answers').get('cc6-mfa')).toBe(4));
		// Concurrent edits to the same answer converge to one value on both nodes.
		a.doc.getMap('answers').set('cc7-monitoring', 1);
		b.doc.getMap('answers').set('cc7-monitoring', 2);
		await waitFor(() => {
			const va = a.doc.getMap('answers').get('cc7-monitoring');
			expect(va).toBe(b.doc.getMap('answers').get('cc7-monitoring'));
			expect([1, 2]).toContain(va);
		});
	});

	it.skipIf(!hasPostgres)(
		'PostgreSQL + Redis: members, sharing and documents shared by the nodes; a restart loses nothing',
		async () => {
			const tmp = tempDir();
			cleanup.push(tmp.remove);
			const redis = await startRedis(tmp.dir);
			cleanup.push(redis.stop);
			const pg = await startPostgres(tmp.dir);
			cleanup.push(pg.stop);
			const n1 = await startTeam({ postgres: pg.url, redisUrl: redis.url, nodeName: 'n1' });
			cleanup.push(n1.stop);
			const n2 = await startTeam({ postgres: pg.url, redisUrl: redis.url, nodeName: 'n2' });
			cleanup.push(n2.stop);
			const ada = await member(n1.store, 'Ada');
			const bo = await member(n1.store, 'Bo');
			const cy = await member(n2.store, 'Cy');
			const doc = docName('acme');
			// Shared on node 1 with Bo only: node 2 enforces it too.
			await share(n1.http, ada.token, doc, { mode: 'members', members: [bo.id] });
			const a = client(n1.ws, doc, ada.token);
			const b = client(n2.ws, doc, bo.token);
			const c = client(n2.ws, doc, cy.token);
			await a.synced();
			await b.synced();
			await waitFor(() => expect(c.failures.length).toBeGreaterThan(0));
			b.text.insert(0, 'Bo on node 2');
			await waitFor(() => expect(a.text.toString()).toBe('Bo on node 2'));
			await b.synced();
			await n1.stop();
			await n2.stop();
			const n3 = await startTeam({ postgres: pg.url, redisUrl: redis.url, nodeName: 'n3' });
			cleanup.push(n3.stop);
			const again = client(n3.ws, doc, ada.token);
			await waitFor(() => expect(again.text.toString()).toBe('Bo on node 2'));
		}
	);
});
