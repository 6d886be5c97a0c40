import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { buildReportModel } from '$lib/domain/engine';
import { assessment, bank, question } from '$lib/domain/engine/testing';
import type { EvidenceRequest } from '$lib/domain/types';
import EvidenceRequests from './EvidenceRequests.svelte';

const req = (id: string, over: Partial<EvidenceRequest>): EvidenceRequest => ({
	id,
	area: 'access',
	category: 'security',
	item: `${id} item`,
	provide: `${id} provide`,
	population: null,
	frequency: 'quarterly',
	owner: 'Security lead',
	criteria: ['CC6.1'],
	questions: [],
	...over
});

const b = {
	...bank([
		question('mfa', 'CC6', { title: 'MFA everywhere' }),
		question('review', 'CC6', { title: 'Access reviews' }),
		question('policy', 'CC1', { title: 'Policies' })
	]),
	evidenceRequests: [
		req('mfa-settings', { frequency: 'automated', questions: ['mfa'] }),
		req('access-reviews', { questions: ['review'], owner: 'CTO' }),
		req('policy-set', {
			area: 'governance',
			frequency: 'annual',
			questions: ['policy'],
			population: 'Every policy in force.'
		})
	]
};
const a = assessment({ answers: { mfa: 4, review: 1, policy: 3 } });
a.answers.mfa!.evidence = [{ id: 'e1', name: 'IdP export', location: 'https://idp.example' }];
a.requestsPrepared = { 'policy-set': '2026-03-01T10:00:00.000Z' };
const model = buildReportModel(b, a, '2026-03-02');

describe('EvidenceRequests', () => {
	it('lists the requests on request, filters by area, owner and status, and reports marks', async () => {
		const onprepared = vi.fn();
		const ondownload = vi.fn();
		render(EvidenceRequests, { list: model.evidenceRequests, onprepared, ondownload });
		expect(screen.getByText(/3 requests:/).textContent!.replace(/\s+/g, ' ')).toMatch(
			/1 ready, 1 partial, 1 missing; 1 marked prepared/
		);
		expect(document.querySelectorAll('li.item')).toHaveLength(0);
		await fireEvent.click(screen.getByRole('button', { name: 'Show the 3 requests' }));
		const items = () =>
			[...document.querySelectorAll('li.item')].map((li) => li.getAttribute('data-request'));
		// Grouped by area in the list's order: governance before access.
		expect(items()).toEqual(['policy-set', 'mfa-settings', 'access-reviews']);
		expect(screen.getByText('Every policy in force.')).toBeTruthy();

		await fireEvent.change(screen.getByLabelText('Area'), { target: { value: 'Access' } });
		expect(items()).toEqual(['mfa-settings', 'access-reviews']);
		expect(screen.getByRole('status').textContent).toBe('Showing 2 of 3 requests.');
		await fireEvent.change(screen.getByLabelText('Owner'), { target: { value: 'CTO' } });
		expect(items()).toEqual(['access-reviews']);
		await fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
		await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'ready' } });
		expect(items()).toEqual(['mfa-settings']);
		await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'prepared' } });
		expect(items()).toEqual(['policy-set']);
		const prepared = screen.getByRole('checkbox', { name: 'Prepared: E1 policy-set item' });
		expect((prepared as HTMLInputElement).checked).toBe(true);
		await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'missing' } });
		const li = document.querySelector('li.item')!;
		expect(li.getAttribute('data-request')).toBe('access-reviews');
		expect(within(li as HTMLElement).getByText(/Not implemented yet/)).toBeTruthy();

		await fireEvent.click(
			screen.getByRole('checkbox', { name: 'Prepared: E3 access-reviews item' })
		);
		expect(onprepared).toHaveBeenCalledWith('access-reviews', true);
		await fireEvent.click(screen.getByRole('button', { name: 'Download the request list (CSV)' }));
		expect(ondownload).toHaveBeenCalledTimes(1);
	});

	it('offers the Type II window when a Type I comes first', async () => {
		const onexamination = vi.fn();
		render(EvidenceRequests, {
			list: model.evidenceRequests,
			recommendation: {
				...model.recommendation,
				type: 'type1-then-type2',
				type1Date: '2026-05-01',
				windowStart: '2026-05-02',
				windowMonths: 3
			},
			examination: 'type1',
			onexamination,
			onprepared: () => {},
			ondownload: () => {}
		});
		const group = screen.getByRole('group', { name: 'Prepare for' });
		const type1 = within(group).getByRole('radio', { name: 'Type I as of 1 May 2026' });
		expect((type1 as HTMLInputElement).checked).toBe(true);
		await fireEvent.click(
			within(group).getByRole('radio', {
				name: 'Type II window 2 May 2026 – 1 August 2026 (3 months)'
			})
		);
		expect(onexamination).toHaveBeenCalledWith('type2');
	});

	it('renders nothing for a model without the list', () => {
		const { container } = render(EvidenceRequests, {
			list: undefined,
			onprepared: () => {},
			ondownload: () => {}
		});
		expect(container.textContent?.trim()).toBe('');
	});
});
