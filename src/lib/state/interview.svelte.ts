/**
 * The interview session: adapts the XState interview machine and IndexedDB to Svelte runes.
 * One instance per open assessment; the interview page and the presenter view both use it.
 *
 * - Loads the bank and the assessment, restores the machine from the stored snapshot (or a
 *   position derived from the answers) and provides the IndexedDB persister. The interview asks
 *   with the bank's first part (`loadBankCore`: no remediation templates, points of focus or
 *   evidence requests); the whole bank (`fullBank`: the results stage, the vendors' planned
 *   window, custom questions and their checks) loads once the first question is on screen, or at
 *   once for an assessment with custom questions or a screen that needs it (`needFullBank`).
 * - Mirrors the machine snapshot in `$state.raw`, so everything derived from it is reactive.
 * - Reads the assessment for the first paint with the light reader (`$lib/db/light`: plain
 *   IndexedDB, no Dexie) and loads Dexie when the page needs it: its first write, or a change
 *   stored elsewhere (another tab). A database the light reader cannot read (not there yet, an
 *   older version to migrate) is read through Dexie at once.
 * - Watches the assessment's revision (`watchRevision`: Dexie's storage signal, one small row,
 *   not the answers): our own commits report their revision, so only a revision this tab did not
 *   write (another tab, an import…) costs a full read, and the answers committed in plain
 *   IndexedDB do not even cost the row's read. That change is merged in (our own unsaved edits stay on
 *   top; a stale edit of ours is refused, never written over).
 * - Registers with the db module's flush hook so an app update waits for queued writes.
 */
import { createActor, type SnapshotFrom } from 'xstate';
import { loadBank as defaultLoadFullBank, loadBankCore as defaultLoadBank } from '$lib/bank';
import { isWholeBank } from '$lib/bank/split';
import { afterFirstContent } from '$lib/components/app/first-content';
import type { ReadinessDB } from '$lib/db';
import {
	allowDrafts,
	forgetDrafts,
	loadDb,
	onFlush,
	readAssessment,
	storageErrorMessage,
	whenDbNeeded
} from '$lib/db/light';
import { questionApplicability, type QuestionApplicability } from '$lib/domain/scope';
import type {
	Area,
	Assessment,
	Bank,
	BankCore,
	MaturityAnswer,
	QuestionCore,
	MaturityValue
} from '$lib/domain/types';
import { derivePosition, isReachable } from '$lib/interview/flow';
import {
	interviewMachine,
	type AnswerPatch,
	type Blocked,
	type InterviewActor,
	type InterviewEvent
} from '$lib/interview/machine';
import { sameValue } from '$lib/interview/ops';
import { dbPersister, prepareWrites } from '$lib/interview/persister';
import {
	progress,
	reviewLists,
	sameOutsideAnswers,
	updateProgress,
	type Progress,
	type ReviewLists
} from '$lib/interview/progress';
import { stageComplete } from '$lib/interview/stage-status';
import {
	INTERVIEW_SNAPSHOT_VERSION,
	planRestore,
	storedInterviewProblem,
	storedPosition,
	storedInterviewOf
} from '$lib/interview/snapshot';
import {
	STAGES,
	type Conflict,
	type GotoTarget,
	type Position,
	type SaveState,
	type Stage
} from '$lib/interview/types';

type InterviewSnapshot = SnapshotFrom<typeof interviewMachine>;

/** The save state before the machine has one. */
const IDLE_SAVE: SaveState = { status: 'idle', message: null, at: null };

/** Shown when the saved place in the interview could not be restored. */
export const RESTORE_FAILED_NOTICE =
	'The place where this interview was left could not be restored, so it continues at the first unanswered question. Your answers are all kept.';

/**
 * Whether an actor created from a stored snapshot is usable. XState restores the snapshot when
 * the actor is created (before it starts) and marks it 'error' when that fails.
 */
function restoredCleanly(actor: InterviewActor): boolean {
	try {
		return actor.getSnapshot().status === 'active';
	} catch {
		return false;
	}
}

