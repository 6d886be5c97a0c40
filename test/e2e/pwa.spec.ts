/**
 * Installable, offline after the first visit (every route, with the network off and the server
 * gone), and the "new version available" prompt that never loses data.
 *
 * The offline and update tests run their own static server over a private copy of build/, so
 * that they can stop it and publish a "new version" without touching the shared server.
 */
import {
	cpSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from './fixtures';
import { openQuestion, persona, recordOffsite, seedAssessment } from './reliability-helpers';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ttf': 'font/ttf',
	'.woff2': 'font/woff2'
};

/** A static host like scripts/serve.js, reading files on every request (so they can change). */
async function privateServer(): Promise<{ url: string; root: string; close: () => Promise<void> }> {
	const root = mkdtempSync(path.join(os.tmpdir(), 'soc2-pwa-'));
	// Snapshot build/ and check that it is complete (every precached file present), in case a
	// build elsewhere on the machine is rewriting it at this moment.
	for (let attempt = 0; ; attempt++) {
		rmSync(root, { recursive: true, force: true });
		cpSync('build', root, { recursive: true });
		const sw = readFileSync(path.join(root, 'sw.js'), 'utf8');
		const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!).filter((u) => u !== '/');
		const missing = urls.filter(
			(u) => !existsSync(path.join(root, u)) && !existsSync(path.join(root, `${u}.html`))
		);
		if (missing.length === 0) break;
		if (attempt >= 10) throw new Error(`build/ is incomplete: ${missing.join(', ')}`);
		await new Promise((r) => setTimeout(r, 3000));
	}
	const server = http.createServer((req, res) => {
		const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		let file = path.join(root, pathname);
		if (!file.startsWith(root)) return void res.writeHead(400).end();
		if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
		if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
		if (!existsSync(file)) file = path.join(root, '200.html');
		res.writeHead(200, {
			'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
			'Cache-Control': 'no-cache'
		});
		res.end(readFileSync(file));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		root,
		close: () =>
			new Promise<void>((r) => {
				server.closeAllConnections();
				server.close(() => r());
			})
	};
}

/** Every page route of the app, read from src/routes (so new routes are covered automatically). */
function routes(): string[] {
	const out: string[] = [];
	const walk = (dir: string, prefix: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory() && !entry.name.startsWith('[') && !entry.name.startsWith('(')) {
				walk(path.join(dir, entry.name), `${prefix}/${entry.name}`);
			} else if (entry.name === '+page.svelte') out.push(prefix || '/');
		}
	};
	walk('src/routes', '');
	return out.sort();
}

/**
 * Wait until the service worker is activated and controls the page. In prompt mode the first
 * worker does not claim the page that installed it, so the page is reloaded once (as a user's
 * next visit would). (Polls from Node: a predicate returning a promise would be truthy at once.)
 */
async function controlled(page: Page): Promise<void> {
	const state = () =>
		page.evaluate(async () => {
			const reg = await navigator.serviceWorker.getRegistration();
			return reg?.active?.state ?? 'none';
		});
	await expect.poll(state, { timeout: 30_000 }).toBe('activated');
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	await expect
		.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 })
		.toBe(true);
}

/** Create the first assessment through the empty state; returns its id. */
async function createFirst(page: Page, organisation: string): Promise<string> {
	await page.getByRole('button', { name: /Create your first assessment/ }).click();
	await page.getByRole('textbox', { name: 'Organisation', exact: true }).fill(organisation);
	await page.getByRole('textbox', { name: 'Assessor' }).fill('Ada');
	await page.getByRole('button', { name: 'Create and start' }).click();
	await page.waitForURL(/interview\?id=/);
	return new URL(page.url()).searchParams.get('id')!;
}

