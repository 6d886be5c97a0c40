/**
 * Rules on the assessment details that the create dialog (list) and the Start stage (interview)
 * both apply, in one place so that they can never disagree.
 */

/**
 * A same-day target is accepted (the engine then reports it cannot be met); an earlier one is
 * refused, with these words.
 */
export const TARGET_BEFORE_ASSESSMENT =
	'The target report date cannot be before the assessment date.';

/**
 * The longest organisation name an assessment may hold: the export format's limit, so that every
 * stored name exports and imports again. Names typed on a screen are held to the shorter
 * `NAME_INPUT_MAX`; names the app derives ("… (copy)", "… (imported)") are fitted with
 * `withNameSuffix`.
 */
export const ORGANISATION_MAX = 500;

/** The longest organisation or assessor name a person may type (create, rename, Start stage). */
export const NAME_INPUT_MAX = 200;

/**
 * `name` followed by `suffix` (e.g. " (copy)"), shortened at the end of `name` when needed so that
 * the result has at most `max` characters (never cutting a surrogate pair in two).
 */
export function withNameSuffix(name: string, suffix: string, max = ORGANISATION_MAX): string {
	const base = name.trim();
	if (base.length + suffix.length <= max) return base + suffix;
	const room = Math.max(0, max - suffix.length - 1);
	let cut = base.slice(0, room);
	if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
	return `${cut.trimEnd()}…${suffix}`;
}
