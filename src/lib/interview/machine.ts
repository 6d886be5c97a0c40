/**
 * The interview machine (XState v5). It owns the position in the interview (one state per
 * stage, the current maturity question in context), the optimistic copy of the assessment the
 * UI renders, and the queue of writes. Every write goes to the `persister` actor (IndexedDB in
 * the app, a fake in tests) one at a time, in order; the UI reports "Saved" only after the
 * persister confirms the commit. Effects are actors, swapped with `.provide()` in tests.
 *
 * Flow rules (what is reachable, where next/back lead) live in `flow.ts` as pure functions;
 * the named guards and actions below call them.
 */
import {
	assertEvent,
	assign,
	enqueueActions,
	fromCallback,
	not,
	sendTo,
	setup,
	type ActorRefFrom
} from 'xstate';
import { preselectedCategories } from '$lib/domain/scope';
import { pendingCarried } from '$lib/domain/carried';
import type {
	Assessment,
	BankCore,
	Cuec,
	MaturityAnswer,
	OptionalCategoryId,
	ProfileAnswer,
	SubserviceOrg
} from '$lib/domain/types';
import {
	blockingIssues,
	derivePosition,
	isValidPosition,
	leaveIssues,
	maturityPath,
	nextPosition,
	normalizePosition,
	previousPosition,
	questionIssues,
	resolveGoto,
	validateMetaField
} from './flow';
import { applyOp, describeOp, sameTarget } from './ops';
import {
	STAGE_LABELS,
	type Conflict,
	type CuecField,
	type GotoTarget,
	type MetaField,
	type Op,
	type PendingWrite,
	type Position,
	type SaveState,
	type Stage,
	type SubserviceField
} from './types';

export interface InterviewContext {
	bank: BankCore;
	/** Last state known to be committed in storage. */
	stored: Assessment;
	/** `stored` with the pending writes applied: what the user sees. */
	assessment: Assessment;
	position: Position;
	pending: PendingWrite[];
	/** Sequence number of the write the persister is working on. */
	inFlight: number | null;
	seq: number;
	save: SaveState;
	/** The refused edit the user is asked about now. */
	conflict: Conflict | null;
	/**
	 * Refused edits of other fields waiting for a decision after `conflict` (in the order they were
	 * refused): a second refusal never replaces the first one, so no typed text is dropped unseen.
	 */
	conflictQueue: Conflict[];
	/** Why the last move was refused (kept current while the user fixes it). */
	blocked: Blocked | null;
	/** The clock that stamps answers and saves (injected in tests; the system clock otherwise). */
	clock?: () => Date;
}

/**
 * A refused move. `leave`: the current stage (or question) cannot be left, `stage` is where the
 * user is; `reach`: the stage asked for (`stage`) is out of reach. `issues` follow the user's
 * edits (the banner lists only what is still missing, and disappears when nothing is); `n`
 * counts refusals, so the screen moves focus to the explanation once per refusal and never
 * when an edit only shortens the list.
 */
export interface Blocked {
	kind: 'leave' | 'reach';
	stage: Stage;
	issues: string[];
	/** The question whose N/A reason is missing, when that is what keeps the user. */
	questionId: string | null;
	n: number;
}

/** What a refusal lists now, with the assessment as it is. */
function blockedIssues(ctx: InterviewContext, kind: Blocked['kind'], stage: Stage): string[] {
	if (kind === 'leave') return leaveIssues(ctx.bank, ctx.assessment, ctx.position);
	const blocking = blockingIssues(ctx.bank, ctx.assessment, stage);
	return blocking.flatMap((b) => b.issues.map((i) => `${STAGE_LABELS[b.stage]}: ${i}`));
}

export interface InterviewInput {
	bank: BankCore;
	assessment: Assessment;
	/** Where to start; invalid or missing positions fall back to one derived from the answers. */
	position?: Position | null;
	/** The clock (tests pass a fixed one so timestamps are deterministic). */
	clock?: () => Date;
}

export type AnswerPatch = Partial<Omit<MaturityAnswer, 'updatedAt'>>;

