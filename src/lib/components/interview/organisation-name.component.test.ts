/**
 * One organisation-name rule everywhere (issue 16): the create dialog, the Start stage of the
 * interview and import accept and refuse exactly the same names. Each name below goes through
 * all three; the expectation is written once per name.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadinessDB, createAssessment, getAssessment, listAssessments, setDb } from '$lib/db';
import { ORGANISATION_MAX } from '$lib/domain/fields';
import { importFile } from '$lib/export';
import { fileOf, fixtureDoc } from '$lib/export/test-helpers';
import { fixtureBank } from '$lib/interview/test-fixtures';
import { InterviewSession } from '$lib/state/interview.svelte';
import CreateDialog from '$lib/components/list/CreateDialog.svelte';
import StartStage from './StartStage.svelte';

vi.mock('$lib/bank', () => ({ loadBank: async () => ({ questions: [] }) }));

const max = ORGANISATION_MAX;
/** [what, name, accepted] — the single expectation for every screen and for import. */
const NAMES: [string, string, boolean][] = [
	['a plain name', 'Acme Ltd', true],
	['a name with spaces around', '  Acme Ltd  ', true],
	['300 characters (the issue’s example: cut to 140, then refused)', 'N'.repeat(300), true],
	[`exactly ${max} characters`, 'N'.repeat(max), true],
	[`${max} characters of emoji halves`, '😀'.repeat(max / 2), true],
	[`${max + 1} characters`, 'N'.repeat(max + 1), false],
	[`${max - 1} letters and two spaces`, ` ${'N'.repeat(max - 1)} `, false],
	['empty', '', false],
	['only spaces', '    ', false]
];

let database: ReadinessDB;
let n = 0;
beforeEach(async () => {
	database = new ReadinessDB(`organisation-name-${++n}`);
	await database.open();
	setDb(database);
});
afterEach(async () => {
	cleanup();
	setDb(null);
	await database.delete();
});

function setValue(el: HTMLElement, value: string) {
	(el as HTMLInputElement).value = value;
	fireEvent.input(el);
}

describe('the create dialog, the Start stage and import accept the same organisation names', () => {
	it.each(NAMES)('%s', async (_what, name, accepted) => {
		// 1. The create dialog.
		const created = vi.fn();
		render(CreateDialog, { onclose: () => {}, oncreated: created });
		const dialog = screen.getByRole('dialog', { name: 'New assessment' });
		setValue(within(dialog).getByRole('textbox', { name: 'Organisation' }), name);
		setValue(within(dialog).getByRole('textbox', { name: 'Assessor' }), 'Ada');
		await fireEvent.click(within(dialog).getByRole('button', { name: 'Create and start' }));
		if (accepted) {
			await waitFor(() => expect(created).toHaveBeenCalledTimes(1));
			expect(created.mock.calls[0]![0].meta.organisation).toBe(name.trim());
		} else {
			const org = within(dialog).getByRole('textbox', { name: 'Organisation' });
			expect(org).toHaveAttribute('aria-invalid', 'true');
			expect(org).toHaveAccessibleDescription(
				name.trim() ? new RegExp(`${max} characters or fewer`) : /Enter the name/
			);
			expect(await listAssessments(database)).toHaveLength(0);
		}
		cleanup();

		// 2. The Start stage of an existing assessment.
		const a = await createAssessment({
			organisation: 'Before',
			assessor: 'Ada',
			assessmentDate: '2026-03-02',
			targetReportDate: null
		});
		const session = new InterviewSession(a.id, {
			loadBank: async () => fixtureBank(),
			database: () => database,
			live: false
		});
		await session.start();
		render(StartStage, { session });
		const field = screen.getByRole('textbox', { name: 'Organisation' });
		await fireEvent.focus(field);
		setValue(field, name);
		await fireEvent.blur(field);
		await session.whenSaved();
		const stored = (await getAssessment(a.id, database))!.meta.organisation;
		if (accepted) {
			expect(stored).toBe(name.trim());
			expect(field).not.toHaveAttribute('aria-invalid');
		} else {
			expect(stored).toBe('Before');
			expect(field).toHaveAttribute('aria-invalid', 'true');
			// What was typed stays in the field, with the reason, until it is corrected.
			expect(field).toHaveValue(name);
			expect(field).toHaveAccessibleDescription(
				name.trim() ? new RegExp(`${max} characters or fewer`) : /Enter the name/
			);
		}
		session.destroy();
		cleanup();

		// 3. Import of an export that holds the name.
		const doc = fixtureDoc();
		doc.assessment.meta.organisation = name;
		doc.assessment.id = `imported-${n}`;
		const imported = importFile(fileOf(JSON.stringify(doc)), { database });
		if (accepted) {
			expect((await imported)!.meta.organisation).toBe(name);
		} else {
			await expect(imported).rejects.toThrow(
				name === ''
					? /organisation name .* must not be empty/
					: name.trim()
						? new RegExp(`organisation name .* is longer than ${max} characters`)
						: /organisation name .* must not be empty/
			);
		}
	});
});
