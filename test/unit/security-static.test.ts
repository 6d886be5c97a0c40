/**
 * Static guarantees, checked on the source and configuration (fast, and they fail the build of
 * a change before any browser runs): the Content-Security-Policy the app is built with, no HTML
 * or code injection sinks, no network APIs except one same-origin asset read, no remote
 * resources, and only http(s) evidence locations can become links.
 * The built pages' CSP and the runtime behaviour are checked in test/e2e/security.spec.ts.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../svelte.config.js';
import { safeHttpUrl } from '$lib/components/interview/evidence';

const P = JSON.parse(readFileSync('test/fixtures/xss/payloads.json', 'utf8')) as {
	urls: string[];
	html: string[];
};

function walk(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) walk(p, out);
		else out.push(p);
	}
	return out;
}

/** Shipped source: everything under src/ except tests and test helpers. */
const SOURCE = walk('src')
	.filter((f) => /\.(ts|js|svelte|html|css)$/.test(f))
	.filter((f) => !/\.(test|spec)\.ts$|test-helpers|test-fixtures|vitest-setup|testing\.ts$/.test(f))
	.map((f) => ({ file: relative('.', f), text: readFileSync(f, 'utf8') }));

/** Source without comments, so that documentation mentioning a sink does not count. */
function code(text: string): string {
	return text
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function hits(pattern: RegExp): string[] {
	const out: string[] = [];
	for (const { file, text } of SOURCE) {
		const lines = code(text).split('\n');
		lines.forEach((l, i) => {
			if (pattern.test(l)) out.push(`${file}:${i + 1}: ${l.trim()}`);
		});
	}
	return out;
}

describe('Content-Security-Policy configuration (svelte.config.js)', () => {
	const csp = config.kit?.csp;
	const d = (csp?.directives ?? {}) as Record<string, string[] | undefined>;

	it('is hash/nonce based, so SvelteKit allows exactly its own bootstrap script', () => {
		expect(['hash', 'nonce']).toContain(csp?.mode);
	});

	it('allows scripts only from the app itself: no inline, no eval, no remote, no data:', () => {
		const script = d['script-src'] ?? d['default-src'];
		expect(script).toEqual(['self']);
		for (const key of ['script-src-elem', 'script-src-attr']) expect(d[key]).toBeUndefined();
	});

	it('lets nothing connect anywhere but the app’s own origin', () => {
		expect(d['default-src']).toEqual(['self']);
		expect(d['connect-src']).toEqual(['self']);
		for (const key of ['img-src', 'font-src', 'style-src', 'worker-src', 'manifest-src']) {
			for (const source of d[key] ?? []) {
				expect(source, `${key} ${source}`).toMatch(/^(self|data:|blob:|unsafe-inline)$/);
			}
		}
		expect(d['style-src'] ?? [], 'styles come from the app').toContain('self');
	});

	it('blocks plugins, base-tag hijacking, form posts elsewhere and framing', () => {
		expect(d['object-src']).toEqual(['none']);
		expect(d['base-uri']).toEqual(['self']);
		expect(d['form-action']).toEqual(['self']);
		expect(d['frame-ancestors']).toEqual(['none']);
	});
});

describe('no injection sinks in the shipped source', () => {
	it('never renders markup from strings ({@html}, innerHTML, outerHTML, insertAdjacentHTML, document.write)', () => {
		expect(
			hits(
				/\{@html\b|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write\(|createContextualFragment|DOMParser/
			)
		).toEqual([]);
	});

	it('never evaluates strings as code (eval, new Function, string timers)', () => {
		expect(hits(/\beval\s*\(|new\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*['"`]/)).toEqual([]);
	});

	it('opens links in a new tab only with rel="noopener"', () => {
		const bad = SOURCE.filter(({ text }) => /target=["']?_blank/.test(text)).flatMap(
			({ file, text }) =>
				[...text.matchAll(/<a\b[^>]*target=["']?_blank[^>]*>/g)]
					.filter((m) => !/rel=["'][^"']*noopener/.test(m[0]))
					.map((m) => `${file}: ${m[0]}`)
		);
		expect(bad).toEqual([]);
	});
});

describe('no network in the shipped source', () => {
	it('uses no network API, except reading its own bundled font files and question bank', () => {
		const found = hits(
			/\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection|importScripts/
		);
		// The optional team sync client (src/lib/sync) is the one other exception, checked below.
		expect(
			found.filter(
				(h) =>
					!h.startsWith('src/lib/report/fonts.ts:') &&
					!h.startsWith('src/lib/bank/fetch.ts:') &&
					!h.startsWith('src/lib/sync/')
			)
		).toEqual([]);
		// The bank loader fetches only the URL of the file the build emits (same origin, precached).
		const fetcher = readFileSync('src/lib/bank/fetch.ts', 'utf8');
		expect([...fetcher.matchAll(/\bfetch\s*\(([^)]*)\)/g)].map((m) => m[1])).toEqual(['url']);
		const bank = readFileSync('src/lib/bank/index.ts', 'utf8');
		expect(bank).toContain(
			"import('virtual:soc2-bank-url').then((m) => fetchBankCore(m.default ?? ''))"
		);
		// The bank's second file: a file name the first one gives, in the first one's folder.
		expect(fetcher).toContain("url.slice(0, url.lastIndexOf('/') + 1) + core.rest");
		expect(fetcher).toContain('!REST_FILE.test(core.rest)');
		// The report-model worker fetches the same file: its URL comes from the page, which reads it
		// from the same virtual module (the worker's bundle has none: `urlFromPage`).
		expect(readFileSync('src/lib/report/model-client.ts', 'utf8')).toContain(
			"import bankFileUrl from 'virtual:soc2-bank-url';"
		);
		const handler = readFileSync('src/lib/report/model-handler.ts', 'utf8');
		expect([...handler.matchAll(/\bfetchBank\s*\(([^)]*)\)/g)].map((m) => m[1])).toEqual(['url']);
		expect(readFileSync('vite-plugins/soc2-bank.ts', 'utf8')).toContain(
			'export default import.meta.ROLLUP_FILE_URL_${ref};'
		);
		// The font reader fetches only URLs made relative to its own module (same origin, precached).
		const fonts = readFileSync('src/lib/report/fonts.ts', 'utf8');
		const urls = [...fonts.matchAll(/new URL\(\s*(['"][^'"]+['"])\s*,\s*([^)]+)\)/g)];
		expect(urls.length).toBeGreaterThan(0);
		for (const m of urls) {
			expect(m[1]).toMatch(/^['"]\.\//);
			expect(m[2]!.trim()).toBe('import.meta.url');
		}
	});

	it('the team sync client talks only to its own origin, and only the team screens load it', () => {
		const config = readFileSync('src/lib/sync/config.ts', 'utf8');
		const fetches = [...config.matchAll(/fetch\(\s*([^,)]+)/g)].map((m) => m[1]!.trim());
		expect(fetches).toEqual(['`/api/team/${path}`']);
		const session = readFileSync('src/lib/sync/session.svelte.ts', 'utf8');
		// The WebSocket address is this page's own host, /sync (ws: or wss: as the page).
		expect(session).toContain("`${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/sync`");
		expect(session).not.toMatch(/url:\s*['"`]/);
		// No other shipped file imports the provider or the session statically.
		const importers = SOURCE.filter(
			({ file, text }) =>
				!file.startsWith('src/lib/sync/') &&
				/from\s+['"](@hocuspocus\/provider|\$lib\/sync\/(session|TeamPanel))/.test(text)
		).map(({ file }) => file);
		expect(importers).toEqual([]);
		const slot = readFileSync('src/lib/sync/TeamSlot.svelte', 'utf8');
		expect(slot).toMatch(/await import\('\.\/TeamPanel\.svelte'\)/);
		expect(slot).not.toMatch(/from '\.\/(TeamPanel|session)/);
	});

	it('names no remote host in code, except JSON Schema and XML namespace identifiers that are never fetched', () => {
		// Identifiers, not addresses: a JSON Schema's `$schema`/`$id` and the Office Open XML
		// namespace names the Word report's style sheet declares.
		const NEVER_FETCHED = new Set([
			'json-schema.org',
			'soc2-readiness.invalid',
			'schemas.openxmlformats.org'
		]);
		const hosts = SOURCE.flatMap(({ file, text }) =>
			[...code(text).matchAll(/\b(?:https?|wss?):\/\/([a-z0-9.-]+)/gi)].map((m) => ({
				file,
				host: m[1]!.toLowerCase()
			}))
		).filter((h) => !NEVER_FETCHED.has(h.host));
		expect(hosts).toEqual([]);
	});

	it('loads no remote resource (scripts, styles, fonts, images) from any page, stylesheet or component', () => {
		const remote =
			/(<script[^>]+src=|<link[^>]+href=|<img[^>]+src=|@import\s+(url\()?|url\(\s*)["']?(https?:)?\/\//i;
		const found = [
			...SOURCE.filter(({ text }) => remote.test(code(text))).map((s) => s.file),
			...walk('static')
				.filter((f) => /\.(html|css|svg|webmanifest|json)$/.test(f))
				.filter((f) => /(https?:)?\/\/(?!www\.w3\.org\/)/.test(readFileSync(f, 'utf8')))
		];
		expect(found).toEqual([]);
	});
});

describe('evidence locations become links only when they are http(s)', () => {
	it('refuses every script, data and odd-scheme URL from the payload list', () => {
		const hostile = P.urls.filter((u) => !/^https?:/i.test(u.trim()));
		expect(hostile.length).toBeGreaterThan(3);
		for (const u of hostile) expect(safeHttpUrl(u), u).toBeNull();
		for (const u of P.html) expect(safeHttpUrl(u), u).toBeNull();
		for (const u of [
			'\\\\share\\evidence',
			'/srv/evidence/x.pdf',
			'ftp://files.example/x',
			'file:///etc/passwd',
			'//evil.example/x'
		])
			expect(safeHttpUrl(u), u).toBeNull();
	});

	it('accepts real web links, normalised by the URL parser (quotes and brackets percent-encoded)', () => {
		expect(safeHttpUrl('https://wiki.example/access-review')).toBe(
			'https://wiki.example/access-review'
		);
		expect(safeHttpUrl('  HTTP://Wiki.Example/x ')).toBe('http://wiki.example/x');
		const tricky = P.urls.find((u) => u.startsWith('https://'))!;
		const href = safeHttpUrl(tricky);
		expect(href).toMatch(/^https:\/\/evidence\.example\//);
		expect(href).not.toMatch(/["<>]/);
	});
});
