// @ts-check
import eslint from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const RESTRICTED_PACKAGES = [
  { name: 'discord.js', message: 'Only src/discord talks to Discord.' },
  { name: 'hnswlib-node', message: 'Only src/index/hnswIndex.ts imports hnswlib-node.' },
];

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', 'coverage', 'scripts/*.mjs'] },
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
      'no-restricted-imports': ['error', { paths: RESTRICTED_PACKAGES }],
    },
  },
  {
    // The index stage sits below retrieval, answers, ingestion and the surfaces: it never reaches up to them.
    files: ['src/index/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: RESTRICTED_PACKAGES,
          patterns: [
            {
              group: [
                ...['answer', 'retrieval', 'generation', 'ingest', 'feedback', 'discord', 'cli'].map(
                  (stage) => `../${stage}/*`,
                ),
                ...['app', 'service', 'articleBotService', 'main'].map((file) => `../${file}.js`),
              ],
              message: 'src/index depends only on the stages below it (corpus, embeddings, config).',
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycle anywhere in the source: a cycle is two modules that cannot be understood (or loaded) apart,
    // and the stages must depend only on the stages below them.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
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
