import { readdirSync } from 'node:fs';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	ReadinessDB,
	createAssessment,
	dumpDatabase,
	getAssessment,
	listAssessments,
	putAssessment,
	saveAnswer
} from '$lib/db';
import type { Assessment } from '$lib/domain/types';
import { withVendorRole } from '$lib/domain/vendors';
import {
	APP_VERSION,
	FORMAT,
	ImportError,
	KEEP_BOTH_BACKUP_NOTE,
	MAX_IMPORT_BYTES,
	buildExportDocument,
	commitImport,
	decryptImport,
	exportAssessment,
	exportFilename,
	findConflict,
	importFile,
	readImportFile,
	readImportText,
	type ExportDocument
} from './index';
import { encryptDocument, fromBase64, toBase64 } from './crypto';
import { ExportDocumentSchema } from './schema';
import { exportState } from '$lib/db/doc-store';
import { backupStatus } from '$lib/state/assessment-list';
import { loadBank } from '$lib/bank';
import { partitionAnswers } from '$lib/domain/normalise';

async function bankIds(): Promise<Set<string>> {
	return new Set((await loadBank()).questions.map((q) => q.id));
}
import { FIXTURE_DIR, fileOf, fixtureAssessment, fixtureDoc, fixtureText } from './test-helpers';

let database: ReadinessDB;
let other: ReadinessDB;
let n = 0;

beforeEach(async () => {
	database = new ReadinessDB(`export-test-${++n}`);
	other = new ReadinessDB(`export-test-other-${n}`);
	await Promise.all([database.open(), other.open()]);
});
afterEach(async () => {
	vi.restoreAllMocks();
	await Promise.all([database.delete(), other.delete()]);
});

const PASS = 'correct horse battery staple';

/** A stored assessment with a bit of everything. */
async function seedRich(): Promise<Assessment> {
	// Stored vendors carry a role since database version 4 (the v1 fixture predates it).
	const f = fixtureAssessment();
	const a = { ...f, subservices: f.subservices.map((s) => withVendorRole(s)) };
	await putAssessment(a, database);
	return (await getAssessment(a.id, database))!;
}

/** Import through the whole pipeline and return the error it must raise, checking the db is unchanged. */
async function rejects(content: string | Uint8Array | Blob, code: string): Promise<ImportError> {
	await createAssessment(
		{
			organisation: 'Untouched',
			assessor: 'A',
			assessmentDate: '2026-01-01',
			targetReportDate: null
		},
		database
	);
	const before = await dumpDatabase(database);
	const file = content instanceof Blob ? content : fileOf(content);
	const err = await importFile(file, {
		database,
		passphrase: () => PASS,
		onConflict: () => 'replace'
	}).catch((e: unknown) => e);
	expect(err).toBeInstanceOf(ImportError);
	const ie = err as ImportError;
	expect(ie.code).toBe(code);
	expect(ie.message.length).toBeGreaterThan(30);
	expect(await dumpDatabase(database)).toBe(before);
	return ie;
}

describe('export', () => {
	it('writes a versioned document, downloads nothing in Node, and records the export time only', async () => {
		const a = await seedRich();
		const res = await exportAssessment(a.id, { database, download: false });
		expect(res.document).toMatchObject({
			format: FORMAT,
			formatVersion: 2,
			app: { name: 'SOC 2 Readiness', version: APP_VERSION }
		});
		expect(v.safeParse(ExportDocumentSchema, JSON.parse(res.text)).success).toBe(true);
		expect(res.blob.type).toBe('application/json');
		expect(res.filename).toBe(
			`soc2-readiness-northwind-analytics-${res.document.exportedAt.slice(0, 10)}.json`
		);
		expect(res.warning).toBeNull();
		const after = await getAssessment(a.id, database);
		expect(after?.lastExportedAt).toBe(res.document.exportedAt);
		expect(after?.updatedAt).toBe(a.updatedAt);
		expect(res.document.assessment.lastExportedAt).toBe(res.document.exportedAt);
	});

	it('still produces the file when the export time cannot be recorded (storage full)', async () => {
		const a = await seedRich();
		vi.spyOn(database.assessments, 'update').mockImplementation(
			() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never
		);
		const res = await exportAssessment(a.id, { database, download: false });
		expect(res.text).toContain(a.id);
		expect(res.warning).toMatch(/could not be recorded/);
	});

	it('rejects exporting an assessment that does not exist', async () => {
		await expect(exportAssessment('nope', { database, download: false })).rejects.toThrow(
			/no longer exists/
		);
	});

	it('makes file names from any organisation name', () => {
		expect(exportFilename('Acme, Inc. / EU', '2026-11-28T10:00:00Z')).toBe(
			'soc2-readiness-acme-inc-eu-2026-11-28.json'
		);
		expect(exportFilename('Ελληνική Υγεία', '2026-11-28T10:00:00Z', true)).toBe(
			'soc2-readiness-ελληνικη-υγεια-2026-11-28.encrypted.json'
		);
		// The same name part as the reports' files (one rule: src/lib/export/filename.ts).
		expect(exportFilename('Łódź Sp. z o.o.', '2026-11-28T10:00:00Z')).toBe(
			'soc2-readiness-lodz-sp-z-o-o-2026-11-28.json'
		);
		expect(exportFilename('<>?*', '2026-11-28T10:00:00Z')).toBe(
			'soc2-readiness-assessment-2026-11-28.json'
		);
	});
});

