/**
 * The review stage of a re-assessment (issue 20): the carried answers not yet confirmed, grouped
 * by area, each linking to its question, and one "Confirm all in <area>" per area (one command).
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ReadinessDB,
	createAssessment,
	getAssessment,
	saveAnswer,
	startReassessment
} from '$lib/db';
import { fixtureBank } from '$lib/interview/test-fixtures';
import { InterviewSession } from '$lib/state/interview.svelte';
import ReviewStage from './ReviewStage.svelte';

let database: ReadinessDB;
const sessions: InterviewSession[] = [];
let n = 0;
const bank = fixtureBank();

function sessionOf(id: string) {
	const s = new InterviewSession(id, {
		loadBank: async () => bank,
		database: () => database,
		live: false
	});
	sessions.push(s);
	return s;
}

beforeEach(async () => {
	database = new ReadinessDB(`review-carried-${++n}`);
	await database.open();
});
afterEach(async () => {
	cleanup();
	for (const s of sessions.splice(0)) s.destroy();
	await database.delete();
});

/** An earlier assessment with answers in two areas, re-assessed; its session on the review. */
async function reassessed() {
	const a = await createAssessment(
		{ organisation: 'Acme', assessor: 'Ada', assessmentDate: '2026-03-02', targetReportDate: null },
		database
	);
	const first = sessionOf(a.id);
	await first.start();
	const path = first.path;
	const areas = [...new Set(path.map((id) => bank.questions.find((q) => q.id === id)!.area))];
	const inArea = (area: string) =>
		path.filter((id) => bank.questions.find((q) => q.id === id)!.area === area);
	const [areaA, areaB] = [areas[0]!, areas[1]!];
	const picked = [...inArea(areaA).slice(0, 2), ...inArea(areaB).slice(0, 1)];
	for (const [i, q] of picked.entries())
		await saveAnswer(
			a.id,
			q,
			{ value: 3, evidence: [], updatedAt: `2026-03-02T10:0${i}:00.000Z` },
			database
		);
	const r = await startReassessment(
		a.id,
		{ today: '2026-06-15', targetReportDate: '2026-12-31' },
		database
	);
	const s = sessionOf(r.id);
	await s.start();
	return { s, r, areaA, areaB, picked };
}

describe('ReviewStage: carried answers to confirm', () => {
	it('lists them by area with links, says how many are left, and confirms an area at once', async () => {
		const { s, r, areaA, areaB, picked } = await reassessed();
		render(ReviewStage, { session: s });
		const section = screen.getByRole('region', { name: /Carried answers to confirm \(3\)/ });
		expect(within(section).getByTestId('carried-count')).toHaveTextContent(
			/3 answers carried over from the assessment of .+ are not confirmed yet/
		);
		for (const q of picked) {
			const title = bank.questions.find((x) => x.id === q)!.title;
			expect(within(section).getByRole('link', { name: title })).toHaveAttribute(
				'href',
				expect.stringContaining(`q=${q}`)
			);
		}
		const user = userEvent.setup();
		await user.click(
			within(section).getByRole('button', { name: new RegExp(`^Confirm all in ${areaA}`) })
		);
		await waitFor(() =>
			expect(
				screen.getByRole('region', { name: /Carried answers to confirm \(1\)/ })
			).toBeInTheDocument()
		);
		expect(
			screen.queryByRole('button', { name: new RegExp(`^Confirm all in ${areaA}`) })
		).toBeNull();
		const areaName = bank.areas.find((x) => x.id === areaA)!.name;
		expect(
			screen
				.getAllByRole('status')
				.some((el) => el.textContent === `2 answers in ${areaName} confirmed.`)
		).toBe(true);
		await s.whenSaved();
		const stored = (await getAssessment(r.id, database))!;
		expect(stored.carried![picked[0]!]!.confirmedAt).toBeTruthy();
		expect(stored.carried![picked[1]!]!.confirmedAt).toBeTruthy();
		expect(stored.carried![picked[2]!]!.confirmedAt).toBeUndefined();

		// A change ends "to confirm" too; then none are left, and the stage says so.
		s.answer(picked[2]!, 1);
		await waitFor(() =>
			expect(screen.getByTestId('carried-count')).toHaveTextContent(
				/Every answer carried over from the assessment of .+ has been confirmed or changed\./
			)
		);
		expect(
			screen.queryByRole('button', { name: new RegExp(`^Confirm all in ${areaB}`) })
		).toBeNull();
	});

	it('shows nothing of it for an assessment that is not a re-assessment', async () => {
		const a = await createAssessment(
			{
				organisation: 'Acme',
				assessor: 'Ada',
				assessmentDate: '2026-03-02',
				targetReportDate: null
			},
			database
		);
		const s = sessionOf(a.id);
		await s.start();
		render(ReviewStage, { session: s });
		expect(screen.queryByRole('region', { name: /Carried answers/ })).toBeNull();
	});
});
