/**
 * The gap register: every applicable question below the operating target becomes a gap.
 */
import { MATURITY_LABELS, type AreaId, type Gap, type MaturityLevel } from '../types';
import { DESIGN_TARGET, OPERATING_GAP_MAX_RISK, OPERATING_TARGET } from './methodology';
import { impactFor, likelihoodFor, riskFor, riskLabel, riskRank } from './risk';
import { scored, type QuestionState } from './scoring';

export function gapId(questionId: string): string {
	return `gap-${questionId}`;
}

function levelName(level: number): string {
	return `${MATURITY_LABELS[level as MaturityLevel]} (${level})`;
}

function currentPhrase(s: QuestionState & { level: MaturityLevel }): string {
	if (s.flagged === 'unknown') return 'Answered "don\'t know", treated as not in place';
	if (s.flagged === 'unanswered') return 'Not answered, treated as not in place';
	switch (s.level) {
		case 0:
			return 'Not in place';
		case 1:
			return 'Informal, depends on people';
		case 2:
			return 'Written down but not yet done consistently';
		default:
			return 'Implemented, but with less evidence than an observation window needs';
	}
}

/** Gaps of the scored questions, sorted by risk (highest first), then impact, likelihood, bank order. */
export function buildGaps(
	states: readonly QuestionState[],
	sensitiveByArea: ReadonlyMap<AreaId, string[]>
): Gap[] {
	const gaps: (Gap & { index: number; key: boolean })[] = [];
	for (const s of scored(states)) {
		if (s.level >= OPERATING_TARGET) continue;
		const q = s.question;
		const target: 3 | 4 = s.level < DESIGN_TARGET ? DESIGN_TARGET : OPERATING_TARGET;
		const sensitive = sensitiveByArea.get(q.area) ?? [];
		const likelihood = likelihoodFor(s.level);
		const impact = impactFor(q.criticality, sensitive.length > 0);
		const riskScore = likelihood * impact;
		const scoredRisk = riskFor(riskScore);
		const capped =
			target === OPERATING_TARGET && riskRank(scoredRisk) < riskRank(OPERATING_GAP_MAX_RISK);
		const risk = capped ? OPERATING_GAP_MAX_RISK : scoredRisk;
		const names =
			sensitive.length > 1
				? `${sensitive.slice(0, -1).join(', ')} and ${sensitive.at(-1)}`
				: (sensitive[0] ?? '');
		const raised = sensitive.length ? ` + 1 for ${names} in scope` : '';
		const control = q.key ? 'key control, criticality' : 'criticality';
		const rationale =
			`${currentPhrase(s)} (likelihood ${likelihood}) × ${control} ${q.criticality}${raised} ` +
			`(impact ${impact}) = ${riskScore}, ${capped ? `${riskLabel(scoredRisk)} on the scale, capped at ${riskLabel(risk)} for an operating gap (the control runs; it needs evidence time)` : riskLabel(risk)}.`;
		const whatGoodLooksLike = (target === DESIGN_TARGET ? q.level3 : q.level4).trim();
		const stage =
			target === DESIGN_TARGET
				? 'to be ready for a Type I, then Operating (4) for a Type II'
				: 'with retained evidence, for a Type II';
		const description =
			`Currently ${levelName(s.level)}${s.flagged ? ` (${s.flagged === 'unknown' ? "don't know" : 'unanswered'})` : ''}; ` +
			`needs ${levelName(target)} ${stage}. ${whatGoodLooksLike}`.trim();
		gaps.push({
			id: gapId(q.id),
			questionId: q.id,
			area: q.area,
			criteria: [...q.criteria],
			title: q.title,
			description,
			current: s.level,
			target,
			likelihood,
			impact,
			riskScore,
			risk,
			rationale,
			flagged: s.flagged,
			index: s.index,
			key: q.key === true
		});
	}
	gaps.sort(
		(a, b) =>
			b.riskScore - a.riskScore ||
			b.impact - a.impact ||
			b.likelihood - a.likelihood ||
			Number(b.key) - Number(a.key) ||
			a.index - b.index
	);
	return gaps.map(({ index: _i, key: _k, ...g }) => g);
}
