/**
 * Figures measured in Node: the report model (buildReportModel) and the PDF renderer
 * (renderReportPdf) on the full assessment, plus the whole `npm run report` process when the
 * CLI exists. Each piece is imported dynamically so that a missing piece is reported as
 * "not measured" instead of crashing the bench.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Assessment, Bank, ReportModel } from '../src/lib/domain/types';
import { measuredFigure, notMeasured, type Figure } from './lib/figures';
import { summarize } from './lib/stats';

export const TODAY = '2026-11-28';

function errText(e: unknown): string {
	return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'error';
}

function fmt(ms: number): string {
	return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

export interface NodeFigures {
	figures: Figure[];
	model: ReportModel | null;
}

export async function measureReportModel(bank: Bank, a: Assessment): Promise<NodeFigures> {
	const base = {
		id: 'report-model',
		label: 'Report model, full assessment (Node, median)',
		unit: 'ms' as const,
		budget: { kind: 'max' as const, value: 20 }
	};
	let build: (bank: Bank, a: Assessment, today: string) => ReportModel;
	try {
		({ buildReportModel: build } = await import('../src/lib/domain/engine/index'));
	} catch (e) {
		return { figures: [notMeasured(base, `engine not available: ${errText(e)}`)], model: null };
	}
	let model: ReportModel;
	try {
		for (let i = 0; i < 20; i++) model = build(bank, a, TODAY); // warm-up (JIT)
		const samples: number[] = [];
		for (let i = 0; i < 60; i++) {
			const t0 = performance.now();
			model = build(bank, a, TODAY);
			samples.push(performance.now() - t0);
		}
		const s = summarize(samples);
		model = build(bank, a, TODAY);
		return {
			figures: [
				measuredFigure(
					{
						...base,
						detail: `median ${fmt(s.median)}, p95 ${fmt(s.p95)}, n=${s.n} after 20 warm-up; ${model.gaps.length} gaps, ${model.plan.length} actions`,
						data: s
					},
					s.median
				)
			],
			model
		};
	} catch (e) {
		return { figures: [notMeasured(base, `buildReportModel threw: ${errText(e)}`)], model: null };
	}
}

export async function measureNodePdf(model: ReportModel | null): Promise<Figure> {
	const base = {
		id: 'pdf-node',
		label: 'PDF, full assessment (Node render, median)',
		unit: 'ms' as const,
		budget: { kind: 'max' as const, value: 1000 }
	};
	if (!model) return notMeasured(base, 'no report model (engine missing or failing)');
	let render: (m: ReportModel) => Promise<Uint8Array>;
	try {
		({ renderReportPdf: render } = await import('../src/lib/report/pdf'));
	} catch (e) {
		return notMeasured(base, `renderReportPdf not available: ${errText(e)}`);
	}
	try {
		const first0 = performance.now();
		const bytes = await render(model); // warm-up: loads jsPDF and the fonts once
		const first = performance.now() - first0;
		const samples: number[] = [];
		for (let i = 0; i < 5; i++) {
			const t0 = performance.now();
			await render(model);
			samples.push(performance.now() - t0);
		}
		const s = summarize(samples);
		const pages = (
			Buffer.from(bytes)
				.toString('latin1')
				.match(/\/Type\s*\/Page[^s]/g) ?? []
		).length;
		return measuredFigure(
			{
				...base,
				detail: `median ${fmt(s.median)}, p95 ${fmt(s.p95)}, n=${s.n}; first call ${fmt(first)} (loads jsPDF + fonts); ${pages} pages, ${(bytes.length / 1024).toFixed(0)} KB`,
				data: { ...s, first, pages, bytes: bytes.length }
			},
			s.median
		);
	} catch (e) {
		return notMeasured(base, `renderReportPdf threw: ${errText(e)}`);
	}
}

/** `npm run report -- --in … --out …` as a whole process (informational). */
export function measureReportCli(exportFile: string, outPdf: string): Figure {
	const base = {
		id: 'pdf-cli',
		label: '`npm run report` whole process (Node)',
		unit: 'ms' as const,
		budget: null
	};
	const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
		scripts?: Record<string, string>;
	};
	const script = pkg.scripts?.report;
	if (!script) return notMeasured(base, 'no "report" script in package.json yet');
	const samples: number[] = [];
	for (let i = 0; i < 3; i++) {
		const t0 = performance.now();
		const r = spawnSync(
			'npm',
			['run', '--silent', 'report', '--', '--in', exportFile, '--out', outPdf],
			{
				encoding: 'utf8',
				timeout: 60_000
			}
		);
		const ms = performance.now() - t0;
		if (r.status !== 0 || !existsSync(outPdf) || statSync(outPdf).size === 0) {
			return notMeasured(
				base,
				`npm run report -- --in … --out report.pdf failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim().split('\n')[0] ?? ''}`
			);
		}
		samples.push(ms);
	}
	const s = summarize(samples);
	return measuredFigure(
		{
			...base,
			detail: `median of ${s.n} runs, min ${fmt(s.min)}; includes npm, tsx start-up and the engine`,
			data: s
		},
		s.median
	);
}

