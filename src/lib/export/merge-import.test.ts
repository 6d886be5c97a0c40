/**
 * Export format 2 and merging an imported copy (issue #16): two copies of one assessment, each
 * changed, merge answer by answer; a damaged or oversized document in a file changes nothing.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../../test/fixtures/fresh-db';
import { dumpDatabase, getAssessment, saveAnswer, updateAssessment } from '$lib/db';
import { getAnswerHistory } from '$lib/db/doc-store';
import { loadBank } from '$lib/bank';
import { saveCustomQuestion, setCustomQuestionRetired } from '$lib/db';
import { customQuestion } from '../../../test/fixtures/custom-question';
import {
	ImportError,
	commitImport,
	exportAssessment,
	mergeImport,
	readImportText,
	type ExportDocument
} from './index';
import { MAX_YJS_STATE_CHARS } from './schema';
import { FIXTURE_DIR, fixtureText } from './test-helpers';

const freshDb = freshDatabases('merge-import');

const ids = new Set([
	'cc1-code-of-conduct',
	'cc6-mfa',
	'cc7-monitoring',
	'cc8-change-approval',
	'cc9-vendor-review'
]);

function docOf(text: string): ExportDocument {
	const r = readImportText(text);
	if (r.kind !== 'plain') throw new Error('expected a plain export');
	return r.document;
}

async function laptops() {
	const a = freshDb();
	const b = freshDb();
	const first = await commitImport(docOf(fixtureText('v1-full.json')), 'new', a, {
		questionIds: ids
	});
	// Laptop B gets A's export (format 2: with its document).
	const res = await exportAssessment(first.id, { database: a, download: false });
	expect(res.document.formatVersion).toBe(2);
	await commitImport(docOf(res.text), 'new', b, { questionIds: ids });
	return { a, b, id: first.id };
}

const at = (h: number) => `2026-10-01T${String(h).padStart(2, '0')}:00:00.000Z`;

describe('merging a copy (format 2)', () => {
	it('combines answers changed on one side; the same answer changed on both: the later wins, the other is in the history', async () => {
		const { a, b, id } = await laptops();
		await saveAnswer(id, 'cc6-mfa', { value: 2, evidence: [], updatedAt: at(9) }, a);
		await saveAnswer(id, 'cc7-monitoring', { value: 4, evidence: [], updatedAt: at(10) }, a);
		await saveAnswer(id, 'cc6-mfa', { value: 5, evidence: [], updatedAt: at(11) }, b);
		await saveAnswer(id, 'cc9-vendor-review', { value: 3, evidence: [], updatedAt: at(12) }, b);
		await updateAssessment(id, { planOverrides: { 'rem.x': { done: true } } }, b);
		const fromB = await exportAssessment(id, { database: b, download: false });
		const { summary, assessment } = await mergeImport(docOf(fromB.text), a, { questionIds: ids });
		expect(summary.mode).toBe('yjs');
		expect(summary.conflicts).toEqual([
			{
				questionId: 'cc6-mfa',
				local: { value: 2, at: at(9), by: 'Priya Raman' },
				incoming: { value: 5, at: at(11), by: 'Priya Raman' },
				current: 'incoming'
			}
		]);
		expect(summary.answersIn).toEqual(['cc6-mfa', 'cc9-vendor-review']);
		expect(assessment.answers['cc6-mfa']!.value).toBe(5);
		expect(assessment.answers['cc7-monitoring']!.value).toBe(4);
		expect(assessment.answers['cc9-vendor-review']!.value).toBe(3);
		expect(assessment.planOverrides['rem.x']).toEqual({ done: true });
		expect((await getAnswerHistory(id, 'cc6-mfa', a)).map((h) => h.value).slice(0, 2)).toEqual([
			5, 2
		]);
		// Merging the other way gives the same assessment.
		const fromA = await exportAssessment(id, { database: a, download: false });
		await mergeImport(docOf(fromA.text), b, { questionIds: ids });
		const [x, y] = [(await getAssessment(id, a))!, (await getAssessment(id, b))!];
		expect(y.answers).toEqual(x.answers);
		expect(y.planOverrides).toEqual(x.planOverrides);
		// And merging the same file again changes no answer.
		const again = await mergeImport(docOf(fromB.text), a, { questionIds: ids });
		expect(again.summary.conflicts).toEqual([]);
		expect(again.summary.answersIn).toEqual([]);
	});

	it('merges a format 1 file by its plain data: answers by time, untimed differences listed', async () => {
		const { a, id } = await laptops();
		await saveAnswer(id, 'cc6-mfa', { value: 1, evidence: [], updatedAt: at(9) }, a);
		const v1 = docOf(fixtureText('v1-full.json'));
		v1.assessment.meta.organisation = 'Northwind (renamed elsewhere)';
		v1.assessment.answers['cc6-mfa'] = { value: 5, evidence: [], updatedAt: at(12) } as never;
		const { summary, assessment } = await mergeImport(v1, a, { questionIds: ids });
		expect(summary.mode).toBe('plain');
		expect(assessment.answers['cc6-mfa']!.value).toBe(5);
		expect(assessment.meta.organisation).toBe('Northwind Analytics');
		expect(summary.kept).toContainEqual({
			label: 'organisation',
			local: 'Northwind Analytics',
			incoming: 'Northwind (renamed elsewhere)'
		});
		expect(summary.conflicts.map((c) => c.questionId)).toEqual(['cc6-mfa']);
	});

	it('every released export fixture merges into its own assessment without losing an answer', async () => {
		for (const f of ['v1-full.json', 'v1-minimal.json', 'v1-vendor-roles.json', 'v2-full.json']) {
			const d = freshDb();
			const doc = docOf(fixtureText(f));
			await commitImport(doc, 'new', d, { questionIds: ids });
			const before = (await getAssessment(doc.assessment.id, d))!;
			const { assessment } = await mergeImport(doc, d, { questionIds: ids });
			expect(assessment.answers).toEqual(before.answers);
		}
	});
});

describe('a damaged document in a file changes nothing', () => {
	async function expectRefused(
		mutate: (d: ExportDocument & { yjs?: Record<string, unknown> }) => void,
		code = 'invalid'
	) {
		const { a, id } = await laptops();
		const res = await exportAssessment(id, { database: a, download: false });
		const bad = JSON.parse(res.text) as ExportDocument & { yjs?: Record<string, unknown> };
		mutate(bad);
		const before = await dumpDatabase(a);
		let err: unknown = null;
		try {
			const doc = docOf(JSON.stringify(bad));
			await mergeImport(doc, a, { questionIds: ids });
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(ImportError);
		expect((err as ImportError).code).toBe(code);
		expect((err as Error).message).toMatch(/Nothing was imported|unchanged/);
		expect(await dumpDatabase(a)).toBe(before);
		// Replace refuses it the same way.
		err = null;
		try {
			await commitImport(docOf(JSON.stringify(bad)), 'replace', a, { questionIds: ids });
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(ImportError);
		expect(await dumpDatabase(a)).toBe(before);
	}

	it('corrupt bytes', async () => {
		await expectRefused((d) => {
			d.yjs!.state = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
		});
	});

	it('a truncated state', async () => {
		await expectRefused((d) => {
			const s = d.yjs!.state as string;
			d.yjs!.state = s.slice(0, Math.floor(s.length / 8) * 4);
		});
	});

	it('the document of another assessment', async () => {
		const other = freshDb();
		const o = await commitImport(docOf(fixtureText('v1-minimal.json')), 'new', other, {
			questionIds: ids
		});
		const res = await exportAssessment(o.id, { database: other, download: false });
		const theirs = JSON.parse(res.text) as { yjs: Record<string, unknown> };
		await expectRefused((d) => {
			d.yjs = theirs.yjs as never;
		});
	});

	it('an oversized state, before it is decoded', async () => {
		await expectRefused((d) => {
			d.yjs!.state = 'A'.repeat(MAX_YJS_STATE_CHARS + 4);
		});
	});

	it('text that is not base64', async () => {
		await expectRefused((d) => {
			d.yjs!.state = '<script>alert(1)</script>';
		});
	});
});

describe('custom questions in a format 2 file (issue 22)', () => {
	/** Laptop A with an assessment holding two custom questions (one retired), exported. */
	async function withCustom() {
		const { a, b, id } = await laptops();
		const bank = await loadBank();
		await saveCustomQuestion(id, customQuestion('custom-a'), bank, a);
		await saveCustomQuestion(id, customQuestion('custom-b'), bank, a);
		await setCustomQuestionRetired(id, 'custom-b', true, bank, a);
		await saveAnswer(id, 'custom-a', { value: 2, evidence: [], updatedAt: at(9) }, a);
		await saveAnswer(id, 'custom-a', { value: 3, evidence: [], updatedAt: at(10) }, a);
		const res = await exportAssessment(id, { database: a, download: false });
		return { a, b, id, text: res.text };
	}
	const custom = [...ids, 'custom-a', 'custom-b'];

	it('an untouched file keeps its document: the questions and the answer history arrive', async () => {
		const { id, text } = await withCustom();
		const c = freshDb();
		await commitImport(docOf(text), 'new', c, { questionIds: new Set(custom) });
		const got = (await getAssessment(id, c))!;
		expect(got.customQuestions?.map((q) => [q.id, q.retired ?? false])).toEqual([
			['custom-a', false],
			['custom-b', true]
		]);
		// The history only travels in the document, so it shows the document was used.
		expect((await getAnswerHistory(id, 'custom-a', c)).map((h) => h.value)).toEqual([3, 2]);
	});

	it('a file whose plain list was changed without its document is read by the plain list, which was checked', async () => {
		const { id, text } = await withCustom();
		const file = JSON.parse(text) as ExportDocument;
		file.assessment.customQuestions = [
			customQuestion('custom-a', { title: 'Renamed in the file only' })
		];
		const c = freshDb();
		await commitImport(docOf(JSON.stringify(file)), 'new', c, {
			questionIds: new Set(custom)
		});
		const got = (await getAssessment(id, c))!;
		expect(got.customQuestions?.map((q) => [q.id, q.title])).toEqual([
			['custom-a', 'Renamed in the file only']
		]);
		// Merged into a copy that has the document: by the plain data, not the file's state.
		const { a } = await withCustom();
		const { summary, assessment } = await mergeImport(docOf(JSON.stringify(file)), a, {
			questionIds: new Set(custom)
		});
		expect(summary.mode).toBe('plain');
		expect(assessment.answers['custom-a']?.value).toBe(3);
	});
});

