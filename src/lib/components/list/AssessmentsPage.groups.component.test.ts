/**
 * Issue 20: the start page groups the assessments of one organisation (newest first) and shows
 * their readiness trend once it is computed, after the list; the list never waits for it.
 */
import { configure, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadinessDB, putAssessment, setDb } from '$lib/db';
import { buildReportModel } from '$lib/domain/engine';
import { assessment, bank, question } from '$lib/domain/engine/testing';
import type { Assessment, MaturityValue } from '$lib/domain/types';
import AssessmentsPage from './AssessmentsPage.svelte';
import { formatDate } from './format';

// The bank and the engine load on first use: give a busy machine time.
configure({ asyncUtilTimeout: 15_000 });

vi.mock('$app/navigation', () => ({ goto: vi.fn() }));
vi.mock('$app/paths', () => ({ resolve: (p: string) => p }));
const shared = vi.hoisted(() => ({ bank: null as unknown }));
vi.mock('$lib/bank', () => ({ loadBank: async () => shared.bank }));

const b = bank([
	question('q1', 'CC1', { criticality: 3 }),
	question('q2', 'CC6', { criticality: 5, key: true }),
	question('q3', 'CC7', { criticality: 4 })
]);
shared.bank = b;

function stored(
	id: string,
	organisation: string,
	date: string,
	answers: Record<string, MaturityValue>,
	updatedAt: string
): Assessment {
	const a = assessment({ assessmentDate: date, answers });
	return { ...a, id, meta: { ...a.meta, organisation }, createdAt: updatedAt, updatedAt };
}

const march = stored('m', 'Acme', '2026-03-03', { q1: 1, q2: 0, q3: 1 }, '2026-03-03T09:00:00Z');
const june = stored('j', 'ACME ', '2026-06-09', { q1: 2, q2: 2, q3: 2 }, '2026-11-20T09:00:00Z');
const december = stored('d', 'acme', '2026-12-01', { q1: 4, q2: 3, q3: 4 }, '2026-12-01T09:00:00Z');
const other = stored('o', 'Other Ltd', '2026-05-01', { q1: 5 }, '2026-11-25T09:00:00Z');

let database: ReadinessDB;
let n = 0;
beforeEach(async () => {
	database = new ReadinessDB(`list-groups-${++n}`);
	await database.open();
	setDb(database);
	for (const a of [march, june, december, other]) await putAssessment(a, database);
});
afterEach(async () => {
	setDb(null);
	await database.delete();
});

const pct = (a: Assessment) =>
	`${Math.round(buildReportModel(b, a, a.meta.assessmentDate).score.overall)} %`;

describe('start page: assessments grouped by organisation', () => {
	it('groups one organisation (any case, trimmed), newest first, where its first member is', async () => {
		render(AssessmentsPage);
		const group = (await screen.findByRole('heading', { name: /^acme · 3 assessments$/ })).closest(
			'li'
		)!;
		const inner = within(group).getByRole('list', { name: 'Assessments of acme' });
		expect(
			within(inner)
				.getAllByRole('heading', { level: 3 })
				.map((h) => h.textContent?.trim())
		).toEqual(['acme', 'ACME', 'Acme']);
		// Sorted by last modification, the group stands where its most recent member is: first
		// (December was modified last), before Other Ltd.
		const top = screen.getByRole('list', { name: 'Assessments' });
		const order = [...top.children].map(
			(li) => li.getAttribute('data-org-group') ?? li.getAttribute('data-assessment-id')
		);
		expect(order).toEqual(['acme', 'o']);
		// A lone assessment keeps its level-2 heading and has no trend.
		expect(screen.getByRole('heading', { level: 2, name: 'Other Ltd' })).toBeVisible();
	});

	it('shows the readiness trend of a group once computed, oldest first, in words', async () => {
		render(AssessmentsPage);
		const group = (await screen.findByRole('heading', { name: /^acme · 3 assessments$/ })).closest(
			'li'
		)!;
		expect(within(group).getAllByRole('listitem')).toHaveLength(3);
		const trend = group.querySelector('[data-trend]')!;
		await waitFor(() => expect(trend).not.toBeEmptyDOMElement());
		const [spoken, shown] = [...trend.querySelectorAll('span')];
		expect(spoken).toHaveClass('visually-hidden');
		expect(spoken).toHaveTextContent(
			`Readiness at each assessment, oldest first: ${pct(march)} on ${formatDate(march.meta.assessmentDate)}, then ${pct(june)} on ${formatDate(june.meta.assessmentDate)}, then ${pct(december)} on ${formatDate(december.meta.assessmentDate)}.`
		);
		expect(shown).toHaveAttribute('aria-hidden', 'true');
		expect(shown).toHaveTextContent(`Readiness ${pct(march)} → ${pct(june)} → ${pct(december)}`);
		// A lone assessment has no trend.
		expect(
			screen
				.getByRole('heading', { name: 'Other Ltd' })
				.closest('li')!
				.querySelector('[data-trend]')
		).toBeNull();
	});
});
