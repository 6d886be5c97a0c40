/**
 * Writes through the assessment document (issue #16): each change is one command on the fields
 * it names, so quick concurrent changes of different fields never overwrite each other — the
 * read-then-rewrite defects of plan ticks, branding and vendor edits.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../../test/fixtures/fresh-db';
import { commitOp } from '$lib/interview/persister';
import {
	clearActionsDone,
	createAssessment,
	getAssessment,
	updateBranding,
	setActionDone,
	setRequestPrepared,
	setSetting,
	updateAssessment
} from './index';
import { getAnswerHistory, saveAnswer } from './doc-store';

const fresh = freshDatabases('commands');
let n = 0;

const meta = {
	organisation: 'Acme',
	assessor: 'Dana',
	assessmentDate: '2026-03-02',
	targetReportDate: null
};
const vendor = (id: string) => ({
	id,
	name: id,
	kind: 'cloud-iaas',
	role: 'subservice' as const,
	services: '',
	method: 'carve-out' as const,
	socReport: 'type2' as const,
	reportReviewed: false,
	csocs: []
});

describe('commands never lose a concurrent change', () => {
	it('plan ticks: Promise.all of two ticks keeps both; clear all keeps owners', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		await Promise.all([setActionDone(a.id, 'a', true, d), setActionDone(a.id, 'b', true, d)]);
		expect((await getAssessment(a.id, d))!.planOverrides).toEqual({
			a: { done: true },
			b: { done: true }
		});
		await updateAssessment(
			a.id,
			{ planOverrides: { a: { done: true, ownerRole: 'CTO' }, b: { done: true } } },
			d
		);
		await clearActionsDone(a.id, d);
		expect((await getAssessment(a.id, d))!.planOverrides).toEqual({ a: { ownerRole: 'CTO' } });
	});

	it('evidence request marks: two at once are both kept; unmarking one keeps the other', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		await Promise.all([
			setRequestPrepared(a.id, 'new-hires', '2026-03-02T10:00:00.000Z', d),
			setRequestPrepared(a.id, 'access-reviews', '2026-03-02T10:00:01.000Z', d)
		]);
		expect((await getAssessment(a.id, d))!.requestsPrepared).toEqual({
			'new-hires': '2026-03-02T10:00:00.000Z',
			'access-reviews': '2026-03-02T10:00:01.000Z'
		});
		await setRequestPrepared(a.id, 'new-hires', null, d);
		expect((await getAssessment(a.id, d))!.requestsPrepared).toEqual({
			'access-reviews': '2026-03-02T10:00:01.000Z'
		});
	});

	it('branding: a colour and a logo saved at once are both kept', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		await Promise.all([
			updateBranding(a.id, { brandColor: '#112233' }, d),
			updateBranding(
				a.id,
				{
					logoDataUrl:
						'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
				},
				d
			)
		]);
		expect((await getAssessment(a.id, d))!.meta.branding).toEqual({
			brandColor: '#112233',
			logoDataUrl:
				'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
		});
		// …and a branding save does not rewrite the rest of meta.
		await Promise.all([
			updateBranding(a.id, { brandColor: null }, d),
			updateAssessment(a.id, { meta: { ...meta, organisation: 'Acme Ltd' } }, d)
		]);
		const after = (await getAssessment(a.id, d))!.meta;
		expect(after.organisation).toBe('Acme Ltd');
		expect(after.branding).toEqual({
			brandColor: null,
			logoDataUrl:
				'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
		});
	});

	it('vendors: two quick edits of different vendors and fields are all kept', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		await commitOp(d, a.id, { kind: 'subservice.add', item: vendor('v1') });
		await commitOp(d, a.id, { kind: 'subservice.add', item: vendor('v2') });
		await Promise.all([
			commitOp(d, a.id, {
				kind: 'subservice.field',
				id: 'v1',
				field: 'services',
				value: 'Hosting',
				base: ''
			}),
			commitOp(d, a.id, {
				kind: 'subservice.field',
				id: 'v2',
				field: 'reportReviewed',
				value: true,
				base: false
			}),
			commitOp(d, a.id, {
				kind: 'subservice.field',
				id: 'v1',
				field: 'name',
				value: 'AWS',
				base: 'v1'
			})
		]);
		const got = (await getAssessment(a.id, d))!.subservices;
		expect(got.map((v) => [v.id, v.name, v.services, v.reportReviewed])).toEqual([
			['v1', 'AWS', 'Hosting', false],
			['v2', 'v2', '', true]
		]);
	});

	it('two connections (tabs) writing different fields keep both', async () => {
		const name = `commands-tabs-${n++}`;
		const t1 = fresh(name);
		const t2 = fresh(name);
		const a = await createAssessment(meta, t1);
		await setActionDone(a.id, 'warm-the-cache', true, t2);
		await Promise.all([
			setActionDone(a.id, 'a', true, t1),
			updateBranding(a.id, { brandColor: '#000000' }, t2),
			setActionDone(a.id, 'b', true, t2)
		]);
		for (const t of [t1, t2]) {
			const got = (await getAssessment(a.id, t))!;
			expect(Object.keys(got.planOverrides).sort()).toEqual(['a', 'b', 'warm-the-cache']);
			expect(got.meta.branding?.brandColor).toBe('#000000');
		}
	});
});

describe('answer history', () => {
	it('records each value with when and by whom (the device name, else the assessor)', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		await saveAnswer(
			a.id,
			'q1',
			{ value: 2, evidence: [], updatedAt: '2026-03-02T10:00:00.000Z' },
			d
		);
		await setSetting('yourName', 'Sam', d);
		await saveAnswer(
			a.id,
			'q1',
			{ value: 4, evidence: [], updatedAt: '2026-03-02T11:00:00.000Z' },
			d
		);
		expect(
			(await getAnswerHistory(a.id, 'q1', d)).map((h) => [h.value, h.at, h.by, h.current])
		).toEqual([
			[4, '2026-03-02T11:00:00.000Z', 'Sam', true],
			[2, '2026-03-02T10:00:00.000Z', 'Dana', false]
		]);
	});
});
