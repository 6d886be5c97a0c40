/**
 * Scope logic shared by the interview, the engine and the report: which categories are in,
 * which maturity questions apply, which categories the answers suggest, which CUECs are
 * relevant, which sensitive data is in scope.
 *
 * Pure functions of (bank, assessment). Answers given to a profile/scope question that is
 * currently hidden (its own `when` is false, e.g. the privacy role after "personal data" was
 * deselected) are ignored by every function that receives the bank, so stale answers never
 * drive a suggestion or an applicability rule.
 */
import {
	conditionQuestionIds,
	evaluateCondition,
	isAnswered,
	type ConditionContext
} from './conditions';
import {
	OPTIONAL_CATEGORY_IDS,
	type Assessment,
	type BankCore,
	type CategoryAdvice,
	type CategoryId,
	type CategorySuggestion,
	type CuecTemplate,
	type MaturityQuestion,
	type OptionalCategoryId,
	type QuestionCore,
	type ProfileAnswer
} from './types';

/** Display names of the Trust Services Categories. */
export const CATEGORY_LABELS: Record<CategoryId, string> = {
	security: 'Security',
	availability: 'Availability',
	confidentiality: 'Confidentiality',
	'processing-integrity': 'Processing Integrity',
	privacy: 'Privacy'
};

const STRENGTH_RANK = { weak: 1, medium: 2, strong: 3 } as const;

/** Security plus the selected optional categories, in canonical order, without duplicates. */
export function selectedCategories(a: Assessment): CategoryId[] {
	const chosen = new Set<string>(a.categories ?? []);
	return ['security', ...OPTIONAL_CATEGORY_IDS.filter((c) => chosen.has(c))];
}

/**
 * The profile answers with answers to hidden questions removed (a question is hidden when its
 * `when` is false). Iterates to a fixed point so chains of dependent questions resolve.
 */
export function effectiveProfile(bank: BankCore, a: Assessment): Record<string, ProfileAnswer> {
	const profile: Record<string, ProfileAnswer> = { ...(a.profile ?? {}) };
	const categories = selectedCategories(a);
	const conditional = bank.profileQuestions.filter((q) => q.when);
	for (let pass = 0; pass <= conditional.length; pass++) {
		let changed = false;
		for (const q of conditional) {
			if (!(q.id in profile) || !q.when) continue;
			if (!evaluateCondition(q.when, { profile, categories })) {
				delete profile[q.id];
				changed = true;
			}
		}
		if (!changed) break;
	}
	return profile;
}

/**
 * The context conditions are evaluated against. With `bank`, answers to hidden profile
 * questions are dropped (recommended); without it, the raw answers are used.
 */
export function conditionContext(a: Assessment, bank?: BankCore): ConditionContext {
	return {
		profile: bank ? effectiveProfile(bank, a) : { ...(a.profile ?? {}) },
		categories: selectedCategories(a)
	};
}

/** A question with whether it applies (the bank's own question type: whole, or as the interview asks it). */
export interface QuestionApplicability<Q extends QuestionCore = MaturityQuestion> {
	question: Q;
	applicable: boolean;
	skipReason: string | null;
	/**
	 * Why a question is skipped: its category is not selected, or its `when` does not hold for
	 * the answers given (profile, scope). Absent when it applies.
	 */
	skipKind?: SkipKind;
}

export type SkipKind = 'category' | 'answers';

/** Skipped questions split by why (one source of truth for the review stage, dashboard, PDF). */
export interface SkipSplit {
	/** Questions of categories (Availability, Privacy…) not selected for the examination. */
	notSelected: number;
	/** Questions of selected categories that the profile / scope answers rule out. */
	byAnswers: number;
}

export function skipSplit(
	appl: readonly { applicable: boolean; skipKind?: SkipKind }[]
): SkipSplit {
	let notSelected = 0;
	let byAnswers = 0;
	for (const q of appl) {
		if (q.applicable) continue;
		if (q.skipKind === 'category') notSelected += 1;
		else byAnswers += 1;
	}
	return { notSelected, byAnswers };
}

/** The split from a report model's counts (older models without it count all as by answers). */
export function skipSplitOfCounts(c: {
	skipped: number;
	skippedNotSelected?: number;
	skippedByAnswers?: number;
}): SkipSplit {
	const notSelected = c.skippedNotSelected ?? 0;
	return { notSelected, byAnswers: c.skippedByAnswers ?? Math.max(0, c.skipped - notSelected) };
}