test('installable: manifest with icons (incl. maskable), theme colour and a service worker', async ({
	page,
	request
}) => {
	const server = await privateServer();
	try {
		await page.goto(`${server.url}/`);
		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		expect(href).toMatch(/manifest\.webmanifest$/);
		const manifest = await (await request.get(`${server.url}/manifest.webmanifest`)).json();
		expect(manifest).toMatchObject({
			name: 'SOC 2 Readiness',
			start_url: '/',
			display: 'standalone',
			theme_color: '#1d3a5f'
		});
		const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[];
		expect(icons.some((i) => i.sizes === '192x192')).toBe(true);
		expect(icons.some((i) => i.sizes === '512x512' && !i.purpose)).toBe(true);
		expect(icons.some((i) => i.purpose === 'maskable')).toBe(true);
		for (const icon of icons) {
			const res = await request.get(`${server.url}${icon.src}`);
			expect(res.headers()['content-type']).toBe('image/png');
		}
		await controlled(page);
		// The SPA fallback and every prerendered page are precached.
		const sw = await (await request.get(`${server.url}/sw.js`)).text();
		expect(sw).toContain('"200.html"');
		expect(sw).toContain('createHandlerBoundToURL("200.html")');
		for (const r of routes().filter((r) => r !== '/')) expect(sw, r).toContain(`"${r.slice(1)}"`);
	} finally {
		await server.close();
		rmSync(server.root, { recursive: true, force: true });
	}
});

test('every route works offline after the first visit, with the server gone', async ({
	page,
	context
}) => {
	const server = await privateServer();
	try {
		await page.goto(`${server.url}/`);
		await controlled(page);
		// Create something so that the pages have an assessment to show.
		const id = await createFirst(page, 'Offline Workshop Ltd');
		// Visit each route once online (a user would), then cut everything.
		for (const r of routes()) await page.goto(`${server.url}${r}?id=${id}`);
		await server.close();
		await context.setOffline(true);

		for (const r of routes()) {
			for (const url of [`${server.url}${r}?id=${id}`, `${server.url}${r}`]) {
				const response = await page.goto(url);
				expect(response?.status(), url).toBe(200);
				expect(response?.fromServiceWorker(), url).toBe(true);
				const h1 = page.getByRole('heading', { level: 1 }).first();
				await expect(h1, url).toBeVisible();
				await expect(h1, url).not.toHaveText(/^\s*\d{3}\s*$/);
			}
		}
		await page.goto(`${server.url}/`);
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Offline Workshop Ltd' })).toBeVisible();
		await expectNoA11yViolations(page, 'offline list');
	} finally {
		await context.setOffline(false);
		await server.close().catch(() => undefined);
		rmSync(server.root, { recursive: true, force: true });
	}
});

/**
 * Issue 19, sixth pass: the bank comes in two files, the second fetched after the interview's first
 * question. Both are precached: after one visit of the interview (its first question only), the
 * interview, its Results stage (which needs the second file) and the results page work offline.
 */
test('after one visit of the interview, it and the stages and pages that need the rest of the bank work offline', async ({
	page,
	context
}) => {
	const ID = 'persona-full-workshop';
	const QID = 'cc1-code-of-conduct';
	const server = await privateServer();
	try {
		await page.goto(`${server.url}/`);
		await controlled(page);
		await page
			.locator('[data-testid="import-input"]')
			.setInputFiles('test/fixtures/assessments/full-workshop.json');
		await expect(page.getByText(/Imported “/)).toBeVisible();
		// One visit: the interview at its first question, online.
		await page.goto(`${server.url}/interview?id=${ID}&q=${QID}`);
		await expect(page.locator(`input[name="answer-${QID}"]`).first()).toBeVisible();
		const cached = await page.evaluate(async () => {
			const names: string[] = [];
			for (const key of await caches.keys())
				for (const req of await (await caches.open(key)).keys())
					if (/soc2-bank/.test(req.url)) names.push(req.url.split('/').pop()!.split('?')[0]!);
			return names;
		});
		expect(cached.filter((n) => /^soc2-bank\.[^.]+\.json$/.test(n))).toHaveLength(1);
		expect(cached.filter((n) => /^soc2-bank-rest\.[^.]+\.json$/.test(n))).toHaveLength(1);
		await server.close();
		await context.setOffline(true);

		await page.goto(`${server.url}/interview?id=${ID}&q=${QID}`);
		await expect(page.locator(`input[name="answer-${QID}"][value="3"]`)).toBeEnabled();
		// A later stage that needs the rest of the bank, reached in the interview.
		await page.goto(`${server.url}/interview?id=${ID}&stage=results`);
		await expect(page.getByTestId('stage-results')).toContainText('Overall readiness');
		await expect(page.getByRole('alert')).toHaveCount(0);
		await page.goto(`${server.url}/present?id=${ID}&stage=results`);
		await expect(page.getByTestId('stage-results')).toContainText('Overall readiness');
		// The results page (its model worker fetches both files) and its plan, from the rest.
		await page.goto(`${server.url}/results?id=${ID}`);
		await expect(page.getByRole('button', { name: 'Open all sections' })).toBeEnabled();
		await expect(page.getByRole('alert')).toHaveCount(0);
	} finally {
		await context.setOffline(false);
		await server.close().catch(() => undefined);
		rmSync(server.root, { recursive: true, force: true });
	}
});

