/**
 * Files that the import used to accept and that then broke the app (issue 18), and the promise
 * that a backup always restores: export → import of anything the app can store succeeds.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDatabases } from '../../../test/fixtures/fresh-db';
import {
	ReadinessDB,
	duplicateAssessment,
	getAssessment,
	listAssessments,
	putAssessment,
	renameAssessment
} from '$lib/db';
import { loadBank } from '$lib/bank';
import { ORGANISATION_MAX, withNameSuffix } from '$lib/domain/meta-rules';
import type { Assessment, MaturityAnswer } from '$lib/domain/types';
import { validateMeta, validateName } from '$lib/components/list/meta-form';
import { validateMetaField } from '$lib/interview/flow';
import {
	ImportError,
	buildExportDocument,
	commitImport,
	decryptImport,
	exportAssessment,
	importFile,
	readImportText
} from './index';
import { encryptDocument, fromBase64, toBase64 } from './crypto';
import { IMPORT_LIMITS } from './schema';
import { fileOf, fixtureDoc } from './test-helpers';

/** fast-check seed of this run: printed, and reusable with FC_SEED=… to replay a failure. */
const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.info(`hostile-import.test.ts: fast-check seed ${seed} (replay with FC_SEED=${seed})`);

/** A database of its own (each test and each property run gets a fresh one). */
const freshDb = freshDatabases('hostile-import');
let database: ReadinessDB;
beforeEach(() => {
	database = freshDb();
});

let bankIds: Set<string>;
async function questionIds(): Promise<Set<string>> {
	bankIds ??= new Set((await loadBank()).questions.map((q) => q.id));
	return bankIds;
}

type Json = Record<string, unknown>;
type Doc = Json & { exportedAt: string; assessment: Assessment };
const good = () => fixtureDoc() as unknown as Doc;
const answer = (over: Partial<MaturityAnswer> = {}): MaturityAnswer => ({
	value: 3,
	evidence: [],
	updatedAt: '2026-09-16T10:00:00.000Z',
	...over
});

async function importText(text: string, d = database, mode: 'replace' | 'keep-both' = 'replace') {
	return importFile(fileOf(text), {
		database: d,
		onConflict: () => mode,
		questionIds: await questionIds()
	});
}

