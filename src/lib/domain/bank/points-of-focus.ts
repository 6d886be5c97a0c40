/**
 * Points of focus: cross-checks of questions/points-of-focus.yaml against the criteria and the
 * maturity questions, and the coverage figure `npm run bank` prints.
 *
 * Rules (each broken rule is one error naming the file and the point):
 * - every criterion has its points of focus listed exactly once, numbered 1, 2, 3… as the
 *   AICPA numbers them, and no unknown criterion appears;
 * - every point says exactly one of: which questions ask for it (`coveredBy`, with prompt,
 *   level3 or level4), why it does not apply (`notApplicable`), or that it is a known gap (`gap`);
 * - every question id is real, and a question only covers a point it is asked for: a Security
 *   point needs at least one covering question that a Security-only scope asks (a Security area
 *   and no condition requiring an optional category); a point of an optional category needs a
 *   question of Security or of that category;
 * - at least POF_COVERAGE_MIN of the applicable points are covered.
 */
import type {
	AreaId,
	CategoryId,
	Condition,
	Criterion,
	MaturityQuestion,
	PointOfFocus,
	PointOfFocusVia
} from '../types.ts';
import { AREA_IDS } from '../types.ts';
import type { PointsOfFocusFile } from './schema.ts';

/** The share of applicable points of focus that questions must cover. */
export const POF_COVERAGE_MIN = 0.95;

const FILE = 'questions/points-of-focus.yaml';

const AREA_OF_SERIES = (criterionId: string): AreaId | null => {
	const series = criterionId.split('.')[0] ?? '';
	if (/^P[1-8]$/.test(series)) return 'P';
	return (AREA_IDS as readonly string[]).includes(series) ? (series as AreaId) : null;
};

/**
 * True when a condition can only hold with an optional category selected, so the question is
 * never asked in a Security-only scope. Conservative: a negated condition never counts.
 */
export function needsOptionalCategory(cond: Condition | undefined): boolean {
	if (!cond) return false;
	if ('category' in cond) return cond.category !== 'security';
	if ('all' in cond) return cond.all.some(needsOptionalCategory);
	if ('any' in cond) return cond.any.length > 0 && cond.any.every(needsOptionalCategory);
	return false;
}

/** Whether a Security-only scope asks the question (its profile conditions aside). */
export function askedForSecurityOnly(
	q: Pick<MaturityQuestion, 'when'>,
	areaCategory: CategoryId
): boolean {
	return areaCategory === 'security' && !needsOptionalCategory(q.when);
}

export interface PointsOfFocusCheck {
	points: PointOfFocus[];
	errors: string[];
	warnings: string[];
}

