/**
 * A library file chosen while the question bank is still loading is read once the bank is
 * there, not dropped without a word (a busy machine met this in CI).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { ReadinessDB, setDb } from '$lib/db';
import { getLibrary } from '$lib/db/library';
import type { Bank } from '$lib/domain/types';
import { loadBankFromDisk } from '../../../../scripts/lib/bank-node';

const gate = vi.hoisted(() => ({
	release: (_: unknown) => {},
	bank: null as Promise<unknown> | null
}));
vi.mock('$lib/bank', () => ({
	loadBank: () => (gate.bank ??= new Promise((r) => (gate.release = r)))
}));

const { default: LibraryPage } = await import('./LibraryPage.svelte');

let database: ReadinessDB;
let n = 0;
beforeEach(() => {
	gate.bank = null;
	database = new ReadinessDB(`library-early-${n++}`);
	setDb(database);
});
afterEach(async () => {
	setDb(null);
	await database.delete();
});

describe('Firm library page, a file chosen early', () => {
	it('imports a file chosen before the bank has loaded', async () => {
		render(LibraryPage);
		const file = new File(
			[
				JSON.stringify({
					format: 'soc2-readiness-library',
					formatVersion: 1,
					exportedAt: '2026-12-01T08:00:00.000Z',
					library: { name: 'Early Method', questions: [] }
				})
			],
			'library.json',
			{ type: 'application/json' }
		);
		const input = document.querySelector('input[type=file]') as HTMLInputElement;
		await userEvent.setup().upload(input, file);
		// Only now does the bank arrive.
		gate.release(loadBankFromDisk() as Bank);
		await vi.waitFor(async () => expect((await getLibrary(database))?.name).toBe('Early Method'), {
			timeout: 10_000
		});
	});
});
