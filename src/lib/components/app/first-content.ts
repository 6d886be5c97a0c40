/**
 * Background work of the root layout (the service worker's registration, which then downloads
 * the whole app for offline use; the team sync host) waits until the page's first content is on
 * screen, when a page asks for it (issue 19, fifth pass). The interview and presenter pages show
 * their first question only once their scripts, the question bank and the assessment have
 * arrived; on a slow network the service worker's downloads and the extra scripts would compete
 * with those for the connection, and every request made before the question is drawn lies on the
 * path Lighthouse measures to it. Nothing is skipped: the work runs once the page has shown what
 * it is for, or after `HOLD_LIMIT_MS` whatever happens.
 *
 * A page holds the work while its component is created (before the layout mounts), and releases
 * the hold once its first content is painted, or when it is destroyed.
 */

/** However long a page takes (or if it never releases), the work starts after this. */
export const HOLD_LIMIT_MS = 5000;

let holds = 0;
let waiting: (() => void)[] = [];

function runWaiting(): void {
	if (holds > 0) return;
	const run = waiting;
	waiting = [];
	for (const f of run) f();
}

/**
 * Hold the layout's background work until the returned function is called (once is enough;
 * later calls do nothing), or until `HOLD_LIMIT_MS` have passed.
 */
export function holdBackgroundWork(): () => void {
	holds += 1;
	let released = false;
	const release = () => {
		if (released) return;
		released = true;
		clearTimeout(limit);
		holds -= 1;
		runWaiting();
	};
	const limit = setTimeout(release, HOLD_LIMIT_MS);
	return release;
}

/** Run `work` now, or once every hold is released. */
export function afterFirstContent(work: () => void): void {
	waiting.push(work);
	runWaiting();
}

/**
 * Calls `then` once what the page has just rendered is on screen. Chromium reports a frame's
 * presentation a little after its `requestAnimationFrame` callbacks (and, on a busy device, well
 * after), so this waits for the largest-contentful-paint entry of a paint after the call when
 * there is one (new content larger than any before, as a first question is), else for two frames
 * and a short delay (content smaller than an earlier paint, input already given, a browser
 * without the entry type).
 */
export function afterNextPaint(then: () => void, fallbackMs = 300): void {
	const since = typeof performance !== 'undefined' ? performance.now() : 0;
	let done = false;
	let observer: PerformanceObserver | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const finish = () => {
		if (done) return;
		done = true;
		observer?.disconnect();
		clearTimeout(timer);
		setTimeout(then, 0);
	};
	try {
		observer = new PerformanceObserver((list) => {
			if (list.getEntries().some((e) => e.startTime >= since)) finish();
		});
		observer.observe({ type: 'largest-contentful-paint' });
	} catch {
		observer = null; // no PerformanceObserver or no such entry type: the frames below
	}
	if (typeof requestAnimationFrame !== 'function') return void (timer = setTimeout(finish, 0));
	requestAnimationFrame(() =>
		requestAnimationFrame(() => (timer = setTimeout(finish, observer ? fallbackMs : 0)))
	);
}
