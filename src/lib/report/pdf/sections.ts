/** Sections 2–9 and the appendices. */
import type { AnswerRow, ProfileStage, ReportModel, TimelineStep } from '$lib/domain/types';
import {
	CATEGORY_LABELS,
	EFFORT_LABELS,
	formatDate,
	levelLabel,
	levelName,
	METHOD_LABELS,
	PHASE_LABELS,
	PHASES,
	pct,
	pdfText,
	recommendationLabel,
	RISK_LABELS,
	RISK_ORDER,
	SOC_STATUS_LABELS,
	daysBetween,
	windowStartLabel
} from '../text';
import { CUSTOM_ACTION_MARK, CUSTOM_MARK, customCheck } from '../tables';
import { reviewStatus, subserviceCountLine, vendorControlsLead } from '../subservices';
import type { RGB } from '../theme';
import { drawEvidenceRequests } from './evidence-requests';
import { drawPointsOfFocus } from './points-of-focus';
import type { Refs } from './refs';
import { ATTESTATION_STATEMENTS, INTROS, SECTION } from './wording';
import type { CellSpec, Run, Writer } from './writer';

/**
 * The assessment's introduction or disclaimer paragraph (from the firm library or written for
 * this assessment), on its own page before the executive summary.
 */
export function drawIntroduction(w: Writer, model: ReportModel): void {
	const text = model.introduction?.trim();
	if (!text) return;
	w.h1('', 'About this assessment');
	for (const paragraph of text.split(/\n\s*\n/)) w.para(paragraph.trim());
}

export function drawSections(w: Writer, model: ReportModel, refs: Refs): void {
	drawRecommendation(w, model);
	drawScope(w, model);
	drawSubservices(w, model);
	drawCuecs(w, model);
	drawGaps(w, model, refs);
	drawRoadmap(w, model, refs);
	drawEvidence(w, model);
	if (model.iso27001) drawIso(w, model, refs);
	drawAnswers(w, model, refs);
	drawMethodology(w, model);
	drawDisclaimer(w, model);
	drawPointsOfFocus(w, model, refs);
	drawEvidenceRequests(w, model, model.pointsOfFocus?.length ? 'E' : 'D');
}

const muted = (w: Writer): RGB => w.theme.muted;

// ------------------------------------------------------------------ 2 recommendation

