/** Issue 20: which assessments belong together, in what order, and the default to compare with. */
import { describe, expect, it } from 'vitest';
import { defaultPeer, groupByOrganisation, isEarlier, newestFirst, peersOf } from './peers';

const s = (
	id: string,
	organisation: string,
	assessmentDate: string,
	createdAt = `${assessmentDate}T09:00:00Z`
) => ({
	id,
	organisation,
	assessmentDate,
	createdAt
});

describe('peers', () => {
	const a = s('a', 'Acme', '2026-03-03');
	const b = s('b', ' ACME  ', '2026-06-09');
	// A copy made the same day, later in the day: counts as the later of the two.
	const b2 = s('b2', 'acme', '2026-06-09', '2026-06-09T15:00:00Z');
	const o = s('o', 'Acme Holdings', '2026-06-09');

	it('same organisation: the list key (trimmed, any case), never a longer name', () => {
		expect(peersOf([a, b, b2, o], a).map((x) => x.id)).toEqual(['b2', 'b']);
	});

	it('newest first by assessment date, then by creation', () => {
		expect(newestFirst([a, b, b2]).map((x) => x.id)).toEqual(['b2', 'b', 'a']);
		expect(isEarlier(b, b2)).toBe(true);
		expect(isEarlier(b2, b)).toBe(false);
	});

	it('defaults to the most recent earlier one, none for the oldest', () => {
		expect(defaultPeer(peersOf([a, b, b2], b2), b2)?.id).toBe('b');
		expect(defaultPeer(peersOf([a, b, b2], b), b)?.id).toBe('a');
		expect(defaultPeer(peersOf([a, b, b2], a), a)).toBeNull();
	});

	it('groups keep the place of their first member and put their own newest first', () => {
		const groups = groupByOrganisation([o, a, b2, b]);
		expect(groups.map((g) => g.map((x) => x.id))).toEqual([['o'], ['b2', 'b', 'a']]);
	});
});