async function refused(text: string): Promise<ImportError> {
	const err = await importText(text).then(
		() => new Error('the file was accepted'),
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(ImportError);
	const e = err as ImportError;
	expect(e.message).toMatch(/Nothing was imported/);
	// Plain words only: no valibot internals, no raw values.
	expect(e.message).not.toMatch(/Invalid |Expected |Received |Infinity|NaN|undefined|\[object /);
	expect(await listAssessments(database)).toEqual([]);
	return e;
}

describe('duplicate ids in lists', () => {
	function withDuplicates(): Doc {
		const d = good();
		const a = d.assessment;
		const ptr = { id: 'ev-1', name: 'Policy', location: 'https://example.com/policy' };
		a.answers['cc6-mfa'] = answer({
			evidence: [ptr, { ...ptr, name: 'Another' }, { ...ptr, name: 'Third' }, { ...ptr }]
		});
		a.subservices = [a.subservices[0]!, { ...a.subservices[0]!, name: 'AWS (second row)' }];
		a.subservices[0] = { ...a.subservices[0]!, csocs: ['Physical', 'Physical', 'Other'] };
		a.cuecs = [a.cuecs[0]!, { ...a.cuecs[0]!, text: 'Same id' }];
		a.cuecs[1] = { ...a.cuecs[1]!, criteria: ['CC6.2', 'CC6.2', 'CC6.3'] };
		return d;
	}

	it('are repaired on import without losing an item: later twins get ids of their own', async () => {
		const stored = (await importText(JSON.stringify(withDuplicates())))!;
		const back = (await getAssessment(stored.id, database))!;
		const ev = back.answers['cc6-mfa']!.evidence;
		expect(ev.map((p) => p.name)).toEqual(['Policy', 'Another', 'Third', 'Policy']);
		expect(new Set(ev.map((p) => p.id)).size).toBe(4);
		expect(ev[0]!.id).toBe('ev-1');
		expect(back.subservices.map((s) => s.name)).toEqual([
			'Amazon Web Services',
			'AWS (second row)'
		]);
		expect(new Set(back.subservices.map((s) => s.id)).size).toBe(2);
		expect(back.subservices[0]!.csocs).toEqual(['Physical', 'Other']);
		expect(new Set(back.cuecs.map((c) => c.id)).size).toBe(2);
		expect(back.cuecs[1]!.criteria).toEqual(['CC6.2', 'CC6.3']);
	});

	it('already stored (an import from before this rule) are repaired as they are read, the same way every time', async () => {
		const a = withDuplicates().assessment as Assessment;
		await putAssessment(a, database); // bypasses the import, like an older version of the app
		const first = (await getAssessment(a.id, database))!;
		const second = (await getAssessment(a.id, database))!;
		expect(second).toEqual(first);
		expect(new Set(first.answers['cc6-mfa']!.evidence.map((p) => p.id)).size).toBe(4);
		expect(new Set(first.subservices.map((s) => s.id)).size).toBe(2);
		expect(first.cuecs[1]!.criteria).toEqual(['CC6.2', 'CC6.3']);
		// And such an assessment exports a file that imports again.
		const res = await exportAssessment(a.id, { database, download: false });
		const other = freshDb();
		await expect(importText(res.text, other)).resolves.toBeTruthy();
	});

	it('a derived id never exceeds the id limit, nor collides with an existing id', async () => {
		const d = good();
		const long = 'x'.repeat(200);
		d.assessment.cuecs = [
			{ ...d.assessment.cuecs[0]!, id: long },
			{ ...d.assessment.cuecs[0]!, id: long },
			{ ...d.assessment.cuecs[0]!, id: `${'x'.repeat(198)}~2` }
		];
		const stored = (await importText(JSON.stringify(d)))!;
		const ids = stored.cuecs.map((c) => c.id);
		expect(new Set(ids).size).toBe(3);
		for (const id of ids) expect(id.length).toBeLessThanOrEqual(200);
		const res = await exportAssessment(stored.id, { database, download: false });
		await expect(importText(res.text, freshDb())).resolves.toBeTruthy();
	});
});

describe('impossible calendar dates', () => {
	const cases: [string, (a: Json) => void, RegExp][] = [
		[
			'assessment date 2026-02-30',
			(a) => ((a.meta as Json).assessmentDate = '2026-02-30'),
			/assessment date .*not a real calendar date/
		],
		[
			'target date 2026-02-31',
			(a) => ((a.meta as Json).targetReportDate = '2026-02-31'),
			/target report date .*not a real calendar date/
		],
		[
			'plan start 2025-02-29 (not a leap year)',
			(a) => ((a.meta as Json).planStartDate = '2025-02-29'),
			/plan start date .*not a real calendar date/
		],
		[
			'vendor review on 31 April',
			(a) => ((a.subservices as Json[])[0]!.reviewDate = '2026-04-31'),
			/subservices\.0\.reviewDate/
		],
		[
			'created on 30 February',
			(a) => (a.createdAt = '2026-02-30T10:00:00.000Z'),
			/creation time .*not a real calendar date and time/
		],
		[
			'last exported on 30 February',
			(a) => (a.lastExportedAt = '2026-02-30T10:00:00.000Z'),
			/last export time/
		]
	];
	it.each(cases)('%s is refused, naming the field', async (_what, breakIt, message) => {
		const d = good();
		breakIt(d.assessment as unknown as Json);
		expect((await refused(JSON.stringify(d))).message).toMatch(message);
	});

	it('and the screens refuse them with the same calendar check', () => {
		const meta = {
			organisation: 'Acme',
			assessor: 'Dana',
			assessmentDate: '2026-02-30',
			targetReportDate: '2026-02-31'
		};
		const r = validateMeta(meta);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.errors.assessmentDate).toMatch(/full date/);
			expect(r.errors.targetReportDate).toMatch(/full date/);
		}
		expect(validateMetaField('assessmentDate', '2026-02-30')).toMatch(/full date/);
		expect(validateMetaField('targetReportDate', '2026-02-31')).toMatch(/full date/);
		expect(validateMetaField('planStartDate', '2026-02-30')).toMatch(/full date/);
		expect(validateMeta({ ...meta, assessmentDate: '2024-02-29', targetReportDate: '' }).ok).toBe(
			true
		);
	});
});

