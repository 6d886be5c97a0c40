/**
 * The editable Word report: the same sections as the PDF (cover, executive summary,
 * recommendation, scope, vendors, CUECs, gaps, roadmap, evidence, appendices), built from the
 * same report model, references, labels and fixed wording, but written with Word's own styles
 * (Title, Heading 1–3, List Bullet via List Paragraph, one "Report Table" table style), so a
 * consultant can reword and restyle it in Word and export it again. The brand colour colours
 * the headings and table heads; the logo, when there is one, sits on the cover.
 *
 * The `docx` library is imported only when this function runs (browser and Node).
 */
import type {
	IParagraphOptions,
	Paragraph as ParagraphT,
	Table as TableT,
	TableCell as TableCellT
} from 'docx';
import type { ReportModel } from '$lib/domain/types';
import { sniffLogo } from './branding';
import { hex, xmlSafe } from './office';
import {
	POINT_STATUS_LABELS,
	REQUEST_STATUS_LABELS,
	pointStatusCounts
} from '$lib/domain/engine/display';
import { REQUESTS_INTRO } from './pdf/evidence-requests';
import { POINTS_OF_FOCUS_INTRO } from './pdf/points-of-focus';
import { makeRefs } from './pdf/refs';
import { targetStatus } from './pdf/summary';
import {
	ATTESTATION_STATEMENTS,
	INTROS,
	NOT_A_REPORT_LINE,
	REPORT_TITLE,
	SECTION
} from './pdf/wording';
import { pointerText } from './workbook';
import { CUSTOM_ACTION_MARK, CUSTOM_MARK, customCheck } from './tables';
import { reviewStatus, vendorControlsLead } from './subservices';
import {
	CATEGORY_LABELS,
	EFFORT_LABELS,
	METHOD_LABELS,
	PHASE_LABELS,
	PHASES,
	RISK_LABELS,
	RISK_ORDER,
	SOC_STATUS_LABELS,
	formatDate,
	levelLabel,
	levelName,
	pct,
	recommendationLabel,
	startsRightToLeft
} from './text';
import { makeTheme } from './theme';

export interface WordOptions {
	paper?: 'a4' | 'letter';
	/** Called with a readable message for anything that was left out (e.g. an unreadable logo). */
	onWarning?: (message: string) => void;
}

/** How many first-month actions the executive summary lists (the roadmap has them all). */
const STARTER_SHOWN = 12;

/** Style id of the table style every table of the report uses. */
export const TABLE_STYLE = 'ReportTable';

