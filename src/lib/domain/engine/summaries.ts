/**
 * The descriptive parts of the report model: profile answers, scope notes, subservice
 * organisations, ISO 27001 overlap, evidence checklist, answers appendix and skipped list.
 */
import { isAnswered } from '../conditions';
import { addMonths, isIsoDate } from '../dates';
import {
	activeScopeNotes,
	CATEGORY_LABELS,
	cuecFitText,
	effectiveProfile,
	relevantCuecs,
	unfitCuecs
} from '../scope';
import {
	MATURITY_LABELS,
	type AnswerRow,
	type Assessment,
	type Bank,
	type CategoryAdvice,
	type CategoryId,
	type CategorySuggestion,
	type Gap,
	type Iso27001Overlap,
	type MaturityValue,
	type PlanAction,
	type ProfileAnswer,
	type ProfileQuestion,
	type Recommendation,
	type ReportModel,
	type SubserviceOrg,
	type SubserviceSummaryRow
} from '../types';
import { vendorPeriodCheck } from '../vendor-period';
import { withVendorRole } from '../vendors';
import { ISO_OVERLAP, VENDOR_REVIEW_MAX_AGE_MONTHS } from './methodology';
import type { QuestionState } from './scoring';

export function valueLabel(value: MaturityValue | null): string {
	if (value === null) return 'Unanswered';
	if (value === 'unknown') return "Don't know";
	if (value === 'na') return 'Not applicable';
	return `${MATURITY_LABELS[value]} (${value})`;
}

function answerText(q: ProfileQuestion, value: ProfileAnswer): string {
	const label = (id: string) => q.options?.find((o) => o.id === id)?.label ?? id;
	if (Array.isArray(value)) return value.map(label).join(', ');
	if (typeof value === 'boolean') return value ? 'Yes' : 'No';
	if (typeof value === 'string' && q.options) return label(value);
	return String(value);
}

export function profileRows(bank: Bank, a: Assessment): ReportModel['profile'] {
	const profile = effectiveProfile(bank, a);
	return bank.profileQuestions
		.filter((q) => isAnswered(profile[q.id] ?? null))
		.map((q) => ({
			questionId: q.id,
			stage: q.stage,
			prompt: q.prompt,
			answer: answerText(q, profile[q.id]!)
		}));
}

/** Bank scope notes that apply, plus the engine's own notes on scoping. */
export function scopeNotes(
	bank: Bank,
	a: Assessment,
	suggestions: readonly CategorySuggestion[],
	advice: readonly CategoryAdvice[]
): string[] {
	const notes = [...activeScopeNotes(bank, a)];
	// Over-scoping: the category rule (scope.ts categoryAdvice) decides, as on every screen.
	const extra = advice.filter((x) => x.overScoped);
	if (extra.length) {
		const names = extra.map((x) => CATEGORY_LABELS[x.category]).join(', ');
		const it = extra.length === 1 ? 'it' : 'them';
		notes.push(
			`${names}: selected although no buyer asked for ${it} and nothing in your answers calls for ${it} firmly. ${bank.overScopingWarning}`.trim()
		);
	}
	const missing = suggestions.filter((s) => !s.selected && s.strength === 'strong');
	for (const s of missing) {
		notes.push(
			`${CATEGORY_LABELS[s.category]} is strongly suggested by your answers but not selected: ${s.reasons.map((r) => r.text).join(' ')}`
		);
	}
	for (const { template } of unfitCuecs(bank, a)) {
		notes.push(
			`The user entity control ${template.id} (${template.area}) does not fit the scope you described: ${cuecFitText(template)}. Remove it, or correct the answers if they are wrong.`
		);
	}
	if ((a.cuecs ?? []).length === 0) {
		const n = relevantCuecs(bank, a).length;
		if (n > 0) {
			notes.push(
				`No complementary user entity controls (CUECs) are recorded; ${n} from the library fit this scope. The system description must list the controls you expect customers to operate.`
			);
		}
	}
	return notes;
}