describe('answers', () => {
	it('as a list is refused (it used to become an answer to question "0")', async () => {
		const d = good() as Json;
		(d.assessment as Json).answers = [answer()];
		const e = await refused(JSON.stringify(d));
		expect(e.message).toMatch(/the answers \(“assessment\.answers”\) is a list/);
		for (const field of ['profile', 'planOverrides']) {
			const d2 = good() as Json;
			(d2.assessment as Json)[field] = [];
			expect((await refused(JSON.stringify(d2))).message).toContain(`assessment.${field}`);
		}
	});

	it('to questions this bank does not know are kept aside, never counted, and exported again', async () => {
		const d = good();
		d.assessment.answers = { 'cc6-mfa': answer({ value: 4 }) };
		for (let i = 0; i < 60; i++) d.assessment.answers[`future-q-${i}`] = answer({ value: 2 });
		const stored = (await importText(JSON.stringify(d)))!;
		expect(Object.keys(stored.answers)).toEqual(['cc6-mfa']);
		expect(Object.keys(stored.otherAnswers ?? {})).toHaveLength(60);
		expect((await listAssessments(database))[0]!.answered).toBe(1);
		const back = (await getAssessment(stored.id, database))!;
		expect(Object.keys(back.answers)).toEqual(['cc6-mfa']);
		// A newer app reading the backup finds them where they were.
		const res = await exportAssessment(stored.id, { database, download: false });
		expect(Object.keys(res.document.assessment.answers)).toHaveLength(61);
		expect(res.document.assessment).not.toHaveProperty('otherAnswers');
	});

	it('an otherAnswers field in a file is not trusted: only the file’s answers decide', async () => {
		const d = good() as Json;
		(d.assessment as Json).otherAnswers = { 'cc6-mfa': answer({ value: 0 }) };
		const stored = (await importText(JSON.stringify(d)))!;
		expect(stored.answers['cc6-mfa']!.value).toBe(4);
		expect(stored.otherAnswers?.['cc6-mfa']).toBeUndefined();
	});
});

describe('the re-assessment link and carried answers (issue 20)', () => {
	const withLink = () => {
		const d = good();
		d.assessment.reassessmentOf = { id: 'earlier-assessment', assessedOn: '2026-03-02' };
		d.assessment.carried = { 'cc6-mfa': {} };
		return d;
	};

	it('a sound link and carried answer import, and are exported again; a copy keeps the link', async () => {
		const stored = (await importText(JSON.stringify(withLink())))!;
		expect(stored.reassessmentOf).toEqual({ id: 'earlier-assessment', assessedOn: '2026-03-02' });
		expect(stored.carried).toEqual({ 'cc6-mfa': {} });
		const res = await exportAssessment(stored.id, { database, download: false });
		expect(res.document.assessment.reassessmentOf).toEqual(stored.reassessmentOf);
		expect(res.document.assessment.carried).toEqual({ 'cc6-mfa': {} });
		const copy = (await importText(JSON.stringify(res.document), database, 'keep-both'))!;
		expect(copy.id).not.toBe(stored.id);
		expect(copy.reassessmentOf).toEqual(stored.reassessmentOf);
		expect(copy.carried).toEqual({ 'cc6-mfa': {} });
	});

	it('broken values are refused with the field named, and nothing is stored', async () => {
		const mutations: [(a: Json) => void, RegExp][] = [
			[(a) => (a.reassessmentOf = 'earlier'), /earlier assessment this one re-assesses/],
			[(a) => (a.reassessmentOf = { id: '', assessedOn: '2026-03-02' }), /reassessmentOf\.id/],
			[
				(a) => (a.reassessmentOf = { id: 'x', assessedOn: '2026-02-30' }),
				/date of the earlier assessment.*real calendar date/
			],
			[(a) => (a.carried = ['cc6-mfa']), /carried over.*list/],
			[
				(a) => (a.carried = { 'cc6-mfa': { changed: 'yes' } }),
				/carried\.cc6-mfa\.changed.*true or false/
			],
			[
				(a) => (a.carried = { 'cc6-mfa': { confirmedAt: 'yesterday' } }),
				/carried\.cc6-mfa\.confirmedAt/
			]
		];
		for (const [breakIt, message] of mutations) {
			const d = withLink();
			breakIt(d.assessment as unknown as Json);
			expect((await refused(JSON.stringify(d))).message).toMatch(message);
		}
	});

	it('more carried answers than an assessment can hold are refused', async () => {
		const d = withLink();
		const carried: Record<string, object> = {};
		for (let i = 0; i <= IMPORT_LIMITS.answers; i++) carried[`q-${i}`] = {};
		d.assessment.carried = carried;
		expect((await refused(JSON.stringify(d))).message).toMatch(/carried over.*more than 5,000/);
	});

	it('carried answers naming questions without an answer never show as still to confirm', async () => {
		const d = withLink();
		d.assessment.carried = { 'cc6-mfa': {}, 'no-such-question': {}, 'cc7-unanswered': {} };
		const stored = (await getAssessment((await importText(JSON.stringify(d)))!.id, database))!;
		expect(stored.carried?.['cc6-mfa']).toEqual({});
		expect(stored.carried?.['no-such-question']).toEqual({ changed: true });
		expect(stored.carried?.['cc7-unanswered']).toEqual({ changed: true });
	});
});

