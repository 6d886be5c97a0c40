/**
 * The one-page executive summary. Laid out by hand with a space budget so that it always fits
 * on a single page (A4 or Letter): when the starter plan is long, the list is cut and points
 * to the roadmap.
 */
import { skipSplitOfCounts, skipSplitText } from '$lib/domain/scope';
import type { PlanAction, ReportModel } from '$lib/domain/types';
import { formatPercent } from '$lib/domain/engine/display';
import { formatDate, pct, pdfText, recommendationLabel, RISK_LABELS, RISK_ORDER } from '../text';
import type { RGB } from '../theme';
import { CUSTOM_ACTION_MARK, customCheck } from '../tables';
import { progressLine } from './progress';
import type { Refs } from './refs';
import { SECTION } from './wording';
import type { Writer } from './writer';

export function drawSummary(w: Writer, model: ReportModel, refs: Refs): void {
	w.h1('1', 'Executive summary');
	drawKpis(w, model, refs);
	drawProgressLine(w, model);
	drawRecommendation(w, model);
	drawNaKeyControls(w, model);
	drawChartAndRisks(w, model, refs);
	drawStarterPlan(w, model, refs);
}

function drawKpis(w: Writer, model: ReportModel, refs: Refs): void {
	const { doc, g, theme } = w;
	const counts = Object.fromEntries(RISK_ORDER.map((r) => [r, 0])) as Record<string, number>;
	for (const gap of refs.gaps) counts[gap.risk] = (counts[gap.risk] ?? 0) + 1;
	const tiles: { label: string; value: string; sub: string; color?: RGB }[] = [
		{
			label: 'Overall readiness',
			value: pct(model.score.overall),
			sub: 'weighted, all areas in scope'
		},
		{
			label: 'Type I readiness',
			value: pct(model.score.type1Readiness),
			sub: 'controls designed (level 3+)'
		},
		{
			label: 'Type II readiness',
			value: pct(model.score.type2Readiness),
			sub: 'operating with evidence (level 4+)'
		},
		{
			label: 'Open gaps',
			value: String(refs.gaps.length),
			sub: `${counts.critical} critical · ${counts.high} high · ${counts.medium} medium · ${counts.low} low`,
			color: counts.critical ? theme.risk.critical : undefined
		}
	];
	const gapX = 3.5;
	const tileW = (g.contentWidth - gapX * 3) / 4;
	const h = 22;
	tiles.forEach((t, i) => {
		const x = g.left + i * (tileW + gapX);
		w.fill(theme.panel);
		doc.rect(x, w.y, tileW, h, 'F');
		w.fill(t.color ?? theme.brand);
		doc.rect(x, w.y, tileW, 0.9, 'F');
		w.textAt(t.label, x + 3, w.y + 3, 7.5, { bold: true, color: theme.muted });
		w.textAt(t.value, x + 3, w.y + 7.6, 19, { bold: true, color: t.color ?? theme.text });
		const sub = w.wrap(t.sub, tileW - 6, 6.5);
		sub
			.slice(0, 2)
			.forEach((line, k) => w.textAt(line, x + 3, w.y + 16 + k * 2.9, 6.5, { color: theme.muted }));
	});
	w.y += h + 5;
}

/** With a comparison: one line under the figures, pointing to the progress page. */
function drawProgressLine(w: Writer, model: ReportModel): void {
	const c = model.comparison;
	if (!c) return;
	const { g, theme } = w;
	const line = w.ellipsize(
		`${progressLine(c)}  Details on the page after this summary.`,
		g.contentWidth - 4,
		9
	);
	w.fill(theme.brand);
	w.doc.rect(g.left, w.y - 2.6, 1.1, 4.4, 'F');
	w.textAt(line, g.left + 3, w.y - 1.8, 9, { bold: true });
	w.y += 5.5;
}

