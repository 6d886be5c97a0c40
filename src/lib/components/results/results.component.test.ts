import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { buildReportModel } from '$lib/domain/engine';
import { answer, assessment, bank, question } from '$lib/domain/engine/testing';
import AreaChart from './AreaChart.svelte';
import HeatMap from './HeatMap.svelte';
import PlanByPhase from './PlanByPhase.svelte';
import WhatIfPanel from './WhatIfPanel.svelte';
import RecommendationPanel from './RecommendationPanel.svelte';
import ScoreSummary from './ScoreSummary.svelte';
import { whatIf } from '$lib/domain/engine';

const TODAY = '2026-03-02';
const b = bank([
	question('mfa', 'CC6', { criticality: 5, key: true }),
	question('policy', 'CC1', { criticality: 3 }),
	question('hygiene', 'CC2', { criticality: 1 })
]);
const a = assessment({ answers: { mfa: 0, policy: 2, hygiene: 5 } });
const model = buildReportModel(b, a, TODAY);

describe('AreaChart', () => {
	it('prints every score as text in the chart and in the table', () => {
		render(AreaChart, { areas: model.score.byArea, headingId: 'h' });
		const chart = screen.getByRole('figure');
		const cc1 = model.score.byArea.find((x) => x.area === 'CC1')!;
		expect(within(chart).getByText(`${cc1.score} %`)).toBeInTheDocument();
		expect(within(chart).getAllByText('not assessed').length).toBeGreaterThan(0);
		const row = screen.getByRole('rowheader', { name: /CC1/ }).closest('tr')!;
		expect(
			within(row)
				.getAllByRole('cell')
				.map((c) => c.textContent)
		).toEqual([
			`${cc1.score} %`,
			`${cc1.type1Readiness} %`,
			`${cc1.type2Readiness} %`,
			'1 of 1',
			'1'
		]);
	});
});

describe('HeatMap', () => {
	it('shows a count in every cell, with row and column headers', () => {
		render(HeatMap, { areas: model.score.byArea });
		const table = screen.getByRole('table', { name: /gaps in each area by risk/i });
		expect(
			within(table)
				.getAllByRole('columnheader')
				.map((h) => h.textContent?.trim())
		).toEqual(['Area', 'CriticalCrit.', 'HighHigh', 'MediumMed.', 'LowLow', 'Total']);
		const cc6 = within(table).getByRole('rowheader', { name: /CC6/ }).closest('tr')!;
		expect(
			within(cc6)
				.getAllByRole('cell')
				.map((c) => c.textContent)
		).toEqual(['1', '0', '0', '0', '1']);
		const total = within(table).getByRole('rowheader', { name: 'All areas' }).closest('tr')!;
		expect(
			within(total)
				.getAllByRole('cell')
				.map((c) => c.textContent)
		).toEqual(['1', '0', '1', '0', '2']); // mfa 5 × 5 = 25 critical; policy 3 × 3 = 9 medium
	});
});

describe('PlanByPhase', () => {
	it('groups actions by phase and reports a tick with the action id', async () => {
		const ontoggle = vi.fn();
		render(PlanByPhase, { plan: model.plan, saving: [], ontoggle });
		expect(screen.getByRole('heading', { name: 'Days 0–30' })).toBeInTheDocument();
		const first = model.plan[0]!;
		const box = screen.getByLabelText(first.action);
		expect(box).not.toBeChecked();
		await fireEvent.click(box);
		expect(ontoggle).toHaveBeenCalledWith(first.id, true);
	});

	it('small teams: each phase lists controls with their steps, every action still tickable', async () => {
		const small = buildReportModel(
			b,
			assessment({
				answers: { mfa: 0, policy: 2, hygiene: 5 },
				profile: { 'profile.headcount': '1-10' }
			}),
			TODAY
		);
		expect(small.planGroups!.length).toBeGreaterThan(0);
		const ontoggle = vi.fn();
		render(PlanByPhase, {
			plan: small.plan,
			controls: small.planGroups,
			saving: [],
			ontoggle
		});
		const mfa = small.planGroups!.find((c) => c.questionId === 'mfa')!;
		const heading = screen.getByRole('heading', { name: 'mfa title', level: 4 });
		const item = heading.closest('li')!;
		expect(item).toHaveTextContent(`${mfa.actionIds.length} steps`);
		expect(item).toHaveTextContent('Owner Engineering');
		const phase0 = small.planGroups!.filter((c) => c.phase === '0-30').length;
		expect(screen.getAllByText(new RegExp(`^${phase0} control`)).length).toBeGreaterThan(0);
		for (const id of mfa.actionIds) {
			const action = small.plan.find((p) => p.id === id)!;
			expect(within(item).getByLabelText(action.action)).not.toBeChecked();
		}
		await fireEvent.click(
			within(item).getByLabelText(small.plan.find((p) => p.id === mfa.actionIds[0])!.action)
		);
		expect(ontoggle).toHaveBeenCalledWith(mfa.actionIds[0], true);
	});

	it('disables an action while its change is saved', () => {
		render(PlanByPhase, { plan: model.plan, saving: [model.plan[0]!.id], ontoggle: () => {} });
		expect(screen.getByLabelText(model.plan[0]!.action)).toBeDisabled();
	});
});

