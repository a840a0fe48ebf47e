// Countries, states/provinces and cities from the country-state-city data set (ISO 3166 codes).
// Addresses are checked against it: a country from the list; a state when the country has any;
// a city from the state's list when the data set has one (its canonical spelling is kept).
import { City, Country, State } from 'country-state-city';
import { say } from '../shared/messages/say.js';
import type { FieldIssue } from './http/errors.js';

let cityIndex: Map<string, Map<string, string>> | null = null;
const stateIndex = new Map<string, ReturnType<typeof State.getStatesOfCountry>>();

/** The data set filters and sorts every state on each call: once per country is enough. */
function statesOfCountry(country: string) {
  let states = stateIndex.get(country);
  if (!states) stateIndex.set(country, (states = State.getStatesOfCountry(country)));
  return states;
}

/** Built on first use: one pass over the ~150,000 cities instead of a scan per check. */
function citiesByState() {
  if (!cityIndex) {
    cityIndex = new Map();
    for (const c of City.getAllCities()) {
      const key = `${c.countryCode}-${c.stateCode}`;
      let names = cityIndex.get(key);
      if (!names) cityIndex.set(key, (names = new Map()));
      names.set(c.name.toLowerCase(), c.name);
    }
  }
  return cityIndex;
}

export const warmGeo = () => void citiesByState();

export const countryName = (code: string) => Country.getCountryByCode(code)?.name ?? null;
export const countries = () => Country.getAllCountries().map((c) => ({ code: c.isoCode, name: c.name }));
export const statesOf = (country: string) => statesOfCountry(country).map((s) => ({ code: s.isoCode, name: s.name }));
export const citiesOf = (country: string, state: string) => [...(citiesByState().get(`${country}-${state}`)?.values() ?? [])].sort();

export interface Address {
  country: string;
  state: string;
  city: string;
}

/** Checks an address in place: on success `city` holds the data set's spelling. */
export function checkAddress(address: Address, prefix: string): FieldIssue[] {
  const country = Country.getCountryByCode(address.country);
  if (!country) return [{ path: `${prefix}.country`, message: say('portal.unknownCountry', { country: address.country }) }];
  const states = statesOfCountry(address.country);
  if (states.length === 0) {
    if (address.state) return [{ path: `${prefix}.state`, message: say('portal.noStates', { country: country.name }) }];
    return [];
  }
  const state = states.find((s) => s.isoCode === address.state);
  if (!state) {
    return [{ path: `${prefix}.state`, message: address.state ? say('portal.unknownState', { state: address.state, country: country.name }) : say('portal.chooseState', { country: country.name }) }];
  }
  const cities = citiesByState().get(`${address.country}-${address.state}`);
  if (cities && cities.size > 0) {
    const canonical = cities.get(address.city.toLowerCase());
    if (!canonical) return [{ path: `${prefix}.city`, message: say('portal.unknownCity', { city: address.city, state: state.name, country: country.name }) }];
    address.city = canonical;
  }
  return [];
}