/**
 * The place a stored snapshot stands for, when starting the machine there gives the state
 * restoring it would: a snapshot of the shape this app stores, at a stage whose state has no
 * entry actions (a fresh start runs them; a restore does not). Otherwise null.
 */
function restoresAsPlace(snapshot: unknown): Position | null {
	if (!snapshot) return null;
	const stored = { version: INTERVIEW_SNAPSHOT_VERSION, snapshot };
	if (storedInterviewProblem(stored) !== null) return null;
	const pos = storedPosition(stored);
	if (!pos || (snapshot as { value?: unknown }).value !== pos.stage) return null;
	const node = interviewMachine.states[pos.stage];
	return node && node.entry.length === 0 ? pos : null;
}

export interface SessionDeps {
	/** What the interview asks with (the bank's first part, or the whole bank). */
	loadBank?: () => Promise<BankCore | Bank>;
	/** The whole bank, when `loadBank` gave only its first part. */
	loadFullBank?: () => Promise<Bank>;
	/**
	 * The database (tests). Without it the session reads the app's database, first with the
	 * light reader, and loads Dexie when it is needed.
	 */
	database?: () => ReadinessDB;
	/** Watch storage for changes from other tabs (default true). */
	live?: boolean;
}

export interface QuestionPlace {
	question: QuestionCore;
	area: Area;
	/** 1-based position of the question in its area's applicable questions. */
	indexInArea: number;
	areaTotal: number;
	/** 1-based position in the whole maturity path. */
	indexOverall: number;
	overallTotal: number;
}

/** How long after the first question showed the first write is prepared (then once idle). */
const PREPARE_WRITES_AFTER_MS = 4000;

/** The bank an assessment is asked with, and the custom questions (as JSON) it was built from. */
interface ExtendedBank {
	key: string;
	bank: BankCore;
	/** The same bank whole, or null while the bank's second part has not arrived. */
	full: Bank | null;
	problems: string[];
}

function withoutVolatile(a: Assessment): unknown {
	const { interview: _i, updatedAt: _u, ...rest } = a;
	return rest;
}

export class InterviewSession {
	readonly id: string;
	status = $state<'loading' | 'ready' | 'missing' | 'failed'>('loading');
	loadError = $state<string | null>(null);
	bank = $state.raw<BankCore | null>(null);
	/**
	 * The bank this assessment is scored with, whole (remediation, points of focus, requests): the
	 * interview's `bank` with its second part. Null until that part has arrived (see the class
	 * comment); `fullBankError` says why when it could not be loaded.
	 */
	fullBank = $state.raw<Bank | null>(null);
	/** Why the bank's second part could not be loaded (nothing saved is touched). */
	fullBankError = $state<string | null>(null);
	snapshot = $state.raw<InterviewSnapshot | null>(null);
	/** Polite message when a change made in another window was merged in. */
	externalNotice = $state<string | null>(null);
	/** Set when the assessment disappeared from storage (deleted in another window). */
	deletedElsewhere = $state(false);
	/**
	 * Set when a stored interview position was there but could not be read: the interview opened
	 * at a place derived from the answers instead, and the screen says so.
	 */
	restoreProblem = $state<string | null>(null);
	/**
	 * Why the assessment's custom questions cannot be asked (they fail the bank's checks, e.g.
	 * after a bank update): the interview then asks the built-in questions only. Empty when fine.
	 */
	customProblems = $state.raw<string[]>([]);
	/**
	 * Writes this session has committed (the save status's `data-saves`): set together with the
	 * machine's "saved", so a wait for the next commit cannot be met by an earlier "Saved".
	 */
	savedWrites = $state(0);

