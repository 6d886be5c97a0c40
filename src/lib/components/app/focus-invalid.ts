import { tick } from 'svelte';

/**
 * Move focus to the first field a form marks invalid, once the refusal is on the page: the
 * `aria-invalid` attribute and the error text are only there after Svelte has updated the DOM,
 * so focusing straight after setting the error would find no field (or last time's).
 */
export async function focusFirstInvalid(form: HTMLElement | undefined): Promise<void> {
	await tick();
	form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
