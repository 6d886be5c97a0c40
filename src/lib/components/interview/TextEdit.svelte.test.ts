import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import {
	ReadinessDB,
	allowDrafts,
	createAssessment,
	deleteAssessment,
	forgetDrafts,
	keepDraft,
	pruneOrphanDrafts,
	putAssessment,
	takeDraft
} from '$lib/db';
import TextEdit from './TextEdit.svelte';

const ASSESSMENT = 'a-1';

beforeEach(() => {
	localStorage.clear();
	history.replaceState(null, '', `/interview?id=${ASSESSMENT}`);
});
afterEach(() => {
	vi.useRealTimers();
});

function setup(value: string, props: Record<string, unknown> = {}) {
	const saves: [string, string][] = [];
	const utils = render(TextEdit, {
		id: 'scope-services',
		label: 'Services',
		value,
		onsave: (t: string, b: string) => saves.push([t, b]),
		...props
	});
	return { saves, box: screen.getByRole('textbox') as HTMLInputElement, ...utils };
}

function hide(state: 'hidden' | 'visible') {
	Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
	document.dispatchEvent(new Event('visibilitychange'));
}

describe('TextEdit draft journal', () => {
	it('keeps unsaved text when the page goes away, and saves it when the field is shown again', async () => {
		const first = setup('Hosted API');
		await fireEvent.input(first.box, { target: { value: 'Hosted API and dashboards' } });
		window.dispatchEvent(new Event('pagehide'));
		// Kept synchronously (the database write may not finish while the page unloads)…
		expect(
			JSON.parse(localStorage.getItem(`soc2-readiness:draft:${ASSESSMENT}:scope-services`)!)
		).toEqual({ draft: 'Hosted API and dashboards', base: 'Hosted API' });
		first.unmount();

		// …and after the reload the stored value is still the old one: the draft is saved.
		const again = setup('Hosted API');
		expect(again.box.value).toBe('Hosted API and dashboards');
		expect(again.saves).toEqual([['Hosted API and dashboards', 'Hosted API']]);
		expect(takeDraft(ASSESSMENT, 'scope-services')).toBeNull();
	});

	it('never overwrites a value saved meanwhile (or one the write did store)', () => {
		keepDraft(ASSESSMENT, 'scope-services', { draft: 'mine', base: 'old' });
		const moved = setup('newer from another tab');
		expect(moved.saves).toEqual([]);
		expect(moved.box.value).toBe('newer from another tab');
		expect(takeDraft(ASSESSMENT, 'scope-services')).toBeNull();
		moved.unmount();

		keepDraft(ASSESSMENT, 'scope-services', { draft: 'mine', base: 'old' });
		const stored = setup('mine');
		expect(stored.saves).toEqual([]);
	});

	it('keeps a draft while the tab is hidden and drops it when the page is back', async () => {
		const { box, saves } = setup('');
		await fireEvent.input(box, { target: { value: 'Typed on a phone' } });
		hide('hidden');
		expect(takeDraft(ASSESSMENT, 'scope-services')).toEqual({
			draft: 'Typed on a phone',
			base: ''
		});
		expect(saves).toEqual([['Typed on a phone', '']]);
		keepDraft(ASSESSMENT, 'scope-services', { draft: 'Typed on a phone', base: '' });
		hide('visible');
		expect(takeDraft(ASSESSMENT, 'scope-services')).toBeNull();
	});

	it('names the field by draftKey when one is given, and ignores damaged entries', () => {
		localStorage.setItem(`soc2-readiness:draft:${ASSESSMENT}:q-cc1-note`, '{not json');
		const { saves } = setup('', { id: 'pq-note', draftKey: 'q-cc1-note' });
		expect(saves).toEqual([]);
		expect(localStorage.length).toBe(0);
	});

	it('deleting an assessment removes its drafts and nobody else’s', async () => {
		const database = new ReadinessDB(`drafts-${Date.now()}`);
		await database.open();
		const a = await createAssessment(
			{
				organisation: 'Acme',
				assessor: 'Ada',
				assessmentDate: '2026-11-28',
				targetReportDate: null
			},
			database
		);
		keepDraft(a.id, 'scope-services', { draft: 'x', base: '' });
		keepDraft(a.id, 'q-cc1-note', { draft: 'y', base: '' });
		keepDraft('someone-else', 'scope-services', { draft: 'z', base: '' });
		const deleted = (await deleteAssessment(a.id, database))!;
		expect(Object.keys(localStorage)).toEqual(['soc2-readiness:draft:someone-else:scope-services']);
		// Nothing typed afterwards in this window is kept for it…
		keepDraft(a.id, 'q-cc1-note', { draft: 'late', base: '' });
		expect(takeDraft(a.id, 'q-cc1-note')).toBeNull();
		// …until an undo brings it back.
		await putAssessment(deleted, database);
		keepDraft(a.id, 'q-cc1-note', { draft: 'back', base: '' });
		expect(takeDraft(a.id, 'q-cc1-note')).toEqual({ draft: 'back', base: '' });
		await database.delete();
	});

	it('a field of a deleted assessment keeps nothing when the page goes away', async () => {
		forgetDrafts(ASSESSMENT);
		try {
			const { box, saves } = setup('old');
			await fireEvent.input(box, { target: { value: 'typed after the delete' } });
			window.dispatchEvent(new Event('pagehide'));
			hide('hidden');
			expect(localStorage.length).toBe(0);
			// The save is still attempted (and fails with a clear message in the interview).
			expect(saves).toEqual([['typed after the delete', 'old']]);
		} finally {
			allowDrafts(ASSESSMENT);
			hide('visible');
		}
	});

	it('sweeps drafts whose assessment is not stored, and keeps the others', async () => {
		const database = new ReadinessDB(`drafts-prune-${Date.now()}`);
		await database.open();
		const a = await createAssessment(
			{
				organisation: 'Kept',
				assessor: 'Ada',
				assessmentDate: '2026-11-28',
				targetReportDate: null
			},
			database
		);
		keepDraft(a.id, 'scope-services', { draft: 'mine', base: '' });
		keepDraft('deleted-elsewhere', 'q-cc1-note', { draft: 'left behind', base: '' });
		keepDraft('deleted-elsewhere', 'scope-services', { draft: 'left behind', base: '' });
		localStorage.setItem('unrelated-key', 'stays');
		expect(await pruneOrphanDrafts(database)).toEqual(['deleted-elsewhere']);
		expect(Object.keys(localStorage).sort()).toEqual(
			[`soc2-readiness:draft:${a.id}:scope-services`, 'unrelated-key'].sort()
		);
		await database.delete();
	});
});

describe('TextEdit with a field validator', () => {
	it('does not save a refused value, says why, keeps the text, and saves once it is corrected', async () => {
		const { vendorName } = await import('$lib/domain/fields');
		const { saves, box, rerender } = setup('AWS', { validate: vendorName });
		await fireEvent.focus(box);
		await fireEvent.input(box, { target: { value: 'x'.repeat(1_001) } });
		await fireEvent.blur(box);
		expect(saves).toEqual([]);
		expect(box).toHaveAttribute('aria-invalid', 'true');
		expect(box).toHaveAccessibleDescription(/vendor name to 1,000 characters or fewer/);
		// A newer stored value does not wipe what the user typed while it is refused.
		await rerender({ value: 'AWS (Ireland)' });
		expect(box.value).toBe('x'.repeat(1_001));

		await fireEvent.focus(box);
		await fireEvent.input(box, { target: { value: 'Amazon Web Services' } });
		await fireEvent.blur(box);
		expect(saves).toEqual([['Amazon Web Services', 'AWS (Ireland)']]);
		expect(box).not.toHaveAttribute('aria-invalid');
		expect(screen.queryByRole('alert')).toBeNull();
	});
});