describe('export → import round trip', () => {
	it('restores the same assessment on another device (another database)', async () => {
		const a = await seedRich();
		await saveAnswer(
			a.id,
			'cc9-vendor-review',
			{ value: 5, evidence: [], updatedAt: 'now' },
			database
		);
		const original = (await getAssessment(a.id, database))!;
		const res = await exportAssessment(a.id, { database, download: false });
		const imported = await importFile(fileOf(res.text), { database: other });
		const back = await getAssessment(a.id, other);
		expect(imported?.id).toBe(a.id);
		// Answers to questions this bank does not know (the fixture has some) are kept aside…
		const { known, unknown } = partitionAnswers(original.answers, await bankIds());
		expect(Object.keys(unknown).length).toBeGreaterThan(0);
		expect(back).toEqual({
			...original,
			answers: known,
			otherAnswers: unknown,
			lastExportedAt: res.document.exportedAt
		});
		// …never counted…
		const answered = Object.values(known).filter((x) => x.value !== null).length;
		expect((await listAssessments(other))[0]).toMatchObject({
			answered,
			organisation: 'Northwind Analytics'
		});
		// …and exported again exactly as they came: nothing is lost.
		const again = buildExportDocument(back!, res.document.exportedAt);
		const { yjs: _yjs, ...plainPart } = res.document;
		expect(again).toEqual(plainPart);
	});

	it('keeps every export fixture ever released importable with nothing lost', async () => {
		const files = readdirSync(FIXTURE_DIR).filter(
			(f) => /^v\d+-.*\.json$/.test(f) && !f.includes('encrypted')
		);
		expect(files.length).toBeGreaterThanOrEqual(2);
		for (const f of files) {
			const raw = JSON.parse(fixtureText(f)) as ExportDocument;
			const stored = await importFile(fileOf(fixtureText(f)), { database: other });
			const back = await getAssessment(raw.assessment.id, other);
			const { answers, ...rest } = raw.assessment;
			expect(back, f).toMatchObject(rest);
			expect({ ...back!.otherAnswers, ...back!.answers }, f).toMatchObject(answers);
			expect(buildExportDocument(back!, raw.exportedAt).assessment, f).toMatchObject(
				raw.assessment
			);
			expect(stored?.id).toBe(raw.assessment.id);
		}
	});

	it('fills defaults when restoring an old, minimal file', async () => {
		const back = await importFile(fileOf(fixtureText('v1-minimal.json')), { database: other });
		expect(back).toMatchObject({
			meta: {
				organisation: 'Minimal Co',
				targetReportDate: null,
				planStartDate: null,
				branding: {}
			},
			profile: {},
			subservices: [],
			categories: [],
			categoriesConfirmed: false,
			cuecs: [],
			planOverrides: {},
			interview: null,
			// The file it came from is a backup of this state, as of the file's exportedAt.
			lastExportedAt: '2026-05-02T10:00:00.000Z'
		});
		expect(back?.answers['cc6-mfa']).toEqual({
			value: 3,
			evidence: [],
			updatedAt: '2026-05-01T09:30:00.000Z'
		});
	});

	it('keeps fields it does not know (same format version), at every level', async () => {
		const doc = fixtureDoc() as ExportDocument & Record<string, unknown>;
		const a = doc.assessment as Record<string, unknown> & Assessment;
		doc.extraTopLevel = { note: 'from a newer minor release' };
		a.futureField = [1, 2, { deep: true }];
		(a.meta as unknown as Record<string, unknown>).sector = 'fintech';
		(a.answers['cc6-mfa'] as unknown as Record<string, unknown>).confidence = 'high';
		const back = await importFile(fileOf(JSON.stringify(doc)), { database: other });
		const stored = (await getAssessment(a.id, other)) as unknown as Record<string, unknown> &
			Assessment;
		expect(back).toBeTruthy();
		expect(stored.futureField).toEqual([1, 2, { deep: true }]);
		expect((stored.meta as unknown as Record<string, unknown>).sector).toBe('fintech');
		expect((stored.answers['cc6-mfa'] as unknown as Record<string, unknown>).confidence).toBe(
			'high'
		);
	});

	it('carries the evidence requests marked prepared; a file from before them has none', async () => {
		const doc = fixtureDoc();
		doc.assessment.requestsPrepared = { 'new-hires': '2026-12-01T09:00:00.000Z' };
		await importFile(fileOf(JSON.stringify(doc)), { database: other });
		const back = (await getAssessment(doc.assessment.id, other))!;
		expect(back.requestsPrepared).toEqual({ 'new-hires': '2026-12-01T09:00:00.000Z' });
		expect(buildExportDocument(back, doc.exportedAt).assessment.requestsPrepared).toEqual({
			'new-hires': '2026-12-01T09:00:00.000Z'
		});
		const old = await importFile(fileOf(fixtureText('v1-minimal.json')), { database });
		expect(old).toBeTruthy();
		expect((await getAssessment(old!.id, database))!.requestsPrepared).toBeUndefined();
	});

	it('normalises an emptied date field and duplicate categories', () => {
		const doc = fixtureDoc();
		doc.assessment.meta.targetReportDate = '' as never;
		doc.assessment.categories = ['privacy', 'privacy', 'availability'];
		const r = readImportText(JSON.stringify(doc));
		expect(r.kind === 'plain' && r.document.assessment.meta.targetReportDate).toBeNull();
		expect(r.kind === 'plain' && r.document.assessment.categories).toEqual([
			'privacy',
			'availability'
		]);
	});
});