/** Width and height in pixels of a PNG or JPEG, or null when the bytes do not say. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
	const kind = sniffLogo(bytes);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (kind === 'png' && bytes.length >= 24) {
		return { width: view.getUint32(16), height: view.getUint32(20) };
	}
	if (kind === 'jpeg') {
		let i = 2;
		while (i + 9 < bytes.length) {
			if (bytes[i] !== 0xff) return null;
			const marker = bytes[i + 1]!;
			const length = view.getUint16(i + 2);
			// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
			if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
				return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
			}
			i += 2 + length;
		}
	}
	return null;
}

function dataUrlBytes(url: string): Uint8Array | null {
	const m = /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=\s]+)$/.exec(url);
	if (!m) return null;
	try {
		const binary = atob(m[1]!.replace(/\s+/g, ''));
		return Uint8Array.from(binary, (c) => c.charCodeAt(0));
	} catch {
		return null;
	}
}

/** The Word report as the bytes of a .docx file. */
export async function renderWordReport(
	model: ReportModel,
	opts: WordOptions = {}
): Promise<Uint8Array> {
	const d = await import('docx');
	const theme = makeTheme(model.assessment.branding?.brandColor);
	const brand = hex(theme.brand).slice(1).toUpperCase();
	const brandInk = hex(theme.brandInk).slice(1).toUpperCase();
	const onBrand = hex(theme.onBrand).slice(1).toUpperCase();
	const refs = makeRefs(model);
	const isCustom = customCheck(model);
	const customMark = (questionId: string) => (isCustom(questionId) ? CUSTOM_MARK : '');
	const rec = model.recommendation;
	const a = model.assessment;
	const org = xmlSafe(a.organisation).trim() || 'Unnamed organisation';

	// ---------------------------------------------------------------- building blocks

	/** Runs of one piece of user text: line breaks kept as Word line breaks. */
	const runs = (text: string, style: { bold?: boolean; italics?: boolean } = {}) =>
		xmlSafe(text)
			.replace(/\r\n?/g, '\n')
			.split('\n')
			.map((line, i) => new d.TextRun({ text: line, break: i ? 1 : 0, ...style }));

	const p = (text: string, options: Partial<IParagraphOptions> = {}): ParagraphT =>
		new d.Paragraph({
			...options,
			bidirectional: startsRightToLeft(text) || undefined,
			children: runs(text)
		});
	const muted = (text: string): ParagraphT =>
		new d.Paragraph({ style: 'Intro', children: runs(text) });
	const bullet = (text: string, level = 0): ParagraphT =>
		new d.Paragraph({
			bullet: { level },
			bidirectional: startsRightToLeft(text) || undefined,
			children: runs(text)
		});
	const h1 = (num: string, title: string): ParagraphT =>
		new d.Paragraph({
			heading: d.HeadingLevel.HEADING_1,
			pageBreakBefore: true,
			children: [new d.TextRun(`${num}  ${title}`)]
		});
	const h2 = (text: string): ParagraphT =>
		new d.Paragraph({ heading: d.HeadingLevel.HEADING_2, children: runs(text) });
	const h3 = (text: string): ParagraphT =>
		new d.Paragraph({ heading: d.HeadingLevel.HEADING_3, children: runs(text) });

	type CellContent = string | { bold?: string; text?: string } | ParagraphT[];
	const cell = (content: CellContent): TableCellT => {
		let children: ParagraphT[];
		if (Array.isArray(content)) children = content.length ? content : [new d.Paragraph('')];
		else if (typeof content === 'string') children = [p(content || '—')];
		else {
			children = [
				new d.Paragraph({
					children: [
						...(content.bold ? runs(content.bold, { bold: true }) : []),
						...(content.bold && content.text ? [new d.TextRun({ text: '', break: 1 })] : []),
						...(content.text ? runs(content.text) : [])
					]
				})
			];
		}
		return new d.TableCell({ children });
	};
	/** A table in the report's table style; `widths` are shares of the page width. */
	const table = (header: string[], rows: CellContent[][], widths: number[]): TableT => {
		const total = widths.reduce((s, w) => s + w, 0);
		const twips = (paper === 'letter' ? 12240 : 11906) - 2 * 1134;
		const columnWidths = widths.map((w) => Math.round((w / total) * twips));
		return new d.Table({
			style: TABLE_STYLE,
			tableLook: { firstRow: true, noHBand: true, noVBand: true },
			width: { size: 100, type: d.WidthType.PERCENTAGE },
			columnWidths,
			rows: [
				new d.TableRow({
					tableHeader: true,
					cantSplit: true,
					children: header.map((h) => new d.TableCell({ children: [new d.Paragraph(h)] }))
				}),
				...rows.map((r) => new d.TableRow({ children: r.map(cell) }))
			]
		});
	};
	const spacer = (): ParagraphT => new d.Paragraph('');
	const paper = opts.paper ?? 'a4';

	// ---------------------------------------------------------------- cover

	const cover: (ParagraphT | TableT)[] = [];
	const logo = a.branding?.logoDataUrl;
	if (logo) {
		const bytes = dataUrlBytes(logo);
		const kind = bytes ? sniffLogo(bytes) : null;
		const size = bytes ? imageSize(bytes) : null;
		if (bytes && kind && size && size.width > 0 && size.height > 0) {
			const scale = Math.min(1, 220 / size.width, 80 / size.height);
			cover.push(
				new d.Paragraph({
					children: [
						new d.ImageRun({
							type: kind === 'png' ? 'png' : 'jpg',
							data: bytes,
							transformation: {
								width: Math.max(1, Math.round(size.width * scale)),
								height: Math.max(1, Math.round(size.height * scale))
							},
							altText: { name: 'Logo', description: `Logo of ${org}`, title: 'Logo' }
						})
					]
				})
			);
		} else {
			opts.onWarning?.('The logo could not be read, so the Word report was made without it.');
		}
	}
	cover.push(
		new d.Paragraph({ style: 'Kicker', children: [new d.TextRun(REPORT_TITLE.toUpperCase())] }),
		new d.Paragraph({ heading: d.HeadingLevel.TITLE, children: runs(org) }),
		new d.Paragraph({ style: 'Subtitle', children: [new d.TextRun(NOT_A_REPORT_LINE)] }),
		table(
			['Detail', 'Value'],
			[
				['Assessment date', formatDate(a.assessmentDate, true)],
				['Prepared by', xmlSafe(a.assessor) || '—'],
				[
					'Target report date',
					a.targetReportDate ? formatDate(a.targetReportDate, true) : 'No target set'
				],
				['Trust Services Categories', model.tsc.map((c) => CATEGORY_LABELS[c]).join(', ')],
				['Figures as of', formatDate(model.asOf, true)],
				['Question bank', `version ${model.bankVersion}`]
			],
			[1, 2]
		)
	);

	// ---------------------------------------------------------------- 1 executive summary

	const counts = Object.fromEntries(
		RISK_ORDER.map((r) => [r, refs.gaps.filter((g) => g.risk === r).length])
	) as Record<string, number>;
	const status = targetStatus(model);
	const facts: [string, string][] = [];
	if (rec.type1Date) facts.push(['Type I as of', formatDate(rec.type1Date)]);
	facts.push([
		rec.windowMonths
			? `${rec.windowMonths}-month window starts`
			: rec.windowStart
				? 'Earliest window start'
				: 'Observation window',
		rec.windowStart ? formatDate(rec.windowStart) : 'Not yet defensible'
	]);
	facts.push([
		rec.renewal ? 'Expected report' : 'Expected first report',
		rec.expectedReportDate ? formatDate(rec.expectedReportDate) : 'After remediation'
	]);
	if (rec.expectedType2ReportDate && rec.expectedType2ReportDate !== rec.expectedReportDate) {
		facts.push(['Expected Type II report', formatDate(rec.expectedType2ReportDate)]);
	}
	facts.push([
		'Target report date',
		rec.targetReportDate ? formatDate(rec.targetReportDate) : 'None set'
	]);
	const starter = model.starterPlan.length
		? refs.plan.filter((x) => model.starterPlan.includes(x.id))
		: refs.plan.filter((x) => x.phase === '0-30');
	const summary: (ParagraphT | TableT)[] = [
		h1(SECTION.summary, 'Executive summary'),
		table(
			['Measure', 'Value', 'What it means'],
			[
				['Overall readiness', pct(model.score.overall), 'weighted, all areas in scope'],
				['Type I readiness', pct(model.score.type1Readiness), 'controls designed (level 3+)'],
				[
					'Type II readiness',
					pct(model.score.type2Readiness),
					'operating with evidence (level 4+)'
				],
				[
					'Open gaps',
					String(refs.gaps.length),
					RISK_ORDER.map((r) => `${counts[r]} ${RISK_LABELS[r].toLowerCase()}`).join(' · ')
				]
			],
			[2, 1, 3]
		),
		h2('Recommendation'),
		new d.Paragraph({ style: 'Lead', children: runs(recommendationLabel(rec)) }),
		p(rec.headline),
		table(
			['Milestone', 'Date'],
			facts.map(([k, v]) => [k, v]),
			[2, 1]
		),
		...(status ? [new d.Paragraph({ style: 'Lead', children: runs(status.text) })] : [])
	];
	if (model.naKeyControls?.length) {
		summary.push(
			h2('Key controls marked not applicable'),
			muted('The CPA firm has to agree that each of these does not apply.'),
			...model.naKeyControls.map((n) =>
				bullet(`${n.title} (${n.criteria.join(', ')}): ${n.reason}`)
			)
		);
	}
	summary.push(h2('Highest risks'));
	if (refs.gaps.length) {
		summary.push(
			table(
				['Ref', 'Risk', 'Gap', 'Criteria'],
				refs.gaps
					.slice(0, 5)
					.map((g) => [
						refs.gapRef.get(g.id)!,
						`${RISK_LABELS[g.risk]} (${g.riskScore})`,
						{ bold: g.title + customMark(g.questionId) },
						g.criteria.join(', ')
					]),
				[1, 2, 6, 2]
			)
		);
	} else {
		summary.push(p('No gaps were found.'));
	}
	summary.push(h2('First 30 days'));
	if (starter.length) {
		summary.push(
			...starter
				.slice(0, STARTER_SHOWN)
				.map((x) =>
					bullet(
						`${refs.actionRef.get(x.id)} ${x.action} — ${x.ownerRole}, due ${formatDate(x.due)}`
					)
				)
		);
		const more = starter.length - STARTER_SHOWN;
		if (more > 0) {
			summary.push(
				p(
					`+ ${more} more action${more === 1 ? '' : 's'} in the first 30 days — see section ${SECTION.roadmap}, Remediation roadmap.`
				)
			);
		}
	} else {
		summary.push(p('No actions are due in the first 30 days.'));
	}

	// ---------------------------------------------------------------- 2 recommendation

	const recommendation: (ParagraphT | TableT)[] = [
		h1(SECTION.recommendation, 'Readiness and recommendation'),
		muted(INTROS.recommendation),
		h2('Recommendation'),
		new d.Paragraph({ style: 'Lead', children: runs(recommendationLabel(rec)) }),
		p(rec.headline)
	];
	if (rec.reasons.length) recommendation.push(h3('Why'), ...rec.reasons.map((r) => bullet(r.text)));
	if (rec.toMeetTarget.length) {
		recommendation.push(h3('To meet the target'), ...rec.toMeetTarget.map((t) => bullet(t)));
	}
	if (rec.timeline.length) {
		recommendation.push(
			h2('Timeline'),
			table(
				['Step', 'From', 'To'],
				rec.timeline.map((s) => [s.label, formatDate(s.start), formatDate(s.end)]),
				[4, 1.3, 1.3]
			)
		);
	}
	recommendation.push(
		h2('Readiness by area'),
		table(
			['Area', 'Readiness', 'Type I', 'Type II', 'Answered', 'Open gaps'],
			model.score.byArea.map((s) => [
				`${s.area} ${s.name}`,
				pct(s.score),
				pct(s.type1Readiness),
				pct(s.type2Readiness),
				`${s.answered} of ${s.total}`,
				String(RISK_ORDER.reduce((n, r) => n + (s.gapCount[r] ?? 0), 0))
			]),
			[4, 1.3, 1.3, 1.3, 1.4, 1.2]
		)
	);

	// ---------------------------------------------------------------- 3 scope

	const scope: (ParagraphT | TableT)[] = [
		h1(SECTION.scope, 'Scope and system description'),
		muted(INTROS.scope)
	];
	for (const [heading, stage, none] of [
		['Company profile', 'profile', 'No company profile answers were recorded.'],
		['System in scope', 'scope', 'No system description answers were recorded.']
	] as const) {
		const rows = model.profile.filter((x) => x.stage === stage);
		scope.push(h2(heading));
		scope.push(
			rows.length
				? table(
						['Question', 'Answer'],
						rows.map((x) => [x.prompt, x.answer || '—']),
						[1, 1]
					)
				: p(none)
		);
	}
	if (model.sensitiveData.length) {
		scope.push(p(`Sensitive data in scope: ${model.sensitiveData.join(', ')}.`));
	}
	const advice = new Map((model.categoryAdvice ?? []).map((x) => [x.category as string, x]));
	scope.push(
		h2('Trust Services Categories'),
		table(
			['Category', 'In scope', 'Advice'],
			(
				['security', 'availability', 'confidentiality', 'processing-integrity', 'privacy'] as const
			).map((c) => {
				const adv = advice.get(c);
				return [
					{ bold: CATEGORY_LABELS[c] },
					c === 'security' ? 'Yes (always)' : model.tsc.includes(c) ? 'Yes' : 'No',
					c === 'security'
						? 'The common criteria are part of every SOC 2 examination.'
						: adv
							? { bold: adv.label, text: adv.text }
							: 'Nothing in the answers points to this category.'
				];
			}),
			[2, 1.2, 5]
		)
	);
	if (model.scopeNotes.length)
		scope.push(h2('Scope notes'), ...model.scopeNotes.map((n) => bullet(n)));

	// ---------------------------------------------------------------- 4 vendors, 5 CUECs

	const subs = model.subservices.filter((v) => v.role === 'subservice');
	const vendors = model.subservices.filter((v) => v.role !== 'subservice');
	const vendorSection: (ParagraphT | TableT)[] = [
		h1(SECTION.subservices, 'Subservice organisations'),
		muted(INTROS.subservices),
		subs.length
			? table(
					[
						'Organisation',
						'Services',
						'Method',
						'SOC report',
						'Vendor controls relied on',
						'Issues'
					],
					subs.map((v) => [
						{ bold: v.name, text: v.kindName },
						v.services,
						METHOD_LABELS[v.method],
						[SOC_STATUS_LABELS[v.socReport], reviewStatus(v)?.text, v.periodCheck?.text]
							.filter(Boolean)
							.join('\n'),
						v.csocs.length
							? [vendorControlsLead(v.method), ...v.csocs.map((c) => `• ${c}`)].join('\n')
							: '—',
						v.issues.join('\n') || 'None'
					]),
					[1.8, 2.2, 1.2, 1.9, 2.8, 2.6]
				)
			: p('No subservice organisations were recorded.')
	];
	if (vendors.length) {
		vendorSection.push(
			h2('Ordinary vendors'),
			table(
				['Vendor', 'Services', 'SOC report'],
				vendors.map((v) => [
					{ bold: v.name, text: v.kindName },
					v.services,
					SOC_STATUS_LABELS[v.socReport]
				]),
				[2, 4, 2]
			)
		);
	}
	const cuecs: (ParagraphT | TableT)[] = [
		h1(SECTION.cuecs, 'Complementary user entity controls'),
		muted(INTROS.cuecs),
		model.cuecs.length
			? table(
					['Ref', 'Area', 'The customer is expected to', 'Criteria'],
					model.cuecs.map((c, i) => [`U${i + 1}`, c.area, c.text, c.criteria.join(', ')]),
					[0.8, 1, 7, 1.6]
				)
			: p('No complementary user entity controls were recorded.')
	];

	// ---------------------------------------------------------------- 6 gaps, 7 roadmap

	const gaps: (ParagraphT | TableT)[] = [
		h1(SECTION.gaps, 'Gap register'),
		muted(INTROS.gaps),
		refs.gaps.length
			? table(
					['Ref', 'Risk', 'Gap', 'Level', 'Criteria'],
					refs.gaps.map((g) => [
						refs.gapRef.get(g.id)!,
						`${RISK_LABELS[g.risk]}\n${g.riskScore} (L${g.likelihood} × I${g.impact})`,
						{ bold: g.title + customMark(g.questionId), text: `${g.description}\n${g.rationale}` },
						`${levelName(g.current)} → ${levelName(g.target)}`,
						g.criteria.join(', ')
					]),
					[0.8, 1.5, 6, 1.8, 1.4]
				)
			: p('No gaps were found: every question in scope is at its target level.')
	];
	const roadmap: (ParagraphT | TableT)[] = [
		h1(SECTION.roadmap, 'Remediation roadmap'),
		muted(INTROS.roadmap)
	];
	for (const phase of PHASES) {
		const actions = refs.plan.filter((x) => x.phase === phase);
		if (!actions.length) continue;
		roadmap.push(
			h2(`${PHASE_LABELS[phase]} · ${actions.length} action${actions.length === 1 ? '' : 's'}`),
			table(
				['Ref', 'Action', 'Owner', 'Effort', 'Dates', 'Gaps', 'Done'],
				actions.map((x) => [
					refs.actionRef.get(x.id)!,
					[
						p(x.action + (x.questionIds.some(isCustom) ? CUSTOM_ACTION_MARK : '')),
						...x.acceptance.map((t) => bullet(t)),
						...(x.evidence.length ? [p(`Evidence: ${x.evidence.join('; ')}`)] : [])
					],
					x.ownerRole,
					`${x.effort} (${EFFORT_LABELS[x.effort]})`,
					`${formatDate(x.start)} – ${formatDate(x.due)}`,
					x.gapIds.map((id) => refs.gapRef.get(id) ?? id).join(', '),
					x.done ? 'Yes' : 'No'
				]),
				[0.8, 6, 1.6, 1.3, 1.8, 1, 0.8]
			)
		);
	}
	if (!refs.plan.length) roadmap.push(p('No remediation actions are needed.'));

	// ---------------------------------------------------------------- 8 evidence, 9 ISO

	const evidence: (ParagraphT | TableT)[] = [
		h1(SECTION.evidence, 'Evidence checklist'),
		muted(INTROS.evidence),
		model.evidenceChecklist.length
			? table(
					['Control', 'Evidence to produce', 'Recorded so far'],
					model.evidenceChecklist.map((e) => [
						{ bold: e.title, text: e.criteria.join(', ') },
						e.items.map((i) => bullet(i)),
						pointerText(e.pointers) || 'Nothing recorded yet'
					]),
					[2.8, 4, 3.2]
				)
			: p('No evidence items apply.')
	];
	const iso: (ParagraphT | TableT)[] = [];
	if (model.iso27001) {
		iso.push(
			h1(SECTION.iso, 'ISO/IEC 27001 overlap (indicative)'),
			muted(INTROS.iso),
			table(
				['Gap', 'Criteria', 'ISO/IEC 27001', 'Note'],
				model.iso27001.rows.map((r) => [
					refs.gapRef.get(r.gapId) ?? r.gapId,
					r.criteria.join(', '),
					r.iso27001.join(', '),
					r.note
				]),
				[1, 1.5, 2, 5]
			)
		);
		if (model.iso27001.stillNeeded.length) {
			iso.push(h2('What SOC 2 still needs'), ...model.iso27001.stillNeeded.map((t) => bullet(t)));
		}
	}

	// ---------------------------------------------------------------- appendices

	const answers: (ParagraphT | TableT)[] = [h1('Appendix A', 'Answers'), muted(INTROS.answers)];
	const inScope = model.answers.filter((x) => x.applicable);
	for (const area of [...new Set(inScope.map((x) => x.area))]) {
		answers.push(
			h2(`${area} ${refs.areaName.get(area) ?? ''}`.trim()),
			table(
				['Question', 'Answer', 'Notes and evidence'],
				inScope
					.filter((x) => x.area === area)
					.map((x) => [
						{
							bold: `${x.questionId} ${x.title}${customMark(x.questionId)}`,
							text: x.criteria.join(', ')
						},
						levelLabel(x.value),
						[
							...(x.naReason ? [p(`Not applicable: ${x.naReason}`)] : []),
							...(x.note ? [p(x.note)] : []),
							...(x.evidence.length ? [p(pointerText(x.evidence))] : [])
						]
					]),
				[4, 1.6, 4.4]
			)
		);
	}
	const outside = model.answers.filter((x) => !x.applicable);
	if (outside.length) {
		answers.push(
			h2('Questions outside the scope'),
			table(
				['Question', 'Why'],
				outside.map((x) => [`${x.questionId} ${x.title}`, x.skipReason ?? '']),
				[1, 1]
			)
		);
	}
	const methodology: (ParagraphT | TableT)[] = [
		h1('Appendix B', 'Methodology'),
		muted(INTROS.methodology)
	];
	for (const s of model.methodology) {
		methodology.push(h2(s.heading), ...s.paragraphs.map((x) => p(x)));
		if (s.table && s.table.length > 1) {
			const [head, ...body] = s.table;
			methodology.push(
				table(
					head!,
					body.map((r) => head!.map((_, i) => r[i] ?? '')),
					head!.map(() => 1)
				)
			);
		}
	}
	methodology.push(
		muted(
			`Report model version ${model.modelVersion}; question bank version ${model.bankVersion}; figures as of ${formatDate(model.asOf, true)}.`
		)
	);
	const notice: (ParagraphT | TableT)[] = [h1('Appendix C', 'Important notice')];
	if (model.disclaimer) notice.push(p(model.disclaimer));
	for (const s of ATTESTATION_STATEMENTS) notice.push(h3(s.heading), p(s.text));
	notice.push(
		muted(
			`Prepared by ${xmlSafe(a.assessor) || 'the assessor'} for ${org} on ${formatDate(a.assessmentDate, true)}.`
		)
	);

	const focus: (ParagraphT | TableT)[] = [];
	const focusRows = model.pointsOfFocus ?? [];
	if (focusRows.length) {
		const c = pointStatusCounts(focusRows);
		const total = focusRows.reduce((n, r) => n + r.points.length, 0);
		focus.push(
			h1('Appendix D', 'Points of focus'),
			muted(POINTS_OF_FOCUS_INTRO),
			p(
				`${total} points in scope: ${c.evidenced} with evidence expected, ${c.weak} below implemented, ${c.open} unanswered or unknown, ${c['not-asked']} not asked in this assessment, ${c.na} not applicable to SOC 2.`
			)
		);
		const areaOf = (id: string) => (/^P\d/.test(id) ? 'P' : id.split('.')[0]!);
		for (const area of [...new Set(focusRows.map((r) => areaOf(r.criterionId)))]) {
			focus.push(
				h2(`${area} ${refs.areaName.get(area) ?? ''}`.trim()),
				table(
					['Point of focus', 'Status', 'Questions that ask for it, and answers'],
					focusRows
						.filter((r) => areaOf(r.criterionId) === area)
						.flatMap((r) =>
							r.points.map((pt, i): CellContent[] => [
								[
									...(i === 0
										? [
												new d.Paragraph({
													children: runs(`${r.criterionId} ${r.title}`, { bold: true })
												})
											]
										: []),
									new d.Paragraph({ children: runs(`${pt.id}  ${pt.name}`, { bold: true }) }),
									p(pt.text)
								],
								POINT_STATUS_LABELS[pt.status],
								[
									...pt.questions.map((q) =>
										bullet(`${q.title}: ${q.level === null ? q.label : levelLabel(q.level)}`)
									),
									...(pt.note ? [p(pt.note)] : [])
								]
							])
						),
					[4.8, 1.6, 3.6]
				)
			);
		}
	}

	// The evidence request list, after the points of focus as in the PDF.
	const requests: (ParagraphT | TableT)[] = [];
	const list = model.evidenceRequests;
	if (list && list.rows.length) {
		const c = list.counts;
		requests.push(
			h1(`Appendix ${focusRows.length ? 'E' : 'D'}`, 'Evidence request list'),
			muted(REQUESTS_INTRO),
			p(
				`Period: ${list.period.text}. ${c.total} requests: ${c.ready} ready, ${c.partial} partial, ${c.missing} missing; ${c.prepared} marked prepared.`
			),
			muted(list.note)
		);
		for (const area of [...new Set(list.rows.map((r) => r.areaLabel))]) {
			requests.push(
				h2(area),
				table(
					[
						'Request, what to provide, population',
						'Frequency, occurrences, sample',
						'Owner',
						'Status'
					],
					list.rows
						.filter((r) => r.areaLabel === area)
						.map((r): CellContent[] => [
							[
								new d.Paragraph({ children: runs(`${r.ref}  ${r.item}`, { bold: true }) }),
								p(r.provide),
								...(r.population ? [p(`Population: ${r.population}`)] : []),
								p(`Criteria: ${r.criteria.join(', ')}`)
							],
							[
								new d.Paragraph({ children: runs(r.frequencyLabel, { bold: true }) }),
								...(r.frequency !== 'point-in-time'
									? [p(`Occurrences: ${r.occurrences ?? r.occurrencesText}`)]
									: []),
								p(`Sample: ${r.sample.text}`)
							],
							r.owner,
							[
								new d.Paragraph({
									children: runs(REQUEST_STATUS_LABELS[r.status], { bold: true })
								}),
								p(r.statusReason),
								...(r.prepared ? [p(`Prepared ${formatDate(r.prepared.slice(0, 10))}`)] : [])
							]
						]),
					[4.6, 2.2, 1.2, 2]
				)
			);
		}
	}

	// ---------------------------------------------------------------- document

	// The table style goes in as an external style sheet: the library then keeps its own default
	// styles (Normal, Title, Heading 1–6, List Paragraph…) and adds this one.
	const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
	const externalStyles =
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">` +
		`<w:style w:type="table" w:styleId="${TABLE_STYLE}">` +
		'<w:name w:val="Report Table"/><w:uiPriority w:val="59"/><w:qFormat/>' +
		'<w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>' +
		'<w:tblPr><w:tblBorders>' +
		['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
			.map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="C9CED6"/>`)
			.join('') +
		'</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>' +
		'<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>' +
		`<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="${onBrand}"/></w:rPr>` +
		`<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${brand}"/></w:tcPr></w:tblStylePr>` +
		'</w:style></w:styles>';
	const headingRun = { color: brandInk, bold: true, font: 'Calibri' };
	const doc = new d.Document({
		creator: xmlSafe(a.assessor) || org,
		title: `${REPORT_TITLE} — ${org}`,
		subject: 'SOC 2 readiness (gap) assessment. Not a SOC 2 report.',
		description:
			'Readiness scores, risk-rated gap register, remediation plan and Type I / Type II recommendation.',
		keywords: 'SOC 2, readiness assessment, gap assessment, Trust Services Criteria',
		externalStyles,
		styles: {
			default: {
				document: { run: { font: 'Calibri', size: 21 }, paragraph: { spacing: { after: 120 } } },
				title: { run: { ...headingRun, size: 52 }, paragraph: { spacing: { after: 120 } } },
				heading1: {
					run: { ...headingRun, size: 32 },
					paragraph: { spacing: { before: 240, after: 160 }, keepNext: true }
				},
				heading2: {
					run: { ...headingRun, size: 26 },
					paragraph: { spacing: { before: 240, after: 100 }, keepNext: true }
				},
				heading3: {
					run: { ...headingRun, size: 22 },
					paragraph: { spacing: { before: 160, after: 60 }, keepNext: true }
				}
			},
			paragraphStyles: [
				{
					id: 'Subtitle',
					name: 'Subtitle',
					basedOn: 'Normal',
					next: 'Normal',
					quickFormat: true,
					run: { size: 26, color: '5A6473' },
					paragraph: { spacing: { after: 360 } }
				},
				{
					id: 'Kicker',
					name: 'Kicker',
					basedOn: 'Normal',
					next: 'Title',
					quickFormat: true,
					run: { size: 20, bold: true, color: brandInk },
					paragraph: { spacing: { before: 1200, after: 120 } }
				},
				{
					id: 'Intro',
					name: 'Section intro',
					basedOn: 'Normal',
					next: 'Normal',
					quickFormat: true,
					run: { color: '5A6473', italics: true }
				},
				{
					id: 'Header',
					name: 'header',
					basedOn: 'Normal',
					run: { size: 16, color: '5A6473' },
					paragraph: { spacing: { after: 0 } }
				},
				{
					id: 'Footer',
					name: 'footer',
					basedOn: 'Normal',
					run: { size: 16, color: '5A6473' },
					paragraph: { spacing: { after: 0 } }
				},
				{
					id: 'Lead',
					name: 'Lead',
					basedOn: 'Normal',
					next: 'Normal',
					quickFormat: true,
					run: { bold: true, size: 24 }
				}
			]
		},
		sections: [
			{
				properties: {
					titlePage: true,
					page: {
						size:
							paper === 'letter'
								? { width: 12240, height: 15840 }
								: { width: 11906, height: 16838 },
						margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 }
					}
				},
				headers: {
					default: new d.Header({
						children: [
							new d.Paragraph({
								style: 'Header',
								children: [new d.TextRun(`${org} · ${NOT_A_REPORT_LINE}`)]
							})
						]
					})
				},
				footers: {
					default: new d.Footer({
						children: [
							new d.Paragraph({
								style: 'Footer',
								alignment: d.AlignmentType.RIGHT,
								children: [
									new d.TextRun({
										children: ['Page ', d.PageNumber.CURRENT, ' of ', d.PageNumber.TOTAL_PAGES]
									})
								]
							})
						]
					})
				},
				children: [
					...cover,
					...summary,
					...recommendation,
					...scope,
					...vendorSection,
					...cuecs,
					...gaps,
					...roadmap,
					...evidence,
					...iso,
					...answers,
					...methodology,
					...notice,
					...focus,
					...requests,
					spacer()
				]
			}
		]
	});
	return new Uint8Array(await d.Packer.toArrayBuffer(doc));
}
