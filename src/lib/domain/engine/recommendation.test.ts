import { describe, expect, it } from 'vitest';
import { addDays, formatDate } from '../dates';
import type { Assessment, MaturityValue, RecommendationType } from '../types';
import { buildReportModel } from './index';
import { AUDITOR_ENGAGEMENT_DAYS } from './methodology';
import { assessment, bank, question, type AssessmentOptions } from './testing';

const TODAY = '2026-03-02';
const AREAS = ['CC1', 'CC2', 'CC3', 'CC4', 'CC5'] as const;

/** Five Security questions (criticality 3, one criterion each) plus an optional critical one. */
const b = bank([
	...AREAS.map((a) => question(`q-${a}`, a, { criticality: 3, criteria: [`${a}.1`] })),
	question('key', 'CC6', { criticality: 5, key: true, criteria: ['CC6.1'] })
]);

function all(level: MaturityValue, key: MaturityValue = level): Record<string, MaturityValue> {
	return { ...Object.fromEntries(AREAS.map((a) => [`q-${a}`, level])), key };
}

function model(o: AssessmentOptions) {
	return buildReportModel(b, assessment(o), TODAY);
}

/** 6 design actions of 7 days, 3 per owner at a time → last due on day 13, window ready on day 14. */
const READY_AT_2 = addDays(TODAY, 14);

describe('decision table', () => {
	it.each<[string, AssessmentOptions, RecommendationType, number | null, string]>([
		[
			'critical gap open',
			{ answers: all(4, 0) },
			'remediate-first',
			null,
			'decision:critical-gaps'
		],
		[
			'design not in place',
			{ answers: all(2) },
			'remediate-first',
			null,
			'decision:design-not-in-place'
		],
		[
			'renewal',
			{ answers: all(4), profile: { 'profile.prior-soc': 'soc2-type2' } },
			'type2',
			12,
			'decision:renewal'
		],
		['designed, no target', { answers: all(3) }, 'type2', 3, 'decision:type2-time-allows'],
		[
			'operating, no target',
			{ answers: all(5), profile: { 'profile.evidence-months': '3-to-5' } },
			'type2',
			3,
			'decision:type2-operating'
		],
		// Issue 13 point 5: answers at 5 but the months of evidence unanswered are not "operating".
		[
			'level-5 answers, evidence unanswered',
			{ answers: all(5) },
			'type2',
			3,
			'decision:type2-time-allows'
		],
		[
			'designed, distant target',
			{ answers: all(3), target: '2027-06-30' },
			'type2',
			6,
			'decision:type2-time-allows'
		],
		[
			'designed, distant but hard deadline',
			{ answers: all(3), target: '2027-06-30', profile: { 'profile.deadline-pressure': 'hard' } },
			'type2',
			3,
			'decision:type2-time-allows'
		],
		[
			'designed, near target, no demand',
			{ answers: all(3), target: '2026-05-15' },
			'type1',
			3,
			'decision:type1-deadline'
		],
		[
			'designed, near target, Type II demanded',
			{ answers: all(3), target: '2026-05-15', profile: { 'profile.type2-demand': true } },
			'type1-then-type2',
			3,
			'decision:type1-bridge'
		],
		[
			'operating with 3–5 months of evidence, near target',
			{ answers: all(4), target: '2026-05-15', profile: { 'profile.evidence-months': '3-to-5' } },
			'type2',
			3,
			'decision:type2-retained-evidence'
		],
		[
			// Nothing meets 20 April: the period already run and a Type I both report around 27
			// April, so the earliest report is a Type II (a Type I would only add a second one).
			'operating, target too near even for a period already run: it is still the earliest',
			{ answers: all(4), target: '2026-04-20', profile: { 'profile.evidence-months': '3-to-5' } },
			'type2',
			3,
			'decision:type2-retained-evidence'
		],
		[
			'operating answers, evidence unanswered, near target',
			{ answers: all(4), target: '2026-05-15' },
			'type1',
			3,
			'decision:type1-deadline'
		],
		[
			'near target, Type I refused',
			{
				answers: all(3),
				target: '2026-05-15',
				profile: { 'profile.type1-accepted': 'no', 'profile.type2-demand': true }
			},
			'type2',
			3,
			'decision:type2-type1-refused'
		],
		[
			'near target after a Type I',
			{ answers: all(3), target: '2026-05-15', profile: { 'profile.prior-soc': 'soc2-type1' } },
			'type2',
			3,
			'decision:type2-after-type1'
		]
	])('%s → %s', (_name, o, type, months, row) => {
		const m = model(o);
		expect(m.recommendation.type).toBe(type);
		expect(m.recommendation.windowMonths).toBe(months);
		expect(m.recommendation.reasons[0]!.sources).toContain(row);
	});

	it('lowers "operating" to "partly" when the profile has under 3 months of evidence', () => {
		// all at 4 with a near target would be row 7 (type1-then-type2); with little evidence and
		// no Type II demand it is row 8 (type1).
		const m = model({
			answers: all(4),
			target: '2026-05-15',
			profile: { 'profile.evidence-months': 'under-3' }
		});
		expect(m.recommendation.type).toBe('type1');
		const r = m.recommendation.reasons.find((x) => x.sources.includes('profile.evidence-months'))!;
		expect(r.text).toMatch(/counted as partial/);
	});
});

