/**
 * Issue 13: advice an auditor would sign. Table-driven, with exact dates; "today" is passed in.
 */
import { describe, expect, it } from 'vitest';
import type { MaturityValue } from '../types';
import { buildReportModel } from './index';
import { answer, assessment, bank, question, type AssessmentOptions } from './testing';

const TODAY = '2026-03-02';
const AREAS = ['CC1', 'CC2', 'CC3', 'CC4', 'CC5'] as const;

const b = bank([
	...AREAS.map((a) => question(`q-${a}`, a, { criticality: 3, criteria: [`${a}.1`] })),
	question('key', 'CC6', { criticality: 5, key: true, naNeedsReason: true, criteria: ['CC6.1'] })
]);

function all(level: MaturityValue, key: MaturityValue = level): Record<string, MaturityValue> {
	return { ...Object.fromEntries(AREAS.map((a) => [`q-${a}`, level])), key };
}

function rec(o: AssessmentOptions, today = TODAY) {
	return buildReportModel(b, assessment(o), today).recommendation;
}

function allText(r: ReturnType<typeof rec>): string {
	return [r.headline, ...r.reasons.map((x) => x.text), ...r.toMeetTarget].join('\n');
}

const RENEWAL = { 'profile.prior-soc': 'soc2-type2', 'profile.evidence-months': '6-plus' };

describe('renewals run back to back (point 3)', () => {
	it.each<[string, string | null, string, string, string, string | null]>([
		// name, previous period end, new start, new end, report, coverage gap from
		[
			'ended last December: period already running',
			'2025-12-31',
			'2026-01-01',
			'2026-12-31',
			'2027-02-11',
			null
		],
		[
			'ends in June: next starts on 1 July',
			'2026-06-30',
			'2026-07-01',
			'2027-06-30',
			'2027-08-11',
			null
		],
		['ended mid-month', '2025-11-15', '2025-11-16', '2026-11-15', '2026-12-27', null],
		[
			'lapsed: back to back would already be over',
			'2024-12-31',
			'2026-03-02',
			'2027-03-01',
			'2027-04-12',
			'2025-01-01'
		],
		['previous end not given: from today', null, '2026-03-02', '2027-03-01', '2027-04-12', null]
	])('%s', (_name, priorEnd, start, end, report, gapFrom) => {
		const r = rec({
			answers: all(4),
			profile: {
				...RENEWAL,
				...(priorEnd ? { 'profile.prior-period-end': priorEnd } : {}),
				'profile.prior-report-issued': '2026-02-15'
			}
		});
		expect(r.type).toBe('type2');
		expect(r.windowMonths).toBe(12);
		expect(r.windowStart).toBe(start);
		const window = r.timeline.find((s) => s.kind === 'window')!;
		expect(window).toMatchObject({ start, end });
		expect(r.expectedReportDate).toBe(report);
		expect(r.headline).toMatch(/^Continue with your next 12-month Type II period/);
		expect(r.headline).toMatch(/bridge letter/);
		const text = allText(r);
		expect(text).not.toMatch(/3-month|first SOC 2 examination/);
		if (gapFrom) {
			expect(r.headline).toMatch(/coverage has lapsed/);
			expect(text).toMatch(
				new RegExp(
					`leaves ${gapFrom.slice(8).replace(/^0/, '')} January 2025 to 1 March 2026 uncovered`
				)
			);
		} else {
			expect(text).not.toMatch(/lapsed|uncovered/);
		}
		if (priorEnd && !gapFrom) {
			expect(text).toContain('bridge letter');
			expect(r.timeline.find((s) => s.kind === 'window')!.label).toMatch(/back to back/);
		}
	});

	it('names the bridge letter period: from the day after the previous end until the new report', () => {
		const r = rec({
			answers: all(4),
			profile: {
				...RENEWAL,
				'profile.prior-period-end': '2025-12-31',
				'profile.prior-report-issued': '2026-02-15'
			}
		});
		const bridge = r.reasons.find((x) => x.text.includes('bridge letter'))!;
		expect(bridge.text).toBe(
			"Customers get the previous report plus a bridge letter: your management's letter, not the CPA firm's, stating that nothing material changed in the controls, covering 1 January 2026 until the new report is issued around 11 February 2027 (the previous report was issued on 15 February 2026)."
		);
	});

	it('flags an issue date before the end of the period', () => {
		const r = rec({
			answers: all(4),
			profile: {
				...RENEWAL,
				'profile.prior-period-end': '2025-12-31',
				'profile.prior-report-issued': '2025-10-01'
			}
		});
		expect(allText(r)).toMatch(/is before the end of that period: check both dates/);
	});

	it('a renewal with critical gaps keeps its period: remediate now and expect exceptions', () => {
		const r = rec({
			answers: all(4, 0),
			profile: { ...RENEWAL, 'profile.prior-period-end': '2025-12-31' }
		});
		expect(r.type).toBe('type2');
		expect(r.windowStart).toBe('2026-01-01');
		expect(r.reasons[0]!.sources).toContain('decision:renewal-with-gaps');
		expect(r.headline).toMatch(
			/Remediate the open gaps now: expect exceptions until they are fixed/
		);
		const text = allText(r);
		expect(text).toMatch(/is already running\. Remediate now/);
		expect(text).not.toMatch(/before engaging|Remediate first|projected/);
		expect(r.timeline.map((s) => s.label).join(' ')).not.toMatch(/projected/);
	});
});

