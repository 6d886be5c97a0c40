/**
 * The sheets of the Excel workbook beyond the three registers the CSV files share
 * (`tables.ts`): the summary, every answer, the vendors and the coverage of all criteria.
 * Only the workbook writer imports this module, so it loads with it, on demand.
 */
import type {
	Assessment,
	EvidencePointer,
	Bank,
	CategoryId,
	ReportModel,
	SubserviceSummaryRow
} from '$lib/domain/types';
import {
	col,
	cuecsTable,
	customCheck,
	customColumn,
	dateCell,
	gapsTable,
	join,
	planTable,
	requestsTable,
	type Cell,
	type Table
} from './tables';
import {
	CATEGORY_LABELS,
	METHOD_LABELS,
	RISK_LABELS,
	RISK_ORDER,
	SOC_STATUS_LABELS,
	levelLabel,
	recommendationLabel
} from './text';

/** Evidence pointers as text: "Name — location (owner; SHA-256 …)", one per line. */
export function pointerText(pointers: readonly EvidencePointer[]): string {
	return pointers
		.map((p) => {
			const extra = [p.owner, p.sha256 ? `SHA-256 ${p.sha256}` : ''].filter(Boolean).join('; ');
			return `${p.name} — ${p.location}${extra ? ` (${extra})` : ''}`;
		})
		.join('\n');
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
	const custom = customCheck(model);
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
			col('Question', 60),
			customColumn()
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
				r.prompt,
				custom(r.questionId)
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
			col('Vendor controls relied on', 44),
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
		requestsTable(model),
		vendorsTable(model),
		cuecsTable(model),
		coverageTable(model, src.bank)
	];
}
