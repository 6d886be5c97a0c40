/**
 * Likelihood × impact risk rating of a gap (5×5, bands in methodology.ts).
 */
import type { AreaId, Assessment, Bank, Risk } from '../types';
import {
	DEFAULT_SENSITIVE_AREAS,
	LIKELIHOOD_BY_LEVEL,
	MAX_IMPACT,
	RISK_BANDS,
	SENSITIVE_DATA_AREAS,
	SENSITIVE_IMPACT_UPLIFT
} from './methodology';
import { riskRank } from './display';

type Scale = 1 | 2 | 3 | 4 | 5;

function clampScale(n: number): Scale {
	return Math.min(MAX_IMPACT, Math.max(1, Math.round(n))) as Scale;
}

/** Likelihood from the current level (0–3; higher levels are not gaps). */
export function likelihoodFor(level: number): Scale {
	const l = Math.max(0, Math.min(3, Math.floor(level))) as 0 | 1 | 2 | 3;
	return LIKELIHOOD_BY_LEVEL[l];
}

/** Impact from the bank criticality, raised when sensitive data relevant to the area is in scope. */
export function impactFor(criticality: number, sensitive: boolean): Scale {
	return clampScale(criticality + (sensitive ? SENSITIVE_IMPACT_UPLIFT : 0));
}

export function riskFor(score: number): Risk {
	for (const band of RISK_BANDS) if (score >= band.min) return band.risk;
	return 'low';
}

export function riskLabel(risk: Risk): string {
	return RISK_BANDS.find((b) => b.risk === risk)?.label ?? risk;
}

/** 0 = critical … 3 = low (for sorting). */
export { riskRank };

export function maxRisk(risks: readonly Risk[]): Risk {
	let best: Risk = 'low';
	for (const r of risks) if (riskRank(r) < riskRank(best)) best = r;
	return best;
}

/** Short names of the data types for one-line rationales (the bank's labels are longer). */
const SHORT_NAMES: Record<string, string> = {
	'customer-confidential': 'customer confidential data',
	'personal-data': 'personal data',
	'health-data': 'health data',
	'payment-card': 'card data',
	'financial-transactions': 'financial transaction data'
};

export interface SensitiveData {
	/** Option id and label of each selected sensitive data type. */
	types: { id: string; label: string }[];
	/** Short names of the sensitive data types that raise impact in each area. */
	byArea: Map<AreaId, string[]>;
}

/** Selected `scope.data-types` options marked sensitive, and the areas they raise. */
export function sensitiveData(bank: Bank, a: Assessment): SensitiveData {
	const q = bank.profileQuestions.find((p) => p.id === 'scope.data-types');
	const answer = a.profile?.['scope.data-types'];
	const types =
		q?.options && Array.isArray(answer)
			? q.options
					.filter((o) => o.sensitive && answer.includes(o.id))
					.map((o) => ({ id: o.id, label: o.label }))
			: [];
	const byArea = new Map<AreaId, string[]>();
	for (const t of types) {
		const name = SHORT_NAMES[t.id] ?? t.label.toLowerCase();
		for (const area of SENSITIVE_DATA_AREAS[t.id] ?? DEFAULT_SENSITIVE_AREAS) {
			byArea.set(area, [...(byArea.get(area) ?? []), name]);
		}
	}
	return { types, byArea };
}
