// Binds react-i18next's hooks (useTranslation, <Trans>) to the app's i18next instance, already
// initialised by ./index.ts; imported once, from main.tsx, before anything renders.
import { initReactI18next } from 'react-i18next';
import { i18n } from './index.js';

initReactI18next.init(i18n);