function drawRecommendation(w: Writer, model: ReportModel): void {
	const rec = model.recommendation;
	w.h1(SECTION.recommendation, 'Readiness and recommendation');
	w.para(INTROS.recommendation, { color: muted(w) });

	w.h2('Recommendation');
	w.callout(pdfText(rec.headline), { title: recommendationLabel(rec) });

	const rows: CellSpec[][] = [];
	const add = (label: string, value: string) => rows.push([{ text: label, bold: true }, value]);
	if (rec.type1Date) add('Type I as-of date', formatDate(rec.type1Date, true));
	const window: string[] = [];
	if (rec.windowMonths) window.push(`${rec.windowMonths} months`);
	if (rec.windowStart)
		window.push(
			{
				renewal: `from ${formatDate(rec.windowStart, true)}, the day after the previous period ended`,
				retrospective: `already run, from ${formatDate(rec.windowStart, true)} (if the CPA firm agrees)`,
				'after-type1': `from ${formatDate(rec.windowStart, true)}, the day after the Type I as-of date`,
				earliest: `earliest defensible start ${formatDate(rec.windowStart, true)}`
			}[windowStartLabel(rec)]
		);
	const windowText = window.join(', ');
	add(
		'Observation window',
		windowText
			? windowText[0]!.toUpperCase() + windowText.slice(1)
			: 'Not yet: close the blocking gaps first'
	);
	add(
		rec.renewal ? 'Expected report' : 'Expected first report',
		rec.expectedReportDate ? formatDate(rec.expectedReportDate, true) : 'Not yet predictable'
	);
	if (rec.expectedType2ReportDate && rec.expectedType2ReportDate !== rec.expectedReportDate) {
		add('Expected Type II report', formatDate(rec.expectedType2ReportDate, true));
	}
	add(
		'Target report date',
		rec.targetReportDate ? formatDate(rec.targetReportDate, true) : 'No target date was set'
	);
	if (rec.targetReportDate && rec.meetsTarget !== null) {
		add(
			'Versus the target',
			rec.meetsTarget
				? 'On track: the expected report date meets the target.'
				: rec.targetPassed
					? `The target date has already passed and must be reset${rec.suggestedTargetDate ? `; a realistic new target on this plan is ${formatDate(rec.suggestedTargetDate, true)}` : ''}.`
					: `Late${rec.daysLate ? ` by ${rec.daysLate} days` : ''}: the expected report date is after the target.`
		);
	}
	w.table({
		columns: [
			{ header: 'Item', width: 0.32 },
			{ header: 'Value', width: 0.68 }
		],
		rows,
		noHead: true,
		fontSize: 8.5
	});

	const na = model.naKeyControls ?? [];
	if (na.length) {
		w.h3('Key controls answered “not applicable”: confirm with your CPA firm');
		w.para(
			'A Security examination normally tests these controls. The CPA firm decides whether the reason holds; if it does not, the control is examined like any other.',
			{ size: 8, color: muted(w) }
		);
		w.bullets(na.map((c) => `${c.title} (${c.criteria.join(', ')}): ${c.reason}`));
	}
	if (rec.reasons.length) {
		w.h3('Why');
		w.bullets(rec.reasons.map((r) => r.text));
	}
	if (rec.toMeetTarget.length) {
		w.h3('What would change the answer');
		w.bullets(rec.toMeetTarget);
	}
	if (rec.timeline.length) {
		w.h2('Timeline', { keepWith: 20 + rec.timeline.length * 7 });
		drawTimeline(w, rec.timeline, rec.targetReportDate);
	}

	w.h2('Readiness by area', { keepWith: 30 });
	w.table({
		columns: [
			{ header: 'Area', width: 0.34 },
			{ header: 'Readiness', width: 0.11, align: 'right' },
			{ header: 'Type I', width: 0.1, align: 'right' },
			{ header: 'Type II', width: 0.1, align: 'right' },
			{ header: 'Answered', width: 0.12, align: 'right' },
			{ header: 'Gaps (C / H / M / L)', width: 0.23, align: 'right' }
		],
		rows: model.score.byArea.map((a) => [
			{
				runs: [
					{ text: `${a.area}  ${a.name}`, bold: true },
					{ text: CATEGORY_LABELS[a.category], color: muted(w) }
				]
			},
			pct(a.score),
			pct(a.type1Readiness),
			pct(a.type2Readiness),
			`${a.answered} / ${a.total}`,
			RISK_ORDER.map((r) => a.gapCount[r] ?? 0).join(' / ')
		]),
		fontSize: 8
	});
	w.para(
		'Readiness is the weighted average level divided by 5 (level 5 on every question is 100 %). Type I readiness is the weighted share of answers at the design target (level 3) or higher; Type II readiness the share at the operating target (level 4) or higher. Gap counts: critical / high / medium / low.',
		{ size: 7.5, color: muted(w) }
	);
}

/**
 * A step label cut to fit, keeping a closing qualifier such as "(projected)" or "(if the CPA
 * firm agrees)": cutting it off would make a projection read as a firm plan.
 */
export function fitLabel(w: Writer, label: string, width: number, size: number): string {
	if (w.textWidth(label, size, true) <= width) return label;
	const m = /^(.*?)(\s*\([^()]*\))$/.exec(label);
	if (!m) return w.ellipsize(label, width, size, true);
	const suffix = m[2]!;
	const room = width - w.textWidth(suffix, size, true);
	return w.ellipsize(m[1]!, Math.max(room, width / 3), size, true) + suffix;
}

