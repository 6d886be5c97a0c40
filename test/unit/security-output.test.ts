/**
 * Hostile user text through every output: an assessment whose every free-text field holds a
 * payload from test/fixtures/xss/payloads.json goes through the real bank, the engine and each
 * exporter. CSV cells must be inert in a spreadsheet, the JSON export must carry the text
 * verbatim (and import back unchanged), and the PDF must show it as literal text with no
 * JavaScript, launch or non-http(s) link actions.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { buildReportModel } from '$lib/domain/engine';
import type { Assessment, Bank, EvidencePointer, ReportModel } from '$lib/domain/types';
import { BOM, cuecsCsv, gapsCsv, planCsv } from '$lib/report/csv';
import { renderReportPdf } from '$lib/report/pdf';
import { buildExportDocument, decryptImport, readImportText } from '$lib/export';
import { PBKDF2_ITERATIONS, encryptDocument } from '$lib/export/crypto';

interface Payloads {
	html: string[];
	template: string[];
	urls: string[];
	formula: string[];
}

const P = JSON.parse(readFileSync('test/fixtures/xss/payloads.json', 'utf8')) as Payloads;
const TEXT = [...P.html, ...P.template];
const TODAY = '2026-10-01';

/** Cycles through a list so every payload is used at least once across many fields. */
function cycler(list: string[]) {
	let i = 0;
	return () => list[i++ % list.length]!;
}

/** Where each payload was put, so each output can be checked for the fields it prints. */
interface Placed {
	field: string;
	value: string;
}

function hostileAssessment(bank: Bank): { a: Assessment; placed: Placed[] } {
	const base = JSON.parse(readFileSync('test/fixtures/exports/v1-full.json', 'utf8'))
		.assessment as Assessment;
	const placed: Placed[] = [];
	const put = (field: string, value: string) => {
		placed.push({ field, value });
		return value;
	};
	const text = cycler(TEXT);
	const a: Assessment = structuredClone(base);
	a.meta.organisation = put('organisation', P.html[0]!);
	a.meta.assessor = put('assessor', P.html[1]!);
	a.profile['scope.services'] = put('scope.services', P.html[2]!);
	a.profile['scope.incidents'] = put('scope.incidents', P.template[0]!);
	a.profile['scope.locations'] = put('scope.locations', P.html[3]!);
	a.subservices = TEXT.map((t, i) => ({
		id: `sub-${i}`,
		name: put('vendor.name', t),
		kind: 'other',
		role: 'subservice',
		services: put('vendor.services', text()),
		method: 'carve-out',
		socReport: 'none',
		reportReviewed: false,
		reviewDate: null,
		csocs: [put('vendor.csoc', text())],
		notes: put('vendor.notes', text())
	}));
	a.cuecs = [...P.formula, ...TEXT].map((t, i) => ({
		id: `cuec-x-${i}`,
		templateId: null,
		area: put(
			'cuec.area',
			i < P.formula.length ? P.formula[(i + 1) % P.formula.length]! : 'Custom'
		),
		text: put('cuec.text', t),
		criteria: ['CC6.1']
	}));
	// Answer enough in-scope questions to use every payload as a note, an N/A reason and in
	// evidence pointers; level 0 so they become gaps and plan actions.
	const questions = bank.questions.filter((q) => q.area.startsWith('CC')).slice(0, 24);
	const urls = cycler(P.urls);
	const names = cycler([...TEXT, ...P.formula]);
	a.answers = {};
	questions.forEach((q, i) => {
		const evidence: EvidencePointer[] = [
			{
				id: `ev-${i}-a`,
				name: put('evidence.name', names()),
				location: put('evidence.location', urls()),
				owner: put('evidence.owner', text())
			}
		];
		a.answers[q.id] =
			i % 3 === 2
				? {
						value: 'na',
						naReason: put('naReason', text()),
						note: put('note', text()),
						evidence,
						updatedAt: '2026-09-20T10:00:00.000Z'
					}
				: { value: 0, note: put('note', text()), evidence, updatedAt: '2026-09-20T10:00:00.000Z' };
	});
	// Owner roles the user typed over plan actions: formulas must not survive into the CSV.
	const owner = cycler(P.formula);
	a.planOverrides = {};
	for (const q of questions) {
		for (const r of q.remediation) a.planOverrides[r.id] = { ownerRole: put('ownerRole', owner()) };
	}
	return { a, placed };
}

