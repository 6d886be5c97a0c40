import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

// The stored name arrives only when the test says so: typing can begin before it is read.
let release: (v: string) => void = () => {};
vi.mock('$lib/db/light', async (importOriginal) => ({
	...(await importOriginal<typeof import('$lib/db/light')>()),
	getSetting: () => new Promise<string>((r) => (release = r)),
	setSetting: () => Promise.resolve()
}));

const { default: YourName } = await import('./YourName.svelte');

describe('Your name on this device, stored name read late', () => {
	it('keeps what the person typed before the stored name was read', async () => {
		render(YourName, { assessor: 'Dana' });
		const input = screen.getByLabelText('Your name on this device');
		const user = userEvent.setup();
		await user.type(input, 'S');
		release('Stored Name');
		await Promise.resolve();
		await user.type(input, 'am');
		expect(input).toHaveValue('Sam');
	});

	it('shows the stored name when nothing was typed', async () => {
		render(YourName, { assessor: 'Dana' });
		const input = screen.getByLabelText('Your name on this device');
		release('Stored Name');
		await vi.waitFor(() => expect(input).toHaveValue('Stored Name'));
	});
});
