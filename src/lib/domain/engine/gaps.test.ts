import { describe, expect, it } from 'vitest';
import type { AreaId, MaturityAnswer, MaturityValue, Risk } from '../types';
import { buildReportModel } from './index';
import { impactFor, likelihoodFor, riskFor, sensitiveData } from './risk';
import { answer, assessment, bank, question } from './testing';

const TODAY = '2026-03-02';

describe('likelihood, impact and bands', () => {
	it.each([
		[0, 5],
		[1, 4],
		[2, 3],
		[3, 2]
	])('level %i → likelihood %i', (level, l) => {
		expect(likelihoodFor(level)).toBe(l);
	});

	it.each([
		[1, false, 1],
		[3, false, 3],
		[3, true, 4],
		[5, false, 5],
		[5, true, 5]
	])('criticality %i, sensitive %s → impact %i', (crit, sensitive, impact) => {
		expect(impactFor(crit, sensitive)).toBe(impact);
	});

	it.each<[number, Risk]>([
		[25, 'critical'],
		[17, 'critical'],
		[16, 'high'],
		[10, 'high'],
		[9, 'medium'],
		[5, 'medium'],
		[4, 'low'],
		[1, 'low']
	])('score %i → %s', (score, risk) => {
		expect(riskFor(score)).toBe(risk);
	});
});

describe('sensitive data raises impact in the relevant areas only', () => {
	const areas: AreaId[] = ['CC1', 'CC6', 'CC8', 'C1', 'PI1', 'P'];
	const b = bank(areas.map((a) => question(`q-${a}`, a, { criticality: 3 })));

	it.each<[string[], AreaId[]]>([
		[[], []],
		[['source-code'], []],
		[['health-data'], ['CC6', 'C1', 'P']],
		[['payment-card'], ['CC6', 'CC8', 'PI1']],
		[['customer-confidential'], ['CC6', 'C1']],
		[
			['personal-data', 'financial-transactions'],
			['CC6', 'CC8', 'C1', 'PI1', 'P']
		]
	])('%j raises %j', (types, raised) => {
		const a = assessment({
			profile: { 'scope.data-types': types },
			categories: ['confidentiality', 'processing-integrity', 'privacy']
		});
		const m = buildReportModel(b, a, TODAY);
		const impacts = Object.fromEntries(m.gaps.map((g) => [g.area, g.impact]));
		for (const area of areas) expect(impacts[area], area).toBe(raised.includes(area) ? 4 : 3);
	});

	it('names the data types per area', () => {
		const s = sensitiveData(
			b,
			assessment({ profile: { 'scope.data-types': ['health-data', 'payment-card'] } })
		);
		expect(s.types.map((t) => t.id)).toEqual(['health-data', 'payment-card']);
		expect(s.byArea.get('CC6')).toEqual(['health data', 'card data']);
		expect(s.byArea.get('P')).toEqual(['health data']);
	});
});