describe('dates', () => {
	it('starts the window the day after the last blocking action is due', () => {
		// At level 2 the design actions block; the recurring ones run inside the window.
		const m = model({ answers: all(2) });
		const design = m.plan.filter((p) => !p.done && p.kind === 'design');
		expect(design).toHaveLength(6);
		const lastDue = design
			.map((p) => p.due)
			.sort()
			.at(-1)!;
		expect(m.recommendation.windowStart).toBe(addDays(lastDue, 1));
		expect(m.recommendation.windowStart).toBe(READY_AT_2);
		expect(m.plan.filter((p) => p.kind === 'recurring').every((p) => p.due > lastDue)).toBe(true);
		expect(m.recommendation.expectedReportDate).toBe('2026-07-27'); // 16 Mar–15 Jun + 42 days
	});

	it('never waits for recurring operation: controls at level 3 can start a window today', () => {
		const m = model({ answers: all(3) });
		expect(m.plan.filter((p) => !p.done && p.kind === 'recurring')).toHaveLength(6);
		expect(m.recommendation.windowStart).toBe(TODAY);
		expect(m.recommendation.timeline.map((s) => s.kind)).not.toContain('remediation');
	});

	it('does not wait for low-risk actions', () => {
		const lowBank = bank([
			question('q', 'CC1', { criticality: 3 }),
			question('hygiene', 'CC2', { criticality: 1 })
		]);
		const m = buildReportModel(lowBank, assessment({ answers: { q: 4, hygiene: 3 } }), TODAY);
		expect(m.gaps[0]!.risk).toBe('low');
		expect(m.plan).toHaveLength(1);
		expect(m.recommendation.windowStart).toBe(TODAY);
	});

	it('can start a window today when nothing blocks it, and never in the past', () => {
		expect(model({ answers: all(5) }).recommendation.windowStart).toBe(TODAY);
		const past = model({ answers: all(5), assessmentDate: '2025-12-01' });
		expect(past.recommendation.windowStart).toBe(TODAY);
	});

	it('sets the Type I date after design work and auditor engagement, the window after it', () => {
		const m = model({
			answers: all(3),
			target: '2026-05-15',
			profile: { 'profile.type2-demand': true }
		});
		const r = m.recommendation;
		// Issue 13, example 1: every control at level 3 and a target 10 weeks out. Nothing
		// blocks (the recurring actions run inside the window), so the Type I is as of the day
		// the CPA firm can be engaged and the window starts the day after.
		expect(r.type).toBe('type1-then-type2');
		expect(r.type1Date).toBe(addDays(TODAY, AUDITOR_ENGAGEMENT_DAYS));
		expect(r.type1Date).toBe('2026-03-16');
		expect(r.windowStart).toBe('2026-03-17');
		expect(r.expectedReportDate).toBe('2026-04-27');
		expect(r.expectedType2ReportDate).toBe('2026-07-28'); // 17 Mar–16 Jun + 42 days
		// The window-start reason names both dates, so it agrees with the window's date.
		const reasons = r.reasons.map((x) => x.text).join('\n');
		expect(reasons).toContain(
			'Nothing in the plan blocks a window: it can start on 2 March 2026. With the Type I as of 16 March 2026 first, the Type II window starts the day after it, on 17 March 2026, so that one report follows on from the other.'
		);
		// Without a Type I the window starts on the day the plan allows, and nothing more is said.
		const direct = model({ answers: all(3) }).recommendation;
		expect(direct.windowStart).toBe(TODAY);
		expect(direct.reasons.map((x) => x.text).join('\n')).toContain(
			'Nothing in the plan blocks a window: it can start on 2 March 2026.'
		);
		expect(direct.reasons.map((x) => x.text).join('\n')).not.toContain('the day after it');
		expect(r.timeline.map((s) => s.kind)).toEqual([
			'type1-fieldwork',
			'type1-report',
			'window',
			'fieldwork',
			'report'
		]);
		for (const s of r.timeline) expect(s.start <= s.end, s.kind).toBe(true);
	});

	it('compares with the target date and counts days late', () => {
		const onTime = model({ answers: all(5), target: '2026-12-31' }).recommendation;
		expect(onTime).toMatchObject({ meetsTarget: true, toMeetTarget: [] });
		expect(onTime.daysLate).toBeLessThan(0);
		const late = model({
			answers: all(3),
			target: '2026-04-30',
			profile: { 'profile.type1-accepted': 'no', 'profile.type2-demand': true }
		}).recommendation;
		expect(late.meetsTarget).toBe(false);
		expect(late.daysLate).toBe(74); // window 2 Mar–1 Jun, report 13 Jul vs 30 Apr
		expect(late.headline).toMatch(/74 days after your target date/);
		expect(late.toMeetTarget.join('\n')).toMatch(
			/Get a Type I first: as of 16 March 2026, report around 27 April 2026, in time.*would not accept/
		);
		const blocked = model({
			answers: all(2),
			target: '2026-04-30',
			profile: { 'profile.type1-accepted': 'no', 'profile.type2-demand': true }
		}).recommendation;
		expect(blocked.toMeetTarget.join('\n')).toMatch(
			/would have had to start by|Finish the blocking actions by/
		);
		const none = model({ answers: all(5) }).recommendation;
		expect(none).toMatchObject({
			targetReportDate: null,
			meetsTarget: null,
			daysLate: null,
			toMeetTarget: []
		});
	});

	it('says a target date already in the past must be reset, with the plan’s own date', () => {
		const m = model({
			answers: all(4, 0),
			target: '2026-01-15',
			profile: { 'profile.type1-accepted': 'unknown' }
		});
		const r = m.recommendation;
		expect(r).toMatchObject({ meetsTarget: false, targetPassed: true });
		expect(r.suggestedTargetDate).toBe(r.expectedReportDate);
		const all3 = [r.headline, ...r.toMeetTarget, ...r.reasons.map((x) => x.text)].join('\n');
		expect(all3).not.toMatch(/days? (late|after your target)|whether a Type I would do/);
		expect(r.headline).toMatch(/target date of 15 January 2026 has already passed: reset it/);
		expect(r.toMeetTarget).toEqual([
			expect.stringMatching(
				new RegExp(
					`15 January 2026 has already passed.*Reset it.*around ${formatDate(r.expectedReportDate!)}`
				)
			)
		]);
		const deadline = r.reasons.find((x) => x.sources.includes('meta.targetReportDate'))!;
		expect(deadline.text).toMatch(/has already passed \(today is 2 March 2026\).*reset/);
		// The decision reason that cites the target says it has passed too.
		const bridge = model({
			answers: all(3),
			target: '2026-01-15',
			profile: { 'profile.type2-demand': true, 'profile.type1-accepted': 'yes' }
		}).recommendation.reasons.filter((x) => x.text.includes('15 January 2026'));
		expect(bridge.length).toBeGreaterThan(0);
		for (const x of bridge) expect(x.text).toMatch(/already passed/);
		// A target later than today keeps the days-late wording and no reset.
		const future = model({ answers: all(4, 0), target: '2026-04-01' }).recommendation;
		expect(future).toMatchObject({ targetPassed: false, suggestedTargetDate: null });
		expect(future.headline).toMatch(/days after your target date/);
	});

	it('never compares a renewal with a first-time 3-month window', () => {
		const r = model({
			answers: all(4),
			target: '2026-09-01',
			profile: { 'profile.prior-soc': 'soc2-type2' }
		}).recommendation;
		expect(r.meetsTarget).toBe(false);
		const text = [r.headline, ...r.toMeetTarget, ...r.reasons.map((x) => x.text)].join('\n');
		expect(text).not.toMatch(/3-month/);
		expect(r.headline).toMatch(/^Continue with your next 12-month Type II period/);
	});

	it('projects dates for remediate-first', () => {
		const r = model({ answers: all(0) }).recommendation;
		expect(r.type).toBe('remediate-first');
		expect(r.windowMonths).toBeNull();
		expect(r.windowStart! > TODAY).toBe(true);
		expect(r.timeline.find((s) => s.kind === 'window')!.label).toMatch(/projected/);
		expect(r.headline).toMatch(/^Remediate first: close 1 critical gap/);
	});
});

