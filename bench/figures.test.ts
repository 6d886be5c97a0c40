import { describe, expect, it } from 'vitest';
import {
	formatMarkdownTable,
	formatTable,
	isFailure,
	judge,
	measuredFigure,
	notMeasured,
	ratio,
	type Figure
} from './lib/figures';

const ms = { unit: 'ms' as const, detail: '' };

describe('judging a figure against its budget', () => {
	it('passes a maximum when at or under it, fails above', () => {
		expect(judge(50, { kind: 'max', value: 50 })).toBe('pass');
		expect(judge(50.1, { kind: 'max', value: 50 })).toBe('fail');
	});

	it('passes a minimum (scores) when at or over it', () => {
		expect(judge(95, { kind: 'min', value: 95 })).toBe('pass');
		expect(judge(94, { kind: 'min', value: 95 })).toBe('fail');
	});

	it('an unbudgeted figure is informational and never fails', () => {
		const f = measuredFigure({ id: 'x', label: 'X', budget: null, ...ms }, 1e9);
		expect(f.status).toBe('info');
		expect(isFailure(f)).toBe(false);
	});

	it('a figure that could not be measured, or only provisionally, counts as a failure', () => {
		const base = {
			id: 'x',
			label: 'X',
			unit: 'ms' as const,
			budget: { kind: 'max' as const, value: 1 }
		};
		expect(isFailure(notMeasured(base, 'feature missing'))).toBe(true);
		expect(isFailure({ ...base, measured: 0.5, status: 'provisional', detail: '' })).toBe(true);
		expect(isFailure(measuredFigure({ ...base, detail: '' }, 0.5))).toBe(false);
	});
});

describe('the table', () => {
	const figures: Figure[] = [
		measuredFigure(
			{ id: 'a', label: 'Report model', budget: { kind: 'max', value: 20 }, ...ms },
			8.44
		),
		measuredFigure(
			{
				id: 'b',
				label: 'Lighthouse performance',
				unit: 'score',
				budget: { kind: 'min', value: 95 },
				detail: 'runs 90/91'
			},
			91
		),
		notMeasured(
			{ id: 'c', label: 'PDF in the browser', unit: 'ms', budget: { kind: 'max', value: 1500 } },
			'no /export page yet'
		)
	];

	it('shows budget, measured value, ratio and status per figure', () => {
		const text = formatTable(figures);
		const lines = text.split('\n');
		expect(lines[0]).toMatch(/^Figure\s+Budget\s+Measured\s+Ratio\s+Status\s+Detail$/);
		expect(lines[2]).toMatch(/Report model\s+≤ 20\.0 ms\s+8\.4 ms\s+0\.42×\s+PASS/);
		expect(lines[3]).toMatch(/Lighthouse performance\s+≥ 95\s+91\s+0\.96×\s+FAIL\s+runs 90\/91/);
		expect(lines[4]).toMatch(
			/PDF in the browser\s+≤ 1500 ms\s+not measured \(no \/export page yet\)\s+—\s+FAIL/
		);
	});

	it('aligns the columns', () => {
		const lines = formatTable(figures).split('\n');
		const col = (l: string) => (l.indexOf('PASS') >= 0 ? l.indexOf('PASS') : l.indexOf('FAIL'));
		expect(new Set(lines.slice(2).map(col)).size).toBe(1);
	});

	it('ratio is measured / budget, or a dash when there is none', () => {
		expect(ratio(figures[0] as Figure)).toBe('0.42×');
		expect(ratio(figures[2] as Figure)).toBe('—');
	});

	it('escapes pipes in Markdown', () => {
		const md = formatMarkdownTable([
			measuredFigure({ id: 'p', label: 'a | b', budget: null, ...ms }, 1)
		]);
		expect(md).toContain('a \\| b');
		expect(md.split('\n')).toHaveLength(3);
	});
});
