/**
 * Data that must be neither lost nor left behind, on the built app in Chromium:
 * - the undo of a delete survives a full disk: the restore that the browser refuses says why,
 *   keeps its offer to try again, and brings everything back once space is freed;
 * - a note typed in a window whose assessment was deleted in another window leaves no draft in
 *   web storage, and a draft left by a window that closed first is swept on the next start.
 */
import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from './fixtures';
import {
	answerAndWaitSaved,
	dumpAllDatabases,
	openQuestion,
	persona,
	readStored,
	seedAssessment
} from './reliability-helpers';

/** Make every write to the assessments store fail as a full disk does (while `__full` is set). */
async function simulateFullDisk(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __full?: boolean };
		w.__full = true;
		for (const m of ['add', 'put'] as const) {
			const original = IDBObjectStore.prototype[m];
			IDBObjectStore.prototype[m] = function (this: IDBObjectStore, ...args: unknown[]) {
				if (w.__full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				return (original as (...a: unknown[]) => IDBRequest).apply(this, args);
			} as never;
		}
	});
}

function draftKeys(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		Object.keys(localStorage).filter((k) => k.startsWith('soc2-readiness:draft:'))
	);
}

test('undo of a delete survives a full disk and restores everything once space is freed', async ({
	page,
	offsite,
	pageErrors
}, testInfo) => {
	const doomed = persona('all-not-in-place');
	doomed.meta = { ...doomed.meta, organisation: 'Undo Later Ltd' };
	await seedAssessment(page, doomed);
	await page.goto('/');
	const stored = await readStored(page, doomed.id);
	expect(Object.keys(stored.answers).length).toBeGreaterThan(0);

	const card = page.locator('li.card').filter({ hasText: 'Undo Later Ltd' });
	await card.getByRole('button', { name: 'More actions for Undo Later Ltd' }).click();
	await page.getByRole('button', { name: 'Delete…' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(card).toHaveCount(0);

	// The disk fills up before the user clicks Undo.
	await simulateFullDisk(page);
	await page.getByRole('button', { name: 'Undo' }).click();
	const alert = page.getByRole('alert').filter({ hasText: 'The restore of “Undo Later Ltd”' });
	await expect(alert).toContainText('no more storage space');
	await expect(alert).toContainText('kept here until it is restored');
	await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
	await expectNoA11yViolations(page, 'restore refused for lack of space');
	for (const [width, height] of [
		[1366, 768],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width, height });
		const box = (await alert.boundingBox())!;
		expect(box.x, `${width}: left edge on screen`).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width, `${width}: right edge on screen`).toBeLessThanOrEqual(width);
		expect(box.y + box.height, `${width}: bottom on screen`).toBeLessThanOrEqual(height);
		await page.screenshot({ path: testInfo.outputPath(`restore-refused-${width}.png`) });
	}
	expect((await readStored(page, doomed.id)).row).toBeNull();

	// Still full: trying again fails the same way and keeps the offer.
	await alert.getByRole('button', { name: 'Try again' }).click();
	await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
	await page.evaluate(() => ((window as unknown as { __full: boolean }).__full = false));
	await alert.getByRole('button', { name: 'Try again' }).click();
	await expect(page.locator('li.card').filter({ hasText: 'Undo Later Ltd' })).toBeVisible();
	await expect(alert).toHaveCount(0);
	const restored = await readStored(page, doomed.id);
	expect(restored.row?.meta.organisation).toBe('Undo Later Ltd');
	expect(restored.answers).toEqual(stored.answers);

	// It survives a reload: it is in IndexedDB, not only on the screen.
	await page.reload();
	await expect(page.locator('li.card').filter({ hasText: 'Undo Later Ltd' })).toBeVisible();
	expect(offsite).toEqual([]);
	expect(pageErrors).toEqual([]);
});

test('a note typed in a window whose assessment was deleted in another leaves no draft behind', async ({
	page,
	context
}) => {
	const doomed = persona('all-not-in-place');
	doomed.meta = { ...doomed.meta, organisation: 'Two Windows Doomed Ltd' };
	const kept = persona('all-not-in-place');
	kept.meta = { ...kept.meta, organisation: 'Two Windows Kept Ltd' };
	await seedAssessment(page, doomed);
	await seedAssessment(page, kept);

	// Window A: the interview of the doomed assessment.
	const q = await openQuestion(page, doomed.id);
	await answerAndWaitSaved(page, '3');
	const note = page.locator(`#q-${q}-note`);
	await note.fill('Typed before the delete');

	// Window B deletes it.
	const b = await context.newPage();
	await b.goto('/');
	const card = b.locator('li.card').filter({ hasText: 'Two Windows Doomed Ltd' });
	await card.getByRole('button', { name: 'More actions for Two Windows Doomed Ltd' }).click();
	await b.getByRole('button', { name: 'Delete…' }).click();
	await b.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(card).toHaveCount(0);

	// Window A learns of it, and whatever is typed there afterwards is never kept.
	await expect(
		page.getByRole('alert').filter({ hasText: 'This assessment was deleted in another window' })
	).toBeVisible();
	// Typed, then the page goes away at once (tab switch, then close): when drafts are written.
	await page.evaluate((selector) => {
		const box = document.querySelector<HTMLTextAreaElement>(selector)!;
		box.focus();
		box.value = 'Typed after the delete';
		box.dispatchEvent(new Event('input', { bubbles: true }));
		Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
		document.dispatchEvent(new Event('visibilitychange'));
		window.dispatchEvent(new Event('pagehide'));
	}, `#q-${q}-note`);
	expect(await draftKeys(b)).toEqual([]);
	await page.close({ runBeforeUnload: true });
	expect(await draftKeys(b)).toEqual([]);

	// No trace in any store or in web storage; the other assessment keeps its own drafts.
	const dump = JSON.stringify(await dumpAllDatabases(b));
	expect(dump).not.toContain(doomed.id);
	const web = await b.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
	expect(web).not.toContain(doomed.id);
	expect(web).not.toContain('Typed after the delete');

	// A draft that a window wrote in the instant before it learned of a deletion (or a window
	// that closed first) is swept when the app starts again; drafts of stored assessments stay.
	await b.evaluate(
		({ gone, keptId }) => {
			localStorage.setItem(
				`soc2-readiness:draft:${gone}:q-x-note`,
				JSON.stringify({ draft: 'stray', base: '' })
			);
			localStorage.setItem(
				`soc2-readiness:draft:${keptId}:q-x-note`,
				JSON.stringify({ draft: 'mine', base: '' })
			);
		},
		{ gone: doomed.id, keptId: kept.id }
	);
	await b.reload();
	await expect(b.locator('li.card').filter({ hasText: 'Two Windows Kept Ltd' })).toBeVisible();
	await expect.poll(() => draftKeys(b)).toEqual([`soc2-readiness:draft:${kept.id}:q-x-note`]);
});
