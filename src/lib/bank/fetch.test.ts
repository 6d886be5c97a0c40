/**
 * Fetching the built bank's two files (issue 19, sixth pass): the whole bank from the first
 * file's URL, the second one beside it, and a message a user can act on when either fails.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBankFromDisk } from '../../../scripts/lib/bank-node';
import { fetchBank, fetchBankCore } from './fetch';
import { splitBank, type BankCoreFile } from './split';

const bank = loadBankFromDisk();
const { core, rest } = splitBank(bank);
const FIRST = 'https://app.test/_app/immutable/assets/soc2-bank.Ab12Cd34.json';
const REST = 'soc2-bank-rest.0123456789ab.json';

/** A fetch that serves these files by URL (anything else: 404), and records the URLs asked. */
function serve(files: Record<string, unknown>, fail: 'network' | null = null) {
	const asked: string[] = [];
	vi.stubGlobal('fetch', async (url: string) => {
		asked.push(url);
		if (fail === 'network') throw new TypeError('Failed to fetch');
		if (!(url in files)) return new Response('not found', { status: 404 });
		const body = files[url];
		return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200 });
	});
	return asked;
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('fetchBank', () => {
	it('fetches the first file, then the second beside it, and joins them into the compiled bank', async () => {
		const first: BankCoreFile = { rest: REST, bank: core };
		const asked = serve({ [FIRST]: first, [FIRST.replace(/[^/]+$/, REST)]: rest });
		expect(await fetchBank(FIRST)).toEqual(bank);
		expect(asked).toEqual([FIRST, FIRST.replace(/[^/]+$/, REST)]);
	});

	it('resolves the second file beside a relative first URL too', async () => {
		const first: BankCoreFile = { rest: REST, bank: core };
		const asked = serve({ './assets/soc2-bank.x.json': first, ['./assets/' + REST]: rest });
		expect(await fetchBank('./assets/soc2-bank.x.json')).toEqual(bank);
		expect(asked[1]).toBe('./assets/' + REST);
	});

	it('says what went wrong when a file cannot be had', async () => {
		const first: BankCoreFile = { rest: REST, bank: core };
		serve({ [FIRST]: first }); // the second file is missing
		await expect(fetchBank(FIRST)).rejects.toThrow(
			'The question bank could not be loaded (HTTP 404).'
		);
		serve({}, 'network');
		await expect(fetchBank(FIRST)).rejects.toThrow(
			/could not be loaded \(no network and not yet stored for offline use\)/
		);
		serve({ [FIRST]: '{"rest": ' });
		await expect(fetchBank(FIRST)).rejects.toThrow(/the file is damaged/);
		serve({ [FIRST]: first, [FIRST.replace(/[^/]+$/, REST)]: { remediation: {} } });
		await expect(fetchBank(FIRST)).rejects.toThrow(/the file is damaged/);
	});

	it('fetches only a second file the build names, beside the first', async () => {
		for (const name of [
			'https://elsewhere.test/x.json',
			'../soc2-bank-rest.a.json',
			'other.json'
		]) {
			const asked = serve({ [FIRST]: { rest: name, bank: core } });
			await expect(fetchBankCore(FIRST)).rejects.toThrow(/the file is damaged/);
			expect(asked).toEqual([FIRST]);
		}
	});
});