/** A compact Gantt chart of the timeline steps with the target date as a marked line. */
function drawTimeline(w: Writer, steps: TimelineStep[], target: string | null): void {
	const { doc, g, theme } = w;
	const dates = steps.flatMap((s) => [s.start, s.end]).concat(target ? [target] : []);
	const min = dates.reduce((a, b) => (a < b ? a : b));
	const max = dates.reduce((a, b) => (a > b ? a : b));
	const span = Math.max(1, daysBetween(min, max));
	const labelW = g.contentWidth * 0.46;
	const chartX = g.left + labelW;
	const chartW = g.contentWidth - labelW - 2;
	const xOf = (d: string) => chartX + (chartW * daysBetween(min, d)) / span;
	const rowH = 7.4;
	const height = steps.length * rowH + 9;
	w.ensure(height + 4);
	const top = w.y;

	// Month ticks: a line every month, a label every `every` months so labels never overlap.
	w.stroke(theme.rule, 0.15);
	const monthW = (chartW * 30.44) / span;
	const labelW6 = w.textWidth('Sep 2027', 6) + 2.5;
	const every = [1, 2, 3, 6, 12].find((k) => monthW * k >= labelW6) ?? 12;
	const [y0, m0] = [Number(min.slice(0, 4)), Number(min.slice(5, 7))];
	for (let m = 0; m < 240; m++) {
		const total = y0 * 12 + (m0 - 1) + m;
		const iso = `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-01`;
		if (iso > max) break;
		if (iso < min) continue;
		const x = xOf(iso);
		doc.line(x, top, x, top + steps.length * rowH);
		if (total % every !== 0) continue;
		// A label centred on a tick near the right edge would cross the margin: end it there.
		const label = formatDate(iso).slice(-8);
		const right = g.left + g.contentWidth;
		const overflows = x + w.textWidth(label, 6) / 2 > right;
		w.textAt(label, overflows ? right : x, top + steps.length * rowH + 1, 6, {
			color: theme.muted,
			align: overflows ? 'right' : 'center'
		});
	}

	steps.forEach((s, i) => {
		const y = top + i * rowH;
		w.textAt(fitLabel(w, pdfText(s.label), labelW - 3, 7.5), g.left, y + 0.6, 7.5, {
			bold: true
		});
		w.textAt(
			s.start === s.end ? formatDate(s.start) : `${formatDate(s.start)} – ${formatDate(s.end)}`,
			g.left,
			y + 3.9,
			6.5,
			{ color: theme.muted }
		);
		const x0 = xOf(s.start);
		const x1 = Math.max(xOf(s.end), x0 + 1.2);
		const color =
			s.kind === 'remediation' ? theme.risk.high : s.kind === 'window' ? theme.brand : theme.muted;
		w.fill(color);
		doc.roundedRect(x0, y + 1.2, x1 - x0, 3.6, 0.6, 0.6, 'F');
	});

	if (target) {
		const x = xOf(target);
		w.stroke(theme.risk.critical, 0.35);
		doc.setLineDashPattern([1, 0.8], 0);
		doc.line(x, top - 1.5, x, top + steps.length * rowH);
		doc.setLineDashPattern([], 0);
		w.textAt(`Target ${formatDate(target)}`, x, top - 4.6, 6.5, {
			bold: true,
			color: theme.risk.critical,
			align: x > g.left + g.contentWidth - 20 ? 'right' : 'center'
		});
	}
	w.y = top + height;
}

// ------------------------------------------------------------------ 3 scope

function drawScope(w: Writer, model: ReportModel): void {
	w.h1(SECTION.scope, 'Scope and system description');
	w.para(INTROS.scope, { color: muted(w) });

	/** A heading, then one interview stage's answers as a table, or a line saying there are none. */
	const answers = (
		heading: string,
		stage: ProfileStage,
		questionWidth: number,
		none: string
	): void => {
		const rows = model.profile.filter((p) => p.stage === stage);
		w.h2(heading, { outline: true });
		if (!rows.length) {
			w.para(none);
			return;
		}
		w.table({
			columns: [
				{ header: 'Question', width: questionWidth },
				{ header: 'Answer', width: 1 - questionWidth }
			],
			rows: rows.map((p) => [{ runs: [{ text: p.prompt, color: muted(w) }] }, p.answer || '—'])
		});
	};
	answers('Company profile', 'profile', 0.45, 'No company profile answers were recorded.');
	answers('System in scope', 'scope', 0.3, 'No system description answers were recorded.');
	if (model.sensitiveData.length) {
		w.para(`Sensitive data in scope: ${model.sensitiveData.join(', ')}.`, {
			bold: true,
			size: 8.5
		});
	}

	w.h2('Trust Services Categories', { outline: true });
	const suggestions = new Map(model.categorySuggestions.map((s) => [s.category, s]));
	const advice = new Map((model.categoryAdvice ?? []).map((x) => [x.category, x]));
	const cats = [
		'security',
		'availability',
		'confidentiality',
		'processing-integrity',
		'privacy'
	] as const;
	w.table({
		columns: [
			{ header: 'Category', width: 0.2 },
			{ header: 'In scope', width: 0.12 },
			{ header: 'Advice', width: 0.13 },
			{ header: 'Why', width: 0.55 }
		],
		rows: cats.map((c) => {
			const s = suggestions.get(c as never);
			const adv = advice.get(c as never);
			const selected = model.tsc.includes(c);
			const reasons: Run[] = (s?.reasons ?? []).map((r) => ({
				text: r.text,
				bullet: '•',
				color: muted(w)
			}));
			return [
				{ text: CATEGORY_LABELS[c], bold: true },
				c === 'security' ? 'Yes (always)' : selected ? 'Yes' : 'No',
				c === 'security'
					? '—'
					: adv
						? adv.label
						: s
							? s.strength[0]!.toUpperCase() + s.strength.slice(1)
							: 'No signal',
				c === 'security'
					? 'The common criteria are part of every SOC 2 examination.'
					: adv
						? { runs: [{ text: adv.text, bold: true }, ...reasons] }
						: reasons.length
							? { runs: reasons.map((r) => ({ ...r, color: undefined })) }
							: 'Nothing in the answers points to this category.'
			];
		})
	});

	if (model.scopeNotes.length) {
		w.h2('Scope notes', { keepWith: 16 });
		for (const note of model.scopeNotes) w.callout(note, { accent: w.theme.risk.medium });
	}
}

