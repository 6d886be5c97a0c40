/**
 * The report-model worker: the question bank (fetched here as JSON, precached for offline use)
 * and the report engine load and run in this thread, so the results and export pages neither
 * download the engine nor spend their main thread computing a full workshop's report. The work
 * itself is `handleModelRequest` (model-handler.ts); this file only connects it to messages.
 */
/// <reference lib="webworker" />
import type { ModelRequest } from './model-protocol';
import { handleModelRequest, storeResult } from './model-handler';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (e: MessageEvent<ModelRequest>) => {
	const res = await handleModelRequest(e.data);
	self.postMessage(res);
	// Kept for a later visit once the page has its answer (see model-cache.ts).
	await storeResult(e.data, res);
};
