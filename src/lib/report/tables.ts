/**
 * The report's registers as typed tables: one place that says which columns a register has, in
 * which order, and what type each cell is. The CSV files (`csv.ts`) and the Excel workbook
 * (`xlsx.ts`, whose other sheets are in `workbook.ts`) are both written from these tables, so a
 * column added here shows up in both.
 *
 * Cells keep their type: numbers stay numbers, yes/no stays a boolean and dates are marked as
 * dates (`dateCell`), so the workbook can write real Excel dates while the CSV writes the ISO text.
 */
import { comparisonRows, type Comparison } from '$lib/domain/engine/compare';
import { REQUEST_STATUS_LABELS } from '$lib/domain/engine/display';
import type { ReportModel } from '$lib/domain/types';
import { makeRefs } from './pdf/refs';
import { ACTION_KIND_LABELS, PHASE_LABELS, RISK_LABELS, levelName } from './text';

/** A calendar date (`YYYY-MM-DD`) or a moment (ISO timestamp, shown in UTC). */
export interface DateCell {
	date: string;
	/** true: keep the time of day (an ISO timestamp). */
	time?: boolean;
}

export type Cell = string | number | boolean | null | undefined | DateCell;

export function dateCell(iso: string | null | undefined, time = false): DateCell | null {
	return iso ? { date: iso, time } : null;
}

export function isDateCell(cell: Cell): cell is DateCell {
	return typeof cell === 'object' && cell !== null;
}

export interface Column {
	header: string;
	/** Width in characters in the workbook. */
	width: number;
	/** Excel number format for the numbers of this column (default: General). */
	numberFormat?: string;
}

export interface Table {
	/** Sheet name (at most 31 characters, none of `[]:*?/\`). */
	name: string;
	columns: Column[];
	rows: Cell[][];
}

/** Column helper: `col('Risk score', 10)`. */
export function col(header: string, width: number, numberFormat?: string): Column {
	return numberFormat ? { header, width, numberFormat } : { header, width };
}

export const join = (items: readonly string[]): string => items.join('; ');

/**
 * Custom questions (added in the app, not from the built-in bank) are marked in every output:
 * a "Custom" column in the CSV files and the workbook, and these words after the title in the
 * PDF and the Word report.
 */
export const CUSTOM_MARK = ' (custom question)';
/** After an action that fixes a custom question. */
export const CUSTOM_ACTION_MARK = ' (from a custom question)';

/** Whether a question id is one of the model's custom questions. */
export function customCheck(
	model: Pick<ReportModel, 'customQuestionIds'>
): (id: string) => boolean {
	const ids = new Set(model.customQuestionIds ?? []);
	return (id) => ids.has(id);
}

/** The "Custom" column: yes for a row about a custom question. */
export const customColumn = (): Column => col('Custom', 8);

export function gapsTable(model: ReportModel): Table {
	const refs = makeRefs(model);
	const custom = customCheck(model);
	return {
		name: 'Gaps',
		columns: [
			col('Ref', 6),
			col('Gap ID', 16),
			col('Risk', 9),
			col('Risk score', 8, '0'),
			col('Likelihood', 8, '0'),
			col('Impact', 8, '0'),
			col('Area', 24),
			col('Criteria', 14),
			col('Question ID', 14),
			col('Title', 36),
			col('Description', 50),
			col('Current level', 14),
			col('Target level', 14),
			col('Flag', 12),
			col('Rationale', 50),
			col('Plan actions', 14),
			customColumn()
		],
		rows: refs.gaps.map((g) => [
			refs.gapRef.get(g.id),
			g.id,
			RISK_LABELS[g.risk],
			g.riskScore,
			g.likelihood,
			g.impact,
			`${g.area} ${refs.areaName.get(g.area) ?? ''}`.trim(),
			join(g.criteria),
			g.questionId,
			g.title,
			g.description,
			levelName(g.current),
			levelName(g.target),
			g.flagged === 'unknown' ? "Don't know" : g.flagged === 'unanswered' ? 'Unanswered' : '',
			g.rationale,
			join(
				refs.plan
					.filter((p) => p.gapIds.includes(g.id))
					.map((p) => refs.actionRef.get(p.id) ?? p.id)
			),
			custom(g.questionId)
		])
	};
}

