/**
 * Helpers for the report tests: the hand-made sample model, a "full" model covering all 61
 * criteria with notes everywhere (size/performance), a minimal model, PDF text extraction and
 * a parser for `pdftotext -bbox` output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOM } from '../../src/lib/report/csv';
import type {
	AnswerRow,
	AreaId,
	Gap,
	PlanAction,
	ReportModel,
	Risk
} from '../../src/lib/domain/types';

export const SAMPLE_PATH = new URL('../fixtures/report-model.sample.json', import.meta.url);

export function sampleModel(): ReportModel {
	return JSON.parse(readFileSync(SAMPLE_PATH, 'utf8')) as ReportModel;
}

const SERIES: [string, number][] = [
	['CC1.', 5],
	['CC2.', 3],
	['CC3.', 4],
	['CC4.', 2],
	['CC5.', 3],
	['CC6.', 8],
	['CC7.', 5],
	['CC8.', 1],
	['CC9.', 2],
	['A1.', 3],
	['C1.', 2],
	['PI1.', 5],
	['P1.', 1],
	['P2.', 1],
	['P3.', 2],
	['P4.', 3],
	['P5.', 2],
	['P6.', 7],
	['P7.', 1],
	['P8.', 1]
];

export const CRITERIA_61: string[] = SERIES.flatMap(([p, n]) =>
	Array.from({ length: n }, (_, i) => `${p}${i + 1}`)
);

const AREA_OF = (c: string): AreaId => {
	const head = c.split('.')[0]!;
	if (head.startsWith('CC')) return head as AreaId;
	if (head === 'A1' || head === 'C1' || head === 'PI1') return head;
	return 'P';
};

const AREA_NAMES: Record<AreaId, string> = {
	CC1: 'Control environment',
	CC2: 'Communication and information',
	CC3: 'Risk assessment',
	CC4: 'Monitoring activities',
	CC5: 'Control activities',
	CC6: 'Logical and physical access',
	CC7: 'System operations',
	CC8: 'Change management',
	CC9: 'Risk mitigation',
	A1: 'Availability',
	C1: 'Confidentiality',
	PI1: 'Processing integrity',
	P: 'Privacy'
};

const LOREM =
	'Workshop note: the team described the current practice in detail, including who performs it, how often, which tool records it and where the evidence is stored; the assessor asked for the last three examples and a screenshot of the configuration. Follow-up: confirm with the auditor whether the automated report from the platform is sufficient evidence, and whether sampling will cover the contractors in İstanbul and Θεσσαλονίκη as well as employees in Łódź and Москва.';

/**
 * A large model: all 61 criteria (three questions for each of 30 criteria, two for the rest),
 * a note and two evidence pointers on every answer, most questions with a gap and two actions.
 */
