/**
 * The real question bank in questions/: schema, coverage of every criterion, id stability,
 * references, dependencies and CUEC mappings. Negative tests for compileBank are in
 * bank-compile.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBankOnDisk, loadBankFromDisk, readBankFiles } from '../../scripts/lib/bank-node';
import { bankIds, diffIds, type BankIds } from '../../src/lib/domain/bank';
import { conditionRefs } from '../../src/lib/domain/conditions';
import {
	AREA_IDS,
	OPTIONAL_CATEGORY_IDS,
	type Bank,
	type Condition
} from '../../src/lib/domain/types';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CSV = resolve(ROOT, '..', 'shared', 'domain', 'criteria.csv');
const IDS_FIXTURE = resolve(ROOT, 'test', 'fixtures', 'criteria-ids.txt');
const SNAPSHOT = resolve(ROOT, 'test', 'fixtures', 'bank-ids.json');
const UPDATE_HINT =
	'If the change is deliberate, update the snapshot with: npm run bank -- --update-ids (add --allow-removed for removals)';

interface CsvRow {
	id: string;
	coso: string;
	iso: string[];
}

/** criteria.csv from ../shared/domain when present, else the committed id list. */
function referenceCriteria(): { ids: string[]; rows: CsvRow[] | null } {
	if (existsSync(CSV)) {
		const lines = readFileSync(CSV, 'utf8').trim().split(/\r?\n/).slice(1);
		const rows = lines.map((line) => {
			// id,category,series,summary,coso_principle,iso27001_2022 (summary may be quoted with commas)
			const id = line.slice(0, line.indexOf(','));
			const tail = line.slice(line.lastIndexOf(',', line.lastIndexOf(',') - 1) + 1);
			const [coso = '', iso = ''] = tail.split(',');
			return { id, coso, iso: iso.split(';').filter(Boolean) };
		});
		return { ids: rows.map((r) => r.id), rows };
	}
	return { ids: readFileSync(IDS_FIXTURE, 'utf8').split(/\r?\n/).filter(Boolean), rows: null };
}

function allConditions(bank: Bank): { where: string; cond: Condition }[] {
	const out: { where: string; cond: Condition }[] = [];
	for (const q of bank.profileQuestions) if (q.when) out.push({ where: q.id, cond: q.when });
	for (const q of bank.questions) if (q.when) out.push({ where: q.id, cond: q.when });
	for (const r of bank.categoryRules) out.push({ where: r.id, cond: r.when });
	for (const n of bank.scopeNotes) out.push({ where: n.id, cond: n.when });
	for (const c of bank.cuecs) if (c.when) out.push({ where: c.id, cond: c.when });
	return out;
}

let bank: Bank;
beforeAll(() => {
	bank = loadBankFromDisk();
});

describe('question bank: schema and compilation', () => {
	it('every YAML file parses and the bank compiles with no errors or warnings', () => {
		const read = readBankFiles();
		expect(read.errors).toEqual([]);
		expect(Object.keys(read.files).length).toBeGreaterThanOrEqual(8);
		const result = checkBankOnDisk();
		expect(result.errors).toEqual([]);
		expect(result.warnings).toEqual([]);
		expect(result.bank).not.toBeNull();
	});

	it('has a semantic version and the indicative ISO label', () => {
		expect(bank.version).toMatch(/^\d+\.\d+\.\d+/);
		expect(bank.iso27001Note).toMatch(/indicative/i);
	});

	it('is plain JSON (survives a round trip unchanged)', () => {
		expect(JSON.parse(JSON.stringify(bank))).toEqual(bank);
	});

	it('has all 13 areas in interview order and questions ordered by area', () => {
		expect(bank.areas.map((a) => a.id)).toEqual([...AREA_IDS]);
		const order = bank.questions.map((q) => AREA_IDS.indexOf(q.area));
		expect(order).toEqual([...order].sort((a, b) => a - b));
	});

	// How fast it compiles is not asserted here (a busy CI machine would fail it); it only has to
	// compile the same bank every time.
	it('compiles to the same bank on every build', () => {
		const first = checkBankOnDisk().bank;
		expect(first).not.toBeNull();
		expect(checkBankOnDisk().bank).toEqual(first);
	}, 30_000);
});

