/**
 * Issue 20: the "Since <date>" section of the results page. Real IndexedDB (fake-indexeddb) and
 * the real engine on a small bank; the other assessments are read from the database.
 */
import { configure, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadinessDB, putAssessment, setDb } from '$lib/db';
import { buildReportModel } from '$lib/domain/engine';
import { assessment, bank, question } from '$lib/domain/engine/testing';
import type { Assessment, MaturityValue, OptionalCategoryId } from '$lib/domain/types';
import CompareSection from './CompareSection.svelte';

// The bank and the engine load on first use: give a busy machine time.
configure({ asyncUtilTimeout: 15_000 });

const testBank = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('$lib/bank', () => ({ loadBank: async () => testBank.current }));
const download = vi.hoisted(() => vi.fn());
vi.mock('$lib/export/download', () => ({ downloadBlob: download }));

const b = bank([
	question('q-cc1', 'CC1', { criticality: 3 }),
	question('q-cc6', 'CC6', { criticality: 5, key: true }),
	question('q-cc7', 'CC7', { criticality: 4 }),
	question('q-a1', 'A1', { criticality: 3 })
]);
testBank.current = b;

const MARCH = '2026-03-03';
const JUNE = '2026-06-09';
const DECEMBER = '2026-12-01';

function stored(
	id: string,
	organisation: string,
	date: string,
	answers: Record<string, MaturityValue>,
	categories: OptionalCategoryId[] = ['availability']
): Assessment {
	const a = assessment({ assessmentDate: date, answers, categories });
	return {
		...a,
		id,
		meta: { ...a.meta, organisation },
		createdAt: `${date}T09:00:00.000Z`,
		updatedAt: `${date}T09:00:00.000Z`
	};
}

const march = stored('a-march', 'Acme', MARCH, { 'q-cc1': 1, 'q-cc6': 0, 'q-cc7': 1, 'q-a1': 1 });
const june = stored('a-june', '  ACME ', JUNE, { 'q-cc1': 2, 'q-cc6': 1, 'q-cc7': 2, 'q-a1': 2 });
const december = stored('a-dec', 'Acme', DECEMBER, {
	'q-cc1': 4,
	'q-cc6': 3,
	'q-cc7': 2,
	'q-a1': 4
});

let database: ReadinessDB;
let n = 0;
beforeEach(async () => {
	database = new ReadinessDB(`compare-section-${++n}`);
	await database.open();
	setDb(database);
	download.mockClear();
});
afterEach(async () => {
	setDb(null);
	await database.delete();
});

async function show(
	current: Assessment,
	others: Assessment[],
	open = true,
	today = DECEMBER,
	predecessorId?: string
) {
	for (const a of [current, ...others]) await putAssessment(a, database);
	const user = userEvent.setup();
	let isOpen = open;
	const onavailable = vi.fn();
	const model = buildReportModel(b, current, today);
	const r = render(CompareSection, {
		model,
		createdAt: current.createdAt,
		open: isOpen,
		ontoggle: (v: boolean) => {
			isOpen = v;
			void r.rerender({ open: v });
		},
		onavailable,
		predecessorId
	});
	return { user, model, onavailable };
}

const heading = () => screen.findByRole('button', { name: /^(Since|Until) / });