/** "29 in categories not selected · 3 skipped by your answers" (parts with 0 are left out). */
export function skipSplitText(s: SkipSplit, sep = ' · '): string {
	const parts: string[] = [];
	if (s.notSelected) parts.push(`${s.notSelected} in categories not selected`);
	if (s.byAnswers) parts.push(`${s.byAnswers} skipped by your answers`);
	return parts.join(sep);
}

/**
 * Every maturity question in interview order with whether it applies. A question applies when
 * its area's category is selected and its `when` (if any) holds.
 */
export function questionApplicability<B extends BankCore>(
	bank: B,
	a: Assessment
): QuestionApplicability<B['questions'][number]>[] {
	const ctx = conditionContext(a, bank);
	const areaCategory = new Map(bank.areas.map((ar) => [ar.id, ar.category]));
	return bank.questions.map((question) => {
		const category = areaCategory.get(question.area) ?? 'security';
		if (!ctx.categories.includes(category)) {
			return {
				question,
				applicable: false,
				skipReason: `${CATEGORY_LABELS[category]} is not in scope.`,
				skipKind: 'category'
			};
		}
		if (question.when && !evaluateCondition(question.when, ctx)) {
			return {
				question,
				applicable: false,
				skipReason: question.skipReason ?? 'Does not apply to the scope you described.',
				skipKind: 'answers'
			};
		}
		return { question, applicable: true, skipReason: null };
	});
}

/**
 * One suggestion per optional category with at least one matching rule: the strongest
 * strength among matching rules and every matching reason (in bank order), each traced to the
 * rule id and the profile questions it reads.
 */
export function suggestCategories(bank: BankCore, a: Assessment): CategorySuggestion[] {
	const ctx = conditionContext(a, bank);
	const selected = new Set<string>(a.categories ?? []);
	const out: CategorySuggestion[] = [];
	for (const category of OPTIONAL_CATEGORY_IDS) {
		const matching = bank.categoryRules.filter(
			(r) => r.category === category && evaluateCondition(r.when, ctx)
		);
		if (matching.length === 0) continue;
		let strength = matching[0]!.strength;
		for (const r of matching) {
			if (STRENGTH_RANK[r.strength] > STRENGTH_RANK[strength]) strength = r.strength;
		}
		out.push({
			category,
			strength,
			reasons: matching.map((r) => ({
				text: r.reason,
				sources: [r.id, ...conditionQuestionIds(r.when)]
			})),
			selected: selected.has(category)
		});
	}
	return out;
}

/** The optional categories buyers explicitly asked for (profile.categories-requested). */
export function requestedCategories(bank: BankCore, a: Assessment): OptionalCategoryId[] {
	const asked = conditionContext(a, bank).profile['profile.categories-requested'];
	const list = Array.isArray(asked) ? asked : [];
	return OPTIONAL_CATEGORY_IDS.filter((c) => list.includes(c));
}

/**
 * Categories selected for the user before they decide: only those a buyer asked for (the
 * user's own answer). Signals from the scope answers, however strong, are shown as
 * suggestions and never ticked on the user's behalf.
 */
export function preselectedCategories(bank: BankCore, a: Assessment): OptionalCategoryId[] {
	return requestedCategories(bank, a);
}

const ADVICE_LABELS: Record<CategoryAdvice['backing'], string> = {
	requested: 'Requested by a buyer',
	strong: 'Strongly suggested',
	medium: 'Suggested',
	weak: 'Worth considering',
	none: 'No signal'
};

/**
 * The one rule on optional categories that the criteria stage, the results and the PDF all
 * show. What backs a category: a buyer's request, else the strongest matching suggestion rule,
 * else nothing. Requested and strongly signalled categories belong in the report; a medium
 * signal is worth adding only if buyers will expect it; a weak or no signal means leave it
 * out of a first audit. A category selected with a weak or no signal on a first audit is
 * over-scoped.
 */
export function categoryAdvice(bank: BankCore, a: Assessment): CategoryAdvice[] {
	const suggestions = suggestCategories(bank, a);
	const requested = requestedCategories(bank, a);
	const first = isFirstAudit(a);
	const audit = first ? 'a first audit' : 'this examination';
	const selected = new Set<string>(a.categories ?? []);
	return OPTIONAL_CATEGORY_IDS.map((category) => {
		const s = suggestions.find((x) => x.category === category);
		const backing: CategoryAdvice['backing'] = requested.includes(category)
			? 'requested'
			: (s?.strength ?? 'none');
		const name = CATEGORY_LABELS[category];
		const text = {
			requested: `${name}: a buyer asked for it, so the report should cover it.`,
			strong: `${name}: strongly suggested by your answers; include it, because buyers will expect the report to cover it.`,
			medium: `${name}: suggested by your answers, but no buyer has asked for it; add it to ${audit} only if buyers will expect it.`,
			weak: `${name}: only a weak signal and no buyer request; leave it out of ${audit} unless a buyer asks for it.`,
			none: `${name}: no buyer asked for it and nothing in your answers calls for it; leave it out of ${audit}.`
		}[backing];
		const isSelected = selected.has(category);
		return {
			category,
			backing,
			selected: isSelected,
			label: ADVICE_LABELS[backing],
			text,
			overScoped: first && isSelected && (backing === 'weak' || backing === 'none')
		};
	});
}