describe('an existing assessment', () => {
	async function setup() {
		const a = await seedRich();
		const res = await exportAssessment(a.id, { database, download: false });
		// Change the local copy after the export.
		await saveAnswer(a.id, 'cc6-mfa', { value: 1, evidence: [], updatedAt: 'later' }, database);
		return { a, text: res.text };
	}

	it('is reported as a conflict before anything is written', async () => {
		const { a, text } = await setup();
		const r = readImportText(text);
		expect(r.kind).toBe('plain');
		const doc = (r as { document: ExportDocument }).document;
		expect(await findConflict(doc, database)).toMatchObject({
			id: a.id,
			organisation: 'Northwind Analytics'
		});
		const before = await dumpDatabase(database);
		await expect(commitImport(doc, 'new', database)).rejects.toMatchObject({ code: 'conflict' });
		expect(await dumpDatabase(database)).toBe(before);
	});

	it('replace: overwrites it, answers included', async () => {
		const { a, text } = await setup();
		const seen: string[] = [];
		await importFile(fileOf(text), {
			database,
			onConflict: (existing) => {
				seen.push(existing.id);
				return 'replace';
			}
		});
		expect(seen).toEqual([a.id]);
		expect(await listAssessments(database)).toHaveLength(1);
		expect((await getAssessment(a.id, database))?.answers['cc6-mfa']?.value).toBe(4);
	});

	it('keep both: stores a copy under a new id, named “(imported)”', async () => {
		const { a, text } = await setup();
		const copy = await importFile(fileOf(text), { database, onConflict: () => 'keep-both' });
		const list = await listAssessments(database);
		expect(list).toHaveLength(2);
		expect(copy?.id).not.toBe(a.id);
		expect(copy?.meta.organisation).toBe('Northwind Analytics (imported)');
		expect((await getAssessment(copy!.id, database))?.answers['cc6-mfa']?.value).toBe(4);
		expect((await getAssessment(a.id, database))?.answers['cc6-mfa']?.value).toBe(1);
	});

	it('backup status after an import: the file backs up what it restored, not a “keep both” copy', async () => {
		const { a, text } = await setup();
		const doc = (readImportText(text) as { document: ExportDocument }).document;
		// First import on another device: the file is a backup of exactly what is stored.
		const first = await importFile(fileOf(text), { database: other });
		const firstSummary = (await listAssessments(other)).find((x) => x.id === first!.id)!;
		expect(firstSummary.lastExportedAt).toBe(doc.exportedAt);
		expect(backupStatus(firstSummary).kind).toBe('current');
		// Same for a file written without lastExportedAt.
		const bare = JSON.parse(text) as ExportDocument;
		delete (bare.assessment as Partial<Assessment>).lastExportedAt;
		await importFile(fileOf(JSON.stringify(bare)), {
			database: other,
			onConflict: () => 'replace'
		});
		expect(backupStatus((await listAssessments(other)).find((x) => x.id === a.id)!).kind).toBe(
			'current'
		);
		// Keep both: the copy has a new id and no file of its own, so it was never exported.
		const copy = await importFile(fileOf(text), { database, onConflict: () => 'keep-both' });
		const list = await listAssessments(database);
		const copySummary = list.find((x) => x.id === copy!.id)!;
		expect(copySummary.lastExportedAt).toBeNull();
		expect(backupStatus(copySummary).kind).toBe('never');
		expect(KEEP_BOTH_BACKUP_NOTE).toMatch(/copy.*“Never exported” until you export it/);
	});

	it('cancel: changes nothing', async () => {
		const { text } = await setup();
		const before = await dumpDatabase(database);
		expect(await importFile(fileOf(text), { database, onConflict: () => 'cancel' })).toBeNull();
		expect(await dumpDatabase(database)).toBe(before);
	});

	it('a storage failure while importing is an ImportError and leaves the database unchanged', async () => {
		const doc = fixtureDoc();
		const before = await dumpDatabase(database);
		vi.spyOn(database.answers, 'bulkPut').mockImplementation(
			() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never
		);
		const err = await commitImport(doc, 'new', database).catch((e: unknown) => e);
		expect(err).toMatchObject({ code: 'storage' });
		expect((err as Error).message).toMatch(/no more storage space/);
		expect(await dumpDatabase(database)).toBe(before);
	});
});

