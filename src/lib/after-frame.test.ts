import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFrame } from './after-frame';

/** A page's frames and its task scheduler, driven by the test. */
function page(withScheduler = true) {
	const frames: (() => void)[] = [];
	const background: { run: () => void; signal?: AbortSignal }[] = [];
	vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
	vi.stubGlobal('cancelAnimationFrame', (h: number) => {
		frames[h - 1] = () => {};
	});
	if (withScheduler)
		vi.stubGlobal('scheduler', {
			postTask(run: () => void, o: { priority: string; signal?: AbortSignal }) {
				expect(o.priority).toBe('background');
				background.push({ run, signal: o.signal });
				return Promise.resolve();
			}
		});
	return {
		frame: () => frames.splice(0).forEach((f) => f()),
		background: () =>
			background.splice(0).forEach((t) => {
				if (!t.signal?.aborted) t.run();
			})
	};
}

describe('afterFrame', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('runs in a background task posted from the next frame, once, not before', () => {
		const p = page();
		const work = vi.fn();
		afterFrame(work, 1000);
		p.background();
		expect(work).not.toHaveBeenCalled();
		p.frame();
		expect(work).not.toHaveBeenCalled(); // the frame is drawn first
		p.background();
		expect(work).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(5000);
		expect(work).toHaveBeenCalledTimes(1);
	});

	it('runs at its timeout when no frame comes (a hidden tab), and not again after the frame', () => {
		const p = page();
		const work = vi.fn();
		afterFrame(work, 1000);
		vi.advanceTimersByTime(999);
		expect(work).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(work).toHaveBeenCalledTimes(1);
		p.frame();
		p.background();
		expect(work).toHaveBeenCalledTimes(1);
	});

	it('without a task scheduler, a plain task after the frame', () => {
		const p = page(false);
		const work = vi.fn();
		afterFrame(work, 1000);
		p.frame();
		expect(work).not.toHaveBeenCalled();
		vi.advanceTimersByTime(0);
		expect(work).toHaveBeenCalledTimes(1);
	});

	it('cancelled before, during or after the frame: never runs', () => {
		for (const when of ['before', 'posted'] as const) {
			const p = page();
			const work = vi.fn();
			const cancel = afterFrame(work, 1000);
			if (when === 'posted') p.frame();
			cancel();
			p.frame();
			p.background();
			vi.advanceTimersByTime(5000);
			expect(work, when).not.toHaveBeenCalled();
			vi.unstubAllGlobals();
		}
	});

	it('without frames (no window): an idle callback with the timeout, or a plain task', () => {
		const idle = vi.fn((f: () => void, o: { timeout: number }) => {
			expect(o.timeout).toBe(700);
			setTimeout(f, 5);
			return 1;
		});
		vi.stubGlobal('requestAnimationFrame', undefined);
		vi.stubGlobal('requestIdleCallback', idle);
		const work = vi.fn();
		afterFrame(work, 700);
		vi.advanceTimersByTime(5);
		expect(idle).toHaveBeenCalledTimes(1);
		expect(work).toHaveBeenCalledTimes(1);
		vi.stubGlobal('requestIdleCallback', undefined);
		const work2 = vi.fn();
		afterFrame(work2, 700);
		vi.advanceTimersByTime(0);
		expect(work2).toHaveBeenCalledTimes(1);
	});
});
