/**
 * Test helper (assessments.svelte.test.ts): the list state created in an effect root of the
 * same Svelte runtime as the state module, so a test can import both fresh (`vi.resetModules`).
 */
import { AssessmentListState } from './assessments.svelte';

export function startListState(): { state: AssessmentListState; stop: () => void } {
	let state!: AssessmentListState;
	const stop = $effect.root(() => {
		state = new AssessmentListState();
	});
	return { state, stop };
}
