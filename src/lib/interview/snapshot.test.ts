/**
 * Stored interview snapshots from files (issue 18): a snapshot whose children or history are
 * missing or of the wrong shape must never reach the machine, which would otherwise end in an
 * 'error' state and leave the interview on "Loading the interview…".
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback } from 'xstate';
import { derivePosition } from './flow';
import { interviewMachine } from './machine';
import { planRestore, storedInterviewProblem, toStoredInterview } from './snapshot';
import { fixtureBank, scopedAssessment } from './test-fixtures';

const bank = fixtureBank();
const machine = interviewMachine.provide({
	actors: { persister: fromCallback(() => () => {}) as never }
});

/** A real stored snapshot at question cc1-board, as JSON (what a file holds). */
function realStored(): { version: number; snapshot: Record<string, unknown> } {
	const actor = createActor(machine, { input: { bank, assessment: scopedAssessment() } }).start();
	actor.send({ type: 'nav.goto', target: { stage: 'maturity', questionId: 'cc1-board' } });
	const stored = JSON.parse(JSON.stringify(toStoredInterview(actor.getPersistedSnapshot())));
	actor.stop();
	return stored;
}

describe('stored interview snapshots', () => {
	it('accepts what the app itself stores, and restores it at the same question', () => {
		const stored = realStored();
		expect(storedInterviewProblem(stored)).toBeNull();
		expect(storedInterviewProblem(null)).toBeNull();
		const plan = planRestore(bank, scopedAssessment({ interview: stored }));
		expect(plan.source).toBe('snapshot');
		const actor = createActor(machine, { input: plan.input, snapshot: plan.snapshot as never });
		expect(actor.getSnapshot().status).toBe('active');
		expect(actor.start().getSnapshot().context.position.questionId).toBe('cc1-board');
		actor.stop();
	});

	const broken: [string, (s: Record<string, unknown>) => unknown][] = [
		['without children', (s) => ({ ...s, children: undefined })],
		['with children null', (s) => ({ ...s, children: null })],
		['with a child that is a number', (s) => ({ ...s, children: { persister: 3 } })],
		['with children as a list', (s) => ({ ...s, children: [] })],
		['with a history that is a number', (s) => ({ ...s, historyValue: 5 })],
		['with a history of strings', (s) => ({ ...s, historyValue: { x: 'y' } })],
		[
			'with a history of ids that are not text',
			(s) => ({ ...s, historyValue: { x: [{ id: 1 }] } })
		],
		['without a context', (s) => ({ ...s, context: 'x' })]
	];

	it.each(broken)(
		'a snapshot %s is refused and the interview starts at the first unanswered question',
		(_what, breakIt) => {
			const good = realStored();
			const stored = JSON.parse(JSON.stringify({ ...good, snapshot: breakIt(good.snapshot) }));
			expect(storedInterviewProblem(stored)).toMatch(/^has /);
			const a = scopedAssessment({ interview: stored });
			const plan = planRestore(bank, a);
			expect(plan.snapshot).toBeUndefined();
			// The position it held is still used when it fits; the machine starts cleanly either way.
			const actor = createActor(machine, { input: plan.input }).start();
			expect(actor.getSnapshot().status).toBe('active');
			expect(actor.getSnapshot().context.position.stage).toBe('maturity');
			actor.stop();
		}
	);

	it('falls back to the first unanswered question when the stored position is unusable too', () => {
		const a = scopedAssessment({
			interview: { version: 1, snapshot: { status: 'active', value: 'maturity', children: 7 } }
		});
		const plan = planRestore(bank, a);
		expect(plan.source).toBe('derived');
		expect(plan.input.position).toEqual(derivePosition(bank, a));
	});

	it.each([
		['a number', 42],
		['text', 'garbage'],
		['a list', []],
		['without a version', { snapshot: {} }],
		['without a snapshot', { version: 1 }]
	])('a stored interview that is %s has a problem', (_what, stored) => {
		expect(storedInterviewProblem(stored)).not.toBeNull();
	});
});
