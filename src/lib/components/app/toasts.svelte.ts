/**
 * App-wide toasts (short notices at the bottom of the screen). `toasts.show(...)` from anywhere;
 * `<Toasts />` in the root layout renders them in a live region.
 */
export type ToastTone = 'info' | 'success' | 'error';

export interface ToastAction {
	label: string;
	run: () => unknown;
}

export interface Toast {
	id: number;
	message: string;
	tone: ToastTone;
	action?: ToastAction;
	/** Milliseconds before it disappears on its own; null = stays until dismissed. */
	timeout: number | null;
	/** Called when it goes away without its action being taken (closed, timed out, pushed out). */
	onclose?: () => void;
}

let next = 1;
const MAX_TOASTS = 4;

class ToastList {
	items = $state<Toast[]>([]);

	show(t: {
		message: string;
		tone?: ToastTone;
		action?: ToastAction;
		timeout?: number | null;
		onclose?: () => void;
	}): number {
		const id = next++;
		const tone = t.tone ?? 'info';
		const timeout = t.timeout === undefined ? (tone === 'error' ? null : 6000) : t.timeout;
		const items = [
			...this.items,
			{ id, message: t.message, tone, action: t.action, timeout, onclose: t.onclose }
		];
		// At most four at a time. The oldest go first, but a toast that holds an action until the
		// user dismisses it (e.g. "Try again" on a restore that still has its data) is never pushed
		// out by newer notices.
		while (items.length > MAX_TOASTS) {
			const i = items.findIndex((x) => !(x.action && x.timeout === null));
			items.splice(i >= 0 ? i : 0, 1)[0]?.onclose?.();
		}
		this.items = items;
		return id;
	}

	/** Remove a toast; `acted` when the user took its action (then `onclose` is not called). */
	dismiss(id: number, acted = false): void {
		const gone = this.items.find((t) => t.id === id);
		this.items = this.items.filter((t) => t.id !== id);
		if (gone && !acted) gone.onclose?.();
	}

	clear(): void {
		this.items = [];
	}
}

export const toasts = new ToastList();
