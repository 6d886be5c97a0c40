import { describe, expect, it } from 'vitest';
import * as f from './fields';
import { FIELD_LIMITS as L, type FieldResult } from './fields';

type Row = [what: string, input: unknown, expected: { value: unknown } | RegExp];

/** Runs one validator over a table: `{ value }` = accepted as that value, RegExp = refused with a message matching it. */
function table(name: string, validate: (x: unknown) => FieldResult<unknown>, rows: Row[]) {
	describe(name, () => {
		it.each(rows)('%s', (_what, input, expected) => {
			const r = validate(input);
			if (expected instanceof RegExp) {
				expect(r.ok, `expected a refusal, got ${JSON.stringify(r)}`).toBe(false);
				if (!r.ok) expect(r.message).toMatch(expected);
			} else {
				expect(r).toEqual({ ok: true, value: expected.value });
			}
		});
	});
}

const x = (count: number) => 'x'.repeat(count);

/** The rows every length-limited text field shares: the limit itself passes, one more fails. */
function limitRows(max: number, words: RegExp): Row[] {
	return [
		[`exactly ${max} characters`, x(max), { value: x(max) }],
		[`${max + 1} characters`, x(max + 1), words],
		['not text', 42, /as text/]
	];
}

table('organisationName', f.organisationName, [
	['a name, trimmed', '  Acme Ltd  ', { value: 'Acme Ltd' }],
	['empty', '', /Enter the name of the organisation/],
	['blank', '   \t', /Enter the name of the organisation/],
	['missing', undefined, /as text/],
	...limitRows(500, /organisation name to 500 characters or fewer \(this one has 501\)/),
	// The limit counts the text as given, spaces included (what maxlength and the schema count).
	['500 characters of which 2 spaces', ` ${x(498)} `, { value: x(498) }],
	['501 characters of which 2 spaces', ` ${x(499)}  `, /500 characters/]
]);

table('assessorName', f.assessorName, [
	['a name', 'Dana Scully', { value: 'Dana Scully' }],
	['blank', ' ', /Enter who is running the assessment/],
	...limitRows(500, /assessor’s name to 500/)
]);

table('assessmentDate', f.assessmentDate, [
	['a date', '2026-03-31', { value: '2026-03-31' }],
	['a leap day', '2024-02-29', { value: '2024-02-29' }],
	['empty', '', /Enter the date of the assessment/],
	['an impossible date', '2026-02-30', /full date/],
	['a date and time', '2026-03-31T10:00', /full date/],
	['a number', 20260331, /full date/]
]);

describe('targetReportDate', () => {
	it.each<Row>([
		['empty is no target', '', { value: null }],
		['null is no target', null, { value: null }],
		['a date', '2026-09-30', { value: '2026-09-30' }],
		['an impossible date', '2026-02-31', /full date/]
	])('%s', (_w, input, expected) => {
		const r = f.targetReportDate(input);
		if (expected instanceof RegExp) expect(!r.ok && r.message).toMatch(expected);
		else expect(r).toEqual({ ok: true, value: expected.value });
	});
	it.each([
		['a day before', '2026-03-30', false],
		['the same day', '2026-03-31', true],
		['a day after', '2026-04-01', true]
	])('%s the assessment date', (_w, target, accepted) => {
		const r = f.targetReportDate(target, '2026-03-31');
		expect(r.ok).toBe(accepted);
		if (!r.ok) expect(r.message).toBe(f.TARGET_BEFORE_ASSESSMENT);
	});
});

table('planStartDate', f.planStartDate, [
	['empty', '', { value: null }],
	['a date', '2026-05-01', { value: '2026-05-01' }],
	['not a date', 'May', /plan start date as a full date/]
]);

table('brandColor', f.brandColor, [
	['six digits', '#1D3A5F', { value: '#1d3a5f' }],
	['without #', '1d3a5f', { value: '#1d3a5f' }],
	['three digits', '#abc', { value: '#aabbcc' }],
	['eight digits (alpha dropped)', '#1d3a5f80', { value: '#1d3a5f' }],
	['four digits (alpha dropped)', '#abcd', { value: '#aabbcc' }],
	['empty is the default', '', { value: null }],
	['null is the default', null, { value: null }],
	['five digits', '#12345', /hex code/],
	['a colour name', 'navy', /hex code/],
	['CSS injection', '#fff;background:url(x)', /hex code/]
]);

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
table('logoDataUrl', f.logoDataUrl, [
	['a PNG', PNG, { value: PNG }],
	[
		'a GIF an older import carried',
		'data:image/gif;base64,R0lG',
		{ value: 'data:image/gif;base64,R0lG' }
	],
	['none', null, { value: null }],
	['an SVG', 'data:image/svg+xml;base64,PHN2Zz4=', /PNG, JPEG, WebP or GIF/],
	['a web address', 'https://example.com/logo.png', /PNG, JPEG, WebP or GIF/],
	[
		'longer than an assessment may hold',
		`data:image/png;base64,${'A'.repeat(L.logoDataUrl)}`,
		/larger than the 1.5 MB/
	]
]);