export function fullModel(): ReportModel {
	const base = sampleModel();
	const answers: AnswerRow[] = [];
	const gaps: Gap[] = [];
	const plan: PlanAction[] = [];
	const risks: Risk[] = ['critical', 'high', 'medium', 'low'];
	let n = 0;
	CRITERIA_61.forEach((c, ci) => {
		const count = ci < 30 ? 3 : 2;
		for (let k = 0; k < count; k++) {
			n++;
			const id = `q-${c.toLowerCase().replace('.', '-')}-${k}`;
			const area = AREA_OF(c);
			const value = ([0, 1, 2, 3, 4, 5, 'unknown', 'na'] as const)[n % 8]!;
			answers.push({
				questionId: id,
				area,
				criteria: [c, CRITERIA_61[(ci + 7) % 61]!],
				title: `Control ${n} for ${c}`,
				prompt: `Is control ${n} for ${c} designed, performed consistently and evidenced with dated records that an auditor can sample across the window?`,
				value,
				label: String(value),
				note: `${LOREM} (${n})`,
				naReason:
					value === 'na'
						? `Not applicable because the service has no component of kind ${n}; confirmed with the CTO.`
						: '',
				evidence: [
					{
						id: `${id}-e1`,
						name: `Export ${n}`,
						location: `https://evidence.example.com/${c}/${id}/export-${n}-with-a-rather-long-file-name-that-never-ends.csv`,
						owner: 'Security lead'
					},
					{
						id: `${id}-e2`,
						name: `Screenshot ${n}`,
						location: `/shared/evidence/${c}/${id}/screenshot.png`,
						sha256: 'ab'.repeat(32)
					}
				],
				applicable: true,
				skipReason: null
			});
			if (typeof value === 'number' && value >= 4) continue;
			if (value === 'na') continue;
			const current = typeof value === 'number' ? value : 0;
			const target = current >= 3 ? 4 : 3;
			const risk = risks[n % 4]!;
			const gapId = `gap.${id}`;
			gaps.push({
				id: gapId,
				questionId: id,
				area,
				criteria: [c],
				title: `Control ${n} for ${c}`,
				description: `Control ${n} is at level ${current}; it must reach level ${target}. ${LOREM.slice(0, 160)}`,
				current: current as 0 | 1 | 2 | 3,
				target,
				likelihood: 4,
				impact: 4,
				riskScore: 25 - (n % 24),
				risk,
				rationale: `Likelihood 4 (level ${current} against ${target}) × impact 4 (criticality 4, sensitive data in scope).`,
				flagged: value === 'unknown' ? 'unknown' : null
			});
			for (let j = 0; j < 2; j++) {
				plan.push({
					id: `rem.${id}.${j}`,
					gapIds: [gapId],
					questionIds: [id],
					criteria: [c],
					action: `Action ${j + 1} for control ${n}: put the control in place, assign an owner and keep dated evidence in the evidence store`,
					ownerRole: ['CTO', 'Security lead', 'People lead', 'DevOps lead'][n % 4]!,
					effort: (['S', 'M', 'L'] as const)[n % 3]!,
					acceptance: [
						'The control runs as designed',
						'Evidence for each occurrence is filed with a date',
						'The owner signed off the first run'
					],
					evidence: ['Dated record', 'System export'],
					dependsOn: j === 1 ? [`rem.${id}.0`] : [],
					quickWin: n % 5 === 0,
					kind: j === 0 ? 'design' : 'recurring',
					risk,
					phase: (['0-30', '31-60', '61-90', 'later'] as const)[n % 4]!,
					start: '2025-03-17',
					due: '2025-04-30',
					done: false
				});
			}
		}
	});
	const areas = [...new Set(answers.map((a) => a.area))];
	return {
		...base,
		tsc: ['security', 'availability', 'confidentiality', 'processing-integrity', 'privacy'],
		score: {
			...base.score,
			byArea: areas.map((area, i) => ({
				area,
				name: AREA_NAMES[area],
				category: area.startsWith('CC')
					? 'security'
					: area === 'A1'
						? 'availability'
						: area === 'C1'
							? 'confidentiality'
							: area === 'PI1'
								? 'processing-integrity'
								: 'privacy',
				score: (i * 13) % 100,
				type1Readiness: (i * 17) % 100,
				type2Readiness: (i * 7) % 100,
				answered: 10,
				total: 12,
				gapCount: { critical: 1, high: 2, medium: 3, low: 4 }
			})),
			counts: {
				applicable: answers.length,
				answered: answers.length,
				unanswered: 0,
				unknown: 11,
				na: 11,
				skipped: 0
			}
		},
		answers,
		gaps,
		plan,
		starterPlan: plan.filter((p) => p.phase === '0-30').map((p) => p.id),
		evidenceChecklist: answers.map((a) => ({
			questionId: a.questionId,
			title: a.title,
			criteria: a.criteria,
			items: [
				'Dated policy with approval',
				'Configuration export',
				'Population list for the window'
			],
			pointers: a.evidence
		})),
		skipped: []
	};
}

/** The smallest sensible model: nothing answered yet, no vendors, no CUECs, no ISO. */
export function minimalModel(): ReportModel {
	const base = sampleModel();
	return {
		...base,
		assessment: {
			...base.assessment,
			organisation: 'Tiny Co',
			assessor: '',
			targetReportDate: null,
			branding: {}
		},
		profile: [],
		sensitiveData: [],
		tsc: ['security'],
		categorySuggestions: [],
		scopeNotes: [],
		score: {
			...base.score,
			overall: 0,
			type1Readiness: 0,
			type2Readiness: 0,
			byArea: base.score.byArea
				.filter((a) => a.category === 'security')
				.map((a) => ({ ...a, score: null })),
			counts: { applicable: 0, answered: 0, unanswered: 0, unknown: 0, na: 0, skipped: 0 }
		},
		gaps: [],
		plan: [],
		starterPlan: [],
		recommendation: {
			type: 'remediate-first',
			windowMonths: null,
			windowStart: null,
			type1Date: null,
			expectedReportDate: null,
			expectedType2ReportDate: null,
			targetReportDate: null,
			meetsTarget: null,
			daysLate: null,
			timeline: [],
			reasons: [{ text: 'No maturity questions have been answered yet.', sources: [] }],
			toMeetTarget: [],
			headline: 'Answer the maturity questions first; a recommendation needs them.'
		},
		subservices: [],
		cuecs: [],
		iso27001: null,
		evidenceChecklist: [],
		answers: [],
		skipped: []
	};
}

// ------------------------------------------------------------------ PDF inspection

export interface PdfText {
	pages: string[];
	all: string;
	numPages: number;
}

export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
	const { extractText, getDocumentProxy } = await import('unpdf');
	const pdf = await getDocumentProxy(new Uint8Array(bytes));
	const { text, totalPages } = await extractText(pdf, { mergePages: false });
	const pages = text as string[];
	return { pages, all: pages.join('\n'), numPages: totalPages };
}

export async function openPdf(bytes: Uint8Array) {
	const { getDocumentProxy } = await import('unpdf');
	return getDocumentProxy(new Uint8Array(bytes));
}