function drawRecommendation(w: Writer, model: ReportModel): void {
	const { doc, g, theme } = w;
	const rec = model.recommendation;
	const pad = 4;
	const x = g.left;
	const innerX = x + 1.4 + pad;
	const innerW = g.contentWidth - 1.4 - pad * 2;
	const wrapped = w.wrap(pdfText(rec.headline), innerW, 9.5);
	const headline = wrapped.slice(0, 4);
	if (wrapped.length > 4) headline[3] = w.ellipsize(`${headline[3]} …`, innerW, 9.5);

	const facts: { label: string; value: string }[] = [];
	if (rec.type1Date) facts.push({ label: 'Type I as of', value: formatDate(rec.type1Date) });
	facts.push({
		label: rec.windowMonths
			? `${rec.windowMonths}-month window starts`
			: rec.windowStart
				? 'Earliest window start'
				: 'Observation window',
		value: rec.windowStart ? formatDate(rec.windowStart) : 'Not yet defensible'
	});
	facts.push({
		label: rec.renewal ? 'Expected report' : 'Expected first report',
		value: rec.expectedReportDate ? formatDate(rec.expectedReportDate) : 'After remediation'
	});
	if (rec.expectedType2ReportDate && rec.expectedType2ReportDate !== rec.expectedReportDate) {
		facts.push({
			label: 'Expected Type II report',
			value: formatDate(rec.expectedType2ReportDate)
		});
	}
	facts.push({
		label: 'Target report date',
		value: rec.targetReportDate ? formatDate(rec.targetReportDate) : 'None set'
	});

	const status = targetStatus(model);
	const statusLines = status ? w.wrap(pdfText(status.text), innerW, 8.5, true).slice(0, 2) : [];
	const statusH = status ? statusLines.length * 4.2 + 1.4 : 0;
	const h = pad + 4 + 6.2 + headline.length * 4.6 + 2.5 + 9 + statusH + pad - 1;
	const top = w.y;
	w.fill(theme.brandTint);
	doc.rect(x, top, g.contentWidth, h, 'F');
	w.fill(theme.brand);
	doc.rect(x, top, 1.4, h, 'F');

	let y = top + pad;
	w.textAt('RECOMMENDATION', innerX, y, 7.5, { bold: true, color: theme.brandInk });
	y += 4;
	w.textAt(recommendationLabel(rec), innerX, y, 13, { bold: true });
	y += 6.2;
	for (const line of headline) {
		w.textAt(line, innerX, y, 9.5);
		y += 4.6;
	}
	y += 2.5;
	const colW = innerW / facts.length;
	facts.forEach((f, i) => {
		const fx = innerX + i * colW;
		w.textAt(w.ellipsize(f.label, colW - 3, 7), fx, y, 7, { color: theme.muted });
		w.textAt(f.value, fx, y + 3.6, 9.5, { bold: true });
	});
	y += 9;
	if (status) {
		const size = 8.5;
		statusLines.forEach((line, k) =>
			w.textAt(line, innerX, y + k * 4.2, size, { bold: true, color: status.color })
		);
	}
	w.y = top + h + 5;
}

/**
 * Key controls answered "not applicable" (with a reason): a Security examination normally tests
 * them, so the reader is told to confirm each with the CPA firm. At most three lines here; the
 * full list is in the recommendation section.
 */
function drawNaKeyControls(w: Writer, model: ReportModel): void {
	const list = model.naKeyControls ?? [];
	if (!list.length) return;
	const { g, theme } = w;
	const text = `Not applicable on ${list.length} key control${list.length === 1 ? '' : 's'}, confirm with your CPA firm: ${list
		.map((c) => `${c.title} (“${c.reason}”)`)
		.join('; ')}`;
	let lines = w.wrap(pdfText(text), g.contentWidth - 4, 8, true);
	if (lines.length > 3) {
		lines = lines.slice(0, 3);
		lines[2] = w.ellipsize(
			`${lines[2]} … see section ${SECTION.recommendation}`,
			g.contentWidth - 4,
			8
		);
	}
	w.fill(theme.risk.medium);
	w.doc.rect(g.left, w.y - 2.6, 1.1, lines.length * 3.8 + 0.6, 'F');
	lines.forEach((line, i) => w.textAt(line, g.left + 3, w.y + i * 3.8 - 1.8, 8, { bold: i === 0 }));
	w.y += lines.length * 3.8 + 3;
}

