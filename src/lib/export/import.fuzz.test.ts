/**
 * Import fuzzing (issue 8): well over 1,000 generated malformed files — random text and bytes,
 * truncations, wrong types at every required field, prototype-pollution keys at random places,
 * deep nesting, newer versions, foreign file types, and one 50 MB file. Each must be refused with
 * an ImportError that carries a clear message, and the database must be byte-for-byte unchanged.
 *
 * Generators make only what they claim (a "not a level" number is never NaN, which JSON writes as
 * null — a valid answer); each test has a database of its own, so one accepted file cannot make
 * the next tests fail; the fast-check seed is printed (replay a run with FC_SEED=…).
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadinessDB, createAssessment, dumpDatabase, putAssessment } from '$lib/db';
import { OPTIONAL_CATEGORY_IDS } from '$lib/domain/types';
import { ImportError, importFile, type ImportErrorCode } from './index';
import { fileOf, fixtureAssessment, fixtureDoc } from './test-helpers';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.info(`import.fuzz.test.ts: fast-check seed ${seed} (replay with FC_SEED=${seed})`);

let database: ReadinessDB;
let snapshot: string;
let dbCount = 0;

beforeEach(async () => {
	database = new ReadinessDB(`import-fuzz-${++dbCount}`);
	await database.open();
	// The fixture's own id is stored, so a malformed copy that slipped through would replace it.
	await putAssessment(fixtureAssessment(), database);
	await createAssessment(
		{
			organisation: 'Bystander',
			assessor: 'B',
			assessmentDate: '2026-02-03',
			targetReportDate: null
		},
		database
	);
	snapshot = await dumpDatabase(database);
});
afterEach(async () => {
	await database.delete();
});

let runs = 0;

async function expectRejected(
	content: string | Uint8Array | Blob,
	codes?: ImportErrorCode[]
): Promise<void> {
	runs++;
	const file = content instanceof Blob ? content : fileOf(content);
	const err = await importFile(file, {
		database,
		passphrase: () => 'a passphrase that is wrong',
		onConflict: () => 'replace'
	}).then(
		(stored) => new Error(`accepted a malformed file (stored ${stored?.id})`),
		(e: unknown) => e
	);
	if (!(err instanceof ImportError)) throw err;
	if (codes) expect(codes).toContain(err.code);
	expect(err.message.length).toBeGreaterThan(25);
	expect(err.message).not.toMatch(/undefined|\[object |NaN|Infinity|Invalid |Expected |Received /);
	expect(await dumpDatabase(database)).toBe(snapshot);
}

const goodText = JSON.stringify(fixtureDoc(), null, 2);
type Json = Record<string, unknown>;

/** All object nodes of a document with their paths (for inserting keys at random places). */
function objectNodes(value: unknown, out: Json[] = []): Json[] {
	if (value && typeof value === 'object') {
		if (!Array.isArray(value)) out.push(value as Json);
		for (const child of Object.values(value as Json)) objectNodes(child, out);
	}
	return out;
}

const notDate = fc.oneof(
	fc.string().filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
	// Written like a date, but not one on the calendar.
	fc.constantFrom(
		'2026-02-30',
		'2026-02-31',
		'2025-02-29',
		'2026-04-31',
		'2026-13-01',
		'2026-00-10'
	),
	fc.integer(),
	fc.constant(null),
	fc.boolean()
);
const notString = fc.oneof(
	fc.integer(),
	fc.boolean(),
	fc.array(fc.integer(), { maxLength: 3 }),
	fc.object({ maxDepth: 1 })
);

/** [description, how to break a fresh copy of the document]. */
const breakers: fc.Arbitrary<(d: Json) => void> = fc.oneof(
	notDate.map((x) => (d: Json) => (((d.assessment as Json).meta as Json).assessmentDate = x)),
	notString.map((x) => (d: Json) => (((d.assessment as Json).meta as Json).organisation = x)),
	fc
		.oneof(
			fc.integer({ min: 6 }),
			fc.integer({ max: -1 }),
			fc.double({ min: 0.1, max: 4.9, noInteger: true, noNaN: true }),
			fc.string().filter((s) => s !== 'na' && s !== 'unknown')
		)
		.map(
			(x) => (d: Json) => ((((d.assessment as Json).answers as Json)['cc6-mfa'] as Json).value = x)
		),
	fc
		.oneof(
			fc.string().filter((s) => !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(s)),
			fc.integer()
		)
		.map((x) => (d: Json) => ((d.assessment as Json).id = x)),
	fc.constantFrom('assessment', 'exportedAt', 'app', 'format').map((k) => (d: Json) => delete d[k]),
	fc
		.constantFrom('id', 'meta', 'createdAt', 'updatedAt')
		.map((k) => (d: Json) => delete (d.assessment as Json)[k]),
	notString.map((x) => (d: Json) => ((d.assessment as Json).createdAt = x)),
	fc
		.oneof(
			fc.string().filter((s) => !(OPTIONAL_CATEGORY_IDS as readonly string[]).includes(s)),
			fc.integer(),
			fc.constant(null)
		)
		.map((x) => (d: Json) => ((d.assessment as Json).categories = [x])),
	fc
		.oneof(fc.string(), fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 }))
		.map((x) => (d: Json) => ((d.assessment as Json).subservices = x === null ? 'none' : x)),
	fc
		.oneof(
			fc.integer({ max: 0 }),
			fc.double({ min: 0.01, max: 0.99, noInteger: true, noNaN: true }),
			fc.constant('1')
		)
		.map((x) => (d: Json) => (d.formatVersion = x)),
	fc
		.string()
		.filter((s) => s !== 'soc2-readiness-assessment' && s !== 'soc2-readiness-encrypted')
		.map((x) => (d: Json) => (d.format = x)),
	fc
		.string({ minLength: 1 })
		.map(
			(x) => (d: Json) =>
				(((d.assessment as Json).meta as Json).branding = { logoDataUrl: `javascript:${x}` })
		)
);

