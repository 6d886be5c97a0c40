import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Harness from './ResultsSectionHarness.test.svelte';
import Sections from './ResultsSectionsHarness.test.svelte';

describe('ResultsSection: a closed section is drawn when opened or in idle time, findable', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('a closed section is not drawn at load, then drawn in idle time, hidden until found', async () => {
		const idle: ((d: IdleDeadline) => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (cb: (d: IdleDeadline) => void) => idle.push(cb));
		try {
			render(Harness);
			expect(screen.getByText('12 actions')).toBeInTheDocument();
			// A few seconds after the page is shown, when the browser is next idle; not before.
			await vi.runAllTimersAsync();
			expect(screen.queryByText('The whole plan')).toBeNull();
			expect(idle).toHaveLength(1);
			// An idle period with too little time left draws nothing yet, and asks again.
			idle.shift()!({ didTimeout: false, timeRemaining: () => 2 });
			expect(screen.queryByText('The whole plan')).toBeNull();
			expect(idle).toHaveLength(1);
			idle.shift()!({ didTimeout: false, timeRemaining: () => 40 });
			const body = screen.getByText('The whole plan');
			// In the page (find-in-page finds it) but not shown: the section stays closed.
			expect(body).not.toBeVisible();
			expect(body.closest('[hidden]')).toHaveAttribute('hidden', 'until-found');
			expect(screen.getByRole('button', { name: 'Remediation plan' })).toHaveAttribute(
				'aria-expanded',
				'false'
			);
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('sections waiting for idle time are drawn one per idle period, in page order', async () => {
		const idle: ((d: IdleDeadline) => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (cb: (d: IdleDeadline) => void) => idle.push(cb));
		try {
			render(Sections);
			await vi.advanceTimersByTimeAsync(3000);
			const plenty = { didTimeout: false, timeRemaining: () => 49 };
			idle.shift()!(plenty);
			expect(screen.getByText('Body one')).toBeInTheDocument();
			expect(screen.queryByText('Body two')).toBeNull();
			idle.shift()!(plenty);
			expect(screen.getByText('Body two')).toBeInTheDocument();
			expect(screen.queryByText('Body three')).toBeNull();
			// Opened meanwhile: drawn at once, and the idle queue moves on.
			await fireEvent.click(screen.getByRole('button', { name: 'Section three' }));
			expect(screen.getByText('Body three')).toBeVisible();
			if (idle.length) idle.shift()!(plenty);
			expect(idle).toHaveLength(0);
			await vi.runAllTimersAsync();
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('a find-in-page match in a closed section opens it (beforematch)', async () => {
		const idle: ((d: IdleDeadline) => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (cb: (d: IdleDeadline) => void) => idle.push(cb));
		try {
			render(Harness);
			await vi.advanceTimersByTimeAsync(3000);
			idle.shift()!({ didTimeout: true, timeRemaining: () => 0 });
			const body = screen.getByText('The whole plan').closest('[hidden]')!;
			// What the browser does on a match: it removes `hidden` and fires beforematch.
			body.removeAttribute('hidden');
			await fireEvent(body, new Event('beforematch', { bubbles: true }));
			const button = screen.getByRole('button', { name: 'Remediation plan' });
			expect(button).toHaveAttribute('aria-expanded', 'true');
			expect(screen.getByText('The whole plan')).toBeVisible();
			expect(screen.queryByText('12 actions')).toBeNull();
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('sections opened together are drawn one per task, in page order, the first at once', async () => {
		render(Sections);
		await fireEvent.click(screen.getByRole('button', { name: 'Open all sections' }));
		expect(screen.getByText('Body one')).toBeVisible();
		expect(screen.queryByText('Body two')).toBeNull();
		expect(screen.queryByText('Body three')).toBeNull();
		await vi.advanceTimersToNextTimerAsync();
		expect(screen.getByText('Body two')).toBeVisible();
		expect(screen.queryByText('Body three')).toBeNull();
		await vi.runAllTimersAsync();
		expect(screen.getByText('Body three')).toBeVisible();
		// Closing and opening again keeps what was drawn.
		await fireEvent.click(screen.getByRole('button', { name: 'Section two' }));
		expect(screen.getByText('Body two')).not.toBeVisible();
		await fireEvent.click(screen.getByRole('button', { name: 'Section two' }));
		expect(screen.getByText('Body two')).toBeVisible();
	});

	it('opening draws it at once, before any idle time', async () => {
		vi.useRealTimers();
		const user = userEvent.setup();
		render(Harness);
		expect(screen.queryByText('The whole plan')).toBeNull();
		await user.click(screen.getByRole('button', { name: 'Remediation plan' }));
		expect(screen.getByText('The whole plan')).toBeVisible();
		expect(screen.getByRole('button', { name: 'Remediation plan' })).toHaveAttribute(
			'aria-expanded',
			'true'
		);
	});

	it('printing draws every closed section synchronously (print shows them all)', () => {
		render(Harness);
		expect(screen.queryByText('The whole plan')).toBeNull();
		window.dispatchEvent(new Event('beforeprint'));
		expect(screen.getByText('The whole plan')).toBeInTheDocument();
	});

	it('an open section draws its content from the start', () => {
		render(Harness, { initiallyOpen: true });
		expect(screen.getByText('The whole plan')).toBeVisible();
	});
});
