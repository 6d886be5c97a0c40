/**
 * compileBank: validates the parsed files of `questions/` against their schemas, cross-checks
 * them (unique ids, references, coverage, dependency cycles) and assembles a `Bank`.
 *
 * Pure and synchronous: the caller reads and parses the YAML (Node script, Vite plugin, test)
 * and passes `{ 'questions/areas.yaml': <parsed value>, 'questions/maturity/cc6.yaml': … }`
 * (the `questions/` prefix is optional). Every problem is collected and reported with its file
 * and location, e.g.
 *   questions/maturity/cc6.yaml: question cc6-mfa: remediation rem.x dependsOn unknown id rem.y
 */
import * as v from 'valibot';
import { conditionCategories, conditionRefs, evaluateCondition } from '../conditions.ts';
import {
	AREA_IDS,
	CATEGORY_IDS,
	OPTIONAL_CATEGORY_IDS,
	type AreaId,
	type Bank,
	type CategoryId,
	type Condition,
	type CustomQuestion,
	type MaturityQuestion,
	type ProfileQuestion
} from '../types.ts';
import {
	AreasFileSchema,
	BankMetaFileSchema,
	CategoryRulesFileSchema,
	CriteriaFileSchema,
	CuecsFileSchema,
	CustomQuestionsSchema,
	EvidenceRequestsFileSchema,
	MaturityFileSchema,
	PointsOfFocusFileSchema,
	ProfileFileSchema,
	VendorsFileSchema,
	type AreasFile,
	type BankMetaFile,
	type CategoryRulesFile,
	type CriteriaFile,
	type CuecsFile,
	type EvidenceRequestsFile,
	type MaturityFile,
	type PointsOfFocusFile,
	type ProfileFile,
	type VendorsFile
} from './schema.ts';
import { compileEvidenceRequests } from './evidence-requests.ts';
import { compilePointsOfFocus } from './points-of-focus.ts';

export interface CompileOptions {
	/**
	 * Require every criterion to be covered by at least one maturity question (default true).
	 * Only a development build of a partial bank may turn this off; tests and releases never do.
	 */
	requireCoverage?: boolean;
}

export interface BankCheck {
	bank: Bank | null;
	errors: string[];
	warnings: string[];
}

