/**
 * Appendix: the evidence request list (PBC) an auditor is likely to send, grouped by area, with
 * the columns of requests.csv: item, what to provide and the population; how often the control
 * runs, its occurrences in the period and a typical sample (auditor-dependent); the owner; and
 * the status with the prepared mark. Drawn only for models that carry the list.
 */
import { REQUEST_STATUS_LABELS } from '$lib/domain/engine/display';
import type { EvidenceRequestRow, ReportModel } from '$lib/domain/types';
import { formatDate } from '../text';
import type { RGB } from '../theme';
import type { CellSpec, Run, Writer } from './writer';

/** The appendix's introduction (the Word report prints it too). */
export const REQUESTS_INTRO =
	'What a CPA firm is likely to ask for once the examination starts (its “provided by client” list), for the criteria in scope. Populations are complete, system-generated lists for the whole period, with the query that produced them; the auditor samples from them. The status comes from your answers and evidence pointers: ready means every question the request rests on is at the target level and evidence is recorded; partial means some of it is in place; missing means nothing is implemented yet.';

function statusColor(w: Writer, r: EvidenceRequestRow): RGB {
	if (r.status === 'ready') return w.theme.ok;
	if (r.status === 'missing') return w.theme.risk.high;
	return w.theme.muted;
}

function itemCell(w: Writer, r: EvidenceRequestRow): CellSpec {
	const runs: Run[] = [
		{ text: `${r.ref}  ${r.item}`, bold: true },
		{ text: r.provide },
		...(r.population ? [{ text: `Population: ${r.population}`, color: w.theme.muted }] : []),
		{ text: `Criteria: ${r.criteria.join(', ')}`, color: w.theme.muted }
	];
	return { runs };
}

function samplingCell(w: Writer, r: EvidenceRequestRow): CellSpec {
	const runs: Run[] = [{ text: r.frequencyLabel, bold: true }];
	if (r.frequency !== 'point-in-time')
		runs.push({ text: `Occurrences: ${r.occurrences ?? r.occurrencesText}` });
	runs.push({ text: `Sample: ${r.sample.text}`, color: w.theme.muted });
	return { runs };
}

function statusCell(w: Writer, r: EvidenceRequestRow): CellSpec {
	const runs: Run[] = [
		{ text: REQUEST_STATUS_LABELS[r.status], bold: true, color: statusColor(w, r) },
		{ text: r.statusReason, color: w.theme.muted }
	];
	if (r.prepared)
		runs.push({ text: `Prepared ${formatDate(r.prepared.slice(0, 10))}`, bold: true });
	return { runs };
}

export function drawEvidenceRequests(w: Writer, model: ReportModel, letter: string): void {
	const list = model.evidenceRequests;
	if (!list || !list.rows.length) return;
	w.h1(`Appendix ${letter}`, 'Evidence request list');
	w.para(REQUESTS_INTRO, { color: w.theme.muted });
	const c = list.counts;
	w.para(
		`Period: ${list.period.text}. ${c.total} requests: ${c.ready} ready, ${c.partial} partial, ${c.missing} missing; ${c.prepared} marked prepared.`,
		{ size: 8.5 }
	);
	w.para(list.note, { size: 8.5, color: w.theme.muted });
	const areas = [...new Set(list.rows.map((r) => r.areaLabel))];
	for (const area of areas) {
		w.h2(area, { outline: true, keepWith: 22 });
		w.table({
			columns: [
				{ header: 'Request, what to provide, population', width: 0.46 },
				{ header: 'Frequency, occurrences, sample', width: 0.22 },
				{ header: 'Owner', width: 0.12 },
				{ header: 'Status', width: 0.2 }
			],
			rows: list.rows
				.filter((r) => r.areaLabel === area)
				.map((r) => [itemCell(w, r), samplingCell(w, r), r.owner, statusCell(w, r)]),
			fontSize: 7.5
		});
	}
}
