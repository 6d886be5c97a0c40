/**
 * Which assessments belong to one organisation, in what order, and which one a comparison starts
 * from by default. The organisation key is the list's (`orgKey`: trimmed, lower case), so the
 * list's groups and the results page's picker always agree; an imported assessment is just
 * another assessment.
 */
import { orgKey } from '$lib/db/rows';

export interface PeerSummary {
	id: string;
	organisation: string;
	assessmentDate: string;
	createdAt: string;
}

/** Newest first: by assessment date, then by creation (a copy made the same day comes first). */
export function newestFirst<T extends PeerSummary>(list: readonly T[]): T[] {
	return [...list].sort(
		(a, b) =>
			b.assessmentDate.localeCompare(a.assessmentDate) ||
			b.createdAt.localeCompare(a.createdAt) ||
			b.id.localeCompare(a.id)
	);
}

/** True when `a` comes before `b` in time (assessment date, then creation). */
export function isEarlier(a: PeerSummary, b: PeerSummary): boolean {
	return (
		(a.assessmentDate.localeCompare(b.assessmentDate) ||
			a.createdAt.localeCompare(b.createdAt) ||
			a.id.localeCompare(b.id)) < 0
	);
}

/** The other assessments of `current`'s organisation, newest first. */
export function peersOf<T extends PeerSummary>(list: readonly T[], current: PeerSummary): T[] {
	const key = orgKey(current.organisation);
	return newestFirst(list.filter((s) => s.id !== current.id && orgKey(s.organisation) === key));
}

/** The default to compare with: the most recent assessment before `current`, or none. */
export function defaultPeer<T extends PeerSummary>(
	peers: readonly T[],
	current: PeerSummary
): T | null {
	return newestFirst(peers).find((p) => isEarlier(p, current)) ?? null;
}

/** The assessments grouped by organisation (groups in the order of their first member in `list`). */
export function groupByOrganisation<T extends PeerSummary>(list: readonly T[]): T[][] {
	const groups = new Map<string, T[]>();
	for (const s of list) {
		const key = orgKey(s.organisation);
		const g = groups.get(key);
		if (g) g.push(s);
		else groups.set(key, [s]);
	}
	return [...groups.values()].map((g) => (g.length > 1 ? newestFirst(g) : g));
}

/**
 * `peers` with the predecessor of a re-assessment added when it is on the device under another
 * name (renamed since): the link, not the name, says it is the same organisation's.
 */
export function withPredecessor<T extends PeerSummary>(
	list: readonly T[],
	peers: readonly T[],
	current: PeerSummary,
	predecessorId: string | undefined
): T[] {
	if (!predecessorId || predecessorId === current.id || peers.some((p) => p.id === predecessorId))
		return [...peers];
	const p = list.find((s) => s.id === predecessorId);
	return p ? newestFirst([...peers, p]) : [...peers];
}