/** Thrown by `compileBank` with every problem found (one per line in `message`). */
export class BankError extends Error {
	readonly problems: string[];
	constructor(problems: string[]) {
		super(
			`The question bank is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
				problems.map((p) => `  - ${p}`).join('\n')
		);
		this.name = 'BankError';
		this.problems = problems;
	}
}

/** The single files of the bank (relative to `questions/`); maturity files are `maturity/<area>.yaml`. */
export const BANK_FILES = [
	'bank.yaml',
	'areas.yaml',
	'criteria.yaml',
	'profile.yaml',
	'vendors.yaml',
	'category-rules.yaml',
	'cuecs.yaml',
	'points-of-focus.yaml',
	'evidence-requests.yaml'
] as const;

/** The category each area belongs to (fixed by the Trust Services Criteria). */
export const AREA_CATEGORY: Record<AreaId, CategoryId> = {
	CC1: 'security',
	CC2: 'security',
	CC3: 'security',
	CC4: 'security',
	CC5: 'security',
	CC6: 'security',
	CC7: 'security',
	CC8: 'security',
	CC9: 'security',
	A1: 'availability',
	C1: 'confidentiality',
	PI1: 'processing-integrity',
	P: 'privacy'
};

const COSO_AREAS = new Set<AreaId>(['CC1', 'CC2', 'CC3', 'CC4', 'CC5']);
const MATURITY_FILE = /^maturity\/([a-z0-9]+)\.yaml$/;

/** The area a criterion id belongs to: "CC6.1" → CC6, "P6.7" → P, "PI1.2" → PI1. */
/** Vendor questions the vendor card shows (role and review for all vendors, the rest for subservice organisations). */
export const VENDOR_QUESTION_IDS = [
	'role',
	'method',
	'soc-report',
	'report-reviewed',
	'review-date',
	'report-period-end',
	'csocs'
] as const;

/** Profile answers a small-team path may depend on. */
const TEAM_SIZE_QUESTIONS = ['profile.headcount', 'profile.engineers'];

import { criterionArea } from './criterion-area.ts';

export { criterionArea };

/** The maturity file an area lives in, relative to questions/: CC6 → maturity/cc6.yaml. */
export function maturityFileFor(area: AreaId): string {
	return `maturity/${area.toLowerCase()}.yaml`;
}

function normalise(key: string): string {
	return key
		.replace(/\\/g, '/')
		.replace(/^\.?\//, '')
		.replace(/^questions\//, '');
}

const show = (rel: string) => `questions/${rel}`;

/** Turn a valibot issue into "questions/x.yaml: questions[3] (cc6-mfa).title: must not be empty". */
function formatIssue(
	file: string,
	input: unknown,
	issue: v.BaseIssue<unknown>,
	label = show(file)
): string {
	let where = '';
	let cur: unknown = input;
	const path = issue.path ?? [];
	for (const item of path) {
		const key = item.key;
		cur =
			cur !== null && typeof cur === 'object'
				? (cur as Record<string | number, unknown>)[key as string | number]
				: undefined;
		if (typeof key === 'number') {
			where += `[${key}]`;
			const id =
				cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>).id : undefined;
			if (typeof id === 'string') where += ` (${id})`;
		} else {
			where += (where ? '.' : '') + String(key);
		}
	}
	let message = issue.message;
	if (issue.type === 'strict_object' || issue.type === 'object') {
		if (issue.expected === 'never')
			message = 'unknown field (check the spelling against the format)';
		else if (issue.received === 'undefined') message = 'missing required field';
		else if (path.length === 0) message = `must be a mapping (received ${issue.received})`;
	}
	return `${label}: ${where || '(top level)'}: ${message}`;
}

function parse<T>(
	schema: v.GenericSchema<unknown, T>,
	file: string,
	input: unknown,
	errors: string[],
	label = show(file)
): T | null {
	const result = v.safeParse(schema, input);
	if (result.success) return result.output;
	for (const issue of result.issues) errors.push(formatIssue(file, input, issue, label));
	return null;
}

function duplicates(ids: string[]): string[] {
	const seen = new Set<string>();
	const dup = new Set<string>();
	for (const id of ids) (seen.has(id) ? dup : seen).add(id);
	return [...dup];
}

/** The profile questions a condition may read (compiled bank or parsed profile.yaml). */
type ConditionTarget = Pick<ProfileQuestion, 'id' | 'kind'> & { options?: { id: string }[] };

/**
 * A checker for conditions: every question and option it names exists and the comparison fits
 * the question's kind. Problems go to `errors`, prefixed with `at`.
 */
function conditionChecker(
	profileQuestions: readonly ConditionTarget[],
	errors: string[]
): (cond: Condition, at: string, self?: string) => void {
	const profileById = new Map(profileQuestions.map((q) => [q.id, q]));
	return (cond: Condition, at: string, self?: string): void => {
		for (const ref of conditionRefs(cond)) {
			const q = profileById.get(ref.question);
			if (!q) {
				errors.push(`${at}: condition refers to unknown question ${ref.question}`);
				continue;
			}
			if (ref.question === self) {
				errors.push(`${at}: condition refers to the question itself`);
				continue;
			}
			const optionIds = new Set((q.options ?? []).map((o) => o.id));
			const choice = q.kind === 'single' || q.kind === 'multi';
			const badOption = (o: string) =>
				errors.push(`${at}: condition refers to unknown option ${ref.question} = ${o}`);
			switch (ref.op) {
				case 'includes':
					if (q.kind !== 'multi')
						errors.push(
							`${at}: "includes" needs a multi-choice question, ${ref.question} is ${q.kind}`
						);
					else ref.options.filter((o) => !optionIds.has(o)).forEach(badOption);
					break;
				case 'in':
					if (!choice)
						errors.push(`${at}: "in" needs a choice question, ${ref.question} is ${q.kind}`);
					else ref.options.filter((o) => !optionIds.has(o)).forEach(badOption);
					break;
				case 'equals':
					if (q.kind === 'multi')
						errors.push(`${at}: use "includes" or "in" for multi-choice question ${ref.question}`);
					else if (q.kind === 'boolean' && typeof ref.value !== 'boolean')
						errors.push(`${at}: ${ref.question} is yes/no, compare it with true or false`);
					else if (q.kind === 'number' && typeof ref.value !== 'number')
						errors.push(`${at}: ${ref.question} is a number, compare it with a number`);
					else if (q.kind === 'single') {
						if (typeof ref.value !== 'string')
							errors.push(`${at}: ${ref.question} is single-choice, compare it with an option id`);
						else if (!optionIds.has(ref.value)) badOption(ref.value);
					} else if (['text', 'longtext', 'date'].includes(q.kind) && typeof ref.value !== 'string')
						errors.push(`${at}: ${ref.question} is ${q.kind}, compare it with a string`);
					break;
				case 'gte':
				case 'lte':
					if (q.kind !== 'number')
						errors.push(`${at}: "${ref.op}" needs a number question, ${ref.question} is ${q.kind}`);
					break;
				case 'answered':
					break;
			}
		}
	};
}

/** Custom question ids (never used by the built-in bank). */
export const CUSTOM_ID = /^custom-/;

/** A group of maturity questions of one area: a bank file or custom questions. */
interface MaturitySource {
	/** Where problems are reported: "questions/maturity/cc6.yaml" or "custom question". */
	label: string;
	/** The bank file (relative to questions/), checked against its area; absent for custom questions. */
	rel?: string;
	area: AreaId;
	questions: readonly MaturityFile['questions'][number][];
	/** Overrides `ctx.custom` for this group. */
	custom?: boolean;
}

interface MaturityContext {
	criterionIds: ReadonlySet<string>;
	checkCriteria: (list: string[], at: string) => void;
	checkCondition: (cond: Condition, at: string, self?: string) => void;
	/** The questions are custom (namespaced ids, marked `custom: true`). */
	custom: boolean;
}

/**
 * The cross-checks of maturity questions, shared by the bank and custom questions: unique
 * question and remediation ids, real criteria in the right area, conditions, small-team paths,
 * remediation kinds, and dependencies that resolve without cycles.
 */
function checkMaturity(
	sources: readonly MaturitySource[],
	ctx: MaturityContext,
	errors: string[],
	warnings: string[]
): MaturityQuestion[] {
	const questions: MaturityQuestion[] = [];
	const questionFile = new Map<string, string>();
	const remediationOwner = new Map<string, { file: string; question: string }>();
	const seenAreas = new Map<AreaId, string>();
	const { criterionIds, checkCriteria, checkCondition } = ctx;
	for (const file of sources) {
		const rel = file.label;
		if (file.rel !== undefined) {
			const expected = maturityFileFor(file.area);
			if (file.rel !== expected)
				errors.push(`${rel}: area ${file.area} must live in ${show(expected)}`);
			const other = seenAreas.get(file.area);
			if (other) errors.push(`${rel}: area ${file.area} is already defined in ${other}`);
			seenAreas.set(file.area, rel);
		}
		const custom = file.custom ?? ctx.custom;
		for (const q of file.questions) {
			const at = `${rel}: question ${q.id}`;
			const prev = questionFile.get(q.id);
			if (prev !== undefined) errors.push(`${at}: id is already used in ${prev}`);
			else questionFile.set(q.id, rel);
			if (custom && !CUSTOM_ID.test(q.id))
				errors.push(
					`${at}: a custom question's id must start with "custom-" (e.g. custom-contract-sla)`
				);
			if (!custom && CUSTOM_ID.test(q.id))
				errors.push(`${at}: ids starting with "custom-" are reserved for custom questions`);
			if (custom)
				for (const r of q.remediation)
					if (!r.id.startsWith(`rem.${q.id}.`))
						errors.push(`${at}: remediation ${r.id} must start with "rem.${q.id}."`);
			checkCriteria(q.criteria, at);
			const primary = q.criteria[0]!;
			const primaryArea = criterionArea(primary);
			if (criterionIds.has(primary) && primaryArea !== file.area)
				errors.push(
					`${at}: primary criterion ${primary} belongs to ${primaryArea}, not ${file.area} (list a criterion of this area first)`
				);
			if (q.when) {
				checkCondition(q.when, at);
				if (!q.skipReason) errors.push(`${at}: a question with "when" needs a skipReason`);
			} else if (q.skipReason) {
				errors.push(`${at}: skipReason without "when"`);
			}
			if (q.smallTeam) {
				checkCondition(q.smallTeam.when, `${at}: smallTeam`);
				if (!conditionRefs(q.smallTeam.when).some((r) => TEAM_SIZE_QUESTIONS.includes(r.question)))
					errors.push(
						`${at}: smallTeam must depend on the team size (${TEAM_SIZE_QUESTIONS.join(' or ')})`
					);
			}
			if (q.level3 === q.level4)
				errors.push(`${at}: level3 and level4 must describe different states`);
			if (!q.smallTeam && q.remediation.some((r) => r.teamPath))
				errors.push(`${at}: teamPath on a remediation needs a smallTeam path on the question`);
			// Each team path (or the one plan, without a small-team path) fixes the design and runs it.
			for (const path of q.smallTeam ? (['small', 'standard'] as const) : [null]) {
				const mine = q.remediation.filter((r) => !r.teamPath || r.teamPath === path);
				const which = path ? ` for the ${path} team path` : '';
				if (!mine.some((r) => r.appliesBelow <= 3))
					errors.push(
						`${at}: needs at least one remediation with appliesBelow 3 or lower (fixes the design)${which}`
					);
				if (!mine.some((r) => r.appliesBelow === 4))
					warnings.push(
						`${at}: no remediation with appliesBelow 4 (run it on a schedule and retain evidence)${which}`
					);
			}
			if (q.naNeedsReason && !q.key)
				errors.push(
					`${at}: naNeedsReason is for key controls only (add key: true or remove naNeedsReason)`
				);
			for (const r of q.remediation) {
				const expected =
					r.appliesBelow <= 3
						? ['design']
						: r.appliesBelow === 5
							? ['improvement']
							: ['evidence', 'recurring'];
				if (!expected.includes(r.kind))
					errors.push(
						`${at}: remediation ${r.id} has kind ${r.kind} but appliesBelow ${r.appliesBelow}; use ${expected.join(' or ')} (design fixes levels up to 3, evidence and recurring lead to 4, improvement to 5)`
					);
				const owner = remediationOwner.get(r.id);
				if (owner)
					errors.push(
						`${at}: remediation ${r.id} is already used by question ${owner.question} in ${owner.file}`
					);
				else remediationOwner.set(r.id, { file: rel, question: q.id });
			}
			questions.push({
				...q,
				area: file.area,
				...(custom ? { custom: true } : {}),
				remediation: q.remediation.map((r) => ({ ...r, dependsOn: [...r.dependsOn] }))
			} as MaturityQuestion);
		}
	}

	// remediation dependencies: resolve, no self, no duplicates, no cycles
	const deps = new Map<string, string[]>();
	for (const q of questions) {
		const rel = questionFile.get(q.id) ?? '';
		for (const r of q.remediation) {
			const at = `${rel}: question ${q.id}: remediation ${r.id}`;
			for (const d of r.dependsOn) {
				if (d === r.id) errors.push(`${at} dependsOn itself`);
				else if (!remediationOwner.has(d)) errors.push(`${at} dependsOn unknown id ${d}`);
			}
			for (const d of duplicates(r.dependsOn)) errors.push(`${at} lists dependsOn ${d} twice`);
			deps.set(
				r.id,
				r.dependsOn.filter((d) => d !== r.id && remediationOwner.has(d))
			);
		}
	}
	for (const cycle of findCycles(deps)) {
		const where = [...new Set(cycle.map((id) => remediationOwner.get(id)?.file ?? ''))].join(', ');
		errors.push(`remediation dependency cycle: ${[...cycle, cycle[0]].join(' → ')} (${where})`);
	}
	return questions;
}

