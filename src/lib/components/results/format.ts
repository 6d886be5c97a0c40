/** Labels and small formatters for the results dashboard. */
import { RISK_BANDS } from '$lib/domain/engine/display';
import type { Effort, Risk } from '$lib/domain/types';

export { RECOMMENDATION_LABELS, recommendationLabel } from '$lib/domain/engine/labels';

export const RISKS: readonly Risk[] = ['critical', 'high', 'medium', 'low'];

export function riskLabel(r: Risk): string {
	return RISK_BANDS.find((b) => b.risk === r)?.label ?? r;
}

export const EFFORT_LABELS: Record<Effort, string> = {
	S: 'S · under a week',
	M: 'M · 1–4 weeks',
	L: 'L · over a month'
};

/** "3 Mar 2026" for an ISO date (one rule for every screen: src/lib/domain/dates.ts). */
export { shortDate } from '$lib/domain/dates';

export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** "+4", "−2", "±0" */
export function delta(n: number): string {
	if (n > 0) return `+${n}`;
	if (n < 0) return `−${Math.abs(n)}`;
	return '±0';
}