/**
 * Advice to leave a selected category out to meet a date (recommendation "to meet the target"),
 * from the same rule: never for a requested or strongly signalled category.
 */
export function leaveOutAdvice(
	advice: CategoryAdvice,
	blockingActions: number,
	firstAudit = true
): string | null {
	if (!advice.selected || blockingActions <= 0) return null;
	if (advice.backing === 'requested' || advice.backing === 'strong') return null;
	const name = CATEGORY_LABELS[advice.category];
	const exam = firstAudit ? 'the first examination' : 'this examination';
	const actions = `${blockingActions} blocking action${blockingActions === 1 ? '' : 's'}`;
	if (advice.backing === 'medium')
		return `Consider leaving ${name} out of ${exam} unless a buyer needs it (suggested by your answers, but no buyer asked for it): it adds ${actions}.`;
	return `Leave ${name} out of ${exam} (no buyer asked for it and nothing in your answers calls for it): it adds ${actions}.`;
}

/**
 * Ids of the maturity questions whose small-team path applies (its `when` holds for the
 * team-size answers): the compensating controls auditors accept when a second approver or
 * separated duties cannot be staffed.
 */
export function activeSmallTeamPaths(bank: BankCore, a: Assessment): Set<string> {
	const ctx = conditionContext(a, bank);
	return new Set(
		bank.questions
			.filter((q) => q.smallTeam && evaluateCondition(q.smallTeam.when, ctx))
			.map((q) => q.id)
	);
}

/** Library CUECs relevant to the scope (no `when` = always relevant), in library order. */
export function relevantCuecs(bank: BankCore, a: Assessment): CuecTemplate[] {
	const ctx = conditionContext(a, bank);
	return bank.cuecs.filter((c) => !c.when || evaluateCondition(c.when, ctx));
}

/**
 * Recorded CUECs taken from the library whose condition no longer holds for the scope (for
 * example a privacy CUEC recorded before the company said it is the controller): they would
 * hand the company's own duties, or features it does not offer, to its customers.
 */
export function unfitCuecs(
	bank: BankCore,
	a: Assessment
): { id: string; template: CuecTemplate }[] {
	const ctx = conditionContext(a, bank);
	const out: { id: string; template: CuecTemplate }[] = [];
	for (const c of a.cuecs ?? []) {
		const template = c.templateId ? bank.cuecs.find((t) => t.id === c.templateId) : undefined;
		if (template?.when && !evaluateCondition(template.when, ctx)) out.push({ id: c.id, template });
	}
	return out;
}

/** "When Availability is selected" → "it applies when Availability is selected". */
export function cuecFitText(template: CuecTemplate): string {
	const w = template.whenText.trim();
	return `it applies ${w.charAt(0).toLowerCase()}${w.slice(1)}`;
}

/** Texts of the scope notes whose condition holds (e.g. "PCI DSS is separate from SOC 2"). */
export function activeScopeNotes(bank: BankCore, a: Assessment): string[] {
	const ctx = conditionContext(a, bank);
	return bank.scopeNotes.filter((n) => evaluateCondition(n.when, ctx)).map((n) => n.text);
}

/** Labels of the selected `scope.data-types` options marked sensitive, in option order. */
export function sensitiveDataTypes(bank: BankCore, a: Assessment): string[] {
	const q = bank.profileQuestions.find((p) => p.id === 'scope.data-types');
	const answer = a.profile?.['scope.data-types'];
	if (!q?.options || !Array.isArray(answer)) return [];
	return q.options.filter((o) => o.sensitive && answer.includes(o.id)).map((o) => o.label);
}

/** First audit: no prior SOC 2 report (prior-soc is none, soc1 or unanswered). */
export function isFirstAudit(a: Assessment): boolean {
	const prior = a.profile?.['profile.prior-soc'];
	if (!isAnswered(prior)) return true;
	return prior !== 'soc2-type1' && prior !== 'soc2-type2';
}
