import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../../../scripts/lib/bank-node';
import { servicesPlaceholder } from './vendorText';

describe('vendor card: "What it does for the system" placeholder', () => {
	const bank = loadBankFromDisk();

	it('gives every vendor kind its own fitting example', () => {
		const shown = bank.vendorKinds.map((k) => servicesPlaceholder(k));
		for (const [i, k] of bank.vendorKinds.entries()) {
			expect(k.servicesExample, k.id).toBeTruthy();
			expect(shown[i]).toBe(`e.g. ${k.servicesExample}`);
		}
		expect(new Set(shown).size).toBe(bank.vendorKinds.length);
		// Short enough to read in the single-line field.
		for (const k of bank.vendorKinds)
			expect(k.servicesExample!.length, k.id).toBeLessThanOrEqual(42);
		// The old cloud-style example no longer appears for, say, a background-check provider.
		const checks = bank.vendorKinds.find((k) => k.id === 'background-checks')!;
		expect(servicesPlaceholder(checks)).not.toMatch(/production workloads/i);
	});

	it('falls back to a neutral hint for a vendor outside the catalogue', () => {
		expect(servicesPlaceholder(null)).toMatch(/^e\.g\. What it runs, stores or does/);
		expect(servicesPlaceholder({ servicesExample: '  ' })).toMatch(/^e\.g\. What it runs/);
	});
});
