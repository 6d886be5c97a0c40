/** Texts of the vendor card that depend on the vendor kind (from questions/vendors.yaml). */
import type { VendorKind } from '$lib/domain/types';

/** Placeholder of "What it does for the system": the kind's own example, else a neutral hint. */
export function servicesPlaceholder(kind: Pick<VendorKind, 'servicesExample'> | null): string {
	const example = kind?.servicesExample?.trim();
	return example
		? `e.g. ${example}`
		: 'e.g. What it runs, stores or does for your service, in a sentence';
}
