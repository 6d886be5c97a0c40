import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';

// jsdom lacks matchMedia; components read it for dark mode and reduced motion.
if (typeof window !== 'undefined' && !window.matchMedia) {
	window.matchMedia = (query: string) =>
		({
			matches: false,
			media: query,
			onchange: null,
			addListener: () => {},
			removeListener: () => {},
			addEventListener: () => {},
			removeEventListener: () => {},
			dispatchEvent: () => false
		}) as MediaQueryList;
}

// jsdom has no modal dialogs: the smallest stand-in for showModal/close (Dialog.svelte opens one).
if (typeof HTMLDialogElement !== 'undefined') {
	const proto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
	proto.showModal = function (this: HTMLDialogElement) {
		this.setAttribute('open', '');
	};
	proto.close = function (this: HTMLDialogElement) {
		this.removeAttribute('open');
		this.dispatchEvent(new Event('close'));
	};
}
