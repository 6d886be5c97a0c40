import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	comparisonCsv,
	csvCell,
	cuecsCsv,
	exportFileName,
	fileSlug,
	gapsCsv,
	neutralise,
	planCsv,
	requestsCsv,
	toCsv
} from '../../src/lib/report/csv';
import { loadBankFromDisk } from '../../scripts/lib/bank-node';
import { readAssessment } from '../../scripts/report';
import { buildReportModel } from '../../src/lib/domain/engine/index';
import { compareModels } from '../../src/lib/domain/engine/compare';
import { assessment, bank, question } from '../../src/lib/domain/engine/testing';
import type { ReportModel } from '../../src/lib/domain/types';
import { fullModel, parseCsv, sampleModel } from './report-helpers';

describe('CSV cells', () => {
	it('neutralises every formula trigger with a leading apostrophe', () => {
		for (const v of ['=1+1', '+41 79', '-2', '@SUM(A1)', '\tx', '\rx', "=cmd|' /C calc'!A0"]) {
			expect(neutralise(v)).toBe(`'${v}`);
		}
		for (const v of ['plain', "'already", 'a=b', '1-2', 'x =1', '', '   ', '\u200b']) {
			expect(neutralise(v)).toBe(v);
		}
	});

	// Each row: what a hostile cell starts with. All of them must come out with an apostrophe.
	const HIDDEN_STARTS: [string, string][] = [
		['carriage return then =', '\r=1+1'],
		['CR LF then =', '\r\n=1+1'],
		['CR then @', '\r@SUM(A1)'],
		['CR LF then @', '\r\n@SUM(A1)'],
		['line feed then =', '\n=1+1'],
		['leading spaces then =', '   =1+1'],
		['leading spaces then -', '  -2+3'],
		['no-break space then =', '\u00a0=1+1'],
		['narrow no-break space then +', '\u202f+1'],
		['zero-width space then =', '\u200b=1+1'],
		['zero-width joiner then @', '\u200d@x'],
		['word joiner then =', '\u2060=1'],
		['byte-order mark then =', '\ufeff=1'],
		['right-to-left mark then =', '\u200f=1'],
		['ideographic space then =', '\u3000=1'],
		['vertical tab then =', '\v=1'],
		['mixed invisible run then =', ' \u00a0\u200b\r\n\t=1'],
		['full-width =', '＝1+1'],
		['full-width +', '＋41 79'],
		['full-width -', '－2'],
		['full-width @', '＠SUM(A1)'],
		['small =', '﹦1'],
		['small +', '﹢1'],
		['small -', '﹣1'],
		['small @', '﹫x'],
		['space then full-width =', ' ＝1'],
		['tab alone', '\tplain'],
		['carriage return alone', '\rplain']
	];

	it.each(HIDDEN_STARTS)('neutralises a cell starting with %s', (_name, value) => {
		expect(neutralise(value)).toBe(`'${value}`);
		// Through the CSV writer the apostrophe is the first character of the field, before the
		// line break that CR became.
		const cell = csvCell(value);
		const field = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
		expect(field).toBe(`'${value.replace(/\r\n?/g, '\n')}`);
	});

	const STARTERS = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫'];
	const INVISIBLE = [' ', '\t', '\r', '\n', '\r\n', '\u00a0', '\u200b', '\u200c', '\u200d'];
	const INVISIBLE_MORE = ['\u2060', '\ufeff', '\u202f', '\u3000', '\u200e', '\u200f', '\u00ad'];

	it('neutralises any formula starter behind any run of invisible characters (property)', () => {
		const seed = Date.now() ^ (Math.random() * 0x7fffffff);
		console.log(`CSV neutralisation property seed: ${seed}`);
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...INVISIBLE, ...INVISIBLE_MORE), { maxLength: 6 }),
				fc.constantFrom(...STARTERS),
				fc.string({ maxLength: 20 }),
				(prefix, starter, rest) => {
					const value = prefix.join('') + starter + rest;
					expect(neutralise(value)).toBe(`'${value}`);
					const csv = toCsv(['x'], [[value]]);
					const field = parseCsv(csv)[1]![0]!;
					expect(field.startsWith("'")).toBe(true);
					expect(field.slice(1)).toBe(value.replace(/\r\n?/g, '\n'));
				}
			),
			{ seed, numRuns: 500 }
		);
	});

	it('leaves text whose first visible character is a letter or digit alone (property)', () => {
		const seed = Date.now() ^ (Math.random() * 0x7fffffff);
		console.log(`CSV plain-text property seed: ${seed}`);
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(' ', '\u00a0', '\u200b', '\n'), { maxLength: 4 }),
				fc.constantFrom('a', 'Z', '7', 'ł', 'Ω', 'м', '"', "'", '('),
				fc.string({ maxLength: 20 }),
				(prefix, first, rest) => {
					const value = prefix.join('') + first + rest;
					expect(neutralise(value)).toBe(value);
					// Neutralising twice changes nothing more.
					expect(neutralise(neutralise(value))).toBe(neutralise(value));
				}
			),
			{ seed, numRuns: 300 }
		);
	});

	it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell('crlf\r\ninside')).toBe('"crlf\ninside"');
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
		expect(csvCell(12)).toBe('12');
		expect(csvCell(-3)).toBe('-3');
		expect(csvCell(true)).toBe('yes');
	});

	it('neutralises before quoting, so a quoted formula is still inert', () => {
		expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
		expect(csvCell('\t=1,2')).toBe('"\'\t=1,2"');
	});

	it('writes a BOM, CRLF records and round-trips through a strict parser', () => {
		const rows = [
			['Łódź Ğüneş Ωμέγα Москва', 'x,y', 'q"uote', 'multi\nline', '=evil()', '@x', '-1', '+1'],
			['', '', '', '', '', '', '', '']
		];
		const csv = toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], rows);
		expect(csv.startsWith('\ufeffa,b,c')).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		const parsed = parseCsv(csv);
		expect(parsed).toHaveLength(3);
		expect(parsed[1]).toEqual([
			'Łódź Ğüneş Ωμέγα Москва',
			'x,y',
			'q"uote',
			'multi\nline',
			"'=evil()",
			"'@x",
			"'-1",
			"'+1"
		]);
		// UTF-8 bytes start with EF BB BF.
		expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});
});