describe('question bank: criteria', () => {
	const reference = referenceCriteria();

	it('defines exactly the criteria of criteria.csv (61)', () => {
		expect(reference.ids).toHaveLength(61);
		expect(bank.criteria.map((c) => c.id)).toEqual(reference.ids);
	});

	it('copies COSO principles and indicative ISO references from criteria.csv', () => {
		if (!reference.rows) {
			expect(bank.criteria.every((c) => Array.isArray(c.iso27001))).toBe(true);
			return;
		}
		for (const row of reference.rows) {
			const c = bank.criteria.find((x) => x.id === row.id)!;
			expect({ id: c.id, coso: c.coso ?? '', iso: c.iso27001 }).toEqual({
				id: row.id,
				coso: row.coso === '' ? '' : Number(row.coso),
				iso: row.iso
			});
		}
	});

	it('covers every criterion with at least one maturity question', () => {
		const covered = new Set(bank.questions.flatMap((q) => q.criteria));
		const missing = reference.ids.filter((id) => !covered.has(id));
		expect(missing, `criteria without a maturity question: ${missing.join(', ')}`).toEqual([]);
	});

	it('every criterion of an area is covered by a question of that area', () => {
		const missing = bank.criteria
			.filter((c) => !bank.questions.some((q) => q.area === c.area && q.criteria.includes(c.id)))
			.map((c) => c.id);
		expect(missing).toEqual([]);
	});

	it('uses no unknown criterion id anywhere', () => {
		const known = new Set(reference.ids);
		const used = [
			...bank.questions.flatMap((q) => q.criteria.map((c) => [q.id, c])),
			...bank.cuecs.flatMap((x) => x.criteria.map((c) => [x.id, c])),
			...bank.vendorKinds.flatMap((k) => k.criteria.map((c) => [k.id, c]))
		];
		const unknown = used.filter(([, c]) => !known.has(c!));
		expect(unknown).toEqual([]);
	});
});