describe('retained evidence allows a period that has already run (point 2)', () => {
	const operating = {
		'profile.type2-demand': true,
		'profile.deadline-pressure': 'hard'
	};
	it.each<[string, string, string, string, string, 3 | 6, string, string]>([
		// name, target, evidence, pressure, type, months, window start, report
		[
			'6+ months, hard target 3 months out',
			'2026-06-02',
			'6-plus',
			'hard',
			'type2',
			3,
			'2025-12-02',
			'2026-04-27'
		],
		[
			'6+ months, soft target: a 6-month period',
			'2026-06-02',
			'6-plus',
			'soft',
			'type2',
			6,
			'2025-09-02',
			'2026-04-27'
		],
		[
			'3–5 months, soft target',
			'2026-06-02',
			'3-to-5',
			'soft',
			'type2',
			3,
			'2025-12-02',
			'2026-04-27'
		]
	])('%s', (_name, target, evidence, pressure, type, months, start, report) => {
		const r = rec({
			answers: all(4),
			target,
			profile: {
				...operating,
				'profile.deadline-pressure': pressure,
				'profile.evidence-months': evidence
			}
		});
		expect(r.type).toBe(type);
		expect(r.windowMonths).toBe(months);
		expect(r.windowStart).toBe(start);
		expect(r.expectedReportDate).toBe(report);
		expect(r.meetsTarget).toBe(true);
		expect(r.headline).toMatch(
			/The CPA firm must agree to examine a period that has already run\./
		);
		expect(r.reasons[0]!.sources).toContain('decision:type2-retained-evidence');
		const fieldwork = r.timeline.find((s) => s.kind === 'fieldwork')!;
		expect(fieldwork.start).toBe('2026-03-16'); // after engaging a CPA firm, not in the past
	});

	it('without the months of evidence answered, no past period is offered and nothing says it operates (point 5)', () => {
		const r = rec({ answers: all(4), target: '2026-06-02', profile: operating });
		expect(r.type).toBe('type1-then-type2');
		expect(r.windowStart! >= TODAY).toBe(true);
		const text = allText(r);
		expect(text).not.toMatch(/already operate with retained evidence|already run/);
		expect(text).toMatch(
			/How many months of control evidence you keep is not answered, so controls are not counted as operating/
		);
	});

	it('a passed target asks for the earliest report: the period already run, not a Type I first', () => {
		// Target 2 February 2026 has passed on 2 March 2026; 6+ months of evidence, hard deadline.
		const r = rec({
			answers: all(4),
			target: '2026-02-02',
			profile: { ...operating, 'profile.evidence-months': '6-plus' }
		});
		expect(r.type).toBe('type2');
		expect(r.windowMonths).toBe(3);
		expect(r.windowStart).toBe('2025-12-02');
		expect(r.expectedReportDate).toBe('2026-04-27');
		expect(r.headline).toMatch(/has already passed: reset it/);
		expect(r.reasons[0]!.sources).toContain('decision:type2-retained-evidence');
	});

	it.each<[string, string, string]>([
		// name, type1-accepted, deadline pressure
		['buyers refuse a Type I', 'no', 'soft'],
		['buyers would take a Type I, but it is as late', 'yes', 'hard'],
		['buyers not asked', 'unknown', 'soft']
	])(
		'when no plan meets a target still ahead, the period already run is the earliest report (%s)',
		(_name, accepted, pressure) => {
			// Today 2 March 2026, target 1 April 2026. A window from today (3 months to 1 June)
			// reports around 13 July 2026; a Type I as of 16 March reports around 27 April. The
			// period already run ends on 1 March: the CPA firm is engaged by 16 March, report
			// around 27 April 2026, 26 days after the target but 77 days sooner than from today.
			const r = rec({
				answers: all(4),
				target: '2026-04-01',
				profile: {
					...operating,
					'profile.deadline-pressure': pressure,
					'profile.type1-accepted': accepted,
					'profile.evidence-months': '6-plus'
				}
			});
			expect(r.type).toBe('type2');
			expect(r.windowMonths).toBe(pressure === 'hard' ? 3 : 6);
			expect(r.windowStart).toBe(pressure === 'hard' ? '2025-12-02' : '2025-09-02');
			expect(r.expectedReportDate).toBe('2026-04-27');
			expect(r.meetsTarget).toBe(false);
			expect(r.reasons[0]!.sources).toContain('decision:type2-retained-evidence');
			expect(r.headline).toMatch(
				/period that has already run, from .*That is 26 days after your target date\./
			);
			const text = allText(r);
			expect(text).toMatch(
				/still 26 days after the target, but no plan meets it and this is the earliest report, 77 days sooner than a window from today\. Agree the later date with the buyer\./
			);
			expect(text).toMatch(
				/reports around 27 April 2026 instead, the earliest report on any plan\./
			);
			expect(text).not.toMatch(/, in time\./);
		}
	);

	it('a target the period already run meets is still met, and said to be in time', () => {
		const r = rec({
			answers: all(4),
			target: '2026-06-02',
			profile: { ...operating, 'profile.evidence-months': '6-plus' }
		});
		expect(r.expectedReportDate).toBe('2026-04-27');
		expect(allText(r)).toMatch(/reports around 27 April 2026 instead, in time\./);
		expect(allText(r)).not.toMatch(/no plan meets it/);
	});

	it('never offers a past period while blocking work is open', () => {
		const r = rec({
			answers: { ...all(4), 'q-CC1': 2 },
			target: '2026-06-02',
			profile: { ...operating, 'profile.evidence-months': '6-plus' }
		});
		expect(r.windowStart! >= TODAY).toBe(true);
	});
});