describe('custom questions, owner role names and the introduction (issue 22)', () => {
	/** A valid custom question of Availability; each case breaks one thing. */
	const custom = (over: Json = {}): Json => ({
		id: 'custom-contract-sla',
		area: 'A1',
		criteria: ['A1.2'],
		title: 'Contractual uptime tracked',
		prompt: 'Do you track every uptime commitment made in customer contracts?',
		why: 'A1 is tested against these commitments.',
		level3: 'A register lists every commitment.',
		level4: 'Monthly uptime is compared with the register.',
		evidence: ['Register'],
		criticality: 4,
		remediation: [
			{
				id: 'rem.custom-contract-sla.register',
				action: 'Write the register',
				ownerRole: 'Head of Customer Success',
				effort: 'S',
				kind: 'design',
				acceptance: ['Every contract is listed'],
				evidence: ['The register']
			}
		],
		...over
	});
	const withFields = (fields: Json): Doc => {
		const d = good();
		Object.assign(d.assessment, fields);
		return d;
	};

	it('a valid file imports: the questions checked and completed, their answers counted, and exported again', async () => {
		const d = withFields({
			customQuestions: [
				custom(),
				custom({
					id: 'custom-old',
					retired: true,
					remediation: [{ ...(custom().remediation as Json[])[0], id: 'rem.custom-old.fix' }]
				})
			],
			ownerRoles: { 'Head of Engineering': 'VP Engineering' },
			reportIntroduction: 'This review follows the Acme Advisory method.'
		});
		d.assessment.answers = {
			'cc6-mfa': answer({ value: 4 }),
			'custom-contract-sla': answer({ value: 1 }),
			'custom-old': answer({ value: 2 })
		};
		const stored = (await importText(JSON.stringify(d)))!;
		// Answers to custom questions (retired ones too) are answers, not kept aside.
		expect(Object.keys(stored.answers).sort()).toEqual([
			'cc6-mfa',
			'custom-contract-sla',
			'custom-old'
		]);
		expect(stored.otherAnswers).toBeUndefined();
		expect((await listAssessments(database))[0]!.answered).toBe(3);
		const back = (await getAssessment(stored.id, database))!;
		expect(back.customQuestions?.map((q) => q.id)).toEqual(['custom-contract-sla', 'custom-old']);
		// Completed with the bank's defaults, as the library stores them.
		expect(back.customQuestions?.[0]).toMatchObject({ weight: 1 });
		expect(back.customQuestions?.[1]).toMatchObject({ retired: true });
		expect(back.customQuestions?.[0]!.remediation[0]).toMatchObject({
			dependsOn: [],
			appliesBelow: 3
		});
		expect(back.ownerRoles).toEqual({ 'Head of Engineering': 'VP Engineering' });
		expect(back.reportIntroduction).toBe('This review follows the Acme Advisory method.');
		const again = await exportAssessment(stored.id, { database, download: false });
		expect(again.document.assessment.customQuestions).toEqual(back.customQuestions);
		const reread = readImportText(again.text);
		expect(reread.kind).toBe('plain');
	});

	const cases: [string, Json, RegExp][] = [
		[
			'custom questions that are not a list',
			{ customQuestions: { a: custom() } },
			/the custom questions \(“assessment\.customQuestions”\) must be a list/
		],
		[
			'a custom question that is not an object',
			{ customQuestions: ['custom-contract-sla'] },
			/“assessment\.customQuestions\.0” must be an object \(a custom question\)/
		],
		[
			'more custom questions than a library may hold',
			{
				customQuestions: Array.from({ length: IMPORT_LIMITS.customQuestions + 1 }, (_, i) =>
					custom({ id: `custom-q-${i}` })
				)
			},
			/lists more than 500 custom questions/
		],
		[
			'a custom question with an unknown criterion',
			{ customQuestions: [custom({ criteria: ['A1.9'] })] },
			/its custom questions \(“assessment\.customQuestions”\) do not pass the question bank’s checks: question custom-contract-sla: unknown criterion A1\.9/
		],
		[
			'a custom question that takes a built-in question’s id',
			{ customQuestions: [custom({ id: 'cc6-mfa' })] },
			/question cc6-mfa: id is already used in questions\/maturity\/cc6\.yaml/
		],
		[
			'a custom question with a misspelt field',
			{ customQuestions: [custom({ promt: 'x' })] },
			/\[0\] \(custom-contract-sla\)\.promt: unknown field/
		],
		[
			'a dependency cycle between custom questions',
			{
				customQuestions: [
					custom({
						remediation: [
							{ ...(custom().remediation as Json[])[0], dependsOn: ['rem.custom-b.fix'] }
						]
					}),
					custom({
						id: 'custom-b',
						remediation: [
							{
								...(custom().remediation as Json[])[0],
								id: 'rem.custom-b.fix',
								dependsOn: ['rem.custom-contract-sla.register']
							}
						]
					})
				]
			},
			/cycle/
		],
		[
			'owner role names written as a list',
			{ ownerRoles: ['CTO'] },
			/the owner role names \(“assessment\.ownerRoles”\) is a list, but it must be an object keyed by owner role/
		],
		[
			'an empty owner role name',
			{ ownerRoles: { 'Head of Engineering': '  ' } },
			/“assessment\.ownerRoles\.Head of Engineering” must not be empty/
		],
		[
			'an owner role name over its limit',
			{ ownerRoles: { 'Head of Engineering': 'x'.repeat(1_001) } },
			/is longer than 1,000 characters/
		],
		[
			'more owner role names than a library may hold',
			{
				ownerRoles: Object.fromEntries(
					Array.from({ length: IMPORT_LIMITS.ownerRoles + 1 }, (_, i) => [`Role ${i}`, 'x'])
				)
			},
			/the owner role names \(“assessment\.ownerRoles”\) has more than 200 entries/
		],
		[
			'an introduction over its limit',
			{ reportIntroduction: 'x'.repeat(5_001) },
			/the report introduction \(“assessment\.reportIntroduction”\) is longer than 5,000 characters/
		],
		[
			'an introduction that is not text',
			{ reportIntroduction: 42 },
			/the report introduction \(“assessment\.reportIntroduction”\) must be text/
		]
	];
	it.each(cases)(
		'%s is refused, naming the problem, and nothing is stored',
		async (_n, fields, message) => {
			const e = await refused(JSON.stringify(withFields(fields)));
			expect(e.message).toMatch(message);
		}
	);

	it('are checked inside an encrypted file too', async () => {
		const d = withFields({ customQuestions: [custom({ criteria: ['A1.9'] })] });
		const envelope = await encryptDocument(d as never, 'correct horse battery staple');
		const err = await decryptImport(envelope, 'correct horse battery staple').then(
			() => new Error('accepted'),
			(e: unknown) => e
		);
		expect(err).toBeInstanceOf(ImportError);
		expect((err as ImportError).message).toMatch(/unknown criterion A1\.9/);
	});

	it('a document read without the bank is checked again before it is stored', async () => {
		const d = withFields({ customQuestions: [custom({ criteria: ['A1.9'] })] });
		const read = readImportText(JSON.stringify(d));
		if (read.kind !== 'plain') throw new Error('not plain');
		const err = await commitImport(read.document, 'new', database).then(
			() => new Error('stored'),
			(e: unknown) => e
		);
		expect(err).toBeInstanceOf(ImportError);
		expect((err as ImportError).message).toMatch(/unknown criterion A1\.9/);
		expect(await listAssessments(database)).toEqual([]);
	});
});

