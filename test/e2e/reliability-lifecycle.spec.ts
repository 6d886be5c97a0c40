/**
 * Reliability across the app's life cycle, on the built app in Chromium:
 * - a service-worker update (a new version deployed while the interview is open) loses no
 *   answer, not even one given a moment before the user accepts the update;
 * - deleting an assessment removes every trace of it from IndexedDB (every store of every
 *   database) and from web storage, offers a backup export first and an undo afterwards, and the
 *   undo brings back everything;
 * - a database left by every released version (test/fixtures/db, kept forever) is opened and
 *   upgraded by the built app in Chromium's real IndexedDB with nothing lost (the same fixtures
 *   run against fake-indexeddb in src/lib/db/migrations.test.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, test, waitForServiceWorker } from './fixtures';
import {
	answerAndWaitSaved,
	currentQuestionId,
	DB_NAME,
	dumpAllDatabases,
	levelRadio,
	openQuestion,
	persona,
	readStored,
	recordOffsite,
	saveStatus,
	seedAssessment
} from './reliability-helpers';

/**
 * A minimal static host for the build (like any static web server: files as they are, 200.html
 * for other paths, no caching), whose files a test can replace to "deploy" a new version. The
 * shared server precompresses and caches file sizes at start-up, so it cannot change a file.
 */
