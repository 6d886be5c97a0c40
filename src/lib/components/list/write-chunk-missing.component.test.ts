/**
 * The start page's dialogs load Dexie (the database module) before their write (issue 19). When
 * that chunk cannot load (offline without the precached file, a deployment replaced meanwhile),
 * the write fails like any failed write: the dialog says so with its usual message, and nothing
 * is reported done.
 */
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import CreateDialog from './CreateDialog.svelte';
import RenameDialog from './RenameDialog.svelte';

vi.mock('$lib/db/index', () => {
	throw new TypeError('Failed to fetch dynamically imported module');
});

const summary = {
	id: 'a1',
	organisation: 'Acme',
	assessor: 'Ada',
	assessmentDate: '2026-11-01',
	targetReportDate: null,
	createdAt: '2026-11-01T00:00:00.000Z',
	updatedAt: '2026-11-01T00:00:00.000Z',
	lastExportedAt: null,
	answered: 0
};

describe('a dialog whose write cannot load the database module', () => {
	it('rename: says the new name could not be saved', async () => {
		const ondone = vi.fn();
		render(RenameDialog, { summary, onclose: vi.fn(), ondone });
		const user = userEvent.setup();
		const input = screen.getByLabelText('Organisation');
		await user.clear(input);
		await user.type(input, 'Acme Group');
		await user.click(screen.getByRole('button', { name: 'Rename' }));
		expect(await screen.findByRole('alert')).toHaveTextContent(
			/^The new name could not be saved on this device \(.+\)\. Nothing was changed\.$/
		);
		expect(ondone).not.toHaveBeenCalled();
		expect(screen.getByRole('button', { name: 'Rename' })).toBeEnabled();
	});

	it('create: says the assessment could not be saved', async () => {
		const oncreated = vi.fn();
		render(CreateDialog, { onclose: vi.fn(), oncreated });
		const user = userEvent.setup();
		await user.type(screen.getByLabelText('Organisation'), 'Acme');
		await user.type(screen.getByLabelText('Assessor'), 'Ada');
		await user.click(screen.getByRole('button', { name: 'Create and start' }));
		expect(await screen.findByRole('alert')).toHaveTextContent(
			/^The assessment could not be saved on this device \(.+\)\. Nothing was changed\.$/
		);
		expect(oncreated).not.toHaveBeenCalled();
	});
});
