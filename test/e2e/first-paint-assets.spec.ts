/**
 * Issue 19, what the interview and presenter pages ask for before their first paint: the question
 * bank is preloaded by their HTML (and the app's own fetch of it uses that download, no second
 * request), no other page preloads it, and the stylesheets of the interview's on-demand stages
 * are not in the page's HTML (each loads with its stage; the stage still shows styled).
 */
import { expect, test } from './fixtures';

const FIXTURE = 'test/fixtures/assessments/full-workshop.json';
const ID = 'persona-full-workshop';
const QID = 'cc1-code-of-conduct';

/** The `<link>`s of the page's HTML as served (not as changed by the app afterwards). */
async function htmlLinks(request: import('@playwright/test').APIRequestContext, path: string) {
	const html = await (await request.get(path)).text();
	return [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]);
}

test('the interview and presenter pages preload the bank; their HTML holds no stage stylesheet', async ({
	page,
	request
}) => {
	for (const path of ['/interview', '/present']) {
		const links = await htmlLinks(request, path);
		const preloads = links.filter((l) => /rel="preload"/.test(l) && /as="fetch"/.test(l));
		expect(preloads, path).toHaveLength(1);
		expect(preloads[0], path).toMatch(/crossorigin/);
		expect(preloads[0], path).toMatch(/href="\.\/_app\/immutable\/assets\/soc2-bank\.[^"]+\.json"/);
		const css = links.filter((l) => /rel="stylesheet"/.test(l));
		expect(css.length, path).toBeGreaterThan(0);
		for (const stage of ['StartStage', 'ProfileStage', 'TscStage', 'ReviewStage', 'ResultsStage'])
			expect(css.join('\n'), `${path}: ${stage}`).not.toContain(stage);
	}
	for (const path of ['/', '/results', '/export', '/library']) {
		const links = await htmlLinks(request, path);
		expect(
			links.filter((l) => /soc2-bank/.test(l)),
			path
		).toHaveLength(0);
	}

	// The preloaded file is the one the page uses, fetched once.
	await page.goto('/');
	await page.locator('[data-testid="import-input"]').setInputFiles(FIXTURE);
	await expect(page.getByText(/Imported “/)).toBeVisible();
	await page.goto(`/interview?id=${ID}&q=${QID}`);
	await expect(page.locator(`input[name="answer-${QID}"]`).first()).toBeVisible();
	const bank = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => e.name)
			.filter((u) => /soc2-bank\.[^/]+\.json$/.test(u))
	);
	expect(bank).toHaveLength(1);
	const href = await page.evaluate(
		() => document.querySelector<HTMLLinkElement>('link[rel="preload"][as="fetch"]')?.href
	);
	expect(href).toBe(bank[0]);

	// A stage shown later is styled by its own stylesheet, loaded with it.
	await page.goto(`/interview?id=${ID}&stage=tsc`);
	await expect(
		page.getByRole('heading', { level: 1, name: /Trust Services Criteria/i })
	).toBeVisible();
	await expect
		.poll(() =>
			page.evaluate(() =>
				[...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some((l) =>
					/TscStage/.test(l.href)
				)
			)
		)
		.toBe(true);
});

test('the presenter view replaces its loading message without moving the page (no layout shift)', async ({
	page
}) => {
	await page.goto('/');
	await page.locator('[data-testid="import-input"]').setInputFiles(FIXTURE);
	await expect(page.getByText(/Imported “/)).toBeVisible();
	await page.setViewportSize({ width: 412, height: 823 });
	await page.addInitScript(() => {
		const w = window as unknown as { __shift: number };
		w.__shift = 0;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries() as (PerformanceEntry & { value: number })[])
				w.__shift += e.value;
		}).observe({ type: 'layout-shift', buffered: true });
	});
	// A slow phone, so that the loading message is painted before the screen replaces it.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	await page.goto(`/present?id=${ID}&q=${QID}`);
	await expect(page.locator(`input[name="answer-${QID}"]`).first()).toBeAttached();
	// Layout shifts are reported with the frame that shows them: wait for two more frames.
	await page.evaluate(
		() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))))
	);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
});

/** The relative paths a built script imports statically (`import … from "./x.js"`, not `import()`). */
function staticImportsOf(code: string): string[] {
	const re = /\b(?:import|export)\s*(?!\()(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
	return [...code.matchAll(re)].map((m) => m[1]!);
}

test('every page preloads each script it imports statically (none waits for a second round trip)', async ({
	request
}) => {
	expect(
		staticImportsOf('import{a as b}from"./A.js";import"../B.js";const c=()=>import("./C.js")')
	).toEqual(['./A.js', '../B.js']);
	for (const path of [
		'/',
		'/interview',
		'/present',
		'/present/results',
		'/results',
		'/export',
		'/library'
	]) {
		const base = new URL(path, 'http://host/');
		const preloaded = new Set(
			(await htmlLinks(request, path))
				.filter((l) => /rel="modulepreload"/.test(l))
				.map((l) => new URL(/href="([^"]+)"/.exec(l)![1]!, base).pathname)
		);
		expect(preloaded.size, path).toBeGreaterThan(3);
		const missing: string[] = [];
		for (const file of preloaded) {
			const code = await (await request.get(file)).text();
			for (const spec of staticImportsOf(code)) {
				const target = new URL(spec, new URL(file, 'http://host/')).pathname;
				if (!preloaded.has(target)) missing.push(`${file} → ${target}`);
			}
		}
		expect(missing, path).toEqual([]);
	}
});
