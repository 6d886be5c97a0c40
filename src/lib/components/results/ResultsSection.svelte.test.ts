import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Harness from './ResultsSectionHarness.test.svelte';

describe('ResultsSection: a closed section draws its content after the page is usable', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('a closed section shows its summary and draws its content once the browser is idle', async () => {
		render(Harness);
		expect(screen.getByText('12 actions')).toBeInTheDocument();
		expect(screen.queryByText('The whole plan')).toBeNull();
		// jsdom has no requestIdleCallback: the section falls back to a timer.
		await vi.runAllTimersAsync();
		const body = screen.getByText('The whole plan');
		expect(body).toBeInTheDocument();
		expect(body.closest('[hidden]')).not.toBeNull(); // drawn, still closed
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
