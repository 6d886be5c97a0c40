/** Base64 of bytes and back, in the browser and in Node (no Buffer). */
export function bytesToBase64(bytes: Uint8Array): string {
	let bin = '';
	const CHUNK = 0x8000;
	for (let i = 0; i < bytes.length; i += CHUNK)
		bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	return btoa(bin);
}

/** Throws on text that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
	const bin = atob(text);
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}