export function planTable(model: ReportModel): Table {
	const refs = makeRefs(model);
	const custom = customCheck(model);
	return {
		name: 'Plan',
		columns: [
			col('Ref', 6),
			col('Action ID', 18),
			col('Phase', 13),
			col('Start', 11),
			col('Due', 11),
			col('Action', 50),
			col('Owner', 18),
			col('Effort', 7),
			col('Quick win', 9),
			col('Done', 7),
			col('Risk', 9),
			col('Gaps', 12),
			col('Gap IDs', 18),
			col('Criteria', 14),
			col('Depends on', 12),
			col('Depends on IDs', 18),
			col('Acceptance criteria', 50),
			col('Evidence to produce', 50),
			col('Kind', 24),
			col('Control (question ID)', 14),
			customColumn()
		],
		rows: refs.plan.map((p) => [
			refs.actionRef.get(p.id),
			p.id,
			PHASE_LABELS[p.phase],
			dateCell(p.start),
			dateCell(p.due),
			p.action,
			p.ownerRole,
			p.effort,
			p.quickWin,
			p.done,
			RISK_LABELS[p.risk],
			join(p.gapIds.map((id) => refs.gapRef.get(id) ?? id)),
			join(p.gapIds),
			join(p.criteria),
			join(p.dependsOn.map((id) => refs.actionRef.get(id) ?? id)),
			join(p.dependsOn),
			p.acceptance.join('\n'),
			p.evidence.join('\n'),
			ACTION_KIND_LABELS[p.kind] ?? p.kind,
			p.questionIds[0] ?? '',
			p.questionIds.some(custom)
		])
	};
}

export function cuecsTable(model: ReportModel): Table {
	return {
		name: 'CUECs',
		columns: [
			col('Ref', 6),
			col('CUEC ID', 16),
			col('Library template', 18),
			col('Area', 10),
			col('The customer is expected to', 70),
			col('Criteria', 16)
		],
		rows: model.cuecs.map((c, i) => [
			`U${i + 1}`,
			c.id,
			c.templateId ?? 'custom',
			c.area,
			c.text,
			join(c.criteria)
		])
	};
}

/**
 * The evidence request list (PBC), in list order (grouped by area), with the columns of the PDF
 * appendix. Header only for a model computed before the list existed.
 */
export function requestsTable(model: ReportModel): Table {
	return {
		name: 'Evidence requests',
		columns: [
			col('Ref', 6),
			col('Request ID', 20),
			col('Area', 16),
			col('Category', 14),
			col('Item', 36),
			col('What to provide', 50),
			col('Population', 40),
			col('Frequency', 12),
			col('Occurrences in the period', 12, '0'),
			col('Occurrences (note)', 30),
			col('Typical sample (auditor-dependent)', 30),
			col('Sample min', 9, '0'),
			col('Sample max', 9, '0'),
			col('Period', 30),
			col('Owner', 18),
			col('Criteria', 14),
			col('Questions', 20),
			col('Status', 9),
			col('Why', 40),
			col('Prepared', 17)
		],
		rows: (model.evidenceRequests?.rows ?? []).map((r) => [
			r.ref,
			r.id,
			r.areaLabel,
			r.category,
			r.item,
			r.provide,
			r.population ?? '',
			r.frequencyLabel,
			r.occurrences,
			r.occurrencesText,
			r.sample.text,
			r.sample.min,
			r.sample.max,
			r.period,
			r.owner,
			join(r.criteria),
			join(r.questions.map((q) => q.questionId)),
			REQUEST_STATUS_LABELS[r.status],
			r.statusReason,
			dateCell(r.prepared, true)
		])
	};
}

/** Workbook widths of the comparison's columns, in the order of `comparisonRows`. */
const COMPARISON_WIDTHS = [9, 16, 8, 40, 22, 22, 22, 9];

/**
 * Two assessments compared (issue 20): a row per question in scope on either date, then a row
 * per gap, with both dates' values and the change in words (`comparisonRows` says the columns).
 */
export function comparisonTable(c: Comparison): Table {
	const { header, rows } = comparisonRows(c);
	return {
		name: 'Comparison',
		columns: header.map((h, i) => col(h, COMPARISON_WIDTHS[i] ?? 16)),
		rows
	};
}
