/**
 * Small statistics helpers for timing samples. Percentiles use the nearest-rank method (the
 * smallest sample such that at least p % of the samples are less than or equal to it), so a
 * reported p95 is always a value that was actually observed and never optimistic.
 */

export interface Summary {
	n: number;
	min: number;
	median: number;
	p95: number;
	max: number;
	mean: number;
}

function sorted(samples: readonly number[]): number[] {
	if (samples.length === 0) throw new Error('No samples to summarise.');
	for (const s of samples) {
		if (!Number.isFinite(s)) throw new Error(`Not a finite sample: ${s}`);
	}
	return [...samples].sort((a, b) => a - b);
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(samples: readonly number[], p: number): number {
	if (!(p >= 0 && p <= 100)) throw new Error(`Percentile out of range: ${p}`);
	const s = sorted(samples);
	const rank = Math.max(1, Math.ceil((p / 100) * s.length));
	return s[rank - 1] as number;
}

/** Median: the middle sample, or the mean of the two middle samples. */
export function median(samples: readonly number[]): number {
	const s = sorted(samples);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 === 1
		? (s[mid] as number)
		: ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function summarize(samples: readonly number[]): Summary {
	const s = sorted(samples);
	return {
		n: s.length,
		min: s[0] as number,
		median: median(s),
		p95: percentile(s, 95),
		max: s[s.length - 1] as number,
		mean: s.reduce((a, b) => a + b, 0) / s.length
	};
}
