import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	ReadinessDB,
	blankAssessment,
	createAssessment,
	getAssessment,
	getSetting,
	listAssessments,
	listKeyOf,
	putAssessment,
	renameAssessment,
	saveAnswer,
	setDb,
	unsavedInput
} from '$lib/db';
import { toasts } from '$lib/components/app/toasts.svelte';
import AssessmentsPage from './AssessmentsPage.svelte';
import Toasts from '$lib/components/app/Toasts.svelte';

const goto = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock('$app/navigation', () => ({ goto }));
vi.mock('$app/paths', () => ({ resolve: (p: string) => p }));
// Import counts answers against the question bank; this page's tests answer questions q, q1, q2
// (compiling the real bank in jsdom takes seconds: the e2e tests import with the real one).
vi.mock('$lib/bank', () => ({
	loadBank: async () => ({ questions: [{ id: 'q' }, { id: 'q1' }, { id: 'q2' }] })
}));

let database: ReadinessDB;
let n = 0;
beforeEach(async () => {
	database = new ReadinessDB(`list-component-${++n}`);
	await database.open();
	setDb(database);
	goto.mockClear();
	toasts.clear();
});
afterEach(async () => {
	vi.restoreAllMocks();
	setDb(null);
	await database.delete();
});

const meta = (organisation: string, assessmentDate = '2026-11-01') => ({
	organisation,
	assessor: 'Ada Lovelace',
	assessmentDate,
	targetReportDate: null
});

function setup() {
	const user = userEvent.setup();
	render(AssessmentsPage);
	render(Toasts);
	return user;
}

/** Store `n` assessments "Client 000"… directly, as rows of the current schema. */
async function seedClients(n: number) {
	await database.assessments.bulkAdd(
		Array.from({ length: n }, (_, i) => {
			const a = blankAssessment(meta(`Client ${String(i).padStart(3, '0')}`), `id-${i}`);
			const { answers: _a, ...rest } = a;
			const row = {
				...rest,
				revision: 1,
				orgKey: a.meta.organisation.toLowerCase(),
				answeredCount: i % 7
			};
			return { ...row, listKey: listKeyOf(row) };
		})
	);
}

const cards = () =>
	screen
		.queryAllByRole('listitem')
		.filter((li) => li.hasAttribute('data-assessment-id'))
		.map((li) => within(li).getByRole('heading').textContent?.trim());

describe('empty state', () => {
	it('explains the tool, the attestation and the privacy promise', async () => {
		setup();
		const h1 = await screen.findByRole('heading', { level: 1 });
		expect(h1).toHaveTextContent(/how ready you are for a SOC 2 audit/);
		const text = document.body.textContent ?? '';
		expect(text).toMatch(/licensed CPA firm/);
		expect(text).toMatch(/attestation, not a certificate/);
		expect(text).toMatch(/Nothing leaves this device/);
		expect(screen.getByRole('button', { name: /Create your first assessment/ })).toBeVisible();
		expect(screen.getByRole('button', { name: /Import an assessment file/ })).toBeVisible();
	});
});

