/**
 * Migration test pattern: every released database shape is kept as a fixture in
 * test/fixtures/db/v<N>.json (never edited, never deleted). Each one is seeded with exactly the
 * schema that version declared, then opened with the current code: nothing may be lost, and the
 * fields added since must be filled in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
	ReadinessDB,
	getAssessment,
	getSetting,
	listAssessments,
	listKeyOf,
	saveAnswer,
	toSummary,
	type AnswerRow,
	type AssessmentRow
} from './index';

interface DbFixture {
	dexieVersion: number;
	stores: Record<string, string>;
	tables: {
		assessments: Record<string, unknown>[];
		answers: Record<string, unknown>[];
		settings: Record<string, unknown>[];
	};
	expectedAnsweredCount: Record<string, number>;
}

const dir = path.resolve('test/fixtures/db');
const fixtures = readdirSync(dir)
	.filter((f) => /^v\d+\.json$/.test(f))
	.map((f) => ({
		file: f,
		data: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as DbFixture
	}));

let n = 0;
const opened: Dexie[] = [];
afterEach(async () => {
	for (const d of opened.splice(0)) await d.delete();
});

async function seed(fx: DbFixture): Promise<string> {
	const name = `migration-${++n}`;
	const old = new Dexie(name);
	old.version(fx.dexieVersion).stores(fx.stores);
	await old.open();
	await old.transaction('rw', old.tables, async () => {
		for (const [table, rows] of Object.entries(fx.tables)) await old.table(table).bulkAdd(rows);
	});
	old.close();
	return name;
}

describe('database migrations', () => {
	it('keeps a fixture for every released schema version', () => {
		const current = new ReadinessDB('migration-version-probe');
		expect(fixtures.map((f) => f.data.dexieVersion).sort()).toEqual(
			Array.from({ length: current.verno }, (_, i) => i + 1)
		);
	});

	for (const { file, data: fx } of fixtures) {
		it(`opens a ${file} database with the current code and loses nothing`, async () => {
			const name = await seed(fx);
			const database = new ReadinessDB(name);
			opened.push(database);
			await database.open();

			const rows = await database.assessments.toArray();
			expect(rows).toHaveLength(fx.tables.assessments.length);
			for (const before of fx.tables.assessments) {
				const after = rows.find((r) => r.id === before.id) as AssessmentRow;
				const answeredCount = fx.expectedAnsweredCount[before.id as string];
				expect(after).toEqual({
					...before,
					answeredCount,
					listKey: listKeyOf({ ...(before as AssessmentRow), answeredCount })
				});
			}
			const answers = await database.answers.toArray();
			const byKey = (a: object) => {
				const r = a as { assessmentId: string; questionId: string };
				return `${r.assessmentId}/${r.questionId}`;
			};
			expect(answers.map(byKey).sort()).toEqual(fx.tables.answers.map(byKey).sort());
			for (const before of fx.tables.answers) {
				expect(answers.find((a) => byKey(a as never) === byKey(before))).toEqual(before);
			}
			expect(await database.settings.toArray()).toEqual(
				[...fx.tables.settings].sort((a, b) => String(a.key).localeCompare(String(b.key)))
			);
			expect(await getSetting('list.sort', database)).toBe('name');

			// The public API reads the upgraded data.
			const list = await listAssessments(database);
			for (const s of list) expect(s.answered).toBe(fx.expectedAnsweredCount[s.id]);
			// …from the list index alone: every row is in it.
			expect(await database.assessments.orderBy('listKey').count()).toBe(rows.length);
			expect(list).toEqual(
				rows
					.map(toSummary)
					.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id))
			);
			const first = fx.tables.assessments[0] as AssessmentRow;
			const full = await getAssessment(first.id, database);
			const theirs = fx.tables.answers.filter(
				(a) => a.assessmentId === first.id
			) as unknown as AnswerRow[];
			expect(Object.keys(full!.answers).sort()).toEqual(theirs.map((a) => a.questionId).sort());
			expect(full!.meta).toEqual(first.meta);

			// And keeps counting correctly on new writes.
			await saveAnswer(
				first.id,
				'new-question',
				{ value: 3, evidence: [], updatedAt: 'now' },
				database
			);
			expect((await database.assessments.get(first.id))?.answeredCount).toBe(
				(fx.expectedAnsweredCount[first.id] ?? 0) + 1
			);
		});
	}
});
