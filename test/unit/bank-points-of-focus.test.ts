/**
 * questions/points-of-focus.yaml: the map from every 2022 point of focus to the questions that
 * ask for it. The real map is complete and covers enough; each kind of broken map fails with a
 * precise message, in compileBank and through `npm run bank`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk, readBankFiles } from '../../scripts/lib/bank-node';
import {
	AREA_CATEGORY,
	POF_COVERAGE_MIN,
	askedForSecurityOnly,
	checkBank,
	needsOptionalCategory,
	pointsOfFocusCoverage
} from '../../src/lib/domain/bank';
import type { Bank } from '../../src/lib/domain/types';

type Point = {
	n: number;
	name: string;
	text: string;
	category?: string;
	coveredBy?: Record<string, string>;
	notApplicable?: string;
	gap?: string;
};
type PofFile = { criteria: { criterion: string; points: Point[] }[] };

let valid: Record<string, unknown>;
let bank: Bank;
beforeAll(() => {
	const read = readBankFiles();
	expect(read.errors).toEqual([]);
	valid = read.files;
	bank = loadBankFromDisk();
});

function withMap(mutate: (map: PofFile, files: Record<string, unknown>) => void) {
	const files = structuredClone(valid) as Record<string, unknown>;
	mutate(files['questions/points-of-focus.yaml'] as PofFile, files);
	return files;
}
const point = (map: PofFile, criterion: string, n: number): Point => {
	const p = map.criteria.find((c) => c.criterion === criterion)?.points.find((x) => x.n === n);
	if (!p) throw new Error(`fixture: ${criterion}.${n} not in the map`);
	return p;
};
function errorsOf(files: Record<string, unknown>): string[] {
	const result = checkBank(files);
	expect(result.bank).toBeNull();
	return result.errors;
}

describe('the points-of-focus map of the real bank', () => {
	it('lists every one of the 61 criteria once, with points numbered 1, 2, 3…', () => {
		const criteria = [...new Set(bank.pointsOfFocus.map((p) => p.criterion))];
		expect(criteria).toEqual(bank.criteria.map((c) => c.id));
		for (const id of criteria) {
			const ns = bank.pointsOfFocus.filter((p) => p.criterion === id).map((p) => p.n);
			expect(ns, id).toEqual(ns.map((_, i) => i + 1));
		}
		const ids = bank.pointsOfFocus.map((p) => p.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('has the AICPA counts for criteria whose points the 2022 revision changed', () => {
		const count = (c: string) => bank.pointsOfFocus.filter((p) => p.criterion === c).length;
		expect(count('CC1.1')).toBe(5);
		expect(count('CC2.1')).toBe(9); // 2022 added the location of assets
		expect(count('CC3.1')).toBe(16);
		expect(count('CC6.1')).toBe(13); // 2022 added new architectures and cryptographic keys
		expect(count('CC8.1')).toBe(18); // 2022 added patches, resilience and privacy by design
		expect(count('A1.2')).toBe(11); // 2022 added data recoverability
		expect(count('A1.3')).toBe(2);
		expect(bank.pointsOfFocus).toHaveLength(330);
	});

	it('gives every point exactly one of covered, not applicable (with a reason) or gap', () => {
		for (const p of bank.pointsOfFocus) {
			const kinds = [p.coveredBy.length > 0, p.notApplicable !== null, p.gap !== null];
			expect(kinds.filter(Boolean), p.id).toHaveLength(1);
			if (p.notApplicable !== null) expect(p.notApplicable.length, p.id).toBeGreaterThan(40);
		}
		// only the financial-statement objectives of CC3.1 are outside a SOC 2 examination
		expect(bank.pointsOfFocus.filter((p) => p.notApplicable).map((p) => p.id)).toEqual([
			'CC3.1.5',
			'CC3.1.6',
			'CC3.1.7'
		]);
	});

	it(`covers at least ${POF_COVERAGE_MIN * 100} % of applicable points, in every area`, () => {
		const { areas, total } = pointsOfFocusCoverage(bank.pointsOfFocus);
		expect(total.covered / total.applicable).toBeGreaterThanOrEqual(POF_COVERAGE_MIN);
		for (const a of areas) expect(a.covered / a.applicable, a.area).toBeGreaterThanOrEqual(0.95);
		// the areas the issue named as weakest are fully covered
		for (const area of ['CC2', 'CC3', 'CC4', 'CC5'])
			expect(areas.find((a) => a.area === area)?.gaps, area).toEqual([]);
	});

	it('covers every Security point by a question a Security-only scope asks', () => {
		const byId = new Map(bank.questions.map((q) => [q.id, q]));
		for (const p of bank.pointsOfFocus.filter(
			(x) => x.category === 'security' && x.coveredBy.length
		)) {
			const asked = p.coveredBy.some((c) => {
				const q = byId.get(c.questionId)!;
				return askedForSecurityOnly(q, AREA_CATEGORY[q.area]);
			});
			expect(asked, p.id).toBe(true);
		}
	});

	it('marks only Security points as additional points of an optional category', () => {
		for (const p of bank.pointsOfFocus) {
			const criterion = bank.criteria.find((c) => c.id === p.criterion)!;
			if (p.category !== criterion.category) expect(criterion.category, p.id).toBe('security');
		}
	});

	it('cites only texts that exist on the question', () => {
		const byId = new Map(bank.questions.map((q) => [q.id, q]));
		for (const p of bank.pointsOfFocus)
			for (const c of p.coveredBy) expect(byId.get(c.questionId)?.[c.via], p.id).toBeTruthy();
	});
});

describe('compileBank rejects a broken points-of-focus map', () => {
	it('fails when a mapping is removed', () => {
		const errors = errorsOf(withMap((m) => delete point(m, 'CC6.1', 3).coveredBy));
		expect(errors).toEqual([
			'questions/points-of-focus.yaml: point CC6.1.3: no mapping. List the questions that ask for it under coveredBy (question id: prompt, level3 or level4), or give notApplicable or gap with a reason'
		]);
	});

	it('fails on an unknown question id', () => {
		const errors = errorsOf(
			withMap((m) => (point(m, 'CC2.2', 3).coveredBy = { 'cc2-whistleblowr': 'prompt' }))
		);
		expect(errors).toEqual([
			'questions/points-of-focus.yaml: point CC2.2.3: coveredBy refers to unknown question cc2-whistleblowr'
		]);
	});

	it('refuses help, evidence or remediation text as a way of asking', () => {
		const errors = errorsOf(
			withMap((m) => (point(m, 'CC1.1', 1).coveredBy = { 'cc1-code-of-conduct': 'evidence' }))
		);
		expect(errors.join('\n')).toMatch(
			/points-of-focus\.yaml: criteria\[0\]\.points\[0\]\.coveredBy\.cc1-code-of-conduct: must be prompt, level3 or level4/
		);
	});

	it('fails when a point is missing, repeated or misnumbered', () => {
		const missing = errorsOf(withMap((m) => m.criteria[0]!.points.splice(2, 1)));
		expect(missing).toContain(
			"questions/points-of-focus.yaml: CC1.1: points must be numbered 1, 2, 3… in the AICPA's order; position 3 has n: 4"
		);
		const twice = errorsOf(withMap((m) => m.criteria.push(structuredClone(m.criteria[0]!))));
		expect(twice).toEqual([
			"questions/points-of-focus.yaml: CC1.1: listed more than once (each criterion's points appear exactly once)"
		]);
	});

	it('fails when a criterion has no points or an unknown criterion appears', () => {
		const errors = errorsOf(
			withMap((m) => {
				m.criteria = m.criteria.filter((c) => c.criterion !== 'PI1.4');
				m.criteria.push({ criterion: 'CC9.9', points: [{ n: 1, name: 'x', text: 'y', gap: 'z' }] });
			})
		);
		expect(errors).toEqual([
			'questions/points-of-focus.yaml: CC9.9: unknown criterion (not in questions/criteria.yaml)',
			'questions/points-of-focus.yaml: 1 criterion has no points of focus listed: PI1.4'
		]);
	});

	it('fails when a point gives more than one of coveredBy, notApplicable and gap', () => {
		const errors = errorsOf(
			withMap((m) => (point(m, 'CC9.1', 2).notApplicable = 'Insurance is a business choice.'))
		);
		expect(errors).toEqual([
			'questions/points-of-focus.yaml: point CC9.1.2: give only one of coveredBy, notApplicable and gap'
		]);
	});

	it('does not let a question outside a Security-only scope cover a Security point', () => {
		const errors = errorsOf(
			withMap((m) => (point(m, 'CC7.2', 1).coveredBy = { 'a1-capacity-monitoring': 'prompt' }))
		);
		expect(errors).toEqual([
			'questions/points-of-focus.yaml: point CC7.2.1: a Security point needs at least one covering question that a Security-only scope asks; a1-capacity-monitoring is asked only with an optional category'
		]);
		// a Security question asked only when Privacy is selected does not count either
		const gated = errorsOf(
			withMap((_, files) => {
				const cc2 = files['questions/maturity/cc2.yaml'] as {
					questions: Record<string, unknown>[];
				};
				const q = cc2.questions.find((x) => x.id === 'cc2-whistleblower')!;
				q.when = { all: [{ category: 'privacy' }] };
				q.skipReason = 'Only with privacy.';
			})
		);
		expect(gated).toContain(
			'questions/points-of-focus.yaml: point CC2.2.3: a Security point needs at least one covering question that a Security-only scope asks; cc2-whistleblower is asked only with an optional category'
		);
	});

	it('does not let a question of another optional category cover a category point', () => {
		const errors = errorsOf(
			withMap((m) => (point(m, 'C1.2', 2).coveredBy = { 'p-deletion': 'prompt' }))
		);
		expect(errors).toEqual([
			'questions/points-of-focus.yaml: point C1.2.2: question p-deletion is asked only for privacy, so it cannot cover a confidentiality point'
		]);
	});

	it('only lets Security points carry an optional category', () => {
		const errors = errorsOf(withMap((m) => (point(m, 'A1.1', 1).category = 'privacy')));
		expect(errors).toContain(
			'questions/points-of-focus.yaml: point A1.1.1: category can only be set on Security points (an additional point for an optional category)'
		);
	});

	it('fails when coverage falls below the minimum', () => {
		const errors = errorsOf(
			withMap((m) => {
				for (const c of m.criteria.filter((x) => x.criterion.startsWith('CC6')))
					for (const p of c.points) {
						delete p.coveredBy;
						p.gap = 'Not asked yet.';
					}
			})
		);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(
			/^questions\/points-of-focus\.yaml: only 287 of 327 applicable points of focus \(87\.7 %\) are covered by a question's prompt or level texts; at least 95 % are required$/
		);
	});
});

describe('needsOptionalCategory', () => {
	it('is true only when every way to satisfy the condition selects an optional category', () => {
		expect(needsOptionalCategory(undefined)).toBe(false);
		expect(needsOptionalCategory({ category: 'security' })).toBe(false);
		expect(needsOptionalCategory({ category: 'privacy' })).toBe(true);
		expect(
			needsOptionalCategory({
				all: [{ answer: 'scope.offices', answered: true }, { category: 'availability' }]
			})
		).toBe(true);
		expect(
			needsOptionalCategory({
				any: [{ category: 'privacy' }, { answer: 'scope.offices', answered: true }]
			})
		).toBe(false);
		expect(
			needsOptionalCategory({ any: [{ category: 'privacy' }, { category: 'confidentiality' }] })
		).toBe(true);
		expect(needsOptionalCategory({ not: { category: 'privacy' } })).toBe(false);
	});
});

describe('npm run bank', () => {
	let dir: string | null = null;
	afterEach(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
		dir = null;
	});
	const run = (bankDir: string) =>
		spawnSync('npx', ['tsx', 'scripts/bank.ts', '--dir', bankDir], {
			cwd: resolve(__dirname, '../..'),
			encoding: 'utf8',
			timeout: 120_000
		});

	it('prints the points-of-focus coverage per area', () => {
		const r = run('questions');
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toMatch(
			/Points of focus \(2017 TSC, revised 2022\): 330 in all, 3 not applicable to SOC 2, \d+ of 327 applicable covered \(\d+\.\d %; at least 95 % required\)/
		);
		for (const area of ['CC1', 'CC5', 'CC9', 'A1', 'C1', 'PI1', 'P'])
			expect(r.stdout).toMatch(new RegExp(`^  ${area} +\\d+ +\\d+ +\\d+/\\d+ +\\d+\\.\\d %`, 'm'));
	});

	it('fails on a removed mapping or an unknown question id in the YAML', () => {
		dir = mkdtempSync(join(tmpdir(), 'pof-'));
		cpSync(resolve(__dirname, '../../questions'), dir, { recursive: true });
		const file = join(dir, 'points-of-focus.yaml');
		const yaml = readFileSync(file, 'utf8');
		const removed = yaml.replace('        coveredBy: { cc9-insurance: prompt }\n', '');
		const unknown = removed.replace(
			'{ cc9-continuity-plan: prompt }',
			'{ cc9-continuity-plans: prompt }'
		);
		expect(unknown).not.toBe(yaml);
		expect(unknown).not.toBe(removed);
		writeFileSync(file, unknown);
		const r = run(dir);
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('point CC9.1.2: no mapping');
		expect(r.stderr).toContain(
			'point CC9.1.1: coveredBy refers to unknown question cc9-continuity-plans'
		);
	});
});
