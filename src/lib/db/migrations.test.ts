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
import { encodeAssessmentState, getAnswerHistory } from './doc-store';
import { decodeState, docToAssessment } from '$lib/doc';

interface DbFixture {
	dexieVersion: number;
	stores: Record<string, string>;
	tables: {
		assessments: Record<string, unknown>[];
		answers: Record<string, unknown>[];
		settings: Record<string, unknown>[];
		/** Version 5 on: the documents' updates, binary as {"$bytes": base64}. */
		docUpdates?: Record<string, unknown>[];
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

/** A fixture row with its {"$bytes": base64} fields decoded (JSON holds no binary). */
function bytes(row: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(row)) {
		const b = (v as { $bytes?: unknown } | null)?.$bytes;
		out[k] = typeof b === 'string' ? new Uint8Array(Buffer.from(b, 'base64')) : v;
	}
	return out;
}

async function seed(fx: DbFixture): Promise<string> {
	const name = `migration-${++n}`;
	const old = new Dexie(name);
	old.version(fx.dexieVersion).stores(fx.stores);
	await old.open();
	await old.transaction('rw', old.tables, async () => {
		for (const [table, rows] of Object.entries(fx.tables))
			await old.table(table).bulkAdd(rows.map(bytes));
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
				// Version 4 gave every vendor a role; older fixtures hold only cloud providers,
				// which stay subservice organisations. Nothing else on a vendor changes.
				const subservices = (before.subservices as Record<string, unknown>[]).map((s) =>
					fx.dexieVersion < 4 ? { ...s, role: 'subservice' } : s
				);
				expect(after).toEqual({
					...before,
					subservices,
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

			// Every assessment is (or becomes, on its first need) a document holding every field:
			// the plain form derived from it is the one the rows hold.
			for (const before of fx.tables.assessments) {
				const id = before.id as string;
				const state = await encodeAssessmentState(id, database);
				const plain = await getAssessment(id, database);
				expect(
					docToAssessment(decodeState(state!), {
						interview: plain!.interview,
						lastExportedAt: plain!.lastExportedAt
					})
				).toEqual({
					...plain,
					interview: plain!.interview ?? null,
					lastExportedAt: plain!.lastExportedAt ?? null,
					meta: { branding: {}, ...plain!.meta }
				});
				// Version 5 documents keep their history: nothing is rebuilt over them.
				const stored = (fx.tables.docUpdates ?? []).filter((u) => u.assessmentId === id);
				if (stored.length)
					expect(await database.docUpdates.where('assessmentId').equals(id).count()).toBe(
						stored.length
					);
			}
			if (fx.dexieVersion === 5) {
				const first = fx.tables.assessments[0]!.id as string;
				const q = Object.keys((await getAssessment(first, database))!.answers)[0]!;
				const history = await getAnswerHistory(first, q, database);
				expect(history.length).toBeGreaterThan(1);
				expect(history[0]!.by).toBe('Priya R.');
			}

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

describe('version 4: vendors classified as subservice organisations or ordinary vendors', () => {
	it('classifies the vendors of a version-3 database by kind and keeps every other field', async () => {
		const v3 = fixtures.find((f) => f.data.dexieVersion === 3)!.data;
		const base = v3.tables.assessments[0] as Record<string, unknown>;
		const vendor = (id: string, kind: string, method = 'carve-out') => ({
			id,
			name: id,
			kind,
			services: 'x',
			method,
			socReport: 'type2',
			reportReviewed: false,
			reviewDate: null,
			csocs: ['A control the vendor runs']
		});
		const vendors = [
			vendor('aws', 'cloud-iaas'),
			vendor('gusto', 'hris-payroll'),
			vendor('checkr', 'background-checks'),
			vendor('kandji', 'endpoint-management'),
			vendor('workspace', 'productivity-suite'),
			vendor('m365-inclusive', 'productivity-suite', 'inclusive'),
			vendor('stripe', 'payment-processor'),
			vendor('github', 'code-hosting-ci'),
			vendor('msp', 'managed-service-provider', 'inclusive'),
			vendor('custom', 'other')
		];
		const fx: DbFixture = {
			...v3,
			tables: { ...v3.tables, assessments: [{ ...base, subservices: vendors }] }
		};
		const name = await seed(fx);
		const database = new ReadinessDB(name);
		opened.push(database);
		await database.open();
		const row = await database.assessments.get(base.id as string);
		const roles = Object.fromEntries(row!.subservices.map((s) => [s.id, s.role]));
		expect(roles).toEqual({
			aws: 'subservice',
			gusto: 'vendor',
			checkr: 'vendor',
			kandji: 'vendor',
			workspace: 'vendor',
			'm365-inclusive': 'subservice',
			stripe: 'subservice',
			github: 'subservice',
			msp: 'subservice',
			custom: 'subservice'
		});
		// Method and CSOCs are kept, so switching a vendor back restores them.
		for (const s of row!.subservices) {
			const { role: _role, ...rest } = s;
			expect(rest).toEqual(vendors.find((v) => v.id === s.id));
		}
	});
});
