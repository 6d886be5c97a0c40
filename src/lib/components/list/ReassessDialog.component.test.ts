/**
 * "Start a re-assessment" (issue 20): what is carried over, the proposed target (the old gap from
 * today, never the old, past date), the one validator of the field refusing a missing, past or
 * same-day target (nothing stored), and one write for the new assessment.
 */
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	ReadinessDB,
	createAssessment,
	dumpDatabase,
	getAssessment,
	saveAnswer,
	setDb
} from '$lib/db';
import type { Assessment } from '$lib/domain/types';
import ReassessDialog from './ReassessDialog.svelte';

let database: ReadinessDB;
let n = 0;
beforeEach(async () => {
	database = new ReadinessDB(`reassess-dialog-${++n}`);
	await database.open();
	setDb(database);
});
afterEach(async () => {
	setDb(null);
	await database.delete();
});

const TODAY = '2026-06-15';

async function earlier(): Promise<Assessment> {
	const a = await createAssessment(
		{
			organisation: 'Acme',
			assessor: 'Ada',
			assessmentDate: '2026-03-02',
			targetReportDate: '2026-06-01'
		},
		database
	);
	await saveAnswer(
		a.id,
		'cc6-mfa',
		{ value: 3, evidence: [], updatedAt: '2026-03-02T10:00:00.000Z' },
		database
	);
	return a;
}

function show(a: Assessment) {
	const ondone = vi.fn();
	const onclose = vi.fn();
	render(ReassessDialog, {
		source: {
			id: a.id,
			organisation: a.meta.organisation,
			assessmentDate: a.meta.assessmentDate,
			targetReportDate: a.meta.targetReportDate ?? null,
			answered: 1
		},
		today: TODAY,
		ondone,
		onclose
	});
	return { ondone, onclose, dialog: screen.getByRole('dialog', { name: 'Start a re-assessment' }) };
}

describe('ReassessDialog', () => {
	it('says what is carried over and proposes a target after today from the old gap', async () => {
		const { dialog } = show(await earlier());
		expect(within(dialog).getByRole('list', { name: 'Carried over' })).toHaveTextContent(
			/every answer with its N\/A reason, note and evidence pointers/
		);
		expect(within(dialog).getByRole('list', { name: 'Not carried over' })).toHaveTextContent(
			/history/
		);
		const target = within(dialog).getByLabelText('New target report date');
		// 2 March → 1 June is 91 days; from 15 June that is 14 September.
		expect(target).toHaveValue('2026-09-14');
		expect(target).toHaveFocus();
		expect(dialog).toHaveTextContent(/already past/);
		expect(within(dialog).getByLabelText('Organisation')).toHaveValue('Acme');
		// Dates read as the question cards and the report write them (whatever the locale).
		expect(dialog).toHaveTextContent('dated 15 Jun 2026, linked to the one of 2 Mar 2026');
		expect(dialog).toHaveTextContent('The earlier target was 1 Jun 2026, already past.');
		expect(dialog).toHaveTextContent('shows “From 2 Mar 2026 — confirm or change”');
	});

	it('refuses an empty or non-future target with the field message; nothing is stored', async () => {
		const a = await earlier();
		const { dialog, ondone } = show(a);
		const dump = await dumpDatabase(database);
		const user = userEvent.setup();
		const target = within(dialog).getByLabelText('New target report date');
		for (const [value, message] of [
			['', 'Enter the new target report date.'],
			[TODAY, `The new target report date must be after today (${TODAY}).`],
			['2026-06-01', `The new target report date must be after today (${TODAY}).`]
		] as const) {
			await user.clear(target);
			if (value) await user.type(target, value);
			await user.click(within(dialog).getByRole('button', { name: 'Start re-assessment' }));
			expect(await within(dialog).findByText(message)).toBeInTheDocument();
			expect(target).toHaveAttribute('aria-invalid', 'true');
			expect(target).toHaveFocus();
		}
		expect(ondone).not.toHaveBeenCalled();
		expect(await dumpDatabase(database)).toBe(dump);
	});

	it('starts the re-assessment dated today, linked, with the new target', async () => {
		const a = await earlier();
		const { dialog, ondone } = show(a);
		const user = userEvent.setup();
		await user.click(within(dialog).getByRole('button', { name: 'Start re-assessment' }));
		await waitFor(() => expect(ondone).toHaveBeenCalledTimes(1));
		const made = ondone.mock.calls[0]![0] as Assessment;
		const stored = (await getAssessment(made.id, database))!;
		expect(stored.meta).toMatchObject({
			organisation: 'Acme',
			assessmentDate: TODAY,
			targetReportDate: '2026-09-14'
		});
		expect(stored.reassessmentOf).toEqual({ id: a.id, assessedOn: '2026-03-02' });
		expect(stored.carried).toEqual({ 'cc6-mfa': {} });
	});
});
