// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	/** package.json version, injected by Vite for the about page. */
	const __APP_VERSION__: string;
	namespace App {
		// interface Error {}
		interface Locals {
			/** Set once per API request by `handle` (src/hooks.server.ts); null = not signed in. */
			session: import('$lib/server/session').Session | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