describe('question bank: ids', () => {
	const unique = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

	it('ids are unique within each kind', () => {
		expect(unique(bank.questions.map((q) => q.id))).toEqual([]);
		expect(unique(bank.questions.flatMap((q) => q.remediation.map((r) => r.id)))).toEqual([]);
		expect(unique(bank.profileQuestions.map((q) => q.id))).toEqual([]);
		expect(unique(bank.cuecs.map((c) => c.id))).toEqual([]);
		expect(unique(bank.vendorKinds.map((k) => k.id))).toEqual([]);
		expect(unique(bank.vendorQuestions.map((k) => k.id))).toEqual([]);
		expect(unique([...bank.categoryRules, ...bank.scopeNotes].map((r) => r.id))).toEqual([]);
		for (const q of bank.profileQuestions)
			expect(unique((q.options ?? []).map((o) => o.id)), q.id).toEqual([]);
	});

	it('matches the committed id snapshot (removing an id is a deliberate act)', () => {
		const snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as BankIds;
		const { removed, added } = diffIds(snapshot, bankIds(bank));
		expect(removed, `ids removed from the bank. ${UPDATE_HINT}`).toEqual([]);
		expect(added, `new ids are not in test/fixtures/bank-ids.json. ${UPDATE_HINT}`).toEqual([]);
	});

	it('defines the profile and scope questions of the cross-team contract with their exact options', () => {
		const contract: Record<string, string[] | string> = {
			'profile.headcount': ['1-10', '11-50', '51-200', '201-1000', '1000-plus'],
			'profile.stage': ['pre-seed', 'seed', 'series-a', 'growth', 'established'],
			'profile.hosting': ['public-cloud', 'paas', 'hybrid', 'on-premises'],
			'profile.iso27001': ['certified', 'in-progress', 'none'],
			'profile.prior-soc': ['none', 'soc2-type1', 'soc2-type2', 'soc1'],
			'profile.requesters': [
				'enterprise-customer',
				'prospect-rfp',
				'investor',
				'partner',
				'regulator',
				'internal'
			],
			'profile.type2-demand': 'boolean',
			'profile.type1-accepted': ['yes', 'no', 'unknown'],
			'profile.categories-requested': [...OPTIONAL_CATEGORY_IDS],
			'profile.deadline-pressure': ['none', 'soft', 'hard'],
			'profile.evidence-months': ['none', 'under-3', '3-to-5', '6-plus'],
			'profile.compliance-platform': 'boolean',
			'profile.uptime-commitment': 'boolean',
			'profile.customer-production-path': 'boolean',
			'scope.services': 'longtext',
			'scope.components-infrastructure': 'longtext',
			'scope.components-software': 'longtext',
			'scope.components-people': 'longtext',
			'scope.components-procedures': 'longtext',
			'scope.components-data': 'longtext',
			'scope.data-types': [
				'customer-confidential',
				'personal-data',
				'health-data',
				'payment-card',
				'financial-transactions',
				'credentials',
				'source-code',
				'none-sensitive'
			],
			'scope.privacy-role': ['controller', 'processor', 'both'],
			'scope.processing-critical': 'boolean',
			'scope.deletion-commitments': 'boolean',
			'scope.offices': ['none', 'coworking', 'own-offices'],
			'scope.remote-work': ['fully-remote', 'hybrid', 'office-based'],
			'scope.own-datacenter': 'boolean',
			'scope.locations': 'text',
			'scope.regions': 'text',
			'scope.product-features': [
				'multi-user',
				'roles',
				'admin-role',
				'mfa',
				'sso',
				'api',
				'audit-log',
				'retention-settings',
				'customer-keys',
				'configurable-tenant',
				'customer-logic',
				'agent-sdk',
				'usage-limits',
				'hardware-on-site',
				'ip-allowlist'
			],
			'scope.backs-up-customer-content': 'boolean',
			'scope.incidents': 'longtext'
		};
		const multi = new Set([
			'profile.requesters',
			'profile.categories-requested',
			'scope.data-types',
			'scope.product-features'
		]);
		for (const [id, spec] of Object.entries(contract)) {
			const q = bank.profileQuestions.find((p) => p.id === id);
			expect(q, id).toBeDefined();
			expect(q!.stage, id).toBe(id.startsWith('profile.') ? 'profile' : 'scope');
			if (Array.isArray(spec)) {
				expect(q!.kind, id).toBe(multi.has(id) ? 'multi' : 'single');
				expect(
					q!.options?.map((o) => o.id),
					id
				).toEqual(spec);
			} else {
				expect(q!.kind, id).toBe(spec);
			}
		}
		const sensitive = bank.profileQuestions
			.find((p) => p.id === 'scope.data-types')!
			.options!.filter((o) => o.sensitive)
			.map((o) => o.id);
		expect(sensitive).toEqual([
			'customer-confidential',
			'personal-data',
			'health-data',
			'payment-card',
			'financial-transactions'
		]);
		expect(bank.profileQuestions.find((p) => p.id === 'scope.privacy-role')!.when).toEqual({
			answer: 'scope.data-types',
			includes: 'personal-data'
		});
	});
});

