/**
 * Optional passphrase encryption of an export (WebCrypto only; runs in the browser and in Node).
 *
 * - PBKDF2-SHA-256, 600,000 iterations, random 16-byte salt → 256-bit master secret.
 * - HKDF-SHA-256 splits the master into an AES-GCM-256 key and a 128-bit passphrase check. A
 *   check that matches while the AES-GCM tag does not means the file was altered. A check that
 *   does not match means a wrong passphrase — or a file whose salt, iterations or check were
 *   altered (they change the check too), so that message names both causes.
 * - AES-GCM with a random 12-byte IV; the envelope header (format, version, KDF and cipher
 *   parameters, check) is bound as additional authenticated data, so changing any of it is
 *   detected too.
 */
import {
	ENCRYPTED_FORMAT,
	ENCRYPTED_FORMAT_VERSION,
	type EncryptedEnvelope,
	type ExportDocument
} from './schema';
import { ImportError } from './safe-json';

import { PBKDF2_ITERATIONS } from './passphrase';

export { MIN_PASSPHRASE_LENGTH, PBKDF2_ITERATIONS } from './passphrase';

const enc = new TextEncoder();

function subtle(): SubtleCrypto {
	const s = globalThis.crypto?.subtle;
	if (!s) {
		throw new ImportError(
			'crypto-unavailable',
			'Encryption is not available here: browsers only allow it on https:// pages or on localhost. Open the app from a secure address to encrypt or decrypt exports.'
		);
	}
	return s;
}

export function toBase64(bytes: Uint8Array): string {
	let bin = '';
	const CHUNK = 0x8000;
	for (let i = 0; i < bytes.length; i += CHUNK) {
		bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	}
	return btoa(bin);
}

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
	const bin = atob(b64);
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

function randomBytes(n: number): Uint8Array<ArrayBuffer> {
	return crypto.getRandomValues(new Uint8Array(n));
}

interface Keys {
	key: CryptoKey;
	check: string;
}

async function deriveKeys(
	passphrase: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number
): Promise<Keys> {
	const s = subtle();
	const material = await s.importKey(
		'raw',
		enc.encode(passphrase.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveBits']
	);
	const master = await s.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		material,
		256
	);
	const hkdf = await s.importKey('raw', master, 'HKDF', false, ['deriveKey', 'deriveBits']);
	const info = (label: string) => ({
		name: 'HKDF',
		hash: 'SHA-256',
		salt: new Uint8Array(0),
		info: enc.encode(`soc2-readiness/${label}`)
	});
	const key = await s.deriveKey(
		info('aes-gcm-256'),
		hkdf,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
	const check = toBase64(new Uint8Array(await s.deriveBits(info('passphrase-check'), hkdf, 128)));
	return { key, check };
}

type Header = Pick<
	EncryptedEnvelope,
	'format' | 'formatVersion' | 'kdf' | 'cipher' | 'passphraseCheck'
>;

function additionalData(h: Header): Uint8Array<ArrayBuffer> {
	return enc.encode(
		JSON.stringify([
			h.format,
			h.formatVersion,
			h.kdf.name,
			h.kdf.hash,
			h.kdf.iterations,
			h.kdf.salt,
			h.cipher.name,
			h.cipher.keyLength,
			h.cipher.iv,
			h.passphraseCheck
		])
	);
}

/** Encrypt a complete export document with a passphrase. */
export async function encryptDocument(
	doc: ExportDocument,
	passphrase: string,
	iterations = PBKDF2_ITERATIONS
): Promise<EncryptedEnvelope> {
	if (!passphrase) throw new Error('A passphrase is required to encrypt.');
	const salt = randomBytes(16);
	const iv = randomBytes(12);
	const { key, check } = await deriveKeys(passphrase, salt, iterations);
	const header: Header = {
		format: ENCRYPTED_FORMAT,
		formatVersion: ENCRYPTED_FORMAT_VERSION,
		kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
		cipher: { name: 'AES-GCM', keyLength: 256, iv: toBase64(iv) },
		passphraseCheck: check
	};
	const ciphertext = await subtle().encrypt(
		{ name: 'AES-GCM', iv, additionalData: additionalData(header), tagLength: 128 },
		key,
		enc.encode(JSON.stringify(doc))
	);
	return {
		format: header.format,
		formatVersion: header.formatVersion,
		exportedAt: doc.exportedAt,
		app: doc.app,
		kdf: header.kdf,
		cipher: header.cipher,
		passphraseCheck: header.passphraseCheck,
		ciphertext: toBase64(new Uint8Array(ciphertext))
	};
}

/**
 * Decrypt an (already schema-validated) envelope. Returns the plaintext JSON text, which the
 * caller validates like any other file. Throws ImportError 'wrong-passphrase' or 'tampered'.
 */
export async function decryptEnvelope(env: EncryptedEnvelope, passphrase: string): Promise<string> {
	const { key, check } = await deriveKeys(passphrase, fromBase64(env.kdf.salt), env.kdf.iterations);
	if (check !== env.passphraseCheck) {
		throw new ImportError(
			'wrong-passphrase',
			'That passphrase does not unlock this file: either the passphrase is wrong, or the file may have been altered since it was exported. Check the passphrase for typing mistakes (and the keyboard layout) and try again; if it is right, export the file again from the original device.'
		);
	}
	let plain: ArrayBuffer;
	try {
		plain = await subtle().decrypt(
			{
				name: 'AES-GCM',
				iv: fromBase64(env.cipher.iv),
				additionalData: additionalData(env),
				tagLength: 128
			},
			key,
			fromBase64(env.ciphertext)
		);
	} catch (e) {
		throw new ImportError(
			'tampered',
			'The passphrase is right, but the encrypted file has been altered or damaged since it was exported, so it cannot be trusted. Nothing was imported and your saved assessments are unchanged.',
			{ cause: e }
		);
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(plain);
	} catch (e) {
		throw new ImportError(
			'tampered',
			'The decrypted content is not text, so the file cannot be trusted. Nothing was imported.',
			{ cause: e }
		);
	}
}
