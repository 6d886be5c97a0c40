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
}

let next = 1;

class ToastList {
	items = $state<Toast[]>([]);

	show(t: {
		message: string;
		tone?: ToastTone;
		action?: ToastAction;
		timeout?: number | null;
	}): number {
		const id = next++;
		const tone = t.tone ?? 'info';
		const timeout = t.timeout === undefined ? (tone === 'error' ? null : 6000) : t.timeout;
		this.items = [
			...this.items.slice(-3),
			{ id, message: t.message, tone, action: t.action, timeout }
		];
		return id;
	}

	dismiss(id: number): void {
		this.items = this.items.filter((t) => t.id !== id);
	}

	clear(): void {
		this.items = [];
	}
}

export const toasts = new ToastList();
