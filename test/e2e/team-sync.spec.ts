/**
 * Team sync (issue #23): the test starts its own team server (`server/team-server.js`, the
 * built app and /sync on one origin, a SQLite file in a temp folder, its own port) and adds two
 * members with the command line. Two browser profiles connect with their invitations; Ada
 * shares an assessment with the team, Bo opens it on his device. Edits to different answers and
 * to the same answer converge; an edit Bo makes offline arrives after he reconnects; a restart
 * of the server loses nothing.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { importFromList, otherProfile, storedValue as storedIn } from './exchange-helpers';
import { expect, expectNoA11yViolations, test } from './fixtures';

const FIXTURE = path.resolve('test/fixtures/assessments/full-workshop.json');
const ORG = 'Brightwater Analytics';
const ID = 'persona-full-workshop';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(port));
		});
	});
}

class TeamServer {
	child: ChildProcess | null = null;
	constructor(
		readonly port: number,
		readonly db: string
	) {}
	get url() {
		return `http://127.0.0.1:${this.port}`;
	}
	cli(...args: string[]): string {
		return execFileSync(process.execPath, ['server/team-server.js', '--db', this.db, ...args], {
			encoding: 'utf8'
		});
	}
	async start(): Promise<void> {
		const child = spawn(
			process.execPath,
			['server/team-server.js', '--db', this.db, '--port', String(this.port)],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		this.child = child;
		let out = '';
		await new Promise<void>((resolve, reject) => {
			child.stdout!.on('data', (d) => {
				out += d;
				if (out.includes('Team server at')) resolve();
			});
			child.stderr!.on('data', (d) => (out += d));
			child.once('exit', (code) => reject(new Error(`team server exited ${code}: ${out}`)));
		});
	}
	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		await new Promise((r) => {
			child.once('exit', r);
			child.kill('SIGTERM');
		});
		this.child = null;
	}
}

async function joinTeam(page: Page, token: string, name: string): Promise<void> {
	await page.goto(`/team#invite=${token}`);
	await expect(page.getByLabel('Your invitation')).toHaveValue(token);
	await page.getByRole('button', { name: 'Connect' }).click();
	await expect(page.getByText(`as ${name}`)).toBeVisible();
}

async function openQuestion(page: Page, q: string): Promise<void> {
	await page.goto(`/interview?id=${ID}&q=${q}`);
	await expect(page.getByRole('group', { name: 'How mature is this today?' })).toBeVisible();
}

const storedValue = (page: Page, q: string) => storedIn(page, ID, q);

/** Answer the open question by its digit key and wait until it is stored on this device. */
async function answerHere(page: Page, q: string, level: number): Promise<void> {
	await page.locator('h2[id$="-prompt"]').focus();
	await page.keyboard.press(String(level));
	await expect.poll(() => storedValue(page, q)).toBe(level);
}

const status = (page: Page) => page.getByTestId('team-status');

