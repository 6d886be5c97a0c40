import { describe, expect, it } from 'vitest';
import { fixtureAssessment, fixtureBank, scopedAssessment } from './test-fixtures';
import { stageComplete } from './stage-status';

const bank = fixtureBank();
const none = { answered: 0, total: 0 };

describe('stageComplete', () => {
	it('is false for everything while nothing is loaded', () => {
		expect(stageComplete(null, null, none, 'start')).toBe(false);
	});

	it('marks start done once its fields are valid, profile only once answered', () => {
		const a = fixtureAssessment();
		expect(stageComplete(bank, a, none, 'start')).toBe(true);
		expect(stageComplete(bank, a, none, 'profile')).toBe(false);
		expect(
			stageComplete(bank, { ...a, meta: { ...a.meta, organisation: '' } }, none, 'start')
		).toBe(false);
	});

	it('needs the required answers of profile and scope, and at least one of the stage', () => {
		const a = scopedAssessment();
		expect(stageComplete(bank, a, none, 'profile')).toBe(true);
		expect(stageComplete(bank, a, none, 'scope')).toBe(true);
		const missing = scopedAssessment({ profile: { 'profile.prior-soc': 'none' } });
		expect(stageComplete(bank, missing, none, 'profile')).toBe(false);
	});

	it('vendors and CUECs count when there is at least one and none is incomplete', () => {
		const a = scopedAssessment();
		expect(stageComplete(bank, a, none, 'subservices')).toBe(false);
		expect(stageComplete(bank, a, none, 'cuecs')).toBe(false);
		const cuec = { id: 'c1', templateId: null, area: 'Custom', text: '', criteria: [] };
		expect(stageComplete(bank, { ...a, cuecs: [cuec] }, none, 'cuecs')).toBe(false);
		expect(
			stageComplete(bank, { ...a, cuecs: [{ ...cuec, text: 'Approve users' }] }, none, 'cuecs')
		).toBe(true);
	});

	it('TSC once confirmed; maturity when every applicable question is answered; review never', () => {
		const a = scopedAssessment();
		expect(stageComplete(bank, a, none, 'tsc')).toBe(true);
		expect(stageComplete(bank, { ...a, categoriesConfirmed: false }, none, 'tsc')).toBe(false);
		expect(stageComplete(bank, a, { answered: 3, total: 4 }, 'maturity')).toBe(false);
		expect(stageComplete(bank, a, { answered: 4, total: 4 }, 'maturity')).toBe(true);
		expect(stageComplete(bank, a, none, 'maturity')).toBe(false);
		expect(stageComplete(bank, a, { answered: 4, total: 4 }, 'review')).toBe(false);
	});
});
