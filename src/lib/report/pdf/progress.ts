/**
 * "Progress since <date>" (issue 20): the page after the executive summary when the report
 * carries a comparison with an earlier assessment (`model.comparison`), and the one line the
 * executive summary gives it.
 */
import {
	GAP_WORDS,
	QUESTION_WORDS,
	riskWord,
	type Comparison,
	type GapStatus,
	type ScoreChange
} from '$lib/domain/engine/compare';
import type { ReportModel, Risk } from '$lib/domain/types';
import { formatDate, pct, pdfText } from '../text';
import type { CellSpec, Writer } from './writer';

/** "Readiness 68 %, up from 42 % on 3 Mar 2026." — in the summary's date format. */
export function progressLine(c: Comparison): string {
	const o = c.scores.overall;
	const when = formatDate(c.before.assessmentDate);
	if (o.change === 0) return `Readiness ${pct(o.after)}, unchanged since ${when}.`;
	return `Readiness ${pct(o.after)}, ${o.change > 0 ? 'up' : 'down'} from ${pct(o.before)} on ${when}.`;
}

/** The page title: "Progress since 3 March 2026". */
export function progressTitle(c: Comparison): string {
	return `Progress since ${formatDate(c.before.assessmentDate, true)}`;
}

function points(s: ScoreChange | { change: number | null }): string {
	const n = s.change;
	if (n === null) return '';
	if (n === 0) return 'no change';
	return `${n > 0 ? '+' : '−'}${Math.abs(n)} point${Math.abs(n) === 1 ? '' : 's'}`;
}

function gapSide(risk: Risk | null, level: number | null): string {
	if (!risk) return 'no gap';
	return level === null ? riskWord(risk) : `${riskWord(risk)}, level ${level}`;
}

const GAP_ORDER: GapStatus[] = ['closed', 'better', 'worse', 'new', 'left-scope'];
const SCOPE: readonly string[] = [
	'left-scope',
	'entered-scope',
	'new-question',
	'removed-question'
];

export function drawProgress(w: Writer, model: ReportModel): void {
	const c = model.comparison;
	if (!c) return;
	const muted = w.theme.muted;
	const before = formatDate(c.before.assessmentDate);
	const after = formatDate(c.after.assessmentDate);
	w.h1('', progressTitle(c));
	w.para(
		`This assessment (${formatDate(c.after.assessmentDate, true)}) compared with the assessment of ${formatDate(c.before.assessmentDate, true)}. Each is scored with the questions it was answered with, as of its own date; a question that left the scope is reported as such, never as a closed gap.`,
		{ color: muted }
	);
	w.para(progressLine(c), { bold: true, size: 11 });
	if (c.noChange)
		w.para('Nothing else moved: the same answers, gaps, plan and recommendation.', { after: 3 });
	if (c.bank.note) w.para(c.bank.note, { color: muted });

	const count = (s: GapStatus) => c.gaps.filter((g) => g.status === s).length;
	w.table({
		columns: [
			{ header: 'Readiness', width: 0.4 },
			{ header: before, width: 0.2, align: 'right' },
			{ header: after, width: 0.2, align: 'right' },
			{ header: 'Change', width: 0.2, align: 'right' }
		],
		rows: (
			[
				['Overall', c.scores.overall],
				['Type I (controls designed)', c.scores.type1],
				['Type II (operating with evidence)', c.scores.type2]
			] as const
		).map(([label, s]): CellSpec[] => [
			{ text: label, bold: true },
			pct(s.before),
			pct(s.after),
			points(s)
		])
	});

	w.h2('Score per area');
	w.table({
		columns: [
			{ header: 'Area', width: 0.4 },
			{ header: before, width: 0.2, align: 'right' },
			{ header: after, width: 0.2, align: 'right' },
			{ header: 'Change', width: 0.2, align: 'right' }
		],
		fontSize: 8,
		rows: c.areas
			.filter((a) => a.status !== 'out-of-scope')
			.map((a): CellSpec[] => [
				`${a.area}  ${a.name}`,
				a.before === null ? 'not in scope' : pct(a.before),
				a.after === null ? 'not in scope' : pct(a.after),
				a.status === 'compared'
					? points(a)
					: a.status === 'entered-scope'
						? 'entered scope'
						: 'left scope'
			])
	});

	w.h2('Gaps');
	w.para(
		`${count('closed')} closed, ${count('new')} new, ${count('worse')} worse, ${count('better')} better, ${count('still-open')} still open at the same level${count('left-scope') ? `, ${count('left-scope')} no longer assessed (left scope)` : ''}.`
	);
	if (c.riskMoves.length)
		w.bullets(
			c.riskMoves.map(
				(m) =>
					`${m.from === 'none' ? 'No gap' : riskWord(m.from)} → ${m.to === 'closed' ? 'closed' : riskWord(m.to)}: ${m.count} gap${m.count === 1 ? '' : 's'}`
			)
		);
	const moved = c.gaps
		.filter((g) => g.status !== 'still-open')
		.sort((x, y) => GAP_ORDER.indexOf(x.status) - GAP_ORDER.indexOf(y.status));
	if (moved.length)
		w.table({
			columns: [
				{ header: 'Gap', width: 0.46 },
				{ header: before, width: 0.18 },
				{ header: after, width: 0.18 },
				{ header: 'Change', width: 0.18 }
			],
			fontSize: 8,
			rows: moved.map((g): CellSpec[] => [
				pdfText(`${g.area}  ${g.title}`),
				gapSide(g.before, g.levelBefore),
				g.status === 'left-scope' ? 'not assessed' : gapSide(g.after, g.levelAfter),
				{ text: GAP_WORDS[g.status], bold: true }
			])
		});

	w.h2('Remediation plan');
	w.para(
		`${c.plan.completed.length} action${c.plan.completed.length === 1 ? '' : 's'} completed since ${before}; ${c.plan.noLongerNeeded.length} no longer needed (the control reached the level the action was for); ${c.plan.added.length} new.`
	);
	if (c.plan.completed.length) w.bullets(c.plan.completed.map((p) => `Done: ${p.action}`));

	w.h2('Recommendation and dates');
	w.para(
		c.recommendation.before === c.recommendation.after
			? `Still “${c.recommendation.after}”.`
			: `From “${c.recommendation.before}” to “${c.recommendation.after}”.`
	);
	if (c.recommendation.changes.length) w.bullets(c.recommendation.changes);
	else w.para('The recommended dates did not move.');

	const scope = c.questions.filter((q) => SCOPE.includes(q.status));
	if (scope.length) {
		w.h2('Scope and questions');
		w.bullets(scope.map((q) => `${QUESTION_WORDS[q.status]}: ${q.title}`));
	}
}
