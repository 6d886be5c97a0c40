/**
 * The plan by control (small teams): an action ticked done shows once, under "Marked done", even
 * while the groups still come from the model computed before the tick (the worker answers later).
 */
import { cleanup, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanAction, PlanGroup, ReportModel } from '$lib/domain/types';
import sample from '../../../../test/fixtures/report-model.sample.json';
import PlanByPhase from './PlanByPhase.svelte';

afterEach(cleanup);

describe('PlanByPhase by control', () => {
	it('a ticked step leaves its control at once: one checkbox per action', () => {
		const plan = (sample as unknown as ReportModel).plan
			.slice(0, 3)
			.map((p): PlanAction => ({ ...p, phase: '0-30', done: false }));
		const [first, second, third] = plan;
		const control = (id: string, actionIds: string[]): PlanGroup => ({
			questionId: id,
			title: `Control ${id}`,
			actionIds,
			owners: [first!.ownerRole],
			start: first!.start,
			due: first!.due,
			phase: '0-30',
			risk: 'high',
			quickWin: false,
			recurring: 0
		});
		// The groups as the model had them before the tick: both steps of the first control open.
		const controls = [control('q1', [first!.id, second!.id]), control('q2', [third!.id])];
		const ticked = plan.map((p) => (p.id === first!.id ? { ...p, done: true } : p));
		const { container } = render(PlanByPhase, {
			plan: ticked,
			controls,
			saving: [],
			ontoggle: () => {}
		});
		const boxes = container.querySelectorAll<HTMLInputElement>(`[id="done-${first!.id}"]`);
		expect(boxes).toHaveLength(1);
		expect(boxes[0]!.checked).toBe(true);
		expect(boxes[0]!.closest('details')?.querySelector('h3')?.textContent).toBe('Marked done');
		// The other steps stay under their controls; a control with no open step is not listed.
		expect(container.querySelectorAll(`[id="done-${second!.id}"]`)).toHaveLength(1);
		const ticked2 = ticked.map((p) => (p.id === third!.id ? { ...p, done: true } : p));
		const again = render(PlanByPhase, { plan: ticked2, controls, saving: [], ontoggle: () => {} });
		expect(again.container.textContent).not.toContain('Control q2');
	});
});
