/**
 * The one write of the report branding (`updateBranding`, issue 16): it changes only the
 * branding fields it is given, so it never undoes a rename (or any other meta edit) that
 * commits at the same time, and it refuses what the field validators refuse.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../../test/fixtures/fresh-db';
import {
	createAssessment,
	getAssessment,
	listAssessments,
	renameAssessment,
	updateAssessment,
	updateBranding
} from '$lib/db';
import { commitOp } from '$lib/interview/persister';

const fresh = freshDatabases('branding');

const meta = {
	organisation: 'Acme',
	assessor: 'Dana',
	assessmentDate: '2026-03-02',
	targetReportDate: null
};
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('updateBranding', () => {
	it('a branding save racing with a rename keeps both (either order)', async () => {
		const d = fresh();
		for (const brandFirst of [true, false]) {
			const a = await createAssessment(meta, d);
			const brand = () => updateBranding(a.id, { brandColor: '#112233' }, d);
			const rename = () => renameAssessment(a.id, 'Acme Holdings', d);
			await Promise.all(brandFirst ? [brand(), rename()] : [rename(), brand()]);
			const stored = (await getAssessment(a.id, d))!;
			expect(stored.meta.organisation).toBe('Acme Holdings');
			expect(stored.meta.branding?.brandColor).toBe('#112233');
			// The list shows the new name too.
			expect((await listAssessments(d)).find((s) => s.id === a.id)?.organisation).toBe(
				'Acme Holdings'
			);
		}
	});

	it('the interview’s branding write (through the persister) racing with a rename keeps both', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		await Promise.all([
			commitOp(d, a.id, {
				kind: 'meta',
				field: 'branding',
				value: { logoDataUrl: PNG, brandColor: '#445566' },
				base: {}
			}),
			renameAssessment(a.id, 'Acme Holdings', d)
		]);
		const stored = (await getAssessment(a.id, d))!;
		expect(stored.meta.organisation).toBe('Acme Holdings');
		expect(stored.meta.branding).toMatchObject({ logoDataUrl: PNG, brandColor: '#445566' });
	});

	it('changes only the fields it is given, and counts as a change', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		await updateBranding(a.id, { logoDataUrl: PNG, brandColor: '#ABC' }, d);
		const before = (await d.assessments.get(a.id))!;
		await updateBranding(a.id, { brandColor: null }, d);
		const after = (await d.assessments.get(a.id))!;
		expect(after.meta).toEqual({
			...before.meta,
			branding: { logoDataUrl: PNG, brandColor: null }
		});
		expect(before.meta.branding?.brandColor).toBe('#aabbcc');
		expect(after.revision).toBe(before.revision + 1);
		expect(after.updatedAt >= before.updatedAt).toBe(true);
		expect(after.listKey[0]).toBe(after.updatedAt);
	});

	it('adds branding to a row stored without any (older databases)', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		const { branding: _b, ...bare } = a.meta;
		await updateAssessment(a.id, { meta: bare }, d);
		await updateBranding(a.id, { brandColor: '#010203' }, d);
		expect((await getAssessment(a.id, d))!.meta.branding).toEqual({ brandColor: '#010203' });
	});

	it.each([
		['a colour that is not a hex code', { brandColor: 'navy' }, /hex code/],
		['an SVG logo', { logoDataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }, /PNG, JPEG/],
		['nothing at all', {}, /Nothing to save/]
	])('refuses %s and changes nothing', async (_w, patch, message) => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		const before = await d.assessments.get(a.id);
		await expect(updateBranding(a.id, patch, d)).rejects.toThrow(message);
		expect(await d.assessments.get(a.id)).toEqual(before);
	});

	it('rejects for an assessment that no longer exists', async () => {
		const d = fresh();
		await expect(updateBranding('gone', { brandColor: '#000000' }, d)).rejects.toThrow(
			/no longer exists/
		);
	});
});