/**
 * Issue 19, fourth pass: the results and export pages have their report computed in the
 * report-model worker, which loads the bank and the engine itself. Opened fresh with the full
 * workshop stored: the worker is started, the page's own scripts hold no engine, the content is
 * the report, a tick updates the what-if panel; and all of it offline, with the PDF downloaded.
 */
test('the report is computed in its worker, online and offline, and the PDF downloads offline', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	const server = await privateServer();
	const workers: string[] = [];
	page.on('worker', (w) => workers.push(w.url()));
	/**
	 * The scripts in the page's timeline that hold the engine (one of its own messages). The
	 * worker's own script is there too (the page fetches it to start the worker): it must be the
	 * only one, so the check also shows that it can see the engine where it is.
	 */
	const engineScripts = () =>
		page.evaluate(async () => {
			const urls = performance
				.getEntriesByType('resource')
				.map((e) => e.name)
				.filter((u) => /\.m?js(\?|$)/.test(u));
			const out: string[] = [];
			for (const u of new Set(urls))
				if ((await (await fetch(u)).text()).includes('must be an ISO date (YYYY-MM-DD)'))
					out.push(new URL(u).pathname);
			return out;
		});
	const WORKER_SCRIPT = /^\/_app\/immutable\/workers\/model\.worker-[\w-]+\.js$/;
	try {
		await page.goto(`${server.url}/`);
		await controlled(page);
		await page
			.locator('[data-testid="import-input"]')
			.setInputFiles('test/fixtures/assessments/full-workshop.json');
		await expect(page.getByText(/Imported “/)).toBeVisible();
		const id = 'persona-full-workshop';
		// First visits online (the service worker has precached everything already).
		for (const r of ['results', 'export']) {
			await page.goto(`${server.url}/${r}?id=${id}`);
			await expect(
				page.getByRole('heading', { level: 1, name: 'Brightwater Analytics' })
			).toBeVisible();
		}
		await server.close();
		await context.setOffline(true);

		workers.length = 0;
		const response = await page.goto(`${server.url}/results?id=${id}`);
		expect(response?.fromServiceWorker()).toBe(true);
		await expect(page.getByTestId('score-overall')).toHaveText(/^\d+\s%$/);
		await expect(page.getByRole('button', { name: 'Open all sections' })).toBeEnabled();
		expect(
			workers.some((u) => /\/workers\/model\.worker-[\w-]+\.js$/.test(u)),
			workers.join()
		).toBe(true);
		const scripts = await engineScripts();
		expect(scripts, 'the engine is in the worker’s script only').toHaveLength(1);
		expect(scripts[0]).toMatch(WORKER_SCRIPT);
		await expect(page.getByRole('heading', { name: 'Top risks' })).toBeVisible();

		const toc = page.getByRole('navigation', { name: 'On this page' });
		await toc.getByRole('link', { name: 'Remediation plan', exact: true }).click();
		const plan = page.getByRole('region', { name: 'Remediation plan', exact: true });
		const panel = plan.getByRole('region', { name: 'What if', exact: true });
		const before = Number(/With (\d+) actions? done/.exec(await panel.innerText())?.[1] ?? 0);
		const box = plan.getByRole('checkbox', { checked: false }).first();
		const boxId = await box.getAttribute('id');
		await page.locator(`[id="${boxId}"]`).check();
		// The tick shows at once; the figures follow from the worker.
		await expect(page.locator(`[id="${boxId}"]`)).toBeChecked();
		await expect(panel).toContainText(
			new RegExp(`With ${before + 1} actions? done: readiness \\d+ %`)
		);
		await expect(panel.getByRole('table', { name: /ticked actions done/ })).toBeVisible();

		workers.length = 0;
		await page.goto(`${server.url}/export?id=${id}`);
		const pdf = page.getByRole('button', { name: 'Download PDF' });
		await expect(pdf).toBeEnabled();
		expect(
			workers.some((u) => /model\.worker/.test(u)),
			workers.join()
		).toBe(true);
		expect((await engineScripts()).every((u) => WORKER_SCRIPT.test(u))).toBe(true);
		const [download] = await Promise.all([page.waitForEvent('download'), pdf.click()]);
		const file = await download.path();
		expect(readFileSync(file!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(download.suggestedFilename()).toMatch(/\.pdf$/);
	} finally {
		await context.setOffline(false);
		await server.close().catch(() => undefined);
		rmSync(server.root, { recursive: true, force: true });
	}
});

test('a new version shows an accessible prompt; accepting it reloads without losing data', async ({
	page
}, testInfo) => {
	const server = await privateServer();
	try {
		await page.goto(`${server.url}/`);
		await controlled(page);
		await createFirst(page, 'Before Update Ltd');
		await page.goto(`${server.url}/`);
		await expect(page.getByRole('heading', { name: 'Before Update Ltd' })).toBeVisible();
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);

		// Deploy a new version: a byte-different service worker.
		const swFile = path.join(server.root, 'sw.js');
		writeFileSync(swFile, `${readFileSync(swFile, 'utf8')}\n// deployed ${Date.now()}\n`);
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

		const prompt = page.getByTestId('update-prompt');
		await expect(prompt).toBeVisible({ timeout: 30_000 });
		await expect(prompt.getByRole('heading', { name: 'A new version is available' })).toBeVisible();
		await expectNoA11yViolations(page, 'update prompt');
		await page.screenshot({
			path: path.join(process.env.SHOTS_DIR ?? testInfo.outputDir, 'update-prompt.png')
		});
		const waiting = await page.evaluate(
			async () => !!(await navigator.serviceWorker.getRegistration())?.waiting
		);
		expect(waiting).toBe(true);

		// "Later" hides it; the data keeps flowing. Then a change right before accepting.
		await prompt.getByRole('button', { name: 'Later' }).click();
		await expect(prompt).toHaveCount(0);
		await page
			.locator('li[data-assessment-id]')
			.getByRole('button', { name: /More actions/ })
			.click();
		await page.getByRole('button', { name: 'Rename' }).click();
		await page.getByRole('dialog').getByRole('textbox').fill('After Update Ltd');
		await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();

		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		await page.reload();
		await expect(page.getByTestId('update-prompt')).toBeVisible({ timeout: 30_000 });
		const reloaded = page.waitForEvent('load');
		await page.getByTestId('update-prompt').getByRole('button', { name: 'Reload' }).click();
		await reloaded;
		await expect(page.getByRole('heading', { name: 'After Update Ltd' })).toBeVisible();
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);
		// The new worker took over (it may still be "activating" for a moment after the reload).
		await expect
			.poll(() =>
				page.evaluate(async () => {
					const reg = await navigator.serviceWorker.getRegistration();
					return { waiting: !!reg?.waiting, active: reg?.active?.state };
				})
			)
			.toEqual({ waiting: false, active: 'activated' });
	} finally {
		await server.close().catch(() => undefined);
		rmSync(server.root, { recursive: true, force: true });
	}
});

