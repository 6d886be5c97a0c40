/**
 * questions/evidence-requests.yaml: the evidence request list as data. The real list covers the
 * typical first-audit list and every criterion; each kind of broken list fails compileBank with
 * a message naming the file and the request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk, readBankFiles } from '../../scripts/lib/bank-node';
import { checkBank } from '../../src/lib/domain/bank';
import type { Bank } from '../../src/lib/domain/types';

type Req = {
	id: string;
	area: string;
	category?: string;
	item: string;
	provide: string;
	population?: string;
	frequency: string;
	owner: string;
	criteria: string[];
	questions: string[];
};
type ReqFile = { requests: Req[] };

const FILE = 'questions/evidence-requests.yaml';
let valid: Record<string, unknown>;
let bank: Bank;
beforeAll(() => {
	const read = readBankFiles();
	expect(read.errors).toEqual([]);
	valid = read.files;
	bank = loadBankFromDisk();
});

function broken(mutate: (file: ReqFile) => void): string[] {
	const files = structuredClone(valid);
	mutate(files[FILE] as ReqFile);
	const result = checkBank(files);
	expect(result.bank).toBeNull();
	return result.errors;
}
const req = (f: ReqFile, id: string): Req => {
	const r = f.requests.find((x) => x.id === id);
	if (!r) throw new Error(`fixture: request ${id} not in the file`);
	return r;
};

describe('the evidence request list of the real bank', () => {
	it('holds at least the typical 38-item first-audit list, with unique ids', () => {
		const ids = bank.evidenceRequests.map((r) => r.id);
		expect(ids.length).toBeGreaterThanOrEqual(38);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('serves every one of the 61 criteria with a request of its own category', () => {
		const category = new Map(bank.criteria.map((c) => [c.id, c.category]));
		const served = new Set(
			bank.evidenceRequests.flatMap((r) => r.criteria.filter((c) => category.get(c) === r.category))
		);
		expect(bank.criteria.filter((c) => !served.has(c.id)).map((c) => c.id)).toEqual([]);
	});

	it('covers every area of the CPA firm list, the optional categories and every frequency', () => {
		const areas = new Set(bank.evidenceRequests.map((r) => r.area));
		for (const a of ['governance', 'risk', 'hr', 'access', 'change', 'operations', 'vendors'])
			expect(areas).toContain(a);
		const categories = new Set(bank.evidenceRequests.map((r) => r.category));
		expect([...categories].sort()).toEqual([
			'availability',
			'confidentiality',
			'privacy',
			'processing-integrity',
			'security'
		]);
		const freq = new Set(bank.evidenceRequests.map((r) => r.frequency));
		for (const f of ['annual', 'quarterly', 'monthly', 'daily', 'event', 'automated'])
			expect(freq).toContain(f);
	});

	it('names a population for every per-event request and links only real questions', () => {
		const ids = new Set(bank.questions.map((q) => q.id));
		for (const r of bank.evidenceRequests) {
			if (r.frequency === 'event') expect(r.population, r.id).not.toBeNull();
			for (const q of r.questions) expect(ids.has(q), `${r.id}: ${q}`).toBe(true);
		}
	});
});

describe('a broken evidence request list is refused with the file and the request', () => {
	it('a duplicate id', () => {
		const errors = broken((f) => {
			f.requests.push({ ...req(f, 'org-chart') });
		});
		expect(errors).toContain(`${FILE}: request org-chart: id is used by more than one request`);
	});

	it('an unknown criterion and one of another category', () => {
		const errors = broken((f) => {
			req(f, 'org-chart').criteria = ['CC1.3', 'CC1.9', 'A1.2'];
		});
		expect(errors).toContain(
			`${FILE}: request org-chart: unknown criterion CC1.9 (not in questions/criteria.yaml)`
		);
		expect(errors).toContain(
			`${FILE}: request org-chart: criterion A1.2 belongs to availability, but the request is for security (set category, or list it in a availability request)`
		);
	});

	it('an unknown question and a question of another optional category', () => {
		const errors = broken((f) => {
			req(f, 'backups-restore').questions = ['a1-backups', 'a1-backup', 'p-deletion'];
		});
		expect(errors).toContain(`${FILE}: request backups-restore: unknown question a1-backup`);
		expect(errors).toContain(
			`${FILE}: request backups-restore: question p-deletion is asked only for privacy, so it cannot show whether a availability request is ready`
		);
	});

	it('a Security request that only optional-category questions could show', () => {
		const errors = broken((f) => {
			req(f, 'patching').questions = ['a1-backups'];
		});
		expect(errors).toContain(
			`${FILE}: request patching: a Security request needs at least one question that a Security-only scope asks; a1-backups is asked only with an optional category`
		);
	});

	it('an owner role the plan does not use', () => {
		const errors = broken((f) => {
			req(f, 'org-chart').owner = 'Chief Happiness Officer';
		});
		expect(
			errors.some((e) =>
				e.startsWith(
					`${FILE}: request org-chart: owner "Chief Happiness Officer" is not an owner role`
				)
			)
		).toBe(true);
	});

	it('a per-event request without a population', () => {
		const errors = broken((f) => {
			delete req(f, 'new-hires').population;
		});
		expect(errors).toContain(
			`${FILE}: request new-hires: a per-event control is sampled from a list, so give the population to prepare (population: …)`
		);
	});

	it('a criterion left without any request', () => {
		const errors = broken((f) => {
			f.requests = f.requests.filter((r) => !r.criteria.includes('CC6.5'));
		});
		expect(errors).toContain(`${FILE}: 1 criterion is served by no evidence request: CC6.5`);
	});

	it('an unknown frequency, area or field, at its path', () => {
		const errors = broken((f) => {
			const r = req(f, 'org-chart') as Req & { owners?: string };
			r.frequency = 'fortnightly';
			r.area = 'misc';
			r.owners = 'CTO';
		});
		expect(
			errors.some((e) =>
				e.startsWith(`${FILE}: requests[0] (org-chart).frequency: must be one of annual, quarterly`)
			)
		).toBe(true);
		expect(
			errors.some((e) =>
				e.startsWith(`${FILE}: requests[0] (org-chart).area: must be one of governance`)
			)
		).toBe(true);
		expect(errors).toContain(
			`${FILE}: requests[0] (org-chart).owners: unknown field (check the spelling against the format)`
		);
	});

	it('a missing file', () => {
		const files = structuredClone(valid);
		delete files[FILE];
		expect(checkBank(files).errors).toContain(`${FILE}: file is missing`);
	});
});
