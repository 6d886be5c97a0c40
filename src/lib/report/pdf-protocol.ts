/**
 * Messages between the export page and the report worker (src/lib/report/pdf.worker.ts). Plain
 * structured-clone data: the report model goes in, the file's bytes come back (transferred).
 * The worker draws the PDF and writes the Office files (the Excel workbook, the Word report).
 */
import type { Assessment, Bank, ReportModel } from '$lib/domain/types';
import type { Paper } from './pdf';

export type OfficeFormat = 'xlsx' | 'docx';

export type PdfRequest =
	| { id: number; kind: 'warm' }
	| { id: number; kind: 'render'; model: ReportModel; paper: Paper }
	/** Loads the writer of one Office format (its library), so the page can say what it waits for. */
	| { id: number; kind: 'office-load'; format: OfficeFormat }
	| {
			id: number;
			kind: 'office';
			format: OfficeFormat;
			model: ReportModel;
			paper: Paper;
			/** For the time each answer was last changed (the workbook). */
			answers: Assessment['answers'];
			/** For the criteria outside the scope (the workbook's coverage sheet). */
			criteria: Bank['criteria'];
	  };

export type PdfResponse =
	| { id: number; ok: true; bytes?: Uint8Array; warnings: string[] }
	| { id: number; ok: false; message: string };
