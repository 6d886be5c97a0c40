import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '$lib/domain/engine';
import { assessment, bank, question } from '$lib/domain/engine/testing';
import type { PointOfFocus, ReportModel } from '$lib/domain/types';
import PointsOfFocus from './PointsOfFocus.svelte';

const pof = (
	criterion: string,
	n: number,
	name: string,
	over: Partial<PointOfFocus> = {}
): PointOfFocus => ({
	id: `${criterion}.${n}`,
	criterion,
	n,
	name,
	text: `${name}, in plain words.`,
	category: 'security',
	coveredBy: [],
	notApplicable: null,
	gap: null,
	...over
});

const b = {
	...bank([
		question('mfa', 'CC6', { criticality: 5, title: 'MFA everywhere' }),
		question('policy', 'CC1', { criticality: 3, title: 'Code of conduct' }),
		question('board', 'CC1', { title: 'Board oversight' })
	]),
	pointsOfFocus: [
		pof('CC1.1', 1, 'Tone at the top', { coveredBy: [{ questionId: 'policy', via: 'prompt' }] }),
		pof('CC1.1', 2, 'Board oversight', { coveredBy: [{ questionId: 'board', via: 'level3' }] }),
		pof('CC1.1', 3, 'Financial statements', { notApplicable: 'A SOC 1 matter, not SOC 2.' }),
		pof('CC6.1', 1, 'Strong sign-in', { coveredBy: [{ questionId: 'mfa', via: 'prompt' }] }),
		pof('CC6.1', 2, 'Personal data use', {
			category: 'privacy',
			coveredBy: [{ questionId: 'mfa', via: 'prompt' }]
		})
	]
};
const model = buildReportModel(b, assessment({ answers: { mfa: 4, policy: 2 } }), '2026-03-02');

describe('PointsOfFocus', () => {
	it('summarises each criterion and lists its points with the answers that speak to them', async () => {
		render(PointsOfFocus, { model });
		const toggle = screen.getByRole('button', { name: 'Show the points of focus of 2 criteria' });
		expect(toggle.getAttribute('aria-expanded')).toBe('false');
		expect(screen.queryByText('CC1.1')).toBeNull();
		await fireEvent.click(toggle);
		expect(toggle.getAttribute('aria-expanded')).toBe('true');
		expect(toggle.textContent!.trim()).toBe('Hide the points of focus of 2 criteria');
		expect(screen.getByText(/4 points in scope:/).textContent!.replace(/\s+/g, ' ')).toMatch(
			/1 with evidence expected, 1 below implemented, 1 unanswered or unknown, 0 not asked in this assessment, 1 not applicable to SOC 2/
		);
		// the privacy point stays out of a Security-only scope
		expect(screen.queryByText('Personal data use')).toBeNull();
		const cc1 = screen.getByText('CC1.1').closest('details')!;
		expect(within(cc1).getByText('0 of 2 with evidence expected · 2 gaps')).toBeTruthy();
		// points are rendered once the criterion is opened
		expect(within(cc1).queryByText('Tone at the top')).toBeNull();
		await fireEvent.click(within(cc1).getByText('CC1.1'));
		const tone = (await within(cc1).findByText('Tone at the top')).closest('li')!;
		expect(within(tone).getByText('Below implemented')).toBeTruthy();
		const link = within(tone).getByRole('link', { name: 'Code of conduct' });
		expect(link.getAttribute('href')).toMatch(/\/interview\?id=.+&q=policy$/);
		expect(within(cc1).getByText('A SOC 1 matter, not SOC 2.')).toBeTruthy();
		const board = within(cc1).getByText('Board oversight', { selector: 'strong' }).closest('li')!;
		expect(within(board).getByText('Unanswered or unknown')).toBeTruthy();
		expect(within(board).getByText(/Not answered/)).toBeTruthy();
		const cc6 = screen.getByText('CC6.1').closest('details')!;
		expect(within(cc6).getByText('1 of 1 with evidence expected')).toBeTruthy();
		await fireEvent.click(within(cc6).getByText('CC6.1'));
		expect(await within(cc6).findByText('Evidence expected')).toBeTruthy();
		// closing hides the points again
		await fireEvent.click(within(cc1).getByText('CC1.1'));
		await waitFor(() => expect(within(cc1).queryByText('Tone at the top')).toBeNull());
	});

	it('filters the points and says when nothing matches', async () => {
		render(PointsOfFocus, { model });
		await fireEvent.click(screen.getByRole('button', { name: /^Show the points of focus/ }));
		const select = screen.getByLabelText('Show');
		await fireEvent.change(select, { target: { value: 'evidenced' } });
		expect(screen.queryByText('CC1.1')).toBeNull();
		expect(screen.getByText('CC6.1')).toBeTruthy();
		await fireEvent.click(screen.getByText('CC6.1'));
		expect(await screen.findByText('Strong sign-in')).toBeTruthy();
		await fireEvent.change(select, { target: { value: 'gaps' } });
		expect(screen.getByText('CC1.1')).toBeTruthy();
		expect(screen.queryByText('CC6.1')).toBeNull();
		expect(screen.queryByText('Financial statements')).toBeNull();
		await fireEvent.change(select, { target: { value: 'not-asked' } });
		await fireEvent.click(screen.getByText('CC1.1'));
		expect(await screen.findByText('Financial statements')).toBeTruthy();
		expect(screen.queryByText('No points of focus match this filter.')).toBeNull();
	});

	it('says so when no point matches the filter', async () => {
		const noNa: ReportModel = {
			...model,
			pointsOfFocus: model.pointsOfFocus!.map((r) => ({
				...r,
				points: r.points.filter((p) => p.status !== 'na')
			}))
		};
		render(PointsOfFocus, { model: noNa });
		await fireEvent.click(screen.getByRole('button', { name: /^Show the points of focus/ }));
		await fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'not-asked' } });
		expect(screen.getByRole('status').textContent).toBe('No points of focus match this filter.');
	});

	it('renders nothing for a model saved before points of focus existed', () => {
		const { container } = render(PointsOfFocus, { model: { ...model, pointsOfFocus: undefined } });
		expect(container.textContent!.trim()).toBe('');
	});
});