describe('report CSV exports', () => {
	const model = sampleModel();

	it('gap register: one row per gap, risk-sorted, with refs matching the PDF', () => {
		const rows = parseCsv(gapsCsv(model));
		const [header, ...body] = rows;
		expect(header).toContain('Risk');
		expect(header).toContain('Criteria');
		expect(body).toHaveLength(model.gaps.length);
		const scores = body.map((r) => Number(r[header!.indexOf('Risk score')]));
		expect([...scores].sort((a, b) => b - a)).toEqual(scores);
		expect(body[0]![0]).toBe('G1');
		for (const r of body) expect(r).toHaveLength(header!.length);
		const ids = new Set(body.map((r) => r[1]));
		for (const g of model.gaps) expect(ids.has(g.id)).toBe(true);
	});

	it('plan: one row per action with owner, phase, dates, acceptance criteria', () => {
		const rows = parseCsv(planCsv(model));
		const [header, ...body] = rows;
		expect(body).toHaveLength(model.plan.length);
		const idCol = header!.indexOf('Action ID');
		const accCol = header!.indexOf('Acceptance criteria');
		for (const p of model.plan) {
			const row = body.find((r) => r[idCol] === p.id)!;
			expect(row[header!.indexOf('Owner')]).toBe(p.ownerRole);
			expect(row[header!.indexOf('Due')]).toBe(p.due);
			expect(row[accCol]).toBe(p.acceptance.join('\n'));
			expect(row[header!.indexOf('Control (question ID)')]).toBe(p.questionIds[0]);
		}
	});

	it('plan: says what each action does for an examination (a model saved before kinds: blank)', () => {
		const [header, ...body] = parseCsv(planCsv(fullModel()));
		expect(new Set(body.map((r) => r[header!.indexOf('Kind')]))).toEqual(
			new Set(['Design (before a Type I date or a window)', 'Recurring (runs during the window)'])
		);
		const [oldHeader, ...oldBody] = parseCsv(planCsv(model));
		expect(new Set(oldBody.map((r) => r[oldHeader!.indexOf('Kind')]))).toEqual(new Set(['']));
	});

	it('CUECs: neutralises a hostile custom CUEC and keeps Unicode text intact', () => {
		const m = sampleModel();
		m.cuecs.push({ id: 'x', templateId: null, area: '=1+2', text: '@SUM(1)', criteria: ['CC6.1'] });
		const rows = parseCsv(cuecsCsv(m));
		expect(rows).toHaveLength(m.cuecs.length + 1);
		const last = rows[rows.length - 1]!;
		expect(last[3]).toBe("'=1+2");
		expect(last[4]).toBe("'@SUM(1)");
		expect(rows.some((r) => r[4]!.includes('Łódź Ğüneş Ωμέγα Москва'))).toBe(true);
	});

	it('empty registers still have a header row', () => {
		const m = sampleModel();
		m.gaps = [];
		m.plan = [];
		m.cuecs = [];
		for (const csv of [gapsCsv(m), planCsv(m), cuecsCsv(m)]) {
			expect(parseCsv(csv)).toHaveLength(1);
		}
	});
});

