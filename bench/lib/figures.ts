/**
 * The bench's result model and its text table. A figure either has a budget (then it passes or
 * fails), is informational (reported next to a reference, never fails), or could not be
 * measured — which always counts as a failure: a missing feature is never a pass.
 */

export type Unit = 'ms' | 'KB' | 'score' | 'count';

export interface Budget {
	/** `max`: measured must be ≤ value; `min`: measured must be ≥ value. */
	kind: 'max' | 'min';
	value: number;
}

export type Status = 'pass' | 'fail' | 'not-measured' | 'provisional' | 'info';

export interface Figure {
	/** Stable key, e.g. "initial-js-start". */
	id: string;
	label: string;
	unit: Unit;
	budget: Budget | null;
	/** The value compared with the budget, or null when not measured. */
	measured: number | null;
	/** Extra numbers for the reader, e.g. "median 12.1 ms, p95 15.3 ms, n=50". */
	detail: string;
	status: Status;
	/** Why it is not measured / provisional / failed. */
	reason?: string;
	/** Raw data kept in latest.json. */
	data?: unknown;
}

/** Decide pass/fail for a measured value against its budget. */
export function judge(measured: number, budget: Budget): 'pass' | 'fail' {
	return budget.kind === 'max'
		? measured <= budget.value
			? 'pass'
			: 'fail'
		: measured >= budget.value
			? 'pass'
			: 'fail';
}

export function measuredFigure(
	base: Omit<Figure, 'status' | 'measured'>,
	measured: number
): Figure {
	const status = base.budget ? judge(measured, base.budget) : 'info';
	return { ...base, measured, status };
}

export function notMeasured(
	base: Omit<Figure, 'status' | 'measured' | 'detail'>,
	reason: string
): Figure {
	return { ...base, measured: null, detail: '', status: 'not-measured', reason };
}

/** Everything except pass and info makes the bench fail. */
export function isFailure(f: Figure): boolean {
	return f.status === 'fail' || f.status === 'not-measured' || f.status === 'provisional';
}

export function formatValue(v: number, unit: Unit): string {
	switch (unit) {
		case 'ms':
			return v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`;
		case 'KB':
			return `${v.toFixed(1)} KB`;
		case 'score':
			return `${Math.round(v)}`;
		case 'count':
			return `${Math.round(v)}`;
	}
}

export function formatBudget(b: Budget | null, unit: Unit): string {
	if (!b) return '—';
	return `${b.kind === 'max' ? '≤' : '≥'} ${formatValue(b.value, unit)}`;
}

/**
 * Ratio of measured to budget. For a maximum, < 1 is within budget; for a minimum (scores),
 * ≥ 1 is within budget.
 */
export function ratio(f: Figure): string {
	if (f.measured === null || !f.budget || f.budget.value === 0) return '—';
	return `${(f.measured / f.budget.value).toFixed(2)}×`;
}

const STATUS_TEXT: Record<Status, string> = {
	pass: 'PASS',
	fail: 'FAIL',
	'not-measured': 'FAIL',
	provisional: 'FAIL',
	info: 'info'
};

function measuredText(f: Figure): string {
	if (f.status === 'not-measured') return `not measured (${f.reason ?? 'unknown reason'})`;
	if (f.measured === null) return '—';
	const v = formatValue(f.measured, f.unit);
	return f.status === 'provisional' ? `${v} (provisional: ${f.reason ?? ''})` : v;
}

function width(s: string): number {
	return [...s].length;
}

function pad(s: string, w: number): string {
	return s + ' '.repeat(Math.max(0, w - width(s)));
}

/** A plain-text table: figure, budget, measured, ratio, status, detail. */
export function formatTable(figures: readonly Figure[]): string {
	const header = ['Figure', 'Budget', 'Measured', 'Ratio', 'Status', 'Detail'];
	const rows = figures.map((f) => [
		f.label,
		formatBudget(f.budget, f.unit),
		measuredText(f),
		ratio(f),
		STATUS_TEXT[f.status],
		[f.detail, f.status === 'fail' && f.reason ? f.reason : ''].filter(Boolean).join('; ')
	]);
	const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
			.join('  ')
			.trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table in Markdown (for docs/performance.md). */
export function formatMarkdownTable(figures: readonly Figure[]): string {
	const esc = (s: string) => s.replace(/\|/g, '\\|');
	const out = [
		'| Figure | Budget | Measured | Ratio | Status | Detail |',
		'| --- | --- | --- | --- | --- | --- |'
	];
	for (const f of figures) {
		const detail = [f.detail, f.status === 'fail' && f.reason ? f.reason : '']
			.filter(Boolean)
			.join('; ');
		out.push(
			`| ${esc(f.label)} | ${esc(formatBudget(f.budget, f.unit))} | ${esc(measuredText(f))} | ${ratio(f)} | ${STATUS_TEXT[f.status]} | ${esc(detail)} |`
		);
	}
	return out.join('\n');
}
