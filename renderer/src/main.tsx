import './lib/zod-setup.js';
// Before anything renders: the language (the system's, or the one chosen in the app) and html[lang].
import './i18n/react.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