describe('import fuzzing', () => {
	it('random text is refused', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (s) => {
				await expectRejected(s);
			}),
			{ seed, numRuns: 200 }
		);
	});

	it('random JSON values that are not exports are refused', async () => {
		await fc.assert(
			fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
				await expectRejected(JSON.stringify(value));
			}),
			{ seed, numRuns: 150 }
		);
	});

	it('random bytes, with and without a foreign file signature, are refused', async () => {
		const signatures = [
			[0x25, 0x50, 0x44, 0x46],
			[0x50, 0x4b, 0x03, 0x04],
			[0x89, 0x50, 0x4e, 0x47],
			[0xff, 0xd8, 0xff],
			[]
		];
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...signatures),
				fc.uint8Array({ maxLength: 400 }),
				async (sig, body) => {
					await expectRejected(
						new Uint8Array([...sig, ...body]),
						sig.length ? ['wrong-type'] : undefined
					);
				}
			),
			{ seed, numRuns: 120 }
		);
	});

	it('every truncation of a valid export is refused as truncated', async () => {
		const end = goodText.lastIndexOf('}');
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 0, max: end }), async (cut) => {
				await expectRejected(goodText.slice(0, cut), ['truncated', 'empty']);
			}),
			{ seed, numRuns: 200 }
		);
	});

	it('wrong types, missing fields and foreign formats are refused', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(breakers, { minLength: 1, maxLength: 3 }), async (breaks) => {
				const d = JSON.parse(goodText) as Json;
				for (const b of breaks) {
					try {
						b(d);
					} catch {
						// An earlier break removed this one's parent: the file is broken already.
					}
				}
				// fc.object may generate "__proto__"/"constructor" keys: refusing those is right too.
				await expectRejected(JSON.stringify(d), [
					'invalid',
					'not-export',
					'newer-version',
					'forbidden-key'
				]);
			}),
			{ seed, numRuns: 250 }
		);
	});

	it('prototype-pollution keys at any depth are refused', async () => {
		const nodeCount = objectNodes(JSON.parse(goodText)).length;
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: nodeCount - 1 }),
				fc.constantFrom('__proto__', 'constructor', 'prototype'),
				fc.jsonValue({ maxDepth: 2 }),
				async (at, key, value) => {
					const d = JSON.parse(goodText) as Json;
					const node = objectNodes(d)[at]!;
					Object.defineProperty(node, key, {
						value,
						enumerable: true,
						configurable: true,
						writable: true
					});
					const text = JSON.stringify(d);
					expect(text).toContain(`"${key}":`);
					await expectRejected(text, ['forbidden-key']);
				}
			),
			{ seed, numRuns: 150 }
		);
		expect(({} as Json).polluted).toBeUndefined();
	});

	it('deeply nested junk anywhere is refused', async () => {
		const nodeCount = objectNodes(JSON.parse(goodText)).length;
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: nodeCount - 1 }),
				fc.integer({ min: 70, max: 20_000 }),
				fc.constantFrom('[', '{"a":'),
				async (at, depth, open) => {
					const d = JSON.parse(goodText) as Json;
					const marker = '"__deep_marker__"';
					objectNodes(d)[at]!.junk = '__deep_marker__';
					const close = open === '[' ? ']' : '}';
					const text = JSON.stringify(d).replace(
						marker,
						open.repeat(depth) + '1' + close.repeat(depth)
					);
					await expectRejected(text, ['too-deep']);
				}
			),
			{ seed, numRuns: 100 }
		);
	});

	it('newer format versions are refused with an update message', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 2, max: 1_000_000 }),
				fc.boolean(),
				async (v, encrypted) => {
					const d = JSON.parse(goodText) as Json;
					// Plain exports are read up to version 2, encrypted envelopes up to version 1.
					d.formatVersion = encrypted ? v : v + 1;
					if (encrypted) d.format = 'soc2-readiness-encrypted';
					await expectRejected(JSON.stringify(d), ['newer-version']);
				}
			),
			{ seed, numRuns: 60 }
		);
	});

	it('a 50 MB file is refused before it is read', async () => {
		const big = new Blob([new Uint8Array(50 * 1024 * 1024).fill(0x7b)], {
			type: 'application/json'
		});
		await expectRejected(big, ['too-large']);
	});

	it('ran at least 1,000 generated files', () => {
		expect(runs).toBeGreaterThanOrEqual(1_000);
	});
});
