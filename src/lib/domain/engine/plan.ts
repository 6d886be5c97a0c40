/**
 * The remediation plan: actions from the bank's remediation templates for every gap, merged,
 * ordered by dependency and risk, and scheduled on a simple capacity model (see methodology.ts).
 */
import { addDays } from '../dates';
import {
	ACTION_KINDS,
	type ActionKind,
	type Bank,
	type Effort,
	type Gap,
	type MaturityQuestion,
	type Phase,
	type PlanAction,
	type PlanGroup,
	type PlanOverride,
	type RemediationTemplate,
	type Risk
} from '../types';
import {
	DESIGN_TARGET,
	EFFORT_DAYS,
	IMPROVEMENT_RELEASE_DAY,
	MAX_LEVEL,
	OPERATING_TARGET,
	PARALLEL_ACTIONS_PER_OWNER,
	TEAM_BY_HEADCOUNT,
	PHASE_BOUNDS,
	QUICK_WIN_RELEASE_DAY,
	RELEASE_DAY_BY_RISK
} from './methodology';
import { maxRisk, riskRank } from './risk';
import { scored, type QuestionState } from './scoring';

/** Engine-side facts about a plan action that the report model does not carry. */
export interface ActionInfo {
	appliesBelow: number;
	/** Design, switch on evidence, recurring operation or improvement (see kindOf). */
	kind: ActionKind;
	/** Lowest current level among the questions the action serves. */
	minLevel: number;
	/** Any of its questions is a key control. */
	key: boolean;
	/** Risk after inheriting the urgency of the actions that depend on it. */
	effectiveRisk: Risk;
	/** Days after the plan start; null for done actions. */
	startDay: number | null;
	dueDay: number | null;
}

export interface PlanResult {
	plan: PlanAction[];
	starterPlan: string[];
	info: Map<string, ActionInfo>;
}

export function appliesBelowOf(t: RemediationTemplate): number {
	const n = t.appliesBelow;
	return typeof n === 'number' && n >= 1 && n <= MAX_LEVEL ? n : DESIGN_TARGET;
}

/** The template's kind; without one, from appliesBelow (3 or lower design, 4 recurring, 5 improvement). */
export function kindOf(t: RemediationTemplate): ActionKind {
	if (t.kind && ACTION_KINDS.includes(t.kind)) return t.kind;
	const below = appliesBelowOf(t);
	return below <= DESIGN_TARGET ? 'design' : below >= MAX_LEVEL ? 'improvement' : 'recurring';
}

function effortOf(t: RemediationTemplate): Effort {
	return t.effort === 'S' || t.effort === 'M' || t.effort === 'L' ? t.effort : 'M';
}

function uniquePush(list: string[], items: readonly string[]): void {
	for (const i of items) if (!list.includes(i)) list.push(i);
}

export function phaseOf(startDay: number): Phase {
	for (const b of PHASE_BOUNDS) if (b.toDay === null || startDay <= b.toDay) return b.phase;
	return 'later';
}

interface Candidate {
	template: RemediationTemplate;
	appliesBelow: number;
	order: number;
	gapIds: string[];
	questionIds: string[];
	criteria: string[];
	risks: Risk[];
	key: boolean;
	kind: ActionKind;
	minLevel: number;
	dependsOn: string[];
}

/**
 * One item per control: its open actions (design and evidence first, then recurring, then
 * improvements), owners, the span from the first start to the last due date of the work that
 * puts it in place (recurring runs and improvements are listed but do not stretch it), phase by
 * start, highest risk.
 */
