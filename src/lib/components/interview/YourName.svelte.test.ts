import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { ReadinessDB, getSetting, setDb, setSetting } from '$lib/db';
import YourName from './YourName.svelte';

let database: ReadinessDB;
let n = 0;
beforeEach(() => {
	database = new ReadinessDB(`your-name-${n++}`);
	setDb(database);
});
afterEach(async () => {
	setDb(null);
	await database.delete();
});

describe('Your name on this device', () => {
	it('stores the name answers are recorded with; empty means the assessor', async () => {
		render(YourName, { assessor: 'Dana Reviewer' });
		const input = screen.getByLabelText('Your name on this device');
		expect(input).toHaveAttribute('placeholder', 'Dana Reviewer');
		const user = userEvent.setup();
		await user.type(input, '  Sam Okafor ');
		await user.tab();
		await waitFor(async () => expect(await getSetting('yourName', database)).toBe('Sam Okafor'));
		await user.clear(input);
		await user.tab();
		await waitFor(async () => expect(await getSetting('yourName', database)).toBe(''));
	});

	it('shows the stored name, and refuses one longer than the assessor field allows', async () => {
		await setSetting('yourName', 'Sam', database);
		render(YourName, { assessor: 'Dana' });
		const input = screen.getByLabelText('Your name on this device');
		await waitFor(() => expect(input).toHaveValue('Sam'));
		const user = userEvent.setup();
		await user.clear(input);
		await user.click(input);
		await user.paste('x'.repeat(2000));
		await user.tab();
		expect(await screen.findByText(/longer|characters/)).toBeInTheDocument();
		expect(input).toHaveAttribute('aria-invalid', 'true');
		expect(await getSetting('yourName', database)).toBe('Sam');
	});
});
