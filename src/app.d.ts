// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		interface PageState {
			/** The interview position a history entry stands for (Back returns to it). */
			interview?: import('$lib/interview/types').Position;
		}
		// interface Platform {}
	}
}

export {};
