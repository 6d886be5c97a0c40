/**
 * The export page's branding save (issue 16): it used to read the assessment and write the whole
 * `meta` back, so a rename committing in between was undone. It now writes the branding fields
 * only (`updateBranding`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadinessDB, createAssessment, getAssessment, renameAssessment, setDb } from '$lib/db';
import { ExportState } from './export.svelte';

let database: ReadinessDB;
let n = 0;
beforeEach(async () => {
	database = new ReadinessDB(`export-state-${++n}`);
	await database.open();
	setDb(database);
});
afterEach(async () => {
	setDb(null);
	await database.delete();
});

describe('ExportState.saveBranding', () => {
	it('racing with a rename (another tab), both are kept', async () => {
		const a = await createAssessment({
			organisation: 'Acme',
			assessor: 'Dana',
			assessmentDate: '2026-03-02',
			targetReportDate: null
		});
		const state = new ExportState(a.id, '2026-03-02');
		const [saved] = await Promise.all([
			state.saveBranding({ brandColor: '#112233' }),
			renameAssessment(a.id, 'Acme Holdings')
		]);
		expect(saved).toBe(true);
		const stored = (await getAssessment(a.id))!;
		expect(stored.meta.organisation).toBe('Acme Holdings');
		expect(stored.meta.branding?.brandColor).toBe('#112233');
	});

	it('a refused value is reported and nothing is written', async () => {
		const a = await createAssessment({
			organisation: 'Acme',
			assessor: 'Dana',
			assessmentDate: '2026-03-02',
			targetReportDate: null
		});
		const state = new ExportState(a.id, '2026-03-02');
		expect(await state.saveBranding({ brandColor: 'navy' })).toBe(false);
		expect(state.brandingError).toMatch(/could not be saved: .*hex code.*Nothing was changed/);
		expect((await getAssessment(a.id))!.meta.branding).toEqual({});
	});
});