/** Write the assessment in the export format (what `npm run report --in` and import read). */
export async function writeExportFile(a: Assessment, file: string): Promise<void> {
	let doc: unknown;
	try {
		const { buildExportDocument } = await import('../src/lib/export/index');
		doc = buildExportDocument(a, '2026-11-28T12:00:00.000Z');
	} catch {
		// Export module missing: write the documented envelope by hand.
		doc = {
			format: 'soc2-readiness-assessment',
			formatVersion: 1,
			exportedAt: '2026-11-28T12:00:00.000Z',
			app: { name: 'SOC 2 Readiness', version: '0.0.0' },
			assessment: a
		};
	}
	writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

/**
 * Issue 20: comparing two full assessments of one organisation as the results page does when
 * the user picks the other one: score the other assessment (its report model) and compare it
 * with the model on screen. Budget 30 ms (median).
 */
export async function measureCompare(
	bank: Bank,
	before: Assessment,
	after: Assessment
): Promise<Figure> {
	const base = {
		id: 'compare',
		label: 'Compare two full assessments (Node, median)',
		unit: 'ms' as const,
		budget: { kind: 'max' as const, value: 30 }
	};
	let build: (bank: Bank, a: Assessment, today: string) => ReportModel;
	let compare: typeof import('../src/lib/domain/engine/compare').compareModels;
	try {
		({ buildReportModel: build } = await import('../src/lib/domain/engine/index'));
		({ compareModels: compare } = await import('../src/lib/domain/engine/compare'));
	} catch (e) {
		return notMeasured(base, `engine not available: ${errText(e)}`);
	}
	try {
		const current = build(bank, after, TODAY);
		const run = () => compare(build(bank, before, before.meta.assessmentDate), current);
		for (let i = 0; i < 20; i++) run(); // warm-up (JIT)
		const samples: number[] = [];
		const compareOnly: number[] = [];
		const earlier = build(bank, before, before.meta.assessmentDate);
		let c = run();
		for (let i = 0; i < 60; i++) {
			const t0 = performance.now();
			c = run();
			samples.push(performance.now() - t0);
			const t1 = performance.now();
			compare(earlier, current);
			compareOnly.push(performance.now() - t1);
		}
		const s = summarize(samples);
		const only = summarize(compareOnly);
		return measuredFigure(
			{
				...base,
				detail: `median ${fmt(s.median)}, p95 ${fmt(s.p95)}, n=${s.n} after 20 warm-up (scoring the other assessment + compareModels; compareModels alone ${fmt(only.median)}); ${c.questions.length} questions, ${c.gaps.length} gaps compared`,
				data: { ...s, compareOnly: only.median }
			},
			s.median
		);
	} catch (e) {
		return notMeasured(base, `compareModels threw: ${errText(e)}`);
	}
}

/**
 * Merging a copy of the full assessment that was edited on another device (issue 17's "merge
 * copies"): both copies share the document's history; the other device changed 30 answers and
 * 10 notes, this one changed 10 of the same answers differently, so the merge meets conflicts
 * as a workshop's does. Timed: `mergeState` (decode the incoming state, apply it, settle the
 * conflicts by time, describe the changes), each time on a fresh copy of this device's state.
 */
export async function measureMerge(full: Assessment): Promise<Figure> {
	const base = {
		id: 'merge',
		label: 'Merge an edited copy of the full assessment (Node, median)',
		unit: 'ms' as const,
		budget: { kind: 'max' as const, value: 100 }
	};
	let doc: typeof import('../src/lib/doc/index');
	let Y: typeof import('yjs');
	try {
		doc = await import('../src/lib/doc/index');
		Y = await import('yjs');
	} catch (e) {
		return notMeasured(base, `document layer not available: ${errText(e)}`);
	}
	try {
		const local = doc.assessmentToDoc(full);
		const shared = Y.encodeStateAsUpdate(local);
		const other = doc.decodeState(shared);
		const ids = Object.keys(full.answers).sort();
		const edit = (d: import('yjs').Doc, by: string, minute: number, qs: string[], level: 1 | 4) =>
			qs.forEach((q, i) =>
				doc.setAnswer(
					d,
					{ at: `2026-11-28T10:${String(minute + (i % 50)).padStart(2, '0')}:00.000Z`, by },
					q,
					level
				)
			);
		edit(other, 'Other device', 0, ids.slice(0, 30), 4);
		ids
			.slice(30, 40)
			.forEach((q) =>
				doc.setNote(
					other,
					{ at: '2026-11-28T11:00:00.000Z', by: 'Other device' },
					q,
					`Checked ${q}.`
				)
			);
		edit(local, 'This device', 5, ids.slice(20, 30), 1);
		const incoming = Y.encodeStateAsUpdate(other);
		const mine = Y.encodeStateAsUpdate(local);
		let summary = doc.mergeState(doc.decodeState(mine), incoming, 'Bench');
		for (let i = 0; i < 5; i++) doc.mergeState(doc.decodeState(mine), incoming, 'Bench'); // warm-up
		const samples: number[] = [];
		for (let i = 0; i < 30; i++) {
			const copy = doc.decodeState(mine);
			const t0 = performance.now();
			summary = doc.mergeState(copy, incoming, 'Bench');
			samples.push(performance.now() - t0);
		}
		const s = summarize(samples);
		return measuredFigure(
			{
				...base,
				detail: `median ${fmt(s.median)}, p95 ${fmt(s.p95)}, n=${s.n} after 5 warm-up; ${(incoming.length / 1024).toFixed(0)} KB incoming state; ${summary.answersIn.length} answers now from the other copy, ${summary.conflicts.length} conflicts, ${summary.changes.length} changes described`,
				data: {
					...s,
					answersIn: summary.answersIn.length,
					conflicts: summary.conflicts.length,
					bytes: incoming.length
				}
			},
			s.median
		);
	} catch (e) {
		return notMeasured(base, `mergeState threw: ${errText(e)}`);
	}
}

/**
 * The Excel workbook and the Word report of the full assessment (issue 21), rendered in Node as
 * `npm run report --xlsx/--docx` does. Same budget as the PDF's render: a file a user waits for.
 */
export async function measureOfficeFiles(
	bank: Bank,
	a: Assessment,
	model: ReportModel | null
): Promise<Figure[]> {
	const files = [
		{
			id: 'xlsx-node',
			label: 'Excel workbook, full assessment (Node render, median)',
			render: async (m: ReportModel) =>
				(await import('../src/lib/report/xlsx')).renderWorkbook({ model: m, assessment: a, bank })
		},
		{
			id: 'docx-node',
			label: 'Word report, full assessment (Node render, median)',
			render: async (m: ReportModel) => (await import('../src/lib/report/docx')).renderWordReport(m)
		}
	];
	const out: Figure[] = [];
	for (const f of files) {
		const base = {
			id: f.id,
			label: f.label,
			unit: 'ms' as const,
			budget: { kind: 'max' as const, value: 1000 }
		};
		if (!model) {
			out.push(notMeasured(base, 'no report model (engine missing or failing)'));
			continue;
		}
		try {
			const first0 = performance.now();
			const bytes = await f.render(model); // loads the library once
			const first = performance.now() - first0;
			const samples: number[] = [];
			for (let i = 0; i < 5; i++) {
				const t0 = performance.now();
				await f.render(model);
				samples.push(performance.now() - t0);
			}
			const s = summarize(samples);
			out.push(
				measuredFigure(
					{
						...base,
						detail: `median ${fmt(s.median)}, p95 ${fmt(s.p95)}, n=${s.n}; first call ${fmt(first)} (loads the library); ${(bytes.length / 1024).toFixed(0)} KB`,
						data: { ...s, first, bytes: bytes.length }
					},
					s.median
				)
			);
		} catch (e) {
			out.push(notMeasured(base, `render threw: ${errText(e)}`));
		}
	}
	return out;
}
