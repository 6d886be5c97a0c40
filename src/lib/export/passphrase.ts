/**
 * Passphrase rules of encrypted exports, apart from the crypto code so that forms can validate
 * without loading it.
 */

/** PBKDF2-SHA-256 iterations that derive the AES-GCM key from the passphrase. */
export const PBKDF2_ITERATIONS = 600_000;
/** Shortest passphrase the export form accepts. */
export const MIN_PASSPHRASE_LENGTH = 10;
