import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Conflict, SaveState } from '$lib/interview/types';
import ConflictBanner from './ConflictBanner.svelte';
import SaveStatus, { SLOW_SAVE_MS } from './SaveStatus.svelte';

const conflict: Conflict = {
	op: {
		kind: 'answer',
		questionId: 'cc6-mfa',
		answer: { value: 3, note: 'Mine', evidence: [], updatedAt: '2026-03-02T10:02:00.000Z' },
		base: 'stale:2026-03-02T10:00:00.000Z'
	},
	label: 'your answer to “MFA everywhere”',
	theirs: { value: 3, note: 'Theirs', evidence: [], updatedAt: '2026-03-02T10:01:00.000Z' }
};

afterEach(() => {
	cleanup();
	document.body.innerHTML = '';
});

const settle = async () => {
	await tick();
	await tick();
};

describe('ConflictBanner', () => {
	it('announces the refused change in a short alert and shows both versions', async () => {
		render(ConflictBanner, { conflict, onmine: () => {}, ontheirs: () => {} });
		const region = screen.getByRole('region', { name: 'Changed in another window.' });
		const alert = screen.getByRole('alert');
		expect(region).toContainElement(alert);
		expect(alert).toHaveTextContent(/your answer to “MFA everywhere”.*not saved/);
		// The long values are not part of the alert (not read out in full on every refusal).
		expect(alert).not.toHaveTextContent('Theirs');
		expect(region).toHaveTextContent(/Saved elsewhere\s*3 · Implemented — Theirs/);
		expect(region).toHaveTextContent(/Yours \(not saved\)\s*3 · Implemented — Mine/);
	});

	it('takes focus only when nothing has it, never from a field being typed in', async () => {
		const field = document.createElement('textarea');
		document.body.append(field);
		field.focus();
		render(ConflictBanner, { conflict, onmine: () => {}, ontheirs: () => {} });
		await settle();
		expect(document.activeElement).toBe(field);
		cleanup();

		field.blur();
		expect(document.activeElement).toBe(document.body);
		render(ConflictBanner, { conflict, onmine: () => {}, ontheirs: () => {} });
		await settle();
		expect(document.activeElement).toBe(screen.getByRole('region'));
	});

	it('reports the choice and moves focus to the page title, not nowhere', async () => {
		const main = document.createElement('main');
		main.innerHTML = '<h1 tabindex="-1">CC6 Logical access</h1>';
		document.body.append(main);
		const onmine = vi.fn();
		const ontheirs = vi.fn();
		render(ConflictBanner, { conflict, onmine, ontheirs });
		await settle();
		const keep = screen.getByRole('button', { name: 'Keep the other version' });
		keep.focus();
		await fireEvent.click(keep);
		await settle();
		expect(ontheirs).toHaveBeenCalledOnce();
		expect(onmine).not.toHaveBeenCalled();
		expect(document.activeElement).toBe(main.querySelector('h1'));
	});

	it('says how many refused changes wait, and stays on the banner for the next one', async () => {
		const onmine = vi.fn();
		render(ConflictBanner, { conflict, onmine, ontheirs: () => {}, waiting: 2 });
		await settle();
		const region = screen.getByRole('region', { name: 'Changed in another window.' });
		expect(region).toHaveTextContent(/then 2 more changes wait for a decision/);
		const mine = screen.getByRole('button', { name: 'Use mine' });
		mine.focus();
		await fireEvent.click(mine);
		await settle();
		expect(onmine).toHaveBeenCalledOnce();
		expect(document.activeElement).toBe(region);
	});
});