export type InterviewEvent =
	| { type: 'nav.next' }
	| { type: 'nav.back' }
	| { type: 'nav.goto'; target: GotoTarget }
	| { type: 'meta.set'; field: MetaField; value: unknown; base?: unknown }
	| { type: 'profile.set'; questionId: string; value: ProfileAnswer; base?: ProfileAnswer }
	| { type: 'category.set'; category: OptionalCategoryId; selected: boolean }
	| { type: 'subservice.add'; item: SubserviceOrg }
	| { type: 'subservice.set'; id: string; field: SubserviceField; value: unknown; base?: unknown }
	| { type: 'subservice.remove'; id: string }
	| { type: 'cuec.add'; item: Cuec }
	| { type: 'cuec.set'; id: string; field: CuecField; value: unknown; base?: unknown }
	| { type: 'cuec.remove'; id: string }
	/** Merge `patch` into the answer. `base`: updatedAt the edit started from (text fields). */
	| { type: 'answer.set'; questionId: string; patch: AnswerPatch; base?: string | null }
	| { type: 'answer.clear'; questionId: string }
	| { type: 'answer.confirm'; questionIds: string[] }
	/**
	 * A newer copy of the assessment from storage (another tab, or our own commits); `bank` when
	 * its custom questions changed, so the interview asks the questions the copy carries.
	 */
	| { type: 'external.sync'; assessment: Assessment; bank?: BankCore }
	| { type: 'save.retry' }
	| { type: 'conflict.keepMine' }
	| { type: 'conflict.keepTheirs' }
	| { type: 'blocked.dismiss' }
	| { type: 'persist.done'; seq: number }
	| { type: 'persist.failed'; seq: number; message: string }
	| { type: 'persist.conflict'; seq: number; current: unknown };

/** Messages the machine sends to the persister. */
export type PersisterMessage =
	{ type: 'write'; seq: number; op: Op } | { type: 'position'; position: Position };

/** Until the app provides real storage, every write fails: nothing is ever claimed saved. */
const unconnectedPersister = fromCallback<PersisterMessage>(({ sendBack, receive }) => {
	receive((msg) => {
		if (msg.type === 'write') {
			sendBack({ type: 'persist.failed', seq: msg.seq, message: 'Storage is not connected.' });
		}
	});
});

function nowIso(ctx: Pick<InterviewContext, 'clock'>): string {
	return (ctx.clock?.() ?? new Date()).toISOString();
}

function fold(stored: Assessment, pending: PendingWrite[]): Assessment {
	return pending.reduce((a, p) => applyOp(a, p.op), stored);
}

const EMPTY_ANSWER: Omit<MaturityAnswer, 'updatedAt'> = { value: null, evidence: [] };

/** The op an editing event produces, or null when the event carries nothing valid to store. */
export function opForEvent(ctx: InterviewContext, e: InterviewEvent): Op | null {
	const a = ctx.assessment;
	switch (e.type) {
		case 'meta.set': {
			const value =
				e.value === '' && e.field !== 'organisation' && e.field !== 'assessor' ? null : e.value;
			if (validateMetaField(e.field, value, { ...a.meta })) return null;
			const base = 'base' in e ? e.base : a.meta[e.field];
			return {
				kind: 'meta',
				field: e.field,
				value: typeof value === 'string' ? value.trim() : value,
				base
			};
		}
		case 'profile.set': {
			if (!ctx.bank.profileQuestions.some((q) => q.id === e.questionId)) return null;
			const base = 'base' in e ? e.base : a.profile[e.questionId];
			return { kind: 'profile', questionId: e.questionId, value: e.value, base };
		}
		case 'category.set':
			return { kind: 'category', category: e.category, selected: e.selected };
		case 'subservice.add':
			return { kind: 'subservice.add', item: e.item };
		case 'subservice.set': {
			const item = a.subservices.find((s) => s.id === e.id);
			if (!item) return null;
			const base = 'base' in e ? e.base : item[e.field];
			return { kind: 'subservice.field', id: e.id, field: e.field, value: e.value, base };
		}
		case 'subservice.remove':
			return { kind: 'subservice.remove', id: e.id };
		case 'cuec.add':
			return { kind: 'cuec.add', item: e.item };
		case 'cuec.set': {
			const item = a.cuecs.find((c) => c.id === e.id);
			if (!item) return null;
			const base = 'base' in e ? e.base : item[e.field];
			return { kind: 'cuec.field', id: e.id, field: e.field, value: e.value, base };
		}
		case 'cuec.remove':
			return { kind: 'cuec.remove', id: e.id };
		case 'answer.set': {
			if (!ctx.bank.questions.some((q) => q.id === e.questionId)) return null;
			const prev = a.answers[e.questionId];
			const merged: MaturityAnswer = {
				...EMPTY_ANSWER,
				...prev,
				...e.patch,
				evidence: e.patch.evidence ?? prev?.evidence ?? [],
				updatedAt: nowIso(ctx)
			};
			if (merged.value !== 'na') delete merged.naReason;
			if (prev && prev.updatedAt >= merged.updatedAt) {
				// Two edits in the same millisecond: keep timestamps strictly increasing.
				merged.updatedAt = new Date(Date.parse(prev.updatedAt) + 1).toISOString();
			}
			const base = 'base' in e && e.base !== undefined ? e.base : (prev?.updatedAt ?? null);
			return { kind: 'answer', questionId: e.questionId, answer: merged, base };
		}
		case 'answer.confirm': {
			const questionIds = pendingCarried(a, e.questionIds);
			if (!questionIds.length) return null;
			return { kind: 'confirm', questionIds, at: nowIso(ctx) };
		}
		case 'answer.clear': {
			const prev = a.answers[e.questionId];
			if (!prev) return null;
			return { kind: 'answer', questionId: e.questionId, answer: null, base: prev.updatedAt };
		}
		default:
			return null;
	}
}

