/**
 * The leadership PDF: `renderReportPdf(model, { paper })` draws a ReportModel with jsPDF and
 * jspdf-autotable. It runs in the browser and in Node and gives the same bytes for the same
 * model (fixed creation date and file id derived from the model). jsPDF, the table plugin and
 * the embedded fonts are imported only when this function runs, so importing this module costs
 * nothing until a user actually exports.
 */
import type { ReportModel } from '$lib/domain/types';
import type { AutoTableFn } from './pdf/writer';

export type Paper = 'a4' | 'letter';

export interface RenderOptions {
	paper?: Paper;
	/** Called with a readable message for anything that was left out (e.g. an unreadable logo). */
	onWarning?: (message: string) => void;
}

export async function renderReportPdf(
	model: ReportModel,
	opts: RenderOptions = {}
): Promise<Uint8Array> {
	const [jspdfModule, autoTableModule, { loadReportFonts }, { buildDocument }] = await Promise.all([
		import('jspdf'),
		import('jspdf-autotable'),
		import('./fonts'),
		import('./pdf/document')
	]);
	// The larger right-to-left fonts only when some text of the report is Hebrew or Arabic.
	const { needsRtlFonts } = await import('./text');
	const fonts = await loadReportFonts({ rtl: needsRtlFonts(JSON.stringify(model)) });
	// The Node build of jsPDF is CommonJS; depending on the loader the class sits on the
	// namespace or on its default export.
	const ns = jspdfModule as unknown as {
		jsPDF?: typeof import('jspdf').jsPDF;
		default?: { jsPDF?: typeof import('jspdf').jsPDF };
	};
	const JsPDF = ns.jsPDF ?? ns.default?.jsPDF;
	const atNs = autoTableModule as unknown as { autoTable?: AutoTableFn; default?: AutoTableFn };
	const autoTable = atNs.autoTable ?? atNs.default;
	if (!JsPDF || !autoTable) throw new Error('The PDF library could not be loaded.');
	return buildDocument(JsPDF, autoTable, fonts, model, {
		paper: opts.paper ?? 'a4',
		onWarning: opts.onWarning
	});
}
