import '../../../renderer/src/lib/zod-setup.js';
// Before anything renders: the language (the browser's, or the one chosen here) and html[lang].
import '../../../renderer/src/i18n/react.js';
import './i18n/index.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