/** The op that re-applies "mine" after a conflict, based on the newer stored value. */
function rebase(ctx: InterviewContext, op: Op, theirs: unknown): Op {
	if (op.kind === 'answer') {
		const t = theirs as MaturityAnswer | null;
		const now = nowIso(ctx);
		const answer = op.answer
			? {
					...op.answer,
					updatedAt:
						now > (t?.updatedAt ?? '') ? now : new Date(Date.parse(t!.updatedAt) + 1).toISOString()
				}
			: null;
		return { ...op, answer, base: t?.updatedAt ?? null };
	}
	if ('base' in op) return { ...op, base: theirs } as Op;
	return op;
}

/** Put a value found in storage back into an assessment (after a conflict). */
function withStoredValue(a: Assessment, op: Op, current: unknown): Assessment {
	switch (op.kind) {
		case 'answer':
			return applyOp(a, { ...op, answer: (current as MaturityAnswer | null) ?? null });
		case 'meta':
		case 'profile':
		case 'subservice.field':
		case 'cuec.field':
			return applyOp(a, { ...op, value: current } as Op);
		default:
			return a;
	}
}

/** The save state once more writes are queued: an error or a refused edit stays visible. */
function settled(pending: PendingWrite[], save: SaveState): SaveState {
	if (!pending.length) return save;
	return save.status === 'error' || save.status === 'conflict'
		? save
		: { ...save, status: 'saving' };
}

/** The save state when nothing is left to write (or the queue moves on after a commit). */
function resting(
	pending: PendingWrite[],
	conflict: Conflict | null,
	at: string | null,
	saved: 'saved' | 'idle'
): SaveState {
	if (conflict) return { status: 'conflict', message: null, at };
	return { status: pending.length ? 'saving' : saved, message: null, at };
}

