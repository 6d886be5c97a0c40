/**
 * The page side of the report worker: one worker per page, started (and warmed: jsPDF, the table
 * plugin and the fonts loaded) when the export page opens, so that the click only draws. The
 * same worker writes the Excel workbook and the Word report, loading each writer on its first
 * use. jsPDF and the Office libraries never load on the page itself (every browser the app
 * supports has module workers).
 */
import type { Assessment, Bank, ReportModel } from '$lib/domain/types';
import type { Paper } from './pdf';
import type { OfficeFormat, PdfRequest, PdfResponse } from './pdf-protocol';

export interface PdfResult {
	bytes: Uint8Array;
	warnings: string[];
}

type Pending = { resolve: (r: PdfResponse) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
let warming: Promise<void> | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(message: string): void {
	for (const p of pending.values()) p.reject(new Error(message));
	pending.clear();
	worker?.terminate();
	worker = null; // the next request starts a new worker
	warming = null;
}

const NO_WORKER =
	'this browser cannot write reports in the background (no module workers); use a current version of Chrome, Edge, Firefox or Safari';

function getWorker(): Worker {
	if (worker) return worker;
	if (typeof Worker === 'undefined') throw new Error(NO_WORKER);
	try {
		worker = new Worker(new URL('./pdf.worker.ts', import.meta.url), {
			type: 'module',
			name: 'pdf'
		});
	} catch (e) {
		throw new Error(`${NO_WORKER} (${e instanceof Error ? e.message : String(e)})`);
	}
	worker.onmessage = (e: MessageEvent<PdfResponse>) => {
		const p = pending.get(e.data.id);
		if (!p) return;
		pending.delete(e.data.id);
		p.resolve(e.data);
	};
	worker.onerror = (e) => {
		e.preventDefault();
		failAll(`the report worker stopped (${e.message || 'it could not be loaded'})`);
	};
	worker.onmessageerror = () => failAll('the report worker sent an unreadable message');
	return worker;
}

/** A request without its id (distributed over the kinds of request). */
type Unsent<T> = T extends unknown ? Omit<T, 'id'> : never;

function ask(w: Worker, req: Unsent<PdfRequest>): Promise<PdfResponse> {
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve, reject });
		w.postMessage({ ...req, id } as PdfRequest);
	});
}

/** Starts the worker and loads jsPDF and the fonts in it (once); resolves when ready. */
export function warmUpPdfWorker(): Promise<void> {
	warming ??= ask(getWorker(), { kind: 'warm' }).then((res) => {
		if (!res.ok) throw new Error(res.message);
	});
	warming.catch(() => {
		warming = null; // a later call tries again
	});
	return warming;
}

/** Draws the report in the worker. */
export async function renderPdf(model: ReportModel, paper: Paper): Promise<PdfResult> {
	const res = await ask(getWorker(), { kind: 'render', model, paper });
	if (!res.ok) throw new Error(res.message);
	if (!res.bytes) throw new Error('the PDF worker returned no document');
	return { bytes: res.bytes, warnings: res.warnings };
}

/** Loads the writer of one Office format in the worker (once; later calls return at once). */
export async function loadOfficeWriter(format: OfficeFormat): Promise<void> {
	const res = await ask(getWorker(), { kind: 'office-load', format });
	if (!res.ok) throw new Error(res.message);
}

/** Writes the Excel workbook or the Word report in the worker. */
export async function renderOffice(
	format: OfficeFormat,
	model: ReportModel,
	paper: Paper,
	assessment: Pick<Assessment, 'answers'>,
	bank: Pick<Bank, 'criteria'>
): Promise<PdfResult> {
	const res = await ask(getWorker(), {
		kind: 'office',
		format,
		model,
		paper,
		answers: assessment.answers,
		criteria: bank.criteria
	});
	if (!res.ok) throw new Error(res.message);
	if (!res.bytes) throw new Error(`the report worker returned no ${format} file`);
	return { bytes: res.bytes, warnings: res.warnings };
}
