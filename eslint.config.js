import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/core/model/generated/**', 'src/core/validate/generated/**', 'coverage/**', '.tmp/**', 'test/tools/promptfoo/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is pure: no network, no file system, no clock, no GitHub.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@actions/*', '@octokit/*', 'octokit', 'undici', 'node:*', 'fs', 'fs/*', 'child_process', 'http', 'https', 'net', 'os', 'path'], message: 'src/core is pure: pass data in through ports instead.' },
          { group: ['**/adapters/**', '**/commands/**'], message: 'src/core must not depend on adapters or commands.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'src/core is pure: no network.' }, { name: 'process', message: 'src/core is pure: no environment.' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'src/core takes the time as an argument (Clock port).' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/core takes the time as an argument (Clock port).' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'src/core is deterministic: pass a seeded generator.' },
      ],
    },
  },
  // The arrows point inward: commands → engine → ports ← adapters. A layer never imports one above it.
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/commands/**'], message: 'src/engine must not depend on src/commands: CLI parsing and printing stay in commands; move shared code down into engine.' },
        { group: ['**/adapters/**'], message: 'src/engine depends on ports only: take git, the file system and vendors through EngineContext (built from the Runtime in src/runtime.ts); move logic over a port into engine.' },
      ] }],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/commands/**', '**/engine/**'], message: 'src/adapters implement ports: they must not depend on src/commands or src/engine; take what they need as an argument.' },
      ] }],
    },
  },
  {
    files: ['src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/adapters/**', '**/engine/**', '**/commands/**'], message: 'src/ports are contracts in domain words: they must not depend on adapters, engine or commands.' },
      ] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
