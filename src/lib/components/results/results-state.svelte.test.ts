/**
 * The results page writes plan ticks through one command each: two quick ticks on different
 * rows (or a tick and "clear all") never overwrite each other (issue #16: the old code read the
 * assessment and rewrote all of planOverrides, so `Promise.all([setDone('a'), setDone('b')])`
 * kept only one of them).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadinessDB, createAssessment, getAssessment, setDb } from '$lib/db';
import { ResultsState } from './results.svelte';

let database: ReadinessDB;
let n = 0;
beforeEach(() => {
	database = new ReadinessDB(`results-state-${n++}`);
	setDb(database);
});
afterEach(async () => {
	setDb(null);
	await database.delete();
});

const meta = {
	organisation: 'Acme',
	assessor: 'Dana',
	assessmentDate: '2026-03-02',
	targetReportDate: null
};

async function results(): Promise<ResultsState> {
	const a = await createAssessment(meta);
	const s = new ResultsState(a.id, '2026-03-02');
	s.assessment = a;
	return s;
}

describe('plan ticks on the results page', () => {
	it('two quick ticks on different rows keep both', async () => {
		const s = await results();
		await Promise.all([s.setDone('a', true), s.setDone('b', true)]);
		expect((await getAssessment(s.id))!.planOverrides).toEqual({
			a: { done: true },
			b: { done: true }
		});
	});

	it('an untick and a tick at once keep both', async () => {
		const s = await results();
		await s.setDone('a', true);
		await Promise.all([s.setDone('a', false), s.setDone('b', true)]);
		expect((await getAssessment(s.id))!.planOverrides).toEqual({ b: { done: true } });
	});
});
