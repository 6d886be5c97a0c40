/**
 * Types of the interview flow: stages, the position inside the interview, and the small,
 * field-level write operations ("ops") the interview produces.
 *
 * Ops are idempotent ("set this field to that value", "remove that item") so that re-applying
 * a pending op on top of a newer copy from another tab is harmless, and each op that edits a
 * value carries the value the edit was based on (`base`) so a stale edit is detected instead of
 * silently overwriting what another tab saved in the meantime.
 */
import type {
	AssessmentMeta,
	Cuec,
	MaturityAnswer,
	OptionalCategoryId,
	ProfileAnswer,
	SubserviceOrg
} from '$lib/domain/types';

export const STAGES = [
	'start',
	'profile',
	'scope',
	'subservices',
	'tsc',
	'cuecs',
	'maturity',
	'review',
	'results'
] as const;

export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
	start: 'Start',
	profile: 'Company profile',
	scope: 'Scope & system',
	subservices: 'Subservice organisations',
	tsc: 'Trust Services Criteria',
	cuecs: 'User entity controls',
	maturity: 'Control maturity',
	review: 'Review',
	results: 'Results'
};

/** Where the user is. `questionId` is set only in the maturity stage. */
export interface Position {
	stage: Stage;
	questionId: string | null;
}

/** Where the user asks to go (sidebar, review links, presenter). */
export interface GotoTarget {
	stage: Stage;
	questionId?: string | null;
	/** Maturity area id: jump to the first unanswered (or first) applicable question there. */
	area?: string | null;
}

export type MetaField = Exclude<keyof AssessmentMeta, never>;
export type SubserviceField = Exclude<keyof SubserviceOrg, 'id'>;
export type CuecField = Exclude<keyof Cuec, 'id' | 'templateId'>;

export type Op =
	| { kind: 'meta'; field: MetaField; value: unknown; base: unknown }
	| { kind: 'profile'; questionId: string; value: ProfileAnswer; base: ProfileAnswer | undefined }
	| { kind: 'category'; category: OptionalCategoryId; selected: boolean }
	| { kind: 'categoriesConfirmed'; value: boolean }
	| { kind: 'subservice.add'; item: SubserviceOrg }
	| { kind: 'subservice.field'; id: string; field: SubserviceField; value: unknown; base: unknown }
	| { kind: 'subservice.remove'; id: string }
	| { kind: 'cuec.add'; item: Cuec }
	| { kind: 'cuec.field'; id: string; field: CuecField; value: unknown; base: unknown }
	| { kind: 'cuec.remove'; id: string }
	/** `base` is the `updatedAt` of the answer the edit was made on (null: there was none). */
	| { kind: 'answer'; questionId: string; answer: MaturityAnswer | null; base: string | null }
	/** Confirm carried answers of a re-assessment as still true (one question, or an area). */
	| { kind: 'confirm'; questionIds: string[]; at: string };

export interface PendingWrite {
	seq: number;
	op: Op;
}

/**
 * `conflict`: an edit was refused because another tab saved a newer value first; it stays so
 * until the user decides (keep theirs or use mine), even while other edits keep saving.
 */
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error' | 'conflict';

export interface SaveState {
	status: SaveStatus;
	/** Error text when status is 'error'. */
	message: string | null;
	/** ISO time of the last committed write. */
	at: string | null;
}

/** A stale edit the store refused: someone (another tab) saved a newer value first. */
export interface Conflict {
	/** The edit that was not saved. */
	op: Op;
	/** Human description, e.g. "the note on “MFA everywhere”". */
	label: string;
	/** The newer value found in storage. */
	theirs: unknown;
}

/** What the persister reports back for one write. */
export type PersistResult =
	/** `revision`: the assessment's revision after this commit. */
	{ ok: true; revision: number } | { ok: false; conflict: true; current: unknown };

/** Stored form of the interview position (`assessment.interview`). */
export interface StoredInterview {
	version: number;
	snapshot: unknown;
}
