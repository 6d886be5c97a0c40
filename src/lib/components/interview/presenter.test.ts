import { describe, expect, it, vi } from 'vitest';
import { STAGES } from '$lib/interview/types';
import { handleStageKey, interviewPathAt, stageMove, stepText } from './presenter';

function key(k: string, target: unknown = null, mods: Partial<KeyboardEvent> = {}): KeyboardEvent {
	let prevented = false;
	return {
		key: k,
		target,
		ctrlKey: false,
		metaKey: false,
		altKey: false,
		shiftKey: false,
		...mods,
		get defaultPrevented() {
			return prevented;
		},
		preventDefault() {
			prevented = true;
		}
	} as unknown as KeyboardEvent;
}

function el(tagName: string, type?: string): unknown {
	return { tagName, type, isContentEditable: false, closest: () => null };
}

describe('stageMove', () => {
	it('uses next/back outside the maturity stage, so the machine checks leaving and confirms TSC', () => {
		expect(stageMove('profile', 1)).toEqual({ kind: 'next' });
		expect(stageMove('tsc', 1)).toEqual({ kind: 'next' });
		expect(stageMove('review', -1)).toEqual({ kind: 'back' });
	});
	it('jumps to the neighbouring stage from a maturity question instead of one question', () => {
		expect(stageMove('maturity', 1)).toEqual({ kind: 'goto', stage: 'review' });
		expect(stageMove('maturity', -1)).toEqual({ kind: 'goto', stage: 'cuecs' });
	});
	it('does nothing before the first or after the last stage', () => {
		expect(stageMove('start', -1)).toBeNull();
		expect(stageMove('results', 1)).toBeNull();
	});
});

describe('handleStageKey', () => {
	it('moves on PageDown / PageUp in the presenter view and prevents scrolling', () => {
		const move = vi.fn();
		const down = key('PageDown', el('BUTTON'));
		expect(handleStageKey(down, { move }, { plain: true })).toBe(true);
		expect(down.defaultPrevented).toBe(true);
		expect(handleStageKey(key('PageUp', el('INPUT', 'radio')), { move }, { plain: true })).toBe(
			true
		);
		expect(move.mock.calls).toEqual([[1], [-1]]);
	});
	it('moves on Alt+PageDown / Alt+PageUp in both views; plain PageDown scrolls the interview', () => {
		const move = vi.fn();
		const plain = key('PageDown', el('BUTTON'));
		expect(handleStageKey(plain, { move })).toBe(false);
		expect(plain.defaultPrevented).toBe(false);
		expect(handleStageKey(key('PageDown', el('BUTTON'), { altKey: true }), { move })).toBe(true);
		expect(handleStageKey(key('PageUp', null, { altKey: true }), { move }, { plain: true })).toBe(
			true
		);
		expect(handleStageKey(key('PageUp', el('TEXTAREA'), { altKey: true }), { move })).toBe(false);
		expect(move.mock.calls).toEqual([[1], [-1]]);
	});
	it('leaves every other key, typing in fields and modified keys alone', () => {
		const move = vi.fn();
		for (const e of [
			key('ArrowRight'),
			key('5'),
			key('Enter'),
			key('PageDown', el('TEXTAREA')),
			key('PageDown', el('INPUT', 'text')),
			key('PageDown', el('SELECT')),
			key('PageDown', null, { ctrlKey: true }),
			key('PageUp', null, { shiftKey: true })
		]) {
			expect(handleStageKey(e, { move }, { plain: true })).toBe(false);
			expect(e.defaultPrevented).toBe(false);
		}
		expect(move).not.toHaveBeenCalled();
	});
});

describe('interviewPathAt', () => {
	it('opens the interview at the same question or stage', () => {
		expect(interviewPathAt('a b', { stage: 'maturity', questionId: 'cc6-mfa' })).toBe(
			'/interview?id=a%20b&q=cc6-mfa'
		);
		expect(interviewPathAt('x', { stage: 'cuecs', questionId: null })).toBe(
			'/interview?id=x&stage=cuecs'
		);
		expect(interviewPathAt('x', null)).toBe('/interview?id=x');
	});
});

describe('labels', () => {
	it('counts steps from the machine stages', () => {
		expect(stepText('profile')).toBe(`Step 2 of ${STAGES.length}`);
	});
});
