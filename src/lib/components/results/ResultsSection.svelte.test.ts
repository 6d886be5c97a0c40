import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Harness from './ResultsSectionHarness.test.svelte';
import Sections from './ResultsSectionsHarness.test.svelte';

describe('ResultsSection: a closed section draws its content only when it is opened', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('a closed section shows its summary and is not drawn, however long the page is idle', async () => {
		const idle = vi.fn();
		vi.stubGlobal('requestIdleCallback', (cb: () => void) => {
			idle();
			return setTimeout(cb, 1);
		});
		try {
			render(Harness);
			expect(screen.getByText('12 actions')).toBeInTheDocument();
			await vi.runAllTimersAsync();
			expect(screen.queryByText('The whole plan')).toBeNull();
			expect(idle).not.toHaveBeenCalled();
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
