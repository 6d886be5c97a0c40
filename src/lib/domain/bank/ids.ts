/**
 * The stable ids of a bank, as committed in test/fixtures/bank-ids.json. Ids are referenced by
 * saved assessments (answers, plan overrides, CUECs), so removing or renaming one must be a
 * deliberate act: the bank test fails until the snapshot is updated with
 * `npm run bank -- --update-ids --allow-removed`.
 */
import type { Bank } from '../types.ts';

export interface BankIds {
	questions: string[];
	remediation: string[];
	/** Profile/scope question id → its option ids ([] for non-choice questions). */
	profile: Record<string, string[]>;
	cuecs: string[];
	vendorKinds: string[];
	vendorQuestions: string[];
	categoryRules: string[];
	scopeNotes: string[];
	criteria: string[];
	/** Evidence request ids (prepared marks are stored under them). */
	evidenceRequests: string[];
}

export function bankIds(bank: Bank): BankIds {
	const sorted = (xs: string[]) => [...xs].sort();
	return {
		questions: sorted(bank.questions.map((q) => q.id)),
		remediation: sorted(bank.questions.flatMap((q) => q.remediation.map((r) => r.id))),
		profile: Object.fromEntries(
			[...bank.profileQuestions]
				.sort((a, b) => a.id.localeCompare(b.id))
				.map((q) => [q.id, (q.options ?? []).map((o) => o.id)])
		),
		cuecs: sorted(bank.cuecs.map((c) => c.id)),
		vendorKinds: sorted(bank.vendorKinds.map((k) => k.id)),
		vendorQuestions: sorted(bank.vendorQuestions.map((q) => q.id)),
		categoryRules: sorted(bank.categoryRules.map((r) => r.id)),
		scopeNotes: sorted(bank.scopeNotes.map((n) => n.id)),
		criteria: sorted(bank.criteria.map((c) => c.id)),
		evidenceRequests: sorted(bank.evidenceRequests.map((r) => r.id))
	};
}

/** Flatten to "kind:id" strings (profile options as "profile:<question>#<option>"). */
export function flattenIds(ids: BankIds): string[] {
	const out: string[] = [];
	for (const [kind, value] of Object.entries(ids) as [keyof BankIds, unknown][]) {
		if (kind === 'profile') {
			for (const [q, opts] of Object.entries(value as Record<string, string[]>)) {
				out.push(`profile:${q}`);
				for (const o of opts) out.push(`profile:${q}#${o}`);
			}
		} else for (const id of value as string[]) out.push(`${kind}:${id}`);
	}
	return out;
}

/** Compare a snapshot with the current ids. */
export function diffIds(
	snapshot: BankIds,
	current: BankIds
): { removed: string[]; added: string[] } {
	const before = new Set(flattenIds(snapshot));
	const now = new Set(flattenIds(current));
	return {
		removed: [...before].filter((id) => !now.has(id)),
		added: [...now].filter((id) => !before.has(id))
	};
}
