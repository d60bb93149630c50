// One lint config for the workspace; the import boundaries from STYLE.md live here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noServer = { group: ['@hilo/server', '@hilo/server/*', '**/server/src/**'], message: 'Clients never import the server.' };

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', 'e2e/artifacts/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@hilo/*', '../../*'], message: 'shared imports nothing of the workspace.' }] }],
    },
  },
  {
    files: ['widget/**/*.{ts,tsx}', 'console/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noServer] }] },
  },
  {
    files: ['widget/src/app/**/*.{ts,tsx}', 'widget/src/loader/**/*.ts'],
    rules: {
      // The widget ships no validation library: shared is imported for types only (size budget).
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: '@hilo/shared', allowTypeImports: true, message: 'Use `import type` from @hilo/shared in the widget (zod would blow the size budget).' }] }],
    },
  },
  {
    files: ['server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['socket.io', 'express', 'redis', '@socket.io/*', '**/transport/**', '**/store/**'], message: 'domain/ talks to the outside only through the ports it is given.' },
      ] }],
    },
  },
  {
    files: ['server/src/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['socket.io', 'express', '**/transport/**'], message: 'store/ knows nothing of transports.' }] }] },
  },
  {
    files: ['server/src/main.ts', 'server/src/cli/**/*.ts', 'scripts/**', '**/scripts/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
