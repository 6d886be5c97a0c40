import { describe, expect, it } from 'vitest';
import { importOnce } from './import-once';

describe('importOnce', () => {
	it('imports once for every caller, and again after a failed import', async () => {
		let calls = 0;
		let fail = true;
		const load = importOnce(async () => {
			calls += 1;
			if (fail) throw new Error('offline');
			return { value: calls };
		});
		await expect(load()).rejects.toThrow('offline');
		fail = false;
		const [a, b] = await Promise.all([load(), load()]);
		expect(a).toBe(b);
		expect(await load()).toBe(a);
		expect(calls).toBe(2);
	});
});
