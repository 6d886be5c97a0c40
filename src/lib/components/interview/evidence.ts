/** Evidence pointers: which locations may become links, and a file's fingerprint. */

/** Only http(s) URLs may become links; everything else is shown as text. */
export function safeHttpUrl(location: string): string | null {
	const s = location.trim();
	if (!/^https?:\/\//i.test(s)) return null;
	try {
		const u = new URL(s);
		return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
	} catch {
		return null;
	}
}

/** Hex SHA-256 of a file, computed in the browser. The file is not stored or sent anywhere. */
export async function sha256OfFile(file: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
