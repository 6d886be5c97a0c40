/**
 * Issue 22: a firm's (or an assessment's) names for the plan's owner roles, applied after small
 * teams fold the bank's roles; a role typed on one action still wins.
 */
import { describe, expect, it } from 'vitest';
import { buildReportModel } from './index';
import { ownerRolesOf } from './plan';
import { TEAM_BY_HEADCOUNT } from './methodology';
import { assessment, bank, question, template } from './testing';

const TODAY = '2026-03-02';
const b = bank([
	question('q-eng', 'CC6', {
		criteria: ['CC6.1'],
		remediation: [template('rem.q-eng.fix', { ownerRole: 'Head of Engineering' })]
	}),
	question('q-hr', 'CC1', {
		criteria: ['CC1.1'],
		remediation: [template('rem.q-hr.fix', { ownerRole: 'People/HR lead' })]
	})
]);

function owners(o: Parameters<typeof assessment>[0], names?: Record<string, string>) {
	const a = { ...assessment(o), ownerRoles: names };
	const plan = buildReportModel(b, a, TODAY).plan;
	return Object.fromEntries(plan.map((p) => [p.id, p.ownerRole]));
}

const answers = { 'q-eng': 1, 'q-hr': 1 } as const;

describe('owner role names', () => {
	it.each<[string, string | undefined, Record<string, string> | undefined, Record<string, string>]>(
		[
			[
				'no names: the bank roles',
				undefined,
				undefined,
				{ 'rem.q-eng.fix': 'Head of Engineering', 'rem.q-hr.fix': 'People/HR lead' }
			],
			[
				'a bank role renamed',
				undefined,
				{ 'Head of Engineering': 'VP Engineering' },
				{ 'rem.q-eng.fix': 'VP Engineering', 'rem.q-hr.fix': 'People/HR lead' }
			],
			[
				'small team: folded first, then renamed by the folded name',
				'1-10',
				{ 'CTO / founder': 'Founder (tech)' },
				{ 'rem.q-eng.fix': 'Founder (tech)', 'rem.q-hr.fix': 'CEO / founder' }
			],
			[
				'small team: a bank role name does not undo the folding',
				'1-10',
				{ 'Head of Engineering': 'VP Engineering' },
				{ 'rem.q-eng.fix': 'CTO / founder', 'rem.q-hr.fix': 'CEO / founder' }
			],
			[
				'blank names are ignored',
				undefined,
				{ 'Head of Engineering': '   ' },
				{ 'rem.q-eng.fix': 'Head of Engineering', 'rem.q-hr.fix': 'People/HR lead' }
			]
		]
	)('%s', (_name, headcount, names, expected) => {
		const profile: Record<string, string> = headcount ? { 'profile.headcount': headcount } : {};
		expect(owners({ answers, profile }, names)).toEqual(expected);
	});

	it('a role typed on one action wins over every name', () => {
		const o = {
			answers,
			planOverrides: { 'rem.q-eng.fix': { ownerRole: 'Priya' } }
		};
		expect(owners(o, { 'Head of Engineering': 'VP Engineering' })['rem.q-eng.fix']).toBe('Priya');
	});

	it('ownerRolesOf lists the bank roles and every role they fold into', () => {
		const roles = ownerRolesOf(b);
		expect(roles).toContain('Head of Engineering');
		expect(roles).toContain('People/HR lead');
		for (const team of Object.values(TEAM_BY_HEADCOUNT))
			for (const folded of Object.values(team.roles)) expect(roles).toContain(folded);
		expect([...roles].sort((x, y) => x.localeCompare(y))).toEqual(roles);
		expect(new Set(roles).size).toBe(roles.length);
	});
});
