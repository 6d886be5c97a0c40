import { describe, expect, it } from 'vitest';
import { validateMetaField } from '$lib/interview/flow';
import { TARGET_BEFORE_ASSESSMENT, validateMeta } from './meta-form';

const base = { organisation: 'Acme', assessor: 'Ada', assessmentDate: '2026-11-28' };

describe('target report date: the create dialog and the Start stage apply one rule', () => {
	it.each([
		['a day before', '2026-11-27', TARGET_BEFORE_ASSESSMENT],
		['the same day', '2026-11-28', null],
		['a day after', '2026-11-29', null]
	])('%s the assessment date', (_n, target, message) => {
		const created = validateMeta({ ...base, targetReportDate: target });
		expect(created.ok ? null : created.errors.targetReportDate).toBe(message);
		const edited = validateMetaField('targetReportDate', target, {
			...base,
			targetReportDate: null
		});
		expect(edited).toBe(message);
	});
});
