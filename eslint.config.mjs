// ESLint flat config: type-aware typescript-eslint, as temporalio/samples-typescript and sdk-typescript use it,
// plus a stricter rule set for `workflows/`, whose code runs in Temporal's deterministic sandbox.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', 'test-artifacts/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle parses every imported file: it needs to know that .ts files exist and which parser reads them.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      // Forgetting to await an activity, a timer or an update is a silent bug; a deliberate fire-and-forget says `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-duplicate-imports': 'off',
    },
  },
  {
    // Workflow code is replayed: nothing that reads the outside world, the wall clock or randomness, and nothing that
    // would pull Node or date arithmetic into the bundle. Types from activities/ are fine (`import type`).
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'Node built-ins are not available in the workflow sandbox.',
            })),
            { name: 'luxon', message: 'Calendar arithmetic runs outside workflows (domain calculus, activities).' },
          ],
          patterns: [
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'Workflows import activity types only; call activities through proxyActivities.',
            },
            { group: ['**/worker/**', '**/client/**', '**/scripts/**'], message: 'Not workflow code.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Not deterministic on replay; use the SDK `uuid4()` if needed.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use `sleep()` or `condition(fn, timeout)` from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use a loop around `sleep()` from @temporalio/workflow.' },
      ],
    },
  },
  {
    // Tests read JSON the CLI printed and hand jest mock-free method references; the type checker already covers them.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // `async () => { throw ... }` stands for a failing async dependency; mail headers are strings in practice.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly' },
    },
    // CommonJS entry points (bin/, jest.config.js) load TypeScript through require.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