// ------------------------------------------------------------------ 4 subservices, 5 CUECs

function drawSubservices(w: Writer, model: ReportModel): void {
	w.h1(SECTION.subservices, 'Subservice organisations');
	w.para(INTROS.subservices, { color: muted(w) });
	const subs = model.subservices.filter((s) => s.role !== 'vendor');
	const vendors = model.subservices.filter((s) => s.role === 'vendor');
	if (!subs.length) {
		w.para(
			'No subservice organisations were recorded. If the system runs on any cloud, identity or code-hosting provider, list it before the audit.'
		);
	}
	if (subs.length) drawSubserviceTable(w, subs);
	if (vendors.length) drawOrdinaryVendors(w, vendors);
}

function drawOrdinaryVendors(w: Writer, vendors: ReportModel['subservices']): void {
	w.h2('Ordinary vendors', { keepWith: 24 });
	w.para(
		'Tools the company uses whose controls are not needed to meet its service commitments. They are managed through vendor risk management (CC9.2: risk rating, contract terms, review cadence) and are not named in the system description.',
		{ color: muted(w) }
	);
	w.table({
		columns: [
			{ header: 'Vendor', width: 0.3 },
			{ header: 'Last review', width: 0.2 },
			{ header: 'To do', width: 0.5 }
		],
		rows: vendors.map((s) => [
			{
				runs: [
					{ text: s.name, bold: true },
					{ text: s.kindName, color: muted(w) }
				]
			},
			s.reportReviewed && s.reviewDate ? formatDate(s.reviewDate) : 'Not recorded',
			s.issues.length
				? { runs: s.issues.map((c) => ({ text: c, bullet: '!', color: w.theme.risk.medium })) }
				: { text: 'None', color: w.theme.ok }
		])
	});
}

function drawSubserviceTable(w: Writer, subs: ReportModel['subservices']): void {
	w.para(subserviceCountLine(subs), { bold: true, size: 8.5 });
	w.table({
		columns: [
			{ header: 'Organisation', width: 0.25 },
			{ header: 'Method', width: 0.11 },
			{ header: 'SOC report', width: 0.15 },
			{ header: 'Vendor controls relied on', width: 0.25 },
			{ header: 'Issues', width: 0.24 }
		],
		rows: subs.map((s) => {
			const org: Run[] = [
				{ text: s.name, bold: true },
				{ text: s.kindName, color: muted(w) },
				{ text: s.services }
			];
			if (s.notes) org.push({ text: `Note: ${s.notes}`, color: muted(w) });
			const report: Run[] = [{ text: SOC_STATUS_LABELS[s.socReport] }];
			const review = reviewStatus(s);
			if (review)
				report.push({
					text: review.text,
					bold: review.tone === 'problem',
					color:
						review.tone === 'ok'
							? w.theme.ok
							: review.tone === 'problem'
								? w.theme.risk.high
								: muted(w)
				});
			if (s.reportPeriodEnd)
				report.push({
					text: `Period ended ${formatDate(s.reportPeriodEnd)}`,
					bold: s.periodCheck?.status === 'bridge-letter',
					color: s.periodCheck?.status === 'bridge-letter' ? w.theme.risk.high : undefined
				});
			return [
				{ runs: org },
				METHOD_LABELS[s.method],
				{ runs: report },
				s.csocs.length
					? {
							runs: [
								{ text: vendorControlsLead(s.method), color: muted(w) },
								...s.csocs.map((c) => ({ text: c, bullet: '•' }))
							]
						}
					: '—',
				s.issues.length
					? { runs: s.issues.map((c) => ({ text: c, bullet: '!', color: w.theme.risk.high })) }
					: { text: 'None', color: w.theme.ok }
			];
		})
	});
}

