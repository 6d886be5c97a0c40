/**
 * Reliability of saving, on the built app in Chromium (SPEC §5, issue 8):
 * - an answer shown as "Saved" survives a reload, closing the tab, and a browser restart on the
 *   same profile;
 * - a renderer crash in the middle of a burst of 200 answers leaves every answer old or new,
 *   none corrupt, and the assessment opens;
 * - when IndexedDB refuses a write (quota), the user is told, the old data stays and nothing is
 *   claimed saved;
 * - two tabs on the same assessment: each shows the other's changes, and a stale edit is refused
 *   and announced instead of silently overwriting.
 * The service-worker update and delete scenarios are in reliability-lifecycle.spec.ts.
 */
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { MaturityAnswer } from '../../src/lib/domain/types';
import { expect, test } from './fixtures';
import {
	answerAndWaitSaved,
	currentQuestionId,
	launchProfile,
	levelRadio,
	newProfileDir,
	openQuestion,
	otherWindowNotice,
	persona,
	readStored,
	SAVED,
	recordSaveTexts,
	saveStatus,
	savedTexts,
	seedAssessment
} from './reliability-helpers';

function watchErrors(page: Page, errors: string[]): void {
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
}

test.describe('durability', () => {
	test('an answer shown as Saved survives reload, closing the tab and restarting the browser', async ({
		offsite
	}, testInfo) => {
		const errors: string[] = [];
		const dir = newProfileDir();
		const a = persona();
		let ctx = await launchProfile(dir, testInfo, offsite);
		let page = ctx.pages()[0] ?? (await ctx.newPage());
		watchErrors(page, errors);
		await seedAssessment(page, a);

		// 1. Reload.
		const q1 = await openQuestion(page, a.id);
		await answerAndWaitSaved(page, '4');
		await page.reload();
		await expect(page.locator('article.qcard')).toBeVisible();
		expect(await currentQuestionId(page), 'resumes at the same question').toBe(q1);
		await expect(levelRadio(page, '4')).toBeChecked();

		// 2. Close the tab right after "Saved", open a new one.
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => currentQuestionId(page)).not.toBe(q1);
		const q2 = await currentQuestionId(page);
		await answerAndWaitSaved(page, '2');
		await page.close();
		page = await ctx.newPage();
		watchErrors(page, errors);
		await openQuestion(page, a.id, q2);
		await expect(levelRadio(page, '2')).toBeChecked();

		// 3. Quit the browser right after "Saved", start it again on the same profile.
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => currentQuestionId(page)).not.toBe(q2);
		const q3 = await currentQuestionId(page);
		await answerAndWaitSaved(page, '5');
		await ctx.close();
		ctx = await launchProfile(dir, testInfo, offsite);
		page = ctx.pages()[0] ?? (await ctx.newPage());
		watchErrors(page, errors);
		await openQuestion(page, a.id, q3);
		await expect(levelRadio(page, '5')).toBeChecked();
		const stored = await readStored(page, a.id);
		expect(stored.answers[q1]?.value).toBe(4);
		expect(stored.answers[q2]?.value).toBe(2);
		expect(stored.answers[q3]?.value).toBe(5);
		await ctx.close();
		rmSync(dir, { recursive: true, force: true });
		expect(errors).toEqual([]);
	});

	test('a note typed just before a reload is not lost', async ({ page }) => {
		const a = persona();
		await seedAssessment(page, a);
		const q = await openQuestion(page, a.id);
		const note = page.locator(`#q-${q}-note`);
		// Typed, then the page reloads at once: well inside the pause after which a note is saved.
		await note.fill('Said in the workshop: MFA is enforced for admins only');
		await page.reload();
		await expect(page.locator(`#q-${q}-note`)).toHaveValue(
			'Said in the workshop: MFA is enforced for admins only'
		);
		await expect(saveStatus(page)).toHaveText(SAVED);
		await expect
			.poll(async () => (await readStored(page, a.id)).answers[q]?.note)
			.toBe('Said in the workshop: MFA is enforced for admins only');
		expect(
			await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':draft:'))),
			'the draft is gone once saved'
		).toEqual([]);
	});

	test('every write transaction asks for strict durability (flushed to disk before “Saved”)', async ({
		page
	}) => {
		await page.addInitScript(() => {
			const seen: string[] = [];
			(window as unknown as { __durability: string[] }).__durability = seen;
			const original = IDBDatabase.prototype.transaction;
			IDBDatabase.prototype.transaction = function (
				this: IDBDatabase,
				stores: string | string[],
				mode?: IDBTransactionMode,
				options?: IDBTransactionOptions
			) {
				if (mode === 'readwrite') seen.push(options?.durability ?? 'default');
				return original.call(this, stores, mode, options);
			};
		});
		const a = persona();
		await seedAssessment(page, a);
		await openQuestion(page, a.id);
		await answerAndWaitSaved(page, '3');
		const durability = await page.evaluate(
			() => (window as unknown as { __durability: string[] }).__durability
		);
		expect(durability.length, 'the answer was written').toBeGreaterThan(0);
		expect(new Set(durability)).toEqual(new Set(['strict']));
	});

	test('a renderer crash in the middle of a burst of 200 answers leaves every answer old or new', async ({
		page,
		context,
		offsite,
		pageErrors
	}) => {
		const a = persona('all-not-in-place');
		await seedAssessment(page, a);
		const before = await readStored(page, a.id);
		// The tab that will crash (the fixture's page stays up to check its own errors).
		const victim = await context.newPage();
		await openQuestion(victim, a.id);

		// 200 answers as fast as the keyboard handler takes them: levels 1–5 on each question,
		// then → to the next one (40 questions). Runs in the page while the test watches.
		await victim.evaluate(() => {
			const w = window as unknown as { __pressed: number };
			w.__pressed = 0;
			const press = (key: string) =>
				window.dispatchEvent(
					new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
				);
			void (async () => {
				for (let i = 0; i < 200; i++) {
					// The last answer waits for ever: however slow the machine (and the crash), the
					// crash always lands before the burst is over, never after it.
					if (i === 199) await new Promise(() => {});
					press(String((i % 5) + 1));
					w.__pressed++;
					if (i % 5 === 4) press('ArrowRight');
					await new Promise((r) => setTimeout(r, 0));
				}
			})();
		});
		await victim.waitForFunction(
			() => (window as unknown as { __pressed: number }).__pressed >= 90
		);
		const cdp = await context.newCDPSession(victim);
		const crashed = victim.waitForEvent('crash');
		void cdp.send('Page.crash').catch(() => undefined);
		await crashed;

		const next = page;
		const after = await readStored(next, a.id);
		expect(after.row, 'the assessment is still there').not.toBeNull();
		const committed = after.row!.revision - before.row!.revision;
		expect(committed, 'some answers of the burst were committed').toBeGreaterThan(0);
		// Fewer than 200 by construction: the burst holds its last answer until the crash.

		const ids = Object.keys(before.answers);
		expect(Object.keys(after.answers).sort()).toEqual(ids.sort());
		let changed = 0;
		for (const q of ids) {
			const old = before.answers[q]!;
			const now = after.answers[q]!;
			const { value: _ov, updatedAt: _ou, ...oldRest } = old;
			const { value: _nv, updatedAt: _nu, ...nowRest } = now;
			expect(nowRest, `${q}: everything but the level is untouched`).toEqual(oldRest);
			if (now.updatedAt === old.updatedAt) {
				expect(now.value, `${q}: unchanged row keeps its old value`).toBe(old.value);
			} else {
				changed++;
				expect([1, 2, 3, 4, 5], `${q}: a value the burst gave`).toContain(now.value);
				expect(Number.isNaN(Date.parse(now.updatedAt)), `${q}: timestamp`).toBe(false);
			}
		}
		expect(changed).toBeGreaterThan(0);
		const answered = Object.values(after.answers).filter((x: MaturityAnswer) => x.value !== null);
		expect(after.row!.answeredCount, 'answered count matches the rows').toBe(answered.length);

		// The assessment opens and resumes in the interview.
		await next.goto(`/interview?id=${encodeURIComponent(a.id)}`);
		await expect(next.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(next.getByRole('alert')).toHaveCount(0);
		await next.goto(`/interview?id=${encodeURIComponent(a.id)}&stage=maturity`);
		await expect(next.locator('article.qcard')).toBeVisible();
		expect(offsite).toEqual([]);
		expect(pageErrors).toEqual([]);
	});
});

