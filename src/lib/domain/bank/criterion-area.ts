/**
 * The area a criterion id belongs to (CC6.1 → CC6, P4.2 → P). Apart from compile.ts (valibot
 * and the bank's file schemas) so a screen that only names areas, such as the firm library's
 * question form, does not load the bank compiler.
 */
import { AREA_IDS, type AreaId } from '../types.ts';

export function criterionArea(id: string): AreaId | null {
	const series = id.split('.')[0] ?? '';
	if (/^P[1-8]$/.test(series)) return 'P';
	return (AREA_IDS as readonly string[]).includes(series) ? (series as AreaId) : null;
}
