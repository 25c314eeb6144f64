// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	/** package.json version, injected by Vite for the about page. */
	const __APP_VERSION__: string;
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
