/**
 * The firm library file: what it round-trips, and every hostile or mistaken file refused with a
 * message that says what to do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../../scripts/lib/bank-node';
import type { CustomQuestion, FirmLibrary } from '$lib/domain/types';
import {
	LIBRARY_FORMAT,
	LIBRARY_LIMITS,
	buildLibraryDocument,
	checkLibrary,
	emptyLibrary,
	libraryFilename,
	readLibraryFile,
	readLibraryText
} from './library';
import { FORBIDDEN_KEYS, ImportError } from './safe-json';

const bank = loadBankFromDisk();
const NOW = '2026-12-04T10:00:00.000Z';

const question: CustomQuestion = {
	id: 'custom-contract-sla',
	area: 'A1',
	criteria: ['A1.1'],
	title: 'Contractual uptime commitments tracked',
	prompt: 'Do you track every uptime commitment made in customer contracts?',
	why: 'Availability commitments are what A1 is tested against.',
	level3: 'A register lists every contractual uptime commitment.',
	level4: 'Monthly uptime is compared with the register.',
	evidence: ['Commitment register'],
	criticality: 3,
	weight: 1,
	remediation: [
		{
			id: 'rem.custom-contract-sla.register',
			action: 'List every contractual uptime commitment in one register',
			ownerRole: 'Head of Customer Success',
			effort: 'S',
			kind: 'design',
			acceptance: ['Every active contract is in the register'],
			evidence: ['The register'],
			dependsOn: [],
			quickWin: false,
			appliesBelow: 3
		}
	]
};

const library: FirmLibrary = {
	name: 'Acme Advisory method',
	questions: [question],
	branding: { brandColor: '#1d3a5f', logoDataUrl: null },
	ownerRoles: { 'Head of Engineering': 'CTO' },
	introduction: 'This readiness review follows the Acme Advisory method.',
	updatedAt: '2026-12-01T08:00:00.000Z'
};

const fileText = (lib: unknown, over: Record<string, unknown> = {}) =>
	JSON.stringify({ ...buildLibraryDocument(library, NOW), library: lib, ...over });

function refusal(text: string): ImportError {
	try {
		readLibraryText(text, bank, NOW);
	} catch (e) {
		expect(e).toBeInstanceOf(ImportError);
		return e as ImportError;
	}
	throw new Error('the file was accepted');
}

describe('library file: round trip', () => {
	it('a library written and read back is the same library', () => {
		const text = JSON.stringify(buildLibraryDocument(library, NOW));
		expect(readLibraryText(text, bank, NOW)).toEqual(library);
	});

	it('an empty library round-trips', () => {
		const empty = emptyLibrary('Solo practice', NOW);
		expect(readLibraryText(JSON.stringify(buildLibraryDocument(empty, NOW)), bank, NOW)).toEqual(
			empty
		);
	});

	it('fills in what an older or hand-written file leaves out', () => {
		const read = readLibraryText(fileText({ name: '  Minimal  ' }), bank, NOW);
		expect(read).toEqual({
			name: 'Minimal',
			questions: [],
			branding: { brandColor: null, logoDataUrl: null },
			ownerRoles: {},
			introduction: '',
			updatedAt: NOW
		});
	});

	it('names the file after the library', () => {
		expect(libraryFilename('Acme Advisory — Method', NOW)).toBe(
			'soc2-readiness-library-acme-advisory-method-2026-12-04.json'
		);
		expect(libraryFilename('!!!', NOW)).toBe('soc2-readiness-library-firm-2026-12-04.json');
	});

	it('any text within the limits survives the round trip (trimmed)', () => {
		const text = (max: number) =>
			fc
				.string({ unit: 'binary', maxLength: max })
				.filter((s) => s.trim().length > 0)
				.map((s) => s.trim());
		fc.assert(
			fc.property(
				text(80),
				fc.string({ unit: 'binary', maxLength: 400 }).map((s) => s.trim()),
				// Property names that could reach a prototype are refused in every file (tested above).
				fc.dictionary(
					text(40).filter((k) => !FORBIDDEN_KEYS.has(k)),
					text(40),
					{ maxKeys: 5 }
				),
				(name, introduction, ownerRoles) => {
					const lib = { ...library, name, introduction, ownerRoles };
					const read = readLibraryText(JSON.stringify(buildLibraryDocument(lib, NOW)), bank, NOW);
					expect(read).toEqual(lib);
				}
			),
			{ seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31), verbose: 1 }
		);
	});
});

describe('library file: refused, with what to do', () => {
	const cases: [string, string, RegExp][] = [
		['empty', '', /The file is empty\. Nothing was imported and your library is unchanged\./],
		['not JSON', 'name: Acme', /not JSON, so it is not a library file/],
		['a web page', '<html></html>', /a web page or XML document, not a library file/],
		['a list', '[]', /does not hold a firm library/],
		[
			'an assessment export',
			JSON.stringify({ format: 'soc2-readiness-assessment', formatVersion: 1 }),
			/This is an assessment export, not a firm library\. Import it from the list of assessments/
		],
		[
			'an encrypted assessment export',
			JSON.stringify({ format: 'soc2-readiness-encrypted', formatVersion: 1 }),
			/This is an assessment export, not a firm library/
		],
		['another format', JSON.stringify({ format: 'other' }), /is not a firm library from SOC 2/],
		[
			'a newer format',
			fileText(library, { formatVersion: 2 }),
			/made by a newer version of the app \(library format 2; this version reads format 1\)/
		],
		[
			'no library inside',
			JSON.stringify({ format: LIBRARY_FORMAT, formatVersion: 1 }),
			/hold a “library”/
		],
		[
			'a prototype key',
			`{"format":"${LIBRARY_FORMAT}","formatVersion":1,"library":{"name":"x","__proto__":{"a":1}}}`,
			/property named “__proto__”\. Library files never do/
		],
		[
			'nesting too deep',
			`{"format":"${LIBRARY_FORMAT}","formatVersion":1,"library":${'['.repeat(70)}${']'.repeat(70)}}`,
			/nested more than 64 levels deep, far more than a library file ever is/
		],
		[
			'an empty name',
			fileText({ ...library, name: '   ' }),
			/Give the library a name, such as your firm’s\./
		],
		[
			'a name too long',
			fileText({ ...library, name: 'n'.repeat(LIBRARY_LIMITS.name + 1) }),
			/Keep the library name to 200 characters or fewer \(this one has 201\)/
		],
		[
			'too many questions',
			fileText({ ...library, questions: Array.from({ length: 501 }, () => question) }),
			/a library holds at most 500 custom questions/
		],
		[
			'a broken custom question',
			fileText({ ...library, questions: [{ ...question, criteria: ['A1.9'] }] }),
			/custom questions: question custom-contract-sla: unknown criterion A1\.9/
		],
		[
			'a custom question that takes a bank id',
			fileText({ ...library, questions: [{ ...question, id: 'cc6-mfa' }] }),
			/question cc6-mfa: id is already used in questions\/maturity\/cc6\.yaml/
		],
		[
			'a bad colour',
			fileText({ ...library, branding: { brandColor: 'red' } }),
			/must be a colour like #1d3a5f/
		],
		[
			'a logo that is not an image',
			fileText({ ...library, branding: { logoDataUrl: 'javascript:alert(1)' } }),
			/must be a PNG, JPEG, WebP or GIF image/
		],
		[
			'owner roles as a list',
			fileText({ ...library, ownerRoles: ['CTO'] }),
			/owner role names must be an object/
		],
		[
			'an empty owner role name',
			fileText({ ...library, ownerRoles: { 'Head of Engineering': ' ' } }),
			/A role name must not be empty/
		],
		[
			'an introduction too long',
			fileText({ ...library, introduction: 'i'.repeat(LIBRARY_LIMITS.introduction + 1) }),
			/Keep the introduction to 5,000 characters or fewer/
		]
	];
	it.each(cases)('%s', (_name, text, message) => {
		const e = refusal(text);
		expect(e.message).toMatch(message);
		expect(e.message).toMatch(/Nothing was imported and your library is unchanged\.$/);
	});

	it('binary files are refused before parsing', async () => {
		const pdf = new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])]);
		await expect(readLibraryFile(pdf, bank, NOW)).rejects.toThrow(
			/This is a PDF document, not a library file/
		);
	});

	it('a file larger than the limit is refused without reading it', async () => {
		const huge = { size: 21 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('read')) };
		await expect(readLibraryFile(huge as unknown as Blob, bank, NOW)).rejects.toThrow(
			/a library file is at most 20\.0 MB/
		);
	});

	it('checkLibrary lists every problem', () => {
		const r = checkLibrary(
			bank,
			{ ...library, questions: [{ ...question, criteria: ['A1.9'], level4: question.level3 }] },
			NOW
		);
		expect(r.library).toBeNull();
		expect(r.problems).toEqual(
			expect.arrayContaining([
				'custom questions: question custom-contract-sla: unknown criterion A1.9',
				'custom questions: question custom-contract-sla: level3 and level4 must describe different states'
			])
		);
	});
});