function criteriaChecker(
	criterionIds: ReadonlySet<string>,
	errors: string[]
): (list: string[], at: string) => void {
	return (list, at) => {
		for (const c of list) if (!criterionIds.has(c)) errors.push(`${at}: unknown criterion ${c}`);
		for (const c of duplicates(list)) errors.push(`${at}: criterion ${c} is listed twice`);
	};
}

/** Validate and assemble without throwing. */
export function checkBank(files: Record<string, unknown>, opts: CompileOptions = {}): BankCheck {
	const requireCoverage = opts.requireCoverage ?? true;
	const errors: string[] = [];
	const warnings: string[] = [];

	// ---- 1. which files -------------------------------------------------------------
	const byName = new Map<string, unknown>();
	for (const [key, value] of Object.entries(files)) {
		const rel = normalise(key);
		if (byName.has(rel)) {
			errors.push(`${show(rel)}: given twice`);
			continue;
		}
		byName.set(rel, value);
	}
	const maturityInputs: [string, unknown][] = [];
	for (const [rel, value] of byName) {
		if ((BANK_FILES as readonly string[]).includes(rel)) continue;
		if (MATURITY_FILE.test(rel)) maturityInputs.push([rel, value]);
		else
			errors.push(
				`${show(rel)}: unknown file (expected ${BANK_FILES.join(', ')} or maturity/<area>.yaml)`
			);
	}
	for (const f of BANK_FILES) if (!byName.has(f)) errors.push(`${show(f)}: file is missing`);
	if (maturityInputs.length === 0) errors.push('questions/maturity/: no maturity question files');
	if (errors.length) return { bank: null, errors, warnings };

	// ---- 2. schemas ---------------------------------------------------------------------
	const meta = parse<BankMetaFile>(
		BankMetaFileSchema,
		'bank.yaml',
		byName.get('bank.yaml'),
		errors
	);
	const areasFile = parse<AreasFile>(
		AreasFileSchema,
		'areas.yaml',
		byName.get('areas.yaml'),
		errors
	);
	const criteriaFile = parse<CriteriaFile>(
		CriteriaFileSchema,
		'criteria.yaml',
		byName.get('criteria.yaml'),
		errors
	);
	const profileFile = parse<ProfileFile>(
		ProfileFileSchema,
		'profile.yaml',
		byName.get('profile.yaml'),
		errors
	);
	const vendorsFile = parse<VendorsFile>(
		VendorsFileSchema,
		'vendors.yaml',
		byName.get('vendors.yaml'),
		errors
	);
	const rulesFile = parse<CategoryRulesFile>(
		CategoryRulesFileSchema,
		'category-rules.yaml',
		byName.get('category-rules.yaml'),
		errors
	);
	const cuecsFile = parse<CuecsFile>(
		CuecsFileSchema,
		'cuecs.yaml',
		byName.get('cuecs.yaml'),
		errors
	);
	const pofFile = parse<PointsOfFocusFile>(
		PointsOfFocusFileSchema,
		'points-of-focus.yaml',
		byName.get('points-of-focus.yaml'),
		errors
	);
	const requestsFile = parse<EvidenceRequestsFile>(
		EvidenceRequestsFileSchema,
		'evidence-requests.yaml',
		byName.get('evidence-requests.yaml'),
		errors
	);
	const maturityFiles: [string, MaturityFile][] = [];
	for (const [rel, value] of maturityInputs.sort((a, b) => a[0].localeCompare(b[0]))) {
		const parsed = parse<MaturityFile>(MaturityFileSchema, rel, value, errors);
		if (parsed) maturityFiles.push([rel, parsed]);
	}
	if (
		errors.length ||
		!meta ||
		!areasFile ||
		!criteriaFile ||
		!profileFile ||
		!vendorsFile ||
		!rulesFile ||
		!cuecsFile ||
		!pofFile ||
		!requestsFile
	) {
		return { bank: null, errors, warnings };
	}

	// ---- 3. areas -------------------------------------------------------------------
	for (const id of duplicates(areasFile.areas.map((a) => a.id)))
		errors.push(`questions/areas.yaml: area ${id} is defined more than once`);
	for (const id of AREA_IDS)
		if (!areasFile.areas.some((a) => a.id === id))
			errors.push(`questions/areas.yaml: area ${id} is missing`);
	for (const a of areasFile.areas)
		if (a.category !== AREA_CATEGORY[a.id])
			errors.push(
				`questions/areas.yaml: area ${a.id}: category must be ${AREA_CATEGORY[a.id]}, not ${a.category}`
			);
	const areas = AREA_IDS.map((id) => areasFile.areas.find((a) => a.id === id)).filter(
		(a): a is NonNullable<typeof a> => !!a
	);

	// ---- 4. criteria ----------------------------------------------------------------
	const criteria = criteriaFile.criteria;
	const criterionIds = new Set(criteria.map((c) => c.id));
	for (const id of duplicates(criteria.map((c) => c.id)))
		errors.push(`questions/criteria.yaml: criterion ${id} is defined more than once`);
	for (const c of criteria) {
		const at = `questions/criteria.yaml: criterion ${c.id}`;
		const expectedArea = criterionArea(c.id);
		if (expectedArea !== c.area) errors.push(`${at}: area must be ${expectedArea}, not ${c.area}`);
		if (c.category !== AREA_CATEGORY[c.area])
			errors.push(
				`${at}: category must be ${AREA_CATEGORY[c.area]} (area ${c.area}), not ${c.category}`
			);
		const series = c.id.split('.')[0] ?? '';
		if (!c.series.startsWith(`${series} `))
			errors.push(`${at}: series must start with "${series} " (got "${c.series}")`);
		if (COSO_AREAS.has(c.area) && c.coso === undefined)
			errors.push(`${at}: coso principle is required for ${c.area}`);
		if (!COSO_AREAS.has(c.area) && c.coso !== undefined)
			errors.push(`${at}: coso applies to CC1–CC5 only`);
		if (c.iso27001.length === 0) warnings.push(`${at}: no indicative ISO 27001 reference`);
	}
	for (const id of AREA_IDS)
		if (!criteria.some((c) => c.area === id))
			errors.push(`questions/criteria.yaml: area ${id} has no criteria`);

	// ---- 5. profile questions and the condition checker ----------------------------------
	for (const id of duplicates(profileFile.questions.map((q) => q.id)))
		errors.push(`questions/profile.yaml: question ${id} is defined more than once`);

	const checkCondition = conditionChecker(profileFile.questions, errors);

	for (const q of profileFile.questions) {
		const at = `questions/profile.yaml: question ${q.id}`;
		const stage = q.id.startsWith('profile.') ? 'profile' : 'scope';
		if (q.stage !== stage) errors.push(`${at}: id starts with "${stage}." but stage is ${q.stage}`);
		const choice = q.kind === 'single' || q.kind === 'multi';
		if (choice && !q.options) errors.push(`${at}: a ${q.kind} question needs options`);
		if (!choice && q.options) errors.push(`${at}: a ${q.kind} question cannot have options`);
		for (const id of duplicates((q.options ?? []).map((o) => o.id)))
			errors.push(`${at}: option ${id} is defined more than once`);
		if (q.when) checkCondition(q.when, at, q.id);
	}

	// ---- 6. vendors ---------------------------------------------------------------------
	for (const id of duplicates(vendorsFile.kinds.map((k) => k.id)))
		errors.push(`questions/vendors.yaml: vendor kind ${id} is defined more than once`);
	for (const id of duplicates(vendorsFile.questions.map((k) => k.id)))
		errors.push(`questions/vendors.yaml: vendor question ${id} is defined more than once`);
	const checkCriteria = criteriaChecker(criterionIds, errors);
	for (const k of vendorsFile.kinds) {
		const at = `questions/vendors.yaml: vendor kind ${k.id}`;
		if (k.id === 'other')
			errors.push(`${at}: "other" is reserved for vendors outside the catalogue`);
		checkCriteria(k.criteria, at);
		if (k.subserviceWhen) {
			checkCondition(k.subserviceWhen, `${at}: subserviceWhen`);
			if (k.usuallySubservice === 'yes' || k.usuallySubservice === 'often')
				errors.push(
					`${at}: subserviceWhen is for kinds that are only sometimes subservice organisations (usuallySubservice is ${k.usuallySubservice})`
				);
			if (!k.subserviceWhenText) errors.push(`${at}: subserviceWhen needs a subserviceWhenText`);
		} else if (k.subserviceWhenText) {
			errors.push(`${at}: subserviceWhenText without subserviceWhen`);
		}
	}
	// The vendor card asks these; each needs its prompt in the bank.
	for (const id of VENDOR_QUESTION_IDS)
		if (!vendorsFile.questions.some((q) => q.id === id))
			errors.push(`questions/vendors.yaml: vendor question ${id} is missing`);

	// ---- 7. category rules, scope notes --------------------------------------------------
	for (const id of duplicates([
		...rulesFile.rules.map((r) => r.id),
		...rulesFile.scopeNotes.map((n) => n.id)
	]))
		errors.push(`questions/category-rules.yaml: id ${id} is used more than once`);
	for (const r of rulesFile.rules)
		checkCondition(r.when, `questions/category-rules.yaml: rule ${r.id}`);
	for (const n of rulesFile.scopeNotes)
		checkCondition(n.when, `questions/category-rules.yaml: scope note ${n.id}`);
	for (const c of OPTIONAL_CATEGORY_IDS)
		if (!rulesFile.rules.some((r) => r.category === c))
			errors.push(`questions/category-rules.yaml: no suggestion rule for ${c}`);

	// ---- 8. CUECs ---------------------------------------------------------------------
	for (const id of duplicates(cuecsFile.cuecs.map((c) => c.id)))
		errors.push(`questions/cuecs.yaml: CUEC ${id} is defined more than once`);
	for (const c of cuecsFile.cuecs) {
		const at = `questions/cuecs.yaml: CUEC ${c.id}`;
		checkCriteria(c.criteria, at);
		if (c.when) checkCondition(c.when, at);
		const always = c.whenText.trim().toLowerCase() === 'always';
		if (always && c.when) errors.push(`${at}: whenText says "Always" but the CUEC has a condition`);
		if (!always && !c.when) errors.push(`${at}: without a condition, whenText must be "Always"`);
		// A CUEC that depends on a category supports a criterion of that category.
		for (const cat of c.when ? conditionCategories(c.when) : [])
			if (!c.criteria.some((id) => criteria.find((x) => x.id === id)?.category === cat))
				errors.push(`${at}: its condition names ${cat}, but it lists no ${cat} criterion`);
		// Privacy CUECs hand controller duties to customers: only a processor may do that.
		if (c.id.startsWith('CUEC-PRIV-')) {
			const ctx = (role: string) => ({
				profile: { 'scope.data-types': ['personal-data'], 'scope.privacy-role': role },
				categories: [...CATEGORY_IDS]
			});
			if (!c.when || evaluateCondition(c.when, ctx('controller')))
				errors.push(
					`${at}: a privacy CUEC must not apply when you are the controller (condition it on scope.privacy-role)`
				);
			else if (!evaluateCondition(c.when, ctx('processor')))
				errors.push(`${at}: a privacy CUEC must apply when you are a processor`);
		}
	}

	// ---- 9. maturity questions ---------------------------------------------------------------
	const questions = checkMaturity(
		maturityFiles.map(([rel, file]) => ({
			label: show(rel),
			rel,
			area: file.area,
			questions: file.questions
		})),
		{ criterionIds, checkCriteria, checkCondition, custom: false },
		errors,
		warnings
	);

	// coverage
	if (requireCoverage) {
		// A criterion counts as covered only by a question of its own area, so that selecting its
		// category alone always brings a question for it into the interview.
		const covered = new Set(
			questions.flatMap((q) => q.criteria.filter((c) => criterionArea(c) === q.area))
		);
		const missing = criteria.filter((c) => !covered.has(c.id)).map((c) => c.id);
		if (missing.length)
			errors.push(
				`questions/maturity/: ${missing.length} ${missing.length === 1 ? 'criterion is' : 'criteria are'} not covered by any maturity question of their area: ${missing.join(', ')}`
			);
	}

	// points of focus: each exactly once, mapped to real questions in the right scope, coverage
	const pof = compilePointsOfFocus(pofFile, criteria, questions, AREA_CATEGORY, requireCoverage);
	errors.push(...pof.errors);
	warnings.push(...pof.warnings);

	// evidence requests: real criteria and questions of the right category, every criterion served
	const requests = compileEvidenceRequests(
		requestsFile,
		criteria,
		questions,
		AREA_CATEGORY,
		requireCoverage
	);
	errors.push(...requests.errors);
	warnings.push(...requests.warnings);

	if (errors.length) return { bank: null, errors, warnings };

	const order = new Map(AREA_IDS.map((id, i) => [id, i]));
	questions.sort((a, b) => order.get(a.area)! - order.get(b.area)!); // stable: authored order kept

	const bank: Bank = {
		version: meta.version,
		iso27001Note: criteriaFile.iso27001Note,
		areas,
		criteria: criteria.map((c) => ({ ...c })),
		profileQuestions: profileFile.questions as ProfileQuestion[],
		vendorKinds: vendorsFile.kinds,
		vendorQuestions: vendorsFile.questions,
		categoryRules: rulesFile.rules,
		scopeNotes: rulesFile.scopeNotes,
		overScopingWarning: rulesFile.overScopingWarning,
		cuecs: cuecsFile.cuecs,
		questions,
		pointsOfFocus: pof.points,
		evidenceRequests: requests.requests
	};
	return { bank, errors, warnings };
}