describe('the format 2 fixture', () => {
	it('is what the app exports for the v1-full assessment (regenerate: UPDATE_FIXTURES=1)', async () => {
		const d = freshDb();
		// Its own id: the fixtures are imported one after the other into one database.
		const v1 = docOf(fixtureText('v1-full.json'));
		v1.assessment.id = 'fixture-v2-full';
		const first = await commitImport(v1, 'new', d, { questionIds: ids });
		await saveAnswer(
			first.id,
			'cc6-mfa',
			{ value: 3, evidence: [], updatedAt: '2026-10-01T09:00:00.000Z' },
			d
		);
		const res = await exportAssessment(first.id, { database: d, download: false });
		if (process.env.UPDATE_FIXTURES)
			writeFileSync(path.join(FIXTURE_DIR, 'v2-full.json'), res.text);
		const fixture = docOf(fixtureText('v2-full.json'));
		expect(fixture.formatVersion).toBe(2);
		expect(fixture.yjs?.encoding).toBe('yjs-update-v1');
		// Its document holds the same assessment as its plain part, with the answer's history.
		const e = freshDb();
		await commitImport(fixture, 'new', e, { questionIds: ids });
		expect(
			(await getAnswerHistory(fixture.assessment.id, 'cc6-mfa', e)).map((h) => h.value)
		).toEqual([3, 4]);
	});
});
