/**
 * In-page timing instrumentation, injected into every document before the app's own scripts
 * (Playwright init script; not subject to the page's CSP). Timings are taken inside the page with
 * `performance.timeOrigin + performance.now()` (a clock shared by every document of the tab, so a
 * measurement may cross a full navigation) and kept in sessionStorage:
 *
 * - `bench:t0` — the start: the next pointerdown, keydown or input event after the bench armed it
 *   (`bench:arm` = 'pointerdown' | 'keydown' | 'input'), or the navigation start of the next
 *   document (`bench:arm` = 'navigation').
 * - `bench:t1` — the end: the first moment a condition (`bench:wait`) holds in the DOM, plus one
 *   posted task, i.e. when the main thread is free again to handle input.
 *
 * Conditions (`bench:wait`, JSON):
 * - `{ kind: 'count', sel, min?, eq?, distinct? }` — number of matching elements (or of distinct
 *   values of attribute `distinct`, e.g. two links per card to the same href count once)
 * - `{ kind: 'interactive', sel }` — an enabled, visible element (e.g. the question's answer radio)
 * - `{ kind: 'saved', status, checked }` — the save-status live region went through "Saving…"
 *   and now says "Saved…", and the `checked` radio is checked
 *
 * The script is plain JavaScript in a string: a function compiled by tsx would carry esbuild
 * helpers (`__name`) that do not exist in the page.
 */

export type WaitCondition =
	| { kind: 'count'; sel: string; min?: number; eq?: number; distinct?: string }
	| { kind: 'interactive'; sel: string }
	| { kind: 'saved'; status: string; checked: string };

export type ArmEvent = 'pointerdown' | 'keydown' | 'input' | 'navigation';

export const INSTRUMENT_SCRIPT = String.raw`(() => {
	const S = window.sessionStorage;
	const abs = () => performance.timeOrigin + performance.now();
	if (S.getItem('bench:arm') === 'navigation') {
		S.setItem('bench:t0', String(performance.timeOrigin));
		S.removeItem('bench:arm');
	}
	for (const type of ['pointerdown', 'keydown', 'input']) {
		addEventListener(type, () => {
			if (S.getItem('bench:arm') === type) {
				S.setItem('bench:t0', String(abs()));
				S.removeItem('bench:arm');
			}
		}, true);
	}
	const visible = (el) => {
		const target = el instanceof HTMLInputElement && el.closest('label') ? el.closest('label') : el;
		const r = target.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && getComputedStyle(target).visibility !== 'hidden';
	};
	let sawSaving = false;
	const holds = (w) => {
		if (w.kind === 'count') {
			const els = [...document.querySelectorAll(w.sel)];
			const n = w.distinct ? new Set(els.map((e) => e.getAttribute(w.distinct))).size : els.length;
			if (w.eq !== undefined) return n === w.eq;
			return n >= (w.min ?? 1);
		}
		if (w.kind === 'interactive') {
			const el = document.querySelector(w.sel);
			return !!el && !el.disabled && visible(el) && !el.closest('[inert],[aria-busy="true"]');
		}
		if (w.kind === 'saved') {
			const text = (document.querySelector(w.status)?.textContent ?? '').trim();
			if (/^Saving/i.test(text)) sawSaving = true;
			const radio = document.querySelector(w.checked);
			return sawSaving && /^Saved/i.test(text) && !!radio && radio.checked;
		}
		return false;
	};
	const check = () => {
		const raw = S.getItem('bench:wait');
		if (!raw || S.getItem('bench:t1') || S.getItem('bench:seen') || !S.getItem('bench:t0')) return;
		if (!holds(JSON.parse(raw))) return;
		S.setItem('bench:seen', String(abs()));
		const ch = new MessageChannel();
		ch.port1.onmessage = () => S.setItem('bench:t1', String(abs()));
		ch.port2.postMessage(0);
	};
	new MutationObserver(check).observe(document, {
		subtree: true, childList: true, attributes: true, characterData: true
	});
	// A radio's checked state is a property, not an attribute: look again after every event.
	for (const type of ['change', 'input', 'keyup']) addEventListener(type, () => setTimeout(check), true);
	window.__benchCheck = check;
	window.__benchReset = () => { sawSaving = false; };
})();`;