export const interviewMachine = setup({
	types: {
		context: {} as InterviewContext,
		events: {} as InterviewEvent,
		input: {} as InterviewInput
	},
	actors: {
		persister: unconnectedPersister
	},
	guards: {
		/** The current stage has nothing left that blocks moving on. */
		canLeave: ({ context }) =>
			leaveIssues(context.bank, context.assessment, context.position).length === 0,
		/** The current question is not left with an N/A that has no reason. */
		questionSettled: ({ context }) =>
			questionIssues(context.bank, context.assessment, context.position).length === 0,
		/** The requested stage/area/question is reachable now. */
		canGoto: ({ context, event }) =>
			event.type === 'nav.goto' &&
			resolveGoto(context.bank, context.assessment, event.target) !== null,
		/** The routing state picks the state that matches the position. */
		atStage: ({ context }, params: { stage: Stage }) => context.position.stage === params.stage,
		/** With the newer copy from storage, the current question still applies. */
		positionStillValid: ({ context, event }) => {
			if (context.position.stage !== 'maturity') return true;
			const sync = event.type === 'external.sync';
			const a = sync ? fold(event.assessment, context.pending) : context.assessment;
			const bank = (sync && event.bank) || context.bank;
			const id = context.position.questionId;
			return id !== null && maturityPath(bank, a).includes(id);
		},
		hasConflict: ({ context }) => context.conflict !== null,
		categoriesUnconfirmed: ({ context }) => !context.assessment.categoriesConfirmed
	},
	actions: {
		/** Turn an editing event into an op, apply it optimistically and queue it. */
		record: assign(({ context, event }) => {
			const op = opForEvent(context, event);
			if (!op) return {};
			const pending = [...context.pending, { seq: context.seq, op }];
			const assessment = applyOp(context.assessment, op);
			let blocked = context.blocked;
			if (blocked) {
				const issues = blockedIssues({ ...context, assessment }, blocked.kind, blocked.stage);
				blocked = issues.length ? { ...blocked, issues } : null;
			}
			return {
				pending,
				seq: context.seq + 1,
				assessment,
				blocked,
				save: settled(pending, context.save)
			};
		}),
		/** Send the head of the queue to the persister when nothing is in flight. */
		flush: enqueueActions(({ context, enqueue }) => {
			if (context.inFlight !== null) return;
			const head = context.pending[0];
			if (!head) return;
			enqueue.assign({ inFlight: head.seq });
			enqueue.sendTo('persister', {
				type: 'write',
				seq: head.seq,
				op: head.op
			} satisfies PersisterMessage);
		}),
		/** A write committed. */
		settle: assign(({ context, event }) => {
			assertEvent(event, 'persist.done');
			const done = context.pending.find((p) => p.seq === event.seq);
			const pending = context.pending.filter((p) => p.seq !== event.seq);
			const stored = done ? applyOp(context.stored, done.op) : context.stored;
			return {
				pending,
				stored,
				inFlight: null,
				save: resting(pending, context.conflict, nowIso(context), 'saved')
			};
		}),
		/** A write failed: keep it queued (the user's edit is still on screen) and say so. */
		fail: assign(({ event }) => {
			assertEvent(event, 'persist.failed');
			return {
				inFlight: null,
				save: { status: 'error' as const, message: event.message, at: null }
			};
		}),
		/**
		 * A stale edit was refused: drop it (and queued edits of the same field), show both, and
		 * say "not saved" until the user decides.
		 */
		refuse: assign(({ context, event }) => {
			assertEvent(event, 'persist.conflict');
			const refused = context.pending.find((p) => p.seq === event.seq);
			if (!refused) return { inFlight: null };
			const after = context.pending.filter((p) => p.seq !== event.seq);
			const chain = after.filter((p) => sameTarget(p.op, refused.op));
			const pending = after.filter((p) => !sameTarget(p.op, refused.op));
			const mine = chain.length ? chain[chain.length - 1]!.op : refused.op;
			const stored = withStoredValue(context.stored, refused.op, event.current);
			const assessment = fold(stored, pending);
			const refusedNow: Conflict = {
				op: mine,
				label: describeOp(context.bank, assessment, mine),
				theirs: event.current
			};
			// The newest refusal of a field supersedes an older one of the same field (it holds the
			// latest "mine"); refusals of other fields wait their turn.
			const waiting = [context.conflict, ...context.conflictQueue].filter(
				(c): c is Conflict => c !== null && !sameTarget(c.op, mine)
			);
			const conflict = waiting[0] ?? refusedNow;
			const conflictQueue = waiting.length ? [...waiting.slice(1), refusedNow] : [];
			return {
				pending,
				stored,
				assessment,
				inFlight: null,
				conflict,
				conflictQueue,
				save: resting(pending, conflict, context.save.at, 'idle')
			};
		}),
		keepMine: assign(({ context }) => {
			if (!context.conflict) return {};
			const op = rebase(context, context.conflict.op, context.conflict.theirs);
			const pending = [...context.pending, { seq: context.seq, op }];
			const [next = null, ...conflictQueue] = context.conflictQueue;
			return {
				conflict: next,
				conflictQueue,
				pending,
				seq: context.seq + 1,
				assessment: applyOp(context.assessment, op),
				save:
					context.save.status === 'error'
						? context.save
						: resting(pending, next, context.save.at, 'idle')
			};
		}),
		/** The newer stored value stays (it is already what the user sees); nothing to write. */
		keepTheirs: assign(({ context }) => {
			const [next = null, ...conflictQueue] = context.conflictQueue;
			return {
				conflict: next,
				conflictQueue,
				save:
					context.save.status === 'conflict'
						? resting(context.pending, next, context.save.at, 'idle')
						: context.save
			};
		}),
		retry: assign(({ context }) => ({
			save: resting(context.pending, context.conflict, context.save.at, 'idle')
		})),
		/** Take a newer stored copy; pending edits stay applied on top of it. */
		sync: assign(({ context, event }) => {
			assertEvent(event, 'external.sync');
			const stored = event.assessment;
			return {
				stored,
				assessment: fold(stored, context.pending),
				...(event.bank ? { bank: event.bank } : {})
			};
		}),
		normalize: assign(({ context }) => ({
			position: normalizePosition(context.bank, context.assessment, context.position)
		})),
		advance: assign(({ context }) => ({
			position: nextPosition(context.bank, context.assessment, context.position),
			blocked: null
		})),
		retreat: assign(({ context }) => ({
			position: previousPosition(context.bank, context.assessment, context.position),
			blocked: null
		})),
		jump: assign(({ context, event }) => {
			assertEvent(event, 'nav.goto');
			const position = resolveGoto(context.bank, context.assessment, event.target);
			return position ? { position, blocked: null } : {};
		}),
		reportBlocked: assign(({ context }) => {
			const unsettled = questionIssues(context.bank, context.assessment, context.position);
			return {
				blocked: {
					kind: 'leave' as const,
					stage: context.position.stage,
					issues: blockedIssues(context, 'leave', context.position.stage),
					questionId: unsettled.length ? context.position.questionId : null,
					n: (context.blocked?.n ?? 0) + 1
				}
			};
		}),
		reportUnreachable: assign(({ context, event }) => {
			assertEvent(event, 'nav.goto');
			const issues = blockedIssues(context, 'reach', event.target.stage);
			const qid = event.target.questionId;
			const retired = context.assessment.customQuestions?.some((q) => q.id === qid && q.retired);
			return {
				blocked: {
					kind: 'reach' as const,
					stage: event.target.stage,
					issues: issues.length
						? issues
						: [
								retired
									? 'That custom question was retired: it is no longer asked. Its answers stay in the history.'
									: 'That question does not apply to the scope you described.'
							],
					questionId: null,
					n: (context.blocked?.n ?? 0) + 1
				}
			};
		}),
		dismissBlocked: assign({ blocked: null }),
		/** Leaving the TSC stage forward confirms the selection (suggestions stop auto-applying). */
		confirmCategories: assign(({ context }) => {
			if (context.position.stage !== 'tsc' || context.assessment.categoriesConfirmed) return {};
			const op: Op = { kind: 'categoriesConfirmed', value: true };
			const pending = [...context.pending, { seq: context.seq, op }];
			return {
				pending,
				seq: context.seq + 1,
				assessment: applyOp(context.assessment, op),
				save: settled(pending, context.save)
			};
		}),
		/** Choosing a category by hand is a decision: suggestions stop auto-applying. */
		confirmOnToggle: assign(({ context }) => {
			if (context.assessment.categoriesConfirmed) return {};
			const op: Op = { kind: 'categoriesConfirmed', value: true };
			const pending = [...context.pending, { seq: context.seq, op }];
			return { pending, seq: context.seq + 1, assessment: applyOp(context.assessment, op) };
		}),
		/**
		 * Until the user decides, the selection follows the categories buyers asked for (their
		 * own answer); suggestions from other signals are shown, never ticked for them.
		 */
		applySuggestions: assign(({ context }) => {
			if (context.assessment.categoriesConfirmed) return {};
			const strong = new Set(preselectedCategories(context.bank, context.assessment));
			let pending = context.pending;
			let seq = context.seq;
			let assessment = context.assessment;
			for (const category of [
				'availability',
				'confidentiality',
				'processing-integrity',
				'privacy'
			] as const) {
				const selected = strong.has(category);
				if (assessment.categories.includes(category) === selected) continue;
				const op: Op = { kind: 'category', category, selected };
				pending = [...pending, { seq, op }];
				seq += 1;
				assessment = applyOp(assessment, op);
			}
			if (pending === context.pending) return {};
			return { pending, seq, assessment, save: settled(pending, context.save) };
		}),
		persistPosition: sendTo('persister', ({ context }) => ({
			type: 'position' as const,
			position: context.position
		}))
	}
}).createMachine({
	id: 'interview',
	context: ({ input }) => {
		const position =
			input.position && isValidPosition(input.bank, input.assessment, input.position)
				? input.position
				: derivePosition(input.bank, input.assessment);
		return {
			bank: input.bank,
			stored: input.assessment,
			assessment: input.assessment,
			position: { stage: position.stage, questionId: position.questionId ?? null },
			pending: [],
			inFlight: null,
			seq: 1,
			save: { status: 'idle', message: null, at: null },
			conflict: null,
			conflictQueue: [],
			blocked: null,
			...(input.clock ? { clock: input.clock } : {})
		};
	},
	invoke: { id: 'persister', src: 'persister' },
	initial: 'routing',
	on: {
		'nav.next': [
			{
				guard: 'canLeave',
				target: '.routing',
				actions: ['confirmCategories', 'flush', 'advance', 'persistPosition']
			},
			{ actions: 'reportBlocked' }
		],
		'nav.back': [
			{ guard: 'questionSettled', target: '.routing', actions: ['retreat', 'persistPosition'] },
			{ actions: 'reportBlocked' }
		],
		'nav.goto': [
			{ guard: not('questionSettled'), actions: 'reportBlocked' },
			{ guard: 'canGoto', target: '.routing', actions: ['jump', 'persistPosition'] },
			{ actions: 'reportUnreachable' }
		],
		'meta.set': { actions: ['record', 'flush'] },
		'profile.set': { actions: ['record', 'flush'] },
		'category.set': { actions: ['record', 'confirmOnToggle', 'flush'] },
		'subservice.add': { actions: ['record', 'flush'] },
		'subservice.set': { actions: ['record', 'flush'] },
		'subservice.remove': { actions: ['record', 'flush'] },
		'cuec.add': { actions: ['record', 'flush'] },
		'cuec.set': { actions: ['record', 'flush'] },
		'cuec.remove': { actions: ['record', 'flush'] },
		'answer.set': { actions: ['record', 'flush'] },
		'answer.clear': { actions: ['record', 'flush'] },
		'answer.confirm': { actions: ['record', 'flush'] },
		'external.sync': [
			{ guard: 'positionStillValid', actions: 'sync' },
			{ target: '.routing', actions: ['sync', 'normalize', 'persistPosition'] }
		],
		'persist.done': { actions: ['settle', 'flush'] },
		'persist.failed': { actions: 'fail' },
		'persist.conflict': { actions: ['refuse', 'flush'] },
		'save.retry': { actions: ['retry', 'flush'] },
		'conflict.keepMine': { guard: 'hasConflict', actions: ['keepMine', 'flush'] },
		'conflict.keepTheirs': { actions: 'keepTheirs' },
		'blocked.dismiss': { actions: 'dismissBlocked' }
	},
	states: {
		routing: {
			always: [
				{ guard: { type: 'atStage', params: { stage: 'start' } }, target: 'start' },
				{ guard: { type: 'atStage', params: { stage: 'profile' } }, target: 'profile' },
				{ guard: { type: 'atStage', params: { stage: 'scope' } }, target: 'scope' },
				{ guard: { type: 'atStage', params: { stage: 'subservices' } }, target: 'subservices' },
				{ guard: { type: 'atStage', params: { stage: 'tsc' } }, target: 'tsc' },
				{ guard: { type: 'atStage', params: { stage: 'cuecs' } }, target: 'cuecs' },
				{ guard: { type: 'atStage', params: { stage: 'maturity' } }, target: 'maturity' },
				{ guard: { type: 'atStage', params: { stage: 'review' } }, target: 'review' },
				{ target: 'results' }
			]
		},
		start: {},
		profile: {},
		scope: {},
		subservices: {},
		tsc: {
			entry: [{ type: 'applySuggestions' }, { type: 'flush' }]
		},
		cuecs: {},
		maturity: {},
		review: {},
		results: {}
	}
});

export type InterviewMachine = typeof interviewMachine;
export type InterviewActor = ActorRefFrom<InterviewMachine>;
