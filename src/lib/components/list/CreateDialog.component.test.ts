/**
 * The create dialog and the firm library (issue 22): offered when there is one, on by default,
 * saying what it brings; the new assessment gets copies; library questions that no longer pass
 * this version's bank checks stop the creation with the reason, and unticking creates without.
 */
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadinessDB, getAssessment, listAssessments, setDb } from '$lib/db';
import { updateLibrary } from '$lib/db/library';
import type { Assessment, CustomQuestion, FirmLibrary } from '$lib/domain/types';
import CreateDialog from './CreateDialog.svelte';

let database: ReadinessDB;
let n = 0;
beforeEach(async () => {
	database = new ReadinessDB(`create-dialog-${++n}`);
	await database.open();
	setDb(database);
});
afterEach(async () => {
	setDb(null);
	await database.delete();
});

const question = (over: Partial<CustomQuestion> = {}): CustomQuestion => ({
	id: 'custom-badges',
	area: 'CC6',
	criteria: ['CC6.4'],
	title: 'Office badges reconciled',
	prompt: 'Are office badges reconciled with the staff list?',
	why: 'Badges of leavers open doors.',
	level3: 'Reconciled when people leave.',
	level4: 'Reconciled monthly, each run kept.',
	evidence: ['Reconciliation'],
	criticality: 3,
	weight: 1,
	remediation: [
		{
			id: 'rem.custom-badges.fix',
			action: 'Reconcile badges',
			ownerRole: 'Head of Engineering',
			effort: 'S',
			kind: 'design',
			acceptance: ['Done'],
			evidence: ['Reconciliation'],
			dependsOn: [],
			quickWin: false,
			appliesBelow: 3
		}
	],
	...over
});

const library = (questions: CustomQuestion[]): FirmLibrary => ({
	name: 'Harbour method',
	questions,
	branding: { logoDataUrl: null, brandColor: '#7a1f5c' },
	ownerRoles: { 'Head of Engineering': 'Engineering lead' },
	introduction: 'This review follows the Harbour method.',
	updatedAt: '2026-12-01T08:00:00.000Z'
});

async function fillAndCreate(user: ReturnType<typeof userEvent.setup>) {
	const dialog = screen.getByRole('dialog', { name: 'New assessment' });
	await user.type(within(dialog).getByRole('textbox', { name: 'Organisation' }), 'Harbour Ltd');
	await user.type(within(dialog).getByRole('textbox', { name: 'Assessor' }), 'Dana');
	await user.click(within(dialog).getByRole('button', { name: 'Create and start' }));
	return dialog;
}

function setup() {
	const created: Assessment[] = [];
	render(CreateDialog, { onclose: () => {}, oncreated: (a: Assessment) => created.push(a) });
	return { created, user: userEvent.setup() };
}

describe('create dialog: the firm library', () => {
	it('is not offered when the device has no library', async () => {
		const { created, user } = setup();
		await fillAndCreate(user);
		await waitFor(() => expect(created).toHaveLength(1));
		expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
		expect(created[0]!.customQuestions).toBeUndefined();
	});

	it('is offered, on by default, and the new assessment gets copies of what it brings', async () => {
		await updateLibrary(() => library([question()]), database);
		const { created, user } = setup();
		const box = await screen.findByRole('checkbox', {
			name: 'Use the firm library “Harbour method”'
		});
		expect(box).toBeChecked();
		expect(box).toHaveAccessibleDescription(
			/Brings 1 custom question, the brand colour, 1 owner role name and the report introduction/
		);
		await fillAndCreate(user);
		await waitFor(() => expect(created).toHaveLength(1), { timeout: 20_000 });
		const stored = (await getAssessment(created[0]!.id, database))!;
		expect(stored.customQuestions?.map((q) => q.id)).toEqual(['custom-badges']);
		expect(stored.ownerRoles).toEqual({ 'Head of Engineering': 'Engineering lead' });
		expect(stored.reportIntroduction).toBe('This review follows the Harbour method.');
		expect(stored.meta.branding?.brandColor).toBe('#7a1f5c');
		// A later edit of the library leaves the assessment as it was.
		await updateLibrary((l) => ({ ...l!, questions: [question({ title: 'Renamed' })] }), database);
		expect((await getAssessment(created[0]!.id, database))!.customQuestions?.[0]?.title).toBe(
			'Office badges reconciled'
		);
	});

	it('questions that fail this version’s checks stop the creation; unticked, it creates without', async () => {
		// Stored directly: the library page would have refused it (as after a bank update).
		await updateLibrary(() => library([question({ criteria: ['CC6.99'] })]), database);
		const { created, user } = setup();
		const box = await screen.findByRole('checkbox', { name: /Use the firm library/ });
		const dialog = await fillAndCreate(user);
		const alert = await within(dialog).findByRole('alert', {}, { timeout: 20_000 });
		expect(alert).toHaveTextContent(
			/do not pass this version’s checks \(question custom-badges: unknown criterion CC6\.99\)/
		);
		expect(await listAssessments(database)).toEqual([]);
		await user.click(box);
		await user.click(within(dialog).getByRole('button', { name: 'Create and start' }));
		await waitFor(() => expect(created).toHaveLength(1));
		expect(created[0]!.customQuestions).toBeUndefined();
		expect(created[0]!.meta.branding).toEqual({});
	});
});
