import { render, screen } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import AssessmentShell from './AssessmentShell.svelte';
import OnDemandPage from './OnDemandPage.svelte';

const loadBank = vi.fn(() => Promise.resolve({}));
vi.mock('$lib/bank', () => ({ loadBank: () => loadBank() }));

/** A module promise the test settles. */
function deferred() {
	let resolve!: (m: { default: Component<Record<string, unknown>> }) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<{ default: Component<Record<string, unknown>> }>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const page = AssessmentShell as unknown as Component<Record<string, unknown>>;

describe('OnDemandPage', () => {
	// testing-library reads a `props` key as its options, so the component's props are nested.
	it('shows the page’s loading state until the page has loaded, then the page with its props', async () => {
		loadBank.mockClear();
		const mod = deferred();
		render(OnDemandPage, {
			props: {
				load: () => mod.promise,
				props: { name: 'Results', status: 'missing' },
				name: 'Results',
				wide: true,
				loadingText: 'Computing the report on this device…'
			}
		});
		expect(screen.getByRole('heading', { level: 1, name: 'Results' })).toBeInTheDocument();
		expect(screen.getByRole('status')).toHaveTextContent('Computing the report on this device…');
		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
		// The bank is requested beside the page, not after it.
		expect(loadBank).toHaveBeenCalledTimes(1);

		mod.resolve({ default: page });
		expect(await screen.findByRole('alert')).toHaveTextContent(
			'This assessment is not on this device'
		);
		expect(screen.queryByRole('status')).not.toBeInTheDocument();
	});

	it('says so, with what to do, when the page cannot be loaded', async () => {
		const mod = deferred();
		render(OnDemandPage, {
			props: {
				load: () => mod.promise,
				props: {},
				name: 'Export',
				loadingText: 'Preparing the report on this device…'
			}
		});
		mod.reject(new Error('Failed to fetch dynamically imported module'));
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent(
			'This page could not be loaded (Failed to fetch dynamically imported module). Check the connection and reload the page.'
		);
		expect(screen.getByRole('heading', { level: 1, name: 'Export' })).toBeInTheDocument();
		expect(screen.queryByRole('status')).not.toBeInTheDocument();
	});

	it('keeps showing the loading state when the early bank request fails (the page reports it)', async () => {
		loadBank.mockImplementationOnce(() => Promise.reject(new Error('offline')));
		const mod = deferred();
		render(OnDemandPage, {
			props: {
				load: () => mod.promise,
				props: {},
				name: 'Results',
				loadingText: 'Computing…'
			}
		});
		await Promise.resolve();
		expect(screen.getByRole('status')).toHaveTextContent('Computing…');
		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
	});
});
