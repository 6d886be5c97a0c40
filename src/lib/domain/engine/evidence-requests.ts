/**
 * The evidence request list (PBC): which of the bank's requests apply to this assessment, the
 * period the evidence must cover, how many times each control runs in it, a typical sample
 * (auditor-dependent), the owner and a status from the answers and evidence pointers.
 *
 * Pure: the report model carries the recommendation (dates) and the answers; the assessment
 * carries the headcount and owner role names (owners as in the plan) and the prepared marks. The rules are printed in the
 * methodology ("Evidence request list") and docs/methodology.md.
 */
import { diffDays } from '../dates';
import {
	MATURITY_LABELS,
	REQUEST_AREAS,
	type Assessment,
	type Bank,
	type EvidenceRequest,
	type EvidenceRequestList,
	type EvidenceRequestRow,
	type MaturityLevel,
	type ReportModel,
	type RequestFrequency,
	type RequestPeriod,
	type RequestStatus,
	type SampleEstimate
} from '../types';
import {
	DESIGN_TARGET,
	OPERATING_TARGET,
	REQUEST_EVENT_SAMPLE,
	REQUEST_SAMPLE_12_MONTHS
} from './methodology';
import { teamFor, withRoleNames } from './plan';
import {
	REQUEST_AREA_LABELS,
	REQUEST_FREQUENCY_LABELS,
	requestPeriod,
	type RequestOptions
} from './display';

export {
	REQUEST_AREA_LABELS,
	REQUEST_FREQUENCY_LABELS,
	REQUEST_STATUS_LABELS,
	requestPeriod,
	type RequestOptions
} from './display';

export const REQUEST_NOTE =
	'Sample sizes are typical figures and auditor-dependent: the AICPA sets none, and your CPA firm applies its own method. Confirm them with your auditor.';

/** Occurrences of a control of this frequency in the period; null when not countable. */
export function occurrencesIn(frequency: RequestFrequency, period: RequestPeriod): number | null {
	if (period.kind !== 'type2' || !period.start || !period.end || !period.months) return null;
	const days = diffDays(period.start, period.end) + 1;
	switch (frequency) {
		case 'annual':
			return Math.floor(period.months / 12);
		case 'quarterly':
			return Math.floor(period.months / 3);
		case 'monthly':
			return period.months;
		case 'weekly':
			return Math.floor(days / 7);
		case 'daily':
			return days;
		default:
			return null;
	}
}

const range = (lo: number, hi: number) => (lo === hi ? String(lo) : `${lo}–${hi}`);

/** The typical sample for the frequency and period (auditor-dependent). */
export function sampleFor(frequency: RequestFrequency, period: RequestPeriod): SampleEstimate {
	if (period.kind === 'type1')
		return {
			min: 1,
			max: 1,
			text:
				frequency === 'annual'
					? '1: the latest occurrence (within the 12 months before the as-of date, if the auditor agrees)'
					: frequency === 'event'
						? '1: one instance walked through as of the date'
						: '1: one instance as of the date'
		};
	const { share, floor, cap } = REQUEST_EVENT_SAMPLE;
	switch (frequency) {
		case 'event':
			return {
				min: null,
				max: null,
				text: `about ${Math.round(share * 100)} % of the population, at least ${floor} (all when fewer), at most ${cap}`
			};
		case 'automated':
			return {
				min: 1,
				max: 1,
				text: '1 (a test of one), plus the change and access controls that keep it unchanged'
			};
		case 'point-in-time':
			return { min: 1, max: 1, text: '1: the version in force, with any changes in the period' };
		case 'annual':
			return {
				min: 1,
				max: 1,
				text:
					period.kind === 'type2' && (occurrencesIn('annual', period) ?? 0) < 1
						? '1: perform it inside the period, or agree with the auditor that the latest one counts'
						: '1: the occurrence in the period'
			};
		default: {
			const [lo, hi] = REQUEST_SAMPLE_12_MONTHS[frequency];
			const n = occurrencesIn(frequency, period);
			const min = n === null ? lo : Math.min(lo, n);
			const max = n === null ? hi : Math.min(hi, n);
			const capped = n !== null && n < hi;
			return {
				min,
				max,
				text: `${range(min, max)}${n === null ? ' (12-month figure)' : capped ? ` (of ${n})` : ''}`
			};
		}
	}
}

function occurrencesText(
	frequency: RequestFrequency,
	period: RequestPeriod,
	n: number | null
): string {
	if (frequency === 'event') return 'Every event in the period (the population)';
	if (frequency === 'automated') return 'Continuous (automated)';
	if (frequency === 'point-in-time') return 'Point in time';
	if (period.kind === 'type1') return 'As of the date';
	if (n === null) {
		const perYear = { annual: 1, quarterly: 4, monthly: 12, weekly: 52, daily: 365 }[frequency];
		return `${perYear} per 12 months`;
	}
	if (frequency === 'annual' && n < 1)
		return '0 or 1: schedule it inside the period, or agree with the auditor';
	return String(n);
}

type RowBase = Omit<EvidenceRequestRow, 'ref'>;