describe('rejected files (each with a clear message; the database is unchanged)', () => {
	const good = () => fixtureDoc();

	it('empty file', async () => {
		expect((await rejects('', 'empty')).message).toMatch(/empty/);
		await rejects('   \n ', 'empty');
	});

	it('wrong file types', async () => {
		expect(
			(await rejects(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), 'wrong-type')).message
		).toMatch(/PDF/);
		expect(
			(await rejects(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'wrong-type')).message
		).toMatch(/ZIP|Office/);
		expect(
			(await rejects(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10]), 'wrong-type')).message
		).toMatch(/PNG/);
		expect((await rejects('organisation,assessor\nAcme,Ada\n', 'wrong-type')).message).toMatch(
			/not JSON/
		);
		expect((await rejects('<!doctype html><html></html>', 'wrong-type')).message).toMatch(
			/web page/
		);
	});

	it('binary or non-UTF-8 content', async () => {
		await rejects(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'not-text');
		await rejects('{"a":"\u0000"}', 'not-text');
	});

	it('invalid JSON, with where', async () => {
		const e = await rejects('{"format": soc2}', 'invalid-json');
		expect(e.message).toMatch(/not valid JSON/);
		await rejects('{"a":1}}', 'invalid-json');
		await rejects('{"a":1} trailing', 'invalid-json');
	});

	it('truncated files', async () => {
		const text = JSON.stringify(good(), null, 2);
		for (const cut of [1, 10, Math.floor(text.length / 2), text.length - 2]) {
			const e = await rejects(text.slice(0, cut), 'truncated');
			expect(e.message).toMatch(/cut off/);
		}
	});

	it('oversized files are refused before they are read', async () => {
		const huge = {
			size: MAX_IMPORT_BYTES + 1,
			arrayBuffer: () => {
				throw new Error('must not be read');
			}
		} as unknown as Blob;
		const e = await readImportFile(huge).catch((x: unknown) => x);
		expect(e).toMatchObject({ code: 'too-large' });
		expect((e as Error).message).toMatch(/20\.0 MB/);
		await rejects(new Blob([new Uint8Array(MAX_IMPORT_BYTES + 10).fill(0x20)]), 'too-large');
	});

	it('prototype-pollution keys anywhere', async () => {
		const text = JSON.stringify(good());
		for (const key of ['__proto__', 'constructor', 'prototype']) {
			const top = text.replace('{', `{"${key}":{"polluted":true},`);
			expect((await rejects(top, 'forbidden-key')).message).toContain(key);
			const deep = text.replace(
				'"answers":{',
				`"answers":{"${key}":{"value":3,"evidence":[],"updatedAt":"x"},`
			);
			await rejects(deep, 'forbidden-key');
			const inSnapshot = text.replace('"snapshot":{', `"snapshot":{"a":[{"${key}":1}],`);
			await rejects(inSnapshot, 'forbidden-key');
		}
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('deeply nested junk', async () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		expect((await rejects(deep, 'too-deep')).message).toMatch(/nested/);
		const doc = JSON.stringify(good()).replace(
			'"snapshot":{',
			`"snapshot":{"x":${'{"a":'.repeat(80)}1${'}'.repeat(80)},`
		);
		await rejects(doc, 'too-deep');
	});

	it('a newer format version asks to update the app first', async () => {
		const doc = { ...good(), formatVersion: 3 };
		const e = await rejects(JSON.stringify(doc), 'newer-version');
		expect(e.message).toMatch(/newer version of the app/);
		expect(e.message).toMatch(/Update the app first/);
		// Even when the rest of the file is unrecognisable.
		await rejects(JSON.stringify({ format: FORMAT, formatVersion: 7, stuff: [] }), 'newer-version');
	});

	it('JSON that is not an export', async () => {
		await rejects('{"hello":"world"}', 'not-export');
		await rejects('[1,2,3]', 'not-export');
		await rejects(JSON.stringify({ ...good(), format: 'something-else' }), 'not-export');
	});

	it('wrong shapes name the field', async () => {
		const cases: [(d: Record<string, unknown>) => void, RegExp][] = [
			[
				(d) => delete (d.assessment as Record<string, unknown>).meta,
				/the assessment details \(“assessment\.meta”\) is missing/
			],
			[
				(d) => ((d.assessment as Assessment).meta.assessmentDate = '28/11/2026'),
				/assessmentDate.*date like/
			],
			[(d) => ((d.assessment as Assessment).meta.organisation = '   '), /organisation.*empty/],
			[
				(d) => ((d.assessment as Assessment).answers['cc6-mfa']!.value = 9 as never),
				/cc6-mfa\.value/
			],
			[(d) => ((d.assessment as Assessment).categories = ['security' as never]), /categories/],
			[(d) => ((d.assessment as Assessment).id = '../../etc'), /assessment\.id/],
			[
				(d) =>
					((d.assessment as Assessment).meta.branding = { logoDataUrl: 'javascript:alert(1)' }),
				/logoDataUrl/
			],
			[(d) => (d.formatVersion = 0), /formatVersion/],
			[(d) => (d.exportedAt = 'yesterday'), /exportedAt/],
			[(d) => ((d.assessment as Assessment).subservices = 'AWS' as never), /subservices/],
			[
				(d) => ((d.assessment as Assessment).requestsPrepared = ['new-hires'] as never),
				/evidence requests marked prepared.*is a list, but it must be an object keyed by evidence request id/
			],
			[
				(d) => ((d.assessment as Assessment).requestsPrepared = { 'new-hires': 'yesterday' }),
				/requestsPrepared\.new-hires/
			]
		];
		for (const [mutate, pattern] of cases) {
			const d = good() as unknown as Record<string, unknown>;
			mutate(d);
			const e = await rejects(JSON.stringify(d), 'invalid');
			expect(e.message).toMatch(pattern);
			expect(e.message).toMatch(/Nothing was imported/);
		}
	});
});

