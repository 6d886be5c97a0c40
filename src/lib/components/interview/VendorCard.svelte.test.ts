import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import type { SubserviceOrg, TimelineStep, VendorKind } from '$lib/domain/types';
import VendorCard from './VendorCard.svelte';

afterEach(() => {
	cleanup();
	document.body.innerHTML = '';
});

const kind: VendorKind = {
	id: 'hris-payroll',
	name: 'HR, HRIS and payroll',
	examples: 'Gusto',
	usuallySubservice: 'usually-vendor',
	defaultMethod: 'carve-out',
	guidance: 'An ordinary vendor.',
	csocs: ['The provider keeps employee records accurate.'],
	companyKeeps: 'Start and end dates.',
	criteria: ['CC9.2']
};

function vendor(over: Partial<SubserviceOrg> = {}): SubserviceOrg {
	return {
		id: 'v1',
		name: 'Gusto',
		kind: 'hris-payroll',
		role: 'vendor',
		services: 'Payroll',
		method: 'carve-out',
		socReport: 'type2',
		reportReviewed: false,
		reviewDate: null,
		csocs: [],
		...over
	};
}

const window = (end: string): { timeline: TimelineStep[]; type1Date: null } => ({
	timeline: [{ kind: 'window', label: 'Window', start: '2026-04-01', end }],
	type1Date: null
});

describe('VendorCard', () => {
	it('an ordinary vendor has no carve-out decision, no CSOCs and no report period', () => {
		render(VendorCard, {
			vendor: vendor(),
			kind,
			index: 0,
			suggestedRole: 'vendor',
			onset: () => {},
			onremove: () => {}
		});
		expect(screen.getByRole('radio', { name: /^Ordinary vendor/ })).toBeChecked();
		expect(screen.queryByRole('radio', { name: /^Carve-out/ })).toBeNull();
		expect(screen.queryByText('The provider keeps employee records accurate.')).toBeNull();
		expect(screen.queryByLabelText(/report period end|period of the vendor/i)).toBeNull();
		expect(screen.getByText(/Managed under vendor risk management \(CC9\.2\)/)).toBeVisible();
	});

	it('switching the role is saved as a field change, and a differing choice names the usual one', async () => {
		const onset = vi.fn();
		render(VendorCard, {
			vendor: vendor({ role: 'subservice' }),
			kind,
			index: 0,
			suggestedRole: 'vendor',
			onset,
			onremove: () => {}
		});
		expect(screen.getByRole('radio', { name: /^Carve-out/ })).toBeChecked();
		expect(screen.getByText(/Usually ordinary vendor for this kind of vendor/)).toBeVisible();
		await fireEvent.click(screen.getByRole('radio', { name: /^Ordinary vendor/ }));
		expect(onset).toHaveBeenCalledWith('role', 'vendor');
	});

	it('a subservice organisation whose report period ended long before the window asks for a bridge letter', () => {
		render(VendorCard, {
			vendor: vendor({ role: 'subservice', reportPeriodEnd: '2025-12-31' }),
			kind,
			index: 0,
			recommendation: window('2026-06-30'),
			onset: () => {},
			onremove: () => {}
		});
		expect(screen.getByRole('note')).toHaveTextContent(
			/^Ask the vendor for a bridge letter: its report period ended 31 December 2025/
		);
	});

	it('an inclusive subservice organisation is not asked for its report period: its report is not relied on', () => {
		render(VendorCard, {
			vendor: vendor({ role: 'subservice', method: 'inclusive', reportPeriodEnd: '2025-12-31' }),
			kind,
			index: 0,
			recommendation: window('2026-06-30'),
			onset: () => {},
			onremove: () => {}
		});
		expect(screen.getByRole('radio', { name: /^Inclusive/ })).toBeChecked();
		expect(screen.queryByLabelText('End of its latest report period')).toBeNull();
		expect(screen.queryByText(/bridge letter/)).toBeNull();
	});

	it('a recent period is only mentioned, and clearing the date records it as not known', async () => {
		const onset = vi.fn();
		render(VendorCard, {
			vendor: vendor({ role: 'subservice', reportPeriodEnd: '2026-05-31' }),
			kind,
			index: 0,
			recommendation: window('2026-06-30'),
			onset,
			onremove: () => {}
		});
		expect(screen.queryByRole('note')).toBeNull();
		expect(screen.getByText(/reaches to within 3 months/)).toBeVisible();
		const input = screen.getByLabelText('End of its latest report period');
		await fireEvent.change(input, { target: { value: '' } });
		expect(onset).toHaveBeenCalledWith('reportPeriodEnd', null);
	});
});