	#actor: InterviewActor | null = null;
	#unsubscribeActor: (() => void) | null = null;
	#live: { unsubscribe(): void } | null = null;
	#unregisterFlush: (() => void) | null = null;
	/** Revision of storage the machine's stored copy reflects (our own commits included). */
	#knownRevision = 0;
	/** Last revision the watcher reported (undefined: the assessment is gone). */
	#lastSeenRevision: number | undefined = 0;
	/** Our own commits so far: a read that overlapped one of them is out of date. */
	#commits = 0;
	#reading = false;
	#readAgain = false;
	#checking = false;
	#checkAgain = false;
	#fullReads = 0;
	#deps: Required<Omit<SessionDeps, 'database'>>;
	/** The database, through Dexie (loaded on the first call when no database was given). */
	#database: () => Promise<ReadinessDB>;
	/** The database given (tests): no light read, Dexie from the start. */
	#given: (() => ReadinessDB) | null;
	/** Stops waiting for the page to need Dexie (see `whenDbNeeded`). */
	#stopWaiting: (() => void) | null = null;
	/** Dexie was needed before the session was ready: start watching as soon as it is. */
	#needed = false;
	#destroyed = false;
	/** The built-in bank's first part (or the whole bank, when that is what was loaded). */
	#coreBank: BankCore | null = null;
	/** The built-in bank, whole, before the assessment's custom questions are added. */
	#baseBank = $state.raw<Bank | null>(null);
	/** The whole built-in bank, loading (null: not asked for yet, or failed). */
	#fullLoading: Promise<Bank> | null = null;
	/** The custom questions the bank was extended with, as JSON ('' for none). */
	#customKey = '';
	/** The revision of this tab's last custom question change (merged without a notice). */
	#quietRevision = -1;

