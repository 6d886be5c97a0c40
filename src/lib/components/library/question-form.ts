/**
 * The custom question form's state and its conversion to a `CustomQuestion` (pure). Lists are
 * typed one item per line; ids are made once, from the title, and never change afterwards.
 */
import type {
	ActionKind,
	AreaId,
	Criticality,
	CustomQuestion,
	Effort,
	RemediationTemplate
} from '$lib/domain/types';

export interface ActionInput {
	/** Remediation id; '' for an action not saved yet. */
	id: string;
	action: string;
	kind: ActionKind;
	ownerRole: string;
	effort: Effort;
	acceptance: string;
	evidence: string;
}

export interface QuestionInput {
	/** '' for a new question. */
	id: string;
	area: AreaId;
	criteria: string[];
	title: string;
	prompt: string;
	why: string;
	level3: string;
	level4: string;
	evidence: string;
	criticality: Criticality;
	key: boolean;
	naNeedsReason: boolean;
	actions: ActionInput[];
	retired: boolean;
}

/** What each kind of action does, as the form explains it. */
export const KIND_CHOICES: { kind: ActionKind; label: string; appliesBelow: 3 | 4 | 5 }[] = [
	{
		kind: 'design',
		label: 'Put the control in place (design, needed for a Type I)',
		appliesBelow: 3
	},
	{ kind: 'evidence', label: 'Start keeping evidence (needed for a Type II)', appliesBelow: 4 },
	{ kind: 'recurring', label: 'Run it on a schedule (recurring operation)', appliesBelow: 4 },
	{ kind: 'improvement', label: 'Improve beyond what an audit needs', appliesBelow: 5 }
];

export function emptyAction(): ActionInput {
	return {
		id: '',
		action: '',
		kind: 'design',
		ownerRole: '',
		effort: 'S',
		acceptance: '',
		evidence: ''
	};
}

export function emptyQuestion(area: AreaId = 'CC1'): QuestionInput {
	return {
		id: '',
		area,
		criteria: [],
		title: '',
		prompt: '',
		why: '',
		level3: '',
		level4: '',
		evidence: '',
		criticality: 3,
		key: false,
		naNeedsReason: false,
		actions: [emptyAction()],
		retired: false
	};
}

const lines = (s: string): string[] =>
	s
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l.length > 0);

/** "Contract uptime (SLA) tracked!" → "contract-uptime-sla-tracked" (at most 40 characters). */
export function slug(text: string): string {
	const s = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40)
		.replace(/-+$/g, '');
	return s || 'question';
}

