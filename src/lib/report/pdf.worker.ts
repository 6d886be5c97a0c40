/**
 * The report worker: jsPDF, the table plugin and the fonts load and run here, and so do the
 * Office writers (write-excel-file, docx), off the page's main thread, so the page stays
 * responsive while a 100-page report or a full workbook is written. The renderers are the same
 * `renderReportPdf`, `renderWorkbook` and `renderWordReport` that `npm run report` runs in
 * Node, so both give the same files.
 *
 * "warm" loads everything a PDF needs (sent when the export page opens); "render" draws the
 * model; "office-load" loads one Office writer (on the first click of its button); "office"
 * writes that file. The bytes are transferred back.
 */
/// <reference lib="webworker" />
import type { OfficeFormat, PdfRequest, PdfResponse } from './pdf-protocol';
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

const writers = {
	xlsx: () => import('./xlsx'),
	docx: () => import('./docx')
} satisfies Record<OfficeFormat, () => Promise<unknown>>;

async function handle(req: PdfRequest): Promise<{ bytes?: Uint8Array; warnings: string[] }> {
	const warnings: string[] = [];
	const onWarning = (m: string) => warnings.push(m);
	switch (req.kind) {
		case 'warm':
			await warm();
			return { warnings };
		case 'render':
			return {
				bytes: await renderReportPdf(req.model, { paper: req.paper, onWarning }),
				warnings
			};
		case 'office-load':
			await writers[req.format]();
			return { warnings };
		case 'office': {
			const bytes =
				req.format === 'xlsx'
					? await (
							await writers.xlsx()
						).renderWorkbook({
							model: req.model,
							assessment: { answers: req.answers },
							bank: { criteria: req.criteria }
						})
					: await (
							await writers.docx()
						).renderWordReport(req.model, { paper: req.paper, onWarning });
			return { bytes, warnings };
		}
	}
}

self.onmessage = async (e: MessageEvent<PdfRequest>) => {
	const req = e.data;
	let res: PdfResponse;
	try {
		const { bytes, warnings } = await handle(req);
		res = { id: req.id, ok: true, bytes, warnings };
		if (bytes) {
			self.postMessage(res, [bytes.buffer as ArrayBuffer]);
			return;
		}
	} catch (err) {
		res = { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
	}
	self.postMessage(res);
};
