/**
 * "N changes waiting" for the team server, derived from what is stored (issue #23): it counts
 * the changes made on this device after the point the server acknowledged, so it holds across
 * reloads, ignores what came from the server, and survives compaction of the update rows.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../../test/fixtures/fresh-db';
import * as Y from 'yjs';
import { applyAnswer } from '$lib/doc';
import { createAssessment, getSetting } from './index';
import {
	COMPACT_AFTER,
	acknowledgeSync,
	applyRemoteUpdates,
	countWaiting,
	exportState,
	forgetSyncAck,
	saveAnswer,
	stateSince,
	syncAckKey,
	waitingChanges
} from './doc-store';

const fresh = freshDatabases('sync-waiting');

const meta = {
	organisation: 'Acme',
	assessor: 'Dana',
	assessmentDate: '2026-03-02',
	targetReportDate: null
};
const answer = (value: 1 | 2 | 3 | 4 | 5, minute: number) => ({
	value,
	evidence: [],
	updatedAt: `2026-03-02T10:${String(minute).padStart(2, '0')}:00.000Z`
});

describe('countWaiting', () => {
	it('counts a command row as one, a row from the server as none, a full row by its carry', () => {
		expect(countWaiting([])).toBe(0);
		expect(
			countWaiting([
				{ full: false },
				{ full: false, remote: true },
				{ full: true },
				{ full: true, local: 7 },
				{ full: false }
			])
		).toBe(9);
	});
});

describe('waitingChanges', () => {
	it('counts changes made here after the acknowledged row, not those before or from the server', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		const doc = (await stateSince(a.id, undefined, d))!.lineage;
		// Never acknowledged: every change made here is waiting (creation stores a full state).
		await saveAnswer(a.id, 'cc6-mfa', answer(2, 0), d);
		expect(await waitingChanges(a.id, doc, d)).toBe(1);

		// The server has it all.
		const { seq } = (await stateSince(a.id, undefined, d))!;
		await acknowledgeSync(a.id, doc, seq, d);
		expect(await waitingChanges(a.id, doc, d)).toBe(0);

		// Two changes here, one from another member: two waiting.
		await saveAnswer(a.id, 'cc6-mfa', answer(3, 1), d);
		const other = new Y.Doc();
		Y.applyUpdate(other, (await exportState(a.id, d))!.state);
		const sv = Y.encodeStateVector(other);
		const at = '2026-03-02T10:02:00.000Z';
		applyAnswer(other, { at, by: 'Bo', now: at }, 'cc6-secrets', null, answer(4, 2));
		await applyRemoteUpdates(a.id, [Y.encodeStateAsUpdate(other, sv)], d);
		await saveAnswer(a.id, 'cc7-central-logging', answer(1, 3), d);
		expect(await waitingChanges(a.id, doc, d)).toBe(2);

		// What a reload reads is the same (it is all in storage).
		const again = fresh(d.name);
		expect(await waitingChanges(a.id, doc, again)).toBe(2);
		again.close();

		// An acknowledgement for another document name does not count; one never moves back.
		expect(await waitingChanges(a.id, 'another-doc-name', d)).toBe(3);
		const now = (await stateSince(a.id, undefined, d))!.seq;
		await acknowledgeSync(a.id, doc, now, d);
		expect(await waitingChanges(a.id, doc, d)).toBe(0);
		await acknowledgeSync(a.id, doc, seq, d);
		expect(await getSetting(syncAckKey(a.id), d)).toEqual({ doc, seq: now });

		// Sharing stopped: the point is forgotten.
		await forgetSyncAck(a.id, d);
		expect(await getSetting(syncAckKey(a.id), d)).toBeUndefined();
	});

	it('keeps the count when the update rows are compacted into one full state', async () => {
		const d = fresh();
		const a = await createAssessment(meta, d);
		const { lineage: doc, seq } = (await stateSince(a.id, undefined, d))!;
		await acknowledgeSync(a.id, doc, seq, d);
		const writes = COMPACT_AFTER + 5;
		for (let i = 0; i < writes; i++)
			await saveAnswer(a.id, 'cc6-mfa', answer(((i % 5) + 1) as 1, i % 60), d);
		const rows = await d.docUpdates.where('assessmentId').equals(a.id).toArray();
		expect(rows.some((r) => r.full && (r.local ?? 0) > 0)).toBe(true);
		expect(rows.length).toBeLessThan(writes);
		expect(await waitingChanges(a.id, doc, d)).toBe(writes);
	});
});
