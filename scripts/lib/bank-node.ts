/**
 * Reading the question bank from disk (Node only): used by `npm run bank`, by the Vite plugin
 * that bundles the bank into the app, and by Node-side tests and scripts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import {
	BankError,
	checkBank,
	type BankCheck,
	type CompileOptions
} from '../../src/lib/domain/bank/index.ts';
import type { Bank } from '../../src/lib/domain/types.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `dir` as given if it exists (relative to the working directory), else relative to the repo. */
export function resolveBankDir(dir = 'questions'): string {
	const fromCwd = resolve(dir);
	if (existsSync(fromCwd)) return fromCwd;
	return resolve(REPO_ROOT, dir);
}

/** Every *.yaml / *.yml file under `root`, sorted, as absolute paths. */
export function listBankFiles(root: string): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		for (const name of readdirSync(d).sort()) {
			const p = join(d, name);
			if (statSync(p).isDirectory()) walk(p);
			else if (/\.ya?ml$/i.test(name)) out.push(p);
		}
	};
	walk(root);
	return out;
}

export interface BankFiles {
	/** Parsed YAML keyed by "questions/<relative path>". */
	files: Record<string, unknown>;
	/** YAML syntax errors with file, line and column. */
	errors: string[];
	/** Absolute paths read (for watchers). */
	paths: string[];
}

/** Read and parse every YAML file of the bank. Syntax errors are collected, never thrown. */
export function readBankFiles(dir = 'questions'): BankFiles {
	const root = resolveBankDir(dir);
	if (!existsSync(root)) {
		return { files: {}, errors: [`${dir}: the question bank directory does not exist`], paths: [] };
	}
	const files: Record<string, unknown> = {};
	const errors: string[] = [];
	const paths = listBankFiles(root);
	for (const path of paths) {
		const key = 'questions/' + relative(root, path).split(sep).join('/');
		const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true, uniqueKeys: true });
		if (doc.errors.length) {
			for (const e of doc.errors) {
				const pos = e.linePos?.[0];
				const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
				errors.push(`${key}${pos ? `:${pos.line}:${pos.col}` : ''}: YAML syntax error: ${message}`);
			}
			continue;
		}
		files[key] = doc.toJS({ maxAliasCount: 100 });
	}
	return { files, errors, paths };
}

/** Read, validate and compile without throwing; YAML errors come first in `errors`. */
export function checkBankOnDisk(
	dir = 'questions',
	opts: CompileOptions = {}
): BankCheck & { paths: string[] } {
	const read = readBankFiles(dir);
	if (read.errors.length)
		return { bank: null, errors: read.errors, warnings: [], paths: read.paths };
	return { ...checkBank(read.files, opts), paths: read.paths };
}

/** The compiled, validated bank from `questions/`; throws `BankError` listing every problem. */
export function loadBankFromDisk(dir = 'questions', opts: CompileOptions = {}): Bank {
	const result = checkBankOnDisk(dir, opts);
	if (!result.bank) throw new BankError(result.errors);
	return result.bank;
}
