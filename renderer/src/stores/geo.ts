// Countries, states and cities for the address fields, from the portal, fetched once each.
import { create } from 'zustand';
import { call } from '../companion.js';

export interface Named {
  code: string;
  name: string;
}

interface GeoState {
  countries: Named[] | null;
  states: Record<string, Named[]>;
  cities: Record<string, string[]>;
  loadCountries(): Promise<void>;
  loadStates(country: string): Promise<void>;
  loadCities(country: string, state: string): Promise<void>;
}

let loadingCountries = false;

export const useGeo = create<GeoState>((set, get) => ({
  countries: null,
  states: {},
  cities: {},
  async loadCountries() {
    if (get().countries || loadingCountries) return;
    loadingCountries = true;
    try {
      set({ countries: await call('portal.geo.countries', {}) });
    } catch {
      /* the select keeps saying it is loading; the portal checks the code anyway */
    } finally {
      loadingCountries = false;
    }
  },
  async loadStates(country) {
    if (!/^[A-Z]{2}$/.test(country) || get().states[country]) return;
    try {
      const states = await call('portal.geo.states', { country });
      set({ states: { ...get().states, [country]: states } });
    } catch {
      /* free choice stays possible */
    }
  },
  async loadCities(country, state) {
    const key = `${country}-${state}`;
    if (!/^[A-Z]{2}$/.test(country) || !/^[A-Za-z0-9-]{1,10}$/.test(state) || get().cities[key]) return;
    try {
      const cities = await call('portal.geo.cities', { country, state });
      set({ cities: { ...get().cities, [key]: cities } });
    } catch {
      /* free text */
    }
  },
}));
