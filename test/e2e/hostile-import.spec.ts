import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openQuestion } from './reliability-helpers';

/**
 * Hostile files through the real import control (issue 18): files the app used to accept and
 * that then broke the interview, the review or the results page. Every test fails on an uncaught
 * page error (e.g. Svelte's each_key_duplicate) through the `pageErrors` fixture.
 */

const FIXTURE = path.resolve('test/fixtures/exports/v1-full.json');
/** A complete assessment (every stage can be opened), in the export format. */
const WORKSHOP = path.resolve('test/fixtures/assessments/full-workshop.json');
const WORKSHOP_ORG = 'Brightwater Analytics';
type Json = Record<string, unknown>;

function fixture(
	file = FIXTURE
): Json & { assessment: Json & { meta: Json; answers: Record<string, Json> } } {
	return JSON.parse(readFileSync(file, 'utf8'));
}

async function importFile(page: Page, file: string): Promise<void> {
	const chooser = page.waitForEvent('filechooser');
	await page
		.getByRole('button', { name: 'Import', exact: true })
		.or(page.getByRole('button', { name: /Import an assessment file/ }))
		.click();
	await (await chooser).setFiles(file);
}

function card(page: Page, organisation: string) {
	return page.locator('li[data-assessment-id]').filter({
		has: page.getByRole('heading', { name: organisation, exact: true })
	});
}

function write(name: string, doc: unknown, outputPath: (n: string) => string): string {
	const file = outputPath(name);
	writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
	return file;
}

/** The v1 fixture with twins in every list that screens key by id. */
function withDuplicates() {
	const d = fixture(WORKSHOP);
	const a = d.assessment as unknown as Json & {
		subservices: Json[];
		cuecs: Json[];
		answers: Record<string, Json>;
	};
	const ptr = { id: 'ev-1', name: 'MFA policy', location: 'https://intranet.example/mfa' };
	a.answers['cc6-mfa'] = {
		value: 3,
		evidence: [ptr, { ...ptr, name: 'MFA enrolment report' }],
		updatedAt: '2026-09-16T10:00:00.000Z'
	};
	const aws = { ...a.subservices[0]!, csocs: ['Physical security', 'Physical security'] };
	a.subservices = [aws, { ...aws, name: 'AWS again' }];
	a.cuecs = [
		{ ...a.cuecs[0]!, criteria: ['CC6.2', 'CC6.2'] },
		{ ...a.cuecs[0]!, text: 'A second CUEC with the same id.' }
	];
	return d;
}