/** Validate and assemble; throws `BankError` listing every problem. */
export function compileBank(files: Record<string, unknown>, opts: CompileOptions = {}): Bank {
	const result = checkBank(files, opts);
	if (!result.bank) throw new BankError(result.errors);
	return result.bank;
}

/** Every elementary cycle reachable by DFS, each reported once (rotated to its smallest id). */
function findCycles(graph: Map<string, string[]>): string[][] {
	const state = new Map<string, 1 | 2>(); // 1 = on stack, 2 = done
	const stack: string[] = [];
	const found = new Map<string, string[]>();
	const visit = (node: string): void => {
		state.set(node, 1);
		stack.push(node);
		for (const next of graph.get(node) ?? []) {
			const s = state.get(next);
			if (s === 1) {
				const cycle = stack.slice(stack.indexOf(next));
				const min = cycle.reduce((m, id, i) => (id < cycle[m]! ? i : m), 0);
				const rotated = [...cycle.slice(min), ...cycle.slice(0, min)];
				found.set(rotated.join('|'), rotated);
			} else if (s === undefined) visit(next);
		}
		stack.pop();
		state.set(node, 2);
	};
	for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
	return [...found.values()];
}

/** Where problems of custom questions are reported. */
const CUSTOM_LABEL = 'custom questions';

