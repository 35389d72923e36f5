import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    // Time comes from outside: the clock is read in src/lib/clock.ts alone and passed in from the
    // edges, so that every test runs on whatever date it sets (and on any date the machine has).
    files: ['src/**/*.ts', 'src/**/*.svelte', 'server/**/*.ts'],
    ignores: ['src/lib/clock.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message:
            'Read the time from an injected Clock (systemClock from $lib/clock at the edges).',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message:
            'Read the time from an injected Clock (systemClock from $lib/clock at the edges).',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message:
            'No hidden randomness: take a random source as an argument (node:crypto at the edges).',
        },
      ],
    },
  },
  {
    // The domain core is pure: no framework, no database, no server code, no clock. It imports
    // only itself (relative paths inside src/lib/domain) and plain libraries.
    files: ['src/lib/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['svelte', 'svelte/*'], message: 'src/lib/domain is pure: no Svelte.' },
            {
              group: ['pouchdb*', 'nano', 'dexie', 'express*'],
              message: 'src/lib/domain does no I/O.',
            },
            {
              regex: '^\\$(app|env|lib)(/|$)',
              message:
                'src/lib/domain is framework-free and imports only itself, by relative path (the worker runs it without the $lib alias).',
            },
            {
              regex: '^(node:|fs$|path$|http$|https$|crypto$)',
              message: 'src/lib/domain does no I/O.',
            },
            {
              regex: '^\\.\\./\\.\\./',
              message: 'src/lib/domain imports nothing outside itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The app never reaches into the worker: what both use lives in src/lib/server/shared.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+server(/|$)',
              message:
                'src/ does not import server/ (reach $lib/server by its alias): move what both use to src/lib/server/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      'node_modules/',
      'data/',
      'static/gazetteer/',
      'test-results/',
      'playwright-report/',
    ],
  },
);
