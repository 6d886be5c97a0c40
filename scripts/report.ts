/**
 * npm run report -- --in assessment.json [--model model.json] [--out report.pdf]
 *                   [--xlsx report.xlsx] [--docx report.docx] [--today YYYY-MM-DD] [--paper a4|letter]
 *                   [--since earlier.json]
 *
 * Headless report: reads an exported assessment (docs/export-format.md; validated with the
 * app's own import validator), computes the report model with the engine and writes each
 * requested output. `--model -` writes the model to standard output. `--since` adds a comparison
 * with an earlier export of the same organisation (the PDF's "Progress since <date>" page).
 * Encrypted exports are read when the passphrase is in the SOC2_PASSPHRASE environment variable.
 *
 * Exit codes: 0 success; 1 unreadable or invalid input (message on stderr, nothing written);
 * 2 usage error.
 *
 * Adding an output (e.g. the PDF): append an entry to OUTPUTS with its flag and a `write`
 * function; option flags it needs go into OPTIONS. Everything else stays as it is.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBankFromDisk } from './lib/bank-node';
import { decryptImport, ImportError, readImportText } from '../src/lib/export/index';
import { bankForAssessment } from '../src/lib/domain/bank/index';
import { buildReportModel } from '../src/lib/domain/engine/index';
import { compareModels } from '../src/lib/domain/engine/compare';
import { renderReportPdf } from '../src/lib/report/pdf';
import { requestsCsv } from '../src/lib/report/csv';
import { isIsoDate, localIsoDate } from '../src/lib/domain/dates';
import type { Assessment, Bank, ReportModel } from '../src/lib/domain/types';

/** Everything an output writer gets. */
export interface OutputContext {
	model: ReportModel;
	assessment: Assessment;
	bank: Bank;
	/** Values of OPTIONS flags, keyed by flag (e.g. '--paper'). */
	options: Record<string, string>;
}

export interface Output {
	flag: string;
	valueName: string;
	describe: string;
	/** Write to `path` ('-' = standard output). Return a short description of what was written. */
	write(ctx: OutputContext, path: string): Promise<string> | string;
}

export interface OptionSpec {
	flag: string;
	valueName: string;
	describe: string;
	/** Return an error message for an invalid value. */
	check?(value: string): string | null;
}

function writeText(path: string, text: string | Uint8Array): void {
	if (path === '-') {
		process.stdout.write(text);
		return;
	}
	const full = resolve(path);
	mkdirSync(dirname(full), { recursive: true });
	writeFileSync(full, text);
}

export const OUTPUTS: Output[] = [
	{
		flag: '--model',
		valueName: 'model.json',
		describe: 'the report model as JSON',
		write({ model }, path) {
			writeText(path, JSON.stringify(model, null, 2) + '\n');
			return `report model → ${path === '-' ? 'standard output' : path}`;
		}
	},
	{
		flag: '--out',
		valueName: 'report.pdf',
		describe: 'the PDF report (the same renderer as the app; see --paper)',
		async write({ model, options }, path) {
			const paper = options['--paper'] === 'letter' ? 'letter' : 'a4';
			const bytes = await renderReportPdf(model, {
				paper,
				onWarning: (m) => process.stderr.write(`warning: ${m}\n`)
			});
			writeText(path, bytes);
			return `PDF report (${paper === 'a4' ? 'A4' : 'US Letter'}, ${Math.ceil(bytes.length / 1024)} KB) → ${path === '-' ? 'standard output' : path}`;
		}
	},
	{
		flag: '--requests',
		valueName: 'requests.csv',
		describe: 'the evidence request list as CSV',
		write({ model }, path) {
			writeText(path, requestsCsv(model));
			return `evidence request list (${model.evidenceRequests?.rows.length ?? 0} requests, CSV) → ${path === '-' ? 'standard output' : path}`;
		}
	},
	{
		flag: '--xlsx',
		valueName: 'report.xlsx',
		describe: 'the Excel workbook (every register on its own sheet)',
		async write({ model, assessment, bank }, path) {
			const { renderWorkbook } = await import('../src/lib/report/xlsx');
			const bytes = await renderWorkbook({ model, assessment, bank });
			writeText(path, bytes);
			return `Excel workbook (${Math.ceil(bytes.length / 1024)} KB) → ${where(path)}`;
		}
	},
	{
		flag: '--docx',
		valueName: 'report.docx',
		describe: 'the Word report (editable; the same sections as the PDF)',
		async write({ model }, path) {
			const { renderWordReport } = await import('../src/lib/report/docx');
			const bytes = await renderWordReport(model, {
				onWarning: (m) => process.stderr.write(`warning: ${m}\n`)
			});
			writeText(path, bytes);
			return `Word report (${Math.ceil(bytes.length / 1024)} KB) → ${where(path)}`;
		}
	}
];