function drawCuecs(w: Writer, model: ReportModel): void {
	w.h1(SECTION.cuecs, 'Complementary user entity controls');
	w.para(INTROS.cuecs, { color: muted(w) });
	if (!model.cuecs.length) {
		w.para(
			'No CUECs were recorded. Most multi-user services expect customers to manage their own users at least; review the CUEC library before the audit.'
		);
		return;
	}
	w.table({
		columns: [
			{
				header: '#',
				width: refWidth(
					w,
					model.cuecs.map((_, i) => `U${i + 1}`),
					8
				)
			},
			{ header: 'Area', width: 0.22 },
			{ header: 'The customer is expected to…', width: 0.54 },
			{ header: 'Criteria', width: 0.18 }
		],
		rows: model.cuecs.map((c, i) => [
			{ text: `U${i + 1}`, bold: true },
			{
				runs: [
					{ text: c.area, bold: true },
					{ text: c.templateId ?? 'Custom', color: muted(w) }
				]
			},
			c.text,
			c.criteria.join(', ')
		])
	});
}

// ------------------------------------------------------------------ 6 gaps

function drawGaps(w: Writer, model: ReportModel, refs: Refs): void {
	const isCustom = customCheck(model);
	w.h1(SECTION.gaps, 'Gap register');
	w.para(INTROS.gaps, { color: muted(w) });
	if (!refs.gaps.length) {
		w.para('No gaps: every applicable question is at or above its target level.');
		return;
	}
	const counts = RISK_ORDER.map(
		(r) => `${refs.gaps.filter((g) => g.risk === r).length} ${RISK_LABELS[r].toLowerCase()}`
	);
	w.para(`${refs.gaps.length} gaps: ${counts.join(', ')}.`, { bold: true, size: 8.5 });
	w.table({
		columns: [
			{ header: '#', width: refWidth(w, [...refs.gapRef.values()], 7.5) },
			{ header: 'Risk', width: 0.095 },
			{ header: 'Gap, level now → target', width: 0.46 },
			{ header: 'Criteria', width: 0.1 },
			{ header: 'Rationale (likelihood × impact)', width: 0.29 }
		],
		rows: refs.gaps.map((g) => {
			const flag =
				g.flagged === 'unknown'
					? 'answered “don’t know”, scored as 0'
					: g.flagged === 'unanswered'
						? 'unanswered, scored as 0'
						: null;
			const level = `Level ${levelName(g.current)} → ${levelName(g.target)} (${g.target === 3 ? 'blocks a Type I' : 'blocks a Type II'})`;
			const custom = isCustom(g.questionId) ? CUSTOM_MARK : '';
			const runs: Run[] = [
				{ text: g.title + custom, bold: true },
				{ text: level, color: w.theme.brandInk }
			];
			if (flag) runs.push({ text: `Flag: ${flag}`, color: w.theme.risk.high, bold: true });
			runs.push({ text: g.description });
			return [
				{ text: refs.gapRef.get(g.id) ?? '', bold: true },
				{ badge: g.risk },
				{ runs },
				g.criteria.join(', '),
				{
					runs: [
						{ text: `${g.likelihood} × ${g.impact} = ${g.riskScore}`, bold: true },
						{ text: g.rationale }
					]
				}
			];
		}),
		fontSize: 7.5
	});
}

// ------------------------------------------------------------------ 7 roadmap