test('two members share an assessment live and offline through their team server', async ({
	browser
}, testInfo) => {
	test.setTimeout(240_000);
	const dir = mkdtempSync(path.join(tmpdir(), 'team-e2e-'));
	const server = new TeamServer(await freePort(), path.join(dir, 'team.sqlite'));
	const tokenOf = (out: string) => /token: ([A-Za-z0-9_-]{43})/.exec(out)![1]!;
	const adaToken = tokenOf(server.cli('member', 'add', 'Ada Auditor'));
	const boToken = tokenOf(server.cli('member', 'add', 'Bo Builder'));
	await server.start();
	const desk = { width: 1366, height: 768 };
	const a = await otherProfile(browser, server.url, desk);
	const b = await otherProfile(browser, server.url, desk);
	try {
		// Ada connects, imports the workshop's assessment and shares it with the team.
		await joinTeam(a.page, adaToken, 'Ada Auditor');
		await expectNoA11yViolations(a.page, 'team page');
		await a.page.screenshot({ path: testInfo.outputPath('team-page.png') });
		await importFromList(a.page, FIXTURE);
		await expect(a.page.getByRole('status').filter({ hasText: `Imported “${ORG}”` })).toBeVisible();
		await openQuestion(a.page, 'cc6-mfa');
		await a.page.getByRole('button', { name: 'Team…' }).click();
		const dialog = a.page.getByRole('dialog', { name: 'Share with your team' });
		await expect(dialog.getByText('Whoever runs that server can read them')).toBeVisible();
		await expect(dialog.getByRole('radio', { name: /The whole team/ })).toBeChecked();
		await expectNoA11yViolations(a.page, 'share dialog');
		await a.page.screenshot({ path: testInfo.outputPath('share-dialog.png') });
		await dialog.getByRole('button', { name: 'Share', exact: true }).click();
		await expect(dialog).toBeHidden();
		await expect(status(a.page)).toHaveText('Team: synced');

		// Bo first pastes something that is not an invitation, then a token the server does not
		// know: clear messages, nothing kept. Then his real invitation.
		await b.page.goto('/team');
		const field = b.page.getByLabel('Your invitation');
		await field.fill('hello');
		await b.page.getByRole('button', { name: 'Connect' }).click();
		await expect(b.page.getByRole('alert')).toContainText('That is not an invitation');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await field.fill('Z'.repeat(43));
		await b.page.getByRole('button', { name: 'Connect' }).click();
		await expect(b.page.getByRole('alert')).toContainText('Unknown or revoked invitation');
		await expectNoA11yViolations(b.page, 'team page with an error');
		await b.page.reload();
		await expect(b.page.getByRole('button', { name: 'Connect' })).toBeVisible();
		await joinTeam(b.page, boToken, 'Bo Builder');
		// He opens the assessment Ada shared on his device.
		const item = b.page.getByRole('listitem').filter({ hasText: ORG });
		await expect(item).toContainText('shared by Ada Auditor with the team');
		await item.getByRole('button', { name: 'Open on this device' }).click();
		await expect(b.page).toHaveURL(/\/interview\?id=persona-full-workshop/);
		await expect(status(b.page)).toHaveText('Team: synced');
		await expect(b.page.getByTestId('team-others')).toHaveText('Also here: Ada Auditor');
		await expect(a.page.getByTestId('team-others')).toHaveText('Also here: Bo Builder');

		// Different answers on each side: both end with both.
		await openQuestion(b.page, 'cc6-secrets');
		await answerHere(a.page, 'cc6-mfa', 1);
		await answerHere(b.page, 'cc6-secrets', 2);
		await expect.poll(() => storedValue(b.page, 'cc6-mfa')).toBe(1);
		await expect.poll(() => storedValue(a.page, 'cc6-secrets')).toBe(2);
		// The open screen follows the other member's answer (like a second tab).
		await openQuestion(a.page, 'cc6-secrets');
		await expect(a.page.getByRole('radio', { name: /Level 2: Documented/ })).toBeChecked();
		await expect(status(a.page)).toHaveText('Team: synced');
		await expectNoA11yViolations(a.page, 'interview with team status');
		await a.page.screenshot({ path: testInfo.outputPath('interview-synced.png') });
		for (const [w, h] of [
			[1280, 720],
			[390, 844]
		] as const) {
			await a.page.setViewportSize({ width: w, height: h });
			await expect(status(a.page)).toBeVisible();
			await a.page.screenshot({ path: testInfo.outputPath(`interview-synced-${w}.png`) });
		}
		await a.page.setViewportSize({ width: 1366, height: 768 });

		// The same answer at once on both sides: both end with the same value.
		await openQuestion(b.page, 'cc6-secrets');
		// (Each side may see the other's value win before its own shows: only convergence counts.)
		await a.page.locator('h2[id$="-prompt"]').focus();
		await b.page.locator('h2[id$="-prompt"]').focus();
		await Promise.all([a.page.keyboard.press('4'), b.page.keyboard.press('3')]);
		await expect
			.poll(async () => {
				const [va, vb] = [
					await storedValue(a.page, 'cc6-secrets'),
					await storedValue(b.page, 'cc6-secrets')
				];
				return va === vb && (va === 3 || va === 4);
			})
			.toBe(true);

		// Bo goes offline and answers; the status counts the change; it arrives after reconnecting.
		await openQuestion(b.page, 'cc7-central-logging');
		await expect(status(b.page)).toHaveText('Team: synced');
		const before = await storedValue(a.page, 'cc7-central-logging');
		const offline = before === 1 ? 2 : 1;
		await b.ctx.setOffline(true);
		await expect(status(b.page)).toHaveText(/Team: offline/);
		await answerHere(b.page, 'cc7-central-logging', offline);
		await expect(status(b.page)).toHaveText('Team: offline · 1 change waiting');
		await b.page.screenshot({ path: testInfo.outputPath('interview-offline.png') });
		expect(await storedValue(a.page, 'cc7-central-logging')).toBe(before);
		await b.ctx.setOffline(false);
		await expect.poll(() => storedValue(a.page, 'cc7-central-logging')).toBe(offline);
		await expect(status(b.page)).toHaveText('Team: synced');

		// A restart of the server loses nothing, and both reconnect by themselves.
		await server.stop();
		await expect(status(a.page)).toHaveText(/Team: offline/);
		await answerHere(a.page, 'cc6-secrets', 5);
		await server.start();
		await expect(status(a.page)).toHaveText('Team: synced', { timeout: 30_000 });
		await expect.poll(() => storedValue(b.page, 'cc6-secrets'), { timeout: 30_000 }).toBe(5);
		await expect.poll(() => storedValue(b.page, 'cc6-mfa')).toBe(1);
		await expect.poll(() => storedValue(b.page, 'cc7-central-logging')).toBe(offline);

		// Both on the results page: a plan tick Ada makes there shows on Bo's open page, live.
		await a.page.goto(`/results?id=${ID}`);
		await b.page.goto(`/results?id=${ID}`);
		await expect(status(a.page)).toHaveText('Team: synced');
		await expect(status(b.page)).toHaveText('Team: synced');
		const openPlan = async (page: Page) => {
			const toggle = page.getByRole('button', { name: 'Remediation plan', exact: true });
			if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
			await expect(toggle).toHaveAttribute('aria-expanded', 'true');
		};
		await openPlan(a.page);
		await openPlan(b.page);
		const open = await a.page
			.locator('input[type="checkbox"][id^="done-"]:not(:checked)')
			.evaluateAll((els) => els.slice(0, 3).map((e) => e.id));
		expect(open).toHaveLength(3);
		const tick = (page: Page, i: number) => page.locator(`input[id="${open[i]}"]`);
		await tick(a.page, 0).check();
		await expect(tick(b.page, 0)).toBeChecked();
		await expect(status(a.page)).toHaveText('Team: synced');
		await expectNoA11yViolations(b.page, 'results with team status');
		await b.page.evaluate(() => window.scrollTo(0, 0));
		await b.page.screenshot({ path: testInfo.outputPath('results-synced.png') });
		await b.page.setViewportSize({ width: 390, height: 844 });
		await b.page.evaluate(() => window.scrollTo(0, 0));
		await expect(status(b.page)).toBeVisible();
		await b.page.screenshot({ path: testInfo.outputPath('results-synced-390.png') });
		await b.page.setViewportSize(desk);

		// Moving between the assessment's pages keeps the connection: no new WebSocket.
		const sockets: string[] = [];
		b.page.on('websocket', (ws) => sockets.push(ws.url()));
		await b.page.getByRole('link', { name: /Export PDF, CSV or JSON/ }).click();
		await expect(b.page).toHaveURL(/\/export\?id=/);
		await expect(status(b.page)).toHaveText('Team: synced');
		await b.page.getByRole('link', { name: 'Results' }).click();
		await expect(b.page).toHaveURL(/\/results\?id=/);
		await expect(status(b.page)).toHaveText('Team: synced');
		expect(sockets).toEqual([]);

		// Bo, offline, ticks two actions; after a reload (still offline) both still wait; online
		// again they reach Ada's open page and nothing waits.
		await b.ctx.setOffline(true);
		await expect(status(b.page)).toHaveText(/Team: offline/);
		await openPlan(b.page);
		await tick(b.page, 1).check();
		await expect(status(b.page)).toHaveText('Team: offline · 1 change waiting');
		await tick(b.page, 2).check();
		await expect(status(b.page)).toHaveText('Team: offline · 2 changes waiting');
		await b.page.reload();
		// A closed section is drawn when it is opened (issue 19): open the plan again.
		await openPlan(b.page);
		await expect(tick(b.page, 2)).toBeChecked();
		await expect(status(b.page)).toHaveText('Team: offline · 2 changes waiting');
		await b.page.screenshot({ path: testInfo.outputPath('results-offline-reloaded.png') });
		await expect(tick(a.page, 1)).not.toBeChecked();
		await b.ctx.setOffline(false);
		await expect(status(b.page)).toHaveText('Team: synced');
		await expect(tick(a.page, 1)).toBeChecked();
		await expect(tick(a.page, 2)).toBeChecked();
		await openQuestion(a.page, 'cc6-secrets');

		// Ada stops sharing: Bo is told, and keeps his copy.
		await a.page.getByRole('button', { name: 'Team…' }).click();
		const again = a.page.getByRole('dialog', { name: 'Share with your team' });
		await again.getByRole('button', { name: 'Stop sharing' }).click();
		await expect(again).toBeHidden();
		await expect(status(a.page)).toBeHidden();
		await expect(b.page.getByRole('alert')).toContainText('ended sharing of this assessment');
		await expect(status(b.page)).toHaveText('Team: not shared with you');
		expect(await storedValue(b.page, 'cc6-secrets')).toBe(5);

		expect(a.errors.concat(b.errors)).toEqual([]);
		expect(a.offsite.concat(b.offsite)).toEqual([]);
	} finally {
		await a.ctx.close();
		await b.ctx.close();
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});

test('without a team server no page of an assessment loads the sync client or opens a connection', async ({
	page
}) => {
	const sockets: string[] = [];
	const teamCalls: string[] = [];
	const scripts: Promise<string>[] = [];
	page.on('websocket', (ws) => sockets.push(ws.url()));
	page.on('request', (r) => {
		if (/\/(sync|api\/team)(\/|$|\?)/.test(new URL(r.url()).pathname)) teamCalls.push(r.url());
	});
	page.on('response', (r) => {
		if (/\.m?js(\?|$)/.test(r.url())) scripts.push(r.text().catch(() => ''));
	});
	await importFromList(page, FIXTURE);
	await expect(page.getByRole('status').filter({ hasText: `Imported “${ORG}”` })).toBeVisible();
	await openQuestion(page, 'cc6-mfa');
	await page.goto(`/results?id=${ID}`);
	await expect(page.getByRole('heading', { level: 1, name: ORG })).toBeVisible();
	await page.getByRole('link', { name: /Export PDF, CSV or JSON/ }).click();
	await expect(page).toHaveURL(/\/export\?id=/);
	await expect(page.getByRole('heading', { level: 1, name: ORG })).toBeVisible();
	await page.goto(`/present?id=${ID}`);
	await expect(page.getByRole('link', { name: 'Exit presenter view' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Team…' })).toHaveCount(0);
	expect(sockets).toEqual([]);
	expect(teamCalls).toEqual([]);
	const bodies = await Promise.all(scripts);
	expect(bodies.length).toBeGreaterThan(0);
	expect(bodies.filter((b) => b.includes('HocuspocusProvider'))).toEqual([]);
});
