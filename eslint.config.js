import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// Packages that must never be imported by the framework-free core (it runs in Node, the CLI and the worker).
const coreForbidden = ['svelte', 'svelte/*', '$app/*', '$lib/state/*', 'dexie', 'viem', 'viem/*', '@wagmi/*'];

export default ts.config(
  { ignores: ['build/', '**/.svelte-kit/', 'node_modules/', 'dist/', 'contracts/out/', 'bench-out/', 'test-results/', 'playwright-report/', 'dev-dist/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
  },
  {
    files: ['src/lib/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: coreForbidden, message: 'src/lib/core must stay framework-free (no svelte, $app, dexie, viem, @wagmi).' }
          ]
        }
      ]
    }
  }
);
