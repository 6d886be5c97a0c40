/**
 * Renders docs/methodology.md from methodology.ts, so the document, the report appendix and the
 * engine can never disagree. Regenerate with:
 *   UPDATE_DOCS=1 npx vitest run src/lib/domain/engine/methodology.test.ts
 */
import type { MethodologySection } from '../types';
import * as M from './methodology';

function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(rows: string[][]): string[] {
	const out: string[] = [];
	const parts = rows.reduce<string[][][]>(
		(acc, row) => {
			if (row.every((c) => c === '')) acc.push([]);
			else acc[acc.length - 1]!.push(row);
			return acc;
		},
		[[]]
	);
	for (const part of parts) {
		if (!part.length) continue;
		const [head, ...body] = part;
		out.push(`| ${head!.map(cell).join(' | ')} |`);
		out.push(`|${head!.map(() => '---').join('|')}|`);
		for (const r of body) out.push(`| ${r.map(cell).join(' | ')} |`);
		out.push('');
	}
	return out;
}

function value(v: unknown): string {
	return JSON.stringify(v);
}

/** The constants of methodology.ts as a reference list (name: value). */
export function constantLines(): string[] {
	const lines: string[] = [];
	for (const [name, v] of Object.entries(M).sort(([a], [b]) => (a < b ? -1 : 1))) {
		if (typeof v === 'function' || name === 'DISCLAIMER') continue;
		lines.push(`- \`${name}\`: \`${value(v)}\``);
	}
	return lines;
}

export function methodologyMarkdown(
	sections: MethodologySection[] = M.methodologySections()
): string {
	const lines: string[] = [
		'# Assessment methodology',
		'',
		'<!-- Generated from src/lib/domain/engine/methodology.ts — do not edit by hand.',
		'     Regenerate: UPDATE_DOCS=1 npx vitest run src/lib/domain/engine/methodology.test.ts -->',
		'',
		'How the SOC 2 Readiness engine turns answers into scores, a risk-rated gap register, a',
		'remediation plan and a Type I / Type II recommendation. The sections below are printed,',
		'word for word, in the appendix of every report. Every number comes from',
		'`src/lib/domain/engine/methodology.ts`; the reference table at the end lists them all.',
		''
	];
	for (const s of sections) {
		lines.push(`## ${s.heading}`, '');
		for (const p of s.paragraphs) lines.push(p, '');
		if (s.table) lines.push(...table(s.table));
	}
	lines.push(
		'## Reference: every constant',
		'',
		'Values as used by the engine (JSON notation). Changing one here means changing it in',
		'`methodology.ts` and regenerating this file. The disclaimer is the first paragraph above.',
		'',
		...constantLines()
	);
	return (
		lines
			.join('\n')
			.replace(/\n{3,}/g, '\n\n')
			.trimEnd() + '\n'
	);
}
