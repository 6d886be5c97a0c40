import { describe, expect, it } from 'vitest';
import type { AssessmentSummary } from '$lib/db';
import { backupStatus, filterAndSort, needsBackup } from './assessment-list';

const NOW = Date.parse('2026-11-28T12:00:00.000Z');
const day = (n: number) => new Date(NOW - n * 86_400_000).toISOString();

function summary(p: Partial<AssessmentSummary>): AssessmentSummary {
	return {
		id: p.organisation ?? 'x',
		organisation: 'Acme',
		assessor: 'A',
		assessmentDate: '2026-11-01',
		targetReportDate: null,
		createdAt: day(100),
		updatedAt: day(1),
		lastExportedAt: null,
		answered: 0,
		...p
	};
}

describe('backup status', () => {
	it('never exported → reminder', () => {
		expect(backupStatus(summary({}), NOW)).toEqual({ kind: 'never' });
		expect(needsBackup(summary({}), NOW)).toBe(true);
	});
	it('exported more than 30 days ago and changed since → reminder', () => {
		const s = summary({ lastExportedAt: day(31), updatedAt: day(2) });
		expect(backupStatus(s, NOW)).toEqual({ kind: 'stale', days: 31 });
		expect(needsBackup(s, NOW)).toBe(true);
	});
	it('exported 30 days ago or less, changed since → no reminder yet', () => {
		const s = summary({ lastExportedAt: day(30), updatedAt: day(2) });
		expect(backupStatus(s, NOW)).toEqual({ kind: 'changed', days: 30 });
		expect(needsBackup(s, NOW)).toBe(false);
	});
	it('an old export of an unchanged assessment is still a complete backup', () => {
		const s = summary({ lastExportedAt: day(90), updatedAt: day(95) });
		expect(backupStatus(s, NOW)).toEqual({ kind: 'current', days: 90 });
		expect(needsBackup(s, NOW)).toBe(false);
	});
});

describe('filterAndSort', () => {
	const items = [
		summary({ organisation: 'beta', updatedAt: day(3) }),
		summary({ organisation: 'Álpha Café', updatedAt: day(1) }),
		summary({ organisation: 'Gamma 10', updatedAt: day(2) }),
		summary({ organisation: 'Gamma 9', updatedAt: day(5) })
	];
	const names = (xs: AssessmentSummary[]) => xs.map((s) => s.organisation);

	it('sorts by last modified (newest first) or by name (natural, accent- and case-blind)', () => {
		expect(names(filterAndSort(items, '', 'modified'))).toEqual([
			'Álpha Café',
			'Gamma 10',
			'beta',
			'Gamma 9'
		]);
		expect(names(filterAndSort(items, '', 'name'))).toEqual([
			'Álpha Café',
			'beta',
			'Gamma 9',
			'Gamma 10'
		]);
	});
	it('searches organisation names ignoring case, accents and surrounding spaces', () => {
		expect(names(filterAndSort(items, '  ALPHA cafe ', 'name'))).toEqual(['Álpha Café']);
		expect(names(filterAndSort(items, 'gamma', 'modified'))).toEqual(['Gamma 10', 'Gamma 9']);
		expect(filterAndSort(items, 'zzz', 'name')).toEqual([]);
	});
	// Its speed with 200 assessments is measured by `npm run bench` (search-200), not asserted here.
	it('does not modify its input (200 assessments)', () => {
		const many = Array.from({ length: 200 }, (_, i) =>
			summary({ organisation: `Client ${i}`, updatedAt: day(i % 50) })
		);
		const copy = [...many];
		for (let i = 0; i < 100; i++) filterAndSort(many, `client ${i}`, i % 2 ? 'name' : 'modified');
		expect(many).toEqual(copy);
		expect(names(filterAndSort(many, 'client 12', 'name'))).toEqual([
			'Client 12',
			'Client 120',
			'Client 121',
			'Client 122',
			'Client 123',
			'Client 124',
			'Client 125',
			'Client 126',
			'Client 127',
			'Client 128',
			'Client 129'
		]);
	});
});
