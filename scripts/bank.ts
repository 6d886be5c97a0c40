/**
 * npm run bank -- [--out bank.json] [--dir questions] [--quiet]
 * npm run bank -- --update-ids [--allow-removed]
 *
 * Validates the question bank in questions/ and, with --out, writes the compiled bank as JSON
 * (for review, translation and tools). Prints what it contains, the points-of-focus coverage
 * per area (questions/points-of-focus.yaml) and its size (bytes and gzip), which is what the
 * app bundle carries. Exit code 1, with every problem listed, when the bank
 * is invalid; 2 on a usage error.
 *
 * --update-ids rewrites the id snapshot test/fixtures/bank-ids.json after ids were added. It
 * refuses when ids were removed (saved assessments refer to them) unless --allow-removed is
 * given as well, which makes every removal a deliberate act.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
	POF_COVERAGE_MIN,
	bankIds,
	diffIds,
	formatShare,
	pointsOfFocusCoverage,
	type BankIds
} from '../src/lib/domain/bank';
import { checkBankOnDisk } from './lib/bank-node';

const USAGE =
	'usage: npm run bank -- [--out <file.json>] [--dir <questions dir>] [--quiet] [--update-ids [--allow-removed]]';
const IDS_FILE = 'test/fixtures/bank-ids.json';

interface Args {
	out: string | null;
	dir: string;
	quiet: boolean;
	updateIds: boolean;
	allowRemoved: boolean;
}

function parseArgs(argv: string[]): Args {
	let out: string | null = null;
	let dir = 'questions';
	let quiet = false;
	let updateIds = false;
	let allowRemoved = false;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		const value = () => {
			const next = argv[++i];
			if (next === undefined || next.startsWith('--')) {
				console.error(`${a} needs a value\n${USAGE}`);
				process.exit(2);
			}
			return next;
		};
		if (a === '--out') out = value();
		else if (a.startsWith('--out=')) out = a.slice(6);
		else if (a === '--dir') dir = value();
		else if (a.startsWith('--dir=')) dir = a.slice(6);
		else if (a === '--quiet') quiet = true;
		else if (a === '--update-ids') updateIds = true;
		else if (a === '--allow-removed') allowRemoved = true;
		else if (a === '--help' || a === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else {
			console.error(`unknown argument ${a}\n${USAGE}`);
			process.exit(2);
		}
	}
	if (allowRemoved && !updateIds) {
		console.error(`--allow-removed only makes sense with --update-ids\n${USAGE}`);
		process.exit(2);
	}
	return { out, dir, quiet, updateIds, allowRemoved };
}

const { out, dir, quiet, updateIds, allowRemoved } = parseArgs(process.argv.slice(2));
const result = checkBankOnDisk(dir);

if (!result.bank) {
	console.error(
		`The question bank in ${dir}/ is invalid (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}):`
	);
	for (const e of result.errors) console.error(`  - ${e}`);
	process.exit(1);
}

const bank = result.bank;
const json = JSON.stringify(bank, null, '\t') + '\n';
const compact = JSON.stringify(bank);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

if (!quiet) {
	const remediations = bank.questions.reduce((n, q) => n + q.remediation.length, 0);
	console.log(`Question bank ${bank.version} is valid.`);
	console.log(
		`  ${bank.criteria.length} criteria, ${bank.questions.length} maturity questions, ${remediations} remediation templates,`
	);
	console.log(
		`  ${bank.profileQuestions.length} profile/scope questions, ${bank.vendorKinds.length} vendor kinds, ` +
			`${bank.categoryRules.length} category rules, ${bank.scopeNotes.length} scope notes, ${bank.cuecs.length} CUECs, ` +
			`${bank.evidenceRequests.length} evidence requests`
	);
	for (const w of result.warnings) console.log(`  warning: ${w}`);
	printPointsOfFocus();
}

/** Points-of-focus coverage per area: applicable points asked by a prompt or level 3/4 text. */
function printPointsOfFocus(): void {
	const { areas, total } = pointsOfFocusCoverage(bank.pointsOfFocus);
	console.log(
		`Points of focus (2017 TSC, revised 2022): ${total.points} in all, ${total.notApplicable} not applicable to SOC 2, ` +
			`${total.covered} of ${total.applicable} applicable covered (${formatShare(total.covered, total.applicable)}; at least ${Math.round(POF_COVERAGE_MIN * 100)} % required)`
	);
	const pad = (s: string | number, n: number) => String(s).padStart(n);
	console.log(
		`  ${'area'.padEnd(5)} ${pad('points', 6)} ${pad('n/a', 4)} ${pad('covered', 9)} ${pad('share', 8)} ${pad('by prompt', 9)}`
	);
	for (const r of areas)
		console.log(
			`  ${r.area.padEnd(5)} ${pad(r.points, 6)} ${pad(r.notApplicable, 4)} ${pad(`${r.covered}/${r.applicable}`, 9)} ${pad(formatShare(r.covered, r.applicable), 8)} ${pad(r.byPrompt, 9)}` +
				(r.gaps.length ? `  gaps: ${r.gaps.join(', ')}` : '')
		);
}

const size = Buffer.byteLength(compact);
const gz = gzipSync(compact, { level: 9 }).length;
console.log(
	`Compiled size: ${size} bytes (${kb(size)}), gzip ${gz} bytes (${kb(gz)}) as bundled in the app`
);

if (out) {
	const path = resolve(out);
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, json);
	console.log(`Wrote ${path} (${Buffer.byteLength(json)} bytes, pretty-printed)`);
}

if (updateIds) {
	const current = bankIds(bank);
	const path = resolve(IDS_FILE);
	const previous: BankIds | null = existsSync(path)
		? (JSON.parse(readFileSync(path, 'utf8')) as BankIds)
		: null;
	const { removed, added } = previous ? diffIds(previous, current) : { removed: [], added: [] };
	if (removed.length && !allowRemoved) {
		console.error(
			`Refusing to update ${IDS_FILE}: ${removed.length} id(s) were removed:\n` +
				removed.map((id) => `  - ${id}`).join('\n') +
				'\nSaved assessments may refer to them. Restore them, or re-run with --allow-removed if the removal is deliberate.'
		);
		process.exit(1);
	}
	mkdirSync(dirname(path), { recursive: true });
	// Written in the repository's Prettier style so `npm run format:check` stays green.
	const prettier = await import('prettier');
	const style = (await prettier.resolveConfig(path)) ?? {};
	writeFileSync(path, await prettier.format(JSON.stringify(current), { ...style, filepath: path }));
	console.log(
		`Updated ${IDS_FILE}: ${added.length} added, ${removed.length} removed` +
			(previous ? '' : ' (new snapshot)')
	);
}