describe('bounds on what an import may carry', () => {
	it('100,000 phantom answers are refused with a clear message', async () => {
		const d = good();
		const answers: Record<string, MaturityAnswer> = {};
		for (let i = 0; i < 100_000; i++) answers[`phantom-${i}`] = answer();
		d.assessment.answers = answers;
		const e = await refused(JSON.stringify(d));
		expect(e.message).toMatch(/the answers \(“assessment\.answers”\) has more than 5,000 entries/);
	});

	const lists: [string, (a: Json) => void, RegExp][] = [
		[
			'evidence pointers of one answer',
			(a) =>
				((a.answers as Json)['cc6-mfa'] = answer({
					evidence: Array.from({ length: IMPORT_LIMITS.evidencePerAnswer + 1 }, (_, i) => ({
						id: `e${i}`,
						name: 'n',
						location: 'l'
					}))
				})),
			/more than 500 evidence pointers/
		],
		[
			'vendors',
			(a) =>
				(a.subservices = Array.from({ length: IMPORT_LIMITS.subservices + 1 }, (_, i) => ({
					...(a.subservices as Json[])[0]!,
					id: `v${i}`
				}))),
			/the list of vendors .*more than 1,000 vendors/
		],
		[
			'profile entries',
			(a) =>
				(a.profile = Object.fromEntries(
					Array.from({ length: IMPORT_LIMITS.profile + 1 }, (_, i) => [`p${i}`, 'x'])
				)),
			/company profile .*more than 2,000 entries/
		]
	];
	it.each(lists)('too many %s are refused', async (_what, breakIt, message) => {
		const d = good();
		breakIt(d.assessment as unknown as Json);
		expect((await refused(JSON.stringify(d))).message).toMatch(message);
	});
});

