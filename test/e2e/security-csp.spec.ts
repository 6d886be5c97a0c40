/**
 * The Content-Security-Policy of the built app: every prerendered page carries a strict policy
 * in a <meta http-equiv> tag (the app is served by any static host, so the policy travels with
 * the page), and Chromium enforces it: no eval, no inline script, no connection to another
 * origin. What a full interview and export do under this policy (zero violations) is checked in
 * security.spec.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const BUILD = 'build';

function builtPages(): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			const p = join(dir, e.name);
			if (e.isDirectory()) {
				if (e.name !== '_app') walk(p);
			} else if (e.name.endsWith('.html')) out.push(p);
		}
	};
	walk(BUILD);
	return out.sort();
}

function parseCsp(html: string): Map<string, string[]> | null {
	const metas = [
		...html.matchAll(/<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/gi)
	];
	if (metas.length !== 1) return null;
	const map = new Map<string, string[]>();
	for (const part of metas[0]![1]!.split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) map.set(name.toLowerCase(), sources);
	}
	return map;
}

test.describe('built pages', () => {
	const pages = builtPages();

	test('every page of the build has exactly one strict CSP meta tag, before any script', () => {
		expect(pages.map((p) => p.replace(/^build\//, ''))).toEqual(
			expect.arrayContaining(['200.html', 'index.html', 'interview.html'])
		);
		for (const file of pages) {
			const html = readFileSync(file, 'utf8');
			const csp = parseCsp(html);
			expect(csp, `${file}: one CSP meta tag`).not.toBeNull();
			const at = html.search(/<meta\s+http-equiv="content-security-policy"/i);
			const firstScript = html.search(/<script\b/i);
			const firstLink = html.search(/<link\b[^>]*rel="(modulepreload|stylesheet)"/i);
			expect(at, `${file}: CSP before scripts`).toBeLessThan(
				firstScript === -1 ? Infinity : firstScript
			);
			expect(at, `${file}: CSP before preloads`).toBeLessThan(
				firstLink === -1 ? Infinity : firstLink
			);

			const d = csp!;
			expect(d.get('default-src'), file).toEqual(["'self'"]);
			expect(d.get('connect-src'), file).toEqual(["'self'"]);
			expect(d.get('object-src'), file).toEqual(["'none'"]);
			expect(d.get('base-uri'), file).toEqual(["'self'"]);
			expect(d.get('form-action'), file).toEqual(["'self'"]);
			const script = d.get('script-src') ?? [];
			expect(script[0], file).toBe("'self'");
			for (const s of script.slice(1)) {
				expect(s, `${file}: script-src may only add hashes of SvelteKit's own bootstrap`).toMatch(
					/^'sha(256|384|512)-[A-Za-z0-9+/]+=*'$/
				);
			}
			expect(d.has('script-src-elem') || d.has('script-src-attr'), file).toBe(false);
			for (const [name, sources] of d) {
				for (const s of sources) {
					expect(`${name} ${s}`, file).not.toMatch(
						/unsafe-eval|wasm-unsafe-eval|^\S+ \*$|https?:|wss?:|\*\./
					);
					if (name !== 'style-src') expect(`${name} ${s}`, file).not.toMatch(/unsafe-inline/);
				}
			}
			// Every inline script the page has is one whose hash the policy allows.
			const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)];
			expect(inline.length, `${file}: inline scripts`).toBeLessThanOrEqual(script.length - 1);
		}
	});

	test('no page, manifest or service worker refers to another origin', () => {
		const files = [
			...pages,
			join(BUILD, 'manifest.webmanifest'),
			join(BUILD, 'sw.js'),
			...readdirSync(BUILD)
				.filter((f) => /^workbox-.*\.js$/.test(f))
				.map((f) => join(BUILD, f))
		];
		for (const file of files) {
			const text = readFileSync(file, 'utf8');
			const urls = [...text.matchAll(/\bhttps?:\/\/[^\s"'`)<>]+/g)]
				.map((m) => m[0])
				// Workbox quotes a documentation link in one of its error messages; never fetched.
				.filter((u) => !/^https:\/\/bit\.ly\/wb-[a-z-]+$/.test(u));
			expect(urls, file).toEqual([]);
		}
	});
});

test.describe('enforcement in Chromium', () => {
	test('eval, inline scripts, inline handlers and cross-origin connections are blocked', async ({
		page,
		context
	}) => {
		// Belt and braces: nothing may reach the network even if the policy failed.
		await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
		await page.addInitScript(() => {
			const w = window as unknown as { __csp: string[] };
			w.__csp = [];
			document.addEventListener('securitypolicyviolation', (e) =>
				w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`)
			);
		});
		await page.goto('/');
		const result = await page.evaluate(async () => {
			const w = window as unknown as { __csp: string[]; __ran?: string[] };
			w.__ran = [];
			// Code evaluated by the test driver itself is exempt from the policy, so the string
			// evaluations are started from a page task (a string timer), as app code would run them.
			setTimeout('window.__ran.push("string timer")', 0);
			document.body.setAttribute('data-probe', '1');
			const probe = document.createElement('button');
			probe.setAttribute('onclick', 'window.__ran.push("inline click")');
			document.body.append(probe);
			probe.click();
			const s = document.createElement('script');
			s.textContent = 'window.__ran.push("inline")';
			document.body.append(s);
			const img = document.createElement('img');
			img.setAttribute('onerror', 'window.__ran.push("handler")');
			img.src = 'data:image/png;base64,broken';
			document.body.append(img);
			let fetchBlocked = false;
			try {
				await fetch('https://example.com/collect');
			} catch {
				fetchBlocked = true;
			}
			return { fetchBlocked };
		});
		expect(result.fetchBlocked).toBe(true);
		// Wait for the browser to report every attempt (a real condition, not a fixed delay): each
		// attempt is reported when it is blocked (the string timer as script-src), so once all four
		// kinds are in, none of them can still run.
		const kinds = ['script-src', 'script-src-elem', 'script-src-attr', 'connect-src'];
		await page.waitForFunction((want) => {
			const got = (window as unknown as { __csp: string[] }).__csp.map((v) => v.split(' ')[0]);
			return want.every((k) => got.includes(k));
		}, kinds);
		const after = await page.evaluate(() => {
			const w = window as unknown as { __csp: string[]; __ran: string[] };
			return { ran: w.__ran, violations: w.__csp };
		});
		expect(after.ran).toEqual([]);
		const directives = after.violations.map((v) => v.split(' ')[0]);
		expect(directives).toEqual(expect.arrayContaining(kinds));
		expect(after.violations.some((v) => /^connect-src https:\/\/example\.com/.test(v))).toBe(true);
	});
});