export function subserviceRows(
	bank: Bank,
	a: Assessment,
	today: string,
	rec?: Pick<Recommendation, 'timeline' | 'type1Date'>
): SubserviceSummaryRow[] {
	return (a.subservices ?? []).map((raw) => {
		const s = withVendorRole(raw);
		const kind = bank.vendorKinds.find((k) => k.id === s.kind);
		const kindName = kind?.name ?? (s.kind === 'other' ? 'Other' : s.kind);
		if (s.role === 'vendor') return vendorRow(s, kindName, today);
		const issues: string[] = [];
		if (s.method === 'inclusive') {
			// The auditor tests this vendor's controls within the examination itself, so its own
			// report is not relied on: no check of its status, review or period applies.
			issues.push(
				'Inclusive method: the vendor must cooperate in fieldwork and sign a written assertion; confirm that before the examination.'
			);
			return { ...s, csocs: [...(s.csocs ?? [])], kindName, issues, periodCheck: null };
		}
		// Carve-out: the examination relies on the vendor's own report and on your review of it.
		switch (s.socReport) {
			case 'none':
				issues.push(
					'No SOC report: collect a security questionnaire, certificates or penetration-test summaries, and record the remaining risk.'
				);
				break;
			case 'unknown':
				issues.push(
					'SOC report status unknown: check the vendor’s trust portal or ask for the report.'
				);
				break;
			case 'iso27001':
				issues.push(
					'Only an ISO 27001 certificate: ask for the Statement of Applicability; prefer a SOC 2 Type II if the vendor has one.'
				);
				break;
			case 'type1':
				issues.push(
					'Only a Type I report: it says nothing about how controls ran over time; ask when a Type II is due.'
				);
				break;
		}
		const hasReport =
			s.socReport === 'type2' || s.socReport === 'type1' || s.socReport === 'iso27001';
		if (hasReport && !s.reportReviewed) {
			issues.push(
				'Report not reviewed: check its period, opinion, exceptions, scope and the vendor’s CUECs, and keep the dated review as evidence.'
			);
		}
		if (
			hasReport &&
			s.reportReviewed &&
			isIsoDate(s.reviewDate) &&
			addMonths(s.reviewDate, VENDOR_REVIEW_MAX_AGE_MONTHS) < today
		) {
			issues.push(
				`Last review is more than ${VENDOR_REVIEW_MAX_AGE_MONTHS} months old: review the current report.`
			);
		}
		if ((s.csocs ?? []).filter((c) => c.trim()).length === 0) {
			issues.push(
				'Carve-out without listed CSOCs: name the controls you rely on this vendor to operate.'
			);
		}
		const periodCheck =
			rec && (s.socReport === 'type2' || s.socReport === 'type1')
				? vendorPeriodCheck(s.reportPeriodEnd, rec)
				: null;
		if (
			periodCheck &&
			(periodCheck.status === 'bridge-letter' || periodCheck.status === 'period-unknown')
		)
			issues.push(periodCheck.text);
		return { ...s, csocs: [...(s.csocs ?? [])], kindName, issues, periodCheck };
	});
}

/** An ordinary vendor: managed under CC9.2, no carve-out/inclusive, no CSOCs, no period check. */
function vendorRow(s: SubserviceOrg, kindName: string, today: string): SubserviceSummaryRow {
	const issues: string[] = [];
	const reviewed = s.reportReviewed && isIsoDate(s.reviewDate);
	if (!reviewed) {
		issues.push(
			'Ordinary vendor (CC9.2): record its risk rating, check the contract’s security and confidentiality terms, and review it on your vendor-review cadence.'
		);
	} else if (addMonths(s.reviewDate!, VENDOR_REVIEW_MAX_AGE_MONTHS) < today) {
		issues.push(
			`Last vendor review is more than ${VENDOR_REVIEW_MAX_AGE_MONTHS} months old: review it again.`
		);
	}
	return { ...s, csocs: [...(s.csocs ?? [])], kindName, issues, periodCheck: null };
}

const ISO_NOTES: Record<'strong' | 'partial' | 'weak', string> = {
	strong:
		'An ISMS usually covers this: reuse its controls and records, then keep evidence of each occurrence for the whole window.',
	partial:
		'An ISMS covers part of this; SOC 2 asks for more here (for example board-level oversight or communication of commitments to customers).',
	weak: 'ISO 27001 says little about this; expect it to be new work.'
};

