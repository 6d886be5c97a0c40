/**
 * One stage list for the desk sidebar and the presenter's navigator (issue 17): both show every
 * stage of the machine, in order, with the same current, complete and unavailable states, and a
 * choice goes to the stage.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadinessDB, createAssessment } from '$lib/db';
import { STAGES, STAGE_LABELS } from '$lib/interview/types';
import { fixtureBank } from '$lib/interview/test-fixtures';
import { InterviewSession } from '$lib/state/interview.svelte';
import Sidebar from './Sidebar.svelte';
import StageList from './StageList.svelte';

let database: ReadinessDB;
let session: InterviewSession;
let n = 0;
beforeEach(async () => {
	database = new ReadinessDB(`stage-list-${++n}`);
	await database.open();
	const a = await createAssessment(
		{ organisation: 'Acme', assessor: 'Ada', assessmentDate: '2026-03-02', targetReportDate: null },
		database
	);
	session = new InterviewSession(a.id, {
		loadBank: async () => fixtureBank(),
		database: () => database,
		live: false
	});
	await session.start();
});
afterEach(async () => {
	cleanup();
	session.destroy();
	await database.delete();
});

/** What a stage list tells a screen reader: each stage's accessible name and state. */
function describeList(list: HTMLElement) {
	return within(list)
		.getAllByRole('button')
		.filter((b) => b.classList.contains('stage'))
		.map((b) => ({
			// (The presenter adds the maturity percentage to its pill.)
			name: b.textContent!.replace(/ \d+%/, '').replace(/\s+/g, ' ').trim(),
			current: b.getAttribute('aria-current'),
			unavailable: b.getAttribute('aria-disabled') === 'true'
		}));
}

describe('StageList', () => {
	it('the sidebar and the presenter list the same stages with the same states', () => {
		render(Sidebar, { session });
		const desk = describeList(screen.getByRole('navigation', { name: 'Interview stages' }));
		cleanup();
		const { container } = render(StageList, { session, variant: 'present' });
		const present = describeList(container);
		expect(desk).toEqual(present);
		expect(desk).toHaveLength(STAGES.length);
		STAGES.forEach((stage, i) => expect(desk[i]!.name).toContain(STAGE_LABELS[stage]));
		expect(desk.filter((s) => s.current === 'step')).toHaveLength(1);
		expect(desk[STAGES.indexOf(session.stage)]!.current).toBe('step');
		expect(desk.some((s) => s.unavailable && s.name.includes('(not available yet)'))).toBe(true);
	});

	it('choosing a reachable stage goes there, in either presentation', async () => {
		const { container } = render(StageList, { session, variant: 'present', compact: true });
		const profile = within(container).getByRole('button', { name: /Company profile/ });
		await fireEvent.click(profile);
		expect(session.stage).toBe('profile');
		expect(profile).toHaveAttribute('aria-current', 'step');
		// Compact: the other stages show their number only, their names stay for screen readers.
		const start = within(container).getByRole('button', { name: /Start/ });
		expect(start.querySelector('.name')).toHaveClass('visually-hidden');
		expect(profile.querySelector('.name')).not.toHaveClass('visually-hidden');
	});
});