	constructor(id: string, deps: SessionDeps = {}) {
		this.id = id;
		this.#deps = {
			loadBank: deps.loadBank ?? defaultLoadBank,
			loadFullBank: deps.loadFullBank ?? defaultLoadFullBank,
			live: deps.live ?? true
		};
		const given = deps.database ?? null;
		this.#given = given;
		this.#database = given ? async () => given() : async () => (await loadDb()).db();
	}

	/** Load everything and start the machine. Safe to call once. */
	async start(): Promise<void> {
		// Listen before the first read, so that a change stored after it is never missed.
		if (this.#deps.live && !this.#given)
			this.#stopWaiting = whenDbNeeded(() => {
				this.#stopWaiting = null;
				if (this.status === 'ready') this.#watch();
				else this.#needed = true;
			});
		try {
			const [base, { assessment, revision }] = await Promise.all([
				this.#deps.loadBank(),
				this.#firstRead()
			]);
			if (!assessment) {
				this.status = 'missing';
				return;
			}
			this.#coreBank = base;
			if (isWholeBank(base)) this.#baseBank = base;
			const bank = this.#useBank((await this.#bankFor(assessment))!);
			const plan = planRestore(bank, assessment);
			if (assessment.interview != null && storedPosition(assessment.interview) === null) {
				this.restoreProblem = RESTORE_FAILED_NOTICE;
			}
			const machine = interviewMachine.provide({
				actors: {
					persister: dbPersister({
						assessmentId: this.id,
						// The app's database: the persister loads Dexie on the first write itself.
						database: this.#given ? this.#database : undefined,
						storedSnapshot: () =>
							this.#actor ? storedInterviewOf(this.#actor.getSnapshot()) : null,
						onCommitted: (r) => this.#committed(r)
					})
				}
			});
			// Restoring an XState snapshot walks the whole context, bank and assessment included,
			// looking for actor references (≈ 5 ms here, four times that on a mid-range phone,
			// before the first question shows). The snapshot this app stores holds nothing but the
			// place (`toStoredInterview`), so a well-formed one at a stage without entry actions is
			// taken as the starting place instead: the same state, without the walk. Anything else
			// is restored by XState as before (and a failure to restore is reported below).
			const fromPlace = restoresAsPlace(plan.snapshot);
			const restoring = plan.snapshot && !fromPlace;
			let actor = createActor(machine, {
				input: fromPlace ? { ...plan.input, position: fromPlace } : plan.input,
				...(restoring ? { snapshot: plan.snapshot as never } : {})
			});
			if (restoring && !restoredCleanly(actor)) {
				// The saved place could not be restored (a damaged or foreign snapshot): say so and
				// carry on from the first unanswered question rather than stay on "Loading…".
				actor.stop();
				actor = createActor(machine, {
					input: { ...plan.input, position: derivePosition(bank, assessment) }
				});
				this.externalNotice = RESTORE_FAILED_NOTICE;
			}
			this.#actor = actor;
			const sub = actor.subscribe((s) => (this.snapshot = s));
			this.#unsubscribeActor = () => sub.unsubscribe();
			actor.start();
			this.snapshot = actor.getSnapshot();
			this.#knownRevision = this.#lastSeenRevision = revision;
			this.#unregisterFlush = onFlush(() => this.whenSaved());
			this.status = 'ready';
			// Dexie and its live query: at once for a given database, or when Dexie was needed
			// already; otherwise when the page needs it (see `whenDbNeeded` above).
			if (this.#deps.live && (this.#given || this.#needed)) this.#watch();
			// The rest of the bank once the first question is on screen (see first-content.ts).
			if (!this.#baseBank) afterFirstContent(() => void this.needFullBank().catch(() => {}));
			// The first write's groundwork once the page has been quiet for a while after that.
			if (this.#deps.live && !this.#given) afterFirstContent(() => this.#prepareWritesLater());
		} catch (e) {
			this.loadError = e instanceof Error ? e.message : String(e);
			this.status = 'failed';
		}
	}

	/**
	 * The bank this assessment is asked with (the built-in bank plus its custom questions, as
	 * results and exports score it), or null when its custom questions are those the session
	 * already uses. Custom questions that fail the checks give the built-in bank and the problems.
	 * The compiler that checks them loads only for an assessment that has some.
	 */
	async #bankFor(a: Assessment): Promise<ExtendedBank | null> {
		const list = a.customQuestions ?? [];
		const key = list.length ? JSON.stringify(list) : '';
		if (key === this.#customKey && this.bank) return null;
		if (!key) {
			const full = this.#baseBank;
			return { key, bank: full ?? this.#coreBank!, full, problems: [] };
		}
		// Custom questions are checked against the whole bank (their templates may depend on the
		// bank's): such an assessment waits for the bank's second part before it is asked.
		const [base, { bankForAssessment }] = await Promise.all([
			this.needFullBank(),
			import('$lib/domain/bank/compile')
		]);
		const extended = bankForAssessment(base, list);
		return { key, bank: extended.bank, full: extended.bank, problems: extended.problems };
	}

	#useBank(extended: ExtendedBank): BankCore {
		this.#customKey = extended.key;
		this.customProblems = extended.problems;
		this.bank = extended.bank;
		this.fullBank = extended.full;
		return extended.bank;
	}

	/**
	 * The whole built-in bank: loads the bank's second part now if it has not arrived (a screen
	 * that needs it calls this; it is loaded anyway once the first question is shown). A failure
	 * is kept in `fullBankError` (the interview goes on with what it has; nothing saved changes),
	 * and the next call tries again.
	 */
	needFullBank(): Promise<Bank> {
		if (this.#baseBank) return Promise.resolve(this.#baseBank);
		this.#fullLoading ??= this.#deps.loadFullBank().then(
			(full) => {
				this.fullBankError = null;
				if (this.#destroyed) return full;
				this.#baseBank = full;
				// Without custom questions the interview's bank is the built-in one: now whole.
				if (this.bank && !this.#customKey) this.fullBank = full;
				return full;
			},
			(e: unknown) => {
				this.#fullLoading = null;
				this.fullBankError = e instanceof Error ? e.message : String(e);
				throw e;
			}
		);
		return this.#fullLoading;
	}

	/**
	 * The first read: with the light reader when it can (the same assessment and revision Dexie
	 * would read), else through Dexie (a database to create or migrate; a given database).
	 */
	async #firstRead(): Promise<{ assessment: Assessment | undefined; revision: number }> {
		if (!this.#given) {
			const light = await readAssessment(this.id);
			if (light) return light;
		}
		return this.#read();
	}

	/** The assessment and its revision, read in one transaction so they match. */
	async #read(): Promise<{ assessment: Assessment | undefined; revision: number }> {
		const [database, { getAssessment, getRevision }] = await Promise.all([
			this.#database(),
			loadDb()
		]);
		return database.transaction('r', database.assessments, database.answers, async () => {
			const [assessment, revision] = await Promise.all([
				getAssessment(this.id, database),
				getRevision(this.id, database)
			]);
			return { assessment, revision: revision ?? 0 };
		});
	}

	/** One of our writes committed with this revision (just before the machine applies it). */
	#committed(revision: number): void {
		this.#commits += 1;
		this.savedWrites = this.#commits;
		// Revisions go up by one per write, whichever tab writes: written straight on top of what
		// we knew, so the machine's copy (with this write applied) matches storage: no read needed.
		if (revision === this.#knownRevision + 1) this.#knownRevision = revision;
		// Storage holds this revision now: the watcher does not report the answers we commit.
		if (this.#lastSeenRevision !== undefined && revision > this.#lastSeenRevision)
			this.#lastSeenRevision = revision;
	}

	/** The watcher saw this revision in storage. */
	#seen(revision: number | undefined): void {
		this.#lastSeenRevision = revision;
		this.#setDeleted(revision === undefined);
		if (revision !== undefined && revision !== this.#knownRevision) void this.#check();
	}

	/**
	 * A revision this tab does not know was reported: read the one small row again and read the
	 * whole assessment only when storage still holds a revision this tab does not know. The
	 * watcher's report can be overtaken by one of our own writes: its read ran before our write
	 * committed (a first report arriving while the user answers at once), or after it committed
	 * but before the session counted it. Either way the report names a revision that our own
	 * write explains, and reading everything again would cost the full read that our own writes
	 * must not cost. A write of ours that commits during the check makes it look again.
	 */
	async #check(): Promise<void> {
		if (this.#checking) {
			this.#checkAgain = true;
			return;
		}
		this.#checking = true;
		try {
			do {
				this.#checkAgain = false;
				const commits = this.#commits;
				const [database, { getRevision }] = await Promise.all([this.#database(), loadDb()]);
				const revision = await getRevision(this.id, database);
				if (!this.#actor || revision === undefined || revision === this.#knownRevision) continue;
				if (commits !== this.#commits) {
					this.#checkAgain = true;
					continue;
				}
				await this.#catchUp();
			} while (this.#checkAgain);
		} catch {
			/* reads failing surface as write errors; nothing to merge */
		} finally {
			this.#checking = false;
		}
	}

	/**
	 * The assessment disappeared from storage (deleted in another window) or came back (an undo
	 * there). While it is gone this window drops its drafts and keeps no new ones, so nothing of it
	 * stays behind in web storage.
	 */
	#setDeleted(gone: boolean): void {
		this.deletedElsewhere = gone;
		if (gone) forgetDrafts(this.id);
		else allowDrafts(this.id);
	}

	/** Read the whole assessment (a change from another tab) and merge it into the machine. */
	async #catchUp(): Promise<void> {
		if (this.#reading) {
			this.#readAgain = true;
			return;
		}
		this.#reading = true;
		try {
			do {
				this.#readAgain = false;
				const commits = this.#commits;
				this.#fullReads += 1;
				const { assessment, revision } = await this.#read();
				if (!this.#actor) return;
				if (!assessment) {
					this.#setDeleted(true);
					return;
				}
				const extended = await this.#bankFor(assessment);
				if (!this.#actor) return;
				if (commits !== this.#commits) {
					// One of our writes committed meanwhile and the machine already applied it; this
					// copy may predate it. Read again rather than step back.
					this.#readAgain = true;
					continue;
				}
				const quiet = revision === this.#quietRevision;
				this.#merge(assessment, extended ? this.#useBank(extended) : null, quiet);
				this.#knownRevision = revision;
				// Reports that arrived during the read are covered when the newest one is this one.
				if (this.#lastSeenRevision === revision) this.#readAgain = false;
			} while (this.#readAgain);
		} catch {
			/* reads failing surface as write errors; nothing to merge */
		} finally {
			this.#reading = false;
		}
	}

	/**
	 * The newest revision the storage watcher has reported (undefined: the assessment is gone).
	 * Tests wait for it instead of sleeping.
	 */
	get seenRevision(): number | undefined {
		return this.#lastSeenRevision;
	}

	/** Full reads the watcher made: only changes this tab did not write should cost one. */
	get watcherReads(): number {
		return this.#fullReads;
	}

	#merge(a: Assessment, bank: BankCore | null, quiet = false): void {
		const actor = this.#actor;
		if (!actor) return;
		const before = actor.getSnapshot().context;
		const idle = before.pending.length === 0;
		actor.send({ type: 'external.sync', assessment: a, ...(bank ? { bank } : {}) });
		const after = actor.getSnapshot().context.assessment;
		if (idle && !quiet && !sameValue(withoutVolatile(before.assessment), withoutVolatile(after))) {
			this.externalNotice = 'Updated with changes saved in another window.';
		}
	}

	#watch(): void {
		if (this.#live || this.#watching) return;
		this.#watching = true;
		void Promise.all([this.#database(), loadDb()]).then(
			([database, { watchRevision }]) => {
				if (this.#destroyed) return;
				// One small row per change instead of the assessment with every answer and note;
				// not for the answers this tab commits itself (it hears of those in #committed).
				this.#live = watchRevision(
					this.id,
					database,
					(revision) => this.#seen(revision),
					() => {
						/* reads failing surface as write errors; nothing to merge */
					}
				);
			},
			() => {
				// Dexie could not load (offline without its chunk): the next write reports it.
				this.#watching = false;
			}
		);
	}

	#watching = false;
	#prepareTimer: ReturnType<typeof setTimeout> | null = null;

	/**
	 * Dexie, the commit module and this tab's copy of the document, made ready for the visit's
	 * first write (`prepareWrites`) a few seconds after the first question showed, when the page
	 * is idle: while the user reads the question, not while the page loads (building the copy of
	 * a large assessment is one task that would compete with the loading), and so that the first
	 * answer saves as quickly as the ones after it (without this it loaded them all, ≈ 0.3 s at
	 * 4× CPU). A user who answers sooner loses nothing: the write does that work itself.
	 */
	#prepareWritesLater(): void {
		if (this.#destroyed) return;
		this.#prepareTimer = setTimeout(() => {
			const go = () => {
				if (!this.#destroyed) void prepareWrites(this.id).catch(() => false);
			};
			if (typeof requestIdleCallback === 'function')
				requestIdleCallback(go, { timeout: PREPARE_WRITES_AFTER_MS });
			else go();
		}, PREPARE_WRITES_AFTER_MS);
	}

	destroy(): void {
		this.#destroyed = true;
		if (this.#prepareTimer !== null) clearTimeout(this.#prepareTimer);
		this.#stopWaiting?.();
		this.#live?.unsubscribe();
		this.#unsubscribeActor?.();
		this.#unregisterFlush?.();
		this.#actor?.stop();
		this.#actor = null;
	}

	/** Resolves when every queued write has committed; rejects when saving failed. */
	whenSaved(): Promise<void> {
		const actor = this.#actor;
		if (!actor) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const check = (s: InterviewSnapshot) => {
				if (s.context.pending.length === 0) return (resolve(), true);
				if (s.context.save.status === 'error')
					return (reject(new Error(s.context.save.message ?? 'Not saved')), true);
				return false;
			};
			if (check(actor.getSnapshot())) return;
			const sub = actor.subscribe((s) => {
				if (check(s)) sub.unsubscribe();
			});
		});
	}

	// ----------------------------------------------------------------- derived state

	/**
	 * Deriveds, not getters: a snapshot that leaves the assessment as it was (a write queued,
	 * sent or committed) then does not recompute applicability, progress and the review lists.
	 */
	readonly assessment: Assessment | null = $derived(this.snapshot?.context.assessment ?? null);

	readonly position: Position = $derived(
		this.snapshot?.context.position ?? { stage: 'start', questionId: null }
	);

	get stage(): Stage {
		return this.position.stage;
	}

	/*
	 * Deriveds too, not getters: each answer gives the machine two new snapshots (the edit, then
	 * its commit), and a getter would re-run everything that reads it both times. A derived only
	 * tells its readers when its value changed (the same save-state object, the same count).
	 */
	readonly save: SaveState = $derived(this.snapshot?.context.save ?? IDLE_SAVE);

	readonly pendingCount: number = $derived(this.snapshot?.context.pending.length ?? 0);

	readonly conflict: Conflict | null = $derived(this.snapshot?.context.conflict ?? null);

	/** Refused edits waiting for a decision after `conflict`. */
	readonly conflictsWaiting: number = $derived(this.snapshot?.context.conflictQueue.length ?? 0);

	readonly blocked: Blocked | null = $derived(this.snapshot?.context.blocked ?? null);

	/**
	 * The assessment as the scope and stage rules see it: the same object for as long as only
	 * answers change (see `sameOutsideAnswers`). Applicability, the path, reachable stages and
	 * their check marks derive from it, so answering a question recomputes none of them over the
	 * whole bank; only the progress counts follow the answers (incrementally, see `progress`).
	 * The rules read no answer, so the older object gives the same results.
	 */
	#frameMemo: Assessment | null = null;
	readonly #frame: Assessment | null = $derived.by(() => {
		const a = this.assessment;
		if (!a) return null;
		const m = this.#frameMemo;
		if (m && sameOutsideAnswers(m, a)) return m;
		return (this.#frameMemo = a);
	});

	readonly applicability: QuestionApplicability<QuestionCore>[] = $derived.by(() =>
		this.bank && this.#frame ? questionApplicability(this.bank, this.#frame) : []
	);

	/** The applicable questions' ids in interview order (`maturityPath`). */
	readonly path: string[] = $derived(
		this.applicability.filter((x) => x.applicable).map((x) => x.question.id)
	);

	#progressMemo: {
		bank: BankCore;
		applicability: QuestionApplicability<QuestionCore>[];
		assessment: Assessment;
		progress: Progress;
	} | null = null;
	/**
	 * Counted once for a scope, then updated from the answers that changed (`updateProgress`):
	 * a change of level keeps the same object, so nothing that shows a count is updated.
	 */
	readonly progress: Progress = $derived.by(() => {
		const bank = this.bank;
		const a = this.assessment;
		const applicability = this.applicability;
		if (!bank || !a) return { areas: [], answered: 0, total: 0, percent: 0 };
		const m = this.#progressMemo;
		const p =
			m && m.bank === bank && m.applicability === applicability
				? updateProgress(m.progress, m.assessment, a)
				: progress(bank, a, applicability);
		this.#progressMemo = { bank, applicability, assessment: a, progress: p };
		return p;
	});

	readonly review: ReviewLists | null = $derived.by(() =>
		this.bank && this.assessment
			? reviewLists(this.bank, this.assessment, this.applicability)
			: null
	);

	readonly reachable: Record<Stage, boolean> = $derived.by(() => {
		const out = {} as Record<Stage, boolean>;
		const frame = this.#frame;
		for (const s of STAGES) {
			out[s] = !!(this.bank && frame && isReachable(this.bank, frame, s));
		}
		return out;
	});

	/** Each stage's check mark in the stage lists (display only, see `stageComplete`). */
	readonly complete: Record<Stage, boolean> = $derived.by(() => {
		const out = {} as Record<Stage, boolean>;
		const frame = this.#frame;
		const p = this.progress;
		for (const s of STAGES) out[s] = stageComplete(this.bank, frame, p, s);
		return out;
	});

	readonly place: QuestionPlace | null = $derived.by(() => {
		const bank = this.bank;
		const id = this.position.questionId;
		if (!bank || this.position.stage !== 'maturity' || !id) return null;
		const question = bank.questions.find((q) => q.id === id);
		const area = bank.areas.find((a) => a.id === question?.area);
		if (!question || !area) return null;
		const areaProgress = this.progress.areas.find((a) => a.area.id === area.id);
		const inArea = areaProgress?.questionIds ?? [];
		return {
			question,
			area,
			indexInArea: inArea.indexOf(id) + 1,
			areaTotal: inArea.length,
			indexOverall: this.path.indexOf(id) + 1,
			overallTotal: this.path.length
		};
	});

	answerOf(questionId: string): MaturityAnswer | null {
		return this.assessment?.answers[questionId] ?? null;
	}

	// ----------------------------------------------------------------- commands

	send(event: InterviewEvent): void {
		this.#actor?.send(event);
	}

	next(): void {
		this.send({ type: 'nav.next' });
	}

	back(): void {
		this.send({ type: 'nav.back' });
	}

	goto(target: GotoTarget): void {
		this.send({ type: 'nav.goto', target });
	}

	/** Answer a maturity question with a level, don't know or N/A. */
	answer(questionId: string, value: MaturityValue): void {
		this.send({ type: 'answer.set', questionId, patch: { value } });
	}

	/**
	 * Confirm carried answers of a re-assessment as still true (one question, or every one of an
	 * area): one write, one command.
	 */
	confirmCarried(questionIds: string[]): void {
		this.send({ type: 'answer.confirm', questionIds });
	}

	/** Change other parts of an answer (evidence list…), based on what is on screen now. */
	patchAnswer(questionId: string, patch: AnswerPatch): void {
		this.send({ type: 'answer.set', questionId, patch });
	}

	/**
	 * Save a text field of an answer (note, N/A justification). `baseText` is the text the user
	 * started editing from: if the stored text has changed since, the write is refused as stale.
	 */
	setAnswerText(
		questionId: string,
		field: 'note' | 'naReason',
		text: string,
		baseText: string
	): void {
		const cur = this.answerOf(questionId);
		const unchangedSinceStart = sameValue(cur?.[field] ?? '', baseText);
		const base = unchangedSinceStart ? (cur?.updatedAt ?? null) : `stale:${cur?.updatedAt ?? ''}`;
		this.send({ type: 'answer.set', questionId, patch: { [field]: text }, base });
	}

	/** The built-in bank (without the custom questions): what custom questions are checked against. */
	get builtInBank(): Bank | null {
		return this.#baseBank;
	}

	/**
	 * Change the assessment's own custom questions (a db command, checked against the built-in
	 * bank; see saveCustomQuestion) and take the result in at once: the interview then asks what
	 * the list now holds. Resolves with the problems when the checks refuse it (nothing stored).
	 */
	async changeCustomQuestions(
		write: (bank: Bank, database: ReadinessDB) => Promise<number>
	): Promise<{ ok: true } | { ok: false; problems: string[] }> {
		let bank: Bank;
		try {
			bank = await this.needFullBank();
		} catch (e) {
			return { ok: false, problems: [e instanceof Error ? e.message : String(e)] };
		}
		try {
			const known = this.#knownRevision;
			const revision = await write(bank, await this.#database());
			// Written straight on top of what this tab knew: taking it in is no news from elsewhere.
			if (revision === known + 1) this.#quietRevision = revision;
			await this.#catchUp();
			return { ok: true };
		} catch (e) {
			const m = await loadDb().catch(() => null);
			if (m && e instanceof m.CustomQuestionsRefused) return { ok: false, problems: e.problems };
			return { ok: false, problems: [storageErrorMessage(e, 'The custom question')] };
		}
	}

	dismissNotice(): void {
		this.externalNotice = null;
	}

	/** After a failed restore: go to the first unanswered question (or stage) and carry on. */
	continueFromFirstUnanswered(): void {
		this.restoreProblem = null;
		if (!this.bank || !this.assessment) return;
		const pos = derivePosition(this.bank, this.assessment);
		this.goto(
			pos.stage === 'maturity' && pos.questionId
				? { stage: 'maturity', questionId: pos.questionId }
				: { stage: pos.stage }
		);
	}
}