export function hasCommand(cmd: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

export function writeTemp(bytes: Uint8Array, name = 'report.pdf'): string {
	const dir = mkdtempSync(join(tmpdir(), 'report-test-'));
	const file = join(dir, name);
	writeFileSync(file, bytes);
	return file;
}

export interface WordBox {
	page: number;
	text: string;
	xMin: number;
	yMin: number;
	xMax: number;
	yMax: number;
}

export interface PageBoxes {
	width: number;
	height: number;
	words: WordBox[];
}

/** Word bounding boxes (points) from poppler's `pdftotext -bbox`. */
export function wordBoxes(file: string): PageBoxes[] {
	const r = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
	if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
	const pages: PageBoxes[] = [];
	const re =
		/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
	for (const m of r.stdout.matchAll(re)) {
		if (m[1]) {
			pages.push({ width: +m[1], height: +m[2]!, words: [] });
		} else {
			const page = pages[pages.length - 1]!;
			page.words.push({
				page: pages.length,
				text: m[7]!,
				xMin: +m[3]!,
				yMin: +m[4]!,
				xMax: +m[5]!,
				yMax: +m[6]!
			});
		}
	}
	return pages;
}

// ------------------------------------------------------------------ images

function crc32(bytes: Uint8Array): number {
	let c = ~0;
	for (const b of bytes) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
	}
	return ~c >>> 0;
}

/** A valid RGB PNG of the given size filled with one colour, as a data: URL. */
export async function pngDataUrl(
	width: number,
	height: number,
	rgb: [number, number, number]
): Promise<string> {
	const { deflateSync } = await import('node:zlib');
	const raw = new Uint8Array((width * 3 + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width * 3 + 1);
		for (let x = 0; x < width; x++) raw.set(rgb, row + 1 + x * 3);
	}
	const chunk = (type: string, data: Uint8Array) => {
		const out = new Uint8Array(12 + data.length);
		const view = new DataView(out.buffer);
		view.setUint32(0, data.length);
		out.set(new TextEncoder().encode(type), 4);
		out.set(data, 8);
		view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
		return out;
	};
	const ihdr = new Uint8Array(13);
	const v = new DataView(ihdr.buffer);
	v.setUint32(0, width);
	v.setUint32(4, height);
	ihdr.set([8, 2, 0, 0, 0], 8);
	const parts = [
		new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
		chunk('IHDR', ihdr),
		chunk('IDAT', new Uint8Array(deflateSync(raw))),
		chunk('IEND', new Uint8Array())
	];
	const png = Buffer.concat(parts);
	return `data:image/png;base64,${png.toString('base64')}`;
}

/**
 * Layout problems of a PDF file: words outside the page margins (minus 1 mm of tolerance) or
 * drawn over other words (more than 20 % of the smaller box). Empty when the layout is clean.
 */
export function layoutProblems(file: string, marginMm = 18): string[] {
	const PT_PER_MM = 72 / 25.4;
	const problems: string[] = [];
	for (const [i, page] of wordBoxes(file).entries()) {
		const margin = (marginMm - 1) * PT_PER_MM;
		const where = (w: WordBox) => `page ${i + 1} "${w.text}"`;
		for (const w of page.words) {
			if (w.xMin < margin || w.xMax > page.width - margin)
				problems.push(`${where(w)} crosses a side margin`);
			if (w.yMin < 5 * PT_PER_MM || w.yMax > page.height - 5 * PT_PER_MM) {
				problems.push(`${where(w)} is off the page edge`);
			}
		}
		const words = [...page.words].sort((a, b) => a.yMin - b.yMin);
		for (let a = 0; a < words.length; a++) {
			const p = words[a]!;
			for (let b = a + 1; b < words.length && words[b]!.yMin < p.yMax; b++) {
				const q = words[b]!;
				const ix = Math.min(p.xMax, q.xMax) - Math.max(p.xMin, q.xMin);
				const iy = Math.min(p.yMax, q.yMax) - Math.max(p.yMin, q.yMin);
				if (ix <= 0.5 || iy <= 0.5) continue;
				const smaller = Math.min(
					(p.xMax - p.xMin) * (p.yMax - p.yMin),
					(q.xMax - q.xMin) * (q.yMax - q.yMin)
				);
				if ((ix * iy) / smaller >= 0.2) problems.push(`${where(p)} overlaps "${q.text}"`);
			}
		}
	}
	return problems;
}

/** A strict RFC 4180 parser (test oracle): returns records of fields. */
export function parseCsv(input: string): string[][] {
	if (!input.startsWith(BOM)) throw new Error('a CSV export starts with a byte order mark');
	const s = input.slice(1);
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	let quoted = false;
	while (i < s.length) {
		const ch = s[i]!;
		if (quoted) {
			if (ch === '"' && s[i + 1] === '"') {
				field += '"';
				i += 2;
			} else if (ch === '"') {
				quoted = false;
				i++;
			} else {
				field += ch;
				i++;
			}
		} else if (ch === '"') {
			if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
			quoted = true;
			i++;
		} else if (ch === ',') {
			row.push(field);
			field = '';
			i++;
		} else if (ch === '\r' && s[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i += 2;
		} else if (ch === '\n' || ch === '\r') {
			throw new Error(`bare line break outside quotes at ${i}`);
		} else {
			field += ch;
			i++;
		}
	}
	if (quoted) throw new Error('unterminated quote');
	if (field !== '' || row.length) throw new Error('missing final CRLF');
	return rows;
}
