/**
 * Pure helpers of the browser figures: which JavaScript responses count as a page's own initial
 * JavaScript, and which long tasks fall in a measured interval.
 */

export interface ScriptResponse {
	url: string;
	/** Uncompressed bytes. */
	raw: number;
	/** Bytes after gzip (zlib level 6). */
	gzip: number;
}

export interface PageJs {
	kb: number;
	rawKb: number;
	/** Largest first. */
	files: ScriptResponse[];
	/** Responses left out: loaded by a Web Worker (not in the page's resource timing). */
	workerFiles: ScriptResponse[];
}

/**
 * The page's own JavaScript: responses whose URL the page's resource timing lists (a dedicated
 * worker's fetches are in the worker's timeline, not the page's), each URL once, without the
 * URLs in `before` (already loaded by the page the user came from). A worker's own script
 * (`workerScripts`: the URLs of the workers the page started) is fetched by the page, so it is in
 * the page's timeline too, but it runs in the worker: it is left out with the worker's files.
 */
export function pageJs(
	responses: readonly ScriptResponse[],
	pageUrls: ReadonlySet<string>,
	before: ReadonlySet<string> = new Set(),
	workerScripts: ReadonlySet<string> = new Set()
): PageJs {
	const own = new Map<string, ScriptResponse>();
	const worker = new Map<string, ScriptResponse>();
	for (const r of responses) {
		if (before.has(r.url)) continue;
		(pageUrls.has(r.url) && !workerScripts.has(r.url) ? own : worker).set(r.url, r);
	}
	const files = [...own.values()].sort((a, b) => b.gzip - a.gzip || a.url.localeCompare(b.url));
	return {
		kb: files.reduce((s, f) => s + f.gzip, 0) / 1024,
		rawKb: files.reduce((s, f) => s + f.raw, 0) / 1024,
		files,
		workerFiles: [...worker.values()]
	};
}

export interface TaskEntry {
	startTime: number;
	duration: number;
}

/** Long tasks that overlap [from, to] (page clock, ms), longest first. */
export function tasksWithin(entries: readonly TaskEntry[], from: number, to: number): TaskEntry[] {
	if (!(to >= from)) throw new Error(`Empty interval: ${from}…${to}`);
	return entries
		.filter((e) => e.startTime <= to && e.startTime + e.duration >= from)
		.sort((a, b) => b.duration - a.duration);
}

/**
 * Init script: records every long task (> 50 ms on the main thread) of the document in
 * `window.__bench_longtasks` (plain JavaScript, see instrument.ts).
 */
export const LONGTASK_SCRIPT = String.raw`(() => {
	const list = [];
	window.__bench_longtasks = list;
	try {
		new PerformanceObserver((l) => {
			for (const e of l.getEntries()) list.push({ startTime: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {}
})();`;

/** What a worker script is, by its built file name (`pdf.worker-…js`, `model.worker-…js`). */
export function workerName(url: string): string {
	const file = url.split('?')[0]!.split('/').pop() ?? '';
	if (/^pdf\.worker\b/.test(file)) return 'the PDF worker';
	if (/^model\.worker\b/.test(file)) return 'the report-model worker';
	return `a Web Worker (${file})`;
}

/** "the PDF worker and the report-model worker": the workers a page started, in a sentence. */
export function workerNames(urls: Iterable<string>): string {
	const names = [...new Set([...urls].map(workerName))].sort();
	if (names.length <= 1) return names[0] ?? 'a Web Worker';
	return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