function drawRoadmap(w: Writer, model: ReportModel, refs: Refs): void {
	const isCustom = customCheck(model);
	w.h1(SECTION.roadmap, 'Remediation roadmap');
	w.para(INTROS.roadmap, { color: muted(w) });
	if (!refs.plan.length) {
		w.para('No remediation actions are needed.');
		return;
	}
	const quick = refs.plan.filter((p) => p.quickWin && !p.done).length;
	const done = refs.plan.filter((p) => p.done).length;
	w.para(
		`${refs.plan.length} actions from ${formatDate(model.assessment.planStartDate)}; ${quick} quick win${quick === 1 ? '' : 's'}${done ? `; ${done} already marked done` : ''}.`,
		{ bold: true, size: 8.5 }
	);
	if (model.planGroups?.length) drawPlanGroups(w, model, refs);
	for (const phase of PHASES) {
		const actions = refs.plan.filter((p) => p.phase === phase);
		if (!actions.length) continue;
		w.h2(`${PHASE_LABELS[phase]} · ${actions.length} action${actions.length === 1 ? '' : 's'}`, {
			outline: true,
			keepWith: 24
		});
		w.table({
			columns: [
				{ header: '#', width: refWidth(w, [...refs.actionRef.values()], 7.5) },
				{ header: 'Action and acceptance criteria', width: 0.445 },
				{ header: 'Owner', width: 0.14 },
				{ header: 'Start → due', width: 0.155 },
				{ header: 'Effort', width: 0.095 },
				{ header: 'Risk', width: 0.11 }
			],
			rows: actions.map((p) => {
				const mark = p.questionIds.some(isCustom) ? CUSTOM_ACTION_MARK : '';
				const runs: Run[] = [{ text: p.action + mark, bold: true }];
				const tags: string[] = [];
				if (p.done) tags.push('✓ Done');
				if (p.quickWin) tags.push('Quick win');
				if (tags.length) runs.push({ text: tags.join(' · '), bold: true, color: w.theme.ok });
				for (const a of p.acceptance) runs.push({ text: a, bullet: '☐' });
				const gapRefs = p.gapIds.map((id) => refs.gapRef.get(id)).filter(Boolean);
				const meta: string[] = [];
				if (gapRefs.length) meta.push(`Closes ${gapRefs.join(', ')} (${p.criteria.join(', ')})`);
				if (p.dependsOn.length) {
					meta.push(`After ${p.dependsOn.map((d) => refs.actionRef.get(d) ?? d).join(', ')}`);
				}
				if (p.evidence.length) meta.push(`Evidence: ${p.evidence.join('; ')}`);
				if (meta.length) runs.push({ text: meta.join(' · '), color: muted(w) });
				return [
					{ text: refs.actionRef.get(p.id) ?? '', bold: true },
					{ runs },
					p.ownerRole,
					{ runs: [{ text: formatDate(p.start) }, { text: `→ ${formatDate(p.due)}`, bold: true }] },
					{
						runs: [
							{ text: p.effort, bold: true },
							{ text: EFFORT_LABELS[p.effort], color: muted(w) }
						]
					},
					{ badge: p.risk }
				];
			}),
			fontSize: 7.5
		});
	}
}

/**
 * Small teams: one row per control (its steps by reference, owners, span, risk), per phase.
 * The per-action tables with acceptance criteria follow as the detail.
 */
function drawPlanGroups(w: Writer, model: ReportModel, refs: Refs): void {
	const groups = model.planGroups ?? [];
	const byId = new Map(model.plan.map((p) => [p.id, p]));
	w.h2(`Plan by control · ${groups.length} control${groups.length === 1 ? '' : 's'}`, {
		outline: true,
		keepWith: 30
	});
	w.para(
		'For a team of this size the plan reads best one control at a time: put it in place (design, then switch on its evidence), then run it on its schedule. Each action, with its acceptance criteria, follows below by phase.',
		{ size: 8, color: muted(w) }
	);
	for (const phase of PHASES) {
		const mine = groups.filter((g) => g.phase === phase);
		if (!mine.length) continue;
		w.h3(`${PHASE_LABELS[phase]} · ${mine.length} control${mine.length === 1 ? '' : 's'}`, {
			keepWith: 20
		});
		w.table({
			columns: [
				{ header: 'Control and steps', width: 0.55 },
				{ header: 'Owner', width: 0.17 },
				{ header: 'In place by', width: 0.16 },
				{ header: 'Risk', width: 0.12 }
			],
			rows: mine.map((g) => {
				const runs: Run[] = [{ text: g.title, bold: true }];
				for (const id of g.actionIds) {
					const p = byId.get(id)!;
					runs.push({
						text: `${refs.actionRef.get(id) ?? ''}  ${p.action}${p.kind === 'recurring' ? ' (runs during the window)' : ''}`,
						bullet: '•'
					});
				}
				return [
					{ runs },
					g.owners.join(', '),
					{
						runs: [
							{ text: formatDate(g.due), bold: true },
							{ text: `from ${formatDate(g.start)}`, color: muted(w) }
						]
					},
					{ badge: g.risk }
				];
			}),
			fontSize: 7.5
		});
	}
	w.h2('Every action in detail', { keepWith: 20 });
}

