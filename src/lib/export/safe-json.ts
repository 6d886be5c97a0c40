/**
 * Reading untrusted files before any schema sees them: size, file type, text encoding, nesting
 * depth, truncation and prototype-pollution keys. Each failure is an ImportError whose message a
 * user can act on. Shape validation is not done here (valibot does it, see schema.ts).
 */

export type ImportErrorCode =
	| 'empty'
	| 'too-large'
	| 'wrong-type'
	| 'not-text'
	| 'invalid-json'
	| 'truncated'
	| 'too-deep'
	| 'forbidden-key'
	| 'not-export'
	| 'newer-version'
	| 'invalid'
	| 'needs-passphrase'
	| 'wrong-passphrase'
	| 'tampered'
	| 'crypto-unavailable'
	| 'conflict'
	| 'storage';

/** A rejected import. `message` is written for the user; nothing was stored. */
export class ImportError extends Error {
	readonly code: ImportErrorCode;
	constructor(code: ImportErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'ImportError';
		this.code = code;
	}
}

/** Files larger than this are refused before they are read or parsed. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Deepest nesting of objects/arrays accepted (a real export needs about 10). */
export const MAX_DEPTH = 64;
/** Property names that could reach an object's prototype; a file with any of them is refused. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
	'__proto__',
	'constructor',
	'prototype'
]);

export function formatBytes(n: number): string {
	if (n < 1024) return `${n} bytes`;
	if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
	return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** How the messages name the kind of file being read and what stays unchanged. */
export interface FileWords {
	/** "an assessment export" */
	noun: string;
	/** "Assessment exports" */
	plural: string;
	/** "the .json file that SOC 2 Readiness saved when you exported the assessment" */
	choose: string;
	/** "Nothing was imported and your saved assessments are unchanged." */
	nothingChanged: string;
}

export const ASSESSMENT_FILE: FileWords = {
	noun: 'an assessment export',
	plural: 'Assessment exports',
	choose: 'the .json file that SOC 2 Readiness saved when you exported the assessment',
	nothingChanged: 'Nothing was imported and your saved assessments are unchanged.'
};

export function tooLarge(size: number, words: FileWords = ASSESSMENT_FILE): ImportError {
	return new ImportError(
		'too-large',
		`The file is ${formatBytes(size)}; ${words.noun} is at most ${formatBytes(MAX_IMPORT_BYTES)}. It is not an export from this app, or it is damaged. ${words.nothingChanged}`
	);
}

const SIGNATURES: { bytes: number[]; kind: string }[] = [
	{ bytes: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
	{ bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive or an Office document' },
	{ bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
	{ bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
	{ bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
	{ bytes: [0x1f, 0x8b], kind: 'a compressed (gzip) file' },
	{ bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'an old-style Office document' }
];

function sniff(bytes: Uint8Array): string | null {
	for (const s of SIGNATURES) {
		if (s.bytes.every((b, i) => bytes[i] === b)) return s.kind;
	}
	return null;
}

function wrongType(kind: string, words: FileWords): ImportError {
	return new ImportError(
		'wrong-type',
		`This is ${kind}, not ${words.noun}. Choose ${words.choose}. ${words.nothingChanged}`
	);
}

/** Bytes → text, refusing binary files and non-UTF-8 text. */
export function decodeBytes(bytes: Uint8Array, words: FileWords = ASSESSMENT_FILE): string {
	const NOTHING_CHANGED = words.nothingChanged;
	if (bytes.length === 0) {
		throw new ImportError('empty', `The file is empty. ${NOTHING_CHANGED}`);
	}
	if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(bytes.length, words);
	const kind = sniff(bytes);
	if (kind) throw wrongType(kind, words);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		throw new ImportError(
			'not-text',
			`The file is not text (it contains bytes that are not UTF-8), so it cannot be ${words.noun}. ${NOTHING_CHANGED}`
		);
	}
	if (text.includes('\u0000')) {
		throw new ImportError(
			'not-text',
			`The file contains binary data, so it cannot be ${words.noun}. ${NOTHING_CHANGED}`
		);
	}
	return text;
}

interface Scan {
	/** Deepest nesting seen. */
	maxDepth: number;
	/** The text ends inside a string or with containers still open. */
	unterminated: boolean;
}

/** One pass over JSON text that measures nesting without recursion (safe on hostile input). */
function scan(text: string): Scan {
	let depth = 0;
	let maxDepth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c /* \ */) i++;
			else if (c === 0x22 /* " */) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
			depth++;
			if (depth > maxDepth) {
				maxDepth = depth;
				if (maxDepth > MAX_DEPTH) return { maxDepth, unterminated: false };
			}
		} else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
	}
	return { maxDepth, unterminated: inString || depth > 0 };
}

function lineAndColumn(text: string, pos: number): string {
	const before = text.slice(0, pos);
	const line = before.split('\n').length;
	const column = pos - before.lastIndexOf('\n');
	return `line ${line}, column ${column}`;
}

function parseScalar(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		const value: unknown = JSON.parse(text);
		return value === null || typeof value !== 'object' ? { ok: true, value } : { ok: false };
	} catch {
		return { ok: false };
	}
}

