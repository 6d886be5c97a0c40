import { describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../../../scripts/lib/bank-node';
import type { SubserviceOrg } from '../types';
import { assumedLevels, buildReportModel, whatIf } from './index';
import { answer, assessment, bank, criterion, question, template } from './testing';

const TODAY = '2026-03-02';

function vendor(over: Partial<SubserviceOrg>): SubserviceOrg {
	return {
		id: 'v1',
		name: 'Cloudy',
		kind: 'cloud-iaas',
		role: 'subservice',
		services: 'Hosting',
		method: 'carve-out',
		socReport: 'type2',
		reportReviewed: true,
		reviewDate: '2026-01-10',
		reportPeriodEnd: '2025-12-31',
		csocs: ['Physical security of data centres'],
		...over
	};
}

describe('subservice organisations', () => {
	const b = bank([question('q', 'CC1')]);

	it.each<[string, Partial<SubserviceOrg>, RegExp[]]>([
		['a reviewed Type II carve-out with CSOCs', {}, []],
		['no SOC report', { socReport: 'none', reportReviewed: false }, [/No SOC report/]],
		['unknown status', { socReport: 'unknown', reportReviewed: false }, [/status unknown/]],
		['report not reviewed', { reportReviewed: false }, [/not reviewed/]],
		['only ISO', { socReport: 'iso27001' }, [/Statement of Applicability/]],
		['only a Type I', { socReport: 'type1' }, [/Only a Type I/]],
		['stale review', { reviewDate: '2024-12-01' }, [/more than 12 months old/]],
		['inclusive', { method: 'inclusive' }, [/assertion/]],
		['carve-out without CSOCs', { csocs: [' '] }, [/without listed CSOCs/]],
		[
			'several at once',
			{ socReport: 'type1', reportReviewed: false, csocs: [] },
			[/Only a Type I/, /not reviewed/, /without listed CSOCs/]
		],
		// Inclusive: the auditor tests the vendor's controls, its own report is not relied on.
		[
			'inclusive with no report of its own',
			{ method: 'inclusive', socReport: 'none', reportReviewed: false, csocs: [] },
			[/assertion/]
		],
		[
			'inclusive with an unreviewed Type I and an old review',
			{ method: 'inclusive', socReport: 'type1', reportReviewed: true, reviewDate: '2024-12-01' },
			[/assertion/]
		]
	])('%s', (_n, over, expected) => {
		const m = buildReportModel(b, assessment({ subservices: [vendor(over)] }), TODAY);
		const row = m.subservices[0]!;
		// The report-period check has its own test below (it depends on the planned window).
		const issues = row.issues.filter((i) => i !== row.periodCheck?.text);
		expect(issues).toHaveLength(expected.length);
		expected.forEach((re, i) => expect(issues[i]).toMatch(re));
		expect(row.kindName).toBe('Cloud IaaS');
	});

	it('an ordinary vendor is managed under CC9.2: no method, CSOC or period issues', () => {
		const hr = vendor({
			kind: 'other',
			role: 'vendor',
			csocs: [],
			socReport: 'none',
			reportReviewed: false,
			reviewDate: null
		});
		const m = buildReportModel(b, assessment({ subservices: [hr] }), TODAY);
		const row = m.subservices[0]!;
		expect(row.issues).toEqual([
			expect.stringMatching(/^Ordinary vendor \(CC9\.2\): record its risk rating/)
		]);
		expect(row.periodCheck).toBeNull();
		const reviewed = buildReportModel(
			b,
			assessment({ subservices: [{ ...hr, reportReviewed: true, reviewDate: '2026-02-01' }] }),
			TODAY
		);
		expect(reviewed.subservices[0]!.issues).toEqual([]);
	});

	it('an old vendor record without a role is classified as the upgrade does', () => {
		const { role: _r, ...legacy } = vendor({ kind: 'hris-payroll', csocs: [] });
		const m = buildReportModel(b, assessment({ subservices: [legacy as SubserviceOrg] }), TODAY);
		expect(m.subservices[0]!.role).toBe('vendor');
	});

	it('flags a vendor report period that ended long before the window ends, in the report', () => {
		const a = assessment({
			subservices: [
				vendor({ id: 'old', reportPeriodEnd: '2025-06-30' }),
				vendor({ id: 'recent', reportPeriodEnd: TODAY }),
				vendor({ id: 'blank', reportPeriodEnd: null })
			]
		});
		const m = buildReportModel(b, a, TODAY);
		const end =
			m.recommendation.timeline.find((t) => t.kind === 'window')?.end ?? m.recommendation.type1Date;
		expect(end).toBeTruthy();
		const [old, recent, blank] = m.subservices;
		expect(old!.periodCheck).toMatchObject({ status: 'bridge-letter', windowEnd: end });
		expect(old!.issues).toContain(old!.periodCheck!.text);
		expect(blank!.periodCheck!.status).toBe('period-unknown');
		expect(blank!.issues).toContain(blank!.periodCheck!.text);
		expect(recent!.periodCheck!.status).toBe(end! > '2026-06-02' ? 'bridge-letter' : 'covered');
	});

	it('an inclusive vendor gets no report-period check, however old its own report', () => {
		const a = assessment({
			subservices: [vendor({ method: 'inclusive', reportPeriodEnd: '2024-06-30' })]
		});
		const row = buildReportModel(b, a, TODAY).subservices[0]!;
		expect(row.periodCheck).toBeNull();
		expect(row.issues).toEqual([expect.stringMatching(/^Inclusive method: /)]);
	});

	it('names unknown kinds', () => {
		const m = buildReportModel(b, assessment({ subservices: [vendor({ kind: 'other' })] }), TODAY);
		expect(m.subservices[0]!.kindName).toBe('Other');
	});
});

describe('ISO 27001 overlap', () => {
	const b = bank(
		[
			question('access', 'CC6', { criteria: ['CC6.1', 'CC6.2'] }),
			question('pi', 'PI1', { criteria: ['PI1.1'] }),
			question('ok', 'CC1')
		],
		[criterion('CC6.2', 'CC6', ['A.5.18', 'A.8.2'])]
	);

	it.each([['none'], [undefined]])('is absent without ISO (%s)', (status) => {
		const m = buildReportModel(
			b,
			assessment({ profile: status ? { 'profile.iso27001': status } : {} }),
			TODAY
		);
		expect(m.iso27001).toBeNull();
	});

	it('maps each gap to ISO references and says how much an ISMS covers', () => {
		const m = buildReportModel(
			b,
			assessment({
				answers: { access: 1, pi: 0, ok: 5 },
				categories: ['processing-integrity'],
				profile: { 'profile.iso27001': 'certified' }
			}),
			TODAY
		);
		expect(m.iso27001!.status).toBe('certified');
		const rows = Object.fromEntries(m.iso27001!.rows.map((r) => [r.gapId, r]));
		expect(rows['gap-access']).toMatchObject({ iso27001: ['A.CC6', 'A.5.18', 'A.8.2'] });
		expect(rows['gap-access']!.note).toMatch(/usually covers/);
		expect(rows['gap-pi']!.note).toMatch(/new work/);
		expect(rows['gap-ok']).toBeUndefined();
		expect(m.iso27001!.stillNeeded.join(' ')).toMatch(/system description/);
		expect(m.iso27001!.stillNeeded.join(' ')).toMatch(/Processing Integrity/);
	});

	it('speaks of a future ISMS when ISO is in progress', () => {
		const m = buildReportModel(
			b,
			assessment({ answers: { access: 1 }, profile: { 'profile.iso27001': 'in-progress' } }),
			TODAY
		);
		expect(m.iso27001!.rows[0]!.note).toMatch(/^Once your ISMS is in place/);
	});
});

describe('appendices and scope', () => {
	const b = bank([
		question('q1', 'CC1', { evidence: ['Policy PDF'] }),
		question('q2', 'CC1'),
		question('p1', 'P')
	]);

	it('lists every answer with its label, note and N/A justification', () => {
		const m = buildReportModel(
			b,
			assessment({
				answers: {
					q1: answer(3, {
						note: 'Ask Bob',
						evidence: [{ id: 'e1', name: 'Policy', location: 'https://x.test/p' }]
					}),
					q2: answer('na', { naReason: 'We have no staff' })
				}
			}),
			TODAY
		);
		expect(m.answers.map((r) => [r.questionId, r.label, r.applicable])).toEqual([
			['q1', 'Implemented (3)', true],
			['q2', 'Not applicable', true],
			['p1', 'Unanswered', false]
		]);
		expect(m.answers[0]).toMatchObject({ note: 'Ask Bob', naReason: '' });
		expect(m.answers[1]!.naReason).toBe('We have no staff');
		expect(m.answers[2]!.skipReason).toMatch(/Privacy is not in scope/);
		const ev = m.evidenceChecklist.find((e) => e.questionId === 'q1')!;
		expect(ev.items).toEqual(['Policy PDF', 'q1.operate evidence']);
		expect(ev.pointers).toEqual([{ id: 'e1', name: 'Policy', location: 'https://x.test/p' }]);
		expect(m.evidenceChecklist.map((e) => e.questionId)).toEqual(['q1']);
	});

	it('suggests Privacy for health data and adds scope notes', () => {
		const m = buildReportModel(
			b,
			assessment({ profile: { 'scope.data-types': ['health-data', 'payment-card'] } }),
			TODAY
		);
		expect(m.categorySuggestions).toEqual([
			expect.objectContaining({ category: 'privacy', strength: 'medium', selected: false })
		]);
		expect(m.sensitiveData).toEqual(['Health data', 'Payment card data']);
		expect(m.scopeNotes).toContain('PCI DSS is separate.');
		expect(m.scopeNotes.join(' ')).toMatch(/No complementary user entity controls/);
		expect(m.profile).toEqual([
			expect.objectContaining({
				questionId: 'scope.data-types',
				answer: 'Health data, Payment card data'
			})
		]);
	});

	it('warns about categories nobody asked for in a first audit', () => {
		const m = buildReportModel(b, assessment({ categories: ['privacy'] }), TODAY);
		expect(m.scopeNotes.join(' ')).toMatch(
			/Privacy: selected although no buyer asked.*Keep the first audit small/
		);
		const asked = buildReportModel(
			b,
			assessment({
				categories: ['privacy'],
				profile: { 'profile.categories-requested': ['privacy'] }
			}),
			TODAY
		);
		expect(asked.scopeNotes.join(' ')).not.toMatch(/no buyer asked/);
	});

	it('carries the disclaimer: readiness only, CPA attestation, not a certificate', () => {
		const m = buildReportModel(b, assessment(), TODAY);
		expect(m.disclaimer).toMatch(/not an audit/);
		expect(m.disclaimer).toMatch(/licensed CPA firm/);
		expect(m.disclaimer).toMatch(/attestation, not a certificate/);
		expect(m.modelVersion).toBe(1);
		expect(m.bankVersion).toBe('test-1');
		expect(m.asOf).toBe(TODAY);
	});

	it('rejects a "today" that is not an ISO date', () => {
		expect(() => buildReportModel(b, assessment(), '02/03/2026')).toThrow(/ISO date/);
	});
});

describe('what-if', () => {
	const b = bank([
		question('q', 'CC6', {
			criticality: 5,
			remediation: [
				template('q.a', { appliesBelow: 3 }),
				template('q.b', { appliesBelow: 3 }),
				template('q.op', { appliesBelow: 4 }),
				template('q.mon', { appliesBelow: 5 })
			]
		})
	]);

	it.each<[number, string[], number | undefined]>([
		[1, [], undefined],
		[1, ['q.a'], undefined], // both design actions are needed
		[1, ['q.a', 'q.b'], 3],
		[1, ['q.op'], undefined], // operating without design does not count
		[1, ['q.a', 'q.b', 'q.op'], 4],
		[1, ['q.a', 'q.b', 'q.op', 'q.mon'], 5],
		[3, ['q.op'], 4],
		[3, ['q.a'], undefined]
	])('level %i with %j done → %s', (from, done, to) => {
		const levels = assumedLevels(b, assessment({ answers: { q: from as 1 } }), new Set(done));
		expect(levels.get('q')).toBe(to);
	});

	it('recomputes score and recommendation without changing the answers', () => {
		const a = assessment({ answers: { q: 0 } });
		const base = buildReportModel(b, a, TODAY);
		const next = whatIf(b, a, TODAY, ['q.a', 'q.b', 'q.op']);
		expect(base.score.overall).toBe(0);
		expect(base.recommendation.type).toBe('remediate-first');
		expect(next.score.overall).toBe(80);
		expect(next.recommendation.type).toBe('type2');
		expect(next.gaps).toEqual([]);
		expect(a.answers.q!.value).toBe(0);
	});

	it('treats unknown and unanswered as level 0', () => {
		expect(
			assumedLevels(b, assessment({ answers: { q: 'unknown' } }), new Set(['q.a', 'q.b'])).get('q')
		).toBe(3);
		expect(assumedLevels(b, assessment({}), new Set(['q.a', 'q.b'])).get('q')).toBe(3);
		expect(
			assumedLevels(b, assessment({ answers: { q: 'na' } }), new Set(['q.a', 'q.b'])).size
		).toBe(0);
	});
});

describe('small-team paths', () => {
	it('list the path evidence first in the evidence checklist only when the team is small', () => {
		const real = loadBankFromDisk();
		const base = assessment({ profile: { 'profile.engineers': 'one' } });
		const items = (a: typeof base) =>
			buildReportModel(real, a, TODAY).evidenceChecklist.find(
				(e) => e.questionId === 'cc8-peer-review'
			)!.items;
		const small = items(base);
		expect(small[0]).toBe(
			'Small-team path: Change management policy describing the small-team path'
		);
		expect(small.filter((i) => i.startsWith('Small-team path: '))).toHaveLength(4);
		const large = items(assessment({ profile: { 'profile.engineers': '6-plus' } }));
		expect(large.some((i) => i.startsWith('Small-team path: '))).toBe(false);
		expect(items(assessment({})).some((i) => i.startsWith('Small-team path: '))).toBe(false);
	});
});