// ------------------------------------------------------------------ 8 evidence, 9 ISO

function drawEvidence(w: Writer, model: ReportModel): void {
	w.h1(SECTION.evidence, 'Evidence checklist');
	w.para(INTROS.evidence, { color: muted(w) });
	if (!model.evidenceChecklist.length) {
		w.para('No evidence items apply.');
		return;
	}
	w.table({
		columns: [
			{ header: 'Control', width: 0.28 },
			{ header: 'Evidence to produce', width: 0.4 },
			{ header: 'Recorded so far', width: 0.32 }
		],
		rows: model.evidenceChecklist.map((e) => [
			{
				runs: [
					{ text: e.title, bold: true },
					{ text: e.criteria.join(', '), color: muted(w) }
				]
			},
			{ runs: e.items.map((i) => ({ text: i, bullet: '☐' })) },
			e.pointers.length
				? { runs: e.pointers.flatMap((p) => pointerRuns(w, p)) }
				: { text: 'Nothing recorded yet', color: muted(w) }
		]),
		fontSize: 7.5
	});
}

function pointerRuns(
	w: Writer,
	p: { name: string; location: string; owner?: string; sha256?: string }
): Run[] {
	const runs: Run[] = [{ text: p.name, bold: true }, { text: p.location }];
	const meta: string[] = [];
	if (p.owner) meta.push(`Owner: ${p.owner}`);
	if (p.sha256) meta.push(`SHA-256: ${p.sha256}`);
	if (meta.length) runs.push({ text: meta.join(' · '), color: muted(w) });
	return runs;
}

function drawIso(w: Writer, model: ReportModel, refs: Refs): void {
	const iso = model.iso27001!;
	w.h1(SECTION.iso, 'ISO/IEC 27001 overlap (indicative)');
	w.para(INTROS.iso, { color: muted(w) });
	w.callout(
		iso.status === 'certified'
			? 'The organisation holds an ISO/IEC 27001 certificate. Much of its ISMS evidence can be reused, but SOC 2 samples every occurrence of a control across the observation window.'
			: 'An ISO/IEC 27001 certification is in progress. Building the controls once and mapping them to both frameworks avoids duplicate work.',
		{ title: 'Indicative mapping — not an official crosswalk' }
	);
	if (iso.rows.length) {
		w.table({
			columns: [
				{ header: 'Gap', width: 0.3 },
				{ header: 'SOC 2 criteria', width: 0.14 },
				{ header: 'ISO/IEC 27001:2022', width: 0.18 },
				{ header: 'Note', width: 0.38 }
			],
			rows: [...iso.rows]
				.sort((x, y) => gapOrder(refs, x.gapId) - gapOrder(refs, y.gapId))
				.map((r) => {
					const gap = refs.gaps.find((g) => g.id === r.gapId);
					return [
						{
							runs: [
								{
									text: `${refs.gapRef.get(r.gapId) ?? ''} ${gap?.title ?? r.gapId}`.trim(),
									bold: true
								}
							]
						},
						r.criteria.join(', '),
						r.iso27001.join(', '),
						r.note
					];
				}),
			fontSize: 7.5
		});
	}
	if (iso.stillNeeded.length) {
		w.h3('Still needed for SOC 2');
		w.bullets(iso.stillNeeded);
	}
}

/**
 * Width (share of the content width) of a reference column such as "R104", so that the longest
 * reference fits on one line in bold at the table's font size, and never narrower than 5.5 %.
 */
function refWidth(w: Writer, labels: string[], fontSize: number): number {
	const widest = Math.max(0, ...labels.map((l) => w.textWidth(l, fontSize, true)));
	return Math.max(0.055, (widest + 3.6 + 1) / w.g.contentWidth);
}

/** Position of a gap in the register (unknown ids last). */
function gapOrder(refs: Refs, gapId: string): number {
	const ref = refs.gapRef.get(gapId);
	return ref ? Number(ref.slice(1)) : Number.MAX_SAFE_INTEGER;
}

// ------------------------------------------------------------------ appendices

