import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from './lib/stats';

describe('percentile (nearest rank)', () => {
	const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

	it('returns an observed sample at the nearest rank', () => {
		expect(percentile(hundred, 95)).toBe(95);
		expect(percentile(hundred, 50)).toBe(50);
		expect(percentile(hundred, 100)).toBe(100);
		expect(percentile(hundred, 0)).toBe(1);
		expect(percentile([3, 1, 2], 95)).toBe(3);
	});

	it('does not depend on the order of the samples', () => {
		const shuffled = [...hundred].reverse();
		expect(percentile(shuffled, 95)).toBe(95);
	});

	it('p95 of 200 samples is the 190th smallest', () => {
		const s = Array.from({ length: 200 }, (_, i) => 200 - i);
		expect(percentile(s, 95)).toBe(190);
	});

	it('rejects empty input, bad percentiles and non-finite samples', () => {
		expect(() => percentile([], 50)).toThrow(/No samples/);
		expect(() => percentile([1], 101)).toThrow(/out of range/);
		expect(() => percentile([1, Number.NaN], 50)).toThrow(/finite/);
	});
});

describe('median and summarize', () => {
	it('averages the two middle samples of an even count', () => {
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([5, 1, 3])).toBe(3);
	});

	it('summarises min, median, p95, max and mean', () => {
		expect(summarize([10, 20, 30, 40])).toEqual({
			n: 4,
			min: 10,
			median: 25,
			p95: 40,
			max: 40,
			mean: 25
		});
	});
});