/**
 * The evidence request list of an assessment.
 * `requests` is normally `bank.evidenceRequests`; `model` the assessment's report model.
 */
export function buildEvidenceRequests(
	bank: Bank,
	requests: readonly EvidenceRequest[],
	assessment: Pick<Assessment, 'profile' | 'requestsPrepared' | 'ownerRoles'>,
	model: Pick<ReportModel, 'recommendation' | 'answers' | 'tsc'>,
	opts: RequestOptions = {}
): EvidenceRequestList {
	const period = requestPeriod(model.recommendation, opts);
	const target = period.kind === 'type1' ? DESIGN_TARGET : OPERATING_TARGET;
	const answers = new Map(model.answers.map((r) => [r.questionId, r]));
	const titles = new Map(bank.questions.map((q) => [q.id, q.title]));
	const team = withRoleNames(
		teamFor(assessment.profile?.['profile.headcount']),
		assessment.ownerRoles
	);
	// The plan's rule: fold for a small team, then apply the assessment's own name for the role.
	const ownerOf = (role: string) => {
		const folded = team.roles[role] ?? role;
		return team.names?.[folded] ?? folded;
	};
	const prepared = assessment.requestsPrepared ?? {};
	const tsc = new Set(model.tsc);

	const rows: RowBase[] = [];
	const excluded: EvidenceRequestList['excluded'] = [];
	for (const r of requests) {
		if (!tsc.has(r.category)) {
			excluded.push({ id: r.id, item: r.item, reason: `${r.category} is not in scope` });
			continue;
		}
		const asked = r.questions
			.map((id) => answers.get(id))
			.filter((a) => a !== undefined && a.applicable && a.value !== 'na')
			.map((a) => ({
				questionId: a!.questionId,
				title: titles.get(a!.questionId) ?? a!.title,
				label: a!.label,
				level: (typeof a!.value === 'number' ? a!.value : 0) as MaturityLevel,
				evidence: a!.evidence.length
			}));
		if (asked.length === 0) {
			excluded.push({
				id: r.id,
				item: r.item,
				reason: 'every question it rests on is skipped by the scope answers or not applicable'
			});
			continue;
		}
		const { status, reason } = statusOf(asked, target);
		const n = occurrencesIn(r.frequency, period);
		const at = prepared[r.id];
		rows.push({
			id: r.id,
			area: r.area,
			areaLabel: REQUEST_AREA_LABELS[r.area],
			category: r.category,
			item: r.item,
			provide: r.provide,
			population: r.population,
			frequency: r.frequency,
			frequencyLabel: REQUEST_FREQUENCY_LABELS[r.frequency],
			owner: ownerOf(r.owner),
			bankOwner: r.owner,
			criteria: [...r.criteria],
			questions: asked,
			period: period.text,
			occurrences: n,
			occurrencesText: occurrencesText(r.frequency, period, n),
			sample: sampleFor(r.frequency, period),
			status,
			statusReason: reason,
			prepared: typeof at === 'string' && at ? at : null
		});
	}
	const order = new Map(REQUEST_AREAS.map((a, i) => [a, i]));
	const sorted = rows
		.map((row, i) => ({ row, i }))
		.sort((x, y) => order.get(x.row.area)! - order.get(y.row.area)! || x.i - y.i)
		.map(({ row }, i): EvidenceRequestRow => ({ ref: `E${i + 1}`, ...row }));
	const count = (s: RequestStatus) => sorted.filter((r) => r.status === s).length;
	return {
		period,
		rows: sorted,
		excluded,
		counts: {
			total: sorted.length,
			ready: count('ready'),
			partial: count('partial'),
			missing: count('missing'),
			prepared: sorted.filter((r) => r.prepared !== null).length
		},
		note: REQUEST_NOTE
	};
}

function statusOf(
	asked: { questionId: string; title: string; level: MaturityLevel | null; evidence: number }[],
	target: number
): { status: RequestStatus; reason: string } {
	const level = (q: (typeof asked)[number]) => q.level ?? 0;
	const below = asked.filter((q) => level(q) < target);
	const pointers = asked.reduce((n, q) => n + q.evidence, 0);
	const name = MATURITY_LABELS[target as MaturityLevel].toLowerCase();
	if (asked.every((q) => level(q) < DESIGN_TARGET))
		return {
			status: 'missing',
			reason: `Not implemented yet: ${asked.length === 1 ? 'its question is not' : `none of its ${asked.length} questions is`} at level ${DESIGN_TARGET} (implemented) or above.`
		};
	if (below.length === 0 && pointers > 0)
		return {
			status: 'ready',
			reason: `Every question at level ${target} (${name}) or above; ${pointers} evidence pointer${pointers === 1 ? '' : 's'} recorded.`
		};
	const parts: string[] = [];
	if (below.length)
		parts.push(`below level ${target} (${name}): ${below.map((q) => q.title).join(', ')}`);
	if (pointers === 0) parts.push('no evidence pointer recorded');
	return {
		status: 'partial',
		reason: `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase())
	};
}