function drawAnswers(w: Writer, model: ReportModel, refs: Refs): void {
	w.h1('Appendix A', 'Answers');
	w.para(INTROS.answers, { color: muted(w) });
	const applicable = model.answers.filter((a) => a.applicable);
	const areas = [...new Set(applicable.map((a) => a.area))];
	for (const area of areas) {
		const rows = applicable.filter((a) => a.area === area);
		w.h2(`${area} ${refs.areaName.get(area) ?? ''}`.trim(), { outline: true, keepWith: 22 });
		w.table({
			columns: [
				{ header: 'Question', width: 0.36 },
				{ header: 'Criteria', width: 0.11 },
				{ header: 'Answer', width: 0.14 },
				{ header: 'Notes and evidence', width: 0.39 }
			],
			rows: rows.map((a) => answerRow(w, a, customCheck(model)(a.questionId))),
			fontSize: 7.5
		});
	}
	const kept = model.answers.filter((a) => !a.applicable && a.value !== null);
	if (model.skipped.length) {
		w.h2('Questions outside the scope', { outline: true, keepWith: 20 });
		w.table({
			columns: [
				{ header: 'Question', width: 0.4 },
				{ header: 'Why it was skipped', width: 0.6 }
			],
			rows: model.skipped.map((s) => {
				const old = kept.find((a) => a.questionId === s.questionId);
				return [
					{ text: s.title, bold: true },
					old
						? {
								runs: [
									{ text: s.reason },
									{
										text: `An earlier answer (${old.label}) is kept but not scored.`,
										color: muted(w)
									}
								]
							}
						: s.reason
				];
			}),
			fontSize: 7.5
		});
	}
}

function answerRow(w: Writer, a: AnswerRow, custom = false): CellSpec[] {
	const notes: Run[] = [];
	if (a.value === 'na' && a.naReason) {
		notes.push({ text: 'Why not applicable', bold: true }, { text: a.naReason });
	} else if (a.value === 'na') {
		notes.push({
			text: 'Not applicable — no justification given',
			bold: true,
			color: w.theme.risk.high
		});
	}
	if (a.note) notes.push({ text: 'Note', bold: true }, { text: a.note });
	if (a.evidence.length) {
		notes.push({ text: 'Evidence', bold: true });
		for (const p of a.evidence) notes.push(...pointerRuns(w, p));
	}
	const answerColor =
		a.value === null || a.value === 'unknown'
			? w.theme.risk.high
			: a.value === 'na'
				? muted(w)
				: undefined;
	return [
		{
			runs: [
				{ text: custom ? a.title + CUSTOM_MARK : a.title, bold: true },
				{ text: a.prompt, color: muted(w) }
			]
		},
		a.criteria.join(', '),
		{ text: levelLabel(a.value), bold: true, color: answerColor },
		notes.length ? { runs: notes } : { text: '—', color: muted(w) }
	];
}

function drawMethodology(w: Writer, model: ReportModel): void {
	w.h1('Appendix B', 'Methodology');
	w.para(INTROS.methodology, { color: muted(w) });
	for (const section of model.methodology) {
		w.h2(section.heading, { outline: true });
		for (const p of section.paragraphs) w.para(p);
		const table = section.table;
		if (table && table.length > 1) {
			const [head, ...body] = table;
			const cols = head!.length;
			const lengths = head!.map((_, i) =>
				Math.min(60, Math.max(6, ...table.map((r) => (r[i] ?? '').length)))
			);
			const sum = lengths.reduce((s, n) => s + n, 0);
			w.table({
				columns: head!.map((h, i) => ({ header: h, width: lengths[i]! / sum })),
				rows: body.map((r) => Array.from({ length: cols }, (_, i) => r[i] ?? '')),
				fontSize: 8
			});
		}
	}
	w.para(
		`Report model version ${model.modelVersion}; question bank version ${pdfText(model.bankVersion)}; figures as of ${formatDate(model.asOf, true)}.`,
		{ size: 7.5, color: muted(w) }
	);
}

function drawDisclaimer(w: Writer, model: ReportModel): void {
	w.h1('Appendix C', 'Important notice');
	if (model.disclaimer) w.callout(model.disclaimer, { size: 9, after: 5 });
	for (const s of ATTESTATION_STATEMENTS) {
		w.h3(s.heading, { keepWith: 12 });
		w.para(s.text, { after: 3.2 });
	}
	w.para(
		`Prepared by ${pdfText(model.assessment.assessor) || 'the assessor'} for ${pdfText(model.assessment.organisation)} on ${formatDate(model.assessment.assessmentDate, true)}.`,
		{ size: 8.5, color: muted(w) }
	);
}
