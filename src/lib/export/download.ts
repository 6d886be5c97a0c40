/**
 * Start a download of a Blob (object URL; no data: URL, no network, CSP-safe). On its own so that
 * a page that only downloads (the export page's PDF and CSV files) does not load the JSON export
 * code and its schema validation.
 */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	// Give the browser time to start reading the blob before it is released.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
