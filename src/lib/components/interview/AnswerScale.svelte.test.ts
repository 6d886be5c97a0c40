import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import AnswerScale from './AnswerScale.svelte';

describe('AnswerScale', () => {
	it('is a radio group with a legend, eight labelled options and their meanings', () => {
		render(AnswerScale, { name: 'q1', value: null, onchange: () => {}, legend: 'Your answer' });
		expect(screen.getByRole('group', { name: 'Your answer' })).toBeInTheDocument();
		const radios = screen.getAllByRole('radio');
		expect(radios).toHaveLength(8);
		expect(radios.every((r) => !(r as HTMLInputElement).checked)).toBe(true);
		const names = [
			'Level 0: Not in place',
			'Level 1: Informal',
			'Level 2: Documented',
			'Level 3: Implemented',
			'Level 4: Operating',
			'Level 5: Monitored',
			"Don't know",
			'Not applicable'
		];
		for (const n of names) expect(screen.getByRole('radio', { name: n })).toBeInTheDocument();
		expect(screen.getByRole('radio', { name: 'Level 4: Operating' })).toHaveAccessibleDescription(
			/about 3 months or more of evidence/
		);
		expect(screen.getByRole('radio', { name: 'Not applicable' })).toHaveAccessibleDescription(
			/justification is required/
		);
		// All options share one name, so arrow keys move within the group natively.
		expect(new Set(radios.map((r) => (r as HTMLInputElement).name))).toEqual(new Set(['q1']));
	});

	it('shows the current value as checked and reports a new choice', async () => {
		const onchange = vi.fn();
		render(AnswerScale, { name: 'q2', value: 'unknown', onchange });
		expect(screen.getByRole('radio', { name: "Don't know" })).toBeChecked();
		await fireEvent.click(screen.getByRole('radio', { name: 'Level 5: Monitored' }));
		expect(onchange).toHaveBeenCalledWith(5);
		await fireEvent.click(screen.getByRole('radio', { name: 'Not applicable' }));
		expect(onchange).toHaveBeenLastCalledWith('na');
	});

	it('shows each option with the key that selects it', () => {
		const { container } = render(AnswerScale, { name: 'q3', value: 3, onchange: () => {} });
		const keys = [...container.querySelectorAll('[aria-keyshortcuts]')].map((e) =>
			e.getAttribute('aria-keyshortcuts')
		);
		expect(keys).toEqual(['0', '1', '2', '3', '4', '5', '?', 'n']);
		expect(screen.getByRole('radio', { name: 'Level 3: Implemented' })).toBeChecked();
	});
});