describe('question bank: references', () => {
	it('every applicability, suggestion, scope-note and CUEC condition names existing questions and options', () => {
		const problems: string[] = [];
		const byId = new Map(bank.profileQuestions.map((q) => [q.id, q]));
		const conditions = allConditions(bank);
		expect(conditions.length).toBeGreaterThan(20);
		for (const { where, cond } of conditions) {
			for (const ref of conditionRefs(cond)) {
				const q = byId.get(ref.question);
				if (!q) {
					problems.push(`${where}: unknown question ${ref.question}`);
					continue;
				}
				const options = new Set((q.options ?? []).map((o) => o.id));
				if (
					ref.op === 'includes' ||
					ref.op === 'in' ||
					(ref.op === 'equals' && q.kind === 'single')
				)
					for (const o of ref.options)
						if (!options.has(o)) problems.push(`${where}: unknown option ${ref.question}#${o}`);
				if (ref.op === 'equals' && q.kind === 'boolean' && typeof ref.value !== 'boolean')
					problems.push(`${where}: ${ref.question} compared with a non-boolean`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('every question with a condition explains why it may be skipped', () => {
		const missing = bank.questions.filter((q) => q.when && !q.skipReason).map((q) => q.id);
		expect(missing).toEqual([]);
	});

	it('every remediation dependency resolves and there is no cycle', () => {
		const deps = new Map(
			bank.questions.flatMap((q) => q.remediation.map((r) => [r.id, r.dependsOn] as const))
		);
		const unresolved = [...deps].flatMap(([id, ds]) =>
			ds.filter((d) => !deps.has(d)).map((d) => `${id} → ${d}`)
		);
		expect(unresolved).toEqual([]);
		// Kahn's algorithm: every template must be schedulable.
		const indegree = new Map([...deps].map(([id, ds]) => [id, ds.length]));
		const dependants = new Map<string, string[]>();
		for (const [id, ds] of deps)
			for (const d of ds) dependants.set(d, [...(dependants.get(d) ?? []), id]);
		const ready = [...indegree].filter(([, n]) => n === 0).map(([id]) => id);
		let scheduled = 0;
		while (ready.length) {
			const id = ready.pop()!;
			scheduled++;
			for (const next of dependants.get(id) ?? []) {
				const n = indegree.get(next)! - 1;
				indegree.set(next, n);
				if (n === 0) ready.push(next);
			}
		}
		const stuck = [...indegree].filter(([, n]) => n > 0).map(([id]) => id);
		expect(stuck, 'remediation templates caught in a dependency cycle').toEqual([]);
		expect(scheduled).toBe(deps.size);
	});

	it('every CUEC maps to real criteria and has wording and a relevance text', () => {
		const known = new Set(bank.criteria.map((c) => c.id));
		expect(bank.cuecs.length).toBeGreaterThanOrEqual(30);
		for (const c of bank.cuecs) {
			expect(c.criteria.length, c.id).toBeGreaterThan(0);
			expect(
				c.criteria.filter((x) => !known.has(x)),
				c.id
			).toEqual([]);
			expect(c.text.length, c.id).toBeGreaterThan(20);
			expect(c.whenText.length, c.id).toBeGreaterThan(0);
			expect(c.when === undefined, `${c.id}: whenText "Always" iff no condition`).toBe(
				c.whenText === 'Always'
			);
		}
	});
});

describe('question bank: content rules', () => {
	it('every maturity question is complete and has remediation for design and operation', () => {
		for (const q of bank.questions) {
			expect(q.criteria.length, q.id).toBeGreaterThan(0);
			expect(q.evidence.length, q.id).toBeGreaterThan(0);
			expect(q.level3, q.id).not.toEqual(q.level4);
			expect(q.weight, q.id).toBeGreaterThanOrEqual(0.5);
			expect(q.weight, q.id).toBeLessThanOrEqual(3);
			expect(
				q.remediation.some((r) => (r.appliesBelow ?? 3) <= 3),
				`${q.id}: remediation for the design`
			).toBe(true);
			for (const r of q.remediation) {
				expect(r.acceptance.length, r.id).toBeGreaterThan(0);
				expect(r.evidence.length, r.id).toBeGreaterThan(0);
				expect(r.ownerRole.trim(), r.id).not.toBe('');
			}
		}
	});

	it('has a vendor catalogue of at least 15 kinds with CSOCs and vendor questions', () => {
		expect(bank.vendorKinds.length).toBeGreaterThanOrEqual(15);
		expect(bank.vendorKinds.find((k) => k.id === 'cloud-iaas')?.defaultMethod).toBe('carve-out');
		for (const k of bank.vendorKinds) expect(k.csocs.length, k.id).toBeGreaterThan(0);
		expect(bank.vendorQuestions.map((q) => q.id)).toEqual(
			expect.arrayContaining(['method', 'soc-report', 'report-reviewed', 'csocs'])
		);
	});

	it('has suggestion rules for every optional category, scope notes and the over-scoping warning', () => {
		for (const c of OPTIONAL_CATEGORY_IDS)
			expect(
				bank.categoryRules.some((r) => r.category === c),
				c
			).toBe(true);
		expect(bank.scopeNotes.map((n) => n.id)).toEqual(
			expect.arrayContaining(['note.pci-dss', 'note.hipaa'])
		);
		expect(bank.overScopingWarning.length).toBeGreaterThan(100);
	});

	it('never calls SOC 2 a certification in product text', () => {
		const text = JSON.stringify(bank);
		expect(text).not.toMatch(/SOC ?2 (?:certificat|certified)/i);
		expect(text).not.toMatch(/certified SOC ?2/i);
	});
});