/** Deadline status in words (never colour alone). */
/** The one line on the target date (met, late, passed), or null when there is no target. */
export function targetStatus(model: ReportModel): { text: string; color: RGB } | null {
	const rec = model.recommendation;
	const { risk, ok } = { risk: [164, 22, 26] as RGB, ok: [29, 122, 85] as RGB };
	if (!rec.targetReportDate) return null;
	if (rec.meetsTarget === true) {
		return { text: `✓ Meets the target date of ${formatDate(rec.targetReportDate)}.`, color: ok };
	}
	if (rec.meetsTarget === false && rec.targetPassed) {
		const next = rec.suggestedTargetDate
			? `; a realistic new target on this plan is ${formatDate(rec.suggestedTargetDate)}`
			: '';
		return {
			text: `✗ The target date of ${formatDate(rec.targetReportDate)} has already passed and must be reset${next}.`,
			color: risk
		};
	}
	if (rec.meetsTarget === false) {
		const late = rec.daysLate && rec.daysLate > 0 ? `${rec.daysLate} days after` : 'after';
		return {
			text: `✗ The expected report date is ${late} the target of ${formatDate(rec.targetReportDate)}.`,
			color: risk
		};
	}
	return null;
}

function drawChartAndRisks(w: Writer, model: ReportModel, refs: Refs): void {
	const { g, theme, doc } = w;
	const colGap = 7;
	const leftW = (g.contentWidth - colGap) * 0.53;
	const rightW = g.contentWidth - colGap - leftW;
	const top = w.y;
	const leftX = g.left;
	const rightX = g.left + leftW + colGap;

	// Readiness per area: horizontal bars with the value printed next to each bar.
	w.textAt('Readiness by area', leftX, top, 10, { bold: true, color: theme.brandInk });
	let y = top + 6.5;
	const rowH = 5.1;
	const labelW = leftW * 0.55;
	const valueW = 10;
	const barX = leftX + labelW + 1.5;
	const barW = leftW - labelW - 1.5 - valueW;
	for (const area of model.score.byArea) {
		const name = `${area.area}  ${pdfText(area.name)}`;
		w.textAt(w.ellipsize(name, labelW, 7), leftX, y + 0.5, 7);
		w.fill(theme.track);
		doc.rect(barX, y + 0.4, barW, 3, 'F');
		if (area.score !== null) {
			w.fill(theme.brand);
			doc.rect(barX, y + 0.4, (barW * Math.max(0, Math.min(100, area.score))) / 100, 3, 'F');
		}
		w.textAt(pct(area.score), leftX + leftW, y + 0.5, 7, { bold: true, align: 'right' });
		y += rowH;
	}
	// Scale under the bars.
	w.stroke(theme.rule, 0.15);
	for (const v of [0, 50, 100]) {
		const tx = barX + (barW * v) / 100;
		doc.line(tx, y - 0.2, tx, y + 0.8);
		w.textAt(formatPercent(v), tx, y + 1.1, 5.5, {
			color: theme.muted,
			align: v === 0 ? 'left' : v === 100 ? 'right' : 'center'
		});
	}
	const leftBottom = y + 4;

	// Top risks.
	w.textAt('Top risks', rightX, top, 10, { bold: true, color: theme.brandInk });
	let ry = top + 6.5;
	const top5 = refs.gaps.slice(0, 5);
	const isCustom = customCheck(model);
	if (top5.length === 0) {
		for (const line of w.wrap(
			'No open gaps: every applicable control is at its target.',
			rightW,
			8
		)) {
			w.textAt(line, rightX, ry, 8);
			ry += 4;
		}
	}
	for (const gap of top5) {
		const badge = RISK_LABELS[gap.risk];
		const bw = w.textWidth(badge, 6.5, true) + 2.6;
		w.fill(theme.risk[gap.risk]);
		doc.roundedRect(rightX, ry - 0.2, bw, 3.6, 0.7, 0.7, 'F');
		w.textAt(badge, rightX + bw / 2, ry + 0.35, 6.5, {
			bold: true,
			color: [255, 255, 255],
			align: 'center'
		});
		const ref = refs.gapRef.get(gap.id) ?? '';
		const tx = rightX + bw + 2;
		const title = w
			.wrap(`${ref}  ${pdfText(gap.title)}`, rightX + rightW - tx, 8, true)
			.slice(0, 2);
		title.forEach((line, i) => w.textAt(line, tx, ry + i * 3.6, 8, { bold: true }));
		ry += title.length * 3.6 + 0.3;
		// A custom question says so first, so the shortened line never loses the mark.
		const mark = isCustom(gap.questionId) ? 'custom question · ' : '';
		const detail = `${mark}${gap.criteria.join(', ')} · level ${gap.current} → ${gap.target} · risk ${gap.riskScore}/25`;
		w.textAt(w.ellipsize(pdfText(detail), rightX + rightW - tx, 7), tx, ry, 7, {
			color: theme.muted
		});
		ry += 6;
	}
	w.y = Math.max(leftBottom, ry) + 2;
}