test('an update accepted in one window never reloads another over an unfinished evidence pointer', async ({
	browser,
	offsite
}, testInfo) => {
	const server = await privateServer();
	// Its own context on the private server, so that the shared helpers' relative URLs go there.
	const context = await browser.newContext({
		...testInfo.project.use,
		baseURL: server.url,
		serviceWorkers: 'allow'
	});
	recordOffsite(context, offsite);
	try {
		const page = await context.newPage();
		const a = persona();
		a.meta = { ...a.meta, organisation: 'Two Windows Ltd' };
		await seedAssessment(page, a);
		await controlled(page);
		await page.goto('/');
		await expect(page.getByRole('heading', { name: 'Two Windows Ltd' })).toBeVisible();

		// A second window on a question, halfway through adding an evidence pointer.
		const other = await context.newPage();
		await openQuestion(other, a.id);
		const card = other.locator('article.qcard');
		await card.getByRole('button', { name: '+ Add evidence pointer' }).click();
		const form = card.getByRole('form', { name: 'Add an evidence pointer' });
		await form.getByRole('textbox', { name: 'Name' }).fill('Access review Q3');
		await form.getByRole('textbox', { name: 'URL or path' }).fill('https://intranet.example/q3');
		// Marks this document: a reload would forget it.
		await other.evaluate(
			() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true)
		);

		// A new version is deployed; both windows see it.
		const swFile = path.join(server.root, 'sw.js');
		writeFileSync(swFile, `${readFileSync(swFile, 'utf8')}\n// deployed ${Date.now()}\n`);
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		await expect(page.getByTestId('update-prompt')).toBeVisible({ timeout: 30_000 });
		await expect(other.getByTestId('update-prompt')).toBeVisible({ timeout: 30_000 });

		// Accepted in the first window, which has nothing unsaved: it reloads into the new version.
		const reloaded = page.waitForEvent('load');
		await page.getByTestId('update-prompt').getByRole('button', { name: 'Reload' }).click();
		await reloaded;
		await expect(page.getByRole('heading', { name: 'Two Windows Ltd' })).toBeVisible();

		// The other window was taken over but not reloaded: it asks, naming what would be lost.
		const prompt = other.getByTestId('update-prompt');
		await expect(
			prompt.getByRole('heading', { name: 'A new version is running in another window' })
		).toBeVisible({ timeout: 30_000 });
		await expect(prompt.getByRole('alert')).toContainText(
			'the evidence pointer “Access review Q3” you are adding'
		);
		expect(
			await other.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)
		).toBe(true);
		await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('Access review Q3');
		await expect(form.getByRole('textbox', { name: 'URL or path' })).toHaveValue(
			'https://intranet.example/q3'
		);
		await expectNoA11yViolations(other, 'update prompt waiting for unsaved input');
		await other.screenshot({
			path: path.join(process.env.SHOTS_DIR ?? testInfo.outputDir, 'update-prompt-unsaved.png')
		});
		// On a phone the prompt and its three buttons stay on screen.
		await other.setViewportSize({ width: 390, height: 844 });
		const box = (await prompt.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		await other.screenshot({
			path: path.join(
				process.env.SHOTS_DIR ?? testInfo.outputDir,
				'update-prompt-unsaved-phone.png'
			)
		});
		await other.setViewportSize({ width: 1280, height: 720 });

		// "Reload" while the form is still open asks again instead of losing it.
		await prompt.getByRole('button', { name: 'Reload', exact: true }).click();
		await expect(prompt.getByRole('alert')).toContainText('Access review Q3');
		expect(
			await other.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)
		).toBe(true);

		// The user finishes the pointer; now Reload reloads and the pointer is stored.
		await form.getByRole('button', { name: 'Add pointer' }).click();
		await expect(card.getByText('Access review Q3')).toBeVisible();
		await expect(prompt.getByRole('alert')).toHaveCount(0);
		const otherReloaded = other.waitForEvent('load');
		await prompt.getByRole('button', { name: 'Reload', exact: true }).click();
		await otherReloaded;
		await expect(other.locator('article.qcard')).toBeVisible();
		await expect(other.locator('article.qcard').getByText('Access review Q3')).toBeVisible();
		await expect(other.getByTestId('update-prompt')).toHaveCount(0);
	} finally {
		await context.close();
		await server.close().catch(() => undefined);
		rmSync(server.root, { recursive: true, force: true });
	}
});