function where(path: string): string {
	return path === '-' ? 'standard output' : path;
}

export const OPTIONS: OptionSpec[] = [
	{
		flag: '--today',
		valueName: 'YYYY-MM-DD',
		describe: 'the date the report is computed for (default: today, local time)',
		check: (v) => (isIsoDate(v) ? null : `--today must be a date written YYYY-MM-DD, got "${v}"`)
	},
	{
		flag: '--since',
		valueName: 'earlier.json',
		describe:
			'an earlier assessment of the organisation (exported JSON) to compare with: the PDF gets a "Progress since <date>" page'
	},
	{
		flag: '--paper',
		valueName: 'a4|letter',
		describe: 'paper size of the PDF (default a4)',
		check: (v) => (v === 'a4' || v === 'letter' ? null : `--paper must be a4 or letter, got "${v}"`)
	}
];

export function usage(): string {
	const outs = OUTPUTS.map((o) => `[${o.flag} <${o.valueName}>]`).join(' ');
	const opts = OPTIONS.map((o) => `[${o.flag} <${o.valueName}>]`).join(' ');
	const lines = [
		`usage: npm run report -- --in <assessment.json> ${outs} ${opts}`,
		'',
		'  --in <file>          an assessment exported from the app (JSON; encrypted files need SOC2_PASSPHRASE)',
		...OUTPUTS.map(
			(o) =>
				`  ${`${o.flag} <${o.valueName}>`.padEnd(20)} write ${o.describe} ('-' = standard output)`
		),
		...OPTIONS.map((o) => `  ${`${o.flag} <${o.valueName}>`.padEnd(20)} ${o.describe}`),
		'',
		'At least one output is required.'
	];
	return lines.join('\n');
}

export class UsageError extends Error {}
export class InputError extends Error {}

export interface Args {
	input: string;
	outputs: { output: Output; path: string }[];
	options: Record<string, string>;
}

export function parseArgs(argv: string[]): Args | 'help' {
	let input: string | null = null;
	const outputs: Args['outputs'] = [];
	const options: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		const raw = argv[i]!;
		if (raw === '--help' || raw === '-h') return 'help';
		const eq = raw.indexOf('=');
		const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
		const value = (): string => {
			if (eq > 0 && raw.startsWith('--')) return raw.slice(eq + 1);
			const next = argv[++i];
			if (next === undefined || (next.startsWith('--') && next !== '-')) {
				throw new UsageError(`${flag} needs a value`);
			}
			return next;
		};
		if (flag === '--in') {
			input = value();
			continue;
		}
		const output = OUTPUTS.find((o) => o.flag === flag);
		if (output) {
			outputs.push({ output, path: value() });
			continue;
		}
		const option = OPTIONS.find((o) => o.flag === flag);
		if (option) {
			const v = value();
			const problem = option.check?.(v);
			if (problem) throw new UsageError(problem);
			options[flag] = v;
			continue;
		}
		throw new UsageError(`unknown argument "${raw}"`);
	}
	if (!input) throw new UsageError('--in <assessment.json> is required');
	if (!outputs.length) {
		throw new UsageError(
			`nothing to write: give at least one of ${OUTPUTS.map((o) => o.flag).join(', ')}`
		);
	}
	if (outputs.filter((o) => o.path === '-').length > 1) {
		throw new UsageError('only one output can go to standard output');
	}
	for (const [i, o] of outputs.entries()) {
		const twin = outputs.find(
			(x, j) => j < i && x.path !== '-' && resolve(x.path) === resolve(o.path)
		);
		if (twin) {
			throw new UsageError(
				`${twin.output.flag} and ${o.output.flag} would both write ${o.path}: give each output its own file`
			);
		}
	}
	return { input, outputs, options };
}

