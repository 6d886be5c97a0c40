import { describe, expect, it } from 'vitest';
import { itemDomId } from './dom';
import { safeHttpUrl, sha256OfFile } from './evidence';
import { keyToValue } from './keys';

describe('interview keys and evidence helpers', () => {
	it('maps keys to answers', () => {
		expect(
			['0', '1', '2', '3', '4', '5', '?', 'n', 'N', '6', 'x', 'Enter'].map(keyToValue)
		).toEqual([0, 1, 2, 3, 4, 5, 'unknown', 'na', 'na', null, null, null]);
	});

	it('only lets http(s) URLs become links', () => {
		expect(safeHttpUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
		expect(safeHttpUrl('  http://intranet/x ')).toBe('http://intranet/x');
		for (const bad of [
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			'data:text/html,<script>',
			'file:///etc/passwd',
			'\\\\share\\x',
			'/srv/evidence',
			'https//missing-colon',
			'http://'
		]) {
			expect(safeHttpUrl(bad), bad).toBeNull();
		}
	});

	it('computes the SHA-256 of a file locally', async () => {
		expect(await sha256OfFile(new Blob(['abc']))).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});
});

describe('itemDomId', () => {
	it('keeps distinct item ids distinct and HTML-safe', () => {
		const ids = ['subservice-1', 'subservice-2', 'a b', 'a_20_b', 'ü', 'x"y'];
		const dom = ids.map((id) => itemDomId('v', id));
		expect(new Set(dom).size).toBe(ids.length);
		for (const d of dom) expect(d).toMatch(/^[A-Za-z0-9_-]+$/);
	});
});
