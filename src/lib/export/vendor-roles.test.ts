/**
 * Vendor roles (subservice organisation or ordinary vendor) arrived after export format
 * version 1: files written before still import, with their vendors classified as the database
 * upgrade classifies stored ones; files that carry a role keep it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAssessment, ReadinessDB } from '$lib/db';
import type { ExportDocument } from './index';
import { importFile } from './index';
import { fileOf, fixtureDoc } from './test-helpers';

let database: ReadinessDB;
let n = 0;
beforeEach(async () => {
	database = new ReadinessDB(`vendor-roles-${++n}`);
	await database.open();
});
afterEach(async () => {
	await database.delete();
});

const vendor = (id: string, kind: string, extra: Record<string, unknown> = {}) => ({
	id,
	name: id,
	kind,
	services: '',
	method: 'carve-out',
	socReport: 'type2',
	reportReviewed: false,
	reviewDate: null,
	csocs: [],
	...extra
});

async function roundTrip(subservices: unknown[]) {
	const doc = structuredClone(fixtureDoc()) as ExportDocument;
	(doc.assessment as unknown as { subservices: unknown[] }).subservices = subservices;
	await importFile(fileOf(JSON.stringify(doc)), { database });
	return (await getAssessment(doc.assessment.id, database))!.subservices;
}

describe('importing vendors', () => {
	it('classifies vendors of a file written before roles existed, keeping every field', async () => {
		const back = await roundTrip([
			vendor('aws', 'cloud-iaas'),
			vendor('gusto', 'hris-payroll', { csocs: ['Keeps employee records'] }),
			vendor('workspace', 'productivity-suite', { method: 'inclusive' }),
			vendor('custom', 'other')
		]);
		expect(back.map((s) => [s.id, s.role])).toEqual([
			['aws', 'subservice'],
			['gusto', 'vendor'],
			['workspace', 'subservice'],
			['custom', 'subservice']
		]);
		expect(back[1]!.csocs).toEqual(['Keeps employee records']);
		expect(back[1]!.reportPeriodEnd).toBeUndefined();
	});

	it('keeps the role and report period end a newer file carries', async () => {
		const back = await roundTrip([
			vendor('gusto', 'hris-payroll', { role: 'subservice', reportPeriodEnd: '2026-03-31' }),
			vendor('aws', 'cloud-iaas', { role: 'vendor', reportPeriodEnd: '' })
		]);
		expect(back.map((s) => [s.role, s.reportPeriodEnd])).toEqual([
			['subservice', '2026-03-31'],
			['vendor', null]
		]);
	});

	it('refuses an unknown role or a malformed period end with a clear message', async () => {
		await expect(roundTrip([vendor('x', 'other', { role: 'supplier' })])).rejects.toThrow(
			/role.*must be "subservice" or "vendor"/
		);
		await expect(
			roundTrip([vendor('x', 'other', { reportPeriodEnd: '31/03/2026' })])
		).rejects.toThrow(/reportPeriodEnd.*must be a date like 2026-03-31/);
	});
});
