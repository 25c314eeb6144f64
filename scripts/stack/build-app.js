import { execSync } from 'node:child_process';

/**
 * A production build of the app that talks to one backend (the e2e suite's stack, the CI smoke
 * test's, the cohort bench's). NODE_ENV is set because vitest's `test` would make Vite build a
 * development bundle, which has no service worker.
 * @param {string} url the stack's address, baked in as PUBLIC_SUPABASE_URL
 * @param {string} anonKey its anon key, baked in as PUBLIC_SUPABASE_ANON_KEY
 */
export function buildAppFor(url, anonKey) {
	execSync('npm run build', {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			NODE_ENV: 'production',
			PUBLIC_SUPABASE_URL: url,
			PUBLIC_SUPABASE_ANON_KEY: anonKey
		}
	});
}
