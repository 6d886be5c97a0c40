import { describe, expect, it } from 'vitest';
import {
	cpuSamples,
	kindOf,
	markers,
	numberArg,
	textArg,
	threadNames,
	timeByFunction,
	top,
	windowOf,
	type TraceEvent
} from './lib/trace';

const ev = (e: Partial<TraceEvent> & Pick<TraceEvent, 'name'>): TraceEvent => ({
	cat: '',
	ph: 'X',
	ts: 0,
	pid: 1,
	tid: 1,
	...e
});

const frame = (functionName: string, url = 'https://x/app/a.js', lineNumber = 9) => ({
	functionName,
	url,
	lineNumber
});

describe('the profiles’ trace helpers', () => {
	it('markers: only the profile’s own, in time order, without their prefix; windows between them', () => {
		const events = [
			ev({ name: 'TimeStamp', ts: 50, args: { data: { message: 'prof:r1:end' } } }),
			ev({ name: 'TimeStamp', ts: 10, args: { data: { message: 'prof:r1:start' } } }),
			ev({ name: 'TimeStamp', ts: 20, args: { data: { message: 'someone else' } } }),
			ev({ name: 'TimeStamp', ts: 60, args: { data: { message: 'prof:r2:start' } } })
		];
		const ms = markers(events);
		expect(ms.map((m) => m.label)).toEqual(['r1:start', 'r1:end', 'r2:start']);
		expect(windowOf(ms, 'r1')).toEqual({ from: 10, to: 50, pid: 1, tid: 1 });
		expect(windowOf(ms, 'r2')).toBeNull();
	});

	it('thread names by pid:tid', () => {
		const names = threadNames([
			ev({ name: 'thread_name', ph: 'M', pid: 3, tid: 7, args: { name: 'CrRendererMain' } }),
			ev({ name: 'thread_name', ph: 'M', pid: 3, tid: 9, args: { name: 'DedicatedWorker thread' } })
		]);
		expect(names.get('3:7')).toBe('CrRendererMain');
		expect(names.get('3:9')).toBe('DedicatedWorker thread');
	});

	it('samples per thread: two profiles of one process number their nodes each on their own', () => {
		const events: TraceEvent[] = [
			ev({
				name: 'Profile',
				ph: 'P',
				id: '0x1',
				pid: 3,
				tid: 7,
				ts: 1000,
				args: { data: { startTime: 1000 } }
			}),
			ev({
				name: 'Profile',
				ph: 'P',
				id: '0x2',
				pid: 3,
				tid: 9,
				ts: 1000,
				args: { data: { startTime: 2000 } }
			}),
			ev({
				name: 'ProfileChunk',
				ph: 'P',
				id: '0x1',
				pid: 3,
				tid: 7,
				ts: 1100,
				args: {
					data: {
						cpuProfile: {
							nodes: [
								{ id: 1, callFrame: frame('(root)', '', -1) },
								{ id: 2, parent: 1, callFrame: frame('render') },
								{ id: 3, parent: 2, callFrame: frame('', 'https://x/app/b.js', 0) }
							],
							samples: [2, 3, 3]
						},
						timeDeltas: [10, 100, 20_000]
					}
				}
			}),
			ev({
				name: 'ProfileChunk',
				ph: 'P',
				id: '0x2',
				pid: 3,
				tid: 99, // chunks may come from another thread: the profile's own thread counts
				ts: 2100,
				args: {
					data: {
						cpuProfile: {
							nodes: [{ id: 2, callFrame: frame('compute', 'https://x/w.js', 4) }],
							samples: [2, 2]
						},
						timeDeltas: [5, 5]
					}
				}
			})
		];
		const byThread = cpuSamples(events);
		const main = byThread.get('3:7')!;
		expect(main.map((s) => s.ts)).toEqual([1010, 1110, 21_110]);
		expect(main[0]!.fn).toBe('render a.js:10');
		expect(main[1]!.stack).toEqual(['(anonymous) b.js:1', 'render a.js:10', '(root) :0']);
		expect(byThread.get('3:9')!.map((s) => s.fn)).toEqual(['compute w.js:5', 'compute w.js:5']);
		// Self and inclusive time within a window; a gap between samples counts 5 ms at most.
		const t = timeByFunction(main, [{ from: 1000, to: 1200 }]);
		expect(t.self.get('render a.js:10')).toBe(100);
		expect(t.self.get('(anonymous) b.js:1')).toBe(5000);
		expect(t.inclusive.get('render a.js:10')).toBe(5100);
		expect(top(t.inclusive, 1)).toEqual([{ fn: 'render a.js:10', ms: 5.1 }]);
		expect(timeByFunction(main, [{ from: 0, to: 1000 }]).self.size).toBe(0);
	});

	it('idle and "(program)" samples are not counted as a function’s time', () => {
		const s = [
			{ ts: 0, fn: '(idle) :0', stack: ['(idle) :0'] },
			{ ts: 10, fn: '(program) :0', stack: ['(program) :0'] },
			{ ts: 20, fn: 'x a.js:1', stack: ['x a.js:1'] },
			{ ts: 30, fn: 'x a.js:1', stack: ['x a.js:1'] }
		];
		expect([...timeByFunction(s, [{ from: 0, to: 100 }]).self]).toEqual([['x a.js:1', 10]]);
	});

	it('kinds of trace events', () => {
		expect(kindOf('UpdateLayoutTree')).toBe('style');
		expect(kindOf('Layout')).toBe('layout');
		expect(kindOf('Paint')).toBe('paint+composite');
		expect(kindOf('MinorGC')).toBe('gc');
		expect(kindOf('v8.compileModule')).toBe('compile');
		expect(kindOf('FunctionCall')).toBe('script');
		expect(kindOf('ParseHTML')).toBe('parse-html');
		expect(kindOf('HandlePostMessage')).toBe('message');
		expect(kindOf('ThreadControllerImpl::RunTask')).toBe('other');
	});

	it('command-line options', () => {
		const argv = ['node', 'x', '--port', '4457', '--json', 'out.json', '--loads', 'many'];
		expect(numberArg(argv, '--port', 1)).toBe(4457);
		expect(numberArg(argv, '--absent', 3)).toBe(3);
		expect(() => numberArg(argv, '--loads', 3)).toThrow(/--loads needs a number, not many/);
		expect(textArg(argv, '--json')).toBe('out.json');
		expect(textArg(argv, '--nope')).toBeNull();
	});
});
