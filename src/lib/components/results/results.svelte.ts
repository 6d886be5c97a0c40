/**
 * State of the results dashboard: the assessment (live from IndexedDB, so edits in another tab
 * show up), the report model and the what-if model for the actions marked done, both computed in
 * the report-model worker (ReportLoader). Toggling an action persists it as
 * `planOverrides[id].done`; the tick shows at once (the plan's "done" flags and the prepared marks
 * are read from the assessment with its pending marks) and the models follow the worker's answer.
 */
import { clearActionsDone, setActionDone, setRequestPrepared } from '$lib/db/light';
import { ReportLoader } from '$lib/components/app/report-loader.svelte';
import type { ReportJob } from '$lib/report/model-protocol';
import type { Assessment, EvidenceRequestList, PlanAction, PlanOverride } from '$lib/domain/types';

export class ResultsState extends ReportLoader {
	/** Action ids whose "done" change is being saved. */
	saving = $state<string[]>([]);
	/** Local "done" flags not yet confirmed by the database (optimistic). */
	private pendingDone = $state<Record<string, boolean>>({});
	/** Evidence request ids whose "prepared" mark is being saved. */
	preparing = $state<string[]>([]);
	/** Local "prepared" marks not yet confirmed by the database: timestamp, or null for unmarked. */
	private pendingPrepared = $state<Record<string, string | null>>({});

	/** The assessment with pending toggles applied. */
	readonly effective = $derived.by((): Assessment | null => {
		const a = this.assessment;
		if (!a) return null;
		const pending = Object.entries(this.pendingDone);
		const marks = Object.entries(this.pendingPrepared);
		if (!pending.length && !marks.length) return a;
		const planOverrides: Record<string, PlanOverride> = { ...a.planOverrides };
		for (const [id, done] of pending) planOverrides[id] = { ...planOverrides[id], done };
		const requestsPrepared = { ...(a.requestsPrepared ?? {}) };
		for (const [id, at] of marks) {
			if (at === null) delete requestsPrepared[id];
			else requestsPrepared[id] = at;
		}
		return { ...a, planOverrides, requestsPrepared };
	});

	/**
	 * Which examination the evidence request list prepares for when a Type I comes first and a
	 * Type II follows (the model's list is the Type I's).
	 */
	examination = $state<'type1' | 'type2'>('type1');

	protected override source(): Assessment | null {
		return this.effective;
	}

	protected override options(): Pick<ReportJob, 'whatIf' | 'examination'> {
		return { whatIf: true, examination: this.examination };
	}

	/** The plan with the "done" flags of the assessment as shown (pending ticks included). */
	readonly plan = $derived.by((): PlanAction[] => {
		const m = this.model;
		const a = this.effective;
		if (!m || !a) return [];
		return m.plan.map((p) => {
			const done = a.planOverrides?.[p.id]?.done === true;
			return done === p.done ? p : { ...p, done };
		});
	});

	/** The evidence request list for the chosen examination, with the prepared marks as shown. */
	readonly requests = $derived.by((): EvidenceRequestList | undefined => {
		const m = this.model;
		const a = this.effective;
		if (!m || !a) return undefined;
		const list =
			this.examination === 'type2' && m.recommendation.type === 'type1-then-type2'
				? (this.type2Requests ?? m.evidenceRequests)
				: m.evidenceRequests;
		if (!list) return undefined;
		const marks = a.requestsPrepared ?? {};
		let changed = false;
		const rows = list.rows.map((r) => {
			const at = typeof marks[r.id] === 'string' && marks[r.id] ? marks[r.id]! : null;
			if (at === r.prepared) return r;
			changed = true;
			return { ...r, prepared: at };
		});
		if (!changed) return list;
		return {
			...list,
			rows,
			counts: { ...list.counts, prepared: rows.filter((r) => r.prepared !== null).length }
		};
	});

	/** Ids of the plan actions marked done. */
	readonly doneIds = $derived(this.plan.filter((p) => p.done).map((p) => p.id));

	/** Drops the optimistic "done" flags that the database now confirms. */
	protected override received(a: Assessment): void {
		const pending = { ...this.pendingDone };
		let changed = false;
		for (const [id, done] of Object.entries(pending)) {
			if ((a.planOverrides[id]?.done === true) === done) {
				delete pending[id];
				changed = true;
			}
		}
		if (changed) this.pendingDone = pending;
		const marks = { ...this.pendingPrepared };
		let marked = false;
		for (const [id, at] of Object.entries(marks)) {
			if ((a.requestsPrepared?.[id] ?? null) === at) {
				delete marks[id];
				marked = true;
			}
		}
		if (marked) this.pendingPrepared = marks;
	}

	/**
	 * Mark an evidence request prepared (now) or not prepared. Shown at once; saved through the one
	 * write path of the marks (setRequestPrepared), which changes only this request's key.
	 */
	async setPrepared(requestId: string, prepared: boolean): Promise<void> {
		if (!this.assessment) return;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- one read of the clock, not state
		const at = prepared ? new Date().toISOString() : null;
		this.pendingPrepared = { ...this.pendingPrepared, [requestId]: at };
		this.preparing = [...this.preparing, requestId];
		try {
			await setRequestPrepared(this.id, requestId, at);
		} catch (e) {
			const { [requestId]: _dropped, ...rest } = this.pendingPrepared;
			this.pendingPrepared = rest;
			throw e;
		} finally {
			this.preparing = this.preparing.filter((x) => x !== requestId);
		}
	}

	/** Mark an action done or not done (what-if); saved as planOverrides[id].done. */
	async setDone(actionId: string, done: boolean): Promise<void> {
		const a = this.assessment;
		if (!a) return;
		this.pendingDone = { ...this.pendingDone, [actionId]: done };
		this.saving = [...this.saving, actionId];
		try {
			// One command: only this action's tick changes (a tick saved meanwhile is kept).
			await setActionDone(this.id, actionId, done);
		} catch (e) {
			const { [actionId]: _dropped, ...rest } = this.pendingDone;
			this.pendingDone = rest;
			throw e;
		} finally {
			this.saving = this.saving.filter((x) => x !== actionId);
		}
	}

	/** Clear every "done" mark. */
	async clearDone(): Promise<void> {
		const a = this.assessment;
		if (!a) return;
		const ids = this.doneIds;
		const pending = { ...this.pendingDone };
		for (const id of ids) pending[id] = false;
		this.pendingDone = pending;
		try {
			await clearActionsDone(this.id);
		} catch (e) {
			const rest = { ...this.pendingDone };
			for (const id of ids) delete rest[id];
			this.pendingDone = rest;
			throw e;
		}
	}
}
