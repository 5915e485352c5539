// Lint: typescript-eslint's recommended rules; `console` is for the CLI and scripts only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'coverage', 'bench/results', 'hubspot-project', 'docs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Plain JavaScript run by Node directly (TypeScript files get Node's globals from @types/node).
    files: ['**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { URL: 'readonly', console: 'readonly', process: 'readonly' } },
  },
  {
    files: ['src/cli.ts', 'src/cli/**', 'bench/**', 'test/**', 'bin/**', 'scripts/**', 'examples/**', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
