// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'coverage', 'scripts/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'discord.js', message: 'Only src/discord talks to Discord.' },
            { name: 'hnswlib-node', message: 'Only src/index/hnswIndex.ts imports hnswlib-node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/discord/**', 'tests/discord/**', 'scripts/deploy-commands.ts', 'scripts/bench*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/index/hnswIndex.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
