/**
 * Storing and restoring the interview machine's snapshot in `assessment.interview`.
 *
 * The stored form is `{ version, snapshot }` where `snapshot` is the machine's persisted
 * snapshot (`actor.getPersistedSnapshot()`) with the bulky, re-derivable parts of the context
 * removed: the bank and the assessment are loaded fresh, and the write queue is never resumed
 * from a snapshot (writes are committed or reported as failed before we claim anything).
 * An unknown or older version, or a damaged snapshot (`storedInterviewProblem`: e.g. an imported
 * file with its children or history missing), falls back to a position derived from the stored
 * answers; a current one whose question no longer applies moves to the next one.
 */
import type { AnyMachineSnapshot, Snapshot } from 'xstate';
import type { Assessment, BankCore } from '$lib/domain/types';
import { derivePosition, isValidPosition, normalizePosition } from './flow';
import type { InterviewContext, InterviewInput } from './machine';
import { STAGES, type Position, type StoredInterview } from './types';

/** Bump when the machine's states or stored context change shape. */
export const INTERVIEW_SNAPSHOT_VERSION = 1;

interface PersistedLike {
	status?: unknown;
	value?: unknown;
	context?: Partial<InterviewContext> & Record<string, unknown>;
	[k: string]: unknown;
}

/** The stored form of a persisted machine snapshot (context reduced to the position). */
export function toStoredInterview(persisted: unknown): StoredInterview {
	const p = (persisted ?? {}) as PersistedLike;
	const position = p.context?.position ?? null;
	return {
		version: INTERVIEW_SNAPSHOT_VERSION,
		snapshot: { ...p, context: { position } }
	};
}

/**
 * The stored form of the machine's current snapshot: the same as
 * `toStoredInterview(actor.getPersistedSnapshot())`, but XState is given the snapshot with its
 * context already reduced to the place. Its `getPersistedSnapshot` walks the whole context
 * looking for actor references (the bank and the assessment: ≈ 30 ms at 4× CPU, on every move),
 * and only the place is kept anyway.
 */
export function storedInterviewOf(snapshot: AnyMachineSnapshot): StoredInterview {
	const slim = { ...snapshot, context: { position: snapshot.context.position ?? null } };
	return toStoredInterview(snapshot.machine.getPersistedSnapshot(slim as AnyMachineSnapshot));
}

/** The position recorded in a stored interview, if it can be read at all. */
export function storedPosition(stored: unknown): Position | null {
	if (!stored || typeof stored !== 'object') return null;
	const snap = (stored as { snapshot?: PersistedLike }).snapshot;
	const pos = snap?.context?.position as Position | undefined;
	if (!pos || typeof pos !== 'object' || !STAGES.includes(pos.stage)) return null;
	return {
		stage: pos.stage,
		questionId: typeof pos.questionId === 'string' ? pos.questionId : null
	};
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Why a stored interview (`assessment.interview`) cannot be handed to the interview machine, or
 * null when it can. Checks the parts the machine itself reads when it restores: a status, a
 * state value, a context, `children` (the invoked actors, each with its `src` and snapshot) and
 * `historyValue` (lists of state-node references).
 */
export function storedInterviewProblem(stored: unknown): string | null {
	if (stored === null || stored === undefined) return null;
	if (!isPlainObject(stored)) return 'is not an object';
	if (typeof stored.version !== 'number' || !Number.isInteger(stored.version)) {
		return 'has no version';
	}
	const snap = stored.snapshot;
	if (!isPlainObject(snap)) return 'has no snapshot';
	if (typeof snap.status !== 'string') return 'has no status';
	if (typeof snap.value !== 'string') return 'has no state';
	if (!isPlainObject(snap.context)) return 'has no context';
	if (!isPlainObject(snap.children)) return 'has no children';
	for (const child of Object.values(snap.children)) {
		if (!isPlainObject(child) || typeof child.src !== 'string' || !isPlainObject(child.snapshot)) {
			return 'has a child of the wrong shape';
		}
	}
	if (snap.historyValue !== undefined) {
		if (!isPlainObject(snap.historyValue)) return 'has a history of the wrong shape';
		for (const nodes of Object.values(snap.historyValue)) {
			if (
				!Array.isArray(nodes) ||
				!nodes.every((n) => isPlainObject(n) && typeof n.id === 'string')
			) {
				return 'has a history of the wrong shape';
			}
		}
	}
	return null;
}

export interface RestorePlan {
	input: InterviewInput;
	/** Persisted snapshot to hand to `createActor(machine, { snapshot })`, when usable. */
	snapshot?: Snapshot<unknown>;
	/** How the position was found (for tests and diagnostics). */
	source: 'snapshot' | 'derived';
}

/**
 * How to start the interview actor for an assessment: from its stored snapshot when that is
 * of the current version and still valid, otherwise from a position derived from the answers.
 */
export function planRestore(bank: BankCore, assessment: Assessment): RestorePlan {
	const stored = assessment.interview as StoredInterview | null | undefined;
	const input: InterviewInput = { bank, assessment, position: null };
	const snap = stored?.snapshot as PersistedLike | undefined;
	const pos = storedPosition(stored);
	if (
		stored &&
		stored.version === INTERVIEW_SNAPSHOT_VERSION &&
		storedInterviewProblem(stored) === null &&
		snap &&
		snap.status === 'active' &&
		typeof snap.value === 'string' &&
		pos &&
		snap.value === pos.stage &&
		isValidPosition(bank, assessment, pos)
	) {
		const context: InterviewContext = {
			bank,
			stored: assessment,
			assessment,
			position: pos,
			pending: [],
			inFlight: null,
			seq: 1,
			save: { status: 'idle', message: null, at: null },
			conflict: null,
			conflictQueue: [],
			blocked: null
		};
		return {
			input,
			snapshot: { ...snap, context } as unknown as Snapshot<unknown>,
			source: 'snapshot'
		};
	}
	// Current version but the position no longer fits the data (e.g. the question stopped
	// applying in another tab): move to the nearest valid place after it.
	if (pos && stored?.version === INTERVIEW_SNAPSHOT_VERSION) {
		const normal = normalizePosition(bank, assessment, pos);
		if (isValidPosition(bank, assessment, normal)) {
			return { input: { ...input, position: normal }, source: 'derived' };
		}
	}
	return { input: { ...input, position: derivePosition(bank, assessment) }, source: 'derived' };
}
