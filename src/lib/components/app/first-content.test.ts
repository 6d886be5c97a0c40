import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Module = typeof import('./first-content');

/** A fresh copy of the module (its holds are module state). */
async function fresh(): Promise<Module> {
	vi.resetModules();
	return import('./first-content');
}

describe('background work after the first content', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('runs at once when no page holds it', async () => {
		const m = await fresh();
		const work = vi.fn();
		m.afterFirstContent(work);
		expect(work).toHaveBeenCalledTimes(1);
	});

	it('waits for every hold, in the order asked, and runs once', async () => {
		const m = await fresh();
		const order: string[] = [];
		const a = m.holdBackgroundWork();
		const b = m.holdBackgroundWork();
		m.afterFirstContent(() => order.push('sync host'));
		m.afterFirstContent(() => order.push('service worker'));
		expect(order).toEqual([]);
		a();
		a(); // a second release of the same hold does not count twice
		expect(order).toEqual([]);
		b();
		expect(order).toEqual(['sync host', 'service worker']);
		b();
		expect(order).toEqual(['sync host', 'service worker']);
	});

	it('starts the work after the time limit when a page never releases', async () => {
		const m = await fresh();
		m.holdBackgroundWork();
		const work = vi.fn();
		m.afterFirstContent(work);
		vi.advanceTimersByTime(m.HOLD_LIMIT_MS - 1);
		expect(work).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(work).toHaveBeenCalledTimes(1);
	});

	it('runs work asked for after the release at once', async () => {
		const m = await fresh();
		m.holdBackgroundWork()();
		const work = vi.fn();
		m.afterFirstContent(work);
		expect(work).toHaveBeenCalledTimes(1);
	});

	it('calls back after the next paint without frames (a task later)', async () => {
		const m = await fresh();
		const then = vi.fn();
		m.afterNextPaint(then);
		expect(then).not.toHaveBeenCalled();
		await vi.runAllTimersAsync();
		expect(then).toHaveBeenCalledTimes(1);
	});
});