test.describe('storage full', () => {
	for (const mode of ['put throws', 'transaction aborts at commit'] as const) {
		test(`a refused write (${mode}) is announced, never claimed saved, and the old answer stays`, async ({
			page,
			offsite,
			pageErrors
		}) => {
			const a = persona();
			await seedAssessment(page, a);
			const q = await openQuestion(page, a.id);
			await answerAndWaitSaved(page, '2');

			await page.evaluate((mode) => {
				const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				const proto = IDBObjectStore.prototype;
				const wrap = (name: 'put' | 'add') => {
					const orig = proto[name];
					proto[name] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
						if (mode === 'put throws') throw quota();
						// The way Chromium reports a full disk: the requests succeed, then the transaction
						// aborts at commit with a QuotaExceededError. The assessment row is the last
						// write of every transaction the interview makes, so abort right after it.
						const req = orig.apply(this, args);
						if (this.name !== 'assessments') return req;
						const tx = this.transaction as IDBTransaction & {
							__err?: DOMException;
							__full?: boolean;
						};
						tx.__full = true;
						req.addEventListener('success', () => {
							tx.__err = quota();
							tx.abort();
						});
						return req;
					} as never;
				};
				// A transaction committed explicitly (the answer's, as soon as its writes are asked
				// for) fails the same way: its requests succeed, then it aborts with the quota error
				// (the success handler above) instead of committing.
				const commit = IDBTransaction.prototype.commit;
				IDBTransaction.prototype.commit = function (this: IDBTransaction & { __full?: boolean }) {
					if (mode === 'put throws' || !this.__full) commit.call(this);
				};
				const errDesc = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'error')!;
				Object.defineProperty(IDBTransaction.prototype, 'error', {
					configurable: true,
					get(this: IDBTransaction & { __err?: DOMException }) {
						return this.__err ?? errDesc.get!.call(this);
					}
				});
				wrap('put');
				wrap('add');
			}, mode);

			await recordSaveTexts(page);
			await page.keyboard.press('4');
			const alert = page.getByRole('alert').filter({ hasText: 'not saved' });
			await expect(alert).toBeVisible();
			await expect(alert).toContainText('no more storage space');
			// The whole message is on screen (not clipped off an edge of the viewport).
			const box = (await alert.boundingBox())!;
			const viewport = page.viewportSize()!;
			expect(box.y, 'alert top inside the viewport').toBeGreaterThanOrEqual(0);
			expect(box.x, 'alert left inside the viewport').toBeGreaterThanOrEqual(0);
			expect(box.y + box.height, 'alert bottom inside the viewport').toBeLessThanOrEqual(
				viewport.height
			);
			expect(box.x + box.width, 'alert right inside the viewport').toBeLessThanOrEqual(
				viewport.width
			);
			await expect(saveStatus(page)).toHaveText(/Not saved/);
			// Nothing new reached the database: a read that follows the refused write (IndexedDB
			// orders transactions) still finds the old answer. No fixed delay.
			expect((await readStored(page, a.id)).answers[q]?.value).toBe(2);
			const texts = await savedTexts(page);
			expect(texts.length).toBeGreaterThan(0);
			for (const t of texts)
				expect(t, 'status after the refused write').toMatch(/^(Saving…|Not saved)$/);

			// Nothing new reached the database, and after a reload the old answer is shown.
			expect((await readStored(page, a.id)).answers[q]?.value).toBe(2);
			await page.reload();
			await expect(page.locator('article.qcard')).toBeVisible();
			await expect(levelRadio(page, '2')).toBeChecked();
			await expect(levelRadio(page, '4')).not.toBeChecked();
			expect(offsite).toEqual([]);
			// The app logs nothing alarming for a handled storage error.
			expect(pageErrors).toEqual([]);
		});
	}
});