describe('reasons', () => {
	function reasonsOf(a: Assessment) {
		return buildReportModel(b, a, TODAY).recommendation.reasons;
	}

	it('cites counts of criteria per category with the questions behind them', () => {
		const reasons = reasonsOf(assessment({ answers: { ...all(4), 'q-CC1': 3, 'q-CC2': 2 } }));
		const op = reasons.find((r) => r.text.startsWith('Operation:'))!;
		expect(op.text).toMatch(/^Operation: 2 of 6 Security criteria are not yet operating/);
		expect(op.sources).toEqual(['decision:operation', 'q-CC1', 'q-CC2']);
		const design = reasons.find((r) => r.text.startsWith('Design:'))!;
		expect(design.text).toMatch(/^Design: 5 of 6 Security criteria are fully designed/);
		// One measure, one name: criteria shares and Type I readiness are told apart.
		expect(design.text).toMatch(/83 % of criteria.*Type I readiness, 83 %, is a different measure/);
		expect(design.sources).toEqual(['decision:design', 'q-CC2']);
	});

	it('names critical gaps and flags unknown and unanswered answers', () => {
		const reasons = reasonsOf(
			assessment({ answers: { ...all(3), key: 'unknown', 'q-CC5': null } })
		);
		expect(reasons[0]!.text).toMatch(/^1 critical gap is open \(“key title”\)/);
		expect(reasons[0]!.sources).toEqual(['decision:critical-gaps', 'key']);
		const flagged = reasons.find((r) => r.text.includes("don't know"))!;
		expect(flagged.text).toMatch(/1 answer is "don't know" and 1 question is unanswered/);
		expect(flagged.sources).toEqual(['key', 'q-CC5']);
	});

	it('traces every reason to answers, profile questions or rules', () => {
		const reasons = reasonsOf(
			assessment({
				answers: all(3),
				target: '2026-05-15',
				profile: {
					'profile.type2-demand': true,
					'profile.evidence-months': 'none',
					'profile.iso27001': 'certified',
					'profile.compliance-platform': true
				}
			})
		);
		for (const r of reasons) expect(r.sources.length, r.text).toBeGreaterThan(0);
		const sources = reasons.flatMap((r) => r.sources);
		for (const id of [
			'profile.type2-demand',
			'profile.type1-accepted',
			'profile.evidence-months',
			'profile.prior-soc',
			'profile.iso27001',
			'profile.compliance-platform',
			'meta.targetReportDate'
		]) {
			expect(sources).toContain(id);
		}
	});
});
