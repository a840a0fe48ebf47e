// Builds every runnable part into dist/: the Electron main and preload, the browser-mode host and
// its bridge (esbuild), the renderer and the portal's web app (Vite).
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const common = { bundle: true, sourcemap: true, logLevel: 'warning', packages: 'external' };

await Promise.all([
  esbuild({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/main/electron-main.cjs', platform: 'node', format: 'cjs', target: 'node20', external: ['electron'] }),
  esbuild({ ...common, entryPoints: ['main/browser-main.ts'], outfile: 'dist/main/browser-main.mjs', platform: 'node', format: 'esm', target: 'node20' }),
  // A sandboxed preload can require only 'electron': everything else is bundled in.
  esbuild({ ...common, packages: undefined, entryPoints: ['preload/preload.ts'], outfile: 'dist/preload/preload.cjs', platform: 'node', format: 'cjs', target: 'chrome120', external: ['electron'] }),
  esbuild({ ...common, packages: undefined, entryPoints: ['renderer/bridge/ws-bridge.ts'], outfile: 'dist/bridge/bridge.js', platform: 'browser', format: 'iife', target: 'chrome120' }),
]);
await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });
// The Registration Portal's own web app (portal/web/), served by the portal at its address.
await vite({ configFile: 'portal/web/vite.config.ts', logLevel: 'warn' });
console.log('Built dist/.');