async function staticHost(root: string) {
	const overrides = new Map<string, string>();
	const hits = new Map<string, number>();
	const types: Record<string, string> = {
		'.html': 'text/html; charset=utf-8',
		'.js': 'text/javascript',
		'.css': 'text/css',
		'.webmanifest': 'application/manifest+json',
		'.json': 'application/json',
		'.svg': 'image/svg+xml',
		'.png': 'image/png',
		'.ttf': 'font/ttf',
		'.woff2': 'font/woff2'
	};
	const fileOf = (pathname: string) => {
		const p = normalize(join(root, decodeURIComponent(pathname)));
		return p.startsWith(normalize(root)) && existsSync(p) && statSync(p).isFile()
			? p
			: join(root, '200.html');
	};
	const read = (pathname: string) =>
		overrides.get(pathname) ?? readFileSync(fileOf(pathname), 'utf8');
	const server = createServer((req, res) => {
		const pathname = new URL(req.url ?? '/', 'http://x').pathname;
		hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
		const file = fileOf(pathname);
		const body = overrides.get(pathname) ?? readFileSync(file);
		res.writeHead(200, {
			'content-type': types[extname(file)] ?? 'application/octet-stream',
			'cache-control': 'no-cache'
		});
		res.end(body);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		read,
		override: (pathname: string, body: string) => void overrides.set(pathname, body),
		served: (pathname: string) => hits.get(pathname) ?? 0,
		close: () => new Promise<void>((r) => server.close(() => r()))
	};
}

test('a service-worker update keeps every answer, even one given just before accepting it', async ({
	browser,
	offsite
}, testInfo) => {
	// This test deploys a new version, so it serves the build itself (see staticHost).
	const host = await staticHost('build');
	const context = await browser.newContext({
		...testInfo.project.use,
		baseURL: host.origin,
		serviceWorkers: 'allow'
	});
	recordOffsite(context, offsite);
	const errors: string[] = [];
	const page = await context.newPage();
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	try {
		const a = persona();
		await seedAssessment(page, a);
		const q1 = await openQuestion(page, a.id);
		await waitForServiceWorker(page);
		// The next visit runs under the installed version (the worker controls the page).
		await page.reload();
		await expect(page.locator('article.qcard')).toBeVisible();
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		await answerAndWaitSaved(page, '3');

		// A new version is deployed: the service worker script changes (one revision hash).
		host.override(
			'/sw.js',
			host
				.read('/sw.js')
				.replace(/revision:"([0-9a-f])/, (_m, c: string) => `revision:"${c === 'a' ? 'b' : 'a'}`)
		);
		expect(host.read('/sw.js')).not.toBe(readFileSync('build/sw.js', 'utf8'));
		await page.evaluate(async () => {
			await (await navigator.serviceWorker.getRegistration())?.update();
		});
		const prompt = page.getByTestId('update-prompt');
		await expect(prompt).toBeVisible({ timeout: 20_000 });
		await expect(prompt).toContainText('A new version is available');

		// Answer the next question and accept the update at once, without waiting for "Saved".
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => currentQuestionId(page)).not.toBe(q1);
		const q2 = await currentQuestionId(page);
		// Make that last write slow, as on a busy laptop: another connection holds the stores
		// until the test lets go (after the click on Reload, not after a fixed time), so the answer
		// is still being written when the user clicks Reload, however busy the machine is.
		await page.evaluate(
			(name) =>
				new Promise<void>((held) => {
					const w = window as unknown as { __letGo?: boolean };
					const open = indexedDB.open(name);
					open.onsuccess = () => {
						const tx = open.result.transaction(['answers', 'assessments'], 'readwrite');
						const spin = () => {
							if (!w.__letGo) tx.objectStore('answers').count().onsuccess = spin;
						};
						spin();
						held();
					};
				}),
			DB_NAME
		);
		const reloaded = page.waitForEvent('load', { timeout: 20_000 });
		await page.keyboard.press('5');
		await expect(saveStatus(page)).toHaveText(/Saving/);
		await prompt.getByRole('button', { name: 'Reload' }).click();
		// The app waits for the write before it reloads: let the write through.
		await page
			.evaluate(() => void ((window as unknown as { __letGo?: boolean }).__letGo = true))
			.catch(() => undefined); // the page may already be going away
		await reloaded;

		// The new version runs, and both answers are there.
		await expect(page.locator('article.qcard')).toBeVisible();
		await expect(prompt).toBeHidden();
		expect(await currentQuestionId(page), 'resumes where the user was').toBe(q2);
		await expect(levelRadio(page, '5')).toBeChecked();
		const stored = await readStored(page, a.id);
		expect(stored.answers[q1]?.value).toBe(3);
		expect(stored.answers[q2]?.value).toBe(5);
		const state = await page.evaluate(async () => {
			const reg = await navigator.serviceWorker.getRegistration();
			return { waiting: !!reg?.waiting, controlled: !!navigator.serviceWorker.controller };
		});
		expect(state, 'the new worker took over').toEqual({ waiting: false, controlled: true });
		expect(host.served('/sw.js'), 'the new worker script was fetched').toBeGreaterThan(1);
		expect(errors).toEqual([]);
	} finally {
		await context.close();
		await host.close();
	}
});

test('deleting an assessment removes it from every store, after offering a backup, and undo restores it', async ({
	page,
	offsite,
	pageErrors
}) => {
	const doomed = persona('all-not-in-place', { lastExportedAt: null });
	doomed.meta = { ...doomed.meta, organisation: 'Doomed Widgets Ltd' };
	const kept = persona('all-not-in-place');
	kept.meta = { ...kept.meta, organisation: 'Kept Gadgets Ltd' };
	await seedAssessment(page, doomed);
	await seedAssessment(page, kept);
	// Open it once so that everything the app keeps about an assessment exists (position…).
	await openQuestion(page, doomed.id);
	await answerAndWaitSaved(page, '4');
	// Its results page once, so that the computed report is kept in the report cache too.
	await page.goto(`/results?id=${doomed.id}`);
	await expect(page.getByRole('button', { name: 'Open all sections' })).toBeEnabled();
	await expect
		.poll(
			async () => {
				const dump = await dumpAllDatabases(page);
				return Object.entries(dump).some(
					([name, stores]) =>
						name.endsWith('-report-cache') && JSON.stringify(stores).includes(doomed.id)
				);
			},
			{ message: 'the report cache holds the doomed assessment’s report' }
		)
		.toBe(true);
	await page.goto('/');
	await openQuestion(page, doomed.id);
	const before = await dumpAllDatabases(page);
	const keptBefore = await readStored(page, kept.id);
	expect(JSON.stringify(before)).toContain(doomed.id);
	// A note typed and left at once: its draft is kept in web storage until it is saved.
	await page.locator('article.qcard textarea[id$="-note"]').fill('Typed and left at once');
	await page.goto('/');
	expect(
		await page.evaluate(() => Object.keys(localStorage).join(' ')),
		'a draft of the doomed assessment exists'
	).toContain(doomed.id);
	const card = page.locator('li.card').filter({ hasText: 'Doomed Widgets Ltd' });
	await expect(card).toBeVisible();
	await card.getByRole('button', { name: 'More actions for Doomed Widgets Ltd' }).click();
	await page
		.getByRole('button', { name: /Delete/ })
		.first()
		.click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toContainText('Delete “Doomed Widgets Ltd”?');
	await expect(dialog).toContainText('never been exported');

	// A backup is offered first, and it is a complete export.
	const download = page.waitForEvent('download');
	await dialog.getByRole('button', { name: 'Export a backup first' }).click();
	const file = await download;
	const backup = JSON.parse(readFileSync((await file.path())!, 'utf8')) as {
		assessment: { id: string; answers: Record<string, unknown> };
	};
	expect(backup.assessment.id).toBe(doomed.id);
	expect(Object.keys(backup.assessment.answers).length).toBe(Object.keys(doomed.answers).length);
	await expect(dialog.getByRole('status')).toContainText('Backup saved');

	await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(dialog).toBeHidden();
	await expect(page.locator('li.card').filter({ hasText: 'Doomed Widgets Ltd' })).toHaveCount(0);

	// Gone from every object store of every database, and from web storage.
	const after = await dumpAllDatabases(page);
	expect(Object.keys(after)).toEqual(Object.keys(before));
	for (const [dbName, stores] of Object.entries(after)) {
		for (const [store, rows] of Object.entries(stores)) {
			expect(JSON.stringify(rows), `${dbName}.${store}`).not.toContain(doomed.id);
			expect(JSON.stringify(rows), `${dbName}.${store}`).not.toContain('Doomed Widgets');
		}
	}
	const web = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
	expect(web).not.toContain(doomed.id);
	// The other assessment is untouched.
	expect(await readStored(page, kept.id)).toEqual(keptBefore);

	// Undo brings it back whole, answers included.
	await expect(
		page.getByRole('status').filter({ hasText: 'Deleted “Doomed Widgets Ltd”' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.locator('li.card').filter({ hasText: 'Doomed Widgets Ltd' })).toBeVisible();
	const restored = await readStored(page, doomed.id);
	expect(restored.row?.meta.organisation).toBe('Doomed Widgets Ltd');
	expect(Object.keys(restored.answers).sort()).toEqual(Object.keys(doomed.answers).sort());
	expect(Object.values(restored.answers).filter((x) => x.value === 4)).toHaveLength(1);
	expect(offsite).toEqual([]);
	expect(pageErrors).toEqual([]);
});

interface DbFixture {
	dexieVersion: number;
	stores: Record<string, string>;
	tables: Record<string, Record<string, unknown>[]>;
	expectedAnsweredCount: Record<string, number>;
}

const DB_FIXTURES = readdirSync('test/fixtures/db')
	.filter((f) => /^v\d+\.json$/.test(f))
	.sort();

for (const file of DB_FIXTURES) {
	test(`a ${file} database left by a released version opens in the app with nothing lost`, async ({
		page,
		offsite,
		pageErrors
	}) => {
		const fx = JSON.parse(readFileSync(`test/fixtures/db/${file}`, 'utf8')) as DbFixture;
		// A same-origin document that does not open the database, so the old one can be laid
		// down exactly as that version created it (Dexie keeps version n as IndexedDB n × 10).
		await page.goto('/manifest.webmanifest');
		await page.evaluate(
			async ({ fx, name }) => {
				const parse = (spec: string) => {
					const [primary, ...indexes] = spec.split(',').map((x) => x.trim());
					const keyPath = (k: string) =>
						k.startsWith('[') ? k.slice(1, -1).split('+') : k.replace(/^(\+\+|[&*])/, '');
					return {
						key: keyPath(primary!),
						autoIncrement: primary!.startsWith('++'),
						indexes: indexes.filter(Boolean).map((i) => ({ name: i, keyPath: keyPath(i) }))
					};
				};
				// JSON holds no binary: version 5 on writes the documents' updates as {"$bytes": base64}.
				const decode = (row: Record<string, unknown>) =>
					Object.fromEntries(
						Object.entries(row).map(([k, v]) => {
							const b = (v as { $bytes?: unknown } | null)?.$bytes;
							return typeof b === 'string'
								? [k, Uint8Array.from(atob(b), (c) => c.charCodeAt(0))]
								: [k, v];
						})
					);
				const db = await new Promise<IDBDatabase>((res, rej) => {
					const r = indexedDB.open(name, fx.dexieVersion * 10);
					r.onupgradeneeded = () => {
						for (const [store, spec] of Object.entries(fx.stores)) {
							const { key, autoIncrement, indexes } = parse(spec);
							const os = r.result.createObjectStore(store, { keyPath: key, autoIncrement });
							for (const i of indexes) os.createIndex(i.name, i.keyPath);
						}
					};
					r.onsuccess = () => res(r.result);
					r.onerror = () => rej(r.error);
				});
				const tx = db.transaction(Object.keys(fx.tables), 'readwrite');
				for (const [store, rows] of Object.entries(fx.tables)) {
					for (const row of rows) tx.objectStore(store).add(decode(row));
				}
				await new Promise((res, rej) => {
					tx.oncomplete = res;
					tx.onabort = () => rej(tx.error);
				});
				db.close();
			},
			{ fx, name: DB_NAME }
		);

		// The list opens it with the current code: every assessment, with its answers counted.
		await page.goto('/');
		for (const row of fx.tables.assessments!) {
			const meta = row.meta as { organisation: string };
			const card = page.locator('li.card').filter({ hasText: meta.organisation });
			await expect(card).toBeVisible();
			const count = fx.expectedAnsweredCount[row.id as string]!;
			await expect(card).toContainText(
				count === 0 ? 'No answers yet' : new RegExp(`\\b${count} answers?\\b`)
			);
		}

		// Every row and field is still there, in the upgraded database.
		const all = await dumpAllDatabases(page);
		const stored = all[DB_NAME]!;
		const version = await page.evaluate(
			async (name) => (await indexedDB.databases()).find((d) => d.name === name)?.version,
			DB_NAME
		);
		expect(version, 'upgraded to the current version').toBeGreaterThanOrEqual(fx.dexieVersion * 10);
		for (const [table, rows] of Object.entries(fx.tables)) {
			expect(stored[table], table).toHaveLength(rows.length);
			for (const fixtureRow of rows) {
				const row = Object.fromEntries(
					Object.entries(fixtureRow).map(([k, v]) => {
						const b = (v as { $bytes?: unknown } | null)?.$bytes;
						return [k, typeof b === 'string' ? new Uint8Array(Buffer.from(b, 'base64')) : v];
					})
				);
				// Upgrades may add fields (v4 gives each vendor a role); every stored one stays.
				const expected = Array.isArray(row.subservices)
					? {
							...row,
							subservices: (row.subservices as Record<string, unknown>[]).map((v) =>
								expect.objectContaining(v)
							)
						}
					: row;
				expect(stored[table], table).toContainEqual(expect.objectContaining(expected));
			}
		}

		// And the interview opens each assessment on its stored answers.
		const first = fx.tables.assessments![0]!;
		const answered = fx.tables.answers!.filter((a) => a.assessmentId === first.id);
		await page.goto(`/interview?id=${encodeURIComponent(first.id as string)}`);
		await expect(page.locator('main h1')).toBeVisible();
		await expect(page.locator('main h1')).not.toHaveText(/not found|could not be opened/);
		expect(answered.length).toBeGreaterThan(0);
		expect(offsite).toEqual([]);
		expect(pageErrors).toEqual([]);
	});
}
