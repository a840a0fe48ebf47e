// Seeding a portal's database for tests and benchmarks that need thousands of systems: straight
// into its database (the SQLite file, or under PORTAL_TEST_ENGINE=postgres its PostgreSQL
// database), through the portal's own store and RegistrationService (so every rule,
// derived column, audit entry and mail is what the API would have written), while no portal
// process has it open. Start the portal on the same data folder afterwards.
import { City } from 'country-state-city';
import { RegistrationService } from '../../portal/services/registration-service.js';
import { openPortalStore } from '../../portal/store/open-store.js';
import type { AccountRow, PortalStore } from '../../portal/store/store.js';
import { RegisterInput } from '../../shared/portal/systems.js';
import { registrationForm } from './portal-accounts.js';
import { portalSql } from './portal-db.js';
import { portalDatabaseUrl } from './processes.js';

export interface Seeder {
  store: PortalStore;
  systems: RegistrationService;
  /** The time the next writes are stamped with. */
  setClock(ms: number): void;
  account(email: string): Promise<AccountRow>;
}

/**
 * Opens the data folder's database (migrating it), runs `seed`, and marks every queued mail as
 * sent so the portal, once started, does not spend the test writing thousands of messages.
 */
export async function seedPortal<T>(dataDir: string, seed: (seeder: Seeder) => Promise<T>): Promise<T> {
  const store = await openPortalStore({ dataDir, databaseUrl: (await portalDatabaseUrl(dataDir)) ?? undefined });
  let clock = Date.now();
  const seeder: Seeder = {
    store,
    systems: new RegistrationService(store, () => clock),
    setClock: (ms) => void (clock = ms),
    async account(email) {
      const account = await store.accountByEmail(email);
      if (!account) throw new Error(`No account ${email} on this portal: sign it up before seeding.`);
      return account;
    },
  };
  try {
    const result = await seed(seeder);
    await portalSql(dataDir, (db) => db.run('UPDATE mail_queue SET sent_at = ? WHERE sent_at IS NULL', new Date(clock).toISOString()));
    return result;
  } finally {
    store.close();
  }
}

/** Addresses from the portal's own data set, some with letters beyond ASCII (Alcalá, Zürich). */
const PLACES = (
  [
    ['FR', 'IDF'],
    ['DE', 'BE'],
    ['GB', 'ENG'],
    ['US', 'NY'],
    ['ES', 'MD'],
    ['CH', 'ZH'],
  ] as const
).flatMap(([country, state]) =>
  City.getCitiesOfState(country, state)
    .slice(0, 4)
    .map((c) => ({ country, state, city: c.name })),
);

export interface SeededSystem {
  systemId: string;
  siteName: string;
  city: string;
  country: string;
  confirmed: boolean;
}

export interface SeedSystemsOptions {
  integratorEmail: string;
  count: number;
  /** System IDs are `${prefix}-${i}`. */
  prefix: string;
  /** Every `confirmEvery`-th system gets this end user, invited, who consents: confirmed. */
  endUserEmail?: string;
  confirmEvery?: number;
  /** Systems share a last-change time in groups of this size, so ties are broken by registration. */
  perTimestamp?: number;
  startAt?: number;
}

/** `count` systems registered by one integrator, with varied site names, cities and countries. */
export async function seedSystems(dataDir: string, options: SeedSystemsOptions): Promise<SeededSystem[]> {
  const { count, prefix, confirmEvery = 5, perTimestamp = 7, startAt = Date.parse('2026-01-01T00:00:00Z') } = options;
  return seedPortal(dataDir, async ({ systems, setClock, account }) => {
    const integrator = await account(options.integratorEmail);
    const endUser = options.endUserEmail ? await account(options.endUserEmail) : null;
    const seeded: SeededSystem[] = [];
    for (let i = 0; i < count; i++) {
      setClock(startAt + Math.floor(i / perTimestamp) * 1000);
      const place = PLACES[(i * 7) % PLACES.length]!;
      // Mixed case, so sorting and searching must ignore it.
      const siteName = `${i % 2 ? 'site' : 'Site'} ${['North', 'south', 'East', 'west'][i % 4]} ${String((i * 7919) % count).padStart(5, '0')}`;
      const systemId = `${prefix}-${i}`;
      const form = registrationForm({ siteName });
      const installation = { ...form.installation, country: place.country, state: place.state, city: place.city };
      // Through the route's own schema, as the API would take it.
      await systems.register(systemId, RegisterInput.parse({ installation, siteAdministrator: form.siteAdministrator }), integrator);
      const confirmed = Boolean(endUser) && i % confirmEvery === 0;
      if (confirmed) {
        // Through the invitation's link, the only way to take the free place (the token as the mail would carry it).
        let token = '';
        await systems.invite(systemId, endUser!.email, integrator, {
          acceptInvitation: (t) => {
            token = t;
            return `https://portal.invalid/accept-invitation?token=${t}`;
          },
        });
        await systems.acceptInvitation(token, endUser!);
        await systems.register(systemId, RegisterInput.parse({ consent: { shareSystemInformation: true, sharePersonalInformation: true } }), endUser!);
      }
      seeded.push({ systemId, siteName, city: place.city, country: place.country, confirmed });
    }
    return seeded;
  });
}