describe('logoFileProblem (a chosen file)', () => {
	const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
	it.each([
		['a small PNG', png, png.length, null],
		['a JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 4, null],
		['an empty file', new Uint8Array(), 0, /empty/],
		['text', new TextEncoder().encode('<svg/>'), 6, /neither/],
		['a PNG over 300 KB', png, f.MAX_LOGO_BYTES + 1, /at most 300 KB/]
	])('%s', (_w, bytes, size, expected) => {
		const r = f.logoFileProblem(bytes, size);
		if (expected === null) expect(r).toBeNull();
		else expect(r).toMatch(expected);
	});
});

table('branding', f.branding, [
	['nothing', undefined, { value: {} }],
	[
		'logo and colour',
		{ logoDataUrl: PNG, brandColor: '#ABC' },
		{ value: { logoDataUrl: PNG, brandColor: '#aabbcc' } }
	],
	[
		'a field it does not know is kept',
		{ brandColor: null, font: 'x' },
		{ value: { font: 'x', logoDataUrl: null, brandColor: null } }
	],
	['a bad colour', { brandColor: 'blue' }, /hex code/],
	['not an object', 'blue', /logo and a colour/]
]);

table('vendorName', f.vendorName, [
	['a name, trimmed', ' AWS ', { value: 'AWS' }],
	['blank (a new card; the stage asks)', '', { value: '' }],
	...limitRows(1_000, /vendor name to 1,000/)
]);
table('vendorKind', f.vendorKind, [
	['a kind', 'cloud', { value: 'cloud' }],
	...limitRows(1_000, /kind/)
]);
table('vendorServices', f.vendorServices, [
	['kept as typed', ' Hosting\n', { value: ' Hosting\n' }],
	...limitRows(100_000, /what the vendor does to 100,000/)
]);
table('vendorNotes', f.vendorNotes, [
	['notes', 'n', { value: 'n' }],
	...limitRows(100_000, /vendor notes/)
]);
table('vendorDate', f.vendorDate, [
	['empty', '', { value: null }],
	['a date', '2026-01-31', { value: '2026-01-31' }],
	['not a date', '31/01/2026', /full date/]
]);
table('csocText', f.csocText, [
	['a control, trimmed', ' Backups are tested ', { value: 'Backups are tested' }],
	['blank', '  ', /Describe the control/],
	...limitRows(100_000, /the control to 100,000/)
]);
table('cuecArea', f.cuecArea, [
	['an area', 'Access', { value: 'Access' }],
	...limitRows(1_000, /the area/)
]);
table('cuecText', f.cuecText, [
	['blank (a new custom CUEC; the stage asks)', '', { value: '' }],
	...limitRows(100_000, /CUEC wording/)
]);
table('naReason', f.naReason, [
	['kept as typed', 'No office.\n', { value: 'No office.\n' }],
	...limitRows(100_000, /the reason to 100,000/)
]);
table('answerNote', f.answerNote, [
	['a note', 'n', { value: 'n' }],
	...limitRows(100_000, /the note/)
]);
table('evidenceName', f.evidenceName, [
	['a name', ' Q1 review ', { value: 'Q1 review' }],
	['blank', '', /Give the evidence a name/],
	...limitRows(1_000, /evidence name/)
]);
table('evidenceLocation', f.evidenceLocation, [
	['a URL', 'https://x.test/a', { value: 'https://x.test/a' }],
	['blank (a fingerprint may stand in)', '', { value: '' }],
	...limitRows(5_000, /location to 5,000/)
]);
table('evidenceOwner', f.evidenceOwner, [
	['an owner', 'CTO', { value: 'CTO' }],
	...limitRows(1_000, /the owner to/)
]);
table('evidenceSha256', f.evidenceSha256, [
	['a hash', 'A'.repeat(64), { value: 'a'.repeat(64) }],
	['too short', 'a'.repeat(63), /64 hexadecimal/],
	['not hex', 'g'.repeat(64), /64 hexadecimal/]
]);
table('planOwnerRole', f.planOwnerRole, [
	['a role', ' CTO ', { value: 'CTO' }],
	...limitRows(1_000, /owner role/)
]);
table('libraryName', f.libraryName, [
	['a name', ' Acme Advisory ', { value: 'Acme Advisory' }],
	['blank', '   ', /Give the library a name/],
	...limitRows(200, /the library name to 200/)
]);
table('ownerRoleName', f.ownerRoleName, [
	['a name', ' Founder ', { value: 'Founder' }],
	['blank', ' ', /A role name must not be empty/],
	...limitRows(1_000, /the role name to 1,000/)
]);
table('reportIntroduction', f.reportIntroduction, [
	[
		'a paragraph',
		' This review follows our method. ',
		{ value: 'This review follows our method.' }
	],
	['blank is no introduction', '  ', { value: '' }],
	...limitRows(5_000, /the introduction to 5,000/)
]);
table('profileText', f.profileText, [
	['an answer', 'We use AWS', { value: 'We use AWS' }],
	['blank is no answer', '  ', { value: null }],
	...limitRows(100_000, /the answer to 100,000/)
]);
table('profileDate', f.profileDate, [
	['empty', '', { value: null }],
	['a date', '2025-12-31', { value: '2025-12-31' }],
	['an impossible date', '2025-02-29', /full date/]
]);
table('profileNumber', f.profileNumber, [
	['a number', 12, { value: 12 }],
	['typed text of a number', ' 12.5 ', { value: 12.5 }],
	['empty', '', { value: null }],
	['not a number', 'twelve', /Enter a number/],
	['infinite', Number.POSITIVE_INFINITY, /Enter a number/],
	['NaN', Number.NaN, /Enter a number/]
]);
