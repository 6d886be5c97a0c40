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
