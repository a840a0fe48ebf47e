import { useEffect, useState } from 'react';
import { call } from './companion.js';
import { SiteScreen } from './screens/SiteScreen.js';
import { followSiteEvents, useSite } from './stores/site.js';

export function App() {
  const [version, setVersion] = useState('');
  useEffect(() => {
    void call('app.info', {}).then((info) => setVersion(info.version), () => setVersion(''));
    void useSite.getState().load();
    return followSiteEvents();
  }, []);
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          BMS Companion{version && <span className="version">{version}</span>}
        </div>
        <a className="nav-item active" aria-current="page" href="#site">
          Site
        </a>
      </nav>
      <main className="content">
        <SiteScreen />
      </main>
    </div>
  );
}
