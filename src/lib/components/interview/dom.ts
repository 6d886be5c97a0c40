/** DOM ids for the interview's list items. */

/**
 * A DOM id for a list item (vendor, CUEC) that is unique per item id and valid in HTML: every
 * character outside [A-Za-z0-9_-] is written as _ plus its code, so distinct ids never collide.
 */
export function itemDomId(prefix: string, id: string): string {
	return `${prefix}-${id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
}
