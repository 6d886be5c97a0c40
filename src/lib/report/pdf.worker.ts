/**
 * The PDF worker: jsPDF, the table plugin and the fonts load and run here, off the page's main
 * thread, so the page stays responsive while a 100-page report is drawn. The renderer is the
 * same `renderReportPdf` that `npm run report` runs in Node, so both give the same bytes.
 *
 * "warm" loads everything a render needs (sent when the export page opens); "render" draws the
 * model and transfers the bytes back.
 */
/// <reference lib="webworker" />
import type { PdfRequest, PdfResponse } from './pdf-protocol';
import { renderReportPdf } from './pdf';

declare const self: DedicatedWorkerGlobalScope;

async function warm(): Promise<void> {
	const [, , fonts] = await Promise.all([
		import('jspdf'),
		import('jspdf-autotable'),
		import('./fonts'),
		import('./pdf/document'),
		import('./text')
	]);
	await fonts.loadReportFonts();
}

self.onmessage = async (e: MessageEvent<PdfRequest>) => {
	const req = e.data;
	let res: PdfResponse;
	try {
		if (req.kind === 'warm') {
			await warm();
			res = { id: req.id, ok: true, warnings: [] };
		} else {
			const warnings: string[] = [];
			const bytes = await renderReportPdf(req.model, {
				paper: req.paper,
				onWarning: (m) => warnings.push(m)
			});
			res = { id: req.id, ok: true, bytes, warnings };
			self.postMessage(res, [bytes.buffer as ArrayBuffer]);
			return;
		}
	} catch (err) {
		res = { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
	}
	self.postMessage(res);
};
