import type { en } from './en.js';

/**
 * A language's messages: exactly English's keys, each a string. A key missing or extra in `fr` or
 * `de` fails the typecheck; test/unit/i18n-keys.test.ts also checks empty strings and placeholders.
 */
export type Messages<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
