// Lint, including the process boundary (docs/architecture.md §3, modelled on VS Code's code-layering rule): each folder lists
// what it may not import. tsconfig.*.json enforce the same boundary for globals (DOM vs Node).
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'worker_threads', 'stream', 'url', 'util'];
const layer = (message, groups) => ({ group: groups, message });
const noElectron = layer('Only main/ may import electron (layering).', ['electron', 'electron/*']);
const noNode = layer('Portable code runs in the renderer too: no Node built-ins, ws or sqlite3 (layering).', [...NODE_BUILTINS, 'ws', 'sqlite3']);
const noMain = layer('Nothing imports main/ (layering).', ['**/main/**']);
const noRenderer = layer('Only renderer/ imports renderer/ (layering).', ['**/renderer/**']);
const noLayers = layer('feeds/ must not depend on layers/ (layering).', ['**/layers/**']);
const noHubSide = layer('Browser code must not import the hub side of feeds/ (layering).', ['**/feeds/hub/**', '**/feeds/store/**', '**/feeds/sources/**', '**/feeds/http/**', '**/feeds/region/load-*']);

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'build/**', 'dist/**', 'data/**', '**/*.mjs', 'eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': ['error', { allow: ['info', 'warn', 'error'] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-warning-comments': ['error', { terms: ['todo', 'fixme', 'xxx'], location: 'start' }],
    },
  },
  // Portable feeds code: protocol, state, per-feed logic, simulators, client, pipelines.
  { files: ['feeds/**/*.ts'], rules: restrict(noElectron, noNode, noMain, noRenderer, noLayers) },
  // Hub side of feeds: Node allowed.
  {
    files: ['feeds/hub/**/*.ts', 'feeds/store/**/*.ts', 'feeds/region/**/*.ts', 'feeds/sources/**/*.ts', 'feeds/http/**/*.ts', 'feeds/**/*.node.ts'],
    rules: restrict(noElectron, noMain, noRenderer, noLayers),
  },
  { files: ['layers/**/*.ts'], rules: restrict(noElectron, noNode, noMain, noRenderer, noHubSide) },
  { files: ['renderer/**/*.ts'], rules: restrict(noElectron, noNode, noMain, noHubSide) },
  { files: ['main/**/*.ts'], rules: restrict(noRenderer, noLayers) },
  // Tests, bench and scripts run in Node and may reach across layers to set up fixtures. Not inside layers/ or
  // renderer/: those folders hold browser code only (their tests live in test/layers and test/renderer).
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['layers/**', 'renderer/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