/**
 * Parse untrusted JSON text. Refuses (ImportError): empty text, text that is not JSON, nesting deeper than MAX_DEPTH, truncated text, invalid JSON, and any property named
 * `__proto__`, `constructor` or `prototype` at any depth.
 */
export function parseUntrustedJson(raw: string, words: FileWords = ASSESSMENT_FILE): unknown {
	const NOTHING_CHANGED = words.nothingChanged;
	const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
	const trimmed = text.trimStart();
	if (trimmed.length === 0) throw new ImportError('empty', `The file is empty. ${NOTHING_CHANGED}`);
	const first = trimmed[0];
	if (first !== '{' && first !== '[') {
		if (first === '<') throw wrongType('a web page or XML document', words);
		// A lone number, text, true/false or null is valid JSON with no nesting: hand it on, so the
		// message can say what the file holds instead of calling it "not JSON".
		const scalar = parseScalar(text);
		if (scalar.ok) return scalar.value;
		throw new ImportError(
			'wrong-type',
			`This file is not JSON, so it is not ${words.noun}. Choose ${words.choose}. ${NOTHING_CHANGED}`
		);
	}
	const s = scan(text);
	if (s.maxDepth > MAX_DEPTH) {
		throw new ImportError(
			'too-deep',
			`The file is nested more than ${MAX_DEPTH} levels deep, far more than ${words.noun} ever is, so it was refused as unsafe. ${NOTHING_CHANGED}`
		);
	}
	let forbidden: string | null = null;
	let value: unknown;
	try {
		value = JSON.parse(text, (k, v: unknown) => {
			if (FORBIDDEN_KEYS.has(k)) {
				forbidden = k;
				throw new Error('forbidden key');
			}
			return v;
		});
	} catch (e) {
		if (forbidden !== null) {
			throw new ImportError(
				'forbidden-key',
				`The file contains a property named “${forbidden}”. ${words.plural} never do, and such names can be used to attack the app, so the file was refused. ${NOTHING_CHANGED}`
			);
		}
		if (s.unterminated) {
			throw new ImportError(
				'truncated',
				`The file ends too early: it looks cut off, for example by an interrupted download or copy. Export it again from the original device. ${NOTHING_CHANGED}`
			);
		}
		const pos = /position (\d+)/.exec(e instanceof Error ? e.message : '');
		const where = pos ? ` (near ${lineAndColumn(text, Number(pos[1]))})` : '';
		throw new ImportError(
			'invalid-json',
			`The file is not valid JSON${where}. It may have been edited by hand or damaged. ${NOTHING_CHANGED}`,
			{ cause: e }
		);
	}
	return value;
}