export function iso27001Overlap(
	bank: Bank,
	a: Assessment,
	gaps: readonly Gap[],
	tsc: readonly CategoryId[]
): Iso27001Overlap | null {
	const status = a.profile?.['profile.iso27001'];
	if (status !== 'certified' && status !== 'in-progress') return null;
	const refs = new Map(bank.criteria.map((c) => [c.id, c.iso27001 ?? []]));
	const rows = gaps.map((g) => {
		const iso: string[] = [];
		for (const id of g.criteria)
			for (const r of refs.get(id) ?? []) if (!iso.includes(r)) iso.push(r);
		const strength = iso.length ? ISO_OVERLAP[g.area] : 'weak';
		const prefix = status === 'in-progress' ? 'Once your ISMS is in place: ' : '';
		return {
			gapId: g.id,
			criteria: [...g.criteria],
			iso27001: iso,
			note: prefix + ISO_NOTES[strength]
		};
	});
	const stillNeeded = [
		'A system description that meets the AICPA description criteria, with service commitments, CUECs and CSOCs.',
		'An ISMS scope aligned with the SOC 2 system boundary (the two often differ).',
		'Evidence kept for every occurrence of each control across the whole window, as complete populations an auditor can sample.',
		'Oversight of controls by a board or equivalent body, a fraud risk assessment, and communication of commitments to customers.',
		'Carve-out or inclusive treatment of each subservice organisation, with a yearly review of their SOC reports and a mapping of their CUECs.'
	];
	if (tsc.includes('processing-integrity')) {
		stillNeeded.push(
			'Processing Integrity controls (accuracy and completeness of processing): ISO 27001 hardly covers them.'
		);
	}
	if (tsc.includes('privacy')) {
		stillNeeded.push(
			'Privacy controls (notice, consent, data-subject requests): ISO 27001 alone covers little; ISO/IEC 27701 goes further.'
		);
	}
	return { status, rows, stillNeeded };
}

export function evidenceChecklist(
	states: readonly QuestionState[],
	plan: readonly PlanAction[],
	/** Questions whose small-team path applies: its evidence is listed first. */
	smallTeam: ReadonlySet<string> = new Set()
): ReportModel['evidenceChecklist'] {
	const byQuestion = new Map<string, PlanAction[]>();
	for (const p of plan) {
		if (p.done) continue;
		for (const id of p.questionIds) byQuestion.set(id, [...(byQuestion.get(id) ?? []), p]);
	}
	return states
		.filter((s) => s.level !== null)
		.map((s) => {
			const path = smallTeam.has(s.question.id) ? s.question.smallTeam : undefined;
			const items = [
				...(path?.evidence ?? []).map((e) => `Small-team path: ${e}`),
				...(s.question.evidence ?? [])
			];
			for (const p of byQuestion.get(s.question.id) ?? []) {
				for (const e of p.evidence) if (!items.includes(e)) items.push(e);
			}
			return {
				questionId: s.question.id,
				title: s.question.title,
				criteria: [...s.question.criteria],
				items,
				pointers: (s.answer?.evidence ?? []).map((e) => ({ ...e }))
			};
		});
}

export function answerRows(states: readonly QuestionState[]): AnswerRow[] {
	return states.map((s) => ({
		questionId: s.question.id,
		area: s.question.area,
		criteria: [...s.question.criteria],
		title: s.question.title,
		prompt: s.question.prompt,
		value: s.value,
		label: valueLabel(s.value),
		note: s.answer?.note ?? '',
		naReason: s.value === 'na' ? (s.answer?.naReason ?? '') : '',
		evidence: (s.answer?.evidence ?? []).map((e) => ({ ...e })),
		applicable: s.applicable,
		skipReason: s.skipReason
	}));
}

export function skippedRows(states: readonly QuestionState[]): ReportModel['skipped'] {
	return states
		.filter((s) => !s.applicable)
		.map((s) => ({
			questionId: s.question.id,
			title: s.question.title,
			reason: s.skipReason ?? 'Does not apply to this scope.'
		}));
}
