/**
 * Messages between the export page and the PDF worker (src/lib/report/pdf.worker.ts). Plain
 * structured-clone data: the report model goes in, the PDF bytes come back (transferred).
 */
import type { ReportModel } from '$lib/domain/types';
import type { Paper } from './pdf';

export type PdfRequest =
	{ id: number; kind: 'warm' } | { id: number; kind: 'render'; model: ReportModel; paper: Paper };

export type PdfResponse =
	| { id: number; ok: true; bytes?: Uint8Array; warnings: string[] }
	| { id: number; ok: false; message: string };
