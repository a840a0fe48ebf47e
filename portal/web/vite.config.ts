import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The Registration Portal's own web app: built to dist/portal-web, served by the portal at its
// address (portal/http/web-app.ts) under a CSP that allows only 'self'.
export default defineConfig({
  root: 'portal/web',
  // Absolute: the app answers at nested addresses (/organization/co-workers).
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/portal-web',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // No inline scripts or data: modules: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