describe('SaveStatus', () => {
	const at = '2026-03-02T10:00:00.000Z';
	const cases: [SaveState, number, RegExp][] = [
		[{ status: 'saved', message: null, at }, 0, /^Saved/],
		// Mounted while a save runs: nothing was saved in this page yet.
		[{ status: 'saving', message: null, at }, 1, /^Saved on this device$/],
		[{ status: 'conflict', message: null, at }, 0, /^Not saved — this assessment changed/],
		// Other edits saving meanwhile do not hide that the refused one is not saved.
		[{ status: 'conflict', message: null, at }, 2, /^Not saved — this assessment changed/],
		[{ status: 'error', message: 'Storage is full.', at }, 1, /^Not saved$/]
	];
	const status = () => screen.getByTestId('save-status');
	const saved = (minute: number): SaveState => ({
		status: 'saved',
		message: null,
		at: `2026-03-02T10:0${minute}:00.000Z`
	});
	const saving = (s: SaveState): SaveState => ({ ...s, status: 'saving' });

	it('keeps "Saved" while a quick save runs, says "Saving…" once it takes long', async () => {
		vi.useFakeTimers();
		try {
			const props = { save: saved(1), pending: 0, saves: 3, onretry: () => {} };
			const { rerender } = render(SaveStatus, props);
			const before = status().textContent;
			expect(before?.trim()).toMatch(/^Saved/);
			expect(status()).toHaveAttribute('data-saves', '3');
			// A save starts: the pill stays as it was (no change, so nothing is announced)…
			await rerender({ ...props, save: saving(saved(1)), pending: 1 });
			vi.advanceTimersByTime(SLOW_SAVE_MS - 1);
			await settle();
			expect(status().textContent).toBe(before);
			expect(status()).not.toHaveClass('saving');
			// …until it has taken SLOW_SAVE_MS.
			vi.advanceTimersByTime(1);
			await settle();
			expect(status().textContent?.trim()).toBe('Saving…');
			expect(status()).toHaveClass('saving');
			// Committed: "Saved" with its time, and one more commit counted.
			await rerender({ ...props, save: saved(2), pending: 0, saves: 4 });
			await settle();
			expect(status().textContent?.trim()).toMatch(/^Saved/);
			expect(status()).toHaveAttribute('data-saves', '4');
			// The next quick save does not say "Saving…" (the timer started afresh).
			await rerender({ ...props, save: saving(saved(2)), pending: 1, saves: 4 });
			vi.advanceTimersByTime(SLOW_SAVE_MS - 1);
			await rerender({ ...props, save: saved(2), pending: 0, saves: 5 });
			vi.advanceTimersByTime(SLOW_SAVE_MS);
			await settle();
			expect(status().textContent?.trim()).toMatch(/^Saved/);
		} finally {
			vi.useRealTimers();
		}
	});

	it("shows each save's local time, formatted once per minute", async () => {
		const at = (minute: number, second: number) =>
			`2026-03-02T11:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}.000Z`;
		const steps = (
			[
				[7, 5],
				[7, 40],
				[7, 59],
				[8, 0],
				[8, 30],
				[7, 10]
			] as const
		).map(([m, sec]) => {
			const iso = at(m, sec);
			const local = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
			return { iso, text: local.format(new Date(iso)) };
		});
		// Counts the status's uses of a formatter (`format` is a getter on the prototype).
		const proto = Intl.DateTimeFormat.prototype;
		const original = Object.getOwnPropertyDescriptor(proto, 'format')!;
		let formatted = 0;
		Object.defineProperty(proto, 'format', {
			...original,
			get(this: Intl.DateTimeFormat) {
				formatted += 1;
				return original.get!.call(this);
			}
		});
		try {
			const props = {
				save: { status: 'saved', message: null, at: at(6, 0) } as SaveState,
				pending: 0,
				saves: 1,
				onretry: () => {}
			};
			const { rerender } = render(SaveStatus, props);
			let n = 1;
			for (const { iso, text } of steps) {
				await rerender({ ...props, save: { status: 'saved', message: null, at: iso }, saves: ++n });
				await settle();
				expect(status().textContent).toContain(text);
			}
		} finally {
			Object.defineProperty(proto, 'format', original);
		}
		// Four minutes shown (11:06, 11:07, 11:08, 11:07 again): each formatted once.
		expect(formatted).toBe(4);
	});

	it('after "Not saved" the retry says "Saving…" at once, never the older "Saved"', async () => {
		const props = { save: saved(1), pending: 0, saves: 1, onretry: () => {} };
		const { rerender } = render(SaveStatus, props);
		await rerender({
			...props,
			save: { status: 'error', message: 'Storage is full.', at: null },
			pending: 1
		});
		await settle();
		expect(status().textContent?.trim()).toBe('Not saved');
		expect(screen.getByRole('alert')).toHaveTextContent(/Your last change is not saved/);
		await rerender({ ...props, save: { status: 'saving', message: null, at: null }, pending: 1 });
		await settle();
		expect(status().textContent?.trim()).toBe('Saving…');
		expect(screen.queryByRole('alert')).toBeNull();
	});

	it.each(cases)('%o with %i pending says %s', (save, pending, text) => {
		render(SaveStatus, { save, pending, onretry: () => {} });
		expect(screen.getByTestId('save-status').textContent?.trim()).toMatch(text);
		expect(screen.getByTestId('save-status')).not.toHaveTextContent(
			save.status === 'conflict' ? /Saved|Saving/ : /changed in another tab/
		);
	});
});
