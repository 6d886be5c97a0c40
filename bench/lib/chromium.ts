/** How the bench starts Debian Chromium: the flags of playwright.config.ts, and no way off the machine. */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags used by the e2e tests (playwright.config.ts). */
export const E2E_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

/** Every host name except the local ones fails to resolve: nothing can reach off the machine. */
export const OFFLINE_FLAGS = [
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'
];

export function isLocalUrl(url: string): boolean {
	if (/^(data|blob|about|chrome|chrome-extension|devtools):/.test(url)) return true;
	try {
		const u = new URL(url);
		return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
	} catch {
		return false;
	}
}
