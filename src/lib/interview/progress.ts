/**
 * Progress and review lists of the interview, derived from (bank, assessment).
 */
import { questionApplicability, type QuestionApplicability } from '$lib/domain/scope';
import type { Area, Assessment, BankCore, QuestionCore } from '$lib/domain/types';
import { selectedAreas, stageIssues } from './flow';
import type { Stage } from './types';

export interface AreaProgress {
	area: Area;
	/** Applicable questions answered (any value, including don't know and N/A). */
	answered: number;
	/** Applicable questions. */
	total: number;
	/** Questions of the area skipped by applicability rules. */
	skipped: number;
	questionIds: string[];
}

export interface Progress {
	areas: AreaProgress[];
	answered: number;
	total: number;
	/** 0–100, rounded down so 100 means really everything. */
	percent: number;
}

export function isAnswered(a: Assessment, questionId: string): boolean {
	const v = a.answers[questionId]?.value;
	return v !== null && v !== undefined;
}

export function progress(
	bank: BankCore,
	a: Assessment,
	appl = questionApplicability(bank, a)
): Progress {
	const areas = selectedAreas(bank, a).map((area): AreaProgress => {
		const own = appl.filter((x) => x.question.area === area.id);
		const applicable = own.filter((x) => x.applicable).map((x) => x.question.id);
		return {
			area,
			answered: applicable.filter((id) => isAnswered(a, id)).length,
			total: applicable.length,
			skipped: own.length - applicable.length,
			questionIds: applicable
		};
	});
	const answered = areas.reduce((n, x) => n + x.answered, 0);
	const total = areas.reduce((n, x) => n + x.total, 0);
	return { areas, answered, total, percent: total ? Math.floor((answered / total) * 100) : 0 };
}

/**
 * Progress after answers changed, from the progress before: only the questions whose answer
 * changed are looked at, and an area's counts change only when one of its questions went from
 * unanswered to answered or back. `prev` must be the progress of `before` with the same
 * applicability (the same scope): the answers are all that differ. Returns `prev` itself when
 * no count changed, and keeps every unchanged area's object, so that what shows the counts (the
 * sidebar, the presenter's header) is not updated at all for a change of level.
 */
export function updateProgress(prev: Progress, before: Assessment, after: Assessment): Progress {
	if (before.answers === after.answers) return prev;
	let areas: AreaProgress[] | null = null;
	const changed = (id: string) => {
		if (before.answers[id] === after.answers[id]) return;
		const d = Number(isAnswered(after, id)) - Number(isAnswered(before, id));
		if (!d) return;
		const i = prev.areas.findIndex((x) => x.questionIds.includes(id));
		if (i < 0) return; // not applicable (or not asked): not counted
		areas ??= [...prev.areas];
		const area = areas[i]!;
		areas[i] = { ...area, answered: area.answered + d };
	};
	for (const id in after.answers) changed(id);
	for (const id in before.answers) if (!(id in after.answers)) changed(id);
	if (!areas) return prev;
	const list: AreaProgress[] = areas;
	const answered = list.reduce((n, x) => n + x.answered, 0);
	const total = prev.total;
	return {
		areas: list,
		answered,
		total,
		percent: total ? Math.floor((answered / total) * 100) : 0
	};
}

/**
 * True when two versions of an assessment differ at most in their answers (and this device's
 * interview position and modification time): everything the interview's scope, stages and
 * applicability are derived from is the same, object for object.
 */
export function sameOutsideAnswers(a: Assessment, b: Assessment): boolean {
	if (a === b) return true;
	const ignore = new Set(['answers', 'interview', 'updatedAt']);
	const ka = Object.keys(a) as (keyof Assessment)[];
	const kb = Object.keys(b);
	if (ka.length !== kb.length) return false;
	for (const k of ka) {
		if (ignore.has(k)) continue;
		if (!(k in b) || a[k] !== b[k]) return false;
	}
	return true;
}

export interface ReviewItem {
	question: QuestionCore;
	/** Extra text to show (the note, the reason it was skipped…). */
	detail?: string;
}

export interface ReviewLists {
	unanswered: ReviewItem[];
	unknown: ReviewItem[];
	naWithoutReason: ReviewItem[];
	withNotes: ReviewItem[];
	skipped: ReviewItem[];
	/** Stages before the maturity questions with something left to fix. */
	stageIssues: { stage: Stage; issues: string[] }[];
}

export function reviewLists(
	bank: BankCore,
	a: Assessment,
	appl: QuestionApplicability<QuestionCore>[] = questionApplicability(bank, a)
): ReviewLists {
	const out: ReviewLists = {
		unanswered: [],
		unknown: [],
		naWithoutReason: [],
		withNotes: [],
		skipped: [],
		stageIssues: []
	};
	const areaIds = new Set(selectedAreas(bank, a).map((x) => x.id));
	for (const { question, applicable, skipReason } of appl) {
		if (!applicable) {
			if (areaIds.has(question.area)) out.skipped.push({ question, detail: skipReason ?? '' });
			continue;
		}
		const ans = a.answers[question.id];
		const value = ans?.value ?? null;
		if (value === null) out.unanswered.push({ question });
		else if (value === 'unknown') out.unknown.push({ question });
		else if (value === 'na' && !ans?.naReason?.trim()) out.naWithoutReason.push({ question });
		if (ans?.note?.trim()) out.withNotes.push({ question, detail: ans.note.trim() });
	}
	for (const stage of ['start', 'profile', 'scope', 'subservices', 'cuecs'] as const) {
		const issues = stageIssues(bank, a, stage);
		if (issues.length) out.stageIssues.push({ stage, issues });
	}
	return out;
}