describe('gap register', () => {
	const b = bank([
		question('mfa', 'CC6', { criticality: 5, key: true, criteria: ['CC6.1', 'CC6.6'] }),
		question('policy', 'CC1', { criticality: 3 }),
		question('hygiene', 'CC2', { criticality: 1 })
	]);

	it.each<
		[
			MaturityValue | MaturityAnswer | null,
			{ target: 3 | 4; likelihood: number; risk: Risk } | null
		]
	>([
		[0, { target: 3, likelihood: 5, risk: 'critical' }],
		['unknown', { target: 3, likelihood: 5, risk: 'critical' }],
		[null, { target: 3, likelihood: 5, risk: 'critical' }],
		[1, { target: 3, likelihood: 4, risk: 'critical' }],
		[2, { target: 3, likelihood: 3, risk: 'high' }],
		// Score 10 is High on the scale; an operating gap is capped at Medium.
		[3, { target: 4, likelihood: 2, risk: 'medium' }],
		[4, null],
		[5, null],
		['na', null],
		[answer('na'), { target: 3, likelihood: 5, risk: 'critical' }],
		[answer('na', { naReason: '   ' }), { target: 3, likelihood: 5, risk: 'critical' }]
	])('key control (criticality 5) at %j', (value, expected) => {
		const m = buildReportModel(
			b,
			assessment({ answers: { mfa: value, policy: 5, hygiene: 5 } }),
			TODAY
		);
		const gap = m.gaps.find((g) => g.questionId === 'mfa');
		if (!expected) expect(gap).toBeUndefined();
		else {
			expect(gap).toMatchObject({ ...expected, impact: 5, criteria: ['CC6.1', 'CC6.6'] });
			expect(gap!.riskScore).toBe(gap!.likelihood * gap!.impact);
		}
	});

	it('says why an operating gap on a key control is Medium, not High', () => {
		const m = buildReportModel(
			b,
			assessment({ answers: { mfa: 3, policy: 5, hygiene: 5 } }),
			TODAY
		);
		const gap = m.gaps.find((g) => g.questionId === 'mfa')!;
		expect(gap.riskScore).toBe(10);
		expect(gap.rationale).toBe(
			'Implemented, but with less evidence than an observation window needs (likelihood 2) × key control, criticality 5 (impact 5) = 10, High on the scale, capped at Medium for an operating gap (the control runs; it needs evidence time).'
		);
	});

	it('describes current vs target and the rationale in one line', () => {
		const m = buildReportModel(
			b,
			assessment({
				answers: { mfa: 'unknown', policy: 3, hygiene: 5 },
				profile: { 'scope.data-types': ['personal-data'] }
			}),
			TODAY
		);
		const mfa = m.gaps.find((g) => g.questionId === 'mfa')!;
		expect(mfa.flagged).toBe('unknown');
		expect(mfa.current).toBe(0);
		expect(mfa.description).toMatch(
			/^Currently Not in place \(0\) \(don't know\); needs Implemented \(3\)/
		);
		expect(mfa.description).toContain('mfa level 3 looks like this.');
		expect(mfa.rationale).toBe(
			'Answered "don\'t know", treated as not in place (likelihood 5) × key control, criticality 5 + 1 for personal data in scope (impact 5) = 25, Critical.'
		);
		expect(mfa.rationale).not.toContain('\n');
		const policy = m.gaps.find((g) => g.questionId === 'policy')!;
		expect(policy).toMatchObject({ current: 3, target: 4, riskScore: 6, risk: 'medium' });
		expect(policy.description).toContain('policy level 4 looks like this.');
	});

	it('sorts by risk score, then impact, then interview order', () => {
		const b2 = bank([
			question('low', 'CC1', { criticality: 1 }),
			question('mid', 'CC1', { criticality: 3 }),
			question('top', 'CC1', { criticality: 5 }),
			question('mid2', 'CC1', { criticality: 3 })
		]);
		const m = buildReportModel(
			b2,
			assessment({ answers: { low: 0, mid: 2, top: 3, mid2: 2 } }),
			TODAY
		);
		// top: 2×5=10, mid: 3×3=9, mid2: 9, low: 5×1=5
		expect(m.gaps.map((g) => [g.questionId, g.riskScore])).toEqual([
			['top', 10],
			['mid', 9],
			['mid2', 9],
			['low', 5]
		]);
	});

	it('counts gaps per area and risk', () => {
		const m = buildReportModel(
			b,
			assessment({ answers: { mfa: 0, policy: 0, hygiene: 2 } }),
			TODAY
		);
		expect(m.score.byArea.find((x) => x.area === 'CC6')!.gapCount).toEqual({
			critical: 1,
			high: 0,
			medium: 0,
			low: 0
		});
		expect(m.score.byArea.find((x) => x.area === 'CC1')!.gapCount).toEqual({
			critical: 0,
			high: 1,
			medium: 0,
			low: 0
		});
		expect(m.score.byArea.find((x) => x.area === 'CC2')!.gapCount).toEqual({
			critical: 0,
			high: 0,
			medium: 0,
			low: 1
		});
	});
});
