// The offline screens' messages in English, French and German (see docs/architecture.md, Languages).
import type { Messages } from '../types.js';

const en = {};

export const offlineMessages: { en: typeof en; fr: Messages<typeof en>; de: Messages<typeof en> } = {
  en,
  fr: {},
  de: {},
};