describe('create', () => {
	it('validates, then creates and opens the interview', async () => {
		const user = setup();
		await user.click(await screen.findByRole('button', { name: /Create your first assessment/ }));
		const dialog = screen.getByRole('dialog', { name: 'New assessment' });
		const org = within(dialog).getByRole('textbox', { name: 'Organisation' });
		expect(within(dialog).getByLabelText('Assessment date')).toHaveValue(
			new Date().toLocaleDateString('sv-SE')
		);
		await user.click(within(dialog).getByRole('button', { name: 'Create and start' }));
		expect(org).toHaveAttribute('aria-invalid', 'true');
		expect(org).toHaveAccessibleDescription(/Enter the name of the organisation/);
		expect(within(dialog).getByRole('textbox', { name: 'Assessor' })).toHaveAccessibleDescription(
			/Enter who is running the assessment/
		);
		expect(org).toHaveFocus();
		expect(await listAssessments(database)).toHaveLength(0);

		await user.type(org, '  Acme Ltd ');
		await user.type(within(dialog).getByRole('textbox', { name: 'Assessor' }), 'Ada');
		// Typed, not created yet: an app update would ask before reloading over it.
		expect(unsavedInput()).toEqual(['the new assessment “Acme Ltd” you are creating']);
		const date = within(dialog).getByLabelText('Assessment date');
		await user.clear(date);
		await user.type(date, '2026-11-28');
		const target = within(dialog).getByLabelText('Target report date');
		await user.type(target, '2026-01-01');
		await user.click(within(dialog).getByRole('button', { name: 'Create and start' }));
		expect(target).toHaveAccessibleDescription(/cannot be before the assessment date/);
		expect(await listAssessments(database)).toHaveLength(0);

		await user.clear(target);
		await user.type(target, '2027-06-30');
		await user.click(within(dialog).getByRole('button', { name: 'Create and start' }));
		await waitFor(() => expect(goto).toHaveBeenCalledTimes(1));
		const [stored] = await listAssessments(database);
		expect(stored).toMatchObject({
			organisation: 'Acme Ltd',
			assessor: 'Ada',
			assessmentDate: '2026-11-28',
			targetReportDate: '2027-06-30'
		});
		expect(goto).toHaveBeenCalledWith(`/interview?id=${encodeURIComponent(stored!.id)}`);
		await waitFor(() =>
			expect(screen.queryByRole('dialog', { name: 'New assessment' })).toBeNull()
		);
		expect(unsavedInput()).toEqual([]);
	});

	it('shows a clear message and never claims success when the browser refuses the write', async () => {
		const user = setup();
		vi.spyOn(database.assessments, 'put').mockImplementation(
			() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never
		);
		await user.click(await screen.findByRole('button', { name: /Create your first assessment/ }));
		const dialog = screen.getByRole('dialog');
		await user.type(within(dialog).getByRole('textbox', { name: 'Organisation' }), 'Acme');
		await user.type(within(dialog).getByRole('textbox', { name: 'Assessor' }), 'Ada');
		await user.click(within(dialog).getByRole('button', { name: 'Create and start' }));
		expect(await within(dialog).findByRole('alert')).toHaveTextContent(/no more storage space/);
		expect(goto).not.toHaveBeenCalled();
		expect(screen.getByRole('dialog')).toBeInTheDocument();
		expect(await database.assessments.count()).toBe(0);
	});
});

