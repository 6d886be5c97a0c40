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
