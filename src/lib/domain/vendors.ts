/**
 * Vendors versus subservice organisations (scoping-and-audit.md §4.1): a subservice
 * organisation performs part of the service and its controls are needed to meet the service
 * commitments (carve-out or inclusive, CSOCs, its SOC report reviewed); an ordinary vendor is a
 * tool the company uses, managed under CC9.2 vendor risk management (risk rating, contract
 * terms, review cadence) and not named in the system description.
 *
 * Pure: no storage, no UI.
 */
import { evaluateCondition, type ConditionContext } from './conditions';
import type { SubserviceOrg, VendorKind, VendorRole } from './types';

export const VENDOR_ROLE_LABELS: Record<VendorRole, string> = {
	subservice: 'Subservice organisation',
	vendor: 'Ordinary vendor'
};

/**
 * The role suggested for a new vendor of this kind: kinds that are usually subservice
 * organisations (yes / often) are; the others are ordinary vendors unless the kind's
 * `subserviceWhen` holds for the scope answers. An unknown kind ("other") is suggested as a
 * subservice organisation, so the user is asked about it rather than it being waved through.
 */
export function suggestedVendorRole(
	kind: Pick<VendorKind, 'usuallySubservice' | 'subserviceWhen'> | null | undefined,
	ctx: ConditionContext
): VendorRole {
	if (!kind) return 'subservice';
	if (kind.usuallySubservice === 'yes' || kind.usuallySubservice === 'often') return 'subservice';
	if (kind.subserviceWhen && evaluateCondition(kind.subserviceWhen, ctx)) return 'subservice';
	return 'vendor';
}

/**
 * Kinds the catalogue marked "usually an ordinary vendor" when vendor roles were introduced
 * (bank 1.x, database version 4). Frozen: the upgrade of old data must not change when the
 * catalogue changes later.
 */
export const LEGACY_ORDINARY_VENDOR_KINDS: readonly string[] = Object.freeze([
	'productivity-suite',
	'support-crm',
	'messaging',
	'background-checks',
	'hris-payroll',
	'endpoint-management',
	'secrets-management',
	'compliance-platform'
]);

/**
 * Classification of a vendor saved before roles existed (every vendor was then treated as a
 * subservice organisation). Kinds that are usually ordinary vendors become ordinary vendors,
 * unless the user chose the inclusive method (a deliberate subservice decision). Everything
 * else stays a subservice organisation. Nothing else on the record changes: its method and
 * CSOCs are kept, so switching it back restores them.
 */
export function legacyVendorRole(s: { kind?: unknown; method?: unknown }): VendorRole {
	if (s.method === 'inclusive') return 'subservice';
	return typeof s.kind === 'string' && LEGACY_ORDINARY_VENDOR_KINDS.includes(s.kind)
		? 'vendor'
		: 'subservice';
}

/** A vendor record with a valid role (an older record gets its legacy classification). */
export function withVendorRole<T extends Partial<SubserviceOrg>>(s: T): T & { role: VendorRole } {
	const role = s.role === 'subservice' || s.role === 'vendor' ? s.role : legacyVendorRole(s);
	return { ...s, role };
}