describe('N/A is not an escape hatch (point 4)', () => {
	it('N/A without a reason on a key control counts as unanswered: scored 0, flagged, a critical gap', () => {
		const m = buildReportModel(
			b,
			assessment({ answers: { ...all(4), key: answer('na', { naReason: '  ' }) } }),
			TODAY
		);
		expect(m.score.counts).toMatchObject({ na: 0, unanswered: 1 });
		expect(m.gaps.map((g) => [g.questionId, g.risk, g.flagged])).toEqual([
			['key', 'critical', 'unanswered']
		]);
		expect(m.recommendation.type).toBe('remediate-first');
		expect(m.naKeyControls).toEqual([]);
	});

	it('N/A with a reason on a key control is excluded but listed for the CPA firm to confirm', () => {
		const m = buildReportModel(
			b,
			assessment({
				answers: { ...all(4), key: answer('na', { naReason: ' No production system yet. ' }) }
			}),
			TODAY
		);
		expect(m.score.counts).toMatchObject({ na: 1, unanswered: 0 });
		expect(m.gaps).toEqual([]);
		expect(m.naKeyControls).toEqual([
			{
				questionId: 'key',
				title: 'key title',
				criteria: ['CC6.1'],
				reason: 'No production system yet.'
			}
		]);
	});

	it('the reasons say which answers are N/A without a reason', () => {
		const r = rec({ answers: { ...all(4), key: answer('na'), 'q-CC1': null } });
		const flagged = r.reasons.find((x) => x.text.includes('no reason given'))!;
		expect(flagged.text).toMatch(
			/^1 question is unanswered and 1 answer is "not applicable" with no reason given \(write down why, or answer it\); they count as not in place/
		);
		expect(flagged.sources).toEqual(['q-CC1', 'key']);
	});

	it('N/A without a reason on any question counts as unanswered', () => {
		const m = buildReportModel(
			b,
			assessment({ answers: { ...all(4), 'q-CC1': answer('na') } }),
			TODAY
		);
		expect(m.score.counts).toMatchObject({ na: 0, unanswered: 1 });
		expect(m.gaps.find((g) => g.questionId === 'q-CC1')?.flagged).toBe('unanswered');
	});
});

describe('wording (point 10)', () => {
	it('controls at level 3 with under 3 months of evidence: the window can start now, records kept', () => {
		const r = rec({ answers: all(3), profile: { 'profile.evidence-months': 'under-3' } });
		expect(r.windowStart).toBe(TODAY);
		const evidence = r.reasons.find((x) => x.sources.includes('profile.evidence-months'))!;
		expect(evidence.text).toBe(
			'You have less than 3 months of retained control evidence. That is shorter than a window, so the first window starts from now rather than in the past; keep the records going for every day of it.'
		);
	});

	it('never tells anyone to wait before engaging an auditor', () => {
		for (const answers of [all(0), all(2), all(4, 0)]) {
			const text = allText(rec({ answers }));
			expect(text).not.toMatch(/before engaging an auditor/);
			expect(rec({ answers }).headline).toMatch(
				/Booking a CPA firm now is fine; what waits is the window/
			);
		}
	});

	it('after a Type I, buyers get the Type I and a committed Type II date, not a bridge letter', () => {
		const r = rec({
			answers: all(3),
			target: '2026-05-15',
			profile: { 'profile.prior-soc': 'soc2-type1' }
		});
		expect(allText(r)).toMatch(/Type I together with your committed Type II date/);
		expect(allText(r)).not.toMatch(/bridge letter/);
		const dated = rec({
			answers: all(3),
			target: '2026-05-15',
			profile: { 'profile.prior-soc': 'soc2-type1', 'profile.prior-period-end': '2025-11-30' }
		});
		expect(allText(dated)).toMatch(
			/You already hold a Type I report as of 30 November 2025: the next step is a Type II\. Its window could have started the day after \(1 December 2025\) only where controls kept running with evidence since then/
		);
	});
});
