/**
 * Short, stable references used across the report: gaps are numbered G1…Gn in risk order and
 * plan actions R1…Rn in roadmap order, so tables can point at each other without ids.
 */
import type { Gap, PlanAction, ReportModel } from '$lib/domain/types';
import { PHASES, riskRank } from '../text';

export interface Refs {
	gaps: Gap[];
	plan: PlanAction[];
	gapRef: Map<string, string>;
	actionRef: Map<string, string>;
	areaName: Map<string, string>;
}

/**
 * Gaps by risk score (highest first), then risk band; ties keep the engine's order (impact,
 * likelihood, key controls, interview order — the rule the methodology appendix states), so the
 * report, the CSV and the dashboard list the same gaps in the same order. The sort is stable.
 */
export function sortGaps(gaps: Gap[]): Gap[] {
	return [...gaps].sort((a, b) => b.riskScore - a.riskScore || riskRank(a.risk) - riskRank(b.risk));
}

/** Plan actions by phase, keeping the engine's order (risk and dependencies) inside a phase. */
export function sortPlan(plan: PlanAction[]): PlanAction[] {
	return plan
		.map((p, i) => ({ p, i }))
		.sort((a, b) => PHASES.indexOf(a.p.phase) - PHASES.indexOf(b.p.phase) || a.i - b.i)
		.map(({ p }) => p);
}

export function makeRefs(model: ReportModel): Refs {
	const gaps = sortGaps(model.gaps);
	const plan = sortPlan(model.plan);
	return {
		gaps,
		plan,
		gapRef: new Map(gaps.map((g, i) => [g.id, `G${i + 1}`])),
		actionRef: new Map(plan.map((p, i) => [p.id, `R${i + 1}`])),
		areaName: new Map(model.score.byArea.map((a) => [a.area, a.name]))
	};
}
