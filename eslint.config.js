import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/no-at-html-tags': 'error'
		}
	},
	{
		// The domain layer is pure: no UI, storage or PDF code may leak in.
		files: ['src/lib/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['svelte', 'svelte/*'], message: 'src/lib/domain must stay framework-free.' },
						{ group: ['dexie', 'dexie/*'], message: 'src/lib/domain must not touch storage.' },
						{
							group: ['jspdf', 'jspdf-autotable'],
							message: 'src/lib/domain must not render PDFs.'
						},
						{
							group: ['$app/*', '@sveltejs/*'],
							message: 'src/lib/domain must stay framework-free.'
						},
						{
							group: ['**/db/*', '**/report/*', '**/state/*', '**/components/*', '**/interview/*'],
							message: 'src/lib/domain may only import other domain modules.'
						}
					]
				}
			]
		}
	},
	{
		ignores: [
			'tmp/',
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'coverage/',
			'bench-results/'
		]
	}
);