describe('evidence request list CSV', () => {
	let model: ReportModel;
	beforeAll(async () => {
		const a = await readAssessment('test/fixtures/assessments/full-workshop.json');
		a.requestsPrepared = { 'new-hires': '2026-12-01T09:00:00.000Z' };
		model = buildReportModel(loadBankFromDisk(), a, '2026-12-04');
	});

	it('one row per request in list order, with the columns of the PDF appendix', () => {
		const [header, ...body] = parseCsv(requestsCsv(model));
		const rows = model.evidenceRequests!.rows;
		expect(rows.length).toBeGreaterThanOrEqual(38);
		expect(body).toHaveLength(rows.length);
		for (const col of [
			'Ref',
			'Area',
			'Item',
			'What to provide',
			'Population',
			'Frequency',
			'Typical sample (auditor-dependent)',
			'Period',
			'Owner',
			'Status',
			'Prepared'
		])
			expect(header).toContain(col);
		const col = (name: string) => header!.indexOf(name);
		expect(body.map((r) => r[0])).toEqual(rows.map((r) => r.ref));
		rows.forEach((r, i) => {
			const line = body[i]!;
			expect(line).toHaveLength(header!.length);
			expect(line[col('Request ID')]).toBe(r.id);
			expect(line[col('Status')]).toBe(r.status[0]!.toUpperCase() + r.status.slice(1));
			expect(line[col('Owner')]).toBe(r.owner);
			expect(line[col('Sample min')]).toBe(r.sample.min === null ? '' : String(r.sample.min));
		});
		const hires = body.find((r) => r[col('Request ID')] === 'new-hires')!;
		expect(hires[col('Prepared')]).toBe('2026-12-01T09:00:00.000Z');
		expect(hires[col('Population')]).toMatch(/start dates/);
	});

	it('neutralises hostile text in every text cell (property)', () => {
		const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
		console.log(`requests CSV hostile-text property seed: ${seed}`);
		const starters = ['=', '+', '-', '@', '\t', '\r', '＝', '﹢', '\u200b='];
		fc.assert(
			fc.property(
				fc.constantFrom(...starters),
				fc.string({ maxLength: 30 }),
				fc.constantFrom('item', 'provide', 'population', 'owner', 'statusReason' as const),
				(start, rest, field) => {
					const m = { ...model, evidenceRequests: structuredClone(model.evidenceRequests) };
					const row = m.evidenceRequests!.rows[0]!;
					(row as unknown as Record<string, string>)[field] = start + rest;
					const [header, first] = parseCsv(requestsCsv(m));
					const name = {
						item: 'Item',
						provide: 'What to provide',
						population: 'Population',
						owner: 'Owner',
						statusReason: 'Why'
					}[field];
					const cell = first![header!.indexOf(name)]!;
					expect(cell.startsWith("'")).toBe(true);
					expect(cell.slice(1)).toBe((start + rest).replace(/\r\n?/g, '\n'));
				}
			),
			{ seed, numRuns: 200 }
		);
	});

	it('a model saved before the list existed gives a header row only', () => {
		const m = sampleModel();
		delete m.evidenceRequests;
		expect(parseCsv(requestsCsv(m))).toHaveLength(1);
		expect(exportFileName(m, 'requests', 'csv')).toMatch(/-requests-2025-03-14\.csv$/);
	});
});

