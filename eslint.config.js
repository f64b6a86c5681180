// ESLint flat config: @eslint/js and typescript-eslint recommended everywhere, the type-aware
// recommended rules for the compiled code (the tsconfig's project), eslint-config-prettier last
// so that layout is prettier's alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The code in tsconfig.json's project: linted with type information. */
const PROJECT = ['src/**/*.ts', 'entities/**/*.ts', 'db/**/*.ts', 'seed/**/*.ts', 'bench/**/*.ts'];

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'seed/data/', 'test/fixtures/second-export/data/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      'prefer-const': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  ...tseslint.configs.recommendedTypeCheckedOnly.map((config) => ({ ...config, files: PROJECT })),
  {
    files: PROJECT,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Apollo plugin hooks and the close() of a Db are async by contract (callers await them,
      // a throw must become a rejection), whether or not their body awaits.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
