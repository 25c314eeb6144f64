import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', 'build-bench/', '.svelte-kit/', 'node_modules/', '.data/', 'static/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// Seekh has no base path; plain hrefs keep links readable in templates.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{
		// Dexie, sync and the service worker are all promises: a forgotten await loses data.
		files: ['**/*.ts', '**/*.svelte'],
		languageOptions: {
			parserOptions: {
				// The service worker is excluded from SvelteKit's tsconfig (it has its own lib).
				projectService: { allowDefaultProject: ['src/service-worker.ts'] },
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
	},
	{
		// The course compiler runs at build time (scripts/courses); the app ships compiled packs
		// and must never bundle the compiler (markdown-it, YAML, every rule) into a learner's phone.
		files: ['src/**/*.ts', 'src/**/*.svelte', 'src/**/*.js'],
		ignores: ['src/lib/content-compiler/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'$lib/content-compiler',
								'$lib/content-compiler/*',
								'**/content-compiler',
								'**/content-compiler/*'
							],
							message:
								'The course compiler is build-time only (scripts/courses). App code reads compiled packs: use $lib/content.'
						}
					]
				}
			]
		}
	}
);
