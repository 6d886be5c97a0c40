/**
 * Keyboard shortcuts of the interview and the presenter view: 0–5 answer, `?` don't know,
 * `n` not applicable, → / Enter next, ← previous. Never while the user types in a text field.
 */
import type { MaturityValue } from '$lib/domain/types';

const TEXT_INPUT_TYPES = new Set([
	'text',
	'search',
	'url',
	'email',
	'tel',
	'password',
	'number',
	'date',
	'datetime-local',
	'month',
	'time',
	'week',
	'color',
	'file',
	'range'
]);

/** True when keys typed now belong to a text field (or a select) rather than to shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
	if (!target || typeof (target as Element).closest !== 'function') return false;
	const el = target as HTMLElement;
	if (el.isContentEditable) return true;
	const tag = el.tagName;
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((el as HTMLInputElement).type);
	return false;
}

/** The answer a key stands for, or null. */
export function keyToValue(key: string): MaturityValue | null {
	if (/^[0-5]$/.test(key)) return Number(key) as MaturityValue;
	if (key === '?') return 'unknown';
	if (key === 'n' || key === 'N') return 'na';
	return null;
}

export interface QuestionKeyHandlers {
	answer: (value: MaturityValue) => void;
	next: () => void;
	previous: () => void;
}

/**
 * Handle a keydown for a maturity question. Returns true when the key was used (and prevents
 * its default action). Radios keep their own arrow keys; buttons and links keep Enter.
 */
export function handleQuestionKey(e: KeyboardEvent, h: QuestionKeyHandlers): boolean {
	if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return false;
	if (isTypingTarget(e.target)) return false;
	const el = e.target as HTMLElement | null;
	const tag = el?.tagName ?? '';
	const isRadio = tag === 'INPUT' && (el as HTMLInputElement).type === 'radio';
	const value = keyToValue(e.key);
	if (value !== null) {
		e.preventDefault();
		h.answer(value);
		return true;
	}
	if (e.key === 'ArrowRight' && !isRadio) {
		e.preventDefault();
		h.next();
		return true;
	}
	if (e.key === 'ArrowLeft' && !isRadio) {
		e.preventDefault();
		h.previous();
		return true;
	}
	if (e.key === 'Enter' && !['BUTTON', 'A', 'SUMMARY', 'INPUT'].includes(tag)) {
		e.preventDefault();
		h.next();
		return true;
	}
	if (e.key === 'Enter' && isRadio) {
		e.preventDefault();
		h.next();
		return true;
	}
	return false;
}
