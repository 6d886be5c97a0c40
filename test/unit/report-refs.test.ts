import { describe, expect, it } from 'vitest';
import type { Gap } from '../../src/lib/domain/types';
import { sortGaps } from '../../src/lib/report/pdf/refs';

function gap(id: string, criteria: string, riskScore: number, risk: Gap['risk']): Gap {
	return {
		id,
		questionId: id,
		area: criteria.startsWith('C1') ? 'C1' : 'CC6',
		criteria: [criteria],
		title: id,
		description: '',
		current: 0,
		target: 3,
		likelihood: 5,
		impact: 5,
		riskScore,
		risk,
		rationale: '',
		flagged: null
	};
}

describe('sortGaps (G1…Gn numbering of the PDF and CSV)', () => {
	it('keeps the engine order for gaps of equal risk, so the PDF top risks match the dashboard', () => {
		// The engine ranks ties by impact, likelihood, key control and interview order: CC6 comes
		// before C1 in the interview. Sorting ties by criterion text would put C1.1 first.
		const engineOrder = [
			gap('mfa', 'CC6.1', 25, 'critical'),
			gap('access-review', 'CC6.3', 25, 'critical'),
			gap('confidential', 'C1.1', 25, 'critical'),
			gap('logging', 'CC7.2', 12, 'high')
		];
		expect(sortGaps(engineOrder).map((g) => g.id)).toEqual([
			'mfa',
			'access-review',
			'confidential',
			'logging'
		]);
	});

	it('still puts a higher risk first when the model arrives unsorted', () => {
		const unsorted = [gap('low', 'CC1.1', 4, 'low'), gap('high', 'CC6.1', 20, 'critical')];
		expect(sortGaps(unsorted).map((g) => g.id)).toEqual(['high', 'low']);
	});
});
