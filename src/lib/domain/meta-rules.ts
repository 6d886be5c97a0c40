/**
 * Names the app derives from an organisation name ("… (copy)", "… (imported)"). The field rules
 * themselves (limits, messages) are in `fields.ts`.
 */

import { ORGANISATION_MAX } from './fields';

export { ORGANISATION_MAX, TARGET_BEFORE_ASSESSMENT } from './fields';

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