const NOTHING_CHANGED = /\s*Nothing was imported and your saved assessments are unchanged\.\s*$/;

/** Read and validate an exported assessment; throws InputError with a message for the user. */
export async function readAssessment(path: string, env = process.env): Promise<Assessment> {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new InputError(
			code === 'ENOENT'
				? `Cannot read ${path}: the file does not exist.`
				: code === 'EISDIR'
					? `Cannot read ${path}: it is a directory, not a file.`
					: `Cannot read ${path}: ${(e as Error).message}`
		);
	}
	try {
		const read = readImportText(text.replace(/^\uFEFF/, ''));
		if (read.kind === 'plain') return read.document.assessment as Assessment;
		const passphrase = env.SOC2_PASSPHRASE;
		if (!passphrase) {
			throw new InputError(
				`${path} is encrypted: put its passphrase in the SOC2_PASSPHRASE environment variable.`
			);
		}
		return (await decryptImport(read.envelope, passphrase)).assessment as Assessment;
	} catch (e) {
		if (e instanceof InputError) throw e;
		if (e instanceof ImportError) {
			throw new InputError(`${path}: ${e.message.replace(NOTHING_CHANGED, '')}`);
		}
		throw e;
	}
}

/**
 * The comparison with an earlier export (`--since`): scored with its own custom questions as of
 * its own assessment date, like the app's results page.
 */
async function comparisonSince(
	path: string,
	current: Assessment,
	model: ReportModel,
	warn: (s: string) => void
): Promise<ReportModel['comparison']> {
	const earlier = await readAssessment(path);
	if (earlier.meta.assessmentDate > current.meta.assessmentDate) {
		throw new InputError(
			`${path} is dated ${earlier.meta.assessmentDate}, after the assessment being reported (${current.meta.assessmentDate}): --since takes an earlier assessment.`
		);
	}
	if (
		earlier.meta.organisation.trim().toLocaleLowerCase() !==
		current.meta.organisation.trim().toLocaleLowerCase()
	)
		warn(
			`warning: ${path} is an assessment of “${earlier.meta.organisation}”, not “${current.meta.organisation}”.`
		);
	const extended = bankForAssessment(loadBankFromDisk(), earlier.customQuestions);
	const before = buildReportModel(extended.bank, earlier, earlier.meta.assessmentDate);
	return compareModels(before, model);
}

/** Run the CLI; returns the exit code. Messages go to `log` (info) and `err` (problems). */
export async function run(
	argv: string[],
	io: { log: (s: string) => void; err: (s: string) => void } = {
		log: (s) => console.log(s),
		err: (s) => console.error(s)
	}
): Promise<number> {
	let args: Args | 'help';
	try {
		args = parseArgs(argv);
	} catch (e) {
		if (!(e instanceof UsageError)) throw e;
		io.err(`${e.message}\n\n${usage()}`);
		return 2;
	}
	if (args === 'help') {
		io.log(usage());
		return 0;
	}
	// When something goes to standard output, keep it clean: progress goes to stderr.
	const info = args.outputs.some((o) => o.path === '-') ? io.err : io.log;
	try {
		const assessment = await readAssessment(args.input);
		const extended = bankForAssessment(loadBankFromDisk(), assessment.customQuestions);
		for (const p of extended.problems) io.err(`warning: a custom question is not used: ${p}`);
		const bank = extended.bank;
		const today = args.options['--today'] ?? localIsoDate(new Date());
		const model = buildReportModel(bank, assessment, today);
		const since = args.options['--since'];
		if (since) model.comparison = await comparisonSince(since, assessment, model, io.err);
		const ctx: OutputContext = { model, assessment, bank, options: args.options };
		for (const { output, path } of args.outputs) info(`wrote ${await output.write(ctx, path)}`);
		const r = model.recommendation;
		info(
			`${assessment.meta.organisation}: readiness ${model.score.overall} %, ${model.gaps.length} gaps, recommendation ${r.type} (as of ${today}).`
		);
		return 0;
	} catch (e) {
		if (e instanceof InputError) {
			io.err(e.message);
			return 1;
		}
		io.err(`report failed: ${e instanceof Error ? e.message : String(e)}`);
		return 1;
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	process.exitCode = await run(process.argv.slice(2));
}
