import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import Timeline from './Timeline.svelte';
import type { TimelineStep } from '$lib/domain/types';

const steps: TimelineStep[] = [
	{
		kind: 'remediation',
		label: 'Remediation of blocking gaps',
		start: '2026-12-05',
		end: '2027-02-12'
	},
	{
		kind: 'window',
		label: '3-month Type II observation window',
		start: '2027-02-13',
		end: '2027-05-12'
	}
] as TimelineStep[];

/** The `left` of every target mark, in per cent of its track. */
function targetLefts(container: HTMLElement): number[] {
	return [...container.querySelectorAll<HTMLElement>('.target')].map((el) =>
		Number.parseFloat(el.style.left)
	);
}

// `target` is also a mount option of Svelte: the props go under `props`.
describe('Timeline', () => {
	it('keeps a target date that has already passed on the track, at its left end', () => {
		// Target 30 Sep 2026, plan from 5 Dec 2026: the line used to sit at about −25 %, over the
		// dates column.
		const { container } = render(Timeline, {
			props: { steps, target: '2026-09-30', start: '2026-12-05' }
		});
		const lefts = targetLefts(container);
		expect(lefts).toHaveLength(2);
		for (const left of lefts) expect(left).toBe(0);
		// The steps move right to make room for the passed target, inside the track.
		const bars = [...container.querySelectorAll<HTMLElement>('.bar')].map((el) => ({
			left: Number.parseFloat(el.style.left),
			width: Number.parseFloat(el.style.width)
		}));
		for (const b of bars) {
			expect(b.left).toBeGreaterThan(0);
			expect(b.left + b.width).toBeLessThanOrEqual(100.0001);
		}
	});

	it('puts a target inside the plan where it falls, and one after it at the right end', () => {
		const inside = render(Timeline, {
			props: { steps, target: '2027-03-31', start: '2026-12-05' }
		});
		const [mid] = targetLefts(inside.container);
		expect(mid).toBeGreaterThan(0);
		expect(mid).toBeLessThan(100);
		inside.unmount();
		const after = render(Timeline, { props: { steps, target: '2027-09-30', start: '2026-12-05' } });
		for (const left of targetLefts(after.container)) {
			expect(left).toBeGreaterThan(99);
			expect(left).toBeLessThanOrEqual(100);
		}
	});
});