export interface CustomCheck {
	/** The bank with the active custom questions added, or null when there are errors. */
	bank: Bank | null;
	/** The custom questions as validated (defaults filled in), retired ones included. */
	questions: CustomQuestion[];
	errors: string[];
	warnings: string[];
}

/**
 * Validate custom questions against the compiled built-in bank, with the same schema and the
 * same cross-checks as the bank's own questions (ids unique and namespaced "custom-", criteria
 * real and of the question's area, conditions on real profile answers, remediation kinds,
 * dependencies resolved and acyclic), and return the bank with the active ones added after the
 * bank's questions of their area, marked `custom: true`. The engine cannot tell them apart.
 */
export function checkCustomQuestions(bank: Bank, input: unknown): CustomCheck {
	const errors: string[] = [];
	const warnings: string[] = [];
	const parsed = parse(
		CustomQuestionsSchema as v.GenericSchema<unknown, CustomQuestion[]>,
		CUSTOM_LABEL,
		input,
		errors,
		CUSTOM_LABEL
	);
	if (!parsed) return { bank: null, questions: [], errors, warnings };
	if (bank.questions.some((q) => q.custom))
		errors.push(`${CUSTOM_LABEL}: extend the built-in bank, not a bank that has custom questions`);
	const criterionIds = new Set(bank.criteria.map((c) => c.id));
	const builtIn: MaturitySource[] = AREA_IDS.map((area) => ({
		label: show(maturityFileFor(area)),
		area,
		questions: bank.questions
			.filter((q) => q.area === area)
			.map(({ area: _area, custom: _custom, ...q }) => q as MaturityFile['questions'][number])
	}));
	const custom: MaturitySource[] = parsed.map(({ area, retired: _retired, ...q }) => ({
		label: CUSTOM_LABEL,
		area,
		questions: [q as MaturityFile['questions'][number]],
		custom: true
	}));
	const mine: string[] = [];
	const all = checkMaturity(
		[...builtIn, ...custom],
		{
			criterionIds,
			checkCriteria: criteriaChecker(criterionIds, errors),
			checkCondition: conditionChecker(bank.profileQuestions, errors),
			custom: false
		},
		errors,
		mine
	);
	warnings.push(...mine.filter((w) => w.startsWith(CUSTOM_LABEL)));
	const retired = new Set(parsed.filter((q) => q.retired).map((q) => q.id));
	const retiredActions = new Map(
		parsed.filter((q) => q.retired).flatMap((q) => q.remediation.map((r) => [r.id, q.id] as const))
	);
	for (const q of parsed) {
		if (q.retired) continue;
		for (const r of q.remediation)
			for (const d of r.dependsOn) {
				const owner = retiredActions.get(d);
				if (owner)
					errors.push(
						`${CUSTOM_LABEL}: question ${q.id}: remediation ${r.id} dependsOn ${d} of retired question ${owner}`
					);
			}
	}
	if (errors.length) return { bank: null, questions: parsed, errors, warnings };
	const order = new Map(AREA_IDS.map((id, i) => [id, i]));
	const questions = all
		.filter((q) => !retired.has(q.id))
		.sort((a, b) => order.get(a.area)! - order.get(b.area)!);
	return { bank: { ...bank, questions }, questions: parsed, errors, warnings };
}

/** `checkCustomQuestions` that throws a `BankError` listing every problem. */
export function extendBank(bank: Bank, input: unknown): Bank {
	const result = checkCustomQuestions(bank, input);
	if (!result.bank) throw new BankError(result.errors);
	return result.bank;
}

const extended = new WeakMap<Bank, WeakMap<readonly unknown[], CustomCheck>>();

/**
 * The bank an assessment is asked, scored and planned with: the built-in bank plus its custom
 * questions (`Assessment.customQuestions`). Cached per bank and per list, so every screen of one
 * assessment shares one extended bank. When the custom questions fail the checks (a file edited
 * by hand), the built-in bank is returned with the problems, so the assessment still opens.
 */
export function bankForAssessment(
	bank: Bank,
	customQuestions: readonly unknown[] | undefined
): { bank: Bank; problems: string[] } {
	if (!customQuestions || customQuestions.length === 0) return { bank, problems: [] };
	let byList = extended.get(bank);
	if (!byList) extended.set(bank, (byList = new WeakMap()));
	let check = byList.get(customQuestions);
	if (!check) byList.set(customQuestions, (check = checkCustomQuestions(bank, customQuestions)));
	return check.bank ? { bank: check.bank, problems: [] } : { bank, problems: check.errors };
}