describe('CompareSection', () => {
	it('a re-assessment compares with its predecessor by default, also one renamed since', async () => {
		const renamed = { ...march, meta: { ...march.meta, organisation: 'Acme Holdings' } };
		await show(december, [renamed, june], true, DECEMBER, 'a-march');
		expect(await heading()).toHaveAccessibleName('Since 3 Mar 2026');
		const picker = screen.getByRole('combobox', { name: 'Compare with' });
		expect(picker).toHaveValue('a-march');
		expect(
			within(picker)
				.getAllByRole('option')
				.map((o) => o.textContent)
		).toEqual([
			'9 Jun 2026 · ACME · Ada · 4 answers',
			'3 Mar 2026 · Acme Holdings · Ada · 4 answers'
		]);
	});

	it('compares with the most recent earlier assessment of the organisation by default', async () => {
		const other = stored('a-other', 'Other Ltd', JUNE, { 'q-cc1': 5 });
		const ctx = await show(december, [march, june, other]);
		const { onavailable } = ctx;
		expect(await heading()).toHaveAccessibleName('Since 9 Jun 2026');
		await waitFor(() => expect(onavailable).toHaveBeenLastCalledWith('Since 9 Jun 2026'));

		// The picker lists the organisation's other assessments only (name compared as the list
		// does: trimmed, any case), newest first.
		const picker = screen.getByRole('combobox', { name: 'Compare with' });
		expect(
			within(picker)
				.getAllByRole('option')
				.map((o) => o.textContent)
		).toEqual(['9 Jun 2026 · ACME · Ada · 4 answers', '3 Mar 2026 · Acme · Ada · 4 answers']);
		expect(picker).toHaveValue('a-june');

		const before = buildReportModel(b, june, JUNE);
		const after = buildReportModel(b, december, DECEMBER);
		const summary = await screen.findByText(/^Readiness \d+ %, up from \d+ % on 9 June 2026\.$/);
		expect(summary).toHaveTextContent(
			`Readiness ${Math.round(after.score.overall)} %, up from ${Math.round(before.score.overall)} % on 9 June 2026.`
		);

		const scores = screen.getByRole('table', { name: 'Readiness' });
		const overall = within(scores)
			.getByRole('rowheader', { name: 'Overall readiness' })
			.closest('tr')!;
		const change = Math.round(after.score.overall - before.score.overall);
		expect(
			within(overall)
				.getAllByRole('cell')
				.map((c) => c.textContent)
		).toEqual([
			`${Math.round(before.score.overall)} %`,
			`${Math.round(after.score.overall)} %`,
			`up ${change} points`
		]);
		expect(within(scores).getByRole('rowheader', { name: 'Type I readiness' })).toBeVisible();
		expect(within(scores).getByRole('rowheader', { name: 'Type II readiness' })).toBeVisible();

		const areas = screen.getByRole('table', { name: 'Score per area' });
		const cc1 = within(areas).getByRole('rowheader', { name: /CC1/ }).closest('tr')!;
		const cc1Before = before.score.byArea.find((x) => x.area === 'CC1')!.score!;
		const cc1After = after.score.byArea.find((x) => x.area === 'CC1')!.score!;
		expect(
			within(cc1)
				.getAllByRole('cell')
				.map((c) => c.textContent)
		).toEqual([
			`${Math.round(cc1Before)} %`,
			`${Math.round(cc1After)} %`,
			`up ${Math.round(cc1After - cc1Before)} points`
		]);

		// Gaps closed (q-cc1 and q-a1 reached operating), still open (q-cc7 at the same level).
		const counts = document.querySelector('[data-gap-counts]')!;
		expect(counts).toHaveTextContent(/2 closed/);
		expect(counts).toHaveTextContent(/0 new/);
		expect(document.querySelector('[data-gap="q-cc1"]')).toHaveTextContent(/Closed/);
		expect(document.querySelector('[data-risk-moves]')).toHaveTextContent(/→ closed: /);

		// Another pick re-compares.
		const { user } = ctx;
		await user.selectOptions(picker, 'a-march');
		expect(await heading()).toHaveAccessibleName('Since 3 Mar 2026');
		expect(
			await screen.findByText(/^Readiness \d+ %, up from \d+ % on 3 March 2026\.$/)
		).toBeVisible();
	});

	it('a trend per area with three or more assessments, as a table with every number', async () => {
		await show(december, [march, june]);
		const trend = await screen.findByRole('table', { name: /Readiness at each assessment/ });
		expect(
			within(trend)
				.getAllByRole('columnheader')
				.map((h) => h.textContent?.trim())
		).toEqual(['Area', '3 Mar 2026', '9 Jun 2026', '1 Dec 2026', 'Trend']);
		const models = [march, june, december].map((a) =>
			buildReportModel(b, a, a.meta.assessmentDate)
		);
		const row = within(trend).getByRole('rowheader', { name: 'Overall readiness' }).closest('tr')!;
		const cells = within(row).getAllByRole('cell');
		expect(cells.slice(0, 3).map((c) => c.textContent)).toEqual(
			models.map((m) => `${Math.round(m.score.overall)} %`)
		);
		// The line is decoration; the word says the direction.
		expect(cells[3]!.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
		expect(cells[3]).toHaveTextContent(/^up \d+$/);
	});

	it('no trend with two assessments; opened and its picker reached with the keyboard', async () => {
		const { user } = await show(june, [march], false);
		const toggle = await heading();
		expect(toggle).toHaveAccessibleName('Since 3 Mar 2026');
		expect(toggle).toHaveAttribute('aria-expanded', 'false');
		// Closed, the section still says the result in one line.
		expect(
			await screen.findByText(/^Readiness \d+ %, up from \d+ % on 3 March 2026\./, {
				selector: 'p.sum'
			})
		).toBeVisible();
		toggle.focus();
		await user.keyboard('{Enter}');
		expect(toggle).toHaveAttribute('aria-expanded', 'true');
		expect(screen.queryByRole('table', { name: /Readiness at each assessment/ })).toBeNull();
		await user.tab();
		expect(screen.getByRole('combobox', { name: 'Compare with' })).toHaveFocus();
	});

	it('a later assessment picked: runs from this one to that one and says so', async () => {
		await show(june, [december]);
		expect(await heading()).toHaveAccessibleName('Until 1 Dec 2026');
		expect(await screen.findByText(/is later than this one/)).toBeVisible();
	});

	it('a question that left the scope is said as such, not as a closed gap', async () => {
		const before = stored('b1', 'Acme', MARCH, { 'q-cc1': 2, 'q-cc6': 1, 'q-cc7': 2, 'q-a1': 1 });
		const after = stored('b2', 'Acme', JUNE, { 'q-cc1': 2, 'q-cc6': 1, 'q-cc7': 2, 'q-a1': 1 }, []);
		await show(after, [before]);
		const scope = await waitFor(() => {
			const el = document.querySelector('[data-scope-changes]');
			expect(el).not.toBeNull();
			return el!;
		});
		expect(scope).toHaveTextContent('Left scope: q-a1 title');
		expect(document.querySelector('[data-gap="q-a1"]')).toHaveTextContent(
			/No longer assessed \(left scope\)/
		);
		expect(document.querySelector('[data-gap="q-a1"]')).not.toHaveTextContent(/Closed/);
		const areas = screen.getByRole('table', { name: 'Score per area' });
		expect(within(areas).getByRole('rowheader', { name: /A1/ }).closest('tr')).toHaveTextContent(
			/left scope/
		);
	});

	it('identical assessments: unchanged, nothing moved', async () => {
		const copy = { ...march, id: 'a-copy', createdAt: '2026-03-03T10:00:00.000Z' };
		// The report on screen computed on the same day as the other: nothing can have moved.
		await show(copy, [march], true, MARCH);
		expect(
			await screen.findByText(/^Readiness \d+ %, unchanged since 3 March 2026\.$/)
		).toBeVisible();
		expect(screen.getByText(/Nothing else moved/)).toBeVisible();
		expect(screen.getByText('The recommended dates did not move.')).toBeVisible();
	});

	it('offers the comparison as CSV', async () => {
		const { user } = await show(december, [june]);
		await user.click(await screen.findByRole('button', { name: 'Download the comparison (CSV)' }));
		await waitFor(() => expect(download).toHaveBeenCalledOnce());
		const [blob, name] = download.mock.calls[0]! as [Blob, string];
		expect(name).toBe('soc2-readiness-acme-comparison-2026-12-01.csv');
		const text = await blob.text();
		expect(text).toMatch(
			/^\ufeff?Row,Question id,Area,Title,Before \(2026-06-09\),After \(2026-12-01\)/
		);
		expect(text).toMatch(/\r\nGap,q-cc1,CC1,q-cc1 title,[^\r]*,no gap,Closed,\r\n/);
	});

	it('renders nothing when the organisation has no other assessment', async () => {
		const other = stored('a-other', 'Other Ltd', JUNE, { 'q-cc1': 5 });
		const { onavailable } = await show(december, [other]);
		await waitFor(() => expect(onavailable).toHaveBeenCalledWith(null));
		expect(screen.queryByRole('region')).toBeNull();
		expect(document.body.textContent?.trim()).toBe('');
	});
});
