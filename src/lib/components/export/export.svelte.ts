/**
 * State of the export page: the assessment (live from IndexedDB, so branding changes and edits
 * in another tab show up) and its report model, computed in the report-model worker
 * (ReportLoader): the PDF, CSV and office files are made from that one model. The PDF, CSV and
 * branding actions.
 * The PDF is drawn in a Web Worker (src/lib/report/pdf-client.ts), which loads jsPDF and the
 * report fonts when the page opens; none of it runs on the page's main thread. The CSV writers
 * load on the first CSV download. The Excel and Word exports are in `office-files.svelte.ts`.
 */
import { getSetting, setSetting, updateBranding } from '$lib/db/light';
import { errorText } from '$lib/components/app/assessment-loader.svelte';
import { ReportLoader } from '$lib/components/app/report-loader.svelte';
import type { Comparison } from '$lib/domain/engine/compare';
import type { Branding } from '$lib/domain/types';
import { downloadBlob } from '$lib/export/download';

export type Paper = 'a4' | 'letter';
export type CsvKind = 'gaps' | 'plan' | 'cuecs' | 'requests' | 'comparison';

export const PAPER_SETTING = 'report.paper';

export interface PdfDone {
	filename: string;
	bytes: number;
	ms: number;
}

/** US Letter where it is the usual paper size, A4 elsewhere. */
export function defaultPaper(language: string | undefined): Paper {
	return /^(en-(US|CA|PH)|es-(US|MX|CL|CO|VE)|fr-CA)$/i.test(language ?? '') ? 'letter' : 'a4';
}

/** Lets the browser paint a status message before a long synchronous step. */
export function nextPaint(): Promise<void> {
	return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}

let csvModule: Promise<typeof import('$lib/report/csv')> | null = null;

/** The CSV writers and the file names, loaded on the first download (they are small). */
export function loadCsv(): Promise<typeof import('$lib/report/csv')> {
	csvModule ??= import('$lib/report/csv').catch((e: unknown) => {
		csvModule = null;
		throw e;
	});
	return csvModule;
}

/** Starts the PDF worker and loads jsPDF and the fonts in it (when the page is shown). */
export function warmUpPdf(): Promise<void> {
	return import('$lib/report/pdf-client').then((m) => m.warmUpPdfWorker());
}

export class ExportState extends ReportLoader {
	paper = $state<Paper>('a4');

	/** PDF progress: null when idle, otherwise what is happening now. */
	pdfStep = $state<string | null>(null);
	pdfError = $state<string | null>(null);
	pdfDone = $state.raw<PdfDone | null>(null);
	csvError = $state<string | null>(null);
	brandingSaving = $state(false);
	brandingError = $state<string | null>(null);

	override async start(): Promise<void> {
		this.paper = defaultPaper(globalThis.navigator?.language);
		try {
			const saved = await getSetting<Paper>(PAPER_SETTING);
			if (saved === 'a4' || saved === 'letter') this.paper = saved;
		} catch {
			// A missing preference is not a problem.
		}
		await super.start();
	}

	async setPaper(paper: Paper): Promise<void> {
		this.paper = paper;
		try {
			await setSetting(PAPER_SETTING, paper);
		} catch {
			// Remembering the choice is a convenience; the export still uses it.
		}
	}

	/** The PDF, with a "Progress since <date>" page when a comparison is given. */
	async downloadPdf(comparison: Comparison | null = null): Promise<void> {
		const base = this.model;
		if (!base || this.pdfStep) return;
		const model = comparison ? { ...base, comparison } : base;
		this.pdfError = null;
		this.pdfDone = null;
		const t0 = performance.now();
		try {
			const { exportFileName } = await loadCsv();
			this.pdfStep = `Drawing the report (${this.paper === 'a4' ? 'A4' : 'US Letter'})…`;
			const { renderPdf } = await import('$lib/report/pdf-client');
			const { bytes, warnings } = await renderPdf(model, this.paper);
			const filename = exportFileName(model, 'report', 'pdf');
			downloadBlob(new Blob([bytes as BlobPart], { type: 'application/pdf' }), filename);
			this.pdfDone = { filename, bytes: bytes.length, ms: performance.now() - t0 };
			if (warnings.length) this.pdfError = warnings.join(' ');
		} catch (e) {
			this.pdfError = `The PDF could not be made: ${errorText(e)}. Nothing was downloaded; try again, or reload the page if it keeps failing.`;
		} finally {
			this.pdfStep = null;
		}
	}

	/** A CSV file; the comparison's needs the comparison. */
	async downloadCsv(kind: CsvKind, comparison: Comparison | null = null): Promise<void> {
		const model = this.model;
		if (!model || (kind === 'comparison' && !comparison)) return;
		this.csvError = null;
		try {
			const { comparisonCsv, cuecsCsv, exportFileName, gapsCsv, planCsv, requestsCsv } =
				await loadCsv();
			const text =
				kind === 'comparison'
					? comparisonCsv(comparison!)
					: { gaps: gapsCsv, plan: planCsv, cuecs: cuecsCsv, requests: requestsCsv }[kind](model);
			downloadBlob(
				new Blob([text], { type: 'text/csv;charset=utf-8' }),
				exportFileName(model, kind, 'csv')
			);
		} catch (e) {
			this.csvError = `The CSV file could not be made: ${errorText(e)}.`;
		}
	}

	/** Saves branding fields (`updateBranding`: only those fields; the live query then shows it). */
	async saveBranding(patch: Partial<Branding>): Promise<boolean> {
		this.brandingError = null;
		this.brandingSaving = true;
		try {
			await updateBranding(this.id, patch);
			return true;
		} catch (e) {
			this.brandingError = `The branding could not be saved: ${errorText(e)}. Nothing was changed.`;
			return false;
		} finally {
			this.brandingSaving = false;
		}
	}
}
