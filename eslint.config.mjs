import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const layer = (files, forbidden, message) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'coverage', 'test/fixtures', 'bin'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'max-params': ['error', 3],
      // `const { dropped, ...rest } = value` is how a field is left out
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['web/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },
  // the web app talks to the server over HTTP only: its own files and the API's shapes
  {
    files: ['web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '/src/(?!contract/)',
              message: 'web imports src/contract only (the API shapes); call the API for the rest.',
            },
            { group: ['node:*'], message: 'web runs in the browser.' },
          ],
        },
      ],
    },
  },
  // property tests take one parameter per generated value
  { files: ['**/*.test.ts'], rules: { 'max-params': 'off' } },
  layer(
    ['src/core/**'],
    [
      'node:*',
      '**/db/**',
      '**/ingest/**',
      '**/app/**',
      '**/cli/**',
      '**/server/**',
      '**/demo/**',
      '@duckdb/*',
      'pg',
    ],
    'core is pure: no IO, no database, no outer layers.',
  ),
  layer(
    ['src/db/**'],
    ['**/ingest/**', '**/app/**', '**/cli/**', '**/server/**', '**/demo/**'],
    'db depends on core only.',
  ),
  layer(
    ['src/ingest/**'],
    ['**/app/**', '**/cli/**', '**/server/**', '**/demo/**'],
    'ingest depends on core and db only.',
  ),
  layer(
    ['src/demo/**'],
    ['**/app/**', '**/cli/**', '**/server/**', '**/db/**', '**/ingest/**'],
    'demo produces rows; it depends on core only.',
  ),
  layer(['src/app/**'], ['**/cli/**', '**/server/**'], 'app knows nothing of terminals or HTTP.'),
  // the API's shapes are shared with the web app: zod and each other, nothing else
  {
    files: ['src/contract/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|\\./)', message: 'contract imports zod only.' }] },
      ],
    },
  },
  {
    files: ['src/server/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', '**/demo/**', '**/ingest/**'],
              message: 'server calls app use cases; it never imports the CLI.',
            },
            {
              group: ['**/db/**'],
              allowTypeImports: true,
              message: 'server never writes SQL: call app use cases (db types are fine).',
            },
          ],
        },
      ],
    },
  },
);