describe('file names', () => {
	it('slugs organisation names to safe ASCII-ish names', () => {
		expect(fileSlug('Łódź Ğüneş Sp. z o.o.')).toBe('lodz-gunes-sp-z-o-o');
		expect(fileSlug('Ωμέγα Москва')).toBe('ωμεγα-москва');
		expect(fileSlug('../../etc/passwd')).toBe('etc-passwd');
		expect(fileSlug('   ')).toBe('assessment');
	});

	it('names exports by organisation, kind and as-of date', () => {
		const m = sampleModel();
		expect(exportFileName(m, 'report', 'pdf')).toBe(
			'soc2-readiness-lodz-gunes-ωμεγα-москва-sp-z-o-o-2025-03-14.pdf'
		);
		expect(exportFileName(m, 'gaps', 'csv')).toMatch(
			/^soc2-readiness-lodz-.*-gaps-2025-03-14\.csv$/
		);
	});
});

describe('comparison CSV (issue 20)', () => {
	const MARCH = '2026-03-03';
	const JUNE = '2026-06-09';
	const compare = (titles: Record<string, string>) => {
		const b = bank([
			question('q1', 'CC1', { criticality: 4, title: titles.q1 ?? 'q1 title' }),
			question('q2', 'CC6', { criticality: 5, key: true, title: titles.q2 ?? 'q2 title' }),
			question('q3', 'CC7', { criticality: 3, title: titles.q3 ?? 'q3 title' })
		]);
		const before = buildReportModel(
			b,
			assessment({ assessmentDate: MARCH, answers: { q1: 1, q2: 1, q3: 4 } }),
			MARCH
		);
		const after = buildReportModel(
			b,
			assessment({ assessmentDate: JUNE, answers: { q1: 4, q2: 2, q3: 1 } }),
			JUNE
		);
		return compareModels(before, after);
	};

	it('a row per question and per gap, with both dates in the header and the change in words', () => {
		const rows = parseCsv(comparisonCsv(compare({})));
		expect(rows[0]).toEqual([
			'Row',
			'Question id',
			'Area',
			'Title',
			`Before (${MARCH})`,
			`After (${JUNE})`,
			'Change',
			'Reworded'
		]);
		const body = rows.slice(1);
		expect(body.filter((r) => r[0] === 'Question').map((r) => [r[1], r[6]])).toEqual([
			['q1', 'Improved'],
			['q2', 'Improved'],
			['q3', 'Worse']
		]);
		expect(body.filter((r) => r[0] === 'Gap').map((r) => [r[1], r[6]])).toEqual(
			expect.arrayContaining([
				['q1', 'Closed'],
				['q2', expect.stringMatching(/^(Better|Still open)$/)],
				['q3', 'New']
			])
		);
		expect(body.find((r) => r[0] === 'Gap' && r[1] === 'q3')![4]).toBe('no gap');
		expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
	});

	it.each([
		['a formula', '=HYPERLINK("http://x.invalid","click")'],
		['a hidden formula', "\u200b+cmd|' /C calc'!A0"],
		['a full-width @', '＠SUM(A1:A9)'],
		['quotes, commas and line breaks', 'He said "no", then\r\n=1+1']
	])('a question title with %s comes out as inert text', (_name, hostile) => {
		const rows = parseCsv(comparisonCsv(compare({ q1: hostile, q3: hostile })));
		const cells = rows.slice(1).filter((r) => r[1] === 'q1' || r[1] === 'q3');
		expect(cells.length).toBeGreaterThanOrEqual(4);
		for (const r of cells) {
			const title = r[3]!;
			const plain = hostile.replace(/\r\n?/g, '\n');
			expect(title === plain || title === `'${plain}`).toBe(true);
			expect(title).toBe(neutralise(hostile).replace(/\r\n?/g, '\n'));
		}
	});

	it('is named like the other CSV files', () => {
		const c = compare({});
		expect(exportFileName(sampleModel(), 'comparison', 'csv')).toMatch(
			/^soc2-readiness-lodz-.*-comparison-2025-03-14\.csv$/
		);
		expect(c.before.assessmentDate).toBe(MARCH);
	});
});
