import { describe, expect, it } from 'vitest';
import { pageJs, tasksWithin, workerName, workerNames } from './lib/page-js';

const r = (url: string, gzip: number, raw = gzip * 3) => ({ url, gzip, raw });

describe('pageJs', () => {
	const responses = [
		r('/a.js', 1024),
		r('/b.js', 2048),
		r('/a.js', 1024), // fetched twice (e.g. preload + import): counted once
		r('/worker/jspdf.js', 50_000),
		r('/start.js', 4096)
	];
	const pageUrls = new Set(['/a.js', '/b.js', '/start.js']);

	it("counts the page's own scripts once each, largest first, and sets the worker's apart", () => {
		const js = pageJs(responses, pageUrls);
		expect(js.files.map((f) => f.url)).toEqual(['/start.js', '/b.js', '/a.js']);
		expect(js.kb).toBe(7);
		expect(js.rawKb).toBe(21);
		expect(js.workerFiles.map((f) => f.url)).toEqual(['/worker/jspdf.js']);
	});

	it('leaves out what the previous page had already loaded', () => {
		const js = pageJs(responses, pageUrls, new Set(['/start.js', '/a.js']));
		expect(js.files.map((f) => f.url)).toEqual(['/b.js']);
		expect(js.kb).toBe(2);
	});

	it('is zero for a page that loads nothing new', () => {
		expect(pageJs([], pageUrls).kb).toBe(0);
	});
});

describe('tasksWithin', () => {
	const tasks = [
		{ startTime: 100, duration: 60 }, // 100–160
		{ startTime: 500, duration: 120 }, // 500–620
		{ startTime: 900, duration: 55 } // 900–955
	];

	it('keeps the tasks that overlap the interval, longest first', () => {
		expect(tasksWithin(tasks, 150, 600)).toEqual([
			{ startTime: 500, duration: 120 },
			{ startTime: 100, duration: 60 }
		]);
		expect(tasksWithin(tasks, 700, 800)).toEqual([]);
		expect(tasksWithin(tasks, 955, 955)).toEqual([{ startTime: 900, duration: 55 }]);
	});

	it('refuses an interval that ends before it starts', () => {
		expect(() => tasksWithin(tasks, 10, 5)).toThrow(/Empty interval/);
	});
});

describe('pageJs and worker scripts', () => {
	it('leaves out a worker’s own script, which the page fetched to start it', () => {
		const page = { url: 'http://h/_app/immutable/chunks/Page.js', raw: 3000, gzip: 1024 };
		const entry = {
			url: 'http://h/_app/immutable/workers/model.worker-M.js',
			raw: 9000,
			gzip: 2048
		};
		const inner = { url: 'http://h/_app/immutable/workers/chunks/Compile.js', raw: 900, gzip: 512 };
		const urls = new Set([page.url, entry.url]);
		const counted = pageJs([page, entry, inner], urls);
		expect(counted.files.map((f) => f.url)).toEqual([entry.url, page.url]);
		const apart = pageJs([page, entry, inner], urls, new Set(), new Set([entry.url]));
		expect(apart.files.map((f) => f.url)).toEqual([page.url]);
		expect(apart.kb).toBe(1);
		expect(apart.workerFiles.map((f) => f.url)).toEqual([entry.url, inner.url]);
	});
});

describe('workerNames', () => {
	it('names the workers a page started by their built file names', () => {
		const pdf = 'http://127.0.0.1:4400/_app/immutable/workers/pdf.worker-CthJyT4E.js';
		const model = 'http://127.0.0.1:4400/_app/immutable/workers/model.worker-XllFjOah.js';
		expect(workerName(pdf)).toBe('the PDF worker');
		expect(workerName(model)).toBe('the report-model worker');
		expect(workerName('http://x/_app/immutable/workers/other-1.js')).toBe(
			'a Web Worker (other-1.js)'
		);
		expect(workerNames([model])).toBe('the report-model worker');
		expect(workerNames([model, pdf, model])).toBe('the PDF worker and the report-model worker');
		expect(workerNames([])).toBe('a Web Worker');
	});
});
