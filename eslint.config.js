import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const DOMAIN_ONLY = 'src/lib/domain may only import other domain modules.';

/**
 * `no-restricted-imports` for src/lib/domain: any `$lib/<x>` other than `$lib/domain/...`, any
 * relative path that leaves the domain folder, and the framework, storage, CRDT and document
 * libraries. One block per folder depth, since "leaving the folder" is a number of `../`.
 * (test/unit/domain-fence.test.ts runs ESLint on imports that must and must not pass.)
 */
export function domainFence(maxDepth = 4) {
	return Array.from({ length: maxDepth }, (_, i) => {
		const depth = i + 1;
		return {
			files: [`src/lib/domain/${'*/'.repeat(depth - 1)}*.ts`],
			// Tests of the domain may load fixtures through the app (the bank loader, exports).
			ignores: ['src/lib/domain/**/*.test.ts'],
			rules: {
				'no-restricted-imports': [
					'error',
					{
						patterns: [
							{ regex: '^\\$lib(?:$|/(?!domain(?:/|$)))', message: DOMAIN_ONLY },
							{
								regex: `^(?:\\./)?(?:\\.\\./){${depth},}`,
								message: `${DOMAIN_ONLY} This path leaves src/lib/domain.`
							},
							{ regex: '^(?:src|/)', message: DOMAIN_ONLY },
							{
								regex: '^(?:svelte|@sveltejs/|\\$app/)',
								message: 'src/lib/domain must stay framework-free.'
							},
							{
								regex: '^(?:dexie|yjs|y-[^/]+|idb|fake-indexeddb)(?:$|/)',
								message: 'src/lib/domain must not touch storage or documents.'
							},
							{
								regex: '^(?:jspdf[^/]*|docx|xlsx|exceljs|write-excel-file|xlsx-[^/]+)(?:$|/)',
								message: 'src/lib/domain must not render PDFs, Word or Excel files.'
							}
						]
					}
				]
			}
		};
	});
}

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
	// The domain layer is pure: no UI, storage, document, PDF or other app layer may leak in.
	...domainFence(),
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