/** Validate the parsed file against the criteria and questions and build the bank's list. */
export function compilePointsOfFocus(
	file: PointsOfFocusFile,
	criteria: Pick<Criterion, 'id' | 'category'>[],
	questions: Pick<MaturityQuestion, 'id' | 'area' | 'when'>[],
	areaCategory: Record<AreaId, CategoryId>,
	/** false only for a development build of a partial bank: skips completeness and coverage. */
	requireCoverage = true
): PointsOfFocusCheck {
	const errors: string[] = [];
	const warnings: string[] = [];
	const points: PointOfFocus[] = [];
	const criterionCategory = new Map(criteria.map((c) => [c.id, c.category]));
	const questionById = new Map(questions.map((q) => [q.id, q]));
	const seen = new Set<string>();

	for (const entry of file.criteria) {
		const at = `${FILE}: ${entry.criterion}`;
		const category = criterionCategory.get(entry.criterion);
		if (!category) {
			errors.push(`${at}: unknown criterion (not in questions/criteria.yaml)`);
			continue;
		}
		if (seen.has(entry.criterion)) {
			errors.push(`${at}: listed more than once (each criterion's points appear exactly once)`);
			continue;
		}
		seen.add(entry.criterion);
		entry.points.forEach((p, i) => {
			const id = `${entry.criterion}.${p.n}`;
			const where = `${FILE}: point ${id}`;
			if (p.n !== i + 1)
				errors.push(
					`${at}: points must be numbered 1, 2, 3… in the AICPA's order; position ${i + 1} has n: ${p.n}`
				);
			const pointCategory = p.category ?? category;
			if (p.category !== undefined && category !== 'security')
				errors.push(
					`${where}: category can only be set on Security points (an additional point for an optional category)`
				);
			const covered = Object.entries(p.coveredBy ?? {}) as [string, PointOfFocusVia][];
			const kinds = [covered.length > 0, p.notApplicable !== undefined, p.gap !== undefined];
			const count = kinds.filter(Boolean).length;
			if (count === 0)
				errors.push(
					`${where}: no mapping. List the questions that ask for it under coveredBy (question id: prompt, level3 or level4), or give notApplicable or gap with a reason`
				);
			else if (count > 1)
				errors.push(`${where}: give only one of coveredBy, notApplicable and gap`);
			if (p.coveredBy && covered.length === 0)
				errors.push(`${where}: coveredBy is empty; list at least one question`);

			let inScope = false;
			const known: string[] = [];
			for (const [qid] of covered) {
				const q = questionById.get(qid);
				if (!q) {
					// A partial development bank lacks whole question files; its map cannot resolve.
					(requireCoverage ? errors : warnings).push(
						`${where}: coveredBy refers to unknown question ${qid}`
					);
					continue;
				}
				known.push(qid);
				const qCategory = areaCategory[q.area];
				if (pointCategory === 'security') {
					if (askedForSecurityOnly(q, qCategory)) inScope = true;
				} else if (qCategory === 'security' || qCategory === pointCategory) {
					inScope = true;
				} else {
					errors.push(
						`${where}: question ${qid} is asked only for ${qCategory}, so it cannot cover a ${pointCategory} point`
					);
				}
			}
			if (known.length > 0 && !inScope && pointCategory === 'security')
				errors.push(
					`${where}: a Security point needs at least one covering question that a Security-only scope asks; ${known.join(', ')} ${known.length === 1 ? 'is' : 'are'} asked only with an optional category`
				);

			points.push({
				id,
				criterion: entry.criterion,
				n: p.n,
				name: p.name,
				text: p.text,
				category: pointCategory,
				coveredBy: covered.map(([questionId, via]) => ({ questionId, via })),
				notApplicable: p.notApplicable ?? null,
				gap: p.gap ?? null
			});
		});
	}

	const missing = criteria.filter((c) => !seen.has(c.id)).map((c) => c.id);
	if (missing.length && requireCoverage)
		errors.push(
			`${FILE}: ${missing.length} ${missing.length === 1 ? 'criterion has' : 'criteria have'} no points of focus listed: ${missing.join(', ')}`
		);

	if (errors.length === 0 && requireCoverage) {
		const total = pointsOfFocusCoverage(points).total;
		if (total.applicable > 0 && total.covered / total.applicable < POF_COVERAGE_MIN)
			errors.push(
				`${FILE}: only ${total.covered} of ${total.applicable} applicable points of focus (${formatShare(total.covered, total.applicable)}) are covered by a question's prompt or level texts; at least ${Math.round(POF_COVERAGE_MIN * 100)} % are required`
			);
	}
	return { points, errors, warnings };
}

export interface PofCoverageRow {
	/** Area id, or "all" for the total. */
	area: AreaId | 'all';
	points: number;
	notApplicable: number;
	applicable: number;
	covered: number;
	/** Covered by a prompt (the strongest form of asking). */
	byPrompt: number;
	gaps: string[];
}

/** Coverage per area (in area order) and in total. */
export function pointsOfFocusCoverage(points: PointOfFocus[]): {
	areas: PofCoverageRow[];
	total: PofCoverageRow;
} {
	const row = (area: AreaId | 'all'): PofCoverageRow => ({
		area,
		points: 0,
		notApplicable: 0,
		applicable: 0,
		covered: 0,
		byPrompt: 0,
		gaps: []
	});
	const byArea = new Map<AreaId, PofCoverageRow>();
	const total = row('all');
	for (const p of points) {
		const area = AREA_OF_SERIES(p.criterion);
		if (!area) continue;
		let r = byArea.get(area);
		if (!r) byArea.set(area, (r = row(area)));
		for (const x of [r, total]) {
			x.points++;
			if (p.notApplicable !== null) {
				x.notApplicable++;
				continue;
			}
			x.applicable++;
			if (p.coveredBy.length > 0) {
				x.covered++;
				if (p.coveredBy.some((c) => c.via === 'prompt')) x.byPrompt++;
			} else x.gaps.push(p.id);
		}
	}
	const areas = AREA_IDS.map((a) => byArea.get(a)).filter((r): r is PofCoverageRow => !!r);
	return { areas, total };
}

/** "96.3 %" (one decimal, never rounded up to 100 % unless complete). */
export function formatShare(part: number, whole: number): string {
	if (whole === 0) return '–';
	const pct = Math.floor((part / whole) * 1000) / 10;
	return `${pct.toFixed(1)} %`;
}