describe('WhatIfPanel', () => {
	it('invites to tick actions when none is done', () => {
		render(WhatIfPanel, { base: model, next: null, count: 0, onclear: () => {} });
		expect(screen.getByText(/Tick actions in the plan below/)).toBeInTheDocument();
	});

	it('compares the figures with the actions done', () => {
		const done = model.plan.filter((p) => p.questionIds.includes('mfa')).map((p) => p.id);
		const next = whatIf(b, a, TODAY, done);
		render(WhatIfPanel, { base: model, next, count: done.length, onclear: () => {} });
		expect(screen.getByText(`With ${done.length} actions done:`)).toBeInTheDocument();
		const row = screen.getByRole('rowheader', { name: 'Readiness score' }).closest('tr')!;
		expect(
			within(row)
				.getAllByRole('cell')
				.map((c) => c.textContent)
		).toEqual([
			`${model.score.overall} %`,
			`${next.score.overall} %`,
			`+${next.score.overall - model.score.overall}`
		]);
	});
});

describe('ScoreSummary', () => {
	it('prints every score in the same unit and splits the questions not asked by why', () => {
		const b2 = bank([
			question('mfa', 'CC6', { criticality: 5 }),
			question('office', 'CC6', {
				when: { answer: 'scope.offices', in: ['coworking', 'own-offices'] }
			}),
			question('uptime', 'A1'),
			question('backup', 'A1')
		]);
		const m = buildReportModel(
			b2,
			assessment({ answers: { mfa: 3 }, profile: { 'scope.offices': 'none' } }),
			TODAY
		);
		expect(m.score.counts).toMatchObject({
			skipped: 3,
			skippedNotSelected: 2,
			skippedByAnswers: 1
		});
		render(ScoreSummary, { model: m });
		expect(screen.getByTestId('score-overall')).toHaveTextContent(/^\d+\s%$/);
		expect(screen.getByTestId('score-type1')).toHaveTextContent(/^\d+\s%$/);
		expect(screen.getByTestId('score-type2')).toHaveTextContent(/^\d+\s%$/);
		expect(
			screen.getByText(
				'0 not applicable · 2 in categories not selected · 1 skipped by your answers'
			)
		).toBeInTheDocument();
	});
});

describe('RecommendationPanel', () => {
	it('names a window that follows a Type I by the Type I, not as the earliest start', () => {
		const designed = { mfa: 3, policy: 3, hygiene: 3 } as const;
		const bridge = buildReportModel(
			b,
			assessment({
				answers: designed,
				target: '2026-05-15',
				profile: { 'profile.type2-demand': true }
			}),
			TODAY
		);
		expect(bridge.recommendation.type).toBe('type1-then-type2');
		const { unmount } = render(RecommendationPanel, { model: bridge });
		const row = (label: string) =>
			screen.getByText(label, { selector: 'dt' }).parentElement!.querySelector('dd')!;
		expect(row('Type I as-of date')).toHaveTextContent('16 Mar 2026');
		expect(row('Window starts (after the Type I)')).toHaveTextContent('17 Mar 2026');
		expect(screen.queryByText('Earliest window start', { selector: 'dt' })).toBeNull();
		unmount();
		render(RecommendationPanel, {
			model: buildReportModel(b, assessment({ answers: designed }), TODAY)
		});
		expect(row('Earliest window start')).toHaveTextContent('2 Mar 2026');
	});

	it('says a past target date must be reset instead of counting days late', () => {
		const m = buildReportModel(
			b,
			assessment({ answers: { mfa: 0, policy: 2, hygiene: 5 }, target: '2026-01-15' }),
			TODAY
		);
		render(RecommendationPanel, { model: m });
		const verdict = screen.getByTestId('target-passed');
		expect(verdict).toHaveTextContent(
			`The target date has passed: 15 Jan 2026 is before 2 Mar 2026, so it has to be reset.`
		);
		expect(verdict).toHaveTextContent(/A realistic target on this plan is \d+ \w+ 20\d\d/);
		expect(document.body.textContent).not.toMatch(/days? late|whether a Type I would do/);
	});

	it('lists key controls answered N/A with their reasons, for the CPA firm to confirm', () => {
		const nb = bank([
			question('mfa', 'CC6', { criticality: 5, key: true, naNeedsReason: true, title: 'MFA' }),
			question('policy', 'CC1', { criticality: 3 })
		]);
		const m = buildReportModel(
			nb,
			assessment({
				answers: { mfa: answer('na', { naReason: 'No staff accounts yet' }), policy: 4 }
			}),
			TODAY
		);
		render(RecommendationPanel, { model: m });
		const box = screen.getByTestId('na-key-controls');
		expect(box).toHaveTextContent(
			'1 key control answered “not applicable”: confirm with your CPA firm.'
		);
		expect(within(box).getByRole('listitem')).toHaveTextContent(
			'MFA (CC6.1): No staff accounts yet'
		);
	});

	it('shows nothing about N/A key controls when there are none', () => {
		render(RecommendationPanel, { model });
		expect(screen.queryByTestId('na-key-controls')).toBeNull();
	});
});