describe('names the app derives', () => {
	const longest = 'N'.repeat(ORGANISATION_MAX);

	it('“Keep both” of a maximum-length name makes a name its own export accepts', async () => {
		const d = good();
		d.assessment.meta.organisation = longest;
		const text = JSON.stringify(d);
		await importText(text);
		const copy = (await importText(text, database, 'keep-both'))!;
		expect(copy.meta.organisation.length).toBeLessThanOrEqual(ORGANISATION_MAX);
		expect(copy.meta.organisation).toMatch(/… \(imported\)$/);
		const res = await exportAssessment(copy.id, { database, download: false });
		await expect(importText(res.text, freshDb())).resolves.toBeTruthy();
	});

	it('“Duplicate” of a maximum-length name makes a name its own export accepts', async () => {
		const a = { ...(good().assessment as Assessment) };
		a.meta = { ...a.meta, organisation: longest };
		await putAssessment(a, database);
		const copy = await duplicateAssessment(a.id, undefined, database);
		expect(copy.meta.organisation.length).toBe(ORGANISATION_MAX);
		expect(copy.meta.organisation.endsWith('… (copy)')).toBe(true);
		const res = await exportAssessment(copy.id, { database, download: false });
		await expect(importText(res.text, freshDb())).resolves.toBeTruthy();
		// A name longer than any file may hold is refused rather than stored.
		await expect(duplicateAssessment(a.id, `${longest}!`, database)).rejects.toThrow(/500/);
		await expect(renameAssessment(a.id, `${longest}!`, database)).rejects.toThrow(/500/);
	});

	it('the suffix never splits a character, and short names are left whole', () => {
		expect(withNameSuffix('  Acme  ', ' (copy)')).toBe('Acme (copy)');
		const emoji = '😀'.repeat(ORGANISATION_MAX / 2);
		const named = withNameSuffix(emoji, ' (imported)');
		expect(named.length).toBeLessThanOrEqual(ORGANISATION_MAX);
		expect(named).toMatch(/^(😀)+… \(imported\)$/u);
		// The names people type are held to the one limit an import also applies.
		expect(validateName('x'.repeat(ORGANISATION_MAX)).ok).toBe(true);
		expect(validateName('x'.repeat(ORGANISATION_MAX + 1)).ok).toBe(false);
		expect(validateMetaField('organisation', 'x'.repeat(ORGANISATION_MAX + 1))).toMatch(
			/500 characters/
		);
	});
});

