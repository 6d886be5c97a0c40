/**
 * The Excel workbook and the editable Word report on the export page: per file, what is
 * happening, the last problem and the last file saved. Both are written in the report worker
 * (`$lib/report/pdf-client`), which loads each writer (and the library behind it) only when its
 * file is first asked for: neither adds to the JavaScript a page needs before it is shown, and
 * neither blocks the page while it writes. Both are precached, so they also work offline.
 */
import { errorText } from '$lib/components/app/assessment-loader.svelte';
import { downloadBlob } from '$lib/export/download';
import { DOCX_TYPE, XLSX_TYPE } from '$lib/report/office';
import { loadCsv, nextPaint, type ExportState, type PdfDone } from './export.svelte';

export type OfficeKind = 'xlsx' | 'docx';

export interface OfficeFile {
	kind: OfficeKind;
	title: string;
	button: string;
	about: string;
	what: string;
	loading: string;
	making: string;
}

export const OFFICE_FILES: OfficeFile[] = [
	{
		kind: 'xlsx',
		title: 'Workbook (Excel)',
		button: 'Download workbook (.xlsx)',
		about:
			'Every field on its own sheet: summary, answers with notes and evidence, gaps, plan, vendors, CUECs and the coverage of all 61 criteria. Real dates and numbers, a filter on every header row.',
		what: 'workbook',
		loading: 'Loading the spreadsheet writer…',
		making: 'Writing the workbook…'
	},
	{
		kind: 'docx',
		title: 'Word report',
		button: 'Download Word report (.docx)',
		about:
			'The sections of the PDF in Word styles, with your branding, to reword and restyle before it goes to leadership. Uses the paper size chosen above.',
		what: 'Word report',
		loading: 'Loading the Word writer…',
		making: 'Writing the Word report…'
	}
];

export class OfficeExports {
	/** What is happening now (null when idle). */
	step = $state<Record<OfficeKind, string | null>>({ xlsx: null, docx: null });
	problem = $state<Record<OfficeKind, string | null>>({ xlsx: null, docx: null });
	done = $state<Record<OfficeKind, PdfDone | null>>({ xlsx: null, docx: null });

	constructor(private readonly ex: ExportState) {}

	async download(f: OfficeFile): Promise<void> {
		const { model, assessment } = this.ex;
		if (!model || !assessment || this.step[f.kind]) return;
		this.problem[f.kind] = null;
		this.done[f.kind] = null;
		const t0 = performance.now();
		const warnings: string[] = [];
		try {
			this.step[f.kind] = f.loading;
			const [{ exportFileName }, client, bank] = await Promise.all([
				loadCsv(),
				import('$lib/report/pdf-client').then(async (c) => {
					await c.loadOfficeWriter(f.kind);
					return c;
				}),
				// The workbook's coverage sheet lists the bank's criteria (custom questions add none):
				// the bank is read here, on demand, since the page itself never loads it.
				f.kind === 'xlsx'
					? import('$lib/bank').then((b) => b.loadBank())
					: Promise.resolve({ criteria: [] })
			]);
			this.step[f.kind] = f.making;
			await nextPaint();
			// Written in the report worker, off the page's main thread (as the PDF is).
			const written = await client.renderOffice(f.kind, model, this.ex.paper, assessment, bank);
			warnings.push(...written.warnings);
			const bytes = written.bytes;
			const filename = exportFileName(model, 'report', f.kind);
			downloadBlob(
				new Blob([bytes as BlobPart], { type: f.kind === 'xlsx' ? XLSX_TYPE : DOCX_TYPE }),
				filename
			);
			this.done[f.kind] = { filename, bytes: bytes.length, ms: performance.now() - t0 };
			if (warnings.length) this.problem[f.kind] = warnings.join(' ');
		} catch (e) {
			this.problem[f.kind] =
				`The ${f.what} could not be made: ${errorText(e)}. Nothing was downloaded; try again, or reload the page if it keeps failing.`;
		} finally {
			this.step[f.kind] = null;
		}
	}
}
