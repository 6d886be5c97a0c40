/**
 * Stage navigation of the interview screen (both views): moving a whole stage at a time
 * (Alt+PageUp / Alt+PageDown, plain in the presenter view) and the link back to the interview
 * at the same place. Stage order comes from `STAGES`, and every move goes
 * through the interview machine, which decides what is reachable.
 */
import { STAGES, type Position, type Stage } from '$lib/interview/types';
import { isTypingTarget } from './keys';

/**
 * What moving one stage forward or back means in machine events. Outside the maturity stage
 * that is "next"/"back" (so leaving a stage is checked, and leaving the TSC stage confirms the
 * selection, exactly as in the interview). Inside it, next/back move one question, so the
 * presenter asks for the neighbouring stage instead.
 */
export type StageMove = { kind: 'next' } | { kind: 'back' } | { kind: 'goto'; stage: Stage };

export function stageMove(stage: Stage, dir: 1 | -1): StageMove | null {
	const i = STAGES.indexOf(stage);
	const target = STAGES[i + dir];
	if (!target) return null;
	if (stage === 'maturity') return { kind: 'goto', stage: target };
	return dir === 1 ? { kind: 'next' } : { kind: 'back' };
}

export interface StageKeyHandlers {
	move: (dir: 1 | -1) => void;
}

/**
 * Alt+PageDown / Alt+PageUp move a whole stage in both views; the presenter view also takes
 * plain PageDown / PageUp (nothing scrolls there). Not while the user is typing in a field.
 */
export function handleStageKey(
	e: KeyboardEvent,
	h: StageKeyHandlers,
	opts: { plain?: boolean } = {}
): boolean {
	if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.shiftKey) return false;
	if (e.key !== 'PageDown' && e.key !== 'PageUp') return false;
	if (!e.altKey && !opts.plain) return false;
	if (isTypingTarget(e.target)) return false;
	e.preventDefault();
	h.move(e.key === 'PageDown' ? 1 : -1);
	return true;
}

/** The interview URL (without base path) that opens at `position`. */
export function interviewPathAt(id: string, position: Position | null): string {
	const base = `/interview?id=${encodeURIComponent(id)}`;
	if (!position) return base;
	if (position.stage === 'maturity' && position.questionId) {
		return `${base}&q=${encodeURIComponent(position.questionId)}`;
	}
	return `${base}&stage=${position.stage}`;
}

/** "Step 3 of 9" for the room. */
export function stepText(stage: Stage): string {
	return `Step ${STAGES.indexOf(stage) + 1} of ${STAGES.length}`;
}
