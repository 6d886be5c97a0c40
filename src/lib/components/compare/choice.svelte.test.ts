/**
 * Issue 20: the export page's "Progress since" choice — the earlier assessments of the
 * organisation only, the most recent one by default, or none.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadinessDB, putAssessment, setDb } from '$lib/db';
import { buildReportModel } from '$lib/domain/engine';
import { assessment, bank, question } from '$lib/domain/engine/testing';
import type { Assessment, MaturityValue } from '$lib/domain/types';
import { ComparisonChoice } from './choice.svelte';

const shared = vi.hoisted(() => ({ bank: null as unknown }));
vi.mock('$lib/bank', () => ({ loadBank: async () => shared.bank }));

const b = bank([
	question('q1', 'CC1', { criticality: 3 }),
	question('q2', 'CC6', { criticality: 5 })
]);
shared.bank = b;

function stored(id: string, org: string, date: string, answers: Record<string, MaturityValue>) {
	const a = assessment({ assessmentDate: date, answers });
	return {
		...a,
		id,
		meta: { ...a.meta, organisation: org },
		createdAt: `${date}T09:00:00.000Z`,
		updatedAt: `${date}T09:00:00.000Z`
	} satisfies Assessment;
}

const jan = stored('jan', 'Acme', '2026-01-10', { q1: 1, q2: 1 });
const mar = stored('mar', 'acme ', '2026-03-03', { q1: 2, q2: 1 });
const jun = stored('jun', 'Acme', '2026-06-09', { q1: 4, q2: 3 });
const dec = stored('dec', 'Acme', '2026-12-01', { q1: 5, q2: 5 });
const other = stored('oth', 'Other', '2026-05-01', { q1: 5 });

let database: ReadinessDB;
let n = 0;
beforeEach(async () => {
	database = new ReadinessDB(`choice-${++n}`);
	await database.open();
	setDb(database);
	for (const a of [jan, mar, jun, dec, other]) await putAssessment(a, database);
});
afterEach(async () => {
	setDb(null);
	await database.delete();
});

describe('ComparisonChoice', () => {
	it('offers the earlier assessments of the organisation, newest first, the latest by default', async () => {
		const choice = new ComparisonChoice();
		await choice.follow(jun);
		expect(choice.earlier.map((s) => s.id)).toEqual(['mar', 'jan']);
		expect(choice.chosenId).toBe('mar');
		const model = buildReportModel(b, jun, '2026-06-09');
		const c = choice.comparisonFor(model)!;
		expect(c.before).toMatchObject({ assessmentId: 'mar', assessmentDate: '2026-03-03' });
		expect(c.after.assessmentId).toBe('jun');
		expect(c.summary).toMatch(/^Readiness \d+ %, up from \d+ % on 3 March 2026\.$/);

		await choice.choose('jan');
		expect(choice.comparisonFor(model)!.before.assessmentId).toBe('jan');

		// None: no comparison, so no progress page.
		await choice.choose('');
		expect(choice.comparisonFor(model)).toBeNull();
	});

	it('a re-assessment reports progress since its predecessor by default, also one renamed since', async () => {
		const renamed = { ...jan, meta: { ...jan.meta, organisation: 'Acme Holdings' } };
		await putAssessment(renamed, database);
		const choice = new ComparisonChoice();
		await choice.follow({ ...jun, reassessmentOf: { id: 'jan', assessedOn: '2026-01-10' } });
		expect(choice.earlier.map((s) => s.id)).toEqual(['mar', 'jan']);
		expect(choice.chosenId).toBe('jan');
		// A predecessor that is not on the device: the latest earlier one, as for any assessment.
		const other = new ComparisonChoice();
		await other.follow({ ...jun, reassessmentOf: { id: 'gone', assessedOn: '2026-02-01' } });
		expect(other.chosenId).toBe('mar');
	});

	it('the oldest assessment has nothing to report progress against', async () => {
		const choice = new ComparisonChoice();
		await choice.follow(jan);
		expect(choice.earlier).toEqual([]);
		expect(choice.chosenId).toBe('');
		expect(choice.comparisonFor(buildReportModel(b, jan, '2026-01-10'))).toBeNull();
	});

	it('says so when the chosen assessment is gone', async () => {
		const choice = new ComparisonChoice();
		await choice.follow(dec);
		await database.assessments.delete('jun');
		await choice.choose('jun');
		expect(choice.error).toBe('That assessment is no longer on this device.');
		expect(choice.comparisonFor(buildReportModel(b, dec, '2026-12-01'))).toBeNull();
	});

	it('a download asked for while the choice is still being read waits for it', async () => {
		const choice = new ComparisonChoice();
		const model = buildReportModel(b, jun, '2026-06-09');
		// Not awaited: the page's download button may be pressed before the listing and the
		// default choice are read. The file must still carry what the page then shows as chosen.
		void choice.follow(jun);
		expect(choice.comparisonFor(model)).toBeNull();
		const first = await choice.settledComparison(model);
		expect(first?.before.assessmentId).toBe('mar');
		// A change of choice made just before the click counts too.
		void choice.choose('jan');
		expect((await choice.settledComparison(model))?.before.assessmentId).toBe('jan');
		void choice.choose('');
		expect(await choice.settledComparison(model)).toBeNull();
	});
});