/** A new question id from its title, unused among `taken`: custom-<slug>, custom-<slug>-2… */
export function newQuestionId(title: string, taken: ReadonlySet<string>): string {
	const base = `custom-${slug(title)}`;
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Remediation ids for actions that have none yet: rem.<question>.action-N, with N used by no
 * action of the question, including one removed in this edit (plan ticks are kept by id, so a
 * new action must never inherit an old one's).
 */
function actionIds(
	questionId: string,
	actions: readonly ActionInput[],
	before: readonly string[]
): string[] {
	const used = new Set([...before, ...actions.map((a) => a.id).filter(Boolean)]);
	let n = 1;
	return actions.map((a) => {
		if (a.id && a.id.startsWith(`rem.${questionId}.`)) return a.id;
		while (used.has(`rem.${questionId}.action-${n}`)) n++;
		const id = `rem.${questionId}.action-${n}`;
		used.add(id);
		return id;
	});
}

/** The criteria in the order the bank needs: the question's area first. */
export function orderCriteria(
	area: AreaId,
	criteria: readonly string[],
	areaOf: (c: string) => AreaId | null
): string[] {
	const own = criteria.filter((c) => areaOf(c) === area);
	const other = criteria.filter((c) => areaOf(c) !== area);
	return [...own, ...other];
}

/** Problems a person can fix in the form before the bank's cross-checks run. */
export function missingFields(input: QuestionInput): string[] {
	const out: string[] = [];
	if (!input.title.trim()) out.push('Give the question a short title.');
	if (!input.prompt.trim()) out.push('Write the question as it is asked.');
	if (!input.why.trim()) out.push('Say why it matters (the help text).');
	if (!input.level3.trim()) out.push('Describe what “implemented” looks like.');
	if (!input.level4.trim()) out.push('Describe what “operating” looks like.');
	if (input.criteria.length === 0) out.push('Pick at least one criterion it covers.');
	if (lines(input.evidence).length === 0) out.push('List at least one piece of evidence.');
	if (input.actions.length === 0) out.push('Add at least one remediation action.');
	input.actions.forEach((a, i) => {
		const n = i + 1;
		if (!a.action.trim()) out.push(`Action ${n}: give it a title.`);
		if (!a.ownerRole.trim()) out.push(`Action ${n}: name the owner role.`);
		if (lines(a.acceptance).length === 0) out.push(`Action ${n}: say how you know it is done.`);
		if (lines(a.evidence).length === 0) out.push(`Action ${n}: list the evidence it produces.`);
	});
	return out;
}

/**
 * The question the form describes (ids made for new parts; `taken` are ids already in use).
 * Editing (`base` given) keeps the fields the form does not show.
 */
export function toCustomQuestion(
	input: QuestionInput,
	taken: ReadonlySet<string> | readonly string[],
	areaOf: (c: string) => AreaId | null,
	base: CustomQuestion | null = null
): CustomQuestion {
	const id = input.id || newQuestionId(input.title, new Set(taken));
	const ids = actionIds(id, input.actions, base?.remediation.map((r) => r.id) ?? []);
	const remediation: RemediationTemplate[] = input.actions.map((a, i) => {
		// What the form does not show (dependencies, quick win, a file's appliesBelow) is kept.
		const before = base?.remediation.find((r) => r.id === ids[i]);
		return {
			...(before ?? {}),
			id: ids[i]!,
			action: a.action.trim(),
			ownerRole: a.ownerRole.trim(),
			effort: a.effort,
			kind: a.kind,
			acceptance: lines(a.acceptance),
			evidence: lines(a.evidence),
			dependsOn: before?.dependsOn ?? [],
			quickWin: before?.quickWin ?? false,
			appliesBelow:
				before && before.kind === a.kind
					? before.appliesBelow
					: KIND_CHOICES.find((k) => k.kind === a.kind)!.appliesBelow
		};
	});
	const {
		key: _k,
		naNeedsReason: _n,
		retired: _r,
		...kept
	} = base ?? ({} as Partial<CustomQuestion>);
	const q: CustomQuestion = {
		...kept,
		id,
		area: input.area,
		criteria: orderCriteria(input.area, input.criteria, areaOf),
		title: input.title.trim(),
		prompt: input.prompt.trim(),
		why: input.why.trim(),
		level3: input.level3.trim(),
		level4: input.level4.trim(),
		evidence: lines(input.evidence),
		criticality: input.criticality,
		weight: base?.weight ?? 1,
		remediation
	};
	if (input.key) q.key = true;
	if (input.key && input.naNeedsReason) q.naNeedsReason = true;
	if (input.retired) q.retired = true;
	return q;
}

/** The form state for a stored question (editing). */
export function fromCustomQuestion(q: CustomQuestion): QuestionInput {
	return {
		id: q.id,
		area: q.area,
		criteria: [...q.criteria],
		title: q.title,
		prompt: q.prompt,
		why: q.why,
		level3: q.level3,
		level4: q.level4,
		evidence: q.evidence.join('\n'),
		criticality: q.criticality,
		key: q.key === true,
		naNeedsReason: q.naNeedsReason === true,
		actions: q.remediation.map((r) => ({
			id: r.id,
			action: r.action,
			kind: r.kind ?? 'design',
			ownerRole: r.ownerRole,
			effort: r.effort,
			acceptance: r.acceptance.join('\n'),
			evidence: r.evidence.join('\n')
		})),
		retired: q.retired === true
	};
}
