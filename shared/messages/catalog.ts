// Every sentence main, the portal and the shared schemas say to a person, by area, in English,
// French and German. English is what travels (logs, files, API answers); the renderer recognises
// a sentence it receives and shows it in the person's language (docs/languages.md).
import type { MessageArea } from './area.js';
import { common } from './areas/common.js';
import { ews } from './areas/ews.js';
import { fields } from './areas/fields.js';
import { licenses } from './areas/licenses.js';
import { organizations } from './areas/organizations.js';
import { partners } from './areas/partners.js';
import { portal } from './areas/portal.js';
import { registration } from './areas/registration.js';
import { site } from './areas/site.js';

const areas = { common, site, registration, ews, fields, portal, partners, organizations, licenses } satisfies Record<string, MessageArea>;
type Areas = typeof areas;

type In<L extends 'en' | 'fr' | 'de'> = { [A in keyof Areas]: Areas[A][L] };
const pick = <L extends 'en' | 'fr' | 'de'>(language: L) => Object.fromEntries(Object.entries(areas).map(([name, area]) => [name, area[language]])) as In<L>;

export const MESSAGES = { en: pick('en'), fr: pick('fr'), de: pick('de') };
