/**
 * CSV exports of the gap register, the remediation plan, the CUEC register and the evidence
 * request list.
 *
 * RFC 4180: CRLF between records, fields with a comma, quote or line break are quoted and
 * quotes are doubled. UTF-8 with a byte-order mark so spreadsheet programs detect the encoding.
 * Text cells that a spreadsheet could run as a formula get a leading apostrophe, which
 * spreadsheets show as plain text (the rule is `neutralise` below and `docs/security.md`).
 */
import { REQUEST_STATUS_LABELS } from '$lib/domain/engine/evidence-requests';
import type { ReportModel } from '$lib/domain/types';
import { makeRefs } from './pdf/refs';
import { ACTION_KIND_LABELS, PHASE_LABELS, RISK_LABELS, levelName } from './text';

export const BOM = '\ufeff';

export type CsvValue = string | number | boolean | null | undefined;

/** Characters a spreadsheet may skip before it reads a formula: whitespace, controls, format characters. */
const LEADING_INVISIBLE = /^[\s\p{Cc}\p{Cf}]*/u;
/** Formula starters once compatibility forms are folded (full-width ＝＋－＠, small ﹦﹢﹣﹫). */
const FORMULA_CHARS = new Set(['=', '+', '-', '@']);

/**
 * Neutralises a text cell a spreadsheet could run as a formula (numbers are written as numbers):
 * a cell that starts with a tab or a carriage return, or whose first visible character — after
 * any whitespace (spaces, no-break spaces, line breaks), control or format characters
 * (zero-width spaces and joiners, byte-order marks, direction marks) — is `=`, `+`, `-` or `@`
 * or a compatibility form of one (full-width `＝＋－＠`, small `﹦﹢﹣﹫`), gets a leading
 * apostrophe. Checked on the text as given, before line breaks are normalised.
 */
export function neutralise(value: string): string {
	if (value.startsWith('\t') || value.startsWith('\r')) return `'${value}`;
	const rest = value.slice(LEADING_INVISIBLE.exec(value)![0].length);
	const first = rest.codePointAt(0);
	if (first === undefined) return value;
	const folded = String.fromCodePoint(first).normalize('NFKC');
	return FORMULA_CHARS.has(folded[0]!) ? `'${value}` : value;
}

export function csvCell(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	const text = neutralise(value).replace(/\r\n?/g, '\n');
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header row, records separated by CRLF, trailing CRLF. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
	return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function gapsCsv(model: ReportModel): string {
	const refs = makeRefs(model);
	return toCsv(
		[
			'Ref',
			'Gap ID',
			'Risk',
			'Risk score',
			'Likelihood',
			'Impact',
			'Area',
			'Criteria',
			'Question ID',
			'Title',
			'Description',
			'Current level',
			'Target level',
			'Flag',
			'Rationale',
			'Plan actions'
		],
		refs.gaps.map((g) => [
			refs.gapRef.get(g.id),
			g.id,
			RISK_LABELS[g.risk],
			g.riskScore,
			g.likelihood,
			g.impact,
			`${g.area} ${refs.areaName.get(g.area) ?? ''}`.trim(),
			g.criteria.join('; '),
			g.questionId,
			g.title,
			g.description,
			levelName(g.current),
			levelName(g.target),
			g.flagged === 'unknown' ? "Don't know" : g.flagged === 'unanswered' ? 'Unanswered' : '',
			g.rationale,
			refs.plan
				.filter((p) => p.gapIds.includes(g.id))
				.map((p) => refs.actionRef.get(p.id))
				.join('; ')
		])
	);
}

export function planCsv(model: ReportModel): string {
	const refs = makeRefs(model);
	return toCsv(
		[
			'Ref',
			'Action ID',
			'Phase',
			'Start',
			'Due',
			'Action',
			'Owner',
			'Effort',
			'Quick win',
			'Done',
			'Risk',
			'Gaps',
			'Gap IDs',
			'Criteria',
			'Depends on',
			'Depends on IDs',
			'Acceptance criteria',
			'Evidence to produce',
			'Kind',
			'Control (question ID)'
		],
		refs.plan.map((p) => [
			refs.actionRef.get(p.id),
			p.id,
			PHASE_LABELS[p.phase],
			p.start,
			p.due,
			p.action,
			p.ownerRole,
			p.effort,
			p.quickWin,
			p.done,
			RISK_LABELS[p.risk],
			p.gapIds.map((id) => refs.gapRef.get(id) ?? id).join('; '),
			p.gapIds.join('; '),
			p.criteria.join('; '),
			p.dependsOn.map((id) => refs.actionRef.get(id) ?? id).join('; '),
			p.dependsOn.join('; '),
			p.acceptance.join('\n'),
			p.evidence.join('\n'),
			ACTION_KIND_LABELS[p.kind] ?? p.kind,
			p.questionIds[0] ?? ''
		])
	);
}

export function cuecsCsv(model: ReportModel): string {
	return toCsv(
		['Ref', 'CUEC ID', 'Library template', 'Area', 'The customer is expected to', 'Criteria'],
		model.cuecs.map((c, i) => [
			`U${i + 1}`,
			c.id,
			c.templateId ?? 'custom',
			c.area,
			c.text,
			c.criteria.join('; ')
		])
	);
}

/**
 * The evidence request list (PBC) with the same columns as the PDF appendix, in list order
 * (grouped by area). Empty (header only) for a model computed before the list existed.
 */
export function requestsCsv(model: ReportModel): string {
	const list = model.evidenceRequests;
	return toCsv(
		[
			'Ref',
			'Request ID',
			'Area',
			'Category',
			'Item',
			'What to provide',
			'Population',
			'Frequency',
			'Occurrences in the period',
			'Occurrences (note)',
			'Typical sample (auditor-dependent)',
			'Sample min',
			'Sample max',
			'Period',
			'Owner',
			'Criteria',
			'Questions',
			'Status',
			'Why',
			'Prepared'
		],
		(list?.rows ?? []).map((r) => [
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
			r.criteria.join('; '),
			r.questions.map((q) => q.questionId).join('; '),
			REQUEST_STATUS_LABELS[r.status],
			r.statusReason,
			r.prepared ?? ''
		])
	);
}

/** "Łódź Ğüneş Sp. z o.o." → "lodz-gunes-sp-z-o-o" (file names; falls back to "assessment"). */
export function fileSlug(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ł/g, 'l')
		.replace(/Ł/g, 'L')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
	return slug || 'assessment';
}

/**
 * File name for an export of this model, in the same pattern as the JSON export:
 * "soc2-readiness-acme-2025-03-14.pdf", "soc2-readiness-acme-gaps-2025-03-14.csv".
 */
export function exportFileName(
	model: Pick<ReportModel, 'assessment' | 'asOf'>,
	kind: 'report' | 'gaps' | 'plan' | 'cuecs' | 'requests',
	ext: 'pdf' | 'csv'
): string {
	const suffix = kind === 'report' ? '' : `-${kind}`;
	return `soc2-readiness-${fileSlug(model.assessment.organisation)}${suffix}-${model.asOf}.${ext}`;
}