test.describe('two tabs on the same assessment', () => {
	test('plan ticks made in two tabs at once are both kept, and each tab shows both', async ({
		page,
		context,
		offsite,
		pageErrors
	}) => {
		const a = persona();
		await seedAssessment(page, a);
		const tabB = await context.newPage();
		tabB.on('pageerror', (e) => pageErrors.push(String(e)));
		const openPlan = async (p: Page) => {
			await p.goto(`/results?id=${a.id}`);
			const plan = p.getByRole('region', { name: 'Remediation plan', exact: true });
			await p
				.getByRole('navigation', { name: 'On this page' })
				.getByRole('link', { name: 'Remediation plan', exact: true })
				.click();
			await expect(plan.getByRole('checkbox').nth(1)).toBeVisible();
			return plan.getByRole('checkbox');
		};
		const ticksA = await openPlan(page);
		await openPlan(tabB);
		// Two actions by their ids (a ticked action may move in the list).
		const ids = [
			await ticksA.nth(0).getAttribute('id'),
			await ticksA.nth(1).getAttribute('id')
		] as string[];
		const tick = (p: Page, id: string) => p.locator(`input[type="checkbox"][id="${id}"]`);
		// Each tab ticks another action without waiting for the other (issue #16: the second
		// write used to rewrite every tick from a stale copy and drop the first).
		await Promise.all([tick(page, ids[0]!).check(), tick(tabB, ids[1]!).check()]);
		for (const p of [page, tabB]) {
			for (const id of ids) await expect(tick(p, id)).toBeChecked();
		}
		await expect
			.poll(async () => {
				const row = (await readStored(page, a.id)).row;
				return Object.values(row?.planOverrides ?? {}).filter((o) => o.done).length;
			})
			.toBe(2);
		expect(offsite).toEqual([]);
	});

	test('each tab shows the other’s answers, and a stale note edit is refused and announced', async ({
		page,
		context,
		offsite,
		pageErrors
	}) => {
		const a = persona();
		await seedAssessment(page, a);
		const q = await openQuestion(page, a.id);
		const tabB = await context.newPage();
		tabB.on('pageerror', (e) => pageErrors.push(String(e)));
		await openQuestion(tabB, a.id, q);

		// A answers; B shows it without a reload (liveQuery).
		await answerAndWaitSaved(page, '3');
		await expect(levelRadio(tabB, '3')).toBeChecked();
		// B answers; A shows it and says it came from another window.
		await answerAndWaitSaved(tabB, '5');
		await expect(levelRadio(page, '5')).toBeChecked();
		await expect(otherWindowNotice(page)).toBeVisible();
		await otherWindowNotice(page).getByRole('button', { name: 'Dismiss' }).click();
		await expect(otherWindowNotice(page)).toHaveCount(0);

		// A starts editing the note from the empty text; meanwhile B saves its own note.
		const noteA = page.locator(`#q-${q}-note`);
		const noteB = tabB.locator(`#q-${q}-note`);
		await noteA.focus();
		await noteB.fill('Note written in tab B');
		await noteB.blur();
		await expect(saveStatus(tabB)).toHaveText(SAVED);
		await expect
			.poll(async () => (await readStored(page, a.id)).answers[q]?.note)
			.toBe('Note written in tab B');
		// A's live query has seen B's note (its notice is back) before A finishes its stale edit.
		await expect(otherWindowNotice(page)).toBeVisible();
		await recordSaveTexts(page);
		await noteA.pressSequentially('Note written in tab A');
		await noteA.blur();

		const conflict = page.getByRole('region', { name: 'Changed in another window' });
		await expect(conflict).toBeVisible();
		await expect(conflict.getByRole('alert')).toContainText('Your change was not saved');
		await expect(conflict).toContainText('Note written in tab B');
		await expect(conflict).toContainText('Note written in tab A');
		// The refused edit was never reported as saved.
		for (const t of await savedTexts(page)) expect(t).not.toMatch(SAVED);
		await expect(saveStatus(page)).not.toHaveText(SAVED);
		expect((await readStored(page, a.id)).answers[q]?.note, 'nothing was overwritten').toBe(
			'Note written in tab B'
		);

		// The user decides: keep theirs → B's note stays, in both tabs.
		await conflict.getByRole('button', { name: 'Keep the other version' }).click();
		await expect(conflict).toBeHidden();
		await expect(noteA).toHaveValue('Note written in tab B');
		expect((await readStored(page, a.id)).answers[q]?.note).toBe('Note written in tab B');
		expect((await readStored(page, a.id)).answers[q]?.value).toBe(5);
		expect(offsite).toEqual([]);
	});
});
