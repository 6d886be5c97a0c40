/**
 * State of the results dashboard: the assessment (live from IndexedDB, so edits in another tab
 * show up), the bank, the report model and the what-if model for the actions marked done.
 * Toggling an action persists it as `planOverrides[id].done` and recomputes at once.
 */
import { clearActionsDone, setActionDone, setRequestPrepared } from '$lib/db/light';
import { AssessmentLoader } from '$lib/components/app/assessment-loader.svelte';
import { buildEvidenceRequests, buildReportModel, whatIf } from '$lib/domain/engine';
import type { Assessment, EvidenceRequestList, PlanOverride, ReportModel } from '$lib/domain/types';

export class ResultsState extends AssessmentLoader {
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

	readonly model = $derived.by((): ReportModel | null => {
		const a = this.effective;
		return a && this.bank ? buildReportModel(this.bank, a, this.today) : null;
	});

	/**
	 * Which examination the evidence request list prepares for when a Type I comes first and a
	 * Type II follows (the model's list is the Type I's).
	 */
	examination = $state<'type1' | 'type2'>('type1');

	/** The evidence request list for the chosen examination. */
	readonly requests = $derived.by((): EvidenceRequestList | undefined => {
		const m = this.model;
		const a = this.effective;
		if (!m || !a || !this.bank) return undefined;
		if (this.examination === 'type2' && m.recommendation.type === 'type1-then-type2')
			return buildEvidenceRequests(this.bank, this.bank.evidenceRequests, a, m, {
				examination: 'type2'
			});
		return m.evidenceRequests;
	});

	/** Ids of the plan actions marked done. */
	readonly doneIds = $derived(this.model?.plan.filter((p) => p.done).map((p) => p.id) ?? []);

	/** The model as if the done actions were finished (null when none is marked). */
	readonly whatIfModel = $derived.by((): ReportModel | null => {
		const a = this.effective;
		if (!a || !this.bank || this.doneIds.length === 0) return null;
		return whatIf(this.bank, a, this.today, this.doneIds);
	});

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