describe('messages a person understands', () => {
	it.each([
		['42', /holds only a number/],
		['null', /holds only the word null/],
		['"hello"', /holds only a piece of text/],
		['true', /holds only the word true/],
		['[]', /holds an empty list/],
		['[1,2]', /holds a list/]
	])('a file holding %s', async (text, message) => {
		const e = await refused(text);
		expect(e.code).toBe('not-export');
		expect(e.message).toMatch(message);
		expect(e.message).not.toMatch(/not JSON/);
	});

	it('numbers JSON reads as infinite are described in words', async () => {
		const raw = JSON.stringify(good());
		const e1 = await refused(raw.replace('"formatVersion":1', '"formatVersion":-1e999'));
		expect(e1.message).toMatch(/format version/);
		const e2 = await refused(raw.replace('"value":4', '"value":1e999'));
		expect(e2.message).toMatch(/assessment\.answers\.cc6-mfa\.value/);
		const d = good() as Json;
		(d.assessment as Json).interview = { version: 1.5, snapshot: {} };
		expect((await refused(JSON.stringify(d))).message).toMatch(
			/saved interview position \(“assessment\.interview”\)|assessment\.interview\.version.*whole number/
		);
	});

	it('wrong types name the field and say what it must be', async () => {
		const mutations: [(a: Json) => void, RegExp][] = [
			[(a) => (a.categoriesConfirmed = 'yes'), /categoriesConfirmed.*true or false/],
			[(a) => ((a.meta as Json).assessor = 42), /the assessor .*must be text/],
			[(a) => (a.cuecs = {}), /the list of CUECs .*must be a list/],
			[
				(a) => ((a.planOverrides as Json).x = { done: 'yes' }),
				/planOverrides\.x\.done.*true or false/
			],
			[(a) => ((a.profile as Json).q = { a: 1 }), /profile\.q.*must be text, a list/]
		];
		for (const [breakIt, message] of mutations) {
			const d = good();
			breakIt(d.assessment as unknown as Json);
			expect((await refused(JSON.stringify(d))).message).toMatch(message);
		}
	});

	it('an encrypted file with an altered salt says the file may be altered or the passphrase wrong', async () => {
		const env = await encryptDocument(fixtureDoc(), 'correct horse battery staple');
		const salt = fromBase64(env.kdf.salt);
		salt[3]! ^= 0x10;
		const text = JSON.stringify({ ...env, kdf: { ...env.kdf, salt: toBase64(salt) } });
		const err = await importFile(fileOf(text), {
			database,
			passphrase: () => 'correct horse battery staple'
		}).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ImportError);
		expect((err as ImportError).message).toMatch(/passphrase is wrong/);
		expect((err as ImportError).message).toMatch(/may have been altered/);
	});
});

// ---------------------------------------------------------------------------
// A backup always restores
// ---------------------------------------------------------------------------

const isoDay = fc
	.date({
		min: new Date('2000-01-01T00:00:00Z'),
		max: new Date('2099-12-31T00:00:00Z'),
		noInvalidDate: true
	})
	.map((d) => d.toISOString().slice(0, 10));
const instant = fc
	.date({
		min: new Date('2000-01-01T00:00:00Z'),
		max: new Date('2099-12-31T00:00:00Z'),
		noInvalidDate: true
	})
	.map((d) => d.toISOString());
/** Text with any Unicode, including astral characters. */
const anyText = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });
const smallId = fc.constantFrom('a', 'b', 'c'); // few ids: twins are common
const evidence = fc.record(
	{
		id: smallId,
		name: anyText(40),
		location: anyText(60),
		owner: anyText(20),
		sha256: fc.stringMatching(/^[0-9a-f]{64}$/)
	},
	{ requiredKeys: ['id', 'name', 'location'] }
);
const maturityAnswer = fc.record(
	{
		value: fc.constantFrom(0, 1, 2, 3, 4, 5, 'unknown', 'na', null),
		naReason: anyText(80),
		note: anyText(200),
		evidence: fc.array(evidence, { maxLength: 4 }),
		updatedAt: instant
	},
	{ requiredKeys: ['value', 'evidence', 'updatedAt'] }
);