function drawStarterPlan(w: Writer, model: ReportModel, refs: Refs): void {
	const { g, theme } = w;
	const byId = new Map(model.plan.map((p) => [p.id, p]));
	let actions: PlanAction[] = model.starterPlan
		.map((id) => byId.get(id))
		.filter((p): p is PlanAction => !!p);
	if (actions.length === 0 && model.starterPlan.length === 0) {
		actions = refs.plan.filter((p) => p.phase === '0-30');
	}
	// Small teams read the first month one control at a time (the first step stands for it).
	const groups = (model.planGroups ?? []).filter((gr) => gr.phase === '0-30');
	const grouped = groups.length > 0;
	const stepsOf = new Map<string, number>();
	if (grouped) {
		actions = groups.map((gr) => {
			const first = byId.get(gr.actionIds[0]!)!;
			stepsOf.set(first.id, gr.actionIds.length);
			return {
				...first,
				action: `${gr.title}: ${first.action}`,
				due: gr.due,
				ownerRole: gr.owners.join(', ')
			};
		});
	}
	const noun = grouped ? 'control' : 'action';
	const isCustom = customCheck(model);
	const fromCustom = (p: PlanAction): boolean =>
		(groups.find((gr) => gr.actionIds[0] === p.id)?.actionIds ?? [p.id]).some((id) =>
			(byId.get(id)?.questionIds ?? []).some(isCustom)
		);

	// Leaders may read only this page, so it says here too what a SOC 2 report is and who issues it.
	const footLines = [
		...w.wrap(countsSentence(model), g.contentWidth, 7),
		...w.wrap(SUMMARY_ATTESTATION_NOTE, g.contentWidth, 7)
	];
	const footH = footLines.length * 3.3 + 2;
	const limit = w.bottomLimit - footH;

	w.textAt('First 30 days', g.left, w.y, 10, { bold: true, color: theme.brandInk });
	w.y += 6;
	const refW = 9;
	const ownerW = 34;
	const dueW = 19;
	const actionW = g.contentWidth - refW - ownerW - dueW;
	const header = () => {
		w.textAt('Ref', g.left, w.y, 6.5, { bold: true, color: theme.muted });
		w.textAt('Action', g.left + refW, w.y, 6.5, { bold: true, color: theme.muted });
		w.textAt('Owner', g.left + refW + actionW, w.y, 6.5, { bold: true, color: theme.muted });
		w.textAt('Due', g.left + g.contentWidth, w.y, 6.5, {
			bold: true,
			color: theme.muted,
			align: 'right'
		});
		w.y += 3.4;
		w.rule(w.y, theme.rule, 0.2);
		w.y += 1.2;
	};
	if (actions.length === 0) {
		w.textAt('No actions are due in the first 30 days.', g.left, w.y, 8);
		w.y += 5;
	} else {
		header();
	}
	const moreLineH = 4.5;
	let shown = 0;
	for (const [i, p] of actions.entries()) {
		const steps = stepsOf.get(p.id) ?? 1;
		const lines = w.wrap(
			pdfText(p.action) +
				(steps > 1 ? `  (+${steps - 1} more step${steps === 2 ? '' : 's'})` : '') +
				(p.quickWin ? '  (quick win)' : '') +
				(fromCustom(p) ? ' ' + CUSTOM_ACTION_MARK : ''),
			actionW - 3,
			7.5
		);
		const rowLines = Math.min(2, lines.length);
		const rowH = rowLines * 3.3 + 1.6;
		const remaining = actions.length - i - 1;
		if (w.y + rowH + (remaining > 0 ? moreLineH : 0) > limit) break;
		const ref = refs.actionRef.get(p.id) ?? '';
		w.textAt(ref, g.left, w.y, 7.5, { bold: true, color: theme.brandInk });
		const shownLines = lines.slice(0, rowLines);
		if (lines.length > rowLines) {
			shownLines[rowLines - 1] = w.ellipsize(shownLines[rowLines - 1]! + ' …', actionW - 3, 7.5);
		}
		shownLines.forEach((line, k) => w.textAt(line, g.left + refW, w.y + k * 3.3, 7.5));
		w.textAt(w.ellipsize(pdfText(p.ownerRole), ownerW - 2, 7.5), g.left + refW + actionW, w.y, 7.5);
		w.textAt(formatDate(p.due), g.left + g.contentWidth, w.y, 7.5, { align: 'right' });
		w.y += rowH;
		shown++;
	}
	if (shown < actions.length) {
		const more = actions.length - shown;
		w.textAt(
			`+ ${more} more ${noun}${more === 1 ? '' : 's'} in the first 30 days — see section ${SECTION.roadmap}, Remediation roadmap.`,
			g.left + refW,
			w.y + 0.4,
			7.5,
			{ color: theme.muted }
		);
		w.y += moreLineH;
	}
	// Basis of the figures, at the foot of the page.
	let fy = w.bottomLimit - footH + 2;
	for (const line of footLines) {
		w.textAt(line, g.left, fy, 7, { color: theme.muted });
		fy += 3.3;
	}
}

const SUMMARY_ATTESTATION_NOTE =
	'This is a readiness assessment, not an audit: only a licensed CPA firm can examine the controls and issue a SOC 2 report, and that report is an attestation, not a certificate.';

function countsSentence(model: ReportModel): string {
	const c = model.score.counts;
	const parts = [`Based on ${c.answered} of ${c.applicable} applicable questions answered`];
	const extra: string[] = [];
	if (c.unknown) extra.push(`${c.unknown} “don’t know” (scored as 0)`);
	if (c.unanswered) extra.push(`${c.unanswered} unanswered (scored as 0)`);
	if (c.na) extra.push(`${c.na} not applicable (excluded)`);
	if (extra.length) parts.push(`: ${extra.join(', ')}`);
	let s = parts.join('') + '.';
	if (c.skipped) s += ` Not asked: ${skipSplitText(skipSplitOfCounts(c), ', ')}.`;
	return `${s} Figures as of ${formatDate(model.asOf)}; method in Appendix B.`;
}
