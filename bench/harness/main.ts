/**
 * Bench-only page served next to the built app (same origin, so the same IndexedDB). It exposes
 * the app's real database module on `window.__bench` so the bench can seed assessments with
 * `putAssessment` and time `saveAnswer` — never used by the app itself.
 */
import * as dbApi from '../../src/lib/db/index';
import type { Assessment, MaturityAnswer } from '../../src/lib/domain/types';

async function clearAll(): Promise<void> {
	const d = dbApi.db();
	await d.transaction('rw', d.assessments, d.answers, async () => {
		await d.assessments.clear();
		await d.answers.clear();
	});
}

async function seed(list: Assessment[]): Promise<number> {
	for (const a of list) await dbApi.putAssessment(a);
	return list.length;
}

/** Time saveAnswer `n` times (ms per call), cycling through question ids and values. */
async function timeSaveAnswer(id: string, questionIds: string[], n: number): Promise<number[]> {
	const out: number[] = [];
	const values = [0, 1, 2, 3, 4, 5] as const;
	for (let i = 0; i < n; i++) {
		const qid = questionIds[i % questionIds.length] as string;
		const answer: MaturityAnswer = {
			value: values[i % values.length] as MaturityAnswer['value'],
			note: 'Timed by the bench harness.',
			evidence: [],
			updatedAt: new Date().toISOString()
		};
		const t0 = performance.now();
		await dbApi.saveAnswer(id, qid, answer);
		out.push(performance.now() - t0);
	}
	return out;
}

async function answerOf(id: string, questionId: string): Promise<MaturityAnswer | null> {
	const row = await dbApi.db().answers.get([id, questionId] as never);
	return row ?? null;
}

async function count(): Promise<{ assessments: number; answers: number }> {
	const d = dbApi.db();
	return { assessments: await d.assessments.count(), answers: await d.answers.count() };
}

const api = {
	clearAll,
	seed,
	timeSaveAnswer,
	answerOf,
	count,
	getAssessment: (id: string) => dbApi.getAssessment(id),
	listAssessments: () => dbApi.listAssessments()
};

(window as unknown as { __bench: typeof api }).__bench = api;
document.body.dataset.ready = 'true';
