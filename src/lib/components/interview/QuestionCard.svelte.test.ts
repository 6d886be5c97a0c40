import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { fixtureBank } from '$lib/interview/test-fixtures';
import Harness from './QuestionCardHarness.test.svelte';
import QuestionCard from './QuestionCard.svelte';
import { shortDate as formatDate } from '$lib/domain/dates';

const question = fixtureBank().questions.find((q) => q.id === 'cc6-mfa')!;
const noop = () => {};

function setup() {
	const log: unknown[] = [];
	const utils = render(Harness, { question, log });
	return { log, ...utils };
}

describe('QuestionCard', () => {
	it('shows the question, its criteria and the guidance', () => {
		render(QuestionCard, {
			question,
			answer: null,
			criteria: fixtureBank().criteria,
			onanswer: noop,
			ontext: noop,
			onevidence: noop
		});
		expect(screen.getByRole('heading', { level: 2, name: question.prompt })).toBeInTheDocument();
		const chips = screen.getByRole('list', { name: 'Criteria this question covers' });
		expect(within(chips).getByText('CC6.1')).toBeInTheDocument();
		expect(within(chips).getByText(/Logical access/)).toBeInTheDocument();
		expect(screen.getByText('Key control')).toBeInTheDocument();
		expect(screen.getByText(question.why)).toBeInTheDocument();
		expect(screen.getByText(question.level3)).toBeInTheDocument();
		expect(screen.getByText(question.level4)).toBeInTheDocument();
		for (const e of question.evidence) expect(screen.getByText(e)).toBeInTheDocument();
		expect(screen.getByLabelText('Notes')).toBeInTheDocument();
		expect(screen.getByRole('group', { name: 'How mature is this today?' })).toBeInTheDocument();
	});

	it('shows the answer history (earlier values, when and by whom) in both variants', async () => {
		const history = [
			{ id: 'c', value: 4 as const, at: '2026-03-02T11:00:00.000Z', by: 'Sam', current: true },
			{
				id: 'b',
				value: 'na' as const,
				naReason: 'No offices',
				at: '2026-03-02T10:00:00.000Z',
				by: 'Dana',
				current: false
			},
			{ id: 'a', value: 2 as const, at: '2026-03-01T09:00:00.000Z', by: 'Dana', current: false }
		];
		for (const variant of ['desk', 'present'] as const) {
			const { unmount } = render(QuestionCard, {
				question,
				answer: { value: 4, evidence: [], updatedAt: '2026-03-02T11:00:00.000Z' },
				variant,
				history,
				onanswer: noop,
				ontext: noop,
				onevidence: noop
			});
			const box = screen.getByTestId('answer-history');
			const summary = within(box).getByText('History (2)');
			await userEvent.setup().click(summary);
			expect(box).toHaveAttribute('open');
			const items = within(box)
				.getAllByRole('listitem')
				.map((li) => li.textContent);
			expect(items[0]).toMatch(/Not applicable — No offices\s*Dana/);
			expect(items[1]).toMatch(/Documented\s*Dana/);
			unmount();
		}
		// No earlier value: no disclosure.
		render(QuestionCard, {
			question,
			answer: null,
			history: [history[0]!],
			onanswer: noop,
			ontext: noop,
			onevidence: noop
		});
		expect(screen.queryByTestId('answer-history')).toBeNull();
	});

	it('marks a custom question "Custom" at the desk and in the presenter, and only that one', () => {
		const props = { answer: null, onanswer: noop, ontext: noop, onevidence: noop };
		const builtIn = render(QuestionCard, { question, ...props });
		expect(screen.queryByText('Custom')).not.toBeInTheDocument();
		builtIn.unmount();
		const custom = { ...question, id: 'custom-badge-audit', custom: true };
		for (const variant of ['desk', 'present'] as const) {
			const r = render(QuestionCard, { question: custom, variant, ...props });
			const mark = screen.getByText('Custom');
			expect(mark).toHaveAttribute('title', expect.stringMatching(/not from the built-in bank/));
			r.unmount();
		}
	});

	it('offers an unread history of an answered question, asks for it when opened, and says what it found', async () => {
		const asked: string[] = [];
		const answer = { value: 4 as const, evidence: [], updatedAt: '2026-03-02T11:00:00.000Z' };
		const props = {
			question,
			answer,
			history: null,
			onhistory: () => asked.push('history'),
			onanswer: noop,
			ontext: noop,
			onevidence: noop
		};
		const { rerender } = render(QuestionCard, props);
		const box = screen.getByTestId('answer-history');
		// Not read yet: no count is claimed.
		const summary = within(box).getByText('History');
		expect(asked).toEqual([]);
		await userEvent.setup().click(summary);
		expect(asked).toEqual(['history']);
		expect(within(box).getByRole('status')).toHaveTextContent('Loading the history…');
		// Read: only the current answer. The open disclosure stays and says so.
		const current = { id: 'c', value: 4 as const, at: answer.updatedAt, by: 'Sam', current: true };
		await rerender({ ...props, history: [current] });
		expect(within(box).getByText('History (0)')).toBeInTheDocument();
		expect(box).toHaveTextContent('No earlier answers: this is the only one.');
		expect(within(box).queryByRole('status')).toBeNull();
		// A read that failed says so instead of loading forever.
		await rerender({ ...props, history: null, historyFailed: true });
		expect(within(box).getByRole('alert')).toHaveTextContent(
			'The history could not be read on this device.'
		);
	});

	it('offers no history for a question never answered', () => {
		render(QuestionCard, {
			question,
			answer: null,
			history: null,
			onanswer: noop,
			ontext: noop,
			onevidence: noop
		});
		expect(screen.queryByTestId('answer-history')).toBeNull();
	});

	it('answers with the keys 0–5, ? and n, and moves with arrows and Enter', async () => {
		const { log } = setup();
		const user = userEvent.setup();
		await user.keyboard('3');
		expect(log).toContainEqual(['answer', 3]);
		expect(screen.getByRole('radio', { name: /Level 3: Implemented/ })).toBeChecked();
		await user.keyboard('0');
		expect(log.at(-1)).toEqual(['answer', 0]);
		await user.keyboard('?');
		expect(log.at(-1)).toEqual(['answer', 'unknown']);
		expect(screen.getByRole('radio', { name: /Don't know/ })).toBeChecked();
		await user.keyboard('5');
		expect(log.at(-1)).toEqual(['answer', 5]);

		document.body.focus();
		await user.keyboard('{ArrowRight}');
		expect(log.at(-1)).toEqual(['next']);
		await user.keyboard('{ArrowLeft}');
		expect(log.at(-1)).toEqual(['previous']);
		await user.keyboard('{Enter}');
		expect(log.at(-1)).toEqual(['next']);
		// With a modifier, the browser keeps the key (e.g. Ctrl+5 switches tabs).
		const before = log.length;
		await user.keyboard('{Control>}5{/Control}');
		expect(log.length).toBe(before);
	});

	it('never treats typing in a text field as shortcuts', async () => {
		const { log } = setup();
		const user = userEvent.setup();
		const notes = screen.getByLabelText('Notes');
		await user.click(notes);
		await user.keyboard('3 people, n? {ArrowLeft}{ArrowRight}');
		expect(log.filter((e) => (e as string[])[0] !== 'text')).toEqual([]);
		await user.tab();
		expect(log).toContainEqual(['text', 'note', '3 people, n? ', '']);
	});

	it('n selects N/A, focuses the justification and requires it', async () => {
		const { log } = setup();
		const user = userEvent.setup();
		await user.keyboard('n');
		expect(log).toContainEqual(['answer', 'na']);
		const reason = await screen.findByLabelText(/Why does this not apply\?/);
		expect(reason).toHaveFocus();
		expect(reason).toBeRequired();
		expect(reason).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getByText(/A reason is required/)).toBeInTheDocument();
		expect(reason).toHaveAccessibleDescription(/A reason is required/);
		await user.keyboard('We have no office network');
		await user.tab();
		expect(log).toContainEqual(['text', 'naReason', 'We have no office network', '']);
		expect(reason).not.toHaveAttribute('aria-invalid');
		expect(screen.queryByText(/A reason is required/)).not.toBeInTheDocument();
	});

	it('Esc in an empty N/A reason takes the N/A back and restores the previous answer', async () => {
		const { log } = setup();
		const user = userEvent.setup();
		await user.keyboard('2');
		await user.keyboard('n');
		const reason = await screen.findByLabelText(/Why does this not apply\?/);
		expect(reason).toHaveFocus();
		const before = log.length;
		await user.keyboard('   {Escape}');
		expect(log.slice(before)).toContainEqual(['answer', 2]);
		expect(log.slice(before)).not.toContainEqual(['answer', 'na']);
		await waitFor(() =>
			expect(screen.queryByLabelText(/Why does this not apply\?/)).not.toBeInTheDocument()
		);
		expect(screen.getByRole('heading', { level: 2 })).toHaveFocus();
	});

	it('Esc in an N/A reason with text keeps the N/A and its reason; with no answer before, N/A is cleared', async () => {
		const { log } = setup();
		const user = userEvent.setup();
		await user.keyboard('n');
		await user.keyboard('Single-tenant only{Escape}');
		expect(log).toContainEqual(['text', 'naReason', 'Single-tenant only', '']);
		expect(log).not.toContainEqual(['clear']);
		expect(screen.getByLabelText(/Why does this not apply\?/)).toHaveValue('Single-tenant only');
		expect(screen.getByRole('heading', { level: 2 })).toHaveFocus();
		// A fresh N/A with nothing before it: Esc clears the answer.
		await user.keyboard('?');
		await user.keyboard('n');
		await screen.findByLabelText(/Why does this not apply\?/);
		await user.clear(screen.getByLabelText(/Why does this not apply\?/));
		const before = log.length;
		await user.keyboard('{Escape}');
		expect(log.slice(before)).toContainEqual(['answer', 'unknown']);
		expect(screen.queryByLabelText(/Why does this not apply\?/)).not.toBeInTheDocument();
	});

	it('a move refused for the missing reason takes focus to the reason field with a message', async () => {
		const answer = {
			value: 'na' as const,
			evidence: [],
			updatedAt: '2026-03-02T10:00:00.000Z'
		};
		const props = {
			question,
			answer,
			onanswer: () => {},
			ontext: () => {},
			onevidence: () => {},
			naRefusals: 0
		};
		const { rerender } = render(QuestionCard, props);
		const reason = screen.getByLabelText(/Why does this not apply\?/);
		screen.getByRole('heading', { level: 2 }).focus();
		await rerender({ ...props, naRefusals: 1 });
		await waitFor(() => expect(reason).toHaveFocus());
		expect(reason).toHaveAccessibleDescription(/before you move on, or press Esc/);
	});

	it('the scale is a labelled radio group; clicking an option answers', async () => {
		const { log } = setup();
		const radios = screen.getAllByRole('radio');
		expect(radios.map((r) => r.getAttribute('aria-keyshortcuts'))).toEqual([
			'0',
			'1',
			'2',
			'3',
			'4',
			'5',
			'?',
			'n'
		]);
		expect(screen.getByRole('radio', { name: /Level 0: Not in place/ })).toBeInTheDocument();
		expect(screen.getByRole('radio', { name: /Level 4: Operating/ })).toBeInTheDocument();
		expect(screen.getByRole('radio', { name: /Not applicable/ })).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('radio', { name: /Level 2: Documented/ }));
		expect(log.at(-1)).toEqual(['answer', 2]);
		// Arrow keys on a radio stay with the radio group (native behaviour), not "next question".
		const radio = screen.getByRole('radio', { name: /Level 2: Documented/ });
		radio.focus();
		await fireEvent.keyDown(radio, { key: 'ArrowRight' });
		expect(log.filter((e) => (e as string[])[0] === 'next')).toEqual([]);
		// Enter on the chosen option confirms and moves on.
		await fireEvent.keyDown(radio, { key: 'Enter' });
		expect(log.at(-1)).toEqual(['next']);
	});

	it('renders evidence locations as text; only http(s) URLs become safe links', () => {
		render(QuestionCard, {
			question,
			answer: {
				value: 3,
				evidence: [
					{
						id: '1',
						name: 'MFA policy',
						location: 'https://idp.example.com/policies/mfa',
						owner: 'IT'
					},
					{ id: '2', name: 'Sneaky', location: 'javascript:alert(1)' },
					{
						id: '3',
						name: 'Share',
						location: '\\\\fileserver\\audit\\mfa.png',
						sha256: 'ab'.repeat(32)
					}
				],
				updatedAt: '2026-03-02T10:00:00.000Z'
			},
			onanswer: noop,
			ontext: noop,
			onevidence: noop
		});
		const links = screen.getAllByRole('link');
		expect(links).toHaveLength(1);
		expect(links[0]).toHaveAttribute('href', 'https://idp.example.com/policies/mfa');
		expect(links[0]).toHaveAttribute('rel', 'noopener noreferrer');
		expect(screen.getByText('javascript:alert(1)').tagName).toBe('CODE');
		expect(screen.getByText('\\\\fileserver\\audit\\mfa.png').tagName).toBe('CODE');
		expect(screen.getByText(/SHA-256 abababababab/)).toBeInTheDocument();
		expect(screen.getByText('Owner: IT')).toBeInTheDocument();
	});

	it('adds an evidence pointer with validation and removes it', async () => {
		const { log } = setup();
		const user = userEvent.setup();
		await user.click(screen.getByRole('button', { name: '+ Add evidence pointer' }));
		await user.click(screen.getByRole('button', { name: 'Add pointer' }));
		expect(screen.getByText('Give the evidence a name.')).toBeInTheDocument();
		expect(log).toEqual([]);
		await user.type(screen.getByLabelText('Name'), 'Access review Q1');
		await user.type(screen.getByLabelText('URL or path'), 'https://drive.example.com/q1');
		await user.type(screen.getByLabelText(/Owner/), 'CTO');
		await user.click(screen.getByRole('button', { name: 'Add pointer' }));
		const [kind, list] = log.at(-1) as [
			string,
			{ name: string; location: string; owner: string }[]
		];
		expect(kind).toBe('evidence');
		expect(list).toMatchObject([
			{ name: 'Access review Q1', location: 'https://drive.example.com/q1', owner: 'CTO' }
		]);
		await user.click(
			screen.getByRole('button', { name: 'Remove evidence pointer Access review Q1' })
		);
		expect(log.at(-1)).toEqual(['evidence', []]);
	});
});

describe('QuestionCard clearing', () => {
	it('offers to clear an answer only when there is one', async () => {
		const cleared: string[] = [];
		const props = {
			question,
			answer: null,
			onanswer: noop,
			ontext: noop,
			onevidence: noop,
			onclear: (id: string) => cleared.push(id)
		};
		const { rerender } = render(QuestionCard, props);
		expect(screen.queryByRole('button', { name: 'Clear this answer' })).not.toBeInTheDocument();
		await rerender({
			...props,
			answer: { value: 2, evidence: [], updatedAt: '2026-03-02T10:00:00.000Z' }
		});
		await fireEvent.click(screen.getByRole('button', { name: 'Clear this answer' }));
		expect(cleared).toEqual(['cc6-mfa']);
	});
});

describe('QuestionCard: a carried answer of a re-assessment (issue 20)', () => {
	const carried = { value: 3 as const, evidence: [], updatedAt: '2026-03-02T10:00:00.000Z' };
	// Dates as the interview and results pages print them.
	const d = formatDate('2026-03-02');
	const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

	it('says where it came from and confirms by keyboard, in both variants', async () => {
		for (const variant of ['desk', 'present'] as const) {
			const confirmed: string[] = [];
			const { unmount } = render(QuestionCard, {
				question,
				answer: carried,
				variant,
				carriedFrom: '2026-03-02',
				onconfirm: (qid: string) => confirmed.push(qid),
				onanswer: noop,
				ontext: noop,
				onevidence: noop
			});
			const group = screen.getByRole('group', {
				name: new RegExp(`From ${esc(d)} — confirm or change\\.`)
			});
			expect(group).toHaveTextContent(`Carried over from the assessment of ${d}`);
			const button = within(group).getByRole('button', {
				name: new RegExp(`^Confirm “.+”, the answer from ${esc(d)}$`)
			});
			const user = userEvent.setup();
			// The card takes focus to its question first; the button is then reached by keyboard.
			await waitFor(() => expect(document.activeElement?.id).toBe('q-cc6-mfa-prompt'));
			button.focus();
			await user.keyboard('{Enter}');
			expect(confirmed).toEqual(['cc6-mfa']);
			await waitFor(() =>
				expect(screen.getByRole('status', { hidden: true })).toHaveTextContent(
					`carried over from ${d}, confirmed.`
				)
			);
			unmount();
		}
	});

	it('C confirms too, but not while typing in a field', async () => {
		const confirmed: string[] = [];
		render(QuestionCard, {
			question,
			answer: carried,
			carriedFrom: '2026-03-02',
			onconfirm: (qid: string) => confirmed.push(qid),
			onanswer: noop,
			ontext: noop,
			onevidence: noop
		});
		const user = userEvent.setup();
		await waitFor(() => expect(document.activeElement?.id).toBe('q-cc6-mfa-prompt'));
		await user.click(screen.getByLabelText('Notes'));
		await user.keyboard('c');
		expect(confirmed).toEqual([]);
		await user.keyboard('{Escape}');
		await user.keyboard('c');
		expect(confirmed).toEqual(['cc6-mfa']);
	});

	it('shows nothing to confirm when the answer is not carried (or has no value)', () => {
		render(QuestionCard, {
			question,
			answer: carried,
			carriedFrom: null,
			onanswer: noop,
			ontext: noop,
			onevidence: noop
		});
		expect(screen.queryByTestId('carried')).toBeNull();
		expect(screen.queryByRole('button', { name: /^Confirm/ })).toBeNull();
	});
});