test.describe('hostile imports', () => {
	test('duplicate ids in lists: every page still works, through a new import and through “Replace”', async ({
		page,
		pageErrors
	}, testInfo) => {
		await page.goto('/');
		// "Replace" used to break the user's own assessment: import the good file first.
		await importFile(page, WORKSHOP);
		await expect(card(page, WORKSHOP_ORG)).toBeVisible();
		await importFile(
			page,
			write('twins.json', withDuplicates(), (n) => testInfo.outputPath(n))
		);
		const ask = page.getByRole('dialog', { name: 'This assessment is already on this device' });
		await ask.getByRole('button', { name: 'Replace' }).click();
		await expect(ask).toBeHidden();
		const id = await card(page, WORKSHOP_ORG).getAttribute('data-assessment-id');

		// The question with two evidence pointers of one id shows both.
		await openQuestion(page, id!, 'cc6-mfa');
		await expect(page.getByText('MFA policy')).toBeVisible();
		await expect(page.getByText('MFA enrolment report')).toBeVisible();
		// The vendors, the CUECs and the review.
		await page.goto(`/interview?id=${encodeURIComponent(id!)}&stage=subservices`);
		await expect(page.locator('main h1')).toHaveText('Subservice organisations');
		await expect(page.getByText('AWS again').first()).toBeAttached();
		await page.goto(`/interview?id=${encodeURIComponent(id!)}&stage=cuecs`);
		await expect(page.locator('main h1')).toHaveText('User entity controls');
		await expect
			.poll(() =>
				page
					.locator('textarea')
					.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value))
			)
			.toContain('A second CUEC with the same id.');
		await page.goto(`/interview?id=${encodeURIComponent(id!)}&stage=review`);
		await expect(page.locator('main h1')).toHaveText('Review');
		await page.goto(`/results?id=${encodeURIComponent(id!)}`);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		// A closed section is drawn when it is first opened: open them all, duplicates included.
		await page.getByRole('button', { name: 'Open all sections' }).click();
		await expect(page.getByText('AWS again').first()).toBeAttached();
		await page.goto(`/present?id=${encodeURIComponent(id!)}`);
		await expect(page.locator('main.stage')).toBeVisible();
		expect(pageErrors).toEqual([]);
	});

	test('an interview snapshot without its children opens at the first unanswered question, in the interview and the presenter view', async ({
		page,
		pageErrors
	}, testInfo) => {
		const d = fixture(WORKSHOP);
		d.assessment.interview = {
			version: 1,
			snapshot: {
				status: 'active',
				value: 'maturity',
				historyValue: { 'interview.maturity': 'not a list' },
				context: { position: { stage: 'maturity', questionId: 'cc6-mfa' } }
			}
		};
		await page.goto('/');
		await importFile(
			page,
			write('no-children.json', d, (n) => testInfo.outputPath(n))
		);
		const id = await card(page, WORKSHOP_ORG).getAttribute('data-assessment-id');
		await page.goto(`/interview?id=${encodeURIComponent(id!)}`);
		await expect(page.getByText('Loading the interview…')).toBeHidden();
		await expect(page.locator('main h1')).toBeVisible();
		await expect(page.locator('main h1')).not.toHaveText(/could not be opened/);
		await page.goto(`/present?id=${encodeURIComponent(id!)}`);
		await expect(page.locator('main.stage')).toBeVisible();
		expect(pageErrors).toEqual([]);
	});

	test('impossible dates, answers as a list, a bare number: refused with a message that names the problem', async ({
		page
	}, testInfo) => {
		await page.goto('/');
		const out = (n: string) => testInfo.outputPath(n);
		const cases: [string, unknown, RegExp][] = [];
		const feb30 = fixture();
		feb30.assessment.meta.assessmentDate = '2026-02-30';
		cases.push(['feb30.json', feb30, /assessment date .*not a real calendar date/]);
		const target = fixture();
		target.assessment.meta.targetReportDate = '2026-02-31';
		cases.push(['target.json', target, /target report date .*not a real calendar date/]);
		const list = fixture() as Json & { assessment: Json };
		list.assessment.answers = [{ value: 3, evidence: [], updatedAt: '' }];
		cases.push(['list.json', list, /answers .*is a list/]);
		cases.push(['42.json', '42', /holds only a number/]);
		cases.push(['null.json', 'null', /holds only the word null/]);
		for (const [name, doc, message] of cases) {
			await importFile(page, write(name, doc, out));
			const dialog = page.getByRole('dialog');
			await expect(dialog, name).toContainText(message);
			await expect(dialog).toContainText('Nothing was imported');
			await expect(dialog).not.toContainText(/Invalid|Expected|Received|Infinity/);
			await dialog.getByRole('button', { name: 'OK' }).click();
			await expect(dialog).toBeHidden();
		}
		await expect(page.locator('li[data-assessment-id]')).toHaveCount(0);
	});

	test('answers to unknown questions are kept but not counted; a maximum-length name survives “Keep both” and its own backup', async ({
		page
	}, testInfo) => {
		const out = (n: string) => testInfo.outputPath(n);
		const d = fixture();
		for (let i = 0; i < 50; i++) {
			d.assessment.answers[`phantom-${i}`] = { value: 2, evidence: [], updatedAt: '' };
		}
		const longName = `Northwind ${'N'.repeat(490)}`;
		d.assessment.meta.organisation = longName;
		const file = write('phantoms.json', d, out);
		await page.goto('/');
		await importFile(page, file);
		// 2 of the file's answers are to questions of this bank; the other 53 are kept aside.
		await expect(page.locator('li[data-assessment-id]')).toHaveCount(1);
		await expect(page.locator('li[data-assessment-id]')).toContainText('2 answers');

		await importFile(page, file);
		const ask = page.getByRole('dialog', { name: 'This assessment is already on this device' });
		await expect(ask).toContainText('2 answers');
		await ask.getByRole('button', { name: 'Keep both' }).click();
		await expect(page.locator('li[data-assessment-id]')).toHaveCount(2);
		const copy = page.locator('li[data-assessment-id]').filter({ hasText: '(imported)' });
		await expect(copy).toHaveCount(1);

		// The copy's own backup imports again.
		const copyName = (await copy.locator('h2').textContent())!.trim();
		expect(copyName.length).toBeLessThanOrEqual(500);
		await copy.getByRole('button', { name: `Export ${copyName}` }).click();
		const dialog = page.getByRole('dialog');
		const download = page.waitForEvent('download');
		await dialog.getByRole('button', { name: 'Download file' }).click();
		const saved = out('copy-backup.json');
		await (await download).saveAs(saved);
		const backup = JSON.parse(readFileSync(saved, 'utf8'));
		expect(Object.keys(backup.assessment.answers)).toHaveLength(55);
		await importFile(page, saved);
		const again = page.getByRole('dialog', { name: 'This assessment is already on this device' });
		await again.getByRole('button', { name: 'Replace' }).click();
		await expect(again).toBeHidden();
		await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
		await expect(page.locator('li[data-assessment-id]')).toHaveCount(2);
	});
});
