/**
 * Work a change leaves behind it (telling other tabs, reading the history again, compacting),
 * run once the change is on screen: in a background-priority task posted from the next frame,
 * so after that frame is painted and after any task of normal priority (an input, the next
 * frame), but without waiting for an idle period. Idle periods are not reliable for this: in
 * Chromium a page that keeps no frame going may get none for seconds after a key press, and an
 * idle callback then runs only at its timeout, in the middle of whatever the user does next.
 *
 * `timeout`: the work runs by then in any case (a hidden tab draws no frames). Without frames
 * (tests, old browsers) an idle callback with that timeout, or a plain task. Returns a function
 * that cancels the work if it has not run yet.
 */
type PostTask = (
	callback: () => void,
	options: { priority: 'background'; signal?: AbortSignal }
) => Promise<unknown>;

export function afterFrame(work: () => void, timeout: number): () => void {
	if (typeof requestAnimationFrame !== 'function') {
		if (typeof requestIdleCallback === 'function') {
			const handle = requestIdleCallback(work, { timeout });
			return () => cancelIdleCallback(handle);
		}
		const handle = setTimeout(work, 0);
		return () => clearTimeout(handle);
	}
	let done = false;
	let frame: number | null = null;
	let abort: AbortController | null = null;
	let task: ReturnType<typeof setTimeout> | null = null;
	const cancel = () => {
		done = true;
		if (frame !== null) cancelAnimationFrame(frame);
		abort?.abort();
		if (task !== null) clearTimeout(task);
		clearTimeout(limit);
	};
	const run = () => {
		if (done) return;
		cancel();
		work();
	};
	const limit = setTimeout(run, timeout);
	frame = requestAnimationFrame(() => {
		frame = null;
		const postTask = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler?.postTask;
		if (typeof postTask === 'function') {
			abort = new AbortController();
			postTask
				.call((globalThis as { scheduler?: unknown }).scheduler, run, {
					priority: 'background',
					signal: abort.signal
				})
				.catch(() => undefined);
		} else task = setTimeout(run, 0);
	});
	return cancel;
}
