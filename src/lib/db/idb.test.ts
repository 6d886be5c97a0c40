import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { completion, request } from './idb';

function openDb(name: string): Promise<IDBDatabase> {
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => open.result.createObjectStore('s');
	return request(open);
}

describe('completion', () => {
	it('resolves once the transaction commits, with its writes readable', async () => {
		const db = await openDb('idb-completion-ok');
		const tx = db.transaction(['s'], 'readwrite');
		const done = completion(tx);
		tx.objectStore('s').put('v', 'k');
		await done;
		expect(await request(db.transaction(['s']).objectStore('s').get('k'))).toBe('v');
		db.close();
	});

	it('rejects when the transaction is aborted, and leaves no unhandled rejection when nobody waits', async () => {
		const db = await openDb('idb-completion-abort');
		const unhandled: unknown[] = [];
		const onUnhandled = (e: unknown) => unhandled.push(e);
		process.on('unhandledRejection', onUnhandled);
		try {
			const waited = db.transaction(['s'], 'readwrite');
			const done = completion(waited);
			waited.abort();
			await expect(done).rejects.toBeDefined();
			// A caller that gave up before the transaction ended (an earlier request failed).
			const left = db.transaction(['s'], 'readwrite');
			completion(left);
			const aborted = new Promise((r) => left.addEventListener('abort', r));
			left.abort();
			await aborted;
			await new Promise((r) => setTimeout(r, 0));
			expect(unhandled).toEqual([]);
		} finally {
			process.off('unhandledRejection', onUnhandled);
			db.close();
		}
	});
});