/** A strict RFC 4180 reader (records of fields) for the CSV oracle. */
function parseCsv(input: string): string[][] {
	expect(input.startsWith(BOM)).toBe(true);
	const s = input.slice(BOM.length);
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < s.length; i++) {
		const ch = s[i]!;
		if (quoted) {
			if (ch === '"' && s[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') {
			if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
			quoted = true;
		} else if (ch === ',') {
			row.push(field);
			field = '';
		} else if (ch === '\r' && s[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else if (ch === '\n' || ch === '\r') {
			throw new Error(`bare line break outside quotes at ${i}`);
		} else field += ch;
	}
	if (quoted || field !== '' || row.length) throw new Error('unterminated CSV');
	return rows;
}

const squash = (s: string) => s.replace(/\s+/g, '');

let bank: Bank;
let hostile: Assessment;
let placed: Placed[];
let model: ReportModel;

beforeAll(() => {
	bank = loadBankFromDisk();
	({ a: hostile, placed } = hostileAssessment(bank));
	model = buildReportModel(bank, hostile, TODAY);
});

describe('hostile text in CSV exports', () => {
	it('no cell of the gap, plan or CUEC register starts with a formula trigger', () => {
		const files = { gaps: gapsCsv(model), plan: planCsv(model), cuecs: cuecsCsv(model) };
		for (const [name, csv] of Object.entries(files)) {
			const rows = parseCsv(csv);
			expect(rows.length, `${name} has data rows`).toBeGreaterThan(1);
			for (const cell of rows.flat()) {
				const label = `${name}.csv cell ${JSON.stringify(cell)}`;
				expect(cell, label).not.toMatch(/^[\t\r]/);
				// The first visible character is never a formula starter, full-width or small forms included.
				expect(cell, label).not.toMatch(/^[\s\p{Cc}\p{Cf}]*[=+\-@＝＋－＠﹦﹢﹣﹫]/u);
			}
		}
	});

	it('keeps the text of every formula payload, only defused with a leading apostrophe', () => {
		const cells = new Set([...parseCsv(cuecsCsv(model)), ...parseCsv(planCsv(model))].flat());
		const inCsv = placed.filter(
			(p) =>
				['cuec.text', 'cuec.area', 'ownerRole'].includes(p.field) && P.formula.includes(p.value)
		);
		expect(inCsv.length).toBeGreaterThanOrEqual(P.formula.length);
		for (const { field, value } of inCsv) {
			// Every payload of the list is a formula, CR-first ones included: the apostrophe comes
			// before the line break that CR becomes.
			const expected = `'${value.replace(/\r\n?/g, '\n')}`;
			expect(
				cells.has(expected),
				`${field} ${JSON.stringify(value)} as ${JSON.stringify(expected)}`
			).toBe(true);
		}
	});

	it('HTML and template payloads stay plain text in the CUEC register', () => {
		const cells = new Set(parseCsv(cuecsCsv(model)).flat());
		for (const t of TEXT) expect(cells.has(t), t).toBe(true);
	});
});

describe('hostile text in the JSON export', () => {
	it('is carried verbatim (JSON-escaped) and imports back unchanged', () => {
		const doc = buildExportDocument(hostile, '2026-10-01T09:00:00.000Z');
		const text = JSON.stringify(doc, null, 2);
		for (const { value } of placed) {
			expect(text.includes(JSON.stringify(value).slice(1, -1)), value).toBe(true);
		}
		const back = readImportText(text);
		expect(back.kind).toBe('plain');
		if (back.kind !== 'plain') return;
		const { lastExportedAt: _l, ...got } = back.document.assessment as Assessment;
		const { lastExportedAt: _h, ...want } = hostile;
		expect(got).toEqual(want);
	});
});

describe('the encrypted JSON export', () => {
	it('carries no plaintext of the assessment, with a fresh salt and IV every time', async () => {
		const doc = buildExportDocument(hostile, '2026-10-01T09:00:00.000Z');
		const passphrase = 'correct horse battery staple';
		const [one, two] = await Promise.all([
			encryptDocument(doc, passphrase),
			encryptDocument(doc, passphrase)
		]);
		expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
		expect(one.kdf).toMatchObject({
			name: 'PBKDF2',
			hash: 'SHA-256',
			iterations: PBKDF2_ITERATIONS
		});
		expect(one.cipher).toMatchObject({ name: 'AES-GCM', keyLength: 256 });
		expect(atob(one.kdf.salt)).toHaveLength(16);
		expect(atob(one.cipher.iv)).toHaveLength(12);
		expect(two.kdf.salt).not.toBe(one.kdf.salt);
		expect(two.cipher.iv).not.toBe(one.cipher.iv);
		expect(two.ciphertext).not.toBe(one.ciphertext);
		const file = JSON.stringify(one);
		const secrets = [
			hostile.id,
			hostile.meta.organisation,
			hostile.meta.assessor,
			...placed.map((p) => p.value),
			...Object.keys(hostile.answers)
		];
		for (const s of secrets) {
			expect(file.includes(s) || file.includes(JSON.stringify(s).slice(1, -1)), s).toBe(false);
		}
		const back = await decryptImport(one, passphrase);
		expect(back.assessment.meta.organisation).toBe(hostile.meta.organisation);
	}, 60_000);
});

describe('hostile text in the PDF', () => {
	let bytes: Uint8Array;
	let pdfText = '';
	beforeAll(async () => {
		bytes = await renderReportPdf(model);
		const { extractText, getDocumentProxy } = await import('unpdf');
		const pdf = await getDocumentProxy(new Uint8Array(bytes));
		const { text } = await extractText(pdf, { mergePages: true });
		pdfText = squash(text as string);
	}, 60_000);

	it('prints every payload the report shows as literal text', () => {
		const shown = [
			'organisation',
			'assessor',
			'scope.services',
			'vendor.name',
			'vendor.notes',
			'cuec.text',
			'note',
			'naReason',
			'evidence.name',
			'evidence.location',
			'evidence.owner'
		];
		const expected = placed.filter((p) => shown.includes(p.field) && !/[\t\r]/.test(p.value));
		for (const f of shown)
			expect(
				expected.some((p) => p.field === f),
				`${f} was placed`
			).toBe(true);
		const missing = expected.filter((p) => !pdfText.includes(squash(p.value)));
		expect(missing).toEqual([]);
	});

	it('contains no JavaScript, launch, embedded-file or non-http(s) link actions', () => {
		// Object dictionaries only: compressed stream bytes can contain anything by chance.
		const raw = Buffer.from(bytes)
			.toString('latin1')
			.replace(/stream\r?\n[\s\S]*?endstream/g, 'stream endstream');
		expect(raw).toMatch(/\/Type\s*\/Catalog/);
		expect(raw).not.toMatch(
			/\/(JavaScript|JS|Launch|EmbeddedFile|SubmitForm|ImportData|RichMedia)\b/
		);
		const uris = [...raw.matchAll(/\/URI\s*\(([^)]*)\)/g)].map((m) => m[1]!);
		for (const u of uris) expect(u, 'link target').toMatch(/^https?:\/\//i);
		expect(raw).not.toMatch(/\/URI\s*\(\s*(javascript|data|vbscript)/i);
	});
});
