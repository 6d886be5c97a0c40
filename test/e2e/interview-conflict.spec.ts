import type { Locator, Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from './fixtures';
import {
	SAVED,
	openQuestion,
	otherWindowNotice,
	persona,
	readStored,
	recordSaveTexts,
	saveStatus,
	savedTexts,
	seedAssessment,
	type StoredState
} from './reliability-helpers';

/**
 * Stale-edit conflicts between two tabs of the same assessment, in the built app: the refused
 * edit's banner is on screen and announced wherever the user was on the page, the header says
 * the change was not saved until the user decides, and deciding loses nothing already saved.
 * Set CONFLICT_SHOTS=<dir> to keep screenshots of the banner.
 */

const NOT_SAVED = /^Not saved — this assessment changed in another tab$/;
const SHOTS = process.env.CONFLICT_SHOTS;

function banner(page: Page): Locator {
	return page.getByRole('region', { name: 'Changed in another window' });
}

/** Everything stored except the one field the conflict is about, to prove nothing was lost. */
function withoutNote(s: StoredState, q: string): unknown {
	const answers = structuredClone(s.answers);
	const { note: _n, updatedAt: _u, ...rest } = answers[q]!;
	answers[q] = rest as (typeof answers)[string];
	const {
		revision: _r,
		updatedAt: _ru,
		interview: _i,
		answeredCount: _c,
		listKey: _k,
		...row
	} = s.row! as NonNullable<StoredState['row']> & { listKey?: unknown };
	return { row, answers };
}

/** True when the element's centre is really on screen and not covered by something else. */
async function unobstructed(loc: Locator): Promise<boolean> {
	return loc.evaluate((el) => {
		const r = el.getBoundingClientRect();
		const x = r.left + Math.min(r.width / 2, 40);
		const y = r.top + Math.min(r.height / 2, 10);
		if (y < 0 || y > window.innerHeight) return false;
		const hit = document.elementFromPoint(x, y);
		return !!hit && (el === hit || el.contains(hit));
	});
}

test.describe('stale edit in two tabs', () => {
	test.use({ viewport: { width: 1280, height: 640 } });

	test('the banner is on screen and announced, the header says not saved, keeping theirs loses nothing', async ({
		page,
		context
	}) => {
		const a = persona('full-workshop');
		await seedAssessment(page, a);
		const q = await openQuestion(page, a.id);
		const tabB = await context.newPage();
		await openQuestion(tabB, a.id, q);
		const noteA = page.locator(`#q-${q}-note`);
		const noteB = tabB.locator(`#q-${q}-note`);
		const original = a.answers[q]?.note ?? '';
		await expect(noteA).toHaveValue(original);

		// A starts editing the note, scrolled down so the top of the page is off screen.
		await noteA.focus();
		await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
		await expect(page.locator('main h1')).not.toBeInViewport();
		await expect(noteA).toBeInViewport();

		// Meanwhile B saves another note for the same question.
		await noteB.fill('Owner is the CTO (tab B)');
		await noteB.blur();
		await expect(saveStatus(tabB)).toHaveText(SAVED);
		await expect
			.poll(async () => (await readStored(page, a.id)).answers[q]?.note)
			.toBe('Owner is the CTO (tab B)');
		const before = await readStored(page, a.id);
		await expect(otherWindowNotice(page)).toBeAttached(); // A's live query has seen B's note

		// A keeps typing; the pause-save is refused as stale while A is still in the field.
		await recordSaveTexts(page);
		await noteA.press('End');
		await noteA.pressSequentially(' + edited in tab A');
		const conflict = banner(page);
		await expect(conflict).toBeVisible();
		await expect(conflict).toBeInViewport({ ratio: 1 });
		const alert = conflict.getByRole('alert');
		await expect(alert).toContainText('Your change was not saved');
		expect(await unobstructed(alert), 'the message is not hidden under the header').toBe(true);
		expect(await unobstructed(conflict), 'the banner starts below the header').toBe(true);
		await expect(conflict).toContainText('Owner is the CTO (tab B)');
		await expect(conflict).toContainText('edited in tab A');
		// The user was typing: focus stays in the field, which is still visible below the banner.
		await expect(noteA).toBeFocused();
		await expect(noteA).toBeInViewport();
		expect(await unobstructed(noteA), 'the field being typed in is not covered').toBe(true);

		// The header says the change was not saved, and never claimed it was.
		await expect(saveStatus(page)).toHaveText(NOT_SAVED);
		for (const t of await savedTexts(page)) expect(t).not.toMatch(SAVED);
		expect((await readStored(page, a.id)).answers[q]?.note, 'nothing overwritten').toBe(
			'Owner is the CTO (tab B)'
		);
		if (SHOTS) await page.screenshot({ path: `${SHOTS}/conflict-typing.png` });

		// Still "not saved" after leaving the field (the status does not fall back to "Saved").
		await noteA.blur();
		// Whatever the blur wrote has been refused by the time a read that follows it completes
		// (IndexedDB orders the transactions): no fixed delay needed.
		expect((await readStored(page, a.id)).answers[q]?.note).toBe('Owner is the CTO (tab B)');
		await expect(saveStatus(page)).toHaveText(NOT_SAVED);
		for (const t of await savedTexts(page)) expect(t).not.toMatch(SAVED);
		await expect(conflict).toBeInViewport();
		await expectNoA11yViolations(page, 'conflict banner');

		// Keep the other version: B's note shows in A, the header no longer says "not saved",
		// and storage holds exactly what it held before A's refused edit.
		await conflict.getByRole('button', { name: 'Keep the other version' }).click();
		await expect(conflict).toBeHidden();
		await expect(noteA).toHaveValue('Owner is the CTO (tab B)');
		await expect(saveStatus(page)).not.toHaveText(/Not saved/);
		await expect(saveStatus(page)).toHaveText(/^Saved/);
		await expect(page.locator('main h1')).toBeFocused();
		const after = await readStored(page, a.id);
		expect(after.answers[q]?.note).toBe('Owner is the CTO (tab B)');
		// Nothing A did reached storage (only its position may have been stored meanwhile).
		expect({ ...after, row: { ...after.row, interview: null } }).toEqual({
			...before,
			row: { ...before.row, interview: null }
		});
		// B still shows its note; A's next edit saves normally.
		await expect(noteB).toHaveValue('Owner is the CTO (tab B)');
		await noteA.fill('Owner is the CTO (agreed)');
		await noteA.blur();
		await expect(saveStatus(page)).toHaveText(SAVED);
		await expect(noteB).toHaveValue('Owner is the CTO (agreed)');
		await tabB.close();
	});

	test('presenter view: the banner takes focus when nothing has it; "use mine" writes it', async ({
		page,
		context
	}) => {
		const a = persona('full-workshop');
		await seedAssessment(page, a);
		const q = await openQuestion(page, a.id);
		const stored0 = await readStored(page, a.id);
		const present = await context.newPage();
		await present.goto(`/present?id=${encodeURIComponent(a.id)}`);
		await expect(present.locator('main article.qcard')).toHaveAttribute('data-question', q);
		const notePresent = present.locator(`#q-${q}-note`);
		await notePresent.focus();

		await page.locator(`#q-${q}-note`).fill('Decided in the interview tab');
		await page.locator(`#q-${q}-note`).blur();
		await expect(saveStatus(page)).toHaveText(SAVED);
		// Whether or not the presenter has merged the note yet, its edit started from the older
		// text and must be refused: no delay to wait for.

		await notePresent.fill('Said in the room');
		await notePresent.blur(); // focus goes nowhere: the banner takes it
		const conflict = banner(present);
		await expect(conflict).toBeVisible();
		await expect(conflict).toBeInViewport();
		await expect(conflict).toBeFocused();
		await expect(saveStatus(present)).toHaveText(NOT_SAVED);
		await expect(notePresent).toHaveValue('Decided in the interview tab');
		if (SHOTS) await present.screenshot({ path: `${SHOTS}/conflict-presenter.png` });
		await expectNoA11yViolations(present, 'presenter conflict banner');

		await conflict.getByRole('button', { name: 'Use mine' }).click();
		await expect(conflict).toBeHidden();
		await expect(saveStatus(present)).toHaveText(SAVED);
		await expect(notePresent).toHaveValue('Said in the room');
		await expect(page.locator(`#q-${q}-note`)).toHaveValue('Said in the room');
		const after = await readStored(page, a.id);
		expect(after.answers[q]?.note).toBe('Said in the room');
		expect(withoutNote(after, q)).toEqual(withoutNote(stored0, q));
		await present.close();
	});

	test('on a phone the banner and the "not saved" status fit the screen', async ({
		page,
		context
	}) => {
		await page.setViewportSize({ width: 390, height: 760 });
		const a = persona('full-workshop');
		await seedAssessment(page, a);
		const q = await openQuestion(page, a.id);
		const tabB = await context.newPage();
		await openQuestion(tabB, a.id, q);
		const noteA = page.locator(`#q-${q}-note`);
		await noteA.focus();
		await noteA.scrollIntoViewIfNeeded();
		await tabB.locator(`#q-${q}-note`).fill('From the laptop');
		await tabB.locator(`#q-${q}-note`).blur();
		await expect(saveStatus(tabB)).toHaveText(SAVED);
		await expect(otherWindowNotice(page)).toBeAttached(); // A has seen B's note
		await noteA.pressSequentially(' and from the phone');
		await noteA.blur();
		const conflict = banner(page);
		await expect(conflict).toBeInViewport();
		await expect(saveStatus(page)).toHaveText(NOT_SAVED);
		await expect(saveStatus(page)).toBeInViewport({ ratio: 1 });
		expect(await unobstructed(conflict.getByRole('alert'))).toBe(true);
		expect(await unobstructed(conflict), 'the banner starts below the header').toBe(true);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
		if (SHOTS) await page.screenshot({ path: `${SHOTS}/conflict-phone.png` });
		await conflict.getByRole('button', { name: 'Keep the other version' }).click();
		await expect(noteA).toHaveValue('From the laptop');
		await tabB.close();
	});
});