export function groupPlan(
	plan: readonly PlanAction[],
	titles: ReadonlyMap<string, string>
): PlanGroup[] {
	const byQuestion = new Map<string, PlanAction[]>();
	for (const p of plan) {
		if (p.done) continue;
		const q = p.questionIds[0]!;
		byQuestion.set(q, [...(byQuestion.get(q) ?? []), p]);
	}
	const groups: PlanGroup[] = [];
	for (const [questionId, actions] of byQuestion) {
		const setup = actions.filter((p) => p.kind === 'design' || p.kind === 'evidence');
		const recurring = actions.filter((p) => p.kind === 'recurring');
		const improvements = actions.filter((p) => p.kind === 'improvement');
		const ordered = [...setup, ...recurring, ...improvements];
		const span = setup.length ? setup : ordered;
		const owners = new Map<string, number>();
		for (const p of ordered) owners.set(p.ownerRole, (owners.get(p.ownerRole) ?? 0) + 1);
		const start = ordered.map((p) => p.start).sort()[0]!;
		groups.push({
			questionId,
			title: titles.get(questionId) ?? questionId,
			actionIds: ordered.map((p) => p.id),
			owners: [...owners.entries()].sort((a, b) => b[1] - a[1]).map(([o]) => o),
			start,
			due: span
				.map((p) => p.due)
				.sort()
				.at(-1)!,
			phase: ordered[0]!.phase,
			risk: maxRisk(ordered.map((p) => p.risk)),
			quickWin: ordered.some((p) => p.quickWin),
			recurring: recurring.length
		});
	}
	// Plan order: by start, then by the position of the group's first action in the plan.
	const position = new Map(plan.map((p, i) => [p.id, i]));
	return groups.sort(
		(a, b) =>
			(a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
			position.get(a.actionIds[0]!)! - position.get(b.actionIds[0]!)!
	);
}

/**
 * Templates of a question that apply at its current level (appliesBelow > level), on the
 * question's team path: `small` templates only while its small-team path applies, `standard`
 * ones only while it does not.
 */
export function applicableTemplates(
	q: MaturityQuestion,
	level: number,
	smallTeam: ReadonlySet<string> = new Set()
): RemediationTemplate[] {
	const path = smallTeam.has(q.id) ? 'small' : 'standard';
	return (q.remediation ?? []).filter(
		(t) => appliesBelowOf(t) > level && (!t.teamPath || t.teamPath === path)
	);
}

/** Earliest slot ≥ `from` of length `days` in one lane of busy [start, end) intervals. */
function fitIn(lane: [number, number][], from: number, days: number): number {
	let start = from;
	for (const [s, e] of lane) {
		if (start + days <= s) return start;
		if (e > start) start = e;
	}
	return start;
}

/** Who does the work: owner role folding and capacity per owner (see TEAM_BY_HEADCOUNT). */
export interface Team {
	parallelPerOwner: number;
	roles: Readonly<Record<string, string>>;
	/**
	 * The names an assessment (or the firm library it came from) uses for owner roles, applied
	 * after folding: "CTO / founder" → "Founder". Absent: the roles as folded.
	 */
	names?: Readonly<Record<string, string>>;
}

export const DEFAULT_TEAM: Team = { parallelPerOwner: PARALLEL_ACTIONS_PER_OWNER, roles: {} };

/**
 * The team with the assessment's own owner role names (keys: a bank role, or a role it folds
 * into). A name that is empty after trimming is ignored.
 */
export function withRoleNames(
	team: Team,
	names: Readonly<Record<string, string>> | undefined
): Team {
	const clean = Object.fromEntries(
		Object.entries(names ?? {})
			.map(([k, v]) => [k, typeof v === 'string' ? v.trim() : ''] as const)
			.filter(([, v]) => v.length > 0)
	);
	return Object.keys(clean).length ? { ...team, names: clean } : team;
}

/**
 * Every owner role a plan can show for this bank before renaming: the bank's roles and the
 * roles they fold into for small teams (the keys a firm library may rename), sorted.
 */
export function ownerRolesOf(bank: Pick<Bank, 'questions'>): string[] {
	const roles = new Set(bank.questions.flatMap((q) => q.remediation.map((r) => r.ownerRole)));
	for (const team of Object.values(TEAM_BY_HEADCOUNT))
		for (const folded of Object.values(team.roles)) roles.add(folded);
	return [...roles].sort((a, b) => a.localeCompare(b));
}

/** The team for a `profile.headcount` answer. */
export function teamFor(headcount: unknown): Team {
	return typeof headcount === 'string' && TEAM_BY_HEADCOUNT[headcount]
		? TEAM_BY_HEADCOUNT[headcount]
		: DEFAULT_TEAM;
}

export function buildPlan(
	states: readonly QuestionState[],
	gaps: readonly Gap[],
	overrides: Readonly<Record<string, PlanOverride>>,
	planStart: string,
	team: Team = DEFAULT_TEAM,
	smallTeam: ReadonlySet<string> = new Set()
): PlanResult {
	const gapByQuestion = new Map(gaps.map((g) => [g.questionId, g]));
	const candidates = new Map<string, Candidate>();
	const byQuestion = new Map<string, Candidate[]>();
	let order = 0;

	for (const s of scored(states)) {
		const gap = gapByQuestion.get(s.question.id);
		if (!gap || s.level >= OPERATING_TARGET) continue;
		const own: Candidate[] = [];
		for (const t of applicableTemplates(s.question, s.level, smallTeam)) {
			let c = candidates.get(t.id);
			if (!c) {
				c = {
					template: t,
					appliesBelow: appliesBelowOf(t),
					order: order++,
					gapIds: [],
					questionIds: [],
					criteria: [],
					risks: [],
					key: false,
					kind: kindOf(t),
					minLevel: s.level,
					dependsOn: []
				};
				candidates.set(t.id, c);
			}
			uniquePush(c.gapIds, [gap.id]);
			uniquePush(c.questionIds, [s.question.id]);
			uniquePush(c.criteria, s.question.criteria);
			c.risks.push(gap.risk);
			c.key ||= s.question.key === true;
			c.minLevel = Math.min(c.minLevel, s.level);
			own.push(c);
		}
		byQuestion.set(s.question.id, own);
	}

	// Dependencies: the template's own (when that action is in the plan) plus, within one
	// question, every template with a lower appliesBelow (design before running it on schedule).
	for (const c of candidates.values()) {
		uniquePush(
			c.dependsOn,
			(c.template.dependsOn ?? []).filter((id) => id !== c.template.id && candidates.has(id))
		);
	}
	for (const own of byQuestion.values()) {
		for (const c of own) {
			uniquePush(
				c.dependsOn,
				own
					.filter((o) => o.appliesBelow < c.appliesBelow && o.template.id !== c.template.id)
					.map((o) => o.template.id)
			);
		}
	}

	// Effective risk: a prerequisite is as urgent as the most urgent action depending on it.
	const effRisk = new Map<string, Risk>();
	for (const [id, c] of candidates) effRisk.set(id, maxRisk(c.risks));
	for (let changed = true, guard = 0; changed && guard <= candidates.size; guard++) {
		changed = false;
		for (const c of candidates.values()) {
			const mine = effRisk.get(c.template.id)!;
			for (const dep of c.dependsOn) {
				const theirs = effRisk.get(dep)!;
				if (riskRank(mine) < riskRank(theirs)) {
					effRisk.set(dep, mine);
					changed = true;
				}
			}
		}
	}

	// Priority: improvements last, recurring operation after what must be in place before a
	// window, then effective risk, quick wins, smaller effort, bank order.
	const effortRank = { S: 0, M: 1, L: 2 } as const;
	const key = (c: Candidate): number[] => [
		c.appliesBelow >= MAX_LEVEL ? 1 : 0,
		c.kind === 'recurring' ? 1 : 0,
		riskRank(effRisk.get(c.template.id)!),
		c.template.quickWin ? 0 : 1,
		effortRank[effortOf(c.template)],
		c.order
	];
	const keys = new Map([...candidates.values()].map((c) => [c, key(c)]));
	const ranked = [...candidates.values()].sort((a, b) => {
		const ka = keys.get(a)!;
		const kb = keys.get(b)!;
		for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
		return 0;
	});
	const rankOf = new Map(ranked.map((c, i) => [c, i]));
	const byRank = (a: Candidate, b: Candidate): number => rankOf.get(a)! - rankOf.get(b)!;

	const isDone = (id: string): boolean => overrides[id]?.done === true;
	const ownerOf = (c: Candidate): string => {
		const o = overrides[c.template.id]?.ownerRole?.trim();
		if (o) return o;
		const folded = team.roles[c.template.ownerRole] ?? c.template.ownerRole;
		return team.names?.[folded] ?? folded;
	};
	const releaseDay = (c: Candidate): number => {
		const risk = effRisk.get(c.template.id)!;
		if (c.appliesBelow >= MAX_LEVEL)
			return Math.max(IMPROVEMENT_RELEASE_DAY, RELEASE_DAY_BY_RISK[risk]);
		if (c.template.quickWin && risk !== 'low') return QUICK_WIN_RELEASE_DAY;
		return RELEASE_DAY_BY_RISK[risk];
	};

	// List scheduling in dependency order, highest priority first, one set of lanes per owner.
	const open = ranked.filter((c) => !isDone(c.template.id));
	const openIds = new Set(open.map((c) => c.template.id));
	const pending = new Map<Candidate, number>();
	const dependants = new Map<string, Candidate[]>();
	for (const c of open) {
		const deps = c.dependsOn.filter((d) => openIds.has(d));
		pending.set(c, deps.length);
		for (const d of deps) dependants.set(d, [...(dependants.get(d) ?? []), c]);
	}
	const ready = open.filter((c) => pending.get(c) === 0);
	const insertReady = (c: Candidate): void => {
		let lo = 0;
		let hi = ready.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (byRank(ready[mid]!, c) < 0) lo = mid + 1;
			else hi = mid;
		}
		ready.splice(lo, 0, c);
	};
	const due = new Map<string, number>();
	const start = new Map<string, number>();
	const lanes = new Map<string, [number, number][][]>();
	const scheduled = new Set<Candidate>();
	const scheduleOrder: Candidate[] = [];
	while (scheduleOrder.length < open.length) {
		// A dependency cycle (the bank validator rejects them) is broken at its most urgent action.
		const c = ready.shift() ?? open.find((x) => !scheduled.has(x))!;
		if (scheduled.has(c)) continue;
		scheduled.add(c);
		scheduleOrder.push(c);
		for (const d of dependants.get(c.template.id) ?? []) {
			const left = pending.get(d)! - 1;
			pending.set(d, left);
			if (left === 0 && !scheduled.has(d)) insertReady(d);
		}

		let earliest = releaseDay(c);
		for (const d of c.dependsOn) {
			const dd = due.get(d);
			if (dd !== undefined) earliest = Math.max(earliest, dd + 1);
		}
		const days = EFFORT_DAYS[effortOf(c.template)];
		const owner = ownerOf(c);
		let ownerLanes = lanes.get(owner);
		if (!ownerLanes) {
			ownerLanes = Array.from({ length: team.parallelPerOwner }, () => []);
			lanes.set(owner, ownerLanes);
		}
		let bestLane = 0;
		let bestStart = Infinity;
		ownerLanes.forEach((lane, i) => {
			const s = fitIn(lane, earliest, days);
			if (s < bestStart) {
				bestStart = s;
				bestLane = i;
			}
		});
		const lane = ownerLanes[bestLane]!;
		let at = lane.length;
		while (at > 0 && lane[at - 1]![0] > bestStart) at--;
		lane.splice(at, 0, [bestStart, bestStart + days]);
		start.set(c.template.id, bestStart);
		due.set(c.template.id, bestStart + days - 1);
	}

	const info = new Map<string, ActionInfo>();
	const toAction = (c: Candidate): PlanAction => {
		const id = c.template.id;
		const done = isDone(id);
		const s = start.get(id);
		const d = due.get(id);
		info.set(id, {
			appliesBelow: c.appliesBelow,
			kind: c.kind,
			minLevel: c.minLevel,
			key: c.key,
			effectiveRisk: effRisk.get(id)!,
			startDay: done ? null : (s ?? null),
			dueDay: done ? null : (d ?? null)
		});
		return {
			id,
			gapIds: c.gapIds,
			questionIds: c.questionIds,
			criteria: c.criteria,
			action: c.template.action,
			ownerRole: ownerOf(c),
			effort: effortOf(c.template),
			acceptance: [...(c.template.acceptance ?? [])],
			evidence: [...(c.template.evidence ?? [])],
			dependsOn: c.dependsOn,
			quickWin: c.template.quickWin === true,
			kind: c.kind,
			risk: maxRisk(c.risks),
			phase: done || s === undefined ? '0-30' : phaseOf(s),
			start: done || s === undefined ? planStart : addDays(planStart, s),
			due: done || d === undefined ? planStart : addDays(planStart, d),
			done
		};
	};

	const rank = new Map(scheduleOrder.map((c, i) => [c.template.id, i]));
	const openSorted = [...open].sort(
		(a, b) =>
			start.get(a.template.id)! - start.get(b.template.id)! ||
			rank.get(a.template.id)! - rank.get(b.template.id)!
	);
	const doneSorted = ranked.filter((c) => isDone(c.template.id));
	const plan = [...openSorted, ...doneSorted].map(toAction);
	const starterPlan = plan.filter((p) => !p.done && p.phase === '0-30').map((p) => p.id);
	return { plan, starterPlan, info };
}
