/**
 * The firm library as reactive state, with one named command per change. Every command builds
 * the next library, validates it with the same check as a library file (`checkLibrary`: the
 * bank's schema and cross-checks for the custom questions) and stores it in one transaction;
 * when the check fails nothing is stored and the problems come back in words.
 *
 * Create it during component initialisation (it uses `$effect` to follow the stored library,
 * so a change made in another tab shows here too). The first read is the light one
 * (`$lib/db/light`, no Dexie); Dexie and its live query load with the first change, a change
 * stored elsewhere (another tab), or at once when the light reader cannot read the database.
 */
import type { Subscription } from 'dexie';
import { loadBank } from '$lib/bank';
import {
	LIBRARY_SETTING,
	loadDb,
	readSetting,
	storageErrorMessage,
	whenDbNeeded
} from '$lib/db/light';
import type { Bank, Branding, CustomQuestion, FirmLibrary } from '$lib/domain/types';
import { emptyLibrary } from '$lib/export/library-limits';

/** The outcome of a command: nothing (stored) or what stopped it, in words. */
export type LibraryResult = { ok: true } | { ok: false; problems: string[] };

class LibraryProblems extends Error {
	constructor(readonly problems: string[]) {
		super(problems.join('\n'));
	}
}

const nowIso = () => new Date().toISOString();

/** The library's store (with Dexie): loaded with the first change, before its transaction. */
const libraryStore = () => loadDb().then(() => import('$lib/db/library'));

export class LibraryState {
	/** The stored library, or null when the device has none. */
	library = $state.raw<FirmLibrary | null>(null);
	/** The built-in bank the custom questions are checked against (loaded with the library). */
	bank = $state.raw<Bank | null>(null);
	/**
	 * The plan's owner roles (the bank's, and those small teams fold them into), set with the
	 * bank: the plan module is loaded beside the bank rather than with the page.
	 */
	ownerRoles = $state.raw<string[]>([]);
	loading = $state(true);
	/** A message when the library or the bank cannot be read. */
	error = $state<string | null>(null);

	constructor() {
		$effect(() => {
			let cancelled = false;
			Promise.all([loadBank(), import('$lib/domain/engine/plan')]).then(
				([b, { ownerRolesOf }]) => {
					if (cancelled) return;
					this.ownerRoles = ownerRolesOf(b);
					this.bank = b;
				},
				(e: unknown) => {
					if (!cancelled) this.error = `The question bank could not be loaded (${String(e)}).`;
				}
			);
			let sub: Subscription | null = null;
			let following = false;
			const failed = (e: unknown) => {
				if (cancelled) return;
				this.error = storageErrorMessage(e, 'The firm library');
				this.loading = false;
			};
			const follow = () => {
				if (following || cancelled) return;
				following = true;
				Promise.all([loadDb(), import('$lib/db/library')]).then(
					([{ liveQuery }, { getLibrary }]) => {
						if (cancelled) return;
						sub = liveQuery(() => getLibrary()).subscribe({
							next: (lib) => {
								this.library = lib ?? null;
								this.loading = false;
							},
							error: failed
						});
					},
					failed
				);
			};
			// Listen before the first read, so that a change stored after it is never missed.
			let shown = false;
			let needed = false;
			const stopWaiting = whenDbNeeded(() => (shown ? follow() : (needed = true)));
			void readSetting<FirmLibrary>(LIBRARY_SETTING).then((light) => {
				if (cancelled) return;
				if (!light) return follow();
				this.library = light.value ?? null;
				this.loading = false;
				shown = true;
				if (needed) follow();
			});
			return () => {
				cancelled = true;
				stopWaiting();
				sub?.unsubscribe();
			};
		});
	}

	/** Ids no new question may take (active and retired: ids are forever). */
	get takenIds(): readonly string[] {
		return this.library?.questions.map((q) => q.id) ?? [];
	}

	async #change(
		edit: (current: FirmLibrary) => FirmLibrary,
		create = false
	): Promise<LibraryResult> {
		const bank = this.bank ?? (await loadBank());
		try {
			// The check (valibot and the bank's cross-checks) loads with the first change, before
			// the transaction opens.
			const { checkLibrary } = await import('$lib/export/library');
			const { updateLibrary } = await libraryStore();
			const stored = await updateLibrary((current) => {
				if (!current && !create)
					throw new LibraryProblems(['There is no firm library on this device yet.']);
				const now = nowIso();
				const next = { ...edit(current ?? emptyLibrary('', now)), updatedAt: now };
				const checked = checkLibrary(bank, next, now);
				if (!checked.library) throw new LibraryProblems(checked.problems);
				return checked.library;
			});
			this.library = stored;
			return { ok: true };
		} catch (e) {
			if (e instanceof LibraryProblems) return { ok: false, problems: e.problems };
			return { ok: false, problems: [storageErrorMessage(e, 'The firm library')] };
		}
	}

	/** Start a library (or rename the one there is). */
	create(name: string): Promise<LibraryResult> {
		return this.#change((lib) => ({ ...lib, name }), true);
	}

	rename(name: string): Promise<LibraryResult> {
		return this.#change((lib) => ({ ...lib, name }));
	}

	/** Add a question, or replace the one with the same id. */
	saveQuestion(question: CustomQuestion): Promise<LibraryResult> {
		return this.#change((lib) => {
			const i = lib.questions.findIndex((q) => q.id === question.id);
			const questions =
				i < 0
					? [...lib.questions, question]
					: lib.questions.map((q, j) => (j === i ? question : q));
			return { ...lib, questions };
		});
	}

	/** Retire (or bring back) a question: it stays in the library under its id. */
	setRetired(id: string, retired: boolean): Promise<LibraryResult> {
		return this.#change((lib) => ({
			...lib,
			questions: lib.questions.map((q) => {
				if (q.id !== id) return q;
				const { retired: _r, ...rest } = q;
				return retired ? { ...rest, retired: true } : rest;
			})
		}));
	}

	/** Name an owner role ('' removes the name). */
	setOwnerRole(role: string, name: string): Promise<LibraryResult> {
		return this.#change((lib) => {
			const ownerRoles = { ...lib.ownerRoles };
			if (name.trim()) ownerRoles[role] = name;
			else delete ownerRoles[role];
			return { ...lib, ownerRoles };
		});
	}

	setIntroduction(introduction: string): Promise<LibraryResult> {
		return this.#change((lib) => ({ ...lib, introduction }));
	}

	setBranding(branding: Branding): Promise<LibraryResult> {
		return this.#change((lib) => ({ ...lib, branding: { ...lib.branding, ...branding } }));
	}

	/** The bank, waited for when it is still loading (a file chosen early is not dropped). */
	async bankLoaded(): Promise<Bank> {
		return this.bank ?? (await loadBank());
	}

	/** Replace the whole library with one read from a file (already validated). */
	replace(library: FirmLibrary): Promise<LibraryResult> {
		return this.#change(() => library, true);
	}

	async remove(): Promise<LibraryResult> {
		try {
			const { deleteLibrary } = await libraryStore();
			await deleteLibrary();
			this.library = null;
			return { ok: true };
		} catch (e) {
			return { ok: false, problems: [storageErrorMessage(e, 'The firm library')] };
		}
	}
}