/** Any assessment the app can hold: names up to the format's limit, twins in every list. */
function storable(ids: string[]): fc.Arbitrary<Assessment> {
	return fc
		.record({
			organisation: fc.oneof(
				anyText(ORGANISATION_MAX).filter((s) => s.trim().length > 0),
				fc.constant('Z'.repeat(ORGANISATION_MAX)),
				fc.constant(`${'😀'.repeat(ORGANISATION_MAX / 2 - 1)}ab`)
			),
			assessor: anyText(200),
			assessmentDate: isoDay,
			targetReportDate: fc.option(isoDay, { nil: null }),
			answers: fc.dictionary(
				fc.oneof(fc.constantFrom(...ids), fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/)),
				maturityAnswer,
				{ maxKeys: 8 }
			),
			subservices: fc.array(
				fc.record({
					id: smallId,
					name: anyText(40),
					kind: fc.constantFrom('cloud-iaas', 'other'),
					role: fc.constantFrom('subservice' as const, 'vendor' as const),
					services: anyText(40),
					method: fc.constantFrom('carve-out' as const, 'inclusive' as const),
					socReport: fc.constantFrom('type2' as const, 'none' as const, 'unknown' as const),
					reportReviewed: fc.boolean(),
					reviewDate: fc.option(isoDay, { nil: null }),
					csocs: fc.array(fc.constantFrom('Physical', 'Backups'), { maxLength: 4 })
				}),
				{ maxLength: 4 }
			),
			cuecs: fc.array(
				fc.record({
					id: smallId,
					templateId: fc.option(fc.constant('CUEC-ACCESS-01'), { nil: null }),
					area: anyText(20),
					text: anyText(80),
					criteria: fc.array(fc.constantFrom('CC6.2', 'CC6.3', 'C1.1'), { maxLength: 4 })
				}),
				{ maxLength: 4 }
			),
			interview: fc.constantFrom(
				null,
				{ version: 1, snapshot: { status: 'active', value: 'maturity' } },
				{ version: 99, snapshot: 'from the future' }
			),
			createdAt: instant,
			updatedAt: instant
		})
		.map((r): Assessment => ({
			id: crypto.randomUUID(),
			meta: {
				organisation: r.organisation,
				assessor: r.assessor,
				assessmentDate: r.assessmentDate,
				targetReportDate: r.targetReportDate,
				planStartDate: null,
				branding: {}
			},
			profile: {},
			subservices: r.subservices,
			categories: [],
			categoriesConfirmed: false,
			cuecs: r.cuecs,
			answers: r.answers as Record<string, MaturityAnswer>,
			planOverrides: {},
			interview: r.interview,
			createdAt: r.createdAt,
			updatedAt: r.updatedAt,
			lastExportedAt: null
		}));
}

describe('a backup always restores (property)', () => {
	it('export → import of anything the app can store succeeds, with nothing lost; so do its copies', async () => {
		const ids = [...(await questionIds())].slice(0, 20);
		await fc.assert(
			fc.asyncProperty(storable(ids), async (a) => {
				const here = freshDb();
				const there = freshDb();
				await putAssessment(a, here);
				const copy = await duplicateAssessment(a.id, undefined, here);
				for (const id of [a.id, copy.id]) {
					const res = await exportAssessment(id, { database: here, download: false });
					const stored = await importText(res.text, there);
					expect(stored?.id).toBe(id);
					// Nothing lost: the restored assessment exports to the same document (as the
					// import reads it, defaults filled in).
					const back = (await getAssessment(id, there))!;
					// (The document's encoded state differs by Yjs client ids; its content is
					// compared through the plain part, which is derived from it.)
					const asRead = (text: string) => {
						const r = readImportText(text);
						if (r.kind !== 'plain') return null;
						const { yjs: _yjs, ...plain } = r.document;
						return plain;
					};
					expect(
						asRead(JSON.stringify(buildExportDocument(back, res.document.exportedAt)))
					).toEqual(asRead(res.text));
					// "Keep both" of it is a new assessment whose own backup restores too.
					const both = (await importText(res.text, there, 'keep-both'))!;
					const again = await exportAssessment(both.id, { database: there, download: false });
					expect(readImportText(again.text).kind).toBe('plain');
					await expect(importText(again.text, freshDb())).resolves.toBeTruthy();
				}
				await freshDb.deleteAll();
			}),
			{ seed, numRuns: 25 }
		);
	});
});