describe('encrypted export', () => {
	it('round-trips with the passphrase, and stores the KDF parameters in the file', async () => {
		const a = await seedRich();
		const res = await exportAssessment(a.id, { database, download: false, passphrase: PASS });
		expect(res.encrypted).toBe(true);
		expect(res.filename).toMatch(/\.encrypted\.json$/);
		const env = JSON.parse(res.text);
		expect(env).toMatchObject({
			format: 'soc2-readiness-encrypted',
			formatVersion: 1,
			kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 },
			cipher: { name: 'AES-GCM', keyLength: 256 }
		});
		expect(fromBase64(env.kdf.salt)).toHaveLength(16);
		expect(fromBase64(env.cipher.iv)).toHaveLength(12);
		// Nothing readable leaks into the envelope.
		expect(res.text).not.toContain('Northwind');
		expect(res.text).not.toContain('cc6-mfa');
		const back = await importFile(fileOf(res.text), { database: other, passphrase: () => PASS });
		// What was restored exports to the very document that was encrypted: nothing lost.
		const restored = (await getAssessment(a.id, other))!;
		const { yjs, ...plainPart } = res.document;
		expect(buildExportDocument(restored, res.document.exportedAt)).toEqual(plainPart);
		expect(back?.id).toBe(a.id);
		// The envelope carries format version 2: the document came through, so the restored copy
		// is the same lineage (it merges with the original answer by answer).
		expect(res.document.formatVersion).toBe(2);
		expect((await exportState(a.id, other))?.lineage).toBe(yjs?.lineage);
	});

	it('asks for the passphrase, and a cancelled prompt changes nothing', async () => {
		const env = await encryptDocument(fixtureDoc(), PASS);
		const text = JSON.stringify(env);
		const r = readImportText(text);
		expect(r.kind).toBe('encrypted');
		const before = await dumpDatabase(database);
		expect(await importFile(fileOf(text), { database, passphrase: () => null })).toBeNull();
		await expect(importFile(fileOf(text), { database })).rejects.toMatchObject({
			code: 'needs-passphrase'
		});
		expect(await dumpDatabase(database)).toBe(before);
	});

	it('a wrong passphrase is told apart from a tampered file', async () => {
		const env = await encryptDocument(fixtureDoc(), PASS);
		await expect(decryptImport(env, 'Correct horse battery staple')).rejects.toMatchObject({
			code: 'wrong-passphrase'
		});
		const ct = fromBase64(env.ciphertext);
		ct[Math.floor(ct.length / 2)]! ^= 0x01;
		const flipped = { ...env, ciphertext: toBase64(ct) };
		const e1 = await rejects(JSON.stringify(flipped), 'tampered');
		expect(e1.message).toMatch(/altered or damaged/);
		const iv = fromBase64(env.cipher.iv);
		iv[0]! ^= 0x80;
		await rejects(
			JSON.stringify({ ...env, cipher: { ...env.cipher, iv: toBase64(iv) } }),
			'tampered'
		);
		// Changing the KDF parameters gives another key: reported as a passphrase problem.
		await rejects(
			JSON.stringify({ ...env, kdf: { ...env.kdf, iterations: 600_001 } }),
			'wrong-passphrase'
		);
		// A truncated ciphertext.
		await rejects(JSON.stringify({ ...env, ciphertext: env.ciphertext.slice(0, 40) }), 'tampered');
	});

	it('refuses weak or hostile envelope parameters before deriving anything', async () => {
		const env = await encryptDocument(fixtureDoc(), PASS);
		await rejects(JSON.stringify({ ...env, kdf: { ...env.kdf, iterations: 1000 } }), 'invalid');
		await rejects(JSON.stringify({ ...env, kdf: { ...env.kdf, iterations: 1e12 } }), 'invalid');
		await rejects(JSON.stringify({ ...env, kdf: { ...env.kdf, hash: 'SHA-1' } }), 'invalid');
		await rejects(JSON.stringify({ ...env, formatVersion: 2 }), 'newer-version');
	});

	it('decrypts the encrypted fixture kept from format version 1', async () => {
		const r = readImportText(fixtureText('v1-encrypted.json'));
		if (r.kind !== 'encrypted') throw new Error('expected an encrypted file');
		const doc = await decryptImport(r.envelope, PASS);
		expect(doc.assessment).toMatchObject(fixtureDoc().assessment);
	});
});

describe('proxies', () => {
	it('commitImport and buildExportDocument accept state proxies (structuredClone would not)', async () => {
		const deepProxy = <T extends object>(o: T): T =>
			new Proxy(o, {
				get: (t, k) => {
					const v = Reflect.get(t, k) as unknown;
					return v && typeof v === 'object' ? deepProxy(v) : v;
				}
			});
		const doc = deepProxy(fixtureDoc());
		const stored = await commitImport(doc, 'new', other);
		expect((await getAssessment(stored.id, other))?.meta.organisation).toBe('Northwind Analytics');
		expect(buildExportDocument(deepProxy(fixtureAssessment())).assessment.id).toBe(stored.id);
	});
});

describe('buildExportDocument', () => {
	it('does not share objects with the stored assessment', () => {
		const a = fixtureAssessment();
		const doc = buildExportDocument(a, '2026-12-01T00:00:00.000Z');
		(doc.assessment.meta as { organisation: string }).organisation = 'changed';
		expect(a.meta.organisation).toBe('Northwind Analytics');
	});
});
