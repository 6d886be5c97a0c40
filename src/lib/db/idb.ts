/**
 * Plain IndexedDB helpers shared by the light reader (`light.ts`, on the start page's first
 * read: keep this module tiny and free of imports), the report cache (`report-cache.ts`) and
 * the answer's native commit (`doc-store.ts`).
 */

/** One IndexedDB request as a promise: its result, or its error. */
export function request<T>(r: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});
}

/**
 * The end of a transaction as a promise: it resolves when the transaction commits and rejects
 * when it fails or is aborted. Callers that stop waiting after an earlier error (a request
 * failed, then the transaction aborted) leave no unhandled rejection behind.
 */
export function completion(tx: IDBTransaction): Promise<void> {
	const done = new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('The transaction was aborted.'));
	});
	done.catch(() => {});
	return done;
}
