/**
 * Appendix D, points of focus: per criterion in scope, the AICPA's points of focus (2017
 * criteria, 2022 revision) and what the answers say about each, so a consultant can see where
 * the auditor will ask for evidence. Drawn only for models that carry points of focus.
 */
import { POINT_STATUS_LABELS, pointStatusCounts } from '$lib/domain/engine/display';
import type { PointOfFocusRow, ReportModel } from '$lib/domain/types';
import { levelLabel } from '../text';
import type { RGB } from '../theme';
import type { Refs } from './refs';
import type { CellSpec, Run, Writer } from './writer';

/** The appendix's introduction (the Word report prints it too). */
export const POINTS_OF_FOCUS_INTRO =
	'Auditors read each criterion through the AICPA’s points of focus (2017 Trust Services Criteria, revised points of focus 2022). A company need not meet every point one by one, but the auditor will ask how the points that apply are addressed. “Evidence expected” marks points asked for by a question answered at level 3 (implemented) or above: be ready to show them working. Points below that level or still unanswered are gaps; “not asked” means no question asking for the point was in this assessment (skipped by the scope answers or answered not applicable).';

function statusColor(w: Writer, s: PointOfFocusRow['status']): RGB {
	if (s === 'evidenced') return w.theme.ok;
	if (s === 'weak' || s === 'open') return w.theme.risk.high;
	return w.theme.muted;
}

function pointCell(w: Writer, p: PointOfFocusRow, criterionTitle: string | null): CellSpec {
	const runs: Run[] = [];
	if (criterionTitle) runs.push({ text: criterionTitle, bold: true, color: w.theme.brandInk });
	runs.push({ text: `${p.id}  ${p.name}`, bold: true }, { text: p.text, color: w.theme.muted });
	return { runs };
}

function answersCell(w: Writer, p: PointOfFocusRow): CellSpec {
	const runs: Run[] = p.questions.map((q) => ({
		text: `${q.title}: ${q.level === null ? q.label : levelLabel(q.level)}`,
		bullet: '•'
	}));
	if (p.note) runs.push({ text: p.note, color: w.theme.muted });
	return runs.length ? { runs } : { text: '—', color: w.theme.muted };
}

export function drawPointsOfFocus(w: Writer, model: ReportModel, refs: Refs): void {
	const rows = model.pointsOfFocus ?? [];
	if (!rows.length) return;
	w.h1('Appendix D', 'Points of focus');
	w.para(POINTS_OF_FOCUS_INTRO, { color: w.theme.muted });
	const c = pointStatusCounts(rows);
	const total = rows.reduce((n, r) => n + r.points.length, 0);
	w.para(
		`${total} points in scope: ${c.evidenced} with evidence expected, ${c.weak} below implemented, ${c.open} unanswered or unknown, ${c['not-asked']} not asked in this assessment, ${c.na} not applicable to SOC 2.`,
		{ size: 8.5 }
	);
	const areaOf = (id: string) => (/^P\d/.test(id) ? 'P' : id.split('.')[0]!);
	const areas = [...new Set(rows.map((r) => areaOf(r.criterionId)))];
	for (const area of areas) {
		w.h2(`${area} ${refs.areaName.get(area) ?? ''}`.trim(), { outline: true, keepWith: 22 });
		const body: CellSpec[][] = [];
		for (const r of rows.filter((x) => areaOf(x.criterionId) === area))
			r.points.forEach((p, i) => {
				body.push([
					pointCell(w, p, i === 0 ? `${r.criterionId} ${r.title}` : null),
					{ text: POINT_STATUS_LABELS[p.status], bold: true, color: statusColor(w, p.status) },
					answersCell(w, p)
				]);
			});
		w.table({
			columns: [
				{ header: 'Point of focus', width: 0.48 },
				{ header: 'Status', width: 0.16 },
				{ header: 'Questions that ask for it, and answers', width: 0.36 }
			],
			rows: body,
			fontSize: 7.5
		});
	}
}
