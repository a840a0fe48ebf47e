// The companion's address fields (renderer/src/components/connected/Fields.tsx) ask its geo store
// for countries, states and cities, which the companion loads through its main process. In this
// app the same store loads them from the portal's own routes: the fields stay the companion's.
import { useGeo, type Named } from '../../../renderer/src/stores/geo.js';
import { api } from './api.js';

let loadingCountries = false;

useGeo.setState({
  async loadCountries() {
    if (useGeo.getState().countries || loadingCountries) return;
    loadingCountries = true;
    try {
      useGeo.setState({ countries: await api('countries') });
    } catch {
      /* the select keeps saying it is loading; the portal checks the code anyway */
    } finally {
      loadingCountries = false;
    }
  },
  async loadStates(country) {
    if (!/^[A-Z]{2}$/.test(country) || useGeo.getState().states[country]) return;
    try {
      const states: Named[] = await api('states', { params: { country } });
      useGeo.setState({ states: { ...useGeo.getState().states, [country]: states } });
    } catch {
      /* free choice stays possible */
    }
  },
  async loadCities(country, state) {
    const key = `${country}-${state}`;
    if (!/^[A-Z]{2}$/.test(country) || !/^[A-Za-z0-9-]{1,10}$/.test(state) || useGeo.getState().cities[key]) return;
    try {
      const cities = await api('cities', { params: { country, state } });
      useGeo.setState({ cities: { ...useGeo.getState().cities, [key]: cities } });
    } catch {
      /* free text */
    }
  },
});
