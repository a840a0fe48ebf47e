// Lint, including the layer rules of DESIGN.md: a rule that fails the build says it better
// than a paragraph.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib'];
const nodeImports = [
  { group: ['node:*'], message: 'This layer runs outside Node: no Node modules.' },
  ...NODE_BUILTINS.map((name) => ({ group: [name], message: 'This layer runs outside Node: no Node modules.' })),
];
const electronImport = { group: ['electron'], message: 'Only main/electron and preload may import electron.' };
const ipcBan = {
  selector: "MemberExpression[object.name=/^(ipcMain|ipcRenderer)$/]",
  message: 'Raw IPC belongs to the Electron host and the preload only; go through the contract.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.data/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // shared/ is imported by every part: no Node (except shared/node), no Electron, no DOM.
    files: ['shared/**/*.ts'],
    ignores: ['shared/node/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...nodeImports, electronImport] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeImports, electronImport, { group: ['**/main/**', '**/portal/**', '!**/shared/portal/**', '**/sim/**', '**/shared/node/**'], message: 'The renderer reaches main only through window.companion.' }] }],
    },
  },
  {
    // The portal's web app runs in the browser: it reaches the portal only through its HTTP API.
    files: ['portal/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeImports, electronImport, { group: ['**/main/**', '**/portal/*/**', '!**/portal/web/**', '**/sim/**', '**/shared/node/**'], message: 'The web app reaches the portal only through its HTTP API (shared/portal/api.ts).' }] }],
    },
  },
  {
    files: ['main/**/*.ts', 'portal/**/*.ts', 'sim/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['main/electron/**', 'portal/web/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronImport] }], 'no-restricted-syntax': ['error', ipcBan] },
  },
);