describe('the list', () => {
	it('shows every assessment with its answered count and backup status, newest first', async () => {
		const old = await createAssessment(meta('Old Co'), database);
		await saveAnswer(old.id, 'q1', { value: 3, evidence: [], updatedAt: 'x' }, database);
		await saveAnswer(
			old.id,
			'q2',
			{ value: 'na', naReason: 'n/a', evidence: [], updatedAt: 'x' },
			database
		);
		// "New Co" must be modified later than "Old Co": wait for the clock to pass it.
		const oldAt = (await getAssessment(old.id, database))!.updatedAt;
		while (new Date().toISOString() <= oldAt) await new Promise((r) => setTimeout(r, 0));
		await createAssessment(meta('New Co'), database);
		setup();
		await screen.findByRole('heading', { name: 'Assessments', level: 1 });
		await waitFor(() => expect(cards()).toEqual(['New Co', 'Old Co']));
		const oldCard = screen.getByRole('heading', { name: 'Old Co' }).closest('li')!;
		expect(oldCard).toHaveTextContent('2 answers');
		expect(oldCard).toHaveTextContent('Never exported');
		// The date as the report and the question cards write it (whatever the locale).
		expect(oldCard).toHaveTextContent('Assessment date: 1 Nov 2026');
		expect(within(oldCard).getByRole('link', { name: 'Old Co' })).toHaveAttribute(
			'href',
			`/interview?id=${old.id}`
		);
		expect(screen.getByText(/One assessment has no recent backup/)).toBeInTheDocument();
	});

	it('searches by organisation (accents and case ignored) and sorts by name, remembering the choice', async () => {
		for (const name of ['Zeta Health', 'Ελληνική Υγεία', 'acme payments', 'Beta Cloud']) {
			await createAssessment(meta(name), database);
		}
		const user = setup();
		await waitFor(() => expect(cards()).toHaveLength(4));
		await user.selectOptions(screen.getByLabelText('Sort by'), 'name');
		expect(cards()).toEqual(['acme payments', 'Beta Cloud', 'Zeta Health', 'Ελληνική Υγεία']);
		await waitFor(async () => expect(await getSetting('list.sort', database)).toBe('name'));
		const search = screen.getByRole('searchbox', { name: 'Search by organisation' });
		await user.type(search, 'ELLHN');
		expect(cards()).toEqual([]);
		expect(screen.getByText(/No assessment matches/)).toBeInTheDocument();
		await user.clear(search);
		await user.type(search, 'ελληνικη');
		expect(cards()).toEqual(['Ελληνική Υγεία']);
		await user.clear(search);
		await user.type(search, 'CLOUD');
		expect(cards()).toEqual(['Beta Cloud']);
	});

	it('stays correct with 200 assessments', async () => {
		await seedClients(200);
		const user = setup();
		// The first page is rendered; the rest is one click away, and search covers all of them.
		await waitFor(() => expect(cards()).toHaveLength(50));
		expect(screen.getByText('Showing 50 of 200 assessments.')).toBeVisible();
		const search = screen.getByRole('searchbox');
		await user.type(search, 'client 19');
		// (Sorted here: rows created in different milliseconds are listed newest first.)
		expect(cards().sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Client 19${i}`));
		expect(screen.queryByRole('button', { name: /^Show/ })).toBeNull();
		await user.clear(search);
		expect(cards()).toHaveLength(50);

		await user.click(screen.getByRole('button', { name: 'Show 50 more' }));
		expect(cards()).toHaveLength(100);
		// Keyboard users continue where the new cards start.
		const list = screen.getAllByRole('listitem').filter((li) => li.dataset.assessmentId);
		expect(within(list[50]!).getByRole('link')).toHaveFocus();
		await user.click(screen.getByRole('button', { name: 'Show all 200' }));
		expect(cards()).toHaveLength(200);
		expect(screen.queryByRole('button', { name: /^Show/ })).toBeNull();
		await user.type(search, 'client 1');
		expect(cards()).toHaveLength(100); // Client 100–199
	});

	it('shows a duplicate that sorts beyond the first page', async () => {
		// One more than a page: the copy sorts 52nd, beyond the 50 rendered at first.
		await seedClients(51);
		const user = setup();
		await waitFor(() => expect(cards()).toHaveLength(50));
		await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'name');
		await user.click(screen.getByRole('button', { name: 'More actions for Client 000' }));
		await user.click(screen.getByRole('button', { name: 'Duplicate' }));
		const dialog = screen.getByRole('dialog', { name: 'Duplicate assessment' });
		const name = within(dialog).getByRole('textbox', { name: 'Name of the copy' });
		await user.clear(name);
		await user.type(name, 'Zulu Q2');
		await user.click(within(dialog).getByRole('button', { name: 'Duplicate' }));
		// 52nd by name, yet rendered (and highlighted) without asking for more. (jsdom is slow
		// with this many cards, and much slower on a busy 2-core machine: a generous bound for
		// a condition, well inside the test's own timeout.)
		await waitFor(() => expect(cards().at(-1)).toBe('Zulu Q2'), { timeout: 90_000 });
		expect(cards()).toHaveLength(52);
		const card = screen.getAllByRole('listitem').find((li) => li.textContent?.includes('Zulu Q2'));
		expect(card).toHaveClass('highlight');
	}, 150_000);

	it('reflects changes made elsewhere (another tab) without a reload', async () => {
		setup();
		await screen.findByRole('button', { name: /Create your first assessment/ });
		await createAssessment(meta('From another tab'), database);
		await waitFor(() => expect(cards()).toEqual(['From another tab']));
	});
});

describe('row actions', () => {
	it('renames, validating the name', async () => {
		const a = await createAssessment(meta('Acme'), database);
		const user = setup();
		await user.click(await screen.findByRole('button', { name: 'More actions for Acme' }));
		await user.click(screen.getByRole('button', { name: 'Rename' }));
		const dialog = screen.getByRole('dialog', { name: 'Rename assessment' });
		const input = within(dialog).getByRole('textbox', { name: 'Organisation' });
		await user.clear(input);
		await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
		expect(input).toHaveAccessibleDescription(/Enter the name of the organisation/);
		await user.type(input, 'Acme Group');
		await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
		await waitFor(() => expect(cards()).toEqual(['Acme Group']));
		expect(screen.queryByRole('dialog')).toBeNull();
		expect((await getAssessment(a.id, database))?.meta.organisation).toBe('Acme Group');
	});

	it('duplicates with all answers for a re-assessment', async () => {
		const a = await createAssessment(meta('Acme'), database);
		await saveAnswer(
			a.id,
			'q1',
			{ value: 4, note: 'quarterly review', evidence: [], updatedAt: 'x' },
			database
		);
		const user = setup();
		await user.click(await screen.findByRole('button', { name: 'More actions for Acme' }));
		await user.click(screen.getByRole('button', { name: 'Duplicate' }));
		const dialog = screen.getByRole('dialog', { name: 'Duplicate assessment' });
		const name = within(dialog).getByRole('textbox', { name: 'Name of the copy' });
		await user.clear(name);
		await user.type(name, 'Acme Q2');
		await user.click(within(dialog).getByRole('button', { name: 'Duplicate' }));
		await waitFor(() => expect(cards()).toHaveLength(2));
		const copy = (await listAssessments(database)).find((s) => s.organisation === 'Acme Q2')!;
		expect(copy.answered).toBe(1);
		expect((await getAssessment(copy.id, database))?.answers.q1?.note).toBe('quarterly review');
	});

	it('offers a copy name that fits, even for the longest name an import may bring', async () => {
		const longest = 'L'.repeat(500);
		const a = await createAssessment(meta('Long'), database);
		await renameAssessment(a.id, longest, database);
		const user = setup();
		await user.click(await screen.findByRole('button', { name: `More actions for ${longest}` }));
		await user.click(screen.getByRole('button', { name: 'Duplicate' }));
		const dialog = screen.getByRole('dialog', { name: 'Duplicate assessment' });
		const name = within(dialog).getByRole('textbox', {
			name: 'Name of the copy'
		}) as HTMLInputElement;
		expect(name.value).toMatch(/^L+… \(copy\)$/);
		expect(name.value.length).toBeLessThanOrEqual(500);
		await user.click(within(dialog).getByRole('button', { name: 'Duplicate' }));
		await waitFor(() => expect(cards()).toHaveLength(2));
		expect(cards()).toContain(name.value);
	});

	it('a refused copy name takes the focus with its reason, and nothing is stored', async () => {
		await createAssessment(meta('Acme'), database);
		const user = setup();
		await user.click(await screen.findByRole('button', { name: 'More actions for Acme' }));
		await user.click(screen.getByRole('button', { name: 'Duplicate' }));
		const dialog = screen.getByRole('dialog', { name: 'Duplicate assessment' });
		const name = within(dialog).getByRole('textbox', { name: 'Name of the copy' });
		await user.clear(name);
		await user.click(within(dialog).getByRole('button', { name: 'Duplicate' }));
		expect(name).toHaveAttribute('aria-invalid', 'true');
		expect(name).toHaveAccessibleDescription(/Enter the name of the organisation/);
		expect(name).toHaveFocus();
		expect(cards()).toEqual(['Acme']);
	});

	it('export with a passphrase: a short or mismatched one takes the focus with its reason', async () => {
		await createAssessment(meta('Acme'), database);
		const user = setup();
		await user.click(await screen.findByRole('button', { name: 'Export Acme' }));
		const dialog = await screen.findByRole('dialog', { name: 'Export “Acme”' });
		await user.click(within(dialog).getByRole('checkbox', { name: /Encrypt with a passphrase/ }));
		const pass = within(dialog).getByLabelText('Passphrase');
		const again = within(dialog).getByLabelText('Repeat the passphrase');
		await user.type(pass, 'short');
		await user.click(within(dialog).getByRole('button', { name: 'Download file' }));
		expect(pass).toHaveAttribute('aria-invalid', 'true');
		expect(pass).toHaveFocus();
		await user.clear(pass);
		await user.type(pass, 'correct horse battery staple');
		await user.type(again, 'correct horse battery stable');
		await user.click(within(dialog).getByRole('button', { name: 'Download file' }));
		expect(again).toHaveAttribute('aria-invalid', 'true');
		expect(again).toHaveFocus();
	});

	it('deletes after confirmation and restores everything with Undo', async () => {
		const a = await createAssessment(meta('Doomed Ltd'), database);
		await saveAnswer(a.id, 'q1', { value: 2, evidence: [], updatedAt: 'x' }, database);
		const before = await getAssessment(a.id, database);
		const user = setup();
		await user.click(await screen.findByRole('button', { name: 'More actions for Doomed Ltd' }));
		await user.click(screen.getByRole('button', { name: 'Delete…' }));
		const dialog = screen.getByRole('dialog', { name: 'Delete “Doomed Ltd”?' });
		expect(dialog).toHaveTextContent(/undo it for 10 seconds/);
		expect(
			within(dialog).getByRole('button', { name: /Export a backup first/ })
		).toBeInTheDocument();
		await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
		await waitFor(() => expect(screen.queryByRole('heading', { name: 'Doomed Ltd' })).toBeNull());
		expect(await getAssessment(a.id, database)).toBeUndefined();
		expect(await database.answers.count()).toBe(0);
		expect(toasts.items[0]).toMatchObject({ message: 'Deleted “Doomed Ltd”.', timeout: 10_000 });
		await user.click(await screen.findByRole('button', { name: 'Undo' }));
		await waitFor(() => expect(cards()).toEqual(['Doomed Ltd']));
		expect(await getAssessment(a.id, database)).toEqual(before);
	});

	it('keeps the undo of a delete when storage is full: says why, and Try again restores everything once space is freed', async () => {
		const a = await createAssessment(meta('Doomed Ltd'), database);
		await saveAnswer(
			a.id,
			'q1',
			{ value: 2, note: 'kept', evidence: [], updatedAt: 'x' },
			database
		);
		await saveAnswer(a.id, 'q2', { value: 4, evidence: [], updatedAt: 'y' }, database);
		const before = await getAssessment(a.id, database);
		const user = setup();
		await user.click(await screen.findByRole('button', { name: 'More actions for Doomed Ltd' }));
		await user.click(screen.getByRole('button', { name: 'Delete…' }));
		await user.click(
			within(screen.getByRole('dialog', { name: 'Delete “Doomed Ltd”?' })).getByRole('button', {
				name: 'Delete'
			})
		);
		await waitFor(() => expect(screen.queryByRole('heading', { name: 'Doomed Ltd' })).toBeNull());

		// The disk is full: the browser refuses the restore's writes.
		const full = vi
			.spyOn(database.assessments, 'put')
			.mockImplementation(
				() =>
					Promise.reject(
						new DOMException('The quota has been exceeded.', 'QuotaExceededError')
					) as never
			);
		await user.click(await screen.findByRole('button', { name: 'Undo' }));
		const alert = await screen.findByText(/The restore of “Doomed Ltd” could not be saved/);
		expect(alert).toHaveTextContent(/no more storage space/);
		expect(alert).toHaveTextContent(/kept here until it is restored/);
		expect(toasts.items.at(-1)).toMatchObject({ tone: 'error', timeout: null });
		expect(await getAssessment(a.id, database)).toBeUndefined();
		expect(await database.answers.count()).toBe(0);

		// A failed retry keeps the offer too.
		await user.click(screen.getByRole('button', { name: 'Try again' }));
		await waitFor(() => expect(full).toHaveBeenCalledTimes(2));
		await screen.findByRole('button', { name: 'Try again' });

		// Newer notices never push the retry off the screen.
		for (let i = 0; i < 6; i++) toasts.show({ message: `notice ${i}` });
		expect(toasts.items).toHaveLength(4);
		expect(screen.getAllByRole('button', { name: 'Try again' })).toHaveLength(1);

		// While it waits, leaving the page asks first and an app update does not reload over it.
		expect(unsavedInput()).toEqual(['the deleted assessment “Doomed Ltd”, not restored yet']);
		const leaving = new Event('beforeunload', { cancelable: true });
		window.dispatchEvent(leaving);
		expect(leaving.defaultPrevented).toBe(true);

		// Space was freed: the retry restores the assessment with all its answers.
		full.mockRestore();
		await user.click(screen.getByRole('button', { name: 'Try again' }));
		await waitFor(() => expect(cards()).toEqual(['Doomed Ltd']));
		expect(await getAssessment(a.id, database)).toEqual(before);
		expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
		expect(toasts.items.some((t) => t.message === 'Restored “Doomed Ltd”.')).toBe(true);
		// Restored: nothing is held any more.
		expect(unsavedInput()).toEqual([]);
		const after = new Event('beforeunload', { cancelable: true });
		window.dispatchEvent(after);
		expect(after.defaultPrevented).toBe(false);
	});

	it('dismissing a refused restore lets the deleted assessment go, and nothing is held any more', async () => {
		const a = await createAssessment(meta('Let Go Ltd'), database);
		const user = setup();
		await user.click(await screen.findByRole('button', { name: 'More actions for Let Go Ltd' }));
		await user.click(screen.getByRole('button', { name: 'Delete…' }));
		await user.click(
			within(screen.getByRole('dialog', { name: 'Delete “Let Go Ltd”?' })).getByRole('button', {
				name: 'Delete'
			})
		);
		await waitFor(() => expect(screen.queryByRole('heading', { name: 'Let Go Ltd' })).toBeNull());
		vi.spyOn(database.assessments, 'put').mockImplementation(
			() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never
		);
		await user.click(await screen.findByRole('button', { name: 'Undo' }));
		await screen.findByRole('button', { name: 'Try again' });
		expect(unsavedInput()).toHaveLength(1);
		await user.click(screen.getByRole('button', { name: 'Dismiss notification' }));
		expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
		expect(unsavedInput()).toEqual([]);
		expect(await getAssessment(a.id, database)).toBeUndefined();
	});

	it('cancelling the delete dialog keeps the assessment', async () => {
		await createAssessment(meta('Keep Me'), database);
		const user = setup();
		await user.click(await screen.findByRole('button', { name: 'More actions for Keep Me' }));
		await user.click(screen.getByRole('button', { name: 'Delete…' }));
		await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
		expect(screen.queryByRole('dialog')).toBeNull();
		expect(await listAssessments(database)).toHaveLength(1);
	});

	it('the row menu closes with Escape and returns focus to its button', async () => {
		await createAssessment(meta('Acme'), database);
		const user = setup();
		const toggle = await screen.findByRole('button', { name: 'More actions for Acme' });
		await user.click(toggle);
		expect(toggle).toHaveAttribute('aria-expanded', 'true');
		expect(screen.getByRole('button', { name: 'Rename' })).toHaveFocus();
		await user.keyboard('{ArrowDown}');
		expect(screen.getByRole('button', { name: 'Duplicate' })).toHaveFocus();
		await user.keyboard('{Escape}');
		expect(toggle).toHaveAttribute('aria-expanded', 'false');
		expect(toggle).toHaveFocus();
	});
});

describe('import', () => {
	it('refuses a bad file with a clear message and changes nothing', async () => {
		await createAssessment(meta('Existing'), database);
		const user = setup();
		await screen.findByRole('heading', { name: 'Existing' });
		const input = screen.getByTestId('import-input') as HTMLInputElement;
		await user.upload(
			input,
			new File(['{"format":"soc2-readiness-assessment","formatVersion":9}'], 'new.json')
		);
		const dialog = await screen.findByRole('dialog', { name: 'This file cannot be imported' });
		expect(dialog).toHaveTextContent(/newer version of the app/);
		expect(await listAssessments(database)).toHaveLength(1);
	});

	it('asks replace / keep both when the assessment already exists', async () => {
		const a = await createAssessment(meta('Acme'), database);
		const doc = {
			format: 'soc2-readiness-assessment',
			formatVersion: 1,
			exportedAt: new Date().toISOString(),
			app: { name: 'SOC 2 Readiness', version: '0.1.0' },
			assessment: {
				...(await getAssessment(a.id, database)),
				answers: { q: { value: 5, evidence: [], updatedAt: 'x' } }
			}
		};
		const user = setup();
		await screen.findByRole('heading', { name: 'Acme' });
		await user.upload(
			screen.getByTestId('import-input') as HTMLInputElement,
			new File([JSON.stringify(doc)], 'acme.json')
		);
		const dialog = await screen.findByRole('dialog', {
			name: 'This assessment is already on this device'
		});
		expect(dialog).toHaveTextContent('1 answer');
		await user.click(within(dialog).getByRole('button', { name: 'Keep both' }));
		await waitFor(() => expect(cards()).toHaveLength(2));
		expect(cards()).toContain('Acme (imported)');
		expect((await getAssessment(a.id, database))?.answers).toEqual({});
	});
});

describe('merge on import', () => {
	// (The mocked bank knows the questions q, q1 and q2.)
	it('offers Merge first; a merge combines the answers and shows a summary to review', async () => {
		const a = await createAssessment(meta('Acme'), database);
		await saveAnswer(
			a.id,
			'q',
			{ value: 2, evidence: [], updatedAt: '2026-03-01T09:00:00.000Z' },
			database
		);
		await saveAnswer(
			a.id,
			'q1',
			{ value: 1, evidence: [], updatedAt: '2026-03-01T09:00:00.000Z' },
			database
		);
		const doc = {
			format: 'soc2-readiness-assessment',
			formatVersion: 1,
			exportedAt: new Date().toISOString(),
			app: { name: 'SOC 2 Readiness', version: '0.1.0' },
			assessment: {
				...(await getAssessment(a.id, database)),
				answers: {
					q1: { value: 4, evidence: [], updatedAt: '2026-03-02T09:00:00.000Z' },
					q2: { value: 3, evidence: [], updatedAt: '2026-03-02T09:00:00.000Z' }
				}
			}
		};
		const user = setup();
		await screen.findByRole('heading', { name: 'Acme' });
		await user.upload(
			screen.getByTestId('import-input') as HTMLInputElement,
			new File([JSON.stringify(doc)], 'acme.json')
		);
		const dialog = await screen.findByRole('dialog', {
			name: 'This assessment is already on this device'
		});
		const buttons = within(dialog)
			.getAllByRole('button')
			.map((b) => b.textContent?.trim());
		expect(buttons.indexOf('Merge')).toBeGreaterThan(-1);
		expect(within(dialog).getByRole('button', { name: 'Merge' })).toHaveFocus();
		await user.click(within(dialog).getByRole('button', { name: 'Merge' }));
		const summary = await screen.findByRole('dialog', { name: 'Merged: review what changed' });
		const row = within(summary).getByRole('row', { name: /q1/ });
		expect(row).toHaveTextContent('Informal');
		expect(row).toHaveTextContent('Operating');
		expect(row).toHaveTextContent('The file’s');
		expect(summary).toHaveTextContent('q2');
		await user.click(within(summary).getByRole('button', { name: 'Done' }));
		const answers = (await getAssessment(a.id, database))!.answers;
		expect(Object.fromEntries(Object.entries(answers).map(([q, x]) => [q, x.value]))).toEqual({
			q1: 4,
			q2: 3,
			q: 2
		});
		expect(cards()).toEqual(['Acme']);
	});
});

it('putAssessment restores exactly what deleteAssessment returned (undo contract)', async () => {
	const a = await createAssessment(meta('Contract'), database);
	await putAssessment(
		{ ...a, answers: { q: { value: 1, evidence: [], updatedAt: 'x' } } },
		database
	);
	expect((await listAssessments(database))[0]?.answered).toBe(1);
});
