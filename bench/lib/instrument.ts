/**
 * In-page timing instrumentation, injected into every document before the app's own scripts
 * (Playwright init script; not subject to the page's CSP). Timings are taken inside the page with
 * `performance.timeOrigin + performance.now()` (a clock shared by every document of the tab, so a
 * measurement may cross a full navigation; the state is handed to the next document on pagehide):
 *
 * - t0 — the start: the next pointerdown, keydown or input event after the bench armed it, or the
 *   navigation start of the next document (arm event 'navigation').
 * - t1 — the end: the first moment the wait condition holds in the DOM, then the next frame
 *   (requestAnimationFrame, so the style, layout and paint of the new state are included), plus one
 *   posted task: when the user sees the result and the main thread is free again to handle input.
 *
 * The page exposes `window.__bench_instrument.arm(event, condition)`, `.result()` (t1 − t0 in ms
 * or null), `.wait(timeout)` (a promise of t1 − t0, for a measurement that stays in one document:
 * the bench is told at t1 instead of polling the page every 10 ms, which put tasks of its own
 * inside the timed window) and `.done()`. Conditions:
 * - `{ kind: 'count', sel, min?, eq?, distinct?, rendered? }` — number of matching elements (or of
 *   distinct values of attribute `distinct`, e.g. two links per card to the same href count once;
 *   with `rendered`, only elements that have a box, so hidden ones do not count; checked with
 *   `checkVisibility()`, which needs style but not layout, so that the check itself does not
 *   force the layout of content the page would not lay out yet, e.g. `content-visibility: auto`)
 * - `{ kind: 'interactive', sel }` — an enabled, visible element (e.g. the question's answer radio)
 * - `{ kind: 'saved', status, checked }` — the save-status live region counts a commit made after
 *   the bench armed (its `data-saves`, the writes the page committed, is above the count at arm
 *   time), says "Saved…", and the `checked` radio is checked. (The region shows "Saving…" only
 *   for a save that takes long, so the commit counter, not a "Saving…" seen first, is what ties
 *   the "Saved" to this keypress's write; the bench also checks the row in IndexedDB after each.)
 *
 * The script is plain JavaScript in a string: a function compiled by tsx would carry esbuild
 * helpers (`__name`) that do not exist in the page.
 */

export type WaitCondition =
	| { kind: 'count'; sel: string; min?: number; eq?: number; distinct?: string; rendered?: boolean }
	| { kind: 'interactive'; sel: string }
	| { kind: 'saved'; status: string; checked: string };

export type ArmEvent = 'pointerdown' | 'keydown' | 'input' | 'navigation';

export const INSTRUMENT_SCRIPT = String.raw`(() => {
	// State lives in memory (sessionStorage is synchronous and slow enough to show in the
	// figures); it is carried to the next document of the tab through sessionStorage on pagehide.
	const KEY = 'bench:state';
	const abs = () => performance.timeOrigin + performance.now();
	let st = {};
	try { st = JSON.parse(sessionStorage.getItem(KEY) || '{}'); } catch { st = {}; }
	sessionStorage.removeItem(KEY);
	if (st.arm === 'navigation') {
		st.t0 = performance.timeOrigin;
		st.arm = null;
	}
	addEventListener('pagehide', () => sessionStorage.setItem(KEY, JSON.stringify(st)));
	for (const type of ['pointerdown', 'keydown', 'input']) {
		addEventListener(type, () => {
			if (st.arm === type) {
				st.t0 = abs();
				st.arm = null;
			}
		}, true);
	}
	const visible = (el) => {
		const target = el instanceof HTMLInputElement && el.closest('label') ? el.closest('label') : el;
		const r = target.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && getComputedStyle(target).visibility !== 'hidden';
	};
	// Commits the page counted on its save status (NaN without the attribute: never holds).
	const savesOf = (el) => (el && el.hasAttribute('data-saves') ? Number(el.getAttribute('data-saves')) : NaN);
	// Elements of the armed condition, kept while they are in the page (reset by arm and done).
	let els = {};
	const found = (key, sel) => {
		const kept = els[key];
		if (kept && kept.isConnected) return kept;
		return (els[key] = document.querySelector(sel));
	};
	const holds = (w) => {
		if (w.kind === 'count') {
			const hasBox = (e) =>
				typeof e.checkVisibility === 'function' ? e.checkVisibility() : e.getClientRects().length > 0;
			const els = [...document.querySelectorAll(w.sel)].filter((e) => !w.rendered || hasBox(e));
			const n = w.distinct ? new Set(els.map((e) => e.getAttribute(w.distinct))).size : els.length;
			if (w.eq !== undefined) return n === w.eq;
			return n >= (w.min ?? 1);
		}
		if (w.kind === 'interactive') {
			const el = document.querySelector(w.sel);
			return !!el && !el.disabled && visible(el) && !el.closest('[inert],[aria-busy="true"]');
		}
		if (w.kind === 'saved') {
			// Looked up again only once gone from the page: this check runs after every change of
			// the page, and two selector searches of the whole page each time were most of the
			// instrument's own cost inside the timed answer.
			const el = found('status', w.status);
			const text = (el?.textContent ?? '').trim();
			const radio = found('checked', w.checked);
			return savesOf(el) > st.saves && /^Saved/i.test(text) && !!radio && radio.checked;
		}
		return false;
	};
	// A caller waiting in this document (wait): told at t1, without polling the page.
	let waiter = null;
	const settle = () => {
		if (!waiter || !st.t0 || !st.t1) return;
		const w = waiter;
		waiter = null;
		clearTimeout(w.timer);
		clearInterval(w.poll);
		w.resolve(st.t1 - st.t0);
	};
	const check = () => {
		if (!st.wait || st.t1 || st.seen || !st.t0) return;
		if (!holds(st.wait)) return;
		st.seen = abs();
		requestAnimationFrame(() => {
			const ch = new MessageChannel();
			ch.port1.onmessage = () => { st.t1 = abs(); settle(); };
			ch.port2.postMessage(0);
		});
	};
	new MutationObserver(check).observe(document, {
		subtree: true, childList: true, attributes: true, characterData: true
	});
	// A radio's checked state is a property, not an attribute: look again after every event.
	for (const type of ['change', 'input', 'keyup']) addEventListener(type, () => setTimeout(check), true);
	window.__bench_instrument = {
		arm(event, wait) {
			st = { arm: event, wait };
			els = {};
			if (wait.kind === 'saved') st.saves = savesOf(document.querySelector(wait.status));
		},
		result() { check(); return st.t0 && st.t1 ? st.t1 - st.t0 : null; },
		wait(timeout) {
			return new Promise((resolve, reject) => {
				waiter = {
					resolve,
					timer: setTimeout(() => {
						clearInterval(waiter?.poll);
						waiter = null;
						reject(new Error('the condition did not hold within ' + timeout + ' ms'));
					}, timeout),
					// Only for a change no mutation shows (a property): a look every 100 ms.
					poll: setInterval(check, 100)
				};
				check();
				settle();
			});
		},
		done() { st = {}; els = {}; }
	};
})();`;
