/**
 * The report's registers as typed tables: one place that says which columns a register has, in
 * which order, and what type each cell is. The CSV files (`csv.ts`) and the Excel workbook
 * (`xlsx.ts`) are both written from these tables, so a column added here shows up in both.
 *
 * Cells keep their type: numbers stay numbers, yes/no stays a boolean and dates are marked as
 * dates (`dateCell`), so the workbook can write real Excel dates while the CSV writes the ISO text.
 */
import type {
	Assessment,
	Bank,
	CategoryId,
	EvidencePointer,
	ReportModel,
	SubserviceSummaryRow
} from '$lib/domain/types';
import { makeRefs } from './pdf/refs';
import {
	ACTION_KIND_LABELS,
	CATEGORY_LABELS,
	METHOD_LABELS,
	PHASE_LABELS,
	RISK_LABELS,
	RISK_ORDER,
	SOC_STATUS_LABELS,
	levelLabel,
	levelName,
	recommendationLabel
} from './text';

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
function col(header: string, width: number, numberFormat?: string): Column {
	return numberFormat ? { header, width, numberFormat } : { header, width };
}

const join = (items: readonly string[]): string => items.join('; ');

/** Evidence pointers as text: "Name — location (owner; SHA-256 …)", one per line. */
export function pointerText(pointers: readonly EvidencePointer[]): string {
	return pointers
		.map((p) => {
			const extra = [p.owner, p.sha256 ? `SHA-256 ${p.sha256}` : ''].filter(Boolean).join('; ');
			return `${p.name} — ${p.location}${extra ? ` (${extra})` : ''}`;
		})
		.join('\n');
}

export function gapsTable(model: ReportModel): Table {
	const refs = makeRefs(model);
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
			col('Plan actions', 14)
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
			)
		])
	};
}

