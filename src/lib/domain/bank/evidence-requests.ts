/**
 * Evidence requests: cross-checks of questions/evidence-requests.yaml against the criteria, the
 * maturity questions and the plan's owner roles.
 *
 * Rules (each broken rule is one error naming the file and the request):
 * - ids are unique;
 * - every criterion is real and of the request's category (Security requests list Common
 *   Criteria, an Availability request A1 criteria…), none listed twice;
 * - every question id is real and asked for the request's category: a question of a Security
 *   area or of that category; a Security request needs at least one question a Security-only
 *   scope asks;
 * - the owner is one of the owner roles the bank's remediation templates use (so small teams
 *   fold it the same way as the plan);
 * - a request for a control that runs per event names the population to prepare;
 * - every criterion of the bank is served by at least one request.
 */
import type { AreaId, CategoryId, Criterion, EvidenceRequest, MaturityQuestion } from '../types.ts';
import { askedForSecurityOnly } from './points-of-focus.ts';
import type { EvidenceRequestsFile } from './schema.ts';

const FILE = 'questions/evidence-requests.yaml';

export interface EvidenceRequestsCheck {
	requests: EvidenceRequest[];
	errors: string[];
	warnings: string[];
}

export function compileEvidenceRequests(
	file: EvidenceRequestsFile,
	criteria: Pick<Criterion, 'id' | 'category'>[],
	questions: Pick<MaturityQuestion, 'id' | 'area' | 'when' | 'remediation'>[],
	areaCategory: Record<AreaId, CategoryId>,
	/** false only for a development build of a partial bank: skips completeness. */
	requireCoverage = true
): EvidenceRequestsCheck {
	const errors: string[] = [];
	const warnings: string[] = [];
	const criterionCategory = new Map(criteria.map((c) => [c.id, c.category]));
	const questionById = new Map(questions.map((q) => [q.id, q]));
	const owners = new Set(questions.flatMap((q) => q.remediation.map((r) => r.ownerRole)));
	const seen = new Set<string>();
	const served = new Set<string>();
	const requests: EvidenceRequest[] = [];

	for (const r of file.requests) {
		const at = `${FILE}: request ${r.id}`;
		if (seen.has(r.id)) errors.push(`${at}: id is used by more than one request`);
		seen.add(r.id);

		const repeated = new Set<string>();
		for (const c of r.criteria) {
			if (repeated.has(c)) {
				errors.push(`${at}: criterion ${c} is listed twice`);
				continue;
			}
			repeated.add(c);
			const category = criterionCategory.get(c);
			if (!category) errors.push(`${at}: unknown criterion ${c} (not in questions/criteria.yaml)`);
			else if (category !== r.category)
				errors.push(
					`${at}: criterion ${c} belongs to ${category}, but the request is for ${r.category} (set category, or list it in a ${category} request)`
				);
			else served.add(c);
		}

		const known: string[] = [];
		let securityOnly = false;
		for (const qid of new Set(r.questions)) {
			const q = questionById.get(qid);
			if (!q) {
				(requireCoverage ? errors : warnings).push(`${at}: unknown question ${qid}`);
				continue;
			}
			known.push(qid);
			const qCategory = areaCategory[q.area];
			if (askedForSecurityOnly(q, qCategory)) securityOnly = true;
			if (qCategory !== 'security' && qCategory !== r.category)
				errors.push(
					`${at}: question ${qid} is asked only for ${qCategory}, so it cannot show whether a ${r.category} request is ready`
				);
		}
		for (const qid of r.questions.filter((x, i) => r.questions.indexOf(x) !== i))
			errors.push(`${at}: question ${qid} is listed twice`);
		if (r.category === 'security' && known.length > 0 && !securityOnly)
			errors.push(
				`${at}: a Security request needs at least one question that a Security-only scope asks; ${known.join(', ')} ${known.length === 1 ? 'is' : 'are'} asked only with an optional category`
			);

		if (!owners.has(r.owner))
			errors.push(
				`${at}: owner "${r.owner}" is not an owner role of the bank's remediation templates (${[...owners].sort().join(', ')})`
			);
		if (r.frequency === 'event' && r.population === undefined)
			errors.push(
				`${at}: a per-event control is sampled from a list, so give the population to prepare (population: …)`
			);

		requests.push({
			id: r.id,
			area: r.area,
			category: r.category,
			item: r.item,
			provide: r.provide,
			population: r.population ?? null,
			frequency: r.frequency,
			owner: r.owner,
			criteria: [...r.criteria],
			questions: [...new Set(r.questions)]
		});
	}

	const missing = criteria.filter((c) => !served.has(c.id)).map((c) => c.id);
	if (missing.length && requireCoverage)
		errors.push(
			`${FILE}: ${missing.length} ${missing.length === 1 ? 'criterion is' : 'criteria are'} served by no evidence request: ${missing.join(', ')}`
		);
	return { requests, errors, warnings };
}
