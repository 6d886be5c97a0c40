/**
 * A dynamic import made once and shared by every later call: each `import()` goes through Vite's
 * preload helper, which looks for each of the chunk's stylesheets and scripts in the document
 * again (milliseconds of every answer at 4× CPU when it runs on a hot path). An import that
 * failed (offline without the precached chunk) is tried again on the next call.
 */
export function importOnce<T>(load: () => Promise<T>): () => Promise<T> {
	let module: Promise<T> | null = null;
	return () => {
		if (!module) {
			const loading = load();
			module = loading;
			loading.catch(() => {
				if (module === loading) module = null;
			});
		}
		return module;
	};
}