export function planTable(model: ReportModel): Table {
	const refs = makeRefs(model);
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
			col('Control (question ID)', 14)
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
			p.questionIds[0] ?? ''
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

/** Everything the workbook is made from: the model plus what only the assessment and bank hold. */
export interface WorkbookSource {
	model: ReportModel;
	/** For the time each answer was last changed. */
	assessment: Pick<Assessment, 'answers'>;
	/** For the criteria outside the scope (the coverage sheet lists all of them). */
	bank: Pick<Bank, 'criteria'>;
}

/** Key facts, then readiness by area (a second table below, with its own header row). */
/** `areaHeaderRow` is the 1-based sheet row of the area table's header (row 1 is the facts' header). */
export function summaryTable(model: ReportModel): Table & { areaHeaderRow: number } {
	const a = model.assessment;
	const rec = model.recommendation;
	const counts = model.score.counts;
	const gapsByRisk = RISK_ORDER.map((r) => model.gaps.filter((g) => g.risk === r).length);
	const facts: [string, Cell][] = [
		['Organisation', a.organisation],
		['Prepared by', a.assessor],
		['Assessment date', dateCell(a.assessmentDate)],
		['Figures as of', dateCell(model.asOf)],
		['Target report date', dateCell(a.targetReportDate)],
		['Plan start date', dateCell(a.planStartDate)],
		['Trust Services Categories', model.tsc.map((c) => CATEGORY_LABELS[c]).join('; ')],
		['Overall readiness (%)', model.score.overall],
		['Type I readiness (%)', model.score.type1Readiness],
		['Type II readiness (%)', model.score.type2Readiness],
		['Questions applicable', counts.applicable],
		['Questions answered', counts.answered],
		['Questions unanswered', counts.unanswered],
		["Don't know answers", counts.unknown],
		['Not applicable answers', counts.na],
		['Open gaps', model.gaps.length],
		...RISK_ORDER.map((r, i): [string, Cell] => [`${RISK_LABELS[r]} gaps`, gapsByRisk[i]]),
		['Plan actions', model.plan.length],
		['Plan actions done', model.plan.filter((p) => p.done).length],
		['Recommendation', recommendationLabel(rec)],
		['Recommendation in one sentence', rec.headline],
		['Type I as-of date', dateCell(rec.type1Date)],
		['Observation window (months)', rec.windowMonths],
		['Observation window starts', dateCell(rec.windowStart)],
		['Expected first report', dateCell(rec.expectedReportDate)],
		['Expected Type II report', dateCell(rec.expectedType2ReportDate)],
		['Meets the target date', rec.meetsTarget],
		['Days late against the target', rec.daysLate],
		['Why', rec.reasons.map((r) => r.text).join('\n')],
		['To meet the target', rec.toMeetTarget.join('\n')],
		['Bank version', model.bankVersion]
	];
	const areaHeader: Cell[] = [
		'Area',
		'Name',
		'Category',
		'Score (%)',
		'Type I readiness (%)',
		'Type II readiness (%)',
		'Answered',
		'Questions',
		...RISK_ORDER.map((r) => `${RISK_LABELS[r]} gaps`)
	];
	const areaRows: Cell[][] = model.score.byArea.map((s) => [
		s.area,
		s.name,
		CATEGORY_LABELS[s.category],
		s.score,
		s.type1Readiness,
		s.type2Readiness,
		s.answered,
		s.total,
		...RISK_ORDER.map((r) => s.gapCount[r] ?? 0)
	]);
	const rows: Cell[][] = [...facts.map(([k, v]) => [k, v]), [], areaHeader, ...areaRows];
	return {
		name: 'Summary',
		columns: [
			col('Field', 30),
			col('Value', 48),
			col('', 16),
			col('', 10, '0'),
			col('', 10, '0'),
			col('', 10, '0'),
			col('', 10, '0'),
			col('', 10, '0'),
			col('', 9, '0'),
			col('', 9, '0'),
			col('', 9, '0'),
			col('', 9, '0')
		],
		rows,
		areaHeaderRow: facts.length + 3
	};
}

export function answersTable(model: ReportModel, assessment: WorkbookSource['assessment']): Table {
	const scores = new Map(model.score.byQuestion.map((q) => [q.questionId, q]));
	return {
		name: 'Answers',
		columns: [
			col('Question ID', 14),
			col('Area', 8),
			col('Criteria', 14),
			col('Title', 36),
			col('Answer', 16),
			col('Level', 7, '0'),
			col('Score (%)', 9, '0'),
			col('In scope', 9),
			col('Not applicable because', 36),
			col('Note', 50),
			col('Evidence pointers', 50),
			col('Evidence count', 9, '0'),
			col('Updated at (UTC)', 17),
			col('Outside the scope because', 36),
			col('Question', 60)
		],
		rows: model.answers.map((r) => {
			const level = typeof r.value === 'number' ? r.value : null;
			return [
				r.questionId,
				r.area,
				join(r.criteria),
				r.title,
				levelLabel(r.value),
				level,
				scores.get(r.questionId)?.score ?? null,
				r.applicable,
				r.naReason,
				r.note,
				pointerText(r.evidence),
				r.evidence.length,
				dateCell(assessment.answers[r.questionId]?.updatedAt, true),
				r.skipReason ?? '',
				r.prompt
			];
		})
	};
}

function vendorCheck(v: SubserviceSummaryRow): string {
	return v.periodCheck?.text ?? '';
}

export function vendorsTable(model: ReportModel): Table {
	return {
		name: 'Vendors',
		columns: [
			col('Vendor', 24),
			col('Role', 22),
			col('Kind', 20),
			col('Services for the system', 40),
			col('Method', 11),
			col('SOC report', 15),
			col('Report reviewed', 9),
			col('Review date', 11),
			col('Report period end', 11),
			col('Period check', 44),
			col('CSOCs relied on', 44),
			col('Issues', 44),
			col('Notes', 40)
		],
		rows: model.subservices.map((v) => {
			const sub = v.role === 'subservice';
			return [
				v.name,
				sub ? 'Subservice organisation' : 'Vendor',
				v.kindName,
				v.services,
				sub ? METHOD_LABELS[v.method] : '',
				SOC_STATUS_LABELS[v.socReport],
				v.reportReviewed,
				dateCell(v.reviewDate),
				dateCell(v.reportPeriodEnd),
				vendorCheck(v),
				v.csocs.join('\n'),
				v.issues.join('\n'),
				v.notes ?? ''
			];
		})
	};
}

export function coverageTable(model: ReportModel, bank: WorkbookSource['bank']): Table {
	const scored = new Map(model.score.byCriterion.map((c) => [c.criterionId, c]));
	const inScope = new Set<CategoryId>(model.tsc);
	return {
		name: 'Criteria coverage',
		columns: [
			col('Criterion', 10),
			col('Category', 20),
			col('Series', 34),
			col('Title', 36),
			col('In scope', 9),
			col('Score (%)', 9, '0'),
			col('Average level', 9, '0.0'),
			col('Lowest level', 9, '0'),
			col('Designed (Type I)', 10),
			col('Operating (Type II)', 10),
			col('Questions', 9, '0'),
			col('Open gaps', 9, '0')
		],
		rows: bank.criteria.map((c) => {
			const s = scored.get(c.id);
			const open = model.gaps.filter((g) => g.criteria.includes(c.id)).length;
			return [
				c.id,
				CATEGORY_LABELS[c.category],
				c.series,
				c.title,
				inScope.has(c.category),
				s?.score ?? null,
				s?.level ?? null,
				s?.minLevel ?? null,
				s ? s.designReady : null,
				s ? s.operatingReady : null,
				s?.questionIds.length ?? 0,
				open
			];
		})
	};
}

/** Every sheet of the workbook, in order. */
export function workbookTables(src: WorkbookSource): Table[] {
	const { model } = src;
	return [
		summaryTable(model),
		answersTable(model, src.assessment),
		gapsTable(model),
		planTable(model),
		vendorsTable(model),
		cuecsTable(model),
		coverageTable(model, src.bank)
	];
}
